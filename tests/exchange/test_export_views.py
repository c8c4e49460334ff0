"""Downloading a project as JSON and its registers as CSV: every member may, no one else."""

import json
import logging

import pytest

from stage1.projects.steps import STEPS
from tests.exchange.conftest import without_timestamp
from tests.exchange.helpers import export_csv_url, export_json_url
from tests.projects.helpers import login_url_for

REGISTERS = [kind.slug for kind in STEPS.registers()]


def test_a_viewer_downloads_the_project_as_json(demo, viewer_client):
    response = viewer_client.get(export_json_url(demo))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response["Content-Disposition"] == f'attachment; filename="{demo.slug}.json"'
    assert "private" in response["Cache-Control"]
    assert json.loads(response.content)["project"]["title"] == demo.title


def test_the_download_is_the_export_document(demo, owner_client):
    from stage1.exchange.export import project_export

    downloaded = json.loads(owner_client.get(export_json_url(demo)).content)
    assert without_timestamp(downloaded) == without_timestamp(project_export(demo))


def test_an_export_is_logged_as_a_security_event(demo, editor_client, caplog):
    with caplog.at_level(logging.INFO, logger="stage1.security"):
        editor_client.get(export_json_url(demo))
    events = [json.loads(record.getMessage()) for record in caplog.records if record.name == "stage1.security"]
    assert {"event": "export.json", "project": demo.slug}.items() <= events[-1].items()


@pytest.mark.parametrize("register", REGISTERS)
def test_a_viewer_downloads_each_register_as_csv(demo, viewer_client, register):
    response = viewer_client.get(export_csv_url(demo, register))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == f'attachment; filename="{demo.slug}-{register}s.csv"'
    assert "private" in response["Cache-Control"]
    assert response.content.startswith("\ufeff".encode())


def test_a_list_that_is_not_a_register_is_not_found(demo, owner_client):
    assert owner_client.get(export_csv_url(demo, "indicator")).status_code == 404
    assert owner_client.get(export_csv_url(demo, "nothing")).status_code == 404


@pytest.mark.parametrize("url", [export_json_url, lambda project: export_csv_url(project, "stakeholder")], ids=["json", "csv"])
def test_an_outsider_gets_not_found(demo, outsider_client, url):
    assert outsider_client.get(url(demo)).status_code == 404


@pytest.mark.parametrize("url", [export_json_url, lambda project: export_csv_url(project, "stakeholder")], ids=["json", "csv"])
def test_an_anonymous_visitor_is_sent_to_sign_in(demo, client, url):
    response = client.get(url(demo))
    assert response.status_code == 302
    assert response["Location"] == login_url_for(url(demo))


def test_exports_only_answer_get(demo, owner_client):
    assert owner_client.post(export_json_url(demo)).status_code == 405


def test_an_archived_project_can_still_be_exported(demo, viewer_client):
    from django.utils import timezone

    demo.archived_at = timezone.now()
    demo.save(update_fields=["archived_at"])
    assert viewer_client.get(export_json_url(demo)).status_code == 200


def test_the_task_list_links_to_every_download(demo, viewer_client):
    from tests.projects.helpers import task_list_url

    page = viewer_client.get(task_list_url(demo)).content.decode()
    assert export_json_url(demo) in page
    for register in REGISTERS:
        assert export_csv_url(demo, register) in page
