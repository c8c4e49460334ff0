"""A wizard step page: guidance, the step's own answers, its lists and where its buttons lead."""

from html import unescape

import pytest
from django.db.models import CharField, TextField
from django.utils import timezone

from stage1.methodology.models import Rule
from stage1.projects.models import Milestone, NeedStep, Project, Stakeholder
from stage1.projects.steps import STEPS, get_step, next_step
from stage1.projects.views.steps import SAVE_ACTIONS
from tests.content import fixture_rules
from tests.projects.factories import STEP_ANSWERS, make_milestone, make_stakeholder, record_of, step_post, unchanged_answers
from tests.projects.helpers import (
    ERROR_SUMMARY,
    STEP_IDS,
    assert_shows,
    check_answers_url,
    item_add_url,
    item_change_url,
    item_remove_url,
    login_url_for,
    step_url,
    task_list_url,
    text_of,
)

pytestmark = pytest.mark.django_db

every_step = pytest.mark.parametrize("step", STEPS, ids=STEP_IDS)


def _stored_answers(project, step_slug: str) -> dict:
    record = record_of(project, step_slug)
    return {name: getattr(record, name) for name in STEP_ANSWERS[step_slug] if name != "lead"}


# Reading a step


@every_step
@pytest.mark.parametrize("persona", ["owner_client", "editor_client"])
def test_writers_see_the_step_form_with_the_rules_guidance(request, persona, step, project, methodology):
    rule = Rule.objects.get(slug=step.slug)

    response = request.getfixturevalue(persona).get(step_url(project, step.slug))

    assert response.status_code == 200
    assert_shows(response, rule.title, rule.summary, rule.actions.first().text)
    content = text_of(response)
    assert "Guidance for this rule" in content
    assert 'name="base_version"' in content
    assert "Save and continue" in content
    assert "Save and return to the task list" in content
    for kind in step.items:
        # A list with its own editor (the RACI grid) is changed there, the others one item or one row at a time.
        assert (f'value="grid:{kind.slug}"' if kind.editor_url_name else f'value="add:{kind.slug}"') in content


@every_step
def test_a_viewer_reads_a_step_without_a_form(viewer_client, step, project, methodology):
    rule = Rule.objects.get(slug=step.slug)

    response = viewer_client.get(step_url(project, step.slug))

    assert response.status_code == 200
    assert_shows(response, rule.title, rule.summary)
    content = text_of(response)
    assert 'name="base_version"' not in content
    assert "Save and continue" not in content
    assert 'value="add:' not in content


def test_a_viewer_reads_the_saved_answers_and_items(viewer_client, project):
    NeedStep.objects.filter(project=project).update(problem="Permits arrive late")
    make_stakeholder(project, "Traffic police")

    need = viewer_client.get(step_url(project, "need"))
    stakeholders = viewer_client.get(step_url(project, "stakeholders"))

    assert_shows(need, "Permits arrive late")
    assert_shows(stakeholders, "Traffic police")
    assert 'value="change:' not in text_of(stakeholders)


@every_step
def test_a_viewer_cannot_save_a_step(viewer_client, step, project):
    before = record_of(project, step.slug).version

    response = viewer_client.post(step_url(project, step.slug), step_post(project, step.slug))

    assert response.status_code == 403
    assert record_of(project, step.slug).version == before


@every_step
def test_an_outsider_gets_404_for_a_step(outsider_client, step, project):
    url = step_url(project, step.slug)

    assert outsider_client.get(url).status_code == 404
    assert outsider_client.post(url, step_post(project, step.slug)).status_code == 404
    assert record_of(project, step.slug).version == 1


@every_step
def test_an_anonymous_visitor_is_sent_to_login_from_a_step(client, step, project):
    url = step_url(project, step.slug)

    for response in (client.get(url), client.post(url, step_post(project, step.slug))):
        assert response.status_code == 302
        assert response["Location"] == login_url_for(url)
    assert record_of(project, step.slug).version == 1


def test_an_archived_project_is_read_only_even_for_its_owner(owner_client, project):
    Project.objects.filter(pk=project.pk).update(archived_at=timezone.now())
    url = step_url(project, "need")

    page = owner_client.get(url)
    response = owner_client.post(url, step_post(project, "need"))

    assert page.status_code == 200
    assert "Save and continue" not in text_of(page)
    assert response.status_code == 403
    assert record_of(project, "need").version == 1


def test_an_unknown_step_is_404(owner_client, project):
    assert owner_client.get(step_url(project, "budget")).status_code == 404
    assert owner_client.post(step_url(project, "budget"), {"action": "continue"}).status_code == 404


# Saving a step


@every_step
def test_save_and_continue_saves_the_answers_and_goes_to_the_next_step(editor_client, editor, step, project):
    response = editor_client.post(step_url(project, step.slug), step_post(project, step.slug))

    following = next_step(step)
    expected = step_url(project, following.slug) if following else check_answers_url(project)
    assert response.status_code == 302
    assert response["Location"] == expected
    record = record_of(project, step.slug)
    assert record.version == 2
    assert record.updated_by == editor
    assert _stored_answers(project, step.slug) == {name: value for name, value in STEP_ANSWERS[step.slug].items() if name != "lead"}


def test_save_and_continue_on_the_last_step_goes_to_check_your_answers(owner_client, project):
    response = owner_client.post(step_url(project, STEPS[-1].slug), step_post(project, STEPS[-1].slug))

    assert response["Location"] == check_answers_url(project)


@every_step
def test_save_and_return_keeps_a_draft_and_goes_to_the_task_list(owner_client, step, project):
    data = dict.fromkeys(STEP_ANSWERS[step.slug], "")
    first_text = next(name for name, value in STEP_ANSWERS[step.slug].items() if value and not value[0].isdigit())
    data[first_text] = "Only this, for now"
    data.update(base_version=1, action="return")
    if "decision" in data:
        data["decision"] = "pending"

    response = owner_client.post(step_url(project, step.slug), data)

    assert response.status_code == 302
    assert response["Location"] == task_list_url(project)
    assert getattr(record_of(project, step.slug), first_text) == "Only this, for now"
    banner = text_of(owner_client.get(response["Location"]))
    assert "govuk-notification-banner--success" in banner
    assert "saved" in banner


def test_saving_a_step_bumps_the_projects_version(owner_client, project):
    owner_client.post(step_url(project, "need"), step_post(project, "need"))

    assert Project.objects.get(pk=project.pk).revision == project.revision + 1


def test_the_team_lead_is_chosen_from_the_teams_members(owner_client, project):
    from tests.projects.factories import make_team_member

    lead = make_team_member(project, "Ana Lopez")

    response = owner_client.post(step_url(project, "team"), step_post(project, "team", lead=lead.pk))

    assert response.status_code == 302
    assert record_of(project, "team").lead == lead


def test_another_projects_team_member_cannot_be_the_lead(owner_client, project, other_project):
    from stage1.projects.models import TeamMember

    stranger = TeamMember.objects.get(project=other_project)

    response = owner_client.post(step_url(project, "team"), step_post(project, "team", lead=stranger.pk))

    assert response.status_code == 200
    assert ERROR_SUMMARY in text_of(response)
    assert record_of(project, "team").lead is None


# Invalid input


def _too_long_field(step):
    """The first text field of the step's form with a length limit."""
    for name in STEP_ANSWERS[step.slug]:
        model_field = step.model._meta.get_field(name)
        if isinstance(model_field, CharField | TextField) and not model_field.choices and model_field.max_length:
            return name, model_field.max_length
    raise AssertionError(f"no limited text field on {step.slug}")


@every_step
def test_too_long_an_answer_shows_the_error_summary_and_keeps_everything_typed(owner_client, step, project):
    name, limit = _too_long_field(step)
    typed = step_post(project, step.slug)
    typed[name] = "Too long: " + "x" * limit

    response = owner_client.post(step_url(project, step.slug), typed)

    assert response.status_code == 200
    assert ERROR_SUMMARY in text_of(response)
    assert f"must be {limit:,} characters or fewer" in text_of(response)
    assert_shows(response, *(value for key, value in typed.items() if key not in ("action", "base_version", "decision", "lead") and value))
    assert record_of(project, step.slug).version == 1
    assert getattr(record_of(project, step.slug), name) == ""


def test_the_who_asked_answer_is_limited_to_200_characters(owner_client, project):
    typed = step_post(project, "need", requested_by="R" * 201)

    response = owner_client.post(step_url(project, "need"), typed)

    assert response.status_code == 200
    assert "The answer to “Who asked for this service?” must be 200 characters or fewer" in text_of(response)
    assert_shows(response, "R" * 201, typed["problem"], typed["legal_basis"])
    assert NeedStep.objects.get(project=project).requested_by == ""


def test_a_nul_byte_is_a_form_error_and_nothing_is_saved(owner_client, project):
    typed = step_post(project, "need", problem="Before\x00after")

    response = owner_client.post(step_url(project, "need"), typed)

    assert response.status_code == 200
    assert ERROR_SUMMARY in text_of(response)
    assert "The answer to “What is the problem?” contains a null character" in text_of(response)
    assert_shows(response, typed["affected"], typed["evidence"], typed["requested_by"])
    need = NeedStep.objects.get(project=project)
    assert need.version == 1
    assert need.affected == ""


def test_an_impossible_date_is_a_form_error_that_keeps_the_other_answers(owner_client, project):
    typed = step_post(project, "objective", decided_on_0="31", decided_on_1="2", decided_on_2="2026")

    response = owner_client.post(step_url(project, "objective"), typed)

    assert response.status_code == 200
    assert ERROR_SUMMARY in text_of(response)
    content = text_of(response)
    for part, value in (("0", "31"), ("1", "2"), ("2", "2026")):
        assert f'name="decided_on_{part}" value="{value}"' in content
    assert_shows(response, typed["vision"], typed["concept_name"])
    assert record_of(project, "objective").vision == ""


def test_half_a_date_is_a_form_error(owner_client, project):
    typed = step_post(project, "objective", decided_on_0="", decided_on_1="2", decided_on_2="2026")

    response = owner_client.post(step_url(project, "objective"), typed)

    assert response.status_code == 200
    assert ERROR_SUMMARY in text_of(response)
    assert record_of(project, "objective").version == 1


def test_a_missing_base_version_is_a_form_error_not_a_crash(owner_client, project):
    typed = step_post(project, "need")
    del typed["base_version"]

    response = owner_client.post(step_url(project, "need"), typed)

    assert response.status_code == 200
    assert record_of(project, "need").version == 1


def test_an_unknown_choice_is_a_form_error(owner_client, project):
    response = owner_client.post(step_url(project, "objective"), step_post(project, "objective", decision="maybe"))

    assert response.status_code == 200
    assert ERROR_SUMMARY in text_of(response)
    assert record_of(project, "objective").version == 1


# The item buttons inside the step form


def test_the_add_button_saves_the_typed_answers_then_opens_the_add_page(owner_client, project):
    typed = step_post(project, "stakeholders", action="add:stakeholder")

    response = owner_client.post(step_url(project, "stakeholders"), typed)

    assert response.status_code == 302
    assert response["Location"] == item_add_url(project, "stakeholders", "stakeholder")
    assert record_of(project, "stakeholders").engagement_approach == typed["engagement_approach"]


@pytest.mark.parametrize("verb", ["change", "remove"])
def test_the_change_and_remove_buttons_save_then_open_the_items_page(owner_client, project, verb):
    stakeholder = make_stakeholder(project)
    typed = step_post(project, "stakeholders", action=f"{verb}:stakeholder:{stakeholder.pk}")

    response = owner_client.post(step_url(project, "stakeholders"), typed)

    page = item_change_url if verb == "change" else item_remove_url
    assert response["Location"] == page(project, "stakeholders", "stakeholder", stakeholder.pk)
    assert record_of(project, "stakeholders").engagement_approach == typed["engagement_approach"]


@pytest.mark.parametrize("verb", ["change", "remove", "add"])
def test_an_item_button_with_nothing_typed_saves_nothing_and_opens_the_items_page(owner_client, project, verb):
    # A save would make a new revision: approvals given on the last one would have to be given again.
    stakeholder = make_stakeholder(project)
    record = record_of(project, "stakeholders")
    revision = Project.objects.get(pk=project.pk).revision
    history = type(record).history.filter(project_id=project.pk).count()
    action = f"{verb}:stakeholder" + ("" if verb == "add" else f":{stakeholder.pk}")

    response = owner_client.post(step_url(project, "stakeholders"), {**unchanged_answers(project, "stakeholders"), "action": action})

    pages = {"change": item_change_url, "remove": item_remove_url}
    expected = (
        item_add_url(project, "stakeholders", "stakeholder")
        if verb == "add"
        else pages[verb](project, "stakeholders", "stakeholder", stakeholder.pk)
    )
    assert response["Location"] == expected
    assert Project.objects.get(pk=project.pk).revision == revision
    assert record_of(project, "stakeholders").version == record.version
    assert type(record).history.filter(project_id=project.pk).count() == history
    assert "were saved" not in text_of(owner_client.get(response["Location"]))


def test_an_item_button_with_nothing_typed_leaves_another_editors_open_form_current(owner_client, editor_client, project):
    stakeholder = make_stakeholder(project)
    opened_by_editor = step_post(project, "stakeholders")

    owner_client.post(
        step_url(project, "stakeholders"), {**unchanged_answers(project, "stakeholders"), "action": f"change:stakeholder:{stakeholder.pk}"}
    )
    response = editor_client.post(step_url(project, "stakeholders"), opened_by_editor)

    assert response.status_code == 302, "the editor's save met a conflict though nobody changed anything"
    assert record_of(project, "stakeholders").engagement_approach == opened_by_editor["engagement_approach"]


@pytest.mark.parametrize("action", SAVE_ACTIONS)
def test_a_save_with_nothing_typed_writes_nothing_and_says_the_answers_are_saved(owner_client, project, action):
    owner_client.post(step_url(project, "need"), step_post(project, "need", action="save"))
    record = record_of(project, "need")
    revision = Project.objects.get(pk=project.pk).revision
    history = type(record).history.filter(project_id=project.pk).count()

    response = owner_client.post(step_url(project, "need"), {**unchanged_answers(project, "need"), "action": action})

    following = {"save": step_url(project, "need"), "continue": step_url(project, next_step(get_step("need")).slug)}
    assert response["Location"] == following.get(action, task_list_url(project))
    assert Project.objects.get(pk=project.pk).revision == revision
    assert record_of(project, "need").version == record.version
    assert type(record).history.filter(project_id=project.pk).count() == history
    banner = unescape(text_of(owner_client.get(response["Location"])))
    assert "were saved." in banner
    assert "Nothing had changed." in banner


def test_a_save_with_nothing_typed_on_a_page_someone_else_saved_since_is_a_conflict(owner_client, editor_client, project):
    opened_by_owner = {**unchanged_answers(project, "need"), "action": "continue"}
    editor_client.post(step_url(project, "need"), step_post(project, "need", action="save"))

    response = owner_client.post(step_url(project, "need"), opened_by_owner)

    # The page the owner still shows differs from what is stored now: pressing Save would replace the editor's answers.
    assert response.status_code == 409
    assert record_of(project, "need").problem == STEP_ANSWERS["need"]["problem"]


def test_a_move_with_nothing_typed_moves_the_item_and_saves_nothing_else(owner_client, project):
    first, second = make_milestone(project, "Discovery finished"), make_milestone(project, "Beta live")
    record = record_of(project, "plan")

    response = owner_client.post(step_url(project, "plan"), {**unchanged_answers(project, "plan"), "action": f"up:milestone:{second.pk}"})

    assert response["Location"] == step_url(project, "plan") + "#milestone-list"
    order = list(Milestone.objects.filter(project=project).order_by("position").values_list("pk", flat=True))
    assert order == [second.pk, first.pk]
    assert record_of(project, "plan").version == record.version
    followed = text_of(owner_client.get(response["Location"]))
    assert "Beta live moved up." in unescape(followed).replace("\u2068", "").replace("\u2069", "")
    assert "were saved" not in followed


@pytest.mark.parametrize(
    "action",
    [
        "add:milestone",  # a list of another step
        "add:stakeholder:7",
        "change:stakeholder",
        "change:stakeholder:abc",
        "remove:stakeholder:-1",
        "delete:stakeholder:1",
        "add:",
        "//evil.example/",
        "https://evil.example/",
        "",
        "save",
    ],
)
def test_an_unknown_action_saves_and_stays_on_the_step(owner_client, project, action):
    response = owner_client.post(step_url(project, "stakeholders"), step_post(project, "stakeholders", action=action))

    assert response.status_code == 302
    assert response["Location"] == step_url(project, "stakeholders")
    assert record_of(project, "stakeholders").version == 2


def test_an_item_button_with_invalid_answers_stays_on_the_step_with_the_errors(owner_client, project):
    typed = step_post(project, "stakeholders", action="add:stakeholder", engagement_approach="E" * 3001)

    response = owner_client.post(step_url(project, "stakeholders"), typed)

    assert response.status_code == 200
    assert ERROR_SUMMARY in text_of(response)
    assert_shows(response, "E" * 3001)
    assert not Stakeholder.objects.filter(project=project).exists()


def test_a_step_lists_its_items_with_change_and_remove_buttons(owner_client, project):
    stakeholder = make_stakeholder(project, "Traffic police", organisation="Regional police")

    response = owner_client.get(step_url(project, "stakeholders"))

    assert_shows(response, "Traffic police", "Regional police")
    content = text_of(response)
    assert f'value="change:stakeholder:{stakeholder.pk}"' in content
    assert f'value="remove:stakeholder:{stakeholder.pk}"' in content


def test_a_step_of_another_project_shows_only_this_projects_items(owner_client, project, other_project):
    response = owner_client.get(step_url(project, "stakeholders"))

    assert "Stakeholder 1" not in text_of(response)
    assert "No stakeholders yet." in text_of(response)


def test_every_step_is_in_the_registry_once():
    # One step per golden rule of the fixture.
    assert len({step.slug for step in STEPS}) == len(STEPS) == len(fixture_rules())
    assert get_step("need") is STEPS[0]
