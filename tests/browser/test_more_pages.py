"""Every remaining page type of a full project passes axe-core: lists, history, versions, imports, previews, errors."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from stage1.demo.project import ensure_demo_project
from stage1.projects.models import NeedStep
from tests.browser.conftest import axe_check, login, screenshot

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def demo(methodology, owner, editor, viewer):
    return ensure_demo_project(owner=owner, editor=editor, viewer=viewer)


def test_the_pages_of_a_full_project_pass_axe(page, live_server, demo, owner):
    slug = demo.slug
    stakeholder = demo.stakeholders.first()
    version = NeedStep.history.filter(project_id=demo.pk).earliest("history_date")
    pages = {
        "project-list": reverse("projects:list"),
        "project-new": reverse("projects:new"),
        "history": reverse("history:project", kwargs={"slug": slug}),
        "restore-step": reverse("history:restore_step", kwargs={"slug": slug, "step_slug": "need", "history_id": version.history_id}),
        "item-remove": reverse(
            "projects:item_remove", kwargs={"slug": slug, "step_slug": "stakeholders", "kind_slug": "stakeholder", "pk": stakeholder.pk}
        ),
        "checklist-version": reverse("evaluation:version", kwargs={"slug": slug}),
        "import-project": reverse("exchange:import_project"),
        "import-stakeholders": reverse("exchange:import_stakeholders", kwargs={"slug": slug}),
        "members": reverse("members:list", kwargs={"slug": slug}),
        "members-add": reverse("members:add", kwargs={"slug": slug}),
        "archive": reverse("members:archive", kwargs={"slug": slug}),
        "delete": reverse("members:delete", kwargs={"slug": slug}),
        "charter-preview": reverse("charter:preview", kwargs={"slug": slug}),
        "not-found": "/projects/no-such-project/",
    }
    login(page, live_server, owner)
    for name, url in pages.items():
        page.goto(live_server.url + url)
        axe_check(page)
        screenshot(page, f"page-{name}")


def test_a_new_project_form_with_errors_passes_axe_and_keeps_the_input(page, live_server, owner):
    login(page, live_server, owner)
    page.goto(live_server.url + reverse("projects:new"))
    page.get_by_label("Organisation").fill("Region of Example")
    page.get_by_role("button", name="Create project").click()
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    expect(page.get_by_label("Organisation")).to_have_value("Region of Example")
    axe_check(page)
