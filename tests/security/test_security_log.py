"""The security event log: one JSON line per event, with the request id, and no way for input to forge a line."""

import json
import logging
import re

from django.urls import reverse

from tests.security.conftest import login_through_the_form

FORGING_USERNAME = 'mallory\n{"event": "login.success", "user": "admin"}\nx", "event": "forged'


def test_a_hostile_username_gives_exactly_one_line_that_keeps_it_as_data(client, security_log, db):
    response = client.post(reverse("login"), {"username": FORGING_USERNAME, "password": "guess"})

    assert response.status_code == 200
    [line] = security_log.lines
    assert "\n" not in line and "\r" not in line
    event = json.loads(line)
    assert event["event"] == "login.failure"
    assert event["username"] == FORGING_USERNAME
    assert event["request_id"] == response["X-Request-ID"]
    assert security_log.events("login.success") == []
    assert security_log.events("forged") == []


def test_a_successful_sign_in_carries_the_request_id_of_its_response(client, editor, security_log):
    response = login_through_the_form(client, editor)

    [event] = security_log.events("login.success")
    assert event["user"] == editor.username
    assert event["request_id"] == response["X-Request-ID"]


def test_sign_out_is_logged(client, editor, security_log):
    login_through_the_form(client, editor)

    response = client.post(reverse("logout"))

    [event] = security_log.events("logout")
    assert event["user"] == editor.username
    assert event["request_id"] == response["X-Request-ID"]


def test_an_outsider_opening_a_project_is_logged_with_the_projects_address(outsider_client, outsider, project, security_log):
    response = outsider_client.get(reverse("projects:task_list", kwargs={"slug": project.slug}))

    assert response.status_code == 404
    [event] = security_log.events("access.not_a_member")
    assert event["project"] == project.slug
    assert event["user"] == outsider.username
    assert event["request_id"] == response["X-Request-ID"]


def test_a_viewer_trying_to_change_a_project_is_logged_as_denied(viewer_client, viewer, project, security_log):
    url = reverse("projects:item_add", kwargs={"slug": project.slug, "step_slug": "stakeholders", "kind_slug": "stakeholder"})

    response = viewer_client.post(url, {"name": "Sneaky", "base_version": "0"})

    assert response.status_code == 403
    [event] = security_log.events("access.denied")
    assert event["user"] == viewer.username
    assert event["path"] == url
    assert event["request_id"] == response["X-Request-ID"]


def test_a_hostile_project_address_is_logged_as_data(outsider_client, security_log, db):
    slug = "x-event-forged"
    response = outsider_client.get(f"/projects/{slug}/?%0A%7B%22event%22%3A%22forged%22%7D")

    assert response.status_code == 404
    assert [json.loads(line)["event"] for line in security_log.lines] == ["access.not_a_member"]


def test_the_line_an_operator_reads_has_the_time_the_request_id_and_the_json_event(client, editor, security_log):
    response = login_through_the_form(client, editor)

    [record] = security_log.records
    # The console handler from settings.LOGGING stamped the record with the request id as it handled it.
    [console] = [handler for handler in logging.getLogger().handlers if "%(request_id)s" in getattr(handler.formatter, "_fmt", "")]
    line = console.format(record)

    time, rest = line[:23], line[24:]
    assert re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3}", time)
    assert rest.startswith(f"INFO stage1.security [{response['X-Request-ID']}] {{")
    assert json.loads(rest.split("] ", 1)[1])["event"] == "login.success"
