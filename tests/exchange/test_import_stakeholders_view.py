"""Importing stakeholders from a CSV file into a project: editors and owners only."""

import pytest

from stage1.exchange import errors
from stage1.exchange.forms import MAX_UPLOAD_BYTES
from stage1.projects.models import Stakeholder
from tests.exchange.conftest import row_counts
from tests.exchange.helpers import import_stakeholders_url, upload
from tests.projects.helpers import ERROR_SUMMARY, assert_shows, login_url_for, step_url, task_list_url


def csv_upload(text: str):
    return upload(text.encode("utf-8"), name="stakeholders.csv", content_type="text/csv")


@pytest.mark.parametrize("persona", ["owner_client", "editor_client"])
def test_owners_and_editors_see_the_form_and_its_columns(persona, project, request):
    response = request.getfixturevalue(persona).get(import_stakeholders_url(project))
    assert response.status_code == 200
    page = response.content.decode()
    assert 'enctype="multipart/form-data"' in page
    assert "<code>user_rep</code>" in page


def test_a_viewer_cannot_import_stakeholders(project, viewer_client):
    assert viewer_client.get(import_stakeholders_url(project)).status_code == 403
    response = viewer_client.post(import_stakeholders_url(project), {"file": csv_upload("name\nMinistry\n")})
    assert response.status_code == 403
    assert not Stakeholder.objects.filter(project=project).exists()


def test_an_outsider_gets_not_found(project, outsider_client):
    assert outsider_client.get(import_stakeholders_url(project)).status_code == 404
    assert outsider_client.post(import_stakeholders_url(project), {"file": csv_upload("name\nMinistry\n")}).status_code == 404


def test_an_anonymous_visitor_is_sent_to_sign_in(project, client):
    response = client.get(import_stakeholders_url(project))
    assert response["Location"] == login_url_for(import_stakeholders_url(project))


def test_an_editor_imports_stakeholders(project, editor, editor_client):
    text = "name,kind\nMinistry,political\nCouncil,public_body\n"
    response = editor_client.post(import_stakeholders_url(project), {"file": csv_upload(text)})
    assert response.status_code == 302
    assert response["Location"] == step_url(project, "stakeholders") + "#stakeholder-list"
    assert list(Stakeholder.objects.filter(project=project).values_list("name", "updated_by")) == [
        ("Ministry", editor.pk),
        ("Council", editor.pk),
    ]


def test_row_errors_are_shown_and_nothing_is_imported(project, editor_client):
    text = "name,kind\nMinistry,political\nThe Minister,minister\n,regulator\n"
    before = row_counts()
    response = editor_client.post(import_stakeholders_url(project), {"file": csv_upload(text)})
    assert response.status_code == 200
    page = response.content.decode()
    assert ERROR_SUMMARY in page
    assert "Row 3, Type: “minister” is not one of" in page
    assert "Row 4, Name: Enter the stakeholder&#x27;s name" in page
    assert row_counts() == before


def test_a_quote_left_open_is_refused_with_its_row_and_nothing_is_imported(project, editor_client):
    text = 'name,organisation\nMinistry,State\nResidents,"Town hall\nSupplier Ltd,Acme\n'
    before = row_counts()
    response = editor_client.post(import_stakeholders_url(project), {"file": csv_upload(text)})
    assert response.status_code == 200
    assert_shows(response, ERROR_SUMMARY, str(errors.NOTHING_IMPORTED), str(errors.CSV_UNCLOSED_QUOTE % {"row": 3}))
    assert row_counts() == before


def test_a_file_over_the_size_limit_is_a_form_error(project, editor_client):
    big = upload(b"a" * (MAX_UPLOAD_BYTES + 1), name="big.csv", content_type="text/csv")
    response = editor_client.post(import_stakeholders_url(project), {"file": big})
    assert response.status_code == 200
    assert "The file must be smaller than 5 MB." in response.content.decode()


def test_a_file_that_is_not_utf8_is_a_clear_error(project, editor_client):
    latin = upload("name\nMinistère\n".encode("latin-1"), name="s.csv", content_type="text/csv")
    response = editor_client.post(import_stakeholders_url(project), {"file": latin})
    assert response.status_code == 200
    assert_shows(response, str(errors.NOT_UTF8))


def test_an_archived_project_refuses_imports(project, owner_client):
    from django.utils import timezone

    project.archived_at = timezone.now()
    project.save(update_fields=["archived_at"])
    assert owner_client.get(import_stakeholders_url(project)).status_code == 403


def test_the_task_list_offers_the_import_to_writers_only(project, editor_client, viewer_client):
    assert import_stakeholders_url(project) in editor_client.get(task_list_url(project)).content.decode()
    assert import_stakeholders_url(project) not in viewer_client.get(task_list_url(project)).content.decode()
