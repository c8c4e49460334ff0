"""The whole product in a real browser: a new project from the first sign-in to the signed-off-ready charter."""

import io
import re

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from playwright.sync_api import expect
from pypdf import PdfReader

from stage1.projects.steps import STEPS
from tests.browser.conftest import axe_check, download_through_preparing_page, login, screenshot
from tests.conftest import PASSWORD
from tests.content import fixture_rules

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

TITLE = "Register a newborn child"
# The stakeholder the team names as sponsor, who signs the charter.
SPONSOR = "Deputy Minister for Civil Affairs"

# The step's own answers that make it complete, by label.
ANSWERS = {
    "need": {
        "What is the problem?": "Parents visit three offices to register a birth.",
        "Who is affected?": "Parents of the 9,000 children born in the region each year.",
        "Evidence of the need": "Complaint log 2026 and 12 interviews with parents.",
        "How people cope today": "They take a day off work and queue at each office.",
    },
    "objective": {
        "Vision in one line": "A birth is registered once, from the maternity ward.",
        "Strategic objectives": "One visit at most; no document asked for twice.",
        "First results within about six months": "A pilot in the regional hospital.",
        "Service name": "Register a birth",
        "What the service offers": "Registration, name choice and the first certificate.",
    },
    "plan": {"Phases": "Discovery, alpha, beta, live.", "Funding source": "Regional digital fund"},
    "stakeholders": {"How you will keep stakeholders involved": "A monthly steering board."},
    "team": {"Governance": "The service owner decides scope; the board decides budget."},
    "interoperability": {"Overall approach to data exchange": "Once only: read the population register."},
    "user-paths": {"How users will stay involved": "A parents' panel tests every release."},
}

# Two items in every list but the RACI: (step, add button, {label: value}, {select label: option label}).
ITEMS = [
    ("objective", "Add a success indicator", {"Indicator": "Births registered from the ward"}, {}),
    ("objective", "Add a success indicator", {"Indicator": "Visits per registration"}, {}),
    ("stakeholders", "Add a stakeholder", {"Name": "Regional Hospital", "Single contact point (optional)": "Dr Maria Costa"}, {}),
    ("stakeholders", "Add a stakeholder", {"Name": "Civil Registry", "Single contact point (optional)": "Jan Novak"}, {}),
    ("stakeholders", "Add a stakeholder", {"Name": SPONSOR, "Single contact point (optional)": "Office of the Deputy Minister"}, {}),
    ("stakeholders", "Add a key decision", {"Decision": "Approve the pilot"}, {}),
    ("stakeholders", "Add a key decision", {"Decision": "Approve national roll-out"}, {}),
    ("team", "Add a team member", {"Name": "Eva Lind"}, {"Role": "Service owner"}),
    ("team", "Add a team member", {"Name": "Tom Berg"}, {"Role": "User researcher"}),
    ("plan", "Add a milestone", {"Name": "Discovery report"}, {"Owner in the team (optional)": "Eva Lind – Service owner"}),
    ("plan", "Add a milestone", {"Name": "Pilot live"}, {"Owner in the team (optional)": "Tom Berg – User researcher"}),
    (
        "interoperability",
        "Add an interoperability point",
        {"Data exchanged (optional)": "Parents' identity and address"},
        {"Partner body (optional)": "Civil Registry"},
    ),
    (
        "interoperability",
        "Add an interoperability point",
        {"Data exchanged (optional)": "Birth notification"},
        {"Partner body (optional)": "Regional Hospital"},
    ),
    ("user-paths", "Add a user group", {"Name": "New parents"}, {}),
    ("user-paths", "Add a user group", {"Name": "Registry clerks"}, {}),
    ("user-paths", "Add a research activity", {"Method": "Interviews in the maternity ward"}, {}),
    ("user-paths", "Add a research activity", {"Method": "Observation at the registry"}, {}),
    ("user-paths", "Add a user path", {"Goal of the journey": "Register my baby"}, {"User group (optional)": "New parents"}),
    ("user-paths", "Add a user path", {"Goal of the journey": "Check a registration"}, {"User group (optional)": "Registry clerks"}),
    ("user-paths", "Add a journey step", {"What happens": "Signs the form on the ward"}, {"User path": "Register my baby"}),
    ("user-paths", "Add a journey step", {"What happens": "Receives the certificate by email"}, {"User path": "Register my baby"}),
]


# (decision, stakeholder) pairs, each the decision's Accountable.
RACI = [("Approve the pilot", "Regional Hospital"), ("Approve national roll-out", "Civil Registry")]


def _step(page, live_server, slug, step_slug):
    page.goto(live_server.url + reverse("projects:step", kwargs={"slug": slug, "step_slug": step_slug}))


def test_a_team_goes_from_a_new_project_to_a_charter_ready_for_sign_off(
    browser, live_server, pdf_worker, methodology, owner, viewer, outsider
):
    page = browser.new_context(accept_downloads=True).new_page()
    login(page, live_server, owner)
    page.goto(live_server.url + reverse("projects:list"))
    page.get_by_role("button", name="Start a new project").click()
    page.get_by_label("Project title").fill(TITLE)
    page.get_by_label("Organisation").fill("Region of Example")
    page.get_by_role("button", name="Create project").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    slug = page.url.rstrip("/").split("/")[-1]

    for step_slug, add, fields, selects in ITEMS:
        _step(page, live_server, slug, step_slug)
        page.get_by_role("button", name=add).click()
        for label, value in fields.items():
            page.get_by_label(label, exact=True).fill(value)
        for label, option in selects.items():
            page.get_by_label(label, exact=True).select_option(label=option)
        # The form's own button ("Add team member"), not an "Add a stakeholder" detour beside a choice.
        page.get_by_role("button", name=re.compile(r"^Add (?!an? )")).click()
        expect(page.get_by_role("alert", name="Success")).to_contain_text("added")

    # The RACI is one grid: a role per decision and stakeholder, saved at once.
    page.goto(live_server.url + reverse("projects:raci_grid", kwargs={"slug": slug}))
    for decision, stakeholder in RACI:
        # The names in the label are isolated (U+2068 … U+2069) so a right-to-left name cannot reorder it.
        page.get_by_label(re.compile(f"Role of \u2068?{stakeholder}.*{decision}")).select_option(label="A – Accountable")
    page.get_by_role("button", name="Save the RACI").click()
    expect(page.get_by_role("alert", name="Success")).to_contain_text("RACI saved")

    for step_slug, answers in ANSWERS.items():
        _step(page, live_server, slug, step_slug)
        for label, value in answers.items():
            page.get_by_label(label, exact=True).fill(value)
        if step_slug == "team":
            page.get_by_label("Accountable lead").select_option(label="Eva Lind – Service owner")
        if step_slug == "stakeholders":
            page.get_by_label("Sponsor").select_option(label=SPONSOR)
        page.get_by_role("button", name="Save and return to the task list").click()
        expect(page.locator(f"#step-{step_slug}-status")).to_have_text(re.compile("Completed"))
    expect(page.get_by_text(f"You have completed {len(STEPS)} of {len(STEPS)} golden rules.")).to_be_visible()
    axe_check(page)
    screenshot(page, "journey-task-list-complete")

    page.goto(live_server.url + reverse("evaluation:rule", kwargs={"slug": slug, "rule_slug": "need"}))
    for _rule in fixture_rules():
        for radio in page.get_by_role("radio", name="Yes").all():
            radio.check()
        page.get_by_role("button", name="Save and continue").click()
    page.goto(live_server.url + reverse("evaluation:checklist", kwargs={"slug": slug}))
    expect(page.locator("#overall-score")).to_contain_text("100% ready")
    axe_check(page)

    # Every answer is Yes, so where the team's data shows a gap the checklist says so: the team keeps each such
    # answer with a reason, following the task list's links until nothing stands between it and a review.
    task_list = live_server.url + reverse("projects:task_list", kwargs={"slug": slug})
    page.goto(task_list)
    contradicted = page.locator("#readiness-blockers a", has_text="Resolve what the project's data says")
    while contradicted.count():
        contradicted.first.click()
        page.get_by_label("Why your answer stands").fill("Agreed at the steering board of 3 March")
        page.get_by_role("button", name="Keep my answer").click()
        expect(page.get_by_role("alert", name="Success")).to_contain_text("Your answer stands")
        page.goto(task_list)
    expect(page.locator("#readiness")).to_contain_text("Ready for review")
    axe_check(page)

    # The worker renders the charter; the link shows the preparing page until then, which refreshes itself.
    pdf = PdfReader(io.BytesIO(download_through_preparing_page(page, "Download the charter (PDF)")))
    text = "\n".join(p.extract_text() for p in pdf.pages)
    assert TITLE in text
    assert "Draft 0.1, ready for review" in " ".join(text.split())
    for value in ("Parents visit three offices to register a birth.", "Regional Hospital", "Signs the form on the ward"):
        assert value in text

    # The owner adds a viewer by email; the viewer reads everything and changes nothing.
    page.goto(live_server.url + reverse("members:add", kwargs={"slug": slug}))
    page.get_by_label("Email address").fill(viewer.email)
    page.get_by_label("Viewer").check()
    page.get_by_role("button", name="Add to the project").click()
    viewer_page = browser.new_context().new_page()
    login(viewer_page, live_server, viewer, PASSWORD)
    viewer_page.goto(live_server.url + reverse("projects:task_list", kwargs={"slug": slug}))
    expect(viewer_page.get_by_text("You can read this project but not change it.")).to_be_visible()
    _step(viewer_page, live_server, slug, "stakeholders")
    expect(viewer_page.get_by_text("Regional Hospital").first).to_be_visible()
    expect(viewer_page.get_by_role("button", name="Save and continue")).to_have_count(0)
    viewer_page.goto(
        live_server.url + reverse("projects:item_add", kwargs={"slug": slug, "step_slug": "stakeholders", "kind_slug": "stakeholder"})
    )
    expect(viewer_page.get_by_role("heading", level=1)).to_have_text("You cannot change this")
    axe_check(viewer_page)
    screenshot(viewer_page, "journey-viewer-forbidden")

    # Someone who is not a member gets "not found", never a hint that the project exists.
    outsider_page = browser.new_context().new_page()
    login(outsider_page, live_server, outsider)
    outsider_page.goto(live_server.url + reverse("projects:task_list", kwargs={"slug": slug}))
    expect(outsider_page.get_by_role("heading", level=1)).to_have_text("Page not found")
    axe_check(outsider_page)
    assert get_user_model().objects.filter(memberships__project__slug=slug).count() == 2
