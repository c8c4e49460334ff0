"""404, 403 and 500 pages in the service's look, with debug off as in production."""

import pytest
from django.conf import settings
from django.urls import reverse

from tests.security.urls_with_error import BROKEN_PATH


def test_tests_run_with_debug_off():
    assert settings.DEBUG is False


def test_an_unknown_address_gets_the_services_not_found_page(client):
    response = client.get("/no-such-page/")

    assert response.status_code == 404
    content = response.content.decode()
    assert "govuk-header" in content
    assert '<h1 class="govuk-heading-l">Page not found</h1>' in content
    assert "Traceback" not in content


def test_an_outsider_gets_the_same_not_found_page_for_a_real_project(outsider_client, project):
    response = outsider_client.get(reverse("projects:task_list", kwargs={"slug": project.slug}))

    assert response.status_code == 404
    content = response.content.decode()
    assert '<h1 class="govuk-heading-l">Page not found</h1>' in content
    assert project.title not in content


def test_a_viewer_changing_a_project_gets_the_services_forbidden_page(viewer_client, project):
    url = reverse("projects:step", kwargs={"slug": project.slug, "step_slug": "need"})

    response = viewer_client.post(url, {"problem": "A viewer's change", "base_version": "1"})

    assert response.status_code == 403
    content = response.content.decode()
    assert "govuk-header" in content
    assert '<h1 class="govuk-heading-l">You cannot change this</h1>' in content
    assert "Nothing has been saved" in content


@pytest.fixture
def broken_client(client, settings):
    settings.ROOT_URLCONF = "tests.security.urls_with_error"
    client.raise_request_exception = False
    return client


def test_a_failing_page_gets_the_services_problem_page_with_a_reference(broken_client):
    response = broken_client.get(f"/{BROKEN_PATH}")

    assert response.status_code == 500
    content = response.content.decode()
    assert "govuk-header" in content
    assert "Sorry, there is a problem with the service" in content
    assert f"give this reference: {response['X-Request-ID']}" in content
    assert "RuntimeError" not in content
    assert "Traceback" not in content


def test_the_error_pages_keep_the_security_headers(broken_client):
    for response in (broken_client.get("/no-such-page/"), broken_client.get(f"/{BROKEN_PATH}")):
        assert "frame-ancestors 'none'" in response["Content-Security-Policy"]
        assert response["X-Frame-Options"] == "DENY"
