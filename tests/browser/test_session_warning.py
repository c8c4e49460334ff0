"""The idle-session warning: shown before the session ends, and "Stay signed in" keeps it."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from tests.browser.conftest import axe_check, login, screenshot

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_the_warning_appears_before_the_session_ends_and_staying_signed_in_hides_it(page, live_server, settings, owner, project):
    # The warning shows 120 s before the end: a 126 s session shows it after about 6 s.
    settings.SESSION_COOKIE_AGE = 126
    login(page, live_server, owner)
    page.goto(live_server.url + reverse("projects:task_list", kwargs={"slug": project.slug}))
    warning = page.locator("#session-warning")
    expect(warning).to_be_hidden()

    expect(warning).to_be_visible(timeout=15_000)
    expect(warning).to_contain_text("You will be signed out in 2 minutes")
    expect(warning).to_be_focused()
    axe_check(page)
    screenshot(page, "session-warning")

    with page.expect_response(lambda response: response.url.endswith(reverse("keep_alive"))) as keep_alive:
        page.get_by_role("button", name="Stay signed in").click()
    assert keep_alive.value.status == 200
    expect(warning).to_be_hidden()
    # Still signed in: the project opens without a trip to the sign-in page.
    page.reload()
    expect(page.get_by_role("heading", level=1)).to_have_text(project.title)
