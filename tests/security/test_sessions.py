"""The session lifecycle: new key at sign-in, real sign-out, ended by a new password or deactivation, idle timeout."""

import re
import runpy
from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.core import mail
from django.core.exceptions import ImproperlyConfigured
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode

from stage1.core.middleware import LAST_USER_COOKIE
from stage1.projects.models import Membership, Role
from stage1.projects.models.steps import NeedStep
from tests.security.conftest import login_through_the_form

SETTINGS_FILE = Path(settings.BASE_DIR) / "stage1" / "settings.py"
KEPT_NOTICE = "before you were signed out"
TYPED = "Residents queue at the town hall for three hours (typed just before the timeout)"


def _task_list(project) -> str:
    return reverse("projects:task_list", kwargs={"slug": project.slug})


def _need(project) -> str:
    return reverse("projects:step", kwargs={"slug": project.slug, "step_slug": "need"})


def _signed_in(client: Client, project) -> bool:
    response = client.get(_task_list(project))
    assert response.status_code in (200, 302)
    return response.status_code == 200


def _signed_in_client(user) -> Client:
    client = Client()
    assert login_through_the_form(client, user).status_code == 302
    return client


def _session_key(client: Client) -> str:
    return client.cookies[settings.SESSION_COOKIE_NAME].value


# Sign-in and sign-out


def test_signing_in_gives_a_new_session_key_and_drops_the_old_one(client, editor):
    before = client.session
    before["planted"] = "by someone else"
    before.save()
    planted_key = before.session_key

    login_through_the_form(client, editor)

    assert _session_key(client) != planted_key
    assert not Session.objects.filter(session_key=planted_key).exists()
    assert client.session["_auth_user_id"] == str(editor.pk)


def test_signing_out_ends_the_session_on_the_server(editor, project):
    client = _signed_in_client(editor)
    key = _session_key(client)
    assert _signed_in(client, project)

    response = client.post(reverse("logout"))

    assert response.status_code == 302
    assert not Session.objects.filter(session_key=key).exists()
    response = client.get(_task_list(project))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_an_old_session_cookie_replayed_after_sign_out_is_not_signed_in(editor, project):
    client = _signed_in_client(editor)
    key = _session_key(client)
    client.post(reverse("logout"))

    replay = Client()
    replay.cookies[settings.SESSION_COOKIE_NAME] = key

    assert not _signed_in(replay, project)


# Ending a user's other sessions


def test_a_new_password_ends_the_users_other_sessions(editor, project):
    laptop, phone = _signed_in_client(editor), _signed_in_client(editor)
    assert _signed_in(laptop, project) and _signed_in(phone, project)

    editor.set_password("an entirely new passphrase")
    editor.save()

    assert not _signed_in(laptop, project)
    assert not _signed_in(phone, project)


def test_resetting_the_password_by_email_ends_the_users_other_sessions(editor, project):
    laptop = _signed_in_client(editor)
    browser = Client()
    browser.post(reverse("password_reset"), {"email": editor.email})
    link = re.search(r"https?://testserver(/\S+)", mail.outbox[0].body).group(1)
    form_page = browser.get(link, follow=True)
    new = "a brand new passphrase for edith"

    response = browser.post(form_page.redirect_chain[-1][0], {"new_password1": new, "new_password2": new})

    assert response.status_code == 302
    assert not _signed_in(laptop, project)


def test_deactivating_a_user_ends_their_sessions(editor, project):
    client = _signed_in_client(editor)
    assert _signed_in(client, project)

    editor.is_active = False
    editor.save()

    assert not _signed_in(client, project)


def test_removing_someone_from_a_project_takes_effect_on_their_next_request(editor, project):
    client = _signed_in_client(editor)
    Membership.objects.filter(project=project, user=editor).delete()

    assert client.get(_task_list(project)).status_code == 404


# Idle timeout


def _settings_with(monkeypatch, **env) -> dict:
    """The settings module's values when started with these environment variables."""
    monkeypatch.delenv("STAGE1_SESSION_IDLE_SECONDS", raising=False)
    monkeypatch.delenv("STAGE1_SESSION_REFRESH_SECONDS", raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    return runpy.run_path(str(SETTINGS_FILE))


def test_the_idle_timeout_defaults_to_thirty_minutes_and_restarts_every_five_minutes_of_activity(monkeypatch):
    values = _settings_with(monkeypatch)

    assert values["SESSION_COOKIE_AGE"] == 1800
    assert values["STAGE1_SESSION_REFRESH_SECONDS"] == 300
    # Not a write on every request: stage1/core/sessions.py moves the expiry when it is old.
    assert not values.get("SESSION_SAVE_EVERY_REQUEST", False)
    assert values["SESSION_ENGINE"] == "stage1.core.sessions"
    assert "stage1.core.sessions.SessionExpiryMiddleware" in values["MIDDLEWARE"]


def test_the_refresh_interval_is_at_most_half_the_timeout(monkeypatch):
    values = _settings_with(monkeypatch, STAGE1_SESSION_IDLE_SECONDS="120", STAGE1_SESSION_REFRESH_SECONDS="300")

    assert values["STAGE1_SESSION_REFRESH_SECONDS"] == 60


def test_the_idle_timeout_is_configurable(monkeypatch):
    assert _settings_with(monkeypatch, STAGE1_SESSION_IDLE_SECONDS="600")["SESSION_COOKIE_AGE"] == 600


def test_an_idle_timeout_under_a_minute_stops_start_up(monkeypatch):
    with pytest.raises(ImproperlyConfigured):
        _settings_with(monkeypatch, STAGE1_SESSION_IDLE_SECONDS="5")


def test_pages_tell_the_browser_when_the_session_will_expire(editor_client, project):
    content = editor_client.get(_task_list(project)).content.decode()

    # The seconds left until the stored expiry, counted down to the whole second below.
    left = int(re.search(r'data-session-timeout="(\d+)"', content).group(1))
    assert settings.SESSION_COOKIE_AGE - 1 <= left <= settings.SESSION_COOKIE_AGE
    assert f'data-keep-alive-url="{reverse("keep_alive")}"' in content


def test_a_request_pushes_back_an_expiry_that_was_last_moved_long_ago(editor, project):
    from stage1.core.sessions import SessionStore

    client = _signed_in_client(editor)
    key = _session_key(client)
    # A minute left: the user has been idle for 29 minutes (the session's own expiry and its row agree).
    session = SessionStore(session_key=key)
    session.set_expiry(timedelta(minutes=1))
    session.save()
    assert Session.objects.get(session_key=key).expire_date - timezone.now() < timedelta(minutes=1, seconds=1)

    assert _signed_in(client, project)

    left = Session.objects.get(session_key=key).expire_date - timezone.now()
    assert left > timedelta(seconds=settings.SESSION_COOKIE_AGE - 60)


def test_a_session_idle_for_longer_than_the_timeout_is_signed_out(editor, project):
    client = _signed_in_client(editor)
    Session.objects.filter(session_key=_session_key(client)).update(expire_date=timezone.now() - timedelta(seconds=1))

    assert not _signed_in(client, project)


def test_keep_alive_refuses_anonymous_visitors(client):
    response = client.post(reverse("keep_alive"))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_keep_alive_answers_a_signed_in_user_with_the_time_left(editor_client):
    response = editor_client.post(reverse("keep_alive"))

    assert response.status_code == 200
    assert response.json() == {"status": "ok", "expires_in": settings.SESSION_COOKIE_AGE}


def test_keep_alive_needs_a_post(editor_client):
    assert editor_client.get(reverse("keep_alive")).status_code == 405


# A form posted after the session expired


def _expire_session(client: Client) -> None:
    """What the idle timeout does on the server: the session row is gone, the browser still has its cookies."""
    Session.objects.filter(session_key=_session_key(client)).delete()


def _post_after_expiry(user, project) -> Client:
    """Sign in, open the need step, let the session expire, then press "Save and continue" with text typed."""
    client = _signed_in_client(user)
    assert LAST_USER_COOKIE in client.cookies
    page = client.get(_need(project))
    version = re.search(r'name="base_version" value="(\d+)"', page.content.decode()).group(1)
    _expire_session(client)

    response = client.post(_need(project), {"problem": TYPED, "base_version": version, "action": "continue"})

    assert response.status_code == 302
    assert response["Location"] == f"{reverse('login')}?{urlencode({'next': _need(project)})}"
    return client


def test_a_post_after_expiry_sends_the_user_to_sign_in_and_saves_nothing(editor, project):
    _post_after_expiry(editor, project)

    record = NeedStep.objects.get(project=project)
    assert record.problem == ""
    assert record.version == 1


def test_after_signing_in_again_the_same_user_sees_what_they_had_typed(editor, project):
    client = _post_after_expiry(editor, project)

    login_through_the_form(client, editor)
    response = client.get(_need(project))

    content = response.content.decode()
    assert TYPED in content
    assert KEPT_NOTICE in content
    assert NeedStep.objects.get(project=project).problem == ""


def test_the_kept_text_is_shown_once(editor, project):
    client = _post_after_expiry(editor, project)
    login_through_the_form(client, editor)
    client.get(_need(project))

    assert TYPED not in client.get(_need(project)).content.decode()


def test_another_user_signing_in_on_that_browser_never_sees_the_kept_text(editor, owner, project):
    client = _post_after_expiry(editor, project)
    assert Membership.objects.get(project=project, user=owner).role == Role.OWNER

    login_through_the_form(client, owner)
    response = client.get(_need(project))

    assert response.status_code == 200
    assert TYPED not in response.content.decode()
    assert KEPT_NOTICE not in response.content.decode()
    # And it is gone for good: the first user signing in afterwards gets nothing back either.
    client.post(reverse("logout"))
    login_through_the_form(client, editor)
    assert TYPED not in client.get(_need(project)).content.decode()
