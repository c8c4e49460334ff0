import re

import pytest
from django.conf import settings
from django.core import mail
from django.urls import reverse
from playwright.sync_api import expect

from stage1.methodology.models import Rule
from tests.browser.conftest import axe_check, login, screenshot

# Flushing after each test would drop the "Methodology owners" group, which a
# data migration creates; serialized rollback puts it back.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

GOVUK_BLACK = "rgb(11, 12, 12)"


def test_the_home_page_is_styled_accessible_and_starts_with_a_skip_link(page, live_server):
    page.goto(live_server.url + reverse("home"))

    expect(page.get_by_role("heading", level=1)).to_have_text("Define the strategy for a digital public service")
    # The stylesheet loaded: GOV.UK's header colour and the de-branded font.
    assert page.locator(".govuk-header").evaluate("el => getComputedStyle(el).backgroundColor") == GOVUK_BLACK
    assert "arial" in page.locator("h1").evaluate("el => getComputedStyle(el).fontFamily").lower()
    axe_check(page)
    screenshot(page, "home")
    page.keyboard.press("Tab")
    expect(page.locator(".govuk-skip-link")).to_be_focused()


def test_the_login_page_is_accessible(page, live_server):
    page.goto(live_server.url + reverse("login"))

    expect(page.get_by_role("heading", level=1)).to_have_text("Sign in")
    axe_check(page)
    screenshot(page, "login")


def test_a_failed_login_shows_an_accessible_error_summary(page, live_server, outsider):
    page.goto(live_server.url + reverse("login"))
    page.get_by_label("Username").fill(outsider.username)
    page.get_by_label("Password").fill("not the password")
    page.get_by_role("button", name="Sign in").click()

    expect(page.locator(".govuk-error-summary")).to_be_visible()
    expect(page).to_have_title(re.compile(r"^Error:"))
    expect(page.get_by_label("Username")).to_have_value(outsider.username)
    axe_check(page)
    screenshot(page, "login-with-errors")


def test_the_password_reset_pages_are_accessible(page, live_server, outsider):
    page.goto(live_server.url + reverse("password_reset"))
    axe_check(page)
    screenshot(page, "password-reset")

    page.get_by_label("Email address").fill(outsider.email)
    page.get_by_role("button", name="Send reset link").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Check your email")
    axe_check(page)
    screenshot(page, "password-reset-sent")

    reset_path = re.search(r"https?://[^/\s]+(/\S+)", mail.outbox[0].body).group(1)
    page.goto(live_server.url + reset_path)
    expect(page.get_by_role("heading", level=1)).to_have_text("Choose a new password")
    axe_check(page)
    screenshot(page, "password-reset-choose")

    page.get_by_label("New password", exact=True).fill("too short")
    page.get_by_label("Type the new password again").fill("too short")
    page.get_by_role("button", name="Change password").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("at least 12 characters")
    axe_check(page)
    screenshot(page, "password-reset-choose-with-errors")


def test_the_admin_pages_a_methodology_owner_uses_are_accessible(page, live_server, methodology, methodology_owner):
    login(page, live_server, methodology_owner)

    page.goto(live_server.url + reverse("admin:index"))
    expect(page.get_by_role("link", name="Golden rules")).to_be_visible()
    axe_check(page)
    screenshot(page, "admin-index")

    rule = Rule.objects.order_by("number").first()
    page.goto(live_server.url + reverse("admin:methodology_rule_change", args=[rule.pk]))
    for language, _name in settings.LANGUAGES:  # every text in each language, side by side
        expect(page.locator(f"#id_title_{language}")).to_have_value(getattr(rule, f"title_{language}"))
        expect(page.locator(f"#id_guidance_{language}")).to_have_attribute("lang", language)
    axe_check(page)
    screenshot(page, "admin-rule-change")
