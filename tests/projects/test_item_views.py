"""Adding, changing and removing one repeatable item of a step."""

import pytest
from django.db import models

from stage1.core.forms import NOT_AN_OPTION
from stage1.projects.forms import CIRCULAR_DEPENDENCY, ITEM_LIMIT, ONE_ACCOUNTABLE, TOO_MANY_ITEMS
from stage1.projects.models import (
    InteropPoint,
    JourneyStep,
    KeyDecision,
    Milestone,
    RaciAssignment,
    Stakeholder,
    TeamMember,
    UserGroup,
    UserPath,
)
from stage1.projects.steps import STEPS
from tests.projects.factories import (
    TEXT_FIELD,
    item_post,
    item_values,
    make_decision,
    make_milestone,
    make_stakeholder,
    make_team_member,
    make_user_group,
    make_user_path,
    posted,
    record_of,
)
from tests.projects.helpers import (
    ALL_KIND_IDS,
    ALL_KINDS,
    ERROR_SUMMARY,
    assert_selected,
    assert_shows,
    hidden_base_version,
    item_add_url,
    item_change_url,
    item_remove_url,
    login_url_for,
    step_url,
    text_of,
)

pytestmark = pytest.mark.django_db

every_kind = pytest.mark.parametrize(("step", "kind"), ALL_KINDS, ids=ALL_KIND_IDS)


def _stored(item, name):
    model_field = item._meta.get_field(name)
    if model_field.many_to_many:
        return sorted(getattr(item, name).values_list("pk", flat=True))
    return getattr(item, model_field.attname)


def _expected(item, name, value):
    model_field = item._meta.get_field(name)
    if model_field.many_to_many:
        return sorted(value)
    if isinstance(model_field, models.BooleanField):
        return value == "on"
    if isinstance(model_field, models.IntegerField) and isinstance(value, str):
        return int(value) if value else None
    return value


def assert_stored(item, values: dict) -> None:
    stored = {name: _stored(item, name) for name in values}
    assert stored == {name: _expected(item, name, value) for name, value in values.items()}


def _typed_texts(kind, values: dict) -> list[str]:
    """The values of free-text fields, which must come back exactly as typed."""
    texts = []
    for name, value in values.items():
        model_field = kind.model._meta.get_field(name)
        free_text = not (model_field.choices or model_field.is_relation or isinstance(model_field, models.BooleanField))
        if free_text and isinstance(value, str) and value:
            texts.append(value)
    return texts


def _add(client, project, step, kind, n: int = 1):
    """Add one item through its add page; return it and the values posted."""
    values = item_values(project, kind.slug, n)
    response = client.post(item_add_url(project, step.slug, kind.slug), posted({**values, "base_version": 0}))
    assert response.status_code == 302, text_of(response)
    return kind.model.objects.filter(project=project).latest("id"), values


def _confirm_removal(client, url: str):
    """Open the removal page and press "Yes, remove it" on the form it shows."""
    page = client.get(url)
    assert page.status_code == 200
    return page, client.post(url, {"base_version": hidden_base_version(page)})


def _item_requests(client, project, step, kind, pk, data):
    """Every request that writes an item or opens a page to write one."""
    return [
        client.get(item_add_url(project, step.slug, kind.slug)),
        client.post(item_add_url(project, step.slug, kind.slug), data),
        client.get(item_change_url(project, step.slug, kind.slug, pk)),
        client.post(item_change_url(project, step.slug, kind.slug, pk), {**data, "base_version": 1}),
        client.get(item_remove_url(project, step.slug, kind.slug, pk)),
        client.post(item_remove_url(project, step.slug, kind.slug, pk), {"base_version": 1}),
    ]


# Writers


@every_kind
def test_the_add_page_is_shown_to_a_writer(editor_client, step, kind, project):
    response = editor_client.get(item_add_url(project, step.slug, kind.slug))

    assert response.status_code == 200
    assert_shows(response, str(kind.add_label))
    assert 'name="base_version" value="0"' in text_of(response)


@every_kind
def test_an_owner_adds_an_item(owner_client, owner, step, kind, project):
    values = item_values(project, kind.slug)
    before = project.revision

    response = owner_client.post(item_add_url(project, step.slug, kind.slug), posted({**values, "base_version": 0}))

    assert response.status_code == 302
    assert response["Location"] == f"{step_url(project, step.slug)}#{kind.slug}-list"
    item = kind.model.objects.filter(project=project).latest("id")
    assert_stored(item, values)
    assert item.updated_by == owner
    assert item.version == 1
    assert type(project).objects.get(pk=project.pk).revision == before + 1
    page = owner_client.get(response["Location"])
    assert_shows(page, f"{kind.label.capitalize()} “", "” added.")


@every_kind
def test_an_editor_changes_an_item(owner_client, editor_client, editor, step, kind, project):
    item, values = _add(owner_client, project, step, kind)
    if kind.slug == "raci":
        values["responsibility"] = "C"
    else:
        values[TEXT_FIELD[kind.slug]] = "Changed by the editor"
    url = item_change_url(project, step.slug, kind.slug, item.pk)

    page = editor_client.get(url)
    response = editor_client.post(url, posted({**values, "base_version": item.version}))

    assert page.status_code == 200
    assert_shows(page, f"Change this {kind.label}")
    assert response.status_code == 302
    assert response["Location"] == f"{step_url(project, step.slug)}#{kind.slug}-list"
    item.refresh_from_db()
    assert_stored(item, values)
    assert item.version == 2
    assert item.updated_by == editor


@every_kind
def test_an_editor_removes_an_item_after_confirming(owner_client, editor_client, step, kind, project):
    item, _values = _add(owner_client, project, step, kind)
    url = item_remove_url(project, step.slug, kind.slug, item.pk)

    page, response = _confirm_removal(editor_client, url)

    assert_shows(page, f"Remove this {kind.label}?", str(item), "Yes, remove it")
    assert response.status_code == 302
    assert response["Location"] == f"{step_url(project, step.slug)}#{kind.slug}-list"
    assert not kind.model.objects.filter(pk=item.pk).exists()


@every_kind
def test_items_get_positions_in_the_order_they_were_added(owner_client, step, kind, project):
    first, _ = _add(owner_client, project, step, kind, 1)
    second, _ = _add(owner_client, project, step, kind, 2)

    if not kind.position_scope:
        positions = list(kind.model.objects.filter(project=project).order_by("id").values_list("position", flat=True))
        assert positions == list(range(1, len(positions) + 1))
        assert first.position < second.position
    if kind.editor_url_name:
        return  # shown by its own editor (the RACI grid), one line per decision on the step page
    page = text_of(owner_client.get(step_url(project, step.slug)))
    assert page.index(f'id="{kind.slug}-{first.pk}"') < page.index(f'id="{kind.slug}-{second.pk}"')


def test_journey_steps_are_numbered_within_their_path(owner_client, project):
    renew, visit = make_user_path(project, "Renew a permit"), make_user_path(project, "Get a visitor permit")
    url = item_add_url(project, "user-paths", "journey-step")

    for path, description in ((renew, "Gets a reminder"), (visit, "Asks a neighbour"), (renew, "Pays online")):
        response = owner_client.post(url, {"path": path.pk, "description": description, "channel": "online", "base_version": 0})
        assert response.status_code == 302

    numbered = {(step.path.name, step.description): step.position for step in JourneyStep.objects.select_related("path")}
    assert numbered == {
        ("Renew a permit", "Gets a reminder"): 1,
        ("Renew a permit", "Pays online"): 2,
        ("Get a visitor permit", "Asks a neighbour"): 1,
    }


# Who may do it


@every_kind
def test_a_viewer_cannot_add_change_or_remove_an_item(owner_client, viewer_client, step, kind, project):
    item, _values = _add(owner_client, project, step, kind)
    data = item_post(project, kind.slug)
    count = kind.model.objects.filter(project=project).count()

    responses = _item_requests(viewer_client, project, step, kind, item.pk, data)

    assert [response.status_code for response in responses] == [403] * 6
    assert kind.model.objects.filter(project=project).count() == count
    item.refresh_from_db()
    assert item.version == 1


@every_kind
def test_an_outsider_gets_404_for_every_item_page(owner_client, outsider_client, step, kind, project):
    item, _values = _add(owner_client, project, step, kind)
    data = item_post(project, kind.slug)
    count = kind.model.objects.filter(project=project).count()

    responses = _item_requests(outsider_client, project, step, kind, item.pk, data)

    assert [response.status_code for response in responses] == [404] * 6
    assert kind.model.objects.filter(project=project).count() == count


@every_kind
def test_an_anonymous_visitor_is_sent_to_login_from_every_item_page(owner_client, client, step, kind, project):
    item, _values = _add(owner_client, project, step, kind)
    data = item_post(project, kind.slug)

    responses = _item_requests(client, project, step, kind, item.pk, data)

    urls = [
        item_add_url(project, step.slug, kind.slug),
        item_change_url(project, step.slug, kind.slug, item.pk),
        item_remove_url(project, step.slug, kind.slug, item.pk),
    ]
    assert [response["Location"] for response in responses] == [login_url_for(url) for url in urls for _twice in (1, 2)]
    assert kind.model.objects.filter(pk=item.pk).exists()


@every_kind
def test_an_item_of_another_project_is_404_through_this_projects_address(owner_client, step, kind, project, other_project):
    foreign = kind.model.objects.filter(project=other_project).first()
    data = item_post(project, kind.slug)
    change = item_change_url(project, step.slug, kind.slug, foreign.pk)
    remove = item_remove_url(project, step.slug, kind.slug, foreign.pk)

    responses = [
        owner_client.get(change),
        owner_client.post(change, {**data, "base_version": foreign.version}),
        owner_client.get(remove),
        owner_client.post(remove, {"base_version": foreign.version}),
    ]

    assert [response.status_code for response in responses] == [404] * 4
    unchanged = kind.model.objects.get(pk=foreign.pk)
    assert unchanged.version == foreign.version
    assert unchanged.project == other_project


def test_a_list_of_another_step_is_404(owner_client, project):
    stakeholder = make_stakeholder(project)

    assert owner_client.get(item_add_url(project, "need", "stakeholder")).status_code == 404
    assert owner_client.get(item_add_url(project, "stakeholders", "nonsense")).status_code == 404
    assert owner_client.get(item_change_url(project, "team", "stakeholder", stakeholder.pk)).status_code == 404
    assert owner_client.post(item_remove_url(project, "team", "stakeholder", stakeholder.pk), {"base_version": 1}).status_code == 404
    assert Stakeholder.objects.filter(pk=stakeholder.pk).exists()


def test_a_missing_item_is_404(owner_client, project):
    assert owner_client.get(item_change_url(project, "stakeholders", "stakeholder", 999999)).status_code == 404
    assert owner_client.post(item_remove_url(project, "stakeholders", "stakeholder", 999999), {"base_version": 1}).status_code == 404


# Cross-references stay inside the project

FOREIGN_REFERENCES = [
    ("plan", "milestone", "owner_member", TeamMember),
    ("plan", "milestone", "owner_stakeholder", Stakeholder),
    ("plan", "milestone", "depends_on", Milestone),
    ("stakeholders", "raci", "decision", KeyDecision),
    ("stakeholders", "raci", "stakeholder", Stakeholder),
    ("team", "team-member", "organisation", Stakeholder),
    ("interoperability", "interop-point", "partner", Stakeholder),
    ("interoperability", "interop-point", "owner", TeamMember),
    ("user-paths", "user-path", "user_group", UserGroup),
    ("user-paths", "journey-step", "path", UserPath),
]


@pytest.mark.parametrize(
    ("step_slug", "kind_slug", "field", "model"), FOREIGN_REFERENCES, ids=[f"{k}.{f}" for _s, k, f, _m in FOREIGN_REFERENCES]
)
def test_another_projects_item_is_not_accepted_as_a_reference(owner_client, project, other_project, step_slug, kind_slug, field, model):
    values = item_values(project, kind_slug)
    if field == "owner_stakeholder":
        values.pop("owner_member")
    foreign = model.objects.filter(project=other_project).first()
    values[field] = [foreign.pk] if field == "depends_on" else foreign.pk
    kind = next(kind for step in STEPS for kind in step.items if kind.slug == kind_slug)
    count = kind.model.objects.count()

    response = owner_client.post(item_add_url(project, step_slug, kind_slug), posted({**values, "base_version": 0}))

    assert response.status_code == 200
    assert ERROR_SUMMARY in text_of(response)
    assert str(NOT_AN_OPTION % {"label": kind.form_class.base_fields[field].label}) in text_of(response)
    assert kind.model.objects.count() == count


def test_another_projects_stakeholder_is_not_offered_as_a_milestone_owner(owner_client, project, other_project):
    response = owner_client.get(item_add_url(project, "plan", "milestone"))

    assert "Stakeholder 1" not in text_of(response)
    assert "Member 1" not in text_of(response)


# Invalid input


@every_kind
def test_invalid_input_shows_the_errors_and_keeps_what_was_typed(owner_client, step, kind, project):
    values = item_values(project, kind.slug)
    if kind.slug == "raci":
        values["responsibility"] = ""
    else:
        name = TEXT_FIELD[kind.slug]
        limit = kind.model._meta.get_field(name).max_length
        values[name] = "Too long: " + "y" * limit
    count = kind.model.objects.count()

    response = owner_client.post(item_add_url(project, step.slug, kind.slug), posted({**values, "base_version": 0}))

    assert response.status_code == 200
    assert ERROR_SUMMARY in text_of(response)
    assert_shows(response, *_typed_texts(kind, values))
    for name, value in values.items():
        model_field = kind.model._meta.get_field(name)
        if (model_field.choices or model_field.many_to_one) and value:
            assert_selected(response, name, value)
    assert kind.model.objects.count() == count


@every_kind
def test_invalid_input_on_the_change_page_keeps_what_was_typed_and_changes_nothing(owner_client, step, kind, project):
    item, values = _add(owner_client, project, step, kind)
    if kind.slug == "raci":
        values["responsibility"] = "Z"
    else:
        values[TEXT_FIELD[kind.slug]] = "Nul\x00byte"
    typed = posted({**values, "base_version": item.version})

    response = owner_client.post(item_change_url(project, step.slug, kind.slug, item.pk), typed)

    assert response.status_code == 200
    assert ERROR_SUMMARY in text_of(response)
    assert_shows(response, *_typed_texts(kind, values))
    fresh = kind.model.objects.get(pk=item.pk)
    assert fresh.version == item.version
    assert str(fresh) == str(item)


def test_a_team_member_cannot_end_before_they_start(owner_client, project):
    values = item_values(project, "team-member")
    values["end_date"] = values["start_date"].replace(year=values["start_date"].year - 1)

    response = owner_client.post(item_add_url(project, "team", "team-member"), posted({**values, "base_version": 0}))

    assert response.status_code == 200
    assert "The end date must be the same as or after the start date." in text_of(response)
    assert not TeamMember.objects.filter(name=values["name"]).exists()


@pytest.mark.parametrize("allocation", ["0", "101", "-5", "half"])
def test_a_team_members_allocation_is_a_percentage(owner_client, project, allocation):
    values = item_values(project, "team-member")
    values["allocation"] = allocation

    response = owner_client.post(item_add_url(project, "team", "team-member"), posted({**values, "base_version": 0}))

    assert response.status_code == 200
    assert ERROR_SUMMARY in text_of(response)
    assert f'value="{allocation}"' in text_of(response)
    assert not TeamMember.objects.filter(name=values["name"]).exists()


def test_a_milestone_has_one_owner_not_two(owner_client, project):
    values = item_values(project, "milestone")
    values["owner_stakeholder"] = make_stakeholder(project).pk

    response = owner_client.post(item_add_url(project, "plan", "milestone"), posted({**values, "base_version": 0}))

    assert response.status_code == 200
    assert "Choose one owner: a team member or a stakeholder, not both." in text_of(response)
    assert not Milestone.objects.filter(name=values["name"]).exists()


def test_a_milestone_cannot_depend_on_itself(owner_client, project):
    milestone = make_milestone(project)
    data = posted({"name": milestone.name, "depends_on": [milestone.pk], "base_version": milestone.version})

    response = owner_client.post(item_change_url(project, "plan", "milestone", milestone.pk), data)

    assert response.status_code == 200
    assert str(NOT_AN_OPTION % {"label": "Depends on"}) in text_of(response)
    assert not milestone.depends_on.exists()


def test_the_depends_on_checkboxes_offer_only_milestones(owner_client, project):
    make_milestone(project, "Discovery finished")

    response = owner_client.get(item_add_url(project, "plan", "milestone"))

    assert "Discovery finished" in text_of(response)
    fieldset = text_of(response).split('id="div_id_depends_on"', 1)[1].split("</fieldset>", 1)[0]
    assert 'value=""' not in fieldset
    assert "Not chosen" not in fieldset


def test_a_raci_row_is_unique_per_decision_and_stakeholder(owner_client, project):
    decision, stakeholder = make_decision(project), make_stakeholder(project)
    RaciAssignment.objects.create(project=project, decision=decision, stakeholder=stakeholder, responsibility="R", position=1)
    data = {"decision": decision.pk, "stakeholder": stakeholder.pk, "responsibility": "A", "base_version": 0}

    response = owner_client.post(item_add_url(project, "stakeholders", "raci"), data)

    assert response.status_code == 200
    assert ERROR_SUMMARY in text_of(response)
    assert "This stakeholder already has a role for this decision. Change that row instead." in text_of(response)
    assert RaciAssignment.objects.get().responsibility == "R"


def test_a_raci_row_can_change_its_own_responsibility(owner_client, project):
    decision, stakeholder = make_decision(project), make_stakeholder(project)
    row = RaciAssignment.objects.create(project=project, decision=decision, stakeholder=stakeholder, responsibility="R", position=1)
    data = {"decision": decision.pk, "stakeholder": stakeholder.pk, "responsibility": "A", "base_version": row.version}

    response = owner_client.post(item_change_url(project, "stakeholders", "raci", row.pk), data)

    assert response.status_code == 302
    row.refresh_from_db()
    assert row.responsibility == "A"


def test_a_decision_has_only_one_accountable_stakeholder(owner_client, project):
    decision = make_decision(project)
    RaciAssignment.objects.create(
        project=project, decision=decision, stakeholder=make_stakeholder(project, "A"), responsibility="A", position=1
    )
    other = make_stakeholder(project, "B")

    response = owner_client.post(
        item_add_url(project, "stakeholders", "raci"),
        {"decision": decision.pk, "stakeholder": other.pk, "responsibility": "A", "base_version": 0},
    )

    assert response.status_code == 200
    assert_shows(response, str(ONE_ACCOUNTABLE))
    assert RaciAssignment.objects.count() == 1


def test_milestones_cannot_depend_on_each_other_in_a_circle(owner_client, project):
    first, second, third = (make_milestone(project, name) for name in ("Discovery", "Alpha", "Beta"))
    second.depends_on.add(first)
    third.depends_on.add(second)

    response = owner_client.post(
        item_change_url(project, "plan", "milestone", first.pk),
        {"name": "Discovery", "depends_on": [third.pk], "base_version": first.version},
    )

    assert response.status_code == 200
    assert_shows(response, str(CIRCULAR_DEPENDENCY))
    assert not first.depends_on.exists()


def test_the_add_page_can_preselect_a_parent(owner_client, project):
    path = make_user_path(project, "Renew a permit")

    response = owner_client.get(item_add_url(project, "user-paths", "journey-step") + f"?path={path.pk}&description=ignored")

    assert response.status_code == 200
    assert_selected(response, "path", path.pk)
    assert 'value="ignored"' not in text_of(response)


# The list limit


def test_a_full_list_refuses_another_item_with_a_form_error(owner_client, project):
    Stakeholder.objects.bulk_create(Stakeholder(project=project, name=f"Stakeholder {i}", position=i) for i in range(1, ITEM_LIMIT + 1))
    data = item_post(project, "stakeholder")

    response = owner_client.post(item_add_url(project, "stakeholders", "stakeholder"), data)

    assert response.status_code == 200
    assert ERROR_SUMMARY in text_of(response)
    assert_shows(response, str(TOO_MANY_ITEMS % {"limit": ITEM_LIMIT, "items": "stakeholders"}), data["name"])
    assert Stakeholder.objects.filter(project=project).count() == ITEM_LIMIT


def test_a_full_list_still_lets_its_items_be_changed(owner_client, project):
    Stakeholder.objects.bulk_create(Stakeholder(project=project, name=f"Stakeholder {i}", position=i) for i in range(1, ITEM_LIMIT + 1))
    first = Stakeholder.objects.get(project=project, position=1)

    response = owner_client.post(
        item_change_url(project, "stakeholders", "stakeholder", first.pk), {"name": "Renamed", "kind": "other", "base_version": 1}
    )

    assert response.status_code == 302
    first.refresh_from_db()
    assert first.name == "Renamed"


def test_the_limit_counts_only_this_projects_items(owner_client, project, other_project):
    Stakeholder.objects.bulk_create(
        Stakeholder(project=other_project, name=f"Stakeholder {i}", position=i) for i in range(2, ITEM_LIMIT + 2)
    )

    response = owner_client.post(item_add_url(project, "stakeholders", "stakeholder"), item_post(project, "stakeholder"))

    assert response.status_code == 302


# Removing what others refer to


def _stakeholder_in_use(project):
    stakeholder = make_stakeholder(project, "Highways department")
    member = make_team_member(project, "Ana Lopez", organisation=stakeholder)
    point = InteropPoint.objects.create(project=project, partner=stakeholder, data_exchanged="Road closures", position=1)
    milestone = make_milestone(project, "Roadworks plan agreed", owner_stakeholder=stakeholder)
    decision = make_decision(project, "Approve the closures")
    raci = RaciAssignment.objects.create(project=project, decision=decision, stakeholder=stakeholder, responsibility="C", position=1)
    return stakeholder, member, point, milestone, raci


def test_removing_a_stakeholder_says_what_refers_to_it(owner_client, project):
    stakeholder, *_others = _stakeholder_in_use(project)

    response = owner_client.get(item_remove_url(project, "stakeholders", "stakeholder", stakeholder.pk))

    assert response.status_code == 200
    assert_shows(
        response,
        "Other parts of the project refer to it.",
        "These team members will no longer refer to it",
        "Ana Lopez",
        "These interoperability points will no longer refer to it",
        "Road closures",
        "These milestones will no longer refer to it",
        "Roadworks plan agreed",
        "These RACI assignments will be removed with it",
        "Approve the closures",
    )


def test_removing_a_stakeholder_keeps_the_items_that_referred_to_it(owner_client, project):
    stakeholder, member, point, milestone, raci = _stakeholder_in_use(project)

    _page, response = _confirm_removal(owner_client, item_remove_url(project, "stakeholders", "stakeholder", stakeholder.pk))

    assert response.status_code == 302
    assert not Stakeholder.objects.filter(pk=stakeholder.pk).exists()
    member.refresh_from_db()
    point.refresh_from_db()
    milestone.refresh_from_db()
    assert member.organisation is None
    assert point.partner is None
    assert milestone.owner_stakeholder is None
    assert not RaciAssignment.objects.filter(pk=raci.pk).exists()
    assert KeyDecision.objects.filter(pk=raci.decision_id).exists()


def test_removing_an_item_changed_since_the_page_was_opened_asks_again(owner_client, editor_client, project):
    stakeholder = make_stakeholder(project, "Traffic police")
    url = item_remove_url(project, "stakeholders", "stakeholder", stakeholder.pk)
    opened = hidden_base_version(owner_client.get(url))
    editor_client.post(
        item_change_url(project, "stakeholders", "stakeholder", stakeholder.pk),
        {"name": "Traffic wardens", "kind": "other", "base_version": 1},
    )

    response = owner_client.post(url, {"base_version": opened})

    assert response.status_code == 409
    assert_shows(response, "This was changed after you opened the page", "Traffic wardens")
    assert Stakeholder.objects.filter(pk=stakeholder.pk).exists()
    assert hidden_base_version(response) == 2
    assert owner_client.post(url, {"base_version": hidden_base_version(response)}).status_code == 302
    assert not Stakeholder.objects.filter(pk=stakeholder.pk).exists()


def test_removing_without_the_version_removes_nothing(owner_client, project):
    stakeholder = make_stakeholder(project)

    response = owner_client.post(item_remove_url(project, "stakeholders", "stakeholder", stakeholder.pk))

    assert response.status_code == 409
    assert Stakeholder.objects.filter(pk=stakeholder.pk).exists()


@pytest.mark.parametrize("version", ["²", "٣", "-1", "1e3", "9" * 40, " 1"])
def test_removing_with_a_version_that_is_not_ascii_digits_removes_nothing(owner_client, project, version):
    stakeholder = make_stakeholder(project)

    response = owner_client.post(item_remove_url(project, "stakeholders", "stakeholder", stakeholder.pk), {"base_version": version})

    assert response.status_code == 409
    assert hidden_base_version(response) == stakeholder.version
    assert Stakeholder.objects.filter(pk=stakeholder.pk).exists()


def test_removing_an_item_nothing_refers_to_says_so(owner_client, project):
    stakeholder = make_stakeholder(project)

    response = owner_client.get(item_remove_url(project, "stakeholders", "stakeholder", stakeholder.pk))

    assert_shows(response, "Nothing else in the project refers to it.")


def test_removing_a_user_path_says_its_journey_steps_go_too(owner_client, project):
    path = make_user_path(project, "Renew a permit", user_group=make_user_group(project))
    for position, description in enumerate(["Gets a reminder letter", "Pays online"], start=1):
        JourneyStep.objects.create(project=project, path=path, description=description, position=position)

    page, response = _confirm_removal(owner_client, item_remove_url(project, "user-paths", "user-path", path.pk))

    assert_shows(page, "These journey steps will be removed with it", "Gets a reminder letter", "Pays online")
    assert response.status_code == 302
    assert not JourneyStep.objects.filter(project=project).exists()


def test_removing_a_user_group_keeps_its_paths(owner_client, project):
    group = make_user_group(project, "Carers")
    path = make_user_path(project, "Get a visitor permit", user_group=group)

    page, _response = _confirm_removal(owner_client, item_remove_url(project, "user-paths", "user-group", group.pk))

    assert_shows(page, "These user paths will no longer refer to it", "Get a visitor permit")
    path.refresh_from_db()
    assert path.user_group is None


def test_removing_a_milestone_others_depend_on_says_so_and_keeps_them(owner_client, project):
    first = make_milestone(project, "Discovery finished")
    second = make_milestone(project, "Alpha finished")
    second.depends_on.add(first)

    page, _response = _confirm_removal(owner_client, item_remove_url(project, "plan", "milestone", first.pk))

    assert_shows(page, "These milestones will no longer refer to it", "Alpha finished")
    assert list(Milestone.objects.filter(project=project)) == [second]
    assert not second.depends_on.exists()


def test_removing_a_decision_says_its_raci_rows_go_too(owner_client, project):
    decision = make_decision(project, "Approve the budget")
    RaciAssignment.objects.create(project=project, decision=decision, stakeholder=make_stakeholder(project), responsibility="A", position=1)

    page, _response = _confirm_removal(owner_client, item_remove_url(project, "stakeholders", "decision", decision.pk))

    assert_shows(page, "These RACI assignments will be removed with it")
    assert not RaciAssignment.objects.exists()


def test_removing_the_accountable_lead_says_so_in_words(owner_client, project):
    member = make_team_member(project, "Ana Lopez")
    team = record_of(project, "team")
    team.lead = member
    team.save()

    response = owner_client.get(item_remove_url(project, "team", "team-member", member.pk))

    assert response.status_code == 200
    assert "object (" not in text_of(response)


def test_removing_the_accountable_lead_leaves_the_team_without_a_lead(owner_client, project):
    member = make_team_member(project, "Ana Lopez")
    team = record_of(project, "team")
    team.lead = member
    team.save()

    _confirm_removal(owner_client, item_remove_url(project, "team", "team-member", member.pk))

    assert record_of(project, "team").lead is None
