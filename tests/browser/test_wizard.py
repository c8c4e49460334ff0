"""The wizard in a real browser: keyboard only, without JavaScript, and under axe-core."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from stage1.core.bidi import isolate
from stage1.projects.models import Stakeholder, SuccessIndicator
from tests.browser.conftest import axe_check, login, screenshot

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def _step_url(live_server, project, step_slug):
    return live_server.url + reverse("projects:step", kwargs={"slug": project.slug, "step_slug": step_slug})


def tab_to(page, locator, limit=80):
    """Press Tab until the locator has the focus, as a keyboard user would."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if locator.evaluate("el => el === document.activeElement"):
            return
    pytest.fail(f"Could not reach {locator} with the Tab key")


def test_a_step_with_items_can_be_completed_with_the_keyboard_alone(page, live_server, methodology, owner, project):
    login(page, live_server, owner)
    page.goto(live_server.url + reverse("projects:task_list", kwargs={"slug": project.slug}))

    tab_to(page, page.get_by_role("link", name="Stakeholders are identified", exact=True))
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Stakeholders are identified")

    tab_to(page, page.get_by_label("How you will keep stakeholders involved"))
    page.keyboard.type("Monthly steering board and a shared mailing list.")
    tab_to(page, page.get_by_role("button", name="Add a stakeholder"))
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Add a stakeholder")

    tab_to(page, page.get_by_label("Name", exact=True))
    page.keyboard.type("Residents' association")
    tab_to(page, page.get_by_label("Type"))
    page.keyboard.press("End")  # the last type: "Other"
    tab_to(page, page.get_by_label("Single contact point"))
    page.keyboard.type("Maria Costa, chair")
    tab_to(page, page.get_by_role("button", name="Add stakeholder"))
    page.keyboard.press("Enter")

    # The name is isolated (U+2068 … U+2069): a right-to-left name cannot reorder the sentence.
    expect(page.get_by_role("alert", name="Success")).to_contain_text("Stakeholder “" + isolate("Residents' association") + "” added")
    expect(page.get_by_role("table").first).to_contain_text("Residents' association")
    # The typed answer was saved before leaving the step for the item page.
    expect(page.get_by_label("How you will keep stakeholders involved")).to_have_value("Monthly steering board and a shared mailing list.")
    tab_to(page, page.get_by_role("button", name="Save and return to the task list"))
    page.keyboard.press("Enter")
    expect(page.locator("#step-stakeholders-status")).to_have_text(re.compile("In progress"))

    stakeholder = Stakeholder.objects.get(project=project)
    assert stakeholder.name == "Residents' association"
    assert stakeholder.kind == "other"
    assert stakeholder.contact_point == "Maria Costa, chair"


def test_a_step_with_items_works_without_javascript(browser, live_server, methodology, owner, project):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    login(page, live_server, owner)
    page.goto(_step_url(live_server, project, "objective"))

    page.get_by_label("Vision in one line").fill("Residents get a permit in minutes, not weeks.")
    page.get_by_role("button", name="Add a success indicator").click()
    page.get_by_label("Indicator").fill("Share of permits applied for online")
    page.get_by_label("Baseline").fill("0 %")
    page.get_by_label("Target (optional)", exact=True).fill("80 %")
    page.get_by_role("button", name="Add success indicator").click()

    # A short list of short items is changed in its rows on the step page.
    expect(page.locator('#indicator-list input[name$="-indicator"]').first).to_have_value("Share of permits applied for online")
    expect(page.get_by_label("Vision in one line")).to_have_value("Residents get a permit in minutes, not weeks.")
    page.get_by_role("button", name="Save and continue").click()
    expect(page).to_have_url(re.compile(r"/steps/plan/(#.*)?$"))
    assert SuccessIndicator.objects.get(project=project).target == "80 %"
    context.close()


def test_the_wizard_pages_pass_axe(page, live_server, methodology, owner, project):
    login(page, live_server, owner)
    task_list = live_server.url + reverse("projects:task_list", kwargs={"slug": project.slug})
    page.goto(task_list)
    axe_check(page)
    screenshot(page, "task-list")

    page.goto(_step_url(live_server, project, "stakeholders"))
    axe_check(page)
    screenshot(page, "step-stakeholders")

    page.get_by_role("button", name="Add a stakeholder").click()
    page.get_by_label("Single contact point").fill("Maria Costa")
    page.get_by_role("button", name="Add stakeholder").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter the stakeholder's name")
    expect(page.get_by_label("Single contact point")).to_have_value("Maria Costa")
    axe_check(page)
    screenshot(page, "item-form-with-errors")

    page.goto(live_server.url + reverse("projects:check_answers", kwargs={"slug": project.slug}))
    axe_check(page)
    screenshot(page, "check-your-answers")

    page.goto(live_server.url + reverse("evaluation:checklist", kwargs={"slug": project.slug}))
    axe_check(page)
    screenshot(page, "checklist")

    page.goto(live_server.url + reverse("evaluation:rule", kwargs={"slug": project.slug, "rule_slug": "need"}))
    axe_check(page)
    screenshot(page, "checklist-rule")


def test_the_conflict_page_passes_axe(browser, live_server, methodology, owner, editor, project):
    owner_page = browser.new_context().new_page()
    editor_page = browser.new_context().new_page()
    login(owner_page, live_server, owner)
    login(editor_page, live_server, editor)
    for page in (owner_page, editor_page):
        page.goto(_step_url(live_server, project, "need"))

    owner_page.get_by_label("What is the problem?").fill("Permits take six weeks.")
    owner_page.get_by_role("button", name="Save and return to the task list").click()
    editor_page.get_by_label("What is the problem?").fill("Residents queue at the counter.")
    editor_page.get_by_role("button", name="Save and return to the task list").click()

    expect(editor_page.get_by_role("heading", level=1)).to_have_text("Someone else changed this while you were editing")
    expect(editor_page.locator("table")).to_contain_text("Residents queue at the counter.")
    expect(editor_page.locator("table")).to_contain_text("Permits take six weeks.")
    axe_check(editor_page)
    screenshot(editor_page, "conflict")
