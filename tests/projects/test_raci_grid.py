"""The RACI grid: every role of every key decision on one page, saved at once, with the one conflict rule."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from stage1.core.bidi import isolate
from stage1.projects.forms import ITEM_LIMIT
from stage1.projects.models import KeyDecision, Membership, Project, RaciAssignment, Role, Stakeholder
from stage1.projects.raci import MAX_GRID_CELLS, NO_ACCOUNTABLE, NOT_A_ROLE, TOO_MANY_ACCOUNTABLE, cell_name
from tests.evaluation.helpers import form_values
from tests.projects.factories import make_decision, make_stakeholder
from tests.projects.helpers import ERROR_SUMMARY, assert_selected, assert_shows, step_url, text_of

pytestmark = pytest.mark.django_db

CONFLICT_TITLE = "Someone else changed the RACI while you were editing"


def grid_url(project, decision=None) -> str:
    url = reverse("projects:raci_grid", kwargs={"slug": project.slug})
    return f"{url}?decision={decision.pk}" if decision else url


def assign(project, decision, stakeholder, role: str, user=None) -> RaciAssignment:
    return RaciAssignment.objects.create(
        project=project, decision=decision, stakeholder=stakeholder, responsibility=role, position=1, updated_by=user
    )


def roles(project) -> dict[tuple[str, str], str]:
    return {
        (a.decision.title, a.stakeholder.name): a.responsibility
        for a in RaciAssignment.objects.filter(project=project).select_related("decision", "stakeholder")
    }


def page_values(response) -> dict[str, str]:
    """What a browser submits from the grid as rendered: every select and the hidden roles shown."""
    assert response.status_code in (200, 409)
    return form_values(text_of(response))


def revision(project) -> int:
    return Project.objects.get(pk=project.pk).revision


@pytest.fixture
def board(project):
    """Two decisions and three stakeholders: Finance is Accountable for the budget and City IT for the platform."""
    budget, platform = make_decision(project, "Approve the budget"), make_decision(project, "Choose the hosting platform")
    finance, it, police = (make_stakeholder(project, name) for name in ("Finance office", "City IT", "Traffic police"))
    assign(project, budget, finance, "A")
    assign(project, budget, it, "R")
    assign(project, platform, finance, "C")
    assign(project, platform, it, "A")
    return {"budget": budget, "platform": platform, "finance": finance, "it": it, "police": police}


def cell(board, decision: str, stakeholder: str) -> str:
    return cell_name(board[decision].pk, board[stakeholder].pk)


# Access


def test_an_anonymous_visitor_is_sent_to_sign_in(client, project, board):
    response = client.get(grid_url(project))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_an_outsider_gets_404(outsider_client, project, board):
    assert outsider_client.get(grid_url(project)).status_code == 404
    assert outsider_client.post(grid_url(project), {}).status_code == 404


def test_a_viewer_sees_the_grid_read_only(viewer_client, project, board):
    response = viewer_client.get(grid_url(project))

    assert response.status_code == 200
    assert "<select" not in text_of(response)
    assert '<form method="post" novalidate>' not in text_of(response)
    assert_shows(response, "Accountable", "Responsible", "Consulted")


def test_a_viewer_cannot_save_the_grid(viewer_client, editor_client, project, board):
    values = page_values(editor_client.get(grid_url(project)))
    values[cell(board, "budget", "police")] = "I"

    response = viewer_client.post(grid_url(project), values)

    assert response.status_code == 403
    assert ("Approve the budget", "Traffic police") not in roles(project)


def test_the_grid_is_an_accessible_table(editor_client, project, board):
    content = text_of(editor_client.get(grid_url(project)))

    assert re.search(r'<div class="stage1-raci[^"]*" id="raci-grid" role="region" aria-labelledby="raci-caption" tabindex="0">', content)
    assert re.search(r'<caption[^>]*id="raci-caption"', content)
    for name in ("Finance office", "City IT", "Traffic police"):
        assert re.search(rf'<th scope="col"[^>]*>{name}', content)
    for title in ("Approve the budget", "Choose the hosting platform"):
        assert re.search(rf'<th scope="row"[^>]*><a class="govuk-link" href="\?decision=\d+">{title}', content)
    # Names people typed are bidi-isolated inside the sentence.
    label = f"Role of {isolate('Traffic police')} for “{isolate('Choose the hosting platform')}”"
    assert f'<label class="govuk-visually-hidden" for="id_{cell(board, "platform", "police")}">{label}</label>' in content
    assert '<link rel="stylesheet" href="/static/stage1/raci.css">' in content


def test_the_grid_shows_the_saved_roles(editor_client, project, board):
    response = editor_client.get(grid_url(project))

    assert_selected(response, cell(board, "budget", "finance"), "A")
    assert_selected(response, cell(board, "budget", "it"), "R")
    assert_selected(response, cell(board, "platform", "finance"), "C")
    assert_selected(response, cell(board, "platform", "police"), "")


# Saving


def test_an_editor_saves_the_grid_in_one_post_creating_changing_and_removing_roles(editor_client, editor, project, board):
    before = revision(project)
    values = page_values(editor_client.get(grid_url(project)))
    values[cell(board, "budget", "it")] = ""  # removed
    values[cell(board, "budget", "police")] = "C"  # created
    values[cell(board, "platform", "finance")] = "I"  # changed
    values[cell(board, "platform", "police")] = "R"  # created

    response = editor_client.post(grid_url(project), values, follow=True)

    assert response.redirect_chain[-1][0] == step_url(project, "stakeholders") + "#raci-list"
    assert_shows(response, "RACI saved: 4 roles changed")
    assert roles(project) == {
        ("Approve the budget", "Finance office"): "A",
        ("Approve the budget", "Traffic police"): "C",
        ("Choose the hosting platform", "Finance office"): "I",
        ("Choose the hosting platform", "City IT"): "A",
        ("Choose the hosting platform", "Traffic police"): "R",
    }
    assert revision(project) == before + 1


def test_each_saved_role_leaves_a_history_row_naming_who_saved_it(editor_client, editor, project, board):
    values = page_values(editor_client.get(grid_url(project)))
    values[cell(board, "budget", "it")] = ""
    values[cell(board, "budget", "police")] = "C"
    values[cell(board, "platform", "finance")] = "I"

    editor_client.post(grid_url(project), values)

    history = RaciAssignment.history.filter(project_id=project.pk, history_user=editor)
    assert sorted(history.values_list("history_type", "responsibility")) == [("+", "C"), ("-", "R"), ("~", "I")]
    assert set(history.values_list("updated_by", flat=True)) == {editor.pk}
    # One save: the rows share the request's id, which is how the History page groups them.
    assert len(set(history.values_list("history_change_reason", flat=True))) == 1
    changed = RaciAssignment.objects.get(decision=board["platform"], stakeholder=board["finance"])
    assert (changed.version, changed.updated_by) == (2, editor)


def test_saving_an_unchanged_grid_changes_nothing(owner_client, project, board):
    before = revision(project)

    response = owner_client.post(grid_url(project), page_values(owner_client.get(grid_url(project))), follow=True)

    assert_shows(response, "RACI saved: no roles changed")
    assert revision(project) == before
    assert not RaciAssignment.history.filter(project_id=project.pk, history_type="~").exists()


def test_two_accountable_stakeholders_for_one_decision_is_an_error_naming_it(editor_client, project, board):
    before = (roles(project), revision(project))
    values = page_values(editor_client.get(grid_url(project)))
    values[cell(board, "budget", "it")] = "A"
    values[cell(board, "platform", "police")] = "I"

    response = editor_client.post(grid_url(project), values)

    assert response.status_code == 200
    message = TOO_MANY_ACCOUNTABLE % {"decision": isolate("Approve the budget"), "count": 2}
    assert_shows(response, ERROR_SUMMARY, message)
    # The summary links into the decision's row, to its second Accountable.
    assert f'<a href="#id_{cell(board, "budget", "it")}">{message}</a>' in text_of(response)
    assert (roles(project), revision(project)) == before
    # Everything the user chose is kept.
    assert_selected(response, cell(board, "budget", "it"), "A")
    assert_selected(response, cell(board, "platform", "police"), "I")
    assert "<title>Error:" in text_of(response)


def test_a_decision_with_roles_but_no_accountable_is_an_error_naming_it(editor_client, project, board):
    values = page_values(editor_client.get(grid_url(project)))
    values[cell(board, "budget", "finance")] = "C"

    response = editor_client.post(grid_url(project), values)

    assert_shows(response, NO_ACCOUNTABLE % {"decision": isolate("Approve the budget")})
    assert f'id="decision-{board["budget"].pk}-error"' in text_of(response)
    assert roles(project)[("Approve the budget", "Finance office")] == "A"


def test_a_decision_left_without_accountable_elsewhere_must_be_fixed_by_any_save(editor_client, project, board):
    RaciAssignment.objects.filter(decision=board["platform"], responsibility="A").delete()

    response = editor_client.post(grid_url(project), page_values(editor_client.get(grid_url(project))))

    assert_shows(response, NO_ACCOUNTABLE % {"decision": isolate("Choose the hosting platform")})


def test_a_decision_without_any_role_is_allowed(editor_client, project, board):
    values = page_values(editor_client.get(grid_url(project)))
    values[cell(board, "platform", "finance")] = ""
    values[cell(board, "platform", "it")] = ""

    response = editor_client.post(grid_url(project), values)

    assert response.status_code == 302
    assert not [key for key in roles(project) if key[0] == "Choose the hosting platform"]


def test_a_post_that_does_not_say_which_roles_it_showed_saves_nothing(editor_client, project, board):
    values = page_values(editor_client.get(grid_url(project)))
    del values["shown"]
    values[cell(board, "budget", "police")] = "I"

    response = editor_client.post(grid_url(project), values)

    assert response.status_code == 200
    assert_shows(response, ERROR_SUMMARY, "This page did not say which roles it showed")
    assert ("Approve the budget", "Traffic police") not in roles(project)


def test_an_empty_post_saves_nothing(editor_client, project, board):
    before = (roles(project), revision(project))

    response = editor_client.post(grid_url(project), {})

    assert response.status_code == 200
    assert_shows(response, ERROR_SUMMARY, "This page did not say which roles it showed")
    assert (roles(project), revision(project)) == before


def test_a_role_that_is_not_a_choice_is_refused_naming_the_cell(editor_client, project, board):
    board["budget"].title = "Cut costs by 10% or more"
    board["budget"].save()
    values = page_values(editor_client.get(grid_url(project)))
    values[cell(board, "budget", "police")] = "X"

    response = editor_client.post(grid_url(project), values)

    message = NOT_A_ROLE % {"stakeholder": isolate("Traffic police"), "decision": isolate("Cut costs by 10% or more")}
    assert_shows(response, ERROR_SUMMARY, message)
    assert f'<a href="#id_{cell(board, "budget", "police")}">{message}</a>' in text_of(response)
    assert ("Cut costs by 10% or more", "Traffic police") not in roles(project)


def test_the_shown_roles_cannot_reach_another_projects_assignment(editor_client, project, board, other_project):
    foreign = RaciAssignment.objects.filter(project=other_project).first()
    values = page_values(editor_client.get(grid_url(project)))
    # Claim that the page showed the foreign assignment in one of this project's cells, then change that cell.
    key = (board["budget"].pk, board["police"].pk)
    values["shown"] += f" {key[0]}.{key[1]}.{foreign.pk}.{foreign.version}.{foreign.responsibility}"
    values[cell_name(*key)] = "I"

    response = editor_client.post(grid_url(project), values)

    assert response.status_code == 409
    assert RaciAssignment.objects.filter(pk=foreign.pk, version=foreign.version, responsibility=foreign.responsibility).exists()
    assert ("Approve the budget", "Traffic police") not in roles(project)


# Conflicts


def _someone_else(project):
    user = get_user_model().objects.create_user(username="mia", first_name="Mia", last_name="Member")
    Membership.objects.create(project=project, user=user, role=Role.EDITOR)
    return user


def test_a_role_changed_by_someone_else_after_the_page_was_rendered_is_a_conflict(editor_client, project, board):
    values = page_values(editor_client.get(grid_url(project)))
    other = RaciAssignment.objects.get(decision=board["budget"], stakeholder=board["it"])
    other.responsibility, other.version, other.updated_by = "I", other.version + 1, _someone_else(project)
    other.save()
    before = (roles(project), revision(project))
    values[cell(board, "budget", "it")] = "C"
    values[cell(board, "platform", "police")] = "I"

    response = editor_client.post(grid_url(project), values)

    assert response.status_code == 409
    assert_shows(response, CONFLICT_TITLE, "Mia Member saved changes", "C – Consulted", "Saved now: I – Informed")
    assert (roles(project), revision(project)) == before
    # The user's own choices are kept, the version now saved travels with the page.
    assert_selected(response, cell(board, "budget", "it"), "C")
    assert_selected(response, cell(board, "platform", "police"), "I")
    assert f".{other.pk}.{other.version}.I" in page_values(response)["shown"]


def test_saving_the_conflict_page_applies_the_users_choices(editor_client, project, board):
    values = page_values(editor_client.get(grid_url(project)))
    other = RaciAssignment.objects.get(decision=board["budget"], stakeholder=board["it"])
    other.responsibility, other.version = "I", other.version + 1
    other.save()
    values[cell(board, "budget", "it")] = "C"
    values[cell(board, "platform", "finance")] = "R"
    conflict = editor_client.post(grid_url(project), values)

    response = editor_client.post(grid_url(project), page_values(conflict))

    assert response.status_code == 302
    assert roles(project)[("Approve the budget", "City IT")] == "C"
    assert roles(project)[("Choose the hosting platform", "Finance office")] == "R"


def test_a_role_given_meanwhile_to_a_cell_the_user_filled_is_a_conflict(editor_client, project, board):
    values = page_values(editor_client.get(grid_url(project)))
    assign(project, board["budget"], board["police"], "I", user=_someone_else(project))
    values[cell(board, "budget", "police")] = "C"
    values[cell(board, "platform", "finance")] = "R"

    response = editor_client.post(grid_url(project), values)

    assert response.status_code == 409
    assert_shows(response, "Saved now: I – Informed")
    assert roles(project)[("Approve the budget", "Traffic police")] == "I"
    assert roles(project)[("Choose the hosting platform", "Finance office")] == "C"


def test_a_role_removed_meanwhile_that_the_user_changed_is_a_conflict(editor_client, project, board):
    values = page_values(editor_client.get(grid_url(project)))
    RaciAssignment.objects.filter(decision=board["budget"], stakeholder=board["it"]).delete()
    values[cell(board, "budget", "it")] = "C"
    values[cell(board, "platform", "finance")] = "R"

    response = editor_client.post(grid_url(project), values)

    assert response.status_code == 409
    assert_shows(response, "Saved now: No role")
    assert ("Approve the budget", "City IT") not in roles(project)


def test_a_change_by_someone_else_to_a_cell_the_user_left_alone_is_kept(editor_client, project, board):
    values = page_values(editor_client.get(grid_url(project)))
    other = RaciAssignment.objects.get(decision=board["budget"], stakeholder=board["it"])
    other.responsibility, other.version = "I", other.version + 1
    other.save()
    values[cell(board, "platform", "finance")] = "R"

    response = editor_client.post(grid_url(project), values)

    assert response.status_code == 302
    assert roles(project)[("Approve the budget", "City IT")] == "I"
    assert roles(project)[("Choose the hosting platform", "Finance office")] == "R"


def test_a_second_accountable_given_meanwhile_in_a_decision_the_user_changed_is_a_conflict(editor_client, project, board):
    values = page_values(editor_client.get(grid_url(project)))
    assign(project, board["budget"], board["police"], "A")
    values[cell(board, "budget", "it")] = "C"
    values[cell(board, "platform", "finance")] = "R"

    response = editor_client.post(grid_url(project), values)

    assert response.status_code == 409
    assert roles(project)[("Approve the budget", "City IT")] == "R"
    # Re-shown with both Accountables, the error names the decision.
    assert_shows(response, TOO_MANY_ACCOUNTABLE % {"decision": isolate("Approve the budget"), "count": 2})


def test_the_same_user_in_another_tab_is_told_so(editor_client, editor, project, board):
    first = page_values(editor_client.get(grid_url(project)))
    second = dict(first)
    first[cell(board, "budget", "it")] = "I"
    first[cell(board, "platform", "finance")] = "R"
    assert editor_client.post(grid_url(project), first).status_code == 302
    second[cell(board, "budget", "it")] = "C"
    second[cell(board, "platform", "finance")] = "R"

    response = editor_client.post(grid_url(project), second)

    assert response.status_code == 409
    assert_shows(response, "You changed the RACI in another tab or window")


# One decision at a time


def test_the_per_decision_view_shows_one_decision_with_its_stakeholders_as_rows(viewer_client, project, board):
    content = text_of(viewer_client.get(grid_url(project, board["budget"])))

    assert f"Roles for “{isolate('Approve the budget')}”" in content
    assert "Choose the hosting platform" not in content
    for name in ("Finance office", "City IT", "Traffic police"):
        assert re.search(rf'<th scope="row"[^>]*>{name}', content)
    assert re.search(r'<th scope="col"[^>]*id="decision-\d+">Role</th>', content)


def test_an_editor_saves_one_decision_and_returns_to_the_grid(editor_client, project, board):
    url = grid_url(project, board["budget"])
    values = page_values(editor_client.get(url))
    assert set(values) == {"shown"} | {cell(board, "budget", who) for who in ("finance", "it", "police")}
    values[cell(board, "budget", "police")] = "I"

    response = editor_client.post(url, values, follow=True)

    assert response.redirect_chain[-1][0] == grid_url(project) + f"#decision-{board['budget'].pk}"
    assert_shows(response, "RACI saved: 1 role changed")
    assert roles(project)[("Approve the budget", "Traffic police")] == "I"
    # The other decision, not on that page, is left as it was.
    assert roles(project)[("Choose the hosting platform", "Finance office")] == "C"


@pytest.mark.parametrize("value", ["abc", "٣", "0", "99999999999999999999"])
def test_a_malformed_decision_is_404(viewer_client, project, board, value):
    assert viewer_client.get(grid_url(project) + f"?decision={value}").status_code == 404


def test_another_projects_decision_is_404(viewer_client, project, board, other_project):
    assert viewer_client.get(grid_url(project, KeyDecision.objects.filter(project=other_project).first())).status_code == 404


# Shapes and sizes


def test_without_decisions_the_page_says_so_and_links_to_add_one(editor_client, project):
    make_stakeholder(project, "Finance office")

    response = editor_client.get(grid_url(project))

    assert_shows(response, "A RACI needs at least one key decision and one stakeholder.", "Add a key decision")
    assert "Add a stakeholder" not in text_of(response)
    assert reverse("projects:item_add", kwargs={"slug": project.slug, "step_slug": "stakeholders", "kind_slug": "decision"}) in text_of(
        response
    )


def test_more_decisions_than_stakeholders_puts_the_decisions_in_columns(editor_client, project):
    finance = make_stakeholder(project, "Finance office")
    decisions = [make_decision(project, f"Decision {n}") for n in range(3)]

    content = text_of(editor_client.get(grid_url(project)))

    assert re.search(r'<th scope="row"[^>]*>Finance office', content)
    for decision in decisions:
        assert re.search(
            rf'<th scope="col"[^>]*id="decision-{decision.pk}"><a class="govuk-link" href="\?decision={decision.pk}">', content
        )
    assert f'name="{cell_name(decisions[2].pk, finance.pk)}"' in content


def _many(project, stakeholders: int, decisions: int):
    made = Stakeholder.objects.bulk_create(Stakeholder(project=project, name=f"Stakeholder {n}", position=n) for n in range(stakeholders))
    taken = KeyDecision.objects.bulk_create(KeyDecision(project=project, title=f"Decision {n}", position=n) for n in range(decisions))
    RaciAssignment.objects.bulk_create(
        RaciAssignment(project=project, decision=d, stakeholder=made[n % stakeholders], responsibility="A", position=n)
        for n, d in enumerate(taken)
    )
    return made, taken


def test_30_stakeholders_and_10_decisions_render_and_save(owner_client, project):
    stakeholders, decisions = _many(project, 30, 10)
    before = revision(project)
    response = owner_client.get(grid_url(project))
    values = page_values(response)
    assert len(values) == 30 * 10 + 1
    for decision in decisions:
        values[cell_name(decision.pk, stakeholders[29].pk)] = "I"

    response = owner_client.post(grid_url(project), values, follow=True)

    assert_shows(response, "RACI saved: 10 roles changed")
    assert RaciAssignment.objects.filter(project=project, stakeholder=stakeholders[29], responsibility="I").count() == 10
    assert revision(project) == before + 1


def _get_queries(client, url) -> int:
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_the_grid_costs_the_same_queries_with_5_or_30_stakeholders(owner, owner_client, project):
    from stage1.projects.services import project_create

    larger = project_create(user=owner, title="Larger service", organisation="City of Example")
    _many(project, 5, 10)
    _many(larger, 30, 10)

    assert _get_queries(owner_client, grid_url(project)) == _get_queries(owner_client, grid_url(larger))
    small_decision = KeyDecision.objects.filter(project=project).first()
    large_decision = KeyDecision.objects.filter(project=larger).first()
    assert _get_queries(owner_client, grid_url(project, small_decision)) == _get_queries(owner_client, grid_url(larger, large_decision))


def test_a_grid_too_big_for_one_page_lists_the_decisions_one_at_a_time(editor_client, project):
    stakeholders = 31
    decisions = MAX_GRID_CELLS // stakeholders + 1
    _many(project, stakeholders, decisions)

    response = editor_client.get(grid_url(project))

    assert "<select" not in text_of(response)
    assert_shows(response, f"This project has {decisions} key decisions and {stakeholders} stakeholders")
    decision = KeyDecision.objects.filter(project=project).last()
    assert f'href="?decision={decision.pk}"' in text_of(response)
    single = page_values(editor_client.get(grid_url(project, decision)))
    assert len(single) == stakeholders + 1


def test_the_largest_grid_on_one_page_stays_well_under_the_field_limit(editor_client, project, settings):
    _many(project, 30, MAX_GRID_CELLS // 30)

    values = page_values(editor_client.get(grid_url(project)))

    assert len(values) + 1 <= MAX_GRID_CELLS + 2 < settings.DATA_UPLOAD_MAX_NUMBER_FIELDS


def test_a_grid_cannot_hold_more_roles_than_a_list_can(editor_client, project):
    stakeholders, decisions = _many(project, 30, 20)
    values = page_values(editor_client.get(grid_url(project)))
    for decision in decisions:
        for stakeholder in stakeholders:
            if values[cell_name(decision.pk, stakeholder.pk)] != "A":
                values[cell_name(decision.pk, stakeholder.pk)] = "I"

    response = editor_client.post(grid_url(project), values)

    assert_shows(response, ERROR_SUMMARY, f"A RACI can hold {ITEM_LIMIT} roles and this one would have 600")
    assert RaciAssignment.objects.filter(project=project).count() == 20
