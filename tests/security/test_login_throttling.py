"""Sign-in throttling with django-axes: per username and address, with a cool-off and an admin unlock."""

from datetime import timedelta

from axes.models import AccessAttempt
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from tests.conftest import PASSWORD
from tests.security.conftest import login_through_the_form

WRONG = "not the right passphrase"
LOCKED_OUT = "Sign-in is paused"


def _fail(client, user, times: int, **extra):
    return [login_through_the_form(client, user, WRONG, **extra) for _ in range(times)]


def test_the_settings_lock_after_five_failures_for_fifteen_minutes_per_username_and_address():
    assert settings.AXES_FAILURE_LIMIT == 5
    assert timedelta(minutes=15) == settings.AXES_COOLOFF_TIME
    assert settings.AXES_LOCKOUT_PARAMETERS == [["username", "ip_address"]]


def test_four_wrong_passwords_still_let_the_right_one_in(client, outsider):
    _fail(client, outsider, 4)

    response = login_through_the_form(client, outsider)

    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(outsider.pk)


def test_after_five_wrong_passwords_even_the_right_one_shows_the_lockout_page(client, outsider):
    responses = _fail(client, outsider, 5)
    assert [r.status_code for r in responses[:4]] == [200] * 4

    response = login_through_the_form(client, outsider)

    assert response.status_code == 429
    assert LOCKED_OUT in response.content.decode()
    assert "govuk-header" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_another_username_from_the_same_address_is_not_locked(client, outsider, editor):
    _fail(client, outsider, 5)

    response = login_through_the_form(client, editor)

    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(editor.pk)


def test_the_same_username_from_another_address_is_not_locked(client, outsider):
    _fail(client, outsider, 5, REMOTE_ADDR="203.0.113.7")

    response = login_through_the_form(client, outsider, REMOTE_ADDR="198.51.100.2")

    assert response.status_code == 302


def test_after_the_cool_off_the_user_can_sign_in_again(client, outsider):
    _fail(client, outsider, 5)
    assert login_through_the_form(client, outsider).status_code == 429

    # Fifteen minutes pass.
    AccessAttempt.objects.update(attempt_time=timezone.now() - settings.AXES_COOLOFF_TIME - timedelta(seconds=1))
    response = login_through_the_form(client, outsider)

    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(outsider.pk)


def test_a_superuser_sees_the_lockout_in_the_admin_and_deleting_it_unlocks_the_user(client, outsider, superuser_client):
    _fail(client, outsider, 5)
    attempt = AccessAttempt.objects.get(username=outsider.username)

    changelist = superuser_client.get(reverse("admin:axes_accessattempt_changelist"))
    assert changelist.status_code == 200
    assert outsider.username in changelist.content.decode()

    deleted = superuser_client.post(reverse("admin:axes_accessattempt_delete", args=[attempt.pk]), {"post": "yes"})
    assert deleted.status_code == 302
    assert not AccessAttempt.objects.filter(username=outsider.username).exists()

    assert login_through_the_form(client, outsider).status_code == 302


def test_a_methodology_owner_cannot_unlock_accounts(outsider, methodology_owner_client):
    response = methodology_owner_client.get(reverse("admin:axes_accessattempt_changelist"))

    assert response.status_code == 403


def test_the_recorded_attempt_does_not_keep_the_password(client, outsider):
    _fail(client, outsider, 1)

    attempt = AccessAttempt.objects.get(username=outsider.username)

    assert WRONG not in attempt.post_data
    assert WRONG not in attempt.get_data


def test_failures_lockout_and_success_are_logged_with_the_username_and_never_the_password(client, outsider, editor, security_log):
    _fail(client, outsider, 5)
    login_through_the_form(client, editor)

    failures = security_log.events("login.failure")
    assert len(failures) == 5
    assert {event["username"] for event in failures} == {outsider.username}
    assert all(event["ip"] == "127.0.0.1" for event in failures)
    [lockout] = security_log.events("login.lockout")
    assert lockout["username"] == outsider.username
    [success] = security_log.events("login.success")
    assert (success["user"], success["user_id"]) == (editor.username, editor.pk)
    logged = "\n".join(security_log.lines)
    assert WRONG not in logged
    assert PASSWORD not in logged


def test_an_attempt_while_locked_out_is_logged_too(client, outsider, security_log):
    _fail(client, outsider, 5)
    security_log.clear()

    login_through_the_form(client, outsider)

    events = security_log.events()
    assert {event["event"] for event in events} == {"login.lockout", "login.failure"}
    assert {event["username"] for event in events} == {outsider.username}
