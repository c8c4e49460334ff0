"""Inviting someone new in a real browser: the owner invites, the invitee creates an account and edits as an editor."""

import re

import pytest
from django.core import mail
from django.urls import reverse
from playwright.sync_api import expect

from stage1.projects.models import Membership, NeedStep, Role
from tests.browser.conftest import axe_check, login, screenshot

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

NEW_PASSWORD = "a long enough passphrase 42"


def _link_from_the_email() -> str:
    assert len(mail.outbox) == 1, "exactly one invitation email"
    match = re.search(r"https?://\S+/invitations/\S+/", mail.outbox[0].body)
    assert match, mail.outbox[0].body
    return match.group(0)


def test_an_invited_person_creates_an_account_and_edits_a_step_as_an_editor(page, live_server, methodology, owner, project):
    login(page, live_server, owner)
    page.goto(live_server.url + reverse("projects:task_list", kwargs={"slug": project.slug}))
    page.get_by_role("link", name="Members: add people, change roles").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Members")
    axe_check(page)

    page.get_by_role("button", name="Add a person").click()
    page.get_by_label("Email address").fill("nadia@example.org")
    page.get_by_label("Editor").check()
    page.get_by_role("button", name="Add to the project").click()
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text("We sent an invitation to nadia@example.org")
    expect(page.get_by_role("table").nth(1)).to_contain_text("nadia@example.org")
    axe_check(page)
    screenshot(page, "members")
    page.get_by_role("button", name="Sign out").click()

    # The invitee has no account: signed out, they open the link from the email.
    page.goto(_link_from_the_email())
    expect(page.get_by_role("heading", level=1)).to_have_text("Create your account")
    expect(page.locator(".govuk-summary-list")).to_contain_text(project.title)
    axe_check(page)
    screenshot(page, "invitation")

    page.get_by_label("First name").fill("Nadia")
    page.get_by_label("Last name (optional)").fill("Newcomer")
    page.get_by_label("Username").fill("nadia_new")
    page.get_by_label("Create a password").fill(NEW_PASSWORD)
    page.get_by_label("Type the password again").fill(NEW_PASSWORD)
    page.get_by_role("button", name="Create account and join").click()
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text(
        "You joined Apply for a parking permit with the role Editor."
    )
    expect(page.get_by_role("heading", level=1)).to_have_text(project.title)

    page.goto(live_server.url + reverse("projects:step", kwargs={"slug": project.slug, "step_slug": "need"}))
    page.get_by_label("What is the problem?").fill("Residents wait weeks for a paper permit.")
    page.get_by_role("button", name="Save and return to the task list").click()
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text("were saved.")

    page.goto(live_server.url + reverse("members:list", kwargs={"slug": project.slug}))
    expect(page.get_by_role("table").first).to_contain_text("Nadia Newcomer")
    assert Membership.objects.get(project=project, user__username="nadia_new").role == Role.EDITOR
    need = NeedStep.objects.get(project=project)
    assert need.problem == "Residents wait weeks for a paper permit."
    assert need.updated_by.username == "nadia_new"

    # The change is in the project's history, under the new member's name.
    page.goto(live_server.url + reverse("history:project", kwargs={"slug": project.slug}))
    newest = page.locator(".stage1-history-group").first
    expect(newest.get_by_role("heading", level=2)).to_contain_text("Nadia Newcomer")
    expect(newest).to_contain_text("Residents wait weeks for a paper permit.")
    axe_check(page)
    screenshot(page, "history-after-invitation")


def test_the_delete_confirmation_page_passes_axe_with_and_without_an_error(page, live_server, owner, project):
    login(page, live_server, owner)
    page.goto(live_server.url + reverse("members:delete", kwargs={"slug": project.slug}))
    expect(page.get_by_role("heading", level=1)).to_have_text("Delete this project?")
    axe_check(page)

    page.get_by_label("Project title").fill("Not the title")
    page.get_by_role("button", name="Delete the project").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("not the project's title")
    expect(page.get_by_label("Project title")).to_have_value("Not the title")
    axe_check(page)
    screenshot(page, "delete-project-with-errors")
