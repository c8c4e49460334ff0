"""manage.py export_project, import_project and export_schema."""

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from stage1.exchange.export import project_export
from stage1.exchange.schema import schema_json
from stage1.projects.models import Membership, Project, Role
from tests.exchange.conftest import row_counts, without_timestamp


def run(*args) -> str:
    out = StringIO()
    call_command(*args, stdout=out, stderr=StringIO())
    return out.getvalue()


def test_export_project_writes_the_document_to_standard_output(demo):
    assert without_timestamp(json.loads(run("export_project", demo.slug))) == without_timestamp(project_export(demo))


def test_export_project_finds_a_project_by_id_and_writes_a_file(demo, tmp_path):
    target = tmp_path / "demo.json"
    assert run("export_project", str(demo.pk), "--output", str(target)) == ""
    assert json.loads(target.read_text(encoding="utf-8"))["project"]["title"] == demo.title


def test_export_project_refuses_an_unknown_project(db):
    with pytest.raises(CommandError, match="No project with id or address 'nothing'"):
        run("export_project", "nothing")


def test_import_project_creates_a_copy_owned_by_the_named_user(demo, outsider, tmp_path):
    source = tmp_path / "demo.json"
    run("export_project", demo.slug, "--output", str(source))
    slug = run("import_project", str(source), "--owner", outsider.username).strip()
    copy_ = Project.objects.get(slug=slug)
    assert Membership.objects.get(project=copy_).user == outsider
    assert Membership.objects.get(project=copy_).role == Role.OWNER
    assert without_timestamp(project_export(copy_)) == without_timestamp(project_export(demo))


def test_import_project_refuses_a_malformed_file_and_creates_nothing(outsider, tmp_path, methodology):
    source = tmp_path / "broken.json"
    source.write_text('{"format": "stage1.project", "version": 1, "project": {"title": ""}}', encoding="utf-8")
    before = row_counts()
    with pytest.raises(CommandError, match="Nothing was imported"):
        run("import_project", str(source), "--owner", outsider.username)
    assert row_counts() == before


def test_import_project_refuses_an_unknown_owner(tmp_path, db):
    with pytest.raises(CommandError, match="No user with username 'nobody'"):
        run("import_project", str(tmp_path / "x.json"), "--owner", "nobody")


def test_import_project_reports_a_missing_file(outsider, tmp_path):
    with pytest.raises(CommandError, match="Cannot read"):
        run("import_project", str(tmp_path / "missing.json"), "--owner", outsider.username)


def test_export_schema_prints_the_schema(db):
    assert run("export_schema") == schema_json()


@pytest.mark.parametrize("spelling", ["²", "٣", "-1", "1e3", "9" * 40])
def test_export_project_refuses_an_id_not_written_in_ascii_digits(db, spelling):
    with pytest.raises(CommandError, match="No project with id or address"):
        call_command("export_project", spelling, stdout=StringIO())
