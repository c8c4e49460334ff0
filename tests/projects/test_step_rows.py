"""Several items from the step page itself: new rows ("add another"), moving, inserting, and the loop back to check your answers."""

import re
from html.parser import HTMLParser

import pytest
from django.urls import reverse

from stage1.projects.models import JourneyStep, KeyDecision, Milestone, Project, Stakeholder, TeamMember
from stage1.projects.rows import in_place_kinds
from stage1.projects.steps import STEPS
from tests.projects.factories import (
    fill_lists,
    make_decision,
    make_milestone,
    make_stakeholder,
    make_team_member,
    make_user_group,
    make_user_path,
    record_of,
    step_post,
)

pytestmark = pytest.mark.django_db


def step_url(project, step_slug, query=""):
    return reverse("projects:step", kwargs={"slug": project.slug, "step_slug": step_slug}) + query


def rows_post(kind_slug: str, rows: list[dict]) -> dict:
    """A kind's new rows as the step page posts them: the management form, then each row's fields."""
    prefix = f"new-{kind_slug}"
    data = {f"{prefix}-TOTAL_FORMS": str(len(rows)), f"{prefix}-INITIAL_FORMS": "0"}
    for index, row in enumerate(rows):
        data[f"{prefix}-{index}-base_version"] = "0"
        data.update({f"{prefix}-{index}-{name}": value for name, value in row.items()})
    return data


def revision(project) -> int:
    return Project.objects.get(pk=project.pk).revision


# The registry -------------------------------------------------------------


@pytest.mark.parametrize("kind", STEPS.kinds(), ids=lambda kind: kind.slug)
def test_in_place_fields_hold_every_required_field_of_the_form(kind):
    """A row that cannot show a required field could never be saved."""
    if not kind.in_place_fields:
        pytest.skip("This list is only added to on its own page or in its own editor.")
    fields = kind.form_class.base_fields
    assert set(kind.in_place_fields) <= set(kind.fields)
    required = {name for name, field in fields.items() if field.required and name != "base_version"}
    assert required <= set(kind.in_place_fields)


@pytest.mark.parametrize("step", STEPS, ids=lambda step: step.slug)
def test_every_in_place_list_offers_an_empty_row_on_its_step_page(owner_client, project, step):
    page = owner_client.get(step_url(project, step.slug)).content.decode()
    for kind in in_place_kinds(step):
        assert f'id="new-{kind.slug}"' in page
        assert f'name="new-{kind.slug}-TOTAL_FORMS"' in page
        for name in kind.in_place_fields:
            assert f'name="new-{kind.slug}-0-{name}"' in page
        # The copy JavaScript takes for more rows.
        assert f'name="new-{kind.slug}-__prefix__-{kind.in_place_fields[0]}"' in page


# New rows -----------------------------------------------------------------


def test_rows_are_added_with_the_answers_in_one_save(editor_client, project, editor):
    before = revision(project)
    rows = [
        {"name": "Traffic police", "organisation": "Regional police", "kind": "regulator"},
        {"name": "Residents' association", "organisation": "", "kind": "user_rep"},
        {"name": "", "organisation": "", "kind": "public_body"},  # left empty: ignored
    ]
    data = {**step_post(project, "stakeholders", engagement_approach="A monthly board"), **rows_post("stakeholder", rows)}
    response = editor_client.post(step_url(project, "stakeholders"), data)
    assert response.status_code == 302
    added = list(Stakeholder.objects.filter(project=project).order_by("position"))
    assert [s.name for s in added] == [row["name"] for row in rows if row["name"]]
    assert [s.position for s in added] == list(range(1, len(added) + 1))
    assert all(s.updated_by == editor for s in added)
    assert record_of(project, "stakeholders").engagement_approach == "A monthly board"
    # One save: the project's revision moves once, however many rows.
    assert revision(project) == before + 1
    banner = editor_client.get(response.url).content.decode()
    assert f"{len(added)} items added" in banner


def test_new_rows_go_after_the_items_already_there(editor_client, project):
    existing = make_stakeholder(project, "Highways department")
    data = {**step_post(project, "stakeholders"), **rows_post("stakeholder", [{"name": "Bus company", "kind": "supplier"}])}
    editor_client.post(step_url(project, "stakeholders"), data)
    new = Stakeholder.objects.get(project=project, name="Bus company")
    assert new.position > existing.position


def test_a_bad_row_saves_nothing_and_keeps_everything_typed(editor_client, project):
    before = revision(project)
    rows = [
        {"name": "Traffic police", "kind": "regulator"},
        {"name": "", "organisation": "Somebody typed only this", "kind": "public_body"},
    ]
    data = {**step_post(project, "stakeholders", engagement_approach="Typed but not saved"), **rows_post("stakeholder", rows)}
    response = editor_client.post(step_url(project, "stakeholders"), data)
    assert response.status_code == 200
    page = response.content.decode()
    assert not Stakeholder.objects.filter(project=project).exists()
    assert revision(project) == before
    assert record_of(project, "stakeholders").engagement_approach != "Typed but not saved"
    # Everything typed is on the page again, and the error names the row and links to its field.
    for text in ("Traffic police", "Somebody typed only this", "Typed but not saved"):
        assert text in page
    assert 'class="govuk-error-summary"' in page
    assert "new row 2" in page
    assert 'href="#id_new-stakeholder-1-name"' in page
    assert "<title>Error:" in page


def test_add_another_saves_and_comes_back_to_the_rows(editor_client, project):
    data = {
        **step_post(project, "stakeholders", action="another:stakeholder"),
        **rows_post("stakeholder", [{"name": "Bus company", "kind": "supplier"}]),
    }
    response = editor_client.post(step_url(project, "stakeholders"), data)
    assert response.status_code == 302
    assert response.url == step_url(project, "stakeholders") + "#new-stakeholder"
    assert Stakeholder.objects.filter(project=project, name="Bus company").exists()


def test_more_rows_than_the_cap_are_refused_with_a_message(editor_client, project):
    from stage1.projects.rows import MAX_NEW_ROWS

    rows = [{"name": f"Body {n}", "kind": "public_body"} for n in range(MAX_NEW_ROWS + 1)]
    data = {**step_post(project, "stakeholders"), **rows_post("stakeholder", rows)}
    response = editor_client.post(step_url(project, "stakeholders"), data)
    assert response.status_code == 200
    assert not Stakeholder.objects.filter(project=project).exists()
    assert "govuk-error-summary" in response.content.decode()


def test_a_row_may_only_choose_among_this_projects_items(editor_client, project, owner):
    from stage1.projects.services import project_create

    other = project_create(user=owner, title="Another project", organisation="Elsewhere")
    foreign = make_team_member(other, "Not in this project")
    data = {**step_post(project, "plan"), **rows_post("milestone", [{"name": "Alpha", "owner_member": str(foreign.pk)}])}
    response = editor_client.post(step_url(project, "plan"), data)
    assert response.status_code == 200
    assert not Milestone.objects.filter(project=project).exists()


def test_viewers_cannot_post_rows(viewer_client, project):
    data = {**step_post(project, "stakeholders"), **rows_post("stakeholder", [{"name": "Bus company", "kind": "supplier"}])}
    assert viewer_client.post(step_url(project, "stakeholders"), data).status_code == 403
    assert not Stakeholder.objects.filter(project=project).exists()


def test_rows_are_kept_when_the_answers_conflict(editor_client, owner_client, project):
    data = {
        **step_post(project, "stakeholders", engagement_approach="Mine"),
        **rows_post("stakeholder", [{"name": "Bus company", "kind": "supplier"}]),
    }
    # Someone else saves the step's answers after the page was opened.
    owner_client.post(step_url(project, "stakeholders"), step_post(project, "stakeholders", engagement_approach="Theirs"))
    response = editor_client.post(step_url(project, "stakeholders"), data)
    assert response.status_code == 409
    assert Stakeholder.objects.filter(project=project, name="Bus company").exists()
    assert record_of(project, "stakeholders").engagement_approach == "Theirs"


def test_a_post_without_rows_still_saves_the_answers(editor_client, project):
    """The conflict page's re-apply form carries the answers only."""
    response = editor_client.post(step_url(project, "need"), step_post(project, "need", problem="Only the answers"))
    assert response.status_code == 302
    assert record_of(project, "need").problem == "Only the answers"


# Order ----------------------------------------------------------------------


def test_moving_a_milestone_up_and_down(editor_client, project):
    first, second, third = (make_milestone(project, name) for name in ("First", "Second", "Third"))

    def order():
        return list(Milestone.objects.filter(project=project).order_by("position", "id").values_list("name", flat=True))

    editor_client.post(step_url(project, "plan"), step_post(project, "plan", action=f"up:milestone:{third.pk}"))
    assert order() == ["First", "Third", "Second"]
    editor_client.post(step_url(project, "plan"), step_post(project, "plan", action=f"down:milestone:{first.pk}"))
    assert order() == ["Third", "First", "Second"]
    # The first cannot go further up; nothing changes.
    editor_client.post(step_url(project, "plan"), step_post(project, "plan", action=f"up:milestone:{third.pk}"))
    assert order() == ["Third", "First", "Second"]


def test_journey_steps_move_within_their_own_path(editor_client, project):
    group = make_user_group(project)
    path_a, path_b = make_user_path(project, "Apply", group), make_user_path(project, "Renew", group)
    a1 = JourneyStep.objects.create(project=project, path=path_a, description="A1", position=1)
    b1 = JourneyStep.objects.create(project=project, path=path_b, description="B1", position=1)
    JourneyStep.objects.create(project=project, path=path_b, description="B2", position=2)
    # The first step of a path cannot move into another path.
    editor_client.post(step_url(project, "user-paths"), step_post(project, "user-paths", action=f"up:journey-step:{b1.pk}"))
    assert list(path_b.journey_steps.order_by("position").values_list("description", flat=True)) == ["B1", "B2"]
    editor_client.post(step_url(project, "user-paths"), step_post(project, "user-paths", action=f"down:journey-step:{b1.pk}"))
    assert list(path_b.journey_steps.order_by("position").values_list("description", flat=True)) == ["B2", "B1"]
    assert JourneyStep.objects.get(pk=a1.pk).position == 1


def test_inserting_a_journey_step_between_two_others(editor_client, project):
    path = make_user_path(project, "Apply", make_user_group(project))
    first = JourneyStep.objects.create(project=project, path=path, description="Find the service", position=1)
    JourneyStep.objects.create(project=project, path=path, description="Pay", position=2)
    response = editor_client.post(
        step_url(project, "user-paths"), step_post(project, "user-paths", action=f"insert:journey-step:{first.pk}")
    )
    assert response.status_code == 302
    add_page = response.url
    assert f"after={first.pk}" in add_page and f"path={path.pk}" in add_page
    form = editor_client.get(add_page).content.decode()
    assert f'<option value="{path.pk}" selected>' in form
    editor_client.post(add_page, {"path": path.pk, "description": "Sign in", "channel": "online", "base_version": 0})
    order = list(path.journey_steps.order_by("position", "id").values_list("description", flat=True))
    assert order == ["Find the service", "Sign in", "Pay"]


def test_insert_after_an_item_of_another_project_is_not_found(editor_client, project, owner):
    from stage1.projects.services import project_create

    other = project_create(user=owner, title="Another project", organisation="Elsewhere")
    foreign = JourneyStep.objects.create(project=other, path=make_user_path(other), description="Theirs", position=1)
    url = reverse("projects:item_add", kwargs={"slug": project.slug, "step_slug": "user-paths", "kind_slug": "journey-step"})
    assert editor_client.get(url + f"?after={foreign.pk}").status_code == 404
    assert editor_client.get(url + "?after=x").status_code == 404


# Buttons ------------------------------------------------------------------


class _Controls(HTMLParser):
    """Accessible names of buttons and links (their text, visually hidden parts included) with where each leads."""

    def __init__(self):
        super().__init__()
        self.found, self._open = [], None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in ("button", "a") and attrs.get("aria-hidden") != "true":
            self._open = [attrs.get("aria-label") or "", attrs.get("value") or attrs.get("href") or "", []]

    def handle_data(self, data):
        if self._open is not None:
            self._open[2].append(data)

    def handle_endtag(self, tag):
        if tag in ("button", "a") and self._open is not None:
            label, target, text = self._open
            self.found.append((label or re.sub(r"\s+", " ", "".join(text)).strip(), target))
            self._open = None


@pytest.mark.parametrize("step", STEPS, ids=lambda step: step.slug)
def test_no_two_controls_share_a_name_and_lead_to_different_items(owner_client, project, step):
    fill_lists(project, 3)
    # Two items with the same text: their buttons must still differ.
    for kind in step.items:
        if kind.editor_url_name:
            continue
        first = kind.model.objects.filter(project=project).order_by("position", "id").first()
        second = kind.model.objects.filter(project=project).order_by("position", "id")[1]
        text_field = kind.columns[0]
        if isinstance(getattr(first, text_field), str):
            kind.model.objects.filter(pk=second.pk).update(**{text_field: getattr(first, text_field)})
    parser = _Controls()
    parser.feed(owner_client.get(step_url(project, step.slug)).content.decode())
    targets: dict[str, set[str]] = {}
    for name, target in parser.found:
        targets.setdefault(name, set()).add(target)
    shared = {name: sorted(where) for name, where in targets.items() if len(where) > 1}
    assert not shared


# Check your answers loops back --------------------------------------------


@pytest.mark.parametrize("step", STEPS, ids=lambda step: step.slug)
def test_change_from_check_your_answers_returns_there_with_a_banner(editor_client, project, step):
    check = reverse("projects:check_answers", kwargs={"slug": project.slug})
    page = editor_client.get(check).content.decode()
    link = step_url(project, step.slug, "?from=check")
    assert f'href="{link}#' in page
    form = editor_client.get(link).content.decode()
    assert "Save and return to check your answers" in form
    response = editor_client.post(link, step_post(project, step.slug))
    assert response.status_code == 302
    assert response.url == f"{check}#section-{step.slug}"
    back = editor_client.get(response.url).content.decode()
    assert "govuk-notification-banner--success" in back
    assert "saved" in back


def test_an_item_changed_from_check_your_answers_returns_there(editor_client, project):
    member = make_team_member(project, "Ana Lopez")
    check = reverse("projects:check_answers", kwargs={"slug": project.slug})
    change = reverse(
        "projects:item_change", kwargs={"slug": project.slug, "step_slug": "team", "kind_slug": "team-member", "pk": member.pk}
    )
    assert f'href="{change}?from=check"' in editor_client.get(check).content.decode()
    response = editor_client.post(change + "?from=check", {"name": "Ana López", "role": "product_owner", "base_version": member.version})
    assert response.status_code == 302
    assert response.url == f"{check}#team-member-answers"
    assert "Ana López" in editor_client.get(response.url).content.decode()


def test_check_your_answers_has_contents_and_leads_to_the_checklist(viewer_client, project):
    page = viewer_client.get(reverse("projects:check_answers", kwargs={"slug": project.slug})).content.decode()
    for step in STEPS:
        assert f'href="#section-{step.slug}"' in page
    assert reverse("evaluation:checklist", kwargs={"slug": project.slug}) in page
    assert "Continue to the evaluation checklist" in page


def test_save_and_continue_confirms_the_save(editor_client, project):
    response = editor_client.post(step_url(project, "need"), step_post(project, "need", problem="A clearer problem"))
    page = editor_client.get(response.url).content.decode()
    assert "govuk-notification-banner--success" in page
    assert "saved" in page


def test_a_step_says_what_completes_it(viewer_client, project):
    page = viewer_client.get(step_url(project, "need")).content.decode()
    assert "What completes this rule" in page
    for name in STEPS.get("need").required_fields:
        label = STEPS.get("need").model._meta.get_field(name).verbose_name
        assert str(label) in page


def test_the_team_lead_is_asked_after_the_team_list(owner_client, project):
    page = owner_client.get(step_url(project, "team")).content.decode()
    assert page.index('id="team-member-list"') < page.index('name="lead"')
    assert TeamMember.objects.count() == 0


# References created in place ----------------------------------------------


def _add_url(project, step_slug, kind_slug):
    return reverse("projects:item_add", kwargs={"slug": project.slug, "step_slug": step_slug, "kind_slug": kind_slug})


def test_a_missing_owner_is_added_from_a_new_row_and_comes_back_chosen(editor_client, project):
    data = {
        **step_post(project, "plan", phases="Typed phases", action="detour:new-milestone-0-owner_member"),
        **rows_post("milestone", [{"name": "Alpha finished", "deliverable": "A tested prototype"}]),
    }
    response = editor_client.post(step_url(project, "plan"), data)
    assert response.status_code == 302
    add_member = response.url
    assert add_member.startswith(_add_url(project, "team", "team-member") + "?detour=")
    # Nothing is saved yet: the step's answers wait for the person to come back.
    assert not Milestone.objects.exists()
    assert record_of(project, "plan").phases != "Typed phases"
    page = editor_client.get(add_member).content.decode()
    assert "everything you typed there kept" in page
    back = editor_client.post(add_member, {"name": "Ana Lopez", "role": "product_owner", "base_version": 0})
    member = TeamMember.objects.get(project=project, name="Ana Lopez")
    assert back.status_code == 302
    assert back.url.startswith(step_url(project, "plan") + "?back=")
    returned = editor_client.get(back.url).content.decode()
    for typed in ("Typed phases", "Alpha finished", "A tested prototype"):
        assert typed in returned
    assert f'<option value="{member.pk}" selected>' in returned
    assert "added and chosen" in returned
    # The kept data is used once.
    assert "Alpha finished" not in editor_client.get(back.url).content.decode()


def test_a_missing_stakeholder_is_added_from_an_item_page(editor_client, project):
    add_member = _add_url(project, "team", "team-member")
    response = editor_client.post(
        add_member,
        {"name": "Ana Lopez", "role": "designer", "skills": "Service design", "base_version": 0, "action": "detour:organisation"},
    )
    assert response.status_code == 302
    assert response.url.startswith(_add_url(project, "stakeholders", "stakeholder") + "?detour=")
    back = editor_client.post(response.url, {"name": "Design agency", "kind": "supplier", "base_version": 0})
    stakeholder = Stakeholder.objects.get(project=project, name="Design agency")
    returned = editor_client.get(back.url).content.decode()
    assert "Service design" in returned
    assert f'<option value="{stakeholder.pk}" selected>' in returned
    assert not TeamMember.objects.exists()


def test_going_back_from_a_detour_keeps_what_was_typed_without_choosing(editor_client, project):
    data = {**step_post(project, "team", governance="Typed governance", action="detour:lead")}
    detour = editor_client.post(step_url(project, "team"), data).url
    page = editor_client.get(detour).content.decode()
    back = re.search(r'class="govuk-back-link" href="([^"]+)"|href="([^"]+)" class="govuk-back-link"', page)
    back_url = (back.group(1) or back.group(2)).replace("&amp;", "&")
    assert "?back=" in back_url
    assert "Typed governance" in editor_client.get(back_url).content.decode()


def test_a_detour_belongs_to_the_person_who_started_it(editor_client, owner_client, project):
    data = {**step_post(project, "team", governance="Private draft", action="detour:lead")}
    detour = editor_client.post(step_url(project, "team"), data).url
    token = detour.split("detour=")[1]
    page = owner_client.get(step_url(project, "team") + f"?back={token}").content.decode()
    assert "Private draft" not in page


def test_choices_say_where_they_come_from_and_offer_to_add_one(owner_client, project):
    page = owner_client.get(_add_url(project, "plan", "milestone")).content.decode()
    assert "The choices are the team members entered at step" in page
    assert 'value="detour:owner_member"' in page
    assert 'value="detour:owner_stakeholder"' in page
    # A milestone's dependencies are milestones: no detour to its own kind.
    assert 'value="detour:depends_on"' not in page


def test_the_raci_reads_as_one_line_per_decision_on_the_step_page(viewer_client, project):
    fill_lists(project, 3)
    page = viewer_client.get(step_url(project, "stakeholders")).content.decode()
    raci = page[page.index('id="raci-list"') :]
    raci = raci[: raci.index("</table>")]
    from stage1.projects.models import KeyDecision, RaciAssignment

    for decision in KeyDecision.objects.filter(project=project):
        assert raci.count(f">{decision.title}</th>") == 1
    for assignment in RaciAssignment.objects.filter(project=project).select_related("stakeholder"):
        assert str(assignment.stakeholder) in raci


# Short items changed in place -----------------------------------------------


def edit_post(item, **values) -> dict:
    """An item's row changed in place: its version and the values the page showed (initial-…) beside the new ones."""
    prefix = f"edit-{'decision'}-{item.pk}"
    data = {f"{prefix}-base_version": str(item.version), f"initial-{prefix}-title": item.title, f"{prefix}-title": item.title}
    data.update({f"{prefix}-{name}": value for name, value in values.items()})
    return data


def test_short_items_are_changed_in_their_rows_with_the_answers(editor_client, project, editor):
    first, second = make_decision(project, "Approve the budget"), make_decision(project, "Choose a supplier")
    before = revision(project)
    data = {
        **step_post(project, "stakeholders", engagement_approach="Monthly"),
        **edit_post(first, title="Approve the 2027 budget"),
        **edit_post(second),
    }
    response = editor_client.post(step_url(project, "stakeholders"), data)
    assert response.status_code == 302
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.title, first.version, first.updated_by) == ("Approve the 2027 budget", 2, editor)
    # An untouched row is not written.
    assert second.version == 1
    assert revision(project) == before + 1
    assert "Approve the 2027 budget" in editor_client.get(response.url).content.decode()


def test_a_row_changed_in_place_keeps_its_other_fields(editor_client, project):
    from datetime import date

    decision = make_decision(project, "Approve the budget")
    KeyDecision.objects.filter(pk=decision.pk).update(due_date=date(2027, 3, 1))
    decision.refresh_from_db()
    editor_client.post(step_url(project, "stakeholders"), {**step_post(project, "stakeholders"), **edit_post(decision, title="Renamed")})
    decision.refresh_from_db()
    assert (decision.title, decision.due_date) == ("Renamed", date(2027, 3, 1))


def test_a_row_changed_by_someone_else_meanwhile_is_a_conflict_that_keeps_the_text(editor_client, owner, project):
    decision = make_decision(project, "Approve the budget")
    seen = edit_post(decision, title="Mine")
    KeyDecision.objects.filter(pk=decision.pk).update(title="Theirs", version=decision.version + 1)
    response = editor_client.post(
        step_url(project, "stakeholders"), {**step_post(project, "stakeholders", engagement_approach="Typed"), **seen}
    )
    assert response.status_code == 409
    page = response.content.decode()
    assert "Theirs" in page and 'value="Mine"' in page and "Typed" in page
    assert KeyDecision.objects.get(pk=decision.pk).title == "Theirs"
    assert record_of(project, "stakeholders").engagement_approach != "Typed"
    # The page now carries the current version: saving again is a deliberate overwrite.
    again = re.search(rf'name="edit-decision-{decision.pk}-base_version" value="(\d+)"', page)
    assert int(again.group(1)) == decision.version + 1


def test_an_untouched_row_changed_by_someone_else_is_left_as_they_saved_it(editor_client, project):
    decision = make_decision(project, "Approve the budget")
    seen = edit_post(decision)
    KeyDecision.objects.filter(pk=decision.pk).update(title="Theirs", version=decision.version + 1)
    response = editor_client.post(step_url(project, "stakeholders"), {**step_post(project, "stakeholders"), **seen})
    assert response.status_code == 302
    assert KeyDecision.objects.get(pk=decision.pk).title == "Theirs"


def test_a_row_removed_meanwhile_says_so_and_saves_nothing(editor_client, project):
    decision = make_decision(project, "Approve the budget")
    seen = edit_post(decision, title="My new wording")
    decision.delete()
    response = editor_client.post(
        step_url(project, "stakeholders"), {**step_post(project, "stakeholders", engagement_approach="Typed"), **seen}
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "My new wording" in page and "was removed by someone else" in page
    assert record_of(project, "stakeholders").engagement_approach != "Typed"


def test_rows_cannot_reach_another_projects_items(editor_client, project, owner):
    from stage1.projects.services import project_create

    other = project_create(user=owner, title="Another project", organisation="Elsewhere")
    foreign = make_decision(other, "Theirs")
    response = editor_client.post(
        step_url(project, "stakeholders"), {**step_post(project, "stakeholders"), **edit_post(foreign, title="Hijacked")}
    )
    assert KeyDecision.objects.get(pk=foreign.pk).title == "Theirs"
    assert response.status_code == 200


def test_long_lists_are_changed_item_by_item(owner_client, project):
    from stage1.projects.rows import EDIT_IN_PLACE_LIMIT

    for number in range(EDIT_IN_PLACE_LIMIT + 1):
        make_decision(project, f"Decision {number}")
    page = owner_client.get(step_url(project, "stakeholders")).content.decode()
    assert 'id="edit-decision"' not in page
    assert 'value="change:decision:' in page
