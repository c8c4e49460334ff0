"""The idle timeout holds without a session write on every request (stage1/core/sessions.py)."""

import re
from contextlib import contextmanager
from datetime import timedelta
from unittest import mock

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

pytestmark = pytest.mark.django_db

SESSION_TABLE = Session._meta.db_table
# Real time passes too while a test runs: moves that must stay short of a limit stop this far from it.
MARGIN = 10


class Clock:
    """Moves django.utils.timezone.now() forward, for everything that reads it (session loads and saves included)."""

    def __init__(self):
        self.offset = timedelta()

    def advance(self, seconds: float) -> None:
        self.offset += timedelta(seconds=seconds)


@pytest.fixture
def clock():
    real_now = timezone.now
    moved = Clock()
    with mock.patch("django.utils.timezone.now", lambda: real_now() + moved.offset):
        yield moved


@pytest.fixture
def signed_in(editor, project):
    client = Client()
    client.force_login(editor)
    return client


def _task_list(project) -> str:
    return reverse("projects:task_list", kwargs={"slug": project.slug})


@contextmanager
def _session_writes():
    """The statements that write the session table during the block."""
    writes = []
    with CaptureQueriesContext(connection) as queries:
        yield writes
    writes += [q["sql"] for q in queries if SESSION_TABLE in q["sql"] and q["sql"].lstrip().split()[0] in ("INSERT", "UPDATE", "DELETE")]


def _stored_expiry(client) -> timezone.datetime:
    return Session.objects.get(session_key=client.cookies[settings.SESSION_COOKIE_NAME].value).expire_date


def _signed_in(client, project) -> bool:
    response = client.get(_task_list(project))
    assert response.status_code in (200, 302)
    return response.status_code == 200


def test_requests_within_the_refresh_interval_write_no_session(clock, signed_in, project):
    assert _signed_in(signed_in, project)  # the first request starts the timeout by this rule
    requests = 5
    step = (settings.STAGE1_SESSION_REFRESH_SECONDS - MARGIN) / requests

    with _session_writes() as writes:
        for _ in range(requests):
            clock.advance(step)
            assert _signed_in(signed_in, project)

    assert writes == []


def test_a_request_after_the_refresh_interval_starts_the_timeout_again(clock, signed_in, project):
    assert _signed_in(signed_in, project)
    clock.advance(settings.STAGE1_SESSION_REFRESH_SECONDS + 1)

    with _session_writes() as writes:
        assert _signed_in(signed_in, project)

    assert len(writes) == 1 and writes[0].lstrip().startswith("UPDATE")
    left = _stored_expiry(signed_in) - timezone.now()
    assert timedelta(seconds=settings.SESSION_COOKIE_AGE - 5) < left <= timedelta(seconds=settings.SESSION_COOKIE_AGE)


def test_someone_idle_for_longer_than_the_timeout_is_signed_out(clock, signed_in, project):
    assert _signed_in(signed_in, project)
    clock.advance(settings.STAGE1_SESSION_REFRESH_SECONDS - MARGIN)
    assert _signed_in(signed_in, project)  # a request that refreshes nothing...

    clock.advance(settings.SESSION_COOKIE_AGE - settings.STAGE1_SESSION_REFRESH_SECONDS + MARGIN + 1)

    # ...so the idle time counts from the refresh before it: never later than the timeout.
    assert not _signed_in(signed_in, project)


def test_someone_who_keeps_working_is_never_signed_out(clock, signed_in, project):
    assert _signed_in(signed_in, project)
    # The worst case, in turn: a request just short of a refresh, then the longest pause
    # that still counts as working (the timeout less the refresh interval).
    pauses = [
        settings.STAGE1_SESSION_REFRESH_SECONDS - MARGIN,
        settings.SESSION_COOKIE_AGE - settings.STAGE1_SESSION_REFRESH_SECONDS - MARGIN,
    ]
    rounds = 3 * settings.SESSION_COOKIE_AGE // sum(pauses) + 1

    for _ in range(rounds):
        for pause in pauses:
            clock.advance(pause)
            assert _signed_in(signed_in, project)


def test_the_health_check_never_writes_the_session(clock, signed_in, project):
    assert _signed_in(signed_in, project)
    before = _stored_expiry(signed_in)
    clock.advance(settings.STAGE1_SESSION_REFRESH_SECONDS + 1)

    with _session_writes() as writes:
        assert signed_in.get(reverse("healthz")).status_code == 200

    assert writes == []
    assert _stored_expiry(signed_in) == before


def test_the_warning_counts_down_from_the_real_expiry(clock, signed_in, project):
    assert _signed_in(signed_in, project)
    clock.advance(settings.STAGE1_SESSION_REFRESH_SECONDS - MARGIN)

    page = signed_in.get(_task_list(project)).content.decode()

    shown = int(re.search(r'data-session-timeout="(\d+)"', page).group(1))
    real = (_stored_expiry(signed_in) - timezone.now()).total_seconds()
    assert shown < settings.SESSION_COOKIE_AGE  # not refreshed: the time left is shorter...
    assert abs(shown - real) <= 2  # ...and it is what the database will honour


def test_staying_signed_in_starts_the_timeout_again_at_once(clock, signed_in, project):
    assert _signed_in(signed_in, project)
    clock.advance(settings.STAGE1_SESSION_REFRESH_SECONDS - MARGIN)

    response = signed_in.post(reverse("keep_alive"))

    assert response.json()["expires_in"] == settings.SESSION_COOKIE_AGE
    left = (_stored_expiry(signed_in) - timezone.now()).total_seconds()
    assert settings.SESSION_COOKIE_AGE - 5 < left <= settings.SESSION_COOKIE_AGE


def test_the_first_request_after_signing_in_writes_no_session(editor, project):
    client = Client()
    client.force_login(editor)  # signing in writes the session, and starts the timeout with it

    with _session_writes() as writes:
        assert _signed_in(client, project)

    assert writes == []
