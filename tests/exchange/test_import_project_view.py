"""Importing a project file from the projects page."""

import json

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from stage1.core.forms import NUL_CHARACTER
from stage1.exchange import errors
from stage1.exchange.export import project_export
from stage1.exchange.fields import VERSION
from stage1.exchange.forms import MAX_UPLOAD_BYTES, PROJECT_FILE_REQUIRED
from stage1.projects.models import Membership, Project, Role
from tests.exchange.conftest import as_bytes, row_counts
from tests.exchange.helpers import import_project_url, upload
from tests.projects.helpers import ERROR_SUMMARY, assert_shows, login_url_for, task_list_url


def test_anyone_signed_in_sees_the_upload_form(outsider_client):
    response = outsider_client.get(import_project_url())
    assert response.status_code == 200
    page = response.content.decode()
    assert 'enctype="multipart/form-data"' in page
    assert 'type="file"' in page


def test_an_anonymous_visitor_is_sent_to_sign_in(client):
    response = client.get(import_project_url())
    assert response["Location"] == login_url_for(import_project_url())


def test_the_projects_page_links_to_the_import(owner_client, project):
    assert import_project_url() in owner_client.get(reverse("projects:list")).content.decode()


def test_import_is_not_taken_for_a_project_address(owner):
    assert Project.unique_slug_for("Import") == "import-2"


def test_importing_a_file_makes_a_new_project_owned_by_the_user(demo, outsider, outsider_client):
    response = outsider_client.post(import_project_url(), {"file": upload(as_bytes(project_export(demo)))})
    copy_ = Project.objects.get(memberships__user=outsider)
    assert response.status_code == 302
    assert response["Location"] == task_list_url(copy_)
    assert Membership.objects.get(project=copy_).role == Role.OWNER
    assert [str(message) for message in get_messages(response.wsgi_request)] == ["Project imported. You are its owner."]


def test_warnings_are_shown_after_the_import(demo, outsider_client):
    document = project_export(demo)
    document["answers"].append({"rule": "need", "question": "A question nobody asks?"})
    response = outsider_client.post(import_project_url(), {"file": upload(as_bytes(document))}, follow=True)
    assert "A question nobody asks?" in response.content.decode()


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"not json at all", errors.NOT_JSON),
        (json.dumps({"format": "stage1.project", "version": 7}).encode(), errors.WRONG_VERSION % {"version": 7, "expected": VERSION}),
    ],
    ids=["not JSON", "wrong version"],
)
def test_a_malformed_file_is_listed_and_creates_nothing(content, expected, outsider_client, methodology):
    before = row_counts()
    response = outsider_client.post(import_project_url(), {"file": upload(content)})
    assert response.status_code == 200
    assert_shows(response, ERROR_SUMMARY, str(errors.NOTHING_IMPORTED), str(expected))
    assert row_counts() == before


def test_a_schema_problem_names_its_place(demo, outsider_client):
    document = project_export(demo)
    document["items"]["stakeholder"][0]["name"] = "x" * 201
    page = outsider_client.post(import_project_url(), {"file": upload(as_bytes(document))}).content.decode()
    assert "items › stakeholder › stakeholder-1 › name: is longer than 200 characters" in page


def test_a_nul_character_in_an_answer_is_listed_and_creates_nothing(demo, outsider_client):
    # It gave a server error on PostgreSQL, which cannot store the character.
    document = project_export(demo)
    answer = document["answers"][0]
    answer["evidence"] = "See the\x00minutes"
    before = row_counts()
    response = outsider_client.post(import_project_url(), {"file": upload(as_bytes(document))})
    assert response.status_code == 200
    where = errors.ANSWER_WHERE % {"question": answer["question"], "rule": answer["rule"]}
    problem = errors.FIELD_PROBLEM % {"where": where, "field": "Evidence or note", "problem": NUL_CHARACTER % {"label": "Evidence or note"}}
    assert_shows(response, ERROR_SUMMARY, str(errors.NOTHING_IMPORTED), str(problem))
    assert row_counts() == before


def test_a_file_over_the_size_limit_is_a_form_error(outsider_client):
    response = outsider_client.post(import_project_url(), {"file": upload(b" " * (MAX_UPLOAD_BYTES + 1))})
    assert response.status_code == 200
    assert "The file must be smaller than 5 MB." in response.content.decode()


def test_posting_without_a_file_asks_for_one(outsider_client):
    response = outsider_client.post(import_project_url(), {})
    assert response.status_code == 200
    assert str(PROJECT_FILE_REQUIRED) in response.content.decode()


def test_an_empty_file_is_a_form_error(outsider_client):
    response = outsider_client.post(import_project_url(), {"file": upload(b"")})
    assert str(errors.FILE_EMPTY) in response.content.decode()
