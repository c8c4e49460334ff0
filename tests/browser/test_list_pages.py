"""A long list's pages on a step page, in a real browser: typed answers survive a page turn, and axe-core passes."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from stage1.projects.models import Stakeholder
from stage1.projects.rows import LIST_PAGE_SIZE
from tests.browser.conftest import axe_check, login, screenshot
from tests.projects.factories import fill_lists

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

NARROW = {"width": 320, "height": 640}


@pytest.fixture
def long_project(methodology, project):
    fill_lists(project, LIST_PAGE_SIZE * 2 + 1)
    return project


def test_a_typed_answer_is_saved_when_the_list_turns_its_page(page, live_server, owner, long_project):
    login(page, live_server, owner)
    page.goto(live_server.url + reverse("projects:step", kwargs={"slug": long_project.slug, "step_slug": "stakeholders"}))
    typed = "A steering board every month"
    page.get_by_label("How you will keep stakeholders involved").fill(typed)
    names = list(Stakeholder.objects.filter(project=long_project).order_by("position", "id").values_list("name", flat=True))

    page.get_by_role("button", name="Next page: stakeholders").click()

    expect(page.locator(".govuk-notification-banner--success")).to_contain_text("were saved")
    expect(page.get_by_label("How you will keep stakeholders involved")).to_have_value(typed)
    stakeholders = page.locator("#stakeholder-list")
    expect(stakeholders.get_by_role("row", name=names[LIST_PAGE_SIZE], exact=False).first).to_be_visible()
    expect(stakeholders.get_by_text(f"Showing {LIST_PAGE_SIZE + 1} to {2 * LIST_PAGE_SIZE}")).to_be_visible()
    expect(stakeholders.locator('[aria-current="page"]')).to_have_text("2")
    axe_check(page)
    screenshot(page, "list-page-2-wide")

    page.set_viewport_size(NARROW)
    stakeholders.locator("nav").scroll_into_view_if_needed()
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= NARROW["width"], f"the page scrolls sideways at 320 px ({width} px wide)"
    screenshot(page, "list-page-2-narrow")


def test_changing_an_item_on_page_two_comes_back_to_page_two(page, live_server, owner, long_project):
    login(page, live_server, owner)
    url = reverse("projects:step", kwargs={"slug": long_project.slug, "step_slug": "stakeholders"})
    page.goto(live_server.url + url + "?stakeholder-page=2")
    number = LIST_PAGE_SIZE + 2
    item = Stakeholder.objects.filter(project=long_project).order_by("position", "id")[number - 1]

    page.locator("#stakeholder-list").get_by_role("button", name=f"Change stakeholder {number}: {item.name}").click()
    page.set_viewport_size(NARROW)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= NARROW["width"], f"the item page scrolls sideways at 320 px ({width} px wide)"
    expect(page.locator("a.govuk-back-link")).to_have_attribute("href", re.compile(r"stakeholder-page=2"))
    screenshot(page, "list-page-2-item-narrow")
    page.set_viewport_size({"width": 1280, "height": 800})
    page.locator("input[name=name]").fill("Renamed on page two")
    page.get_by_role("button", name="Save changes").click()

    expect(page.locator(".govuk-notification-banner--success")).to_contain_text("Renamed on page two")
    stakeholders = page.locator("#stakeholder-list")
    expect(stakeholders.locator('[aria-current="page"]')).to_have_text("2")
    expect(stakeholders.get_by_role("row", name="Renamed on page two", exact=False)).to_be_visible()
    axe_check(page)
    screenshot(page, "list-page-2-after-change")


def test_a_reader_turns_the_pages_with_links(page, live_server, viewer, long_project):
    login(page, live_server, viewer)
    page.goto(live_server.url + reverse("projects:step", kwargs={"slug": long_project.slug, "step_slug": "stakeholders"}))

    page.locator("#decision-list").get_by_role("link", name="Key decisions, page 3").click()
    page.locator("#stakeholder-list").get_by_role("link", name="Next page: stakeholders").click()

    assert "decision-page=3" in page.url and "stakeholder-page=2" in page.url
    expect(page.locator("#decision-list [aria-current=page]")).to_have_text("3")
    expect(page.locator("#stakeholder-list [aria-current=page]")).to_have_text("2")
    axe_check(page)
