"""A modest real project entered through the seven steps: several items per page, with and without JavaScript.

With JavaScript, "Add another row" adds rows in place; the RACI is one grid.
The walk counts the full page loads spent on entering items (every load
except the first arrival on each step): a Word template costs none, so the
product must cost few. Without JavaScript the same walk still works, one
round trip per extra row.
"""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from stage1.projects.models import (
    InteropPoint,
    JourneyStep,
    KeyDecision,
    Milestone,
    RaciAssignment,
    ResearchActivity,
    Stakeholder,
    TeamMember,
    UserGroup,
    UserPath,
)
from tests.browser.conftest import axe_check, login, screenshot

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

# The tax-refund service a project lead entered when the walk cost 46 page loads.
ANSWERS = {
    "need": {
        "problem": "People wait months for a tax refund they are owed",
        "affected": "Salaried workers and pensioners who overpay tax",
        "evidence": "41,000 calls a year asking where a refund is",
        "current_workarounds": "People phone the tax office or visit a service desk",
    },
    "objective": {
        "vision": "Refunds paid within ten days, without a claim",
        "strategic_objectives": "Pay refunds automatically from the annual return",
        "first_results": "Automatic refunds for pensioners in the first year",
        "concept_name": "Get your tax refund",
        "concept_offer": "Check a refund, confirm the bank account, follow the payment",
    },
    "plan": {"phases": "Discovery, alpha, beta and live", "funding_source": "Modernisation fund"},
    "stakeholders": {"engagement_approach": "A monthly board and a show and tell every fortnight"},
    "team": {"governance": "The service owner decides; the board settles escalations"},
    "interoperability": {"approach": "Reuse the bank account register and the pensions register"},
    "user-paths": {"involvement": "A panel of twelve taxpayers tests every fortnight"},
}
MILESTONES = [{"name": f} for f in ("Discovery finished", "Alpha tested", "Private beta", "Live")]
STAKEHOLDERS = [
    {"name": "Tax office", "organisation": "Ministry of Finance"},
    {"name": "Treasury", "organisation": "Ministry of Finance"},
    {"name": "Central bank", "organisation": "Bank of the Republic"},
    {"name": "Pensions institute", "organisation": "Social security"},
    {"name": "Data protection officer", "organisation": "Ministry of Finance", "kind": "dpo"},
    {"name": "Taxpayers' association", "organisation": "Civil society", "kind": "user_rep"},
]
DECISIONS = [{"title": t} for t in ("Approve the budget", "Choose the payment rail", "Go live")]
# (decision, stakeholder, role): seven roles, one Accountable per decision.
RACI = [
    ("Approve the budget", "Treasury", "A"),
    ("Approve the budget", "Tax office", "R"),
    ("Choose the payment rail", "Tax office", "A"),
    ("Choose the payment rail", "Central bank", "C"),
    ("Choose the payment rail", "Data protection officer", "C"),
    ("Go live", "Tax office", "A"),
    ("Go live", "Taxpayers' association", "I"),
]
TEAM = [
    {"name": "Rita Sousa", "role": "service_owner", "organisation": "Tax office"},
    {"name": "Paulo Reis", "role": "product_owner", "organisation": "Tax office"},
    {"name": "Inês Costa", "role": "user_researcher", "organisation": "Tax office"},
    {"name": "Nuno Alves", "role": "developer", "organisation": "Central bank"},
]
EXCHANGES = [
    {"partner": "Central bank", "data_exchanged": "Account holder check"},
    {"partner": "Pensions institute", "data_exchanged": "Pension payments"},
    {"partner": "Treasury", "data_exchanged": "Refund payment orders"},
]
GROUPS = [{"name": g} for g in ("Salaried workers", "Pensioners", "Accountants")]
RESEARCH = [{"method": m} for m in ("Interviews", "Survey", "Call listening")]
PATHS = [
    {"user_group": "Salaried workers", "name": "Get a refund"},
    {"user_group": "Pensioners", "name": "Change the bank account"},
    {"user_group": "Accountants", "name": "Refund for a client"},
]
JOURNEY = [
    {"path": "Get a refund", "description": "Hears a refund is due"},
    {"path": "Get a refund", "description": "Signs in"},
    {"path": "Get a refund", "description": "Confirms the bank account"},
    {"path": "Get a refund", "description": "Is paid"},
    {"path": "Change the bank account", "description": "Signs in"},
    {"path": "Change the bank account", "description": "Types the new account"},
    {"path": "Refund for a client", "description": "Asks on behalf of a client"},
]


def _step_url(live_server, project, step_slug):
    return live_server.url + reverse("projects:step", kwargs={"slug": project.slug, "step_slug": step_slug})


def _choose(page, name: str, wanted: str) -> None:
    """Pick the option with this value, or else the one whose words include it (an item is shown with its organisation or group)."""
    select = page.locator(f'select[name="{name}"]')
    value = select.evaluate(
        "(el, wanted) => { const options = Array.from(el.options);"
        " return (options.find(o => o.value === wanted) || options.find(o => o.text.includes(wanted))).value; }",
        wanted,
    )
    select.select_option(value)


def _fill_row(page, kind_slug: str, index: int, row: dict) -> None:
    for field, value in row.items():
        name = f"new-{kind_slug}-{index}-{field}"
        if page.locator(f'select[name="{name}"]').count():
            _choose(page, name, value)
        else:
            page.locator(f'[name="{name}"]').fill(value)


def _enter_rows(page, kind_slug: str, rows: list[dict], *, javascript: bool) -> None:
    """Type the rows of one list: with JavaScript each "Add another row" adds one in place; without, it saves and comes back."""
    add_another = page.locator(f'button[value="another:{kind_slug}"]')
    for index, row in enumerate(rows):
        if javascript:
            if index:
                add_another.click()
                expect(page.locator(f'[name="new-{kind_slug}-{index}-{next(iter(row))}"]')).to_be_focused()
            _fill_row(page, kind_slug, index, row)
        else:
            _fill_row(page, kind_slug, 0, row)
            if index < len(rows) - 1:
                add_another.click()
                page.wait_for_load_state()


def _answer(page, step_slug: str) -> None:
    for name, value in ANSWERS[step_slug].items():
        page.locator(f'[name="{name}"]').fill(value)


def _save_and_stay(page, kind_slug: str) -> None:
    """Enter in a row's text box saves the page and comes back to it (the form's first button is a plain save)."""
    page.locator(f'[name^="new-{kind_slug}-"][type="text"]').last.press("Enter")
    page.wait_for_load_state()


def _walk(page, live_server, project, *, javascript: bool) -> list[str]:
    loads: list[str] = []
    page.on("load", lambda loaded: loads.append(loaded.url.split("#")[0].split("?")[0]))
    page.goto(_step_url(live_server, project, "need"))
    _answer(page, "need")
    page.get_by_role("button", name="Save and continue").click()

    _answer(page, "objective")
    page.get_by_role("button", name="Save and continue").click()

    _answer(page, "plan")
    _enter_rows(page, "milestone", MILESTONES, javascript=javascript)
    page.get_by_role("button", name="Save and continue").click()

    _answer(page, "stakeholders")
    _enter_rows(page, "stakeholder", STAKEHOLDERS, javascript=javascript)
    _enter_rows(page, "decision", DECISIONS, javascript=javascript)
    page.locator('button[value="grid:raci"]').click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("RACI")
    decisions = {d.title: d.pk for d in KeyDecision.objects.filter(project=project)}
    stakeholders = {s.name: s.pk for s in Stakeholder.objects.filter(project=project)}
    for decision, stakeholder, role in RACI:
        page.locator(f'[name="role-{decisions[decision]}-{stakeholders[stakeholder]}"]').select_option(role)
    page.get_by_role("button", name="Save the RACI").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Stakeholders")
    page.get_by_role("button", name="Save and continue").click()

    _answer(page, "team")
    _enter_rows(page, "team-member", TEAM, javascript=javascript)
    page.get_by_role("button", name="Save and continue").click()

    _answer(page, "interoperability")
    _enter_rows(page, "interop-point", EXCHANGES, javascript=javascript)
    page.get_by_role("button", name="Save and continue").click()

    _answer(page, "user-paths")
    _enter_rows(page, "user-group", GROUPS, javascript=javascript)
    _enter_rows(page, "research", RESEARCH, javascript=javascript)
    # Paths choose among the groups, and journey steps among the paths: each list is saved before the next.
    _save_and_stay(page, "research")
    _enter_rows(page, "user-path", PATHS, javascript=javascript)
    _save_and_stay(page, "user-path")
    _enter_rows(page, "journey-step", JOURNEY, javascript=javascript)
    page.get_by_role("button", name="Save and continue").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Check your answers")
    return loads


def _assert_everything_kept(project) -> None:
    expected = {
        Milestone: MILESTONES,
        Stakeholder: STAKEHOLDERS,
        KeyDecision: DECISIONS,
        RaciAssignment: RACI,
        TeamMember: TEAM,
        InteropPoint: EXCHANGES,
        UserGroup: GROUPS,
        ResearchActivity: RESEARCH,
        UserPath: PATHS,
        JourneyStep: JOURNEY,
    }
    for model, entered in expected.items():
        assert model.objects.filter(project=project).count() == len(entered), model.__name__
    milestones = list(Milestone.objects.filter(project=project).order_by("position").values_list("name", flat=True))
    assert milestones == [m["name"] for m in MILESTONES]
    for path in PATHS:
        steps = JourneyStep.objects.filter(path__project=project, path__name=path["name"]).order_by("position")
        assert list(steps.values_list("description", flat=True)) == [j["description"] for j in JOURNEY if j["path"] == path["name"]]
    roles = set(RaciAssignment.objects.filter(project=project).values_list("decision__title", "stakeholder__name", "responsibility"))
    assert roles == set(RACI)
    members = dict(TeamMember.objects.filter(project=project).values_list("name", "organisation__name"))
    assert members == {m["name"]: m["organisation"] for m in TEAM}


def test_the_modest_project_costs_at_most_15_page_loads_of_item_entry(page, live_server, methodology, owner, project):
    login(page, live_server, owner)
    loads = _walk(page, live_server, project, javascript=True)
    # Arriving on each step (and on check your answers at the end) is the walk itself; every other load is item entry.
    arrivals = {url for url in loads if "/steps/" in url or url.endswith("/check-your-answers/")}
    item_entry = len(loads) - len(arrivals)
    assert item_entry <= 15, loads
    _assert_everything_kept(project)
    screenshot(page, "add-another-check-your-answers")


def test_the_same_walk_works_without_javascript(browser, live_server, methodology, owner, project):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    login(page, live_server, owner)
    _walk(page, live_server, project, javascript=False)
    _assert_everything_kept(project)
    context.close()


def test_rows_added_in_place_pass_axe_and_take_the_focus(page, live_server, methodology, owner, project):
    login(page, live_server, owner)
    page.goto(_step_url(live_server, project, "stakeholders"))
    for _ in range(2):
        page.locator('button[value="another:stakeholder"]').click()
    expect(page.locator('[name="new-stakeholder-2-name"]')).to_be_focused()
    expect(page.locator('[name="new-stakeholder-TOTAL_FORMS"]')).to_have_value("3")
    axe_check(page)
    page.set_viewport_size({"width": 320, "height": 640})
    assert page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")
    axe_check(page)
