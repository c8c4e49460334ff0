"""With PostgreSQL down, a request fails once, fast, with a 503; the next one after it is back works.

The test database's server stays up for the rest of the session: the app reaches it through a
Unix socket relay (bench/relay.py, shared with `make bench`) that these tests stop and start.
Stopping the relay is what a stopped server looks like from the app (connections refused, open
ones cut), so the real pool, its timeout and the whole middleware stack are exercised.
"""

import time
from unittest import mock

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.db import close_old_connections, connection
from django.urls import reverse

from bench.relay import Relay

pytestmark = [
    # The relay gives the app connections of its own, outside any test transaction.
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL and its connection pool"),
]


@pytest.fixture
def relay():
    """Point the app's pool at a relay to the test database, for this test only."""
    settings = connection.settings_dict
    saved = {"HOST": settings["HOST"], "PORT": settings["PORT"]}
    relay = Relay(host=saved["HOST"], port=saved["PORT"])
    relay.start()
    connection.close()
    connection.close_pool()
    settings.update(HOST=relay.directory, PORT=Relay.PORT)
    try:
        yield relay
    finally:
        connection.close()
        connection.close_pool()
        settings.update(saved)
        relay.remove()


@pytest.fixture
def pool_timeout():
    return connection.settings_dict["OPTIONS"]["pool"]["timeout"]


@pytest.fixture
def signed_in(client, django_user_model, relay):
    user = django_user_model.objects.create_user(username="ada", password="correct horse battery")
    client.force_login(user)
    return client


def get(client, url):
    """A request as the app server makes it: connections are released at its start and end.

    The test client leaves that out (it keeps the test's connection across requests), so a
    connection cut by the outage would otherwise outlive it.
    """
    close_old_connections()
    try:
        return client.get(url)
    finally:
        close_old_connections()


def timed_get(client, url):
    started = time.monotonic()
    response = get(client, url)
    return response, time.monotonic() - started


def assert_the_service_page(response):
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert "no-cache" in response["Cache-Control"]
    content = response.content.decode()
    assert "Sorry, the service is unavailable" in content
    # The service's own look: the base template's header and footer around it.
    assert "govuk-header" in content and "govuk-footer" in content
    assert 'href="/status/"' in content


def test_a_page_answers_503_at_once_for_a_visitor(client, relay, pool_timeout):
    relay.stop()

    response, elapsed = timed_get(client, reverse("home"))

    assert_the_service_page(response)
    # One wait for the pool, never one per access to the database.
    assert elapsed < 2 * pool_timeout
    assert elapsed < 3


def test_a_signed_in_page_answers_503_at_once_without_saving_the_session(signed_in, relay, pool_timeout):
    relay.stop()

    with mock.patch.object(SessionStore, "save", autospec=True) as save:
        response, elapsed = timed_get(signed_in, reverse("projects:list"))

    assert_the_service_page(response)
    assert "Sign out" not in response.content.decode()
    assert elapsed < 2 * pool_timeout
    assert elapsed < 3
    save.assert_not_called()
    # The session cookie is kept: the person is still signed in once the database is back.
    assert response.cookies.get("sessionid") is None


@pytest.mark.parametrize("who", ["visitor", "signed in"])
def test_healthz_answers_503_json_within_two_seconds(who, client, django_user_model, relay):
    if who == "signed in":
        client.force_login(django_user_model.objects.create_user(username="ada", password="x"))
    relay.stop()

    response, elapsed = timed_get(client, reverse("healthz"))

    assert response.status_code == 503
    assert response.json() == {"status": "unavailable", "database": "down"}
    assert response["Retry-After"] == "30"
    assert elapsed < 2


def test_the_status_page_says_the_database_is_down_waiting_once(client, relay, pool_timeout):
    relay.stop()

    response, elapsed = timed_get(client, reverse("status"))

    assert response.status_code == 503
    assert "The service is not working at the moment" in response.content.decode()
    assert elapsed < 2 * pool_timeout


def test_the_database_going_away_during_a_view_fails_once(signed_in, relay, pool_timeout):
    def cut_before_the_projects_are_read(execute, sql, params, many, context):
        if "projects_project" in sql:
            relay.stop()
        return execute(sql, params, many, context)

    with mock.patch.object(SessionStore, "save", autospec=True) as save, connection.execute_wrapper(cut_before_the_projects_are_read):
        response, elapsed = timed_get(signed_in, reverse("projects:list"))

    assert_the_service_page(response)
    assert elapsed < 2 * pool_timeout
    save.assert_not_called()


def test_the_next_request_after_the_database_is_back_succeeds(signed_in, relay):
    assert get(signed_in, reverse("projects:list")).status_code == 200
    relay.stop()
    assert get(signed_in, reverse("projects:list")).status_code == 503
    assert get(signed_in, reverse("healthz")).status_code == 503

    relay.start()

    assert get(signed_in, reverse("projects:list")).status_code == 200
    assert get(signed_in, reverse("healthz")).json() == {"status": "ok"}
