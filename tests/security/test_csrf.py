"""A form refused for a missing or wrong CSRF token gets a page that explains, and a log entry."""

import pytest
from django.test import Client
from django.urls import reverse

from stage1.projects.models.steps import NeedStep

NOT_ACCEPTED = "Your form could not be accepted"
NOTHING_SAVED = "Nothing was saved"


@pytest.fixture
def strict_client(editor):
    client = Client(enforce_csrf_checks=True)
    client.force_login(editor)
    return client


def _need(project) -> str:
    return reverse("projects:step", kwargs={"slug": project.slug, "step_slug": "need"})


def _answers(**extra) -> dict:
    return {"problem": "Typed on the need step", "base_version": "1", "action": "continue", **extra}


def test_a_post_without_a_token_gets_the_friendly_page_and_saves_nothing(strict_client, project):
    response = strict_client.post(_need(project), _answers())

    assert response.status_code == 403
    content = response.content.decode()
    assert NOT_ACCEPTED in content
    assert NOTHING_SAVED in content
    assert "govuk-header" in content
    assert f'href="{_need(project)}"' in content
    assert NeedStep.objects.get(project=project).problem == ""


def test_a_post_with_a_forged_token_is_refused_the_same_way(strict_client, project):
    strict_client.get(_need(project))

    response = strict_client.post(_need(project), _answers(csrfmiddlewaretoken="A" * 64))

    assert response.status_code == 403
    assert NOT_ACCEPTED in response.content.decode()
    assert NeedStep.objects.get(project=project).problem == ""


def test_a_csrf_failure_is_logged_as_a_security_event(strict_client, editor, project, security_log):
    response = strict_client.post(_need(project), _answers())

    [event] = security_log.events("csrf.failure")
    assert event["user"] == editor.username
    assert event["path"] == _need(project)
    assert event["reason"]
    assert event["request_id"] == response["X-Request-ID"]


def test_the_same_post_with_the_pages_token_is_accepted(strict_client, project):
    strict_client.get(_need(project))
    token = strict_client.cookies["csrftoken"].value

    response = strict_client.post(_need(project), _answers(csrfmiddlewaretoken=token))

    assert response.status_code == 302
    assert NeedStep.objects.get(project=project).problem == "Typed on the need step"


def test_sign_in_without_a_token_is_refused_with_the_friendly_page(outsider):
    client = Client(enforce_csrf_checks=True)

    response = client.post(reverse("login"), {"username": outsider.username, "password": "whatever it is"})

    assert response.status_code == 403
    assert NOT_ACCEPTED in response.content.decode()
