import re

import pytest
from django.core import mail
from django.urls import reverse

from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "a brand new passphrase"


def _reset_link_from(message) -> str:
    match = re.search(r"https?://testserver(/\S+)", message.body)
    assert match, message.body
    return match.group(1)


def test_the_login_page_is_in_the_services_look_not_the_admins(client):
    response = client.get(reverse("login"))

    assert response.status_code == 200
    content = response.content.decode()
    assert "govuk-header" in content
    assert 'id="site-name"' not in content
    assert "admin/css" not in content


def test_a_wrong_password_shows_the_error_summary_and_keeps_the_username(client, outsider):
    response = client.post(reverse("login"), {"username": outsider.username, "password": "not the password"})

    assert response.status_code == 200
    content = response.content.decode()
    assert "govuk-error-summary" in content
    assert f'value="{outsider.username}"' in content
    assert "_auth_user_id" not in client.session


def test_the_right_password_signs_in_and_goes_to_next(client, outsider):
    response = client.post(reverse("login"), {"username": outsider.username, "password": PASSWORD, "next": "/healthz"})

    assert response.status_code == 302
    assert response["Location"] == "/healthz"
    assert client.session["_auth_user_id"] == str(outsider.pk)


def test_sign_in_ignores_a_next_url_on_another_site(client, outsider):
    response = client.post(reverse("login"), {"username": outsider.username, "password": PASSWORD, "next": "https://evil.example/steal"})

    assert response.status_code == 302
    assert "evil.example" not in response["Location"]


def test_sign_out_needs_a_post(outsider_client):
    response = outsider_client.get(reverse("logout"))

    assert response.status_code == 405
    assert "_auth_user_id" in outsider_client.session


def test_sign_out_ends_the_session(outsider_client):
    response = outsider_client.post(reverse("logout"))

    assert response.status_code == 302
    assert "_auth_user_id" not in outsider_client.session


def test_password_reset_emails_a_link_that_lets_the_user_choose_a_new_password(client, outsider):
    response = client.post(reverse("password_reset"), {"email": outsider.email})

    assert response.status_code == 302
    assert response["Location"] == reverse("password_reset_done")
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [outsider.email]

    form_page = client.get(_reset_link_from(mail.outbox[0]), follow=True)
    assert form_page.status_code == 200
    assert form_page.context["validlink"] is True

    done = client.post(form_page.redirect_chain[-1][0], {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})

    assert done.status_code == 302
    assert done["Location"] == reverse("password_reset_complete")
    outsider.refresh_from_db()
    assert outsider.check_password(NEW_PASSWORD)


def test_password_reset_for_an_unknown_address_sends_nothing_and_says_the_same(client):
    response = client.post(reverse("password_reset"), {"email": "nobody@example.org"})

    assert response.status_code == 302
    assert response["Location"] == reverse("password_reset_done")
    assert mail.outbox == []


def test_a_new_password_shorter_than_12_characters_is_refused(client, outsider):
    client.post(reverse("password_reset"), {"email": outsider.email})
    form_page = client.get(_reset_link_from(mail.outbox[0]), follow=True)

    response = client.post(form_page.redirect_chain[-1][0], {"new_password1": "Short#pw4x", "new_password2": "Short#pw4x"})

    assert response.status_code == 200
    content = response.content.decode()
    assert "govuk-error-summary" in content
    assert "This password is too short. It must contain at least 12 characters." in content
    outsider.refresh_from_db()
    assert outsider.check_password(PASSWORD)


def test_a_used_reset_link_does_not_work_twice(client, outsider):
    client.post(reverse("password_reset"), {"email": outsider.email})
    link = _reset_link_from(mail.outbox[0])
    form_page = client.get(link, follow=True)
    client.post(form_page.redirect_chain[-1][0], {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})

    again = client.get(link, follow=True)

    assert again.context["validlink"] is False
    assert "This link has expired" in again.content.decode()
