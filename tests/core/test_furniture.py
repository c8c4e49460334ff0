"""The service's furniture: its name, the phase banner, the footer's pages and the landing after sign-in."""

import re
from unittest import mock

import pytest
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db.utils import OperationalError
from django.test import override_settings
from django.urls import reverse
from django.utils.html import escape

from stage1.core.middleware import LAST_USER_COOKIE
from stage1.core.pages import LAST_USER_COOKIE_AGE, duration_in_words
from stage1.env import env_email, env_url
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db

FOOTER_PAGES = ["accessibility", "privacy", "cookies", "feedback", "status"]


def _part(content: str, opening: str, closing: str) -> str:
    start = content.index(opening)
    return content[start : content.index(closing, start)]


def _header(response) -> str:
    return _part(response.content.decode(), '<header class="govuk-header"', "</header>")


def _banner(response) -> str:
    return _part(response.content.decode(), '<div class="govuk-phase-banner">', "</div>")


def _footer(response) -> str:
    return _part(response.content.decode(), '<footer class="govuk-footer">', "</footer>")


def _title(response) -> str:
    return re.search(r"<title>(.*?)</title>", response.content.decode(), re.DOTALL).group(1)


@override_settings(SERVICE_NAME="Plan a local service")
def test_the_configured_service_name_is_the_headers_link_home_and_ends_every_title(client):
    response = client.get(reverse("accessibility"))

    header = _header(response)
    assert re.search(rf'<a href="{reverse("home")}" class="[^"]*govuk-header__service-name[^"]*">Plan a local service</a>', header)
    assert _title(response).strip().endswith("– Plan a local service")


def test_the_header_carries_no_crown_and_no_product_label(client):
    header = _header(client.get(reverse("home")))

    assert "govuk-header__logotype" not in header
    assert "<svg" not in header
    assert "Stage 1" not in header


def test_without_a_feedback_address_the_banner_links_to_the_feedback_page(client):
    banner = _banner(client.get(reverse("home")))

    assert f'href="{reverse("feedback")}">give your feedback</a>' in banner
    assert 'target="_blank"' not in banner


@override_settings(STAGE1_FEEDBACK_URL="https://forms.example.org/feedback?service=stage1&from=banner")
def test_a_web_feedback_address_opens_in_a_new_tab_and_says_so(client):
    banner = _banner(client.get(reverse("home")))

    assert f'href="{escape("https://forms.example.org/feedback?service=stage1&from=banner")}"' in banner
    assert 'target="_blank" rel="noreferrer noopener"' in banner
    assert "give your feedback (opens in new tab)" in banner


@override_settings(STAGE1_FEEDBACK_URL="mailto:digital@example.org?subject=Feedback")
def test_an_email_feedback_address_says_the_feedback_goes_by_email(client):
    banner = _banner(client.get(reverse("home")))

    assert 'href="mailto:digital@example.org?subject=Feedback">give your feedback by email</a>' in banner


@pytest.mark.parametrize("name", FOOTER_PAGES)
def test_each_footer_page_opens_without_signing_in(client, name):
    response = client.get(reverse(name))

    assert response.status_code == 200
    assert 'class="govuk-heading-l"' in response.content.decode()


@pytest.mark.parametrize("name", FOOTER_PAGES)
def test_each_footer_page_is_linked_from_the_footer_of_every_page(client, owner_client, name):
    for response in (client.get(reverse("home")), owner_client.get(reverse("projects:list"))):
        assert f'href="{reverse(name)}"' in _footer(response)


def test_the_footers_service_status_link_goes_to_the_readable_page_not_the_json(client):
    footer = _footer(client.get(reverse("home")))

    assert f'href="{reverse("status")}">Service status</a>' in footer
    assert reverse("healthz") not in footer


@pytest.mark.parametrize("name", FOOTER_PAGES)
def test_the_footer_pages_refuse_post(client, name):
    assert client.post(reverse(name)).status_code == 405


@override_settings(SESSION_COOKIE_NAME="__Host-stage1-session", CSRF_COOKIE_NAME="__Host-stage1-csrf", SESSION_COOKIE_AGE=2 * 3600)
def test_the_cookies_page_names_the_cookies_as_the_settings_name_them(client):
    content = client.get(reverse("cookies")).content.decode()

    assert "<code>__Host-stage1-session</code>" in content
    assert "<code>__Host-stage1-csrf</code>" in content
    assert f"<code>{LAST_USER_COOKIE}</code>" in content
    assert "sessionid" not in content
    assert "2 hours after your last action" in content


def test_the_cookies_page_says_no_analytics_cookies_are_used(client):
    content = client.get(reverse("cookies")).content.decode()

    assert "We do not use cookies to measure how you use the service (analytics)" in content


def test_the_cookies_page_gives_the_last_user_cookie_the_age_the_middleware_sets(client, outsider):
    response = client.post(reverse("login"), {"username": outsider.username, "password": PASSWORD})

    assert response.cookies[LAST_USER_COOKIE]["max-age"] == LAST_USER_COOKIE_AGE
    assert duration_in_words(LAST_USER_COOKIE_AGE) in client.get(reverse("cookies")).content.decode()


@pytest.mark.parametrize(
    "seconds, words", [(1800, "30 minutes"), (3600, "1 hour"), (86400, "1 day"), (52 * 7 * 86400, "52 weeks"), (90, "90 seconds")]
)
def test_durations_are_said_in_the_largest_unit_that_divides_them(seconds, words):
    assert duration_in_words(seconds) == words


@override_settings(AXES_FAILURE_LIMIT=7, STAGE1_CONTACT_EMAIL="privacy@example.org")
def test_the_privacy_notice_states_the_configured_lockout_and_contact(client):
    content = client.get(reverse("privacy")).content.decode()

    assert "after 7 failed attempts" in content
    assert 'href="mailto:privacy@example.org"' in content


def test_without_a_contact_address_the_pages_send_people_to_whoever_gave_them_access(client):
    content = client.get(reverse("feedback")).content.decode()

    assert "who gave you access to this service" in content
    assert "mailto:" not in content


def test_the_accessibility_statement_has_a_feedback_and_contact_section(client):
    content = client.get(reverse("accessibility")).content.decode()

    assert 'id="feedback-and-contact"' in content
    assert "WCAG 2.1" in content or "Web Content Accessibility Guidelines version 2.1" in content


def test_the_status_page_says_the_service_works_when_the_database_answers(client):
    response = client.get(reverse("status"))

    assert response.status_code == 200
    assert "The service is working" in response.content.decode()
    assert "no-cache" in response["Cache-Control"]


def test_the_status_page_answers_503_in_words_when_the_database_does_not(client):
    with mock.patch("django.db.connection.cursor", side_effect=OperationalError("connection refused")):
        response = client.get(reverse("status"))

    assert response.status_code == 503
    content = response.content.decode()
    assert "The service is not working at the moment" in content
    assert "Not answering" in content


def test_a_signed_in_person_still_gets_the_status_page_when_the_database_does_not_answer(owner_client):
    with mock.patch("django.db.connection.cursor", side_effect=OperationalError("connection refused")):
        response = owner_client.get(reverse("status"))

    assert response.status_code == 503
    assert "The service is not working at the moment" in response.content.decode()
    assert settings.SESSION_COOKIE_NAME not in response.cookies, "the outage must not sign anybody out"


def test_healthz_still_answers_json_for_load_balancers(client):
    assert client.get(reverse("healthz")).json() == {"status": "ok"}


def test_signing_in_lands_on_the_project_list(client, outsider):
    response = client.post(reverse("login"), {"username": outsider.username, "password": PASSWORD})

    assert response.status_code == 302
    assert response["Location"] == reverse("projects:list")


def test_the_home_page_offers_a_signed_in_person_their_projects(outsider_client):
    content = outsider_client.get(reverse("home")).content.decode()

    assert f'href="{reverse("projects:list")}"' in content


@pytest.mark.parametrize(
    "value",
    ["https://forms.example.org/feedback?service=stage1", "mailto:digital@example.org", "mailto:digital@example.org?subject=Feedback"],
)
def test_a_feedback_address_may_be_https_or_mailto(monkeypatch, value):
    monkeypatch.setenv("STAGE1_TEST_URL", value)

    assert env_url("STAGE1_TEST_URL", schemes=("mailto", "https")) == value


@pytest.mark.parametrize("value", [None, "", "  "])
def test_an_unset_or_blank_feedback_address_is_none(monkeypatch, value):
    if value is None:
        monkeypatch.delenv("STAGE1_TEST_URL", raising=False)
    else:
        monkeypatch.setenv("STAGE1_TEST_URL", value)

    assert env_url("STAGE1_TEST_URL", schemes=("mailto", "https")) is None


@pytest.mark.parametrize(
    "value",
    [
        "http://forms.example.org/feedback",
        "javascript:alert(1)",
        "forms.example.org/feedback",
        "https://",
        "ftp://example.org/feedback",
        "mailto:",
        "mailto:not an address",
        "HTTPS://forms.example.org",
    ],
)
def test_any_other_feedback_address_stops_start_up_with_a_clear_message(monkeypatch, value):
    monkeypatch.setenv("STAGE1_TEST_URL", value)

    with pytest.raises(ImproperlyConfigured, match=r"STAGE1_TEST_URL must be a mailto: or https:// address"):
        env_url("STAGE1_TEST_URL", schemes=("mailto", "https"))


def test_a_contact_address_that_is_not_an_email_address_stops_start_up(monkeypatch):
    monkeypatch.setenv("STAGE1_TEST_EMAIL", "the digital team")

    with pytest.raises(ImproperlyConfigured, match="STAGE1_TEST_EMAIL must be an email address"):
        env_email("STAGE1_TEST_EMAIL")
