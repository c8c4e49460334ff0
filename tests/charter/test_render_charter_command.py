"""`manage.py render_charter <id|slug> --output FILE` and `--blank-checklist`."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from stage1.methodology.models import EvaluationQuestion
from tests.charter.conftest import PDF_STUB
from tests.charter.pdfs import pdf_text, squash
from tests.content import fixture_questions

pytestmark = pytest.mark.usefixtures("methodology")


def test_it_renders_a_project_named_by_its_address(project, tmp_path):
    output = tmp_path / "charter.pdf"

    call_command("render_charter", project.slug, "--output", str(output), stdout=StringIO())

    pdf = output.read_bytes()
    assert pdf.startswith(b"%PDF-")
    text = pdf_text(pdf)
    assert project.title in text
    assert "not ready for review" in text


def test_it_renders_a_project_named_by_its_id(project, tmp_path, renders):
    output = tmp_path / "charter.pdf"

    call_command("render_charter", str(project.pk), "-o", str(output), stdout=StringIO())

    assert output.read_bytes() == PDF_STUB
    assert len(renders) == 1
    assert project.title in renders[0]


@pytest.mark.parametrize("name", ["no-such-project", "99999"])
def test_an_unknown_project_is_an_error(project, tmp_path, renders, name):
    output = tmp_path / "charter.pdf"

    with pytest.raises(CommandError, match="No project"):
        call_command("render_charter", name, "--output", str(output))

    assert not output.exists()
    assert renders == []


def test_without_a_project_or_the_blank_checklist_flag_it_is_an_error(tmp_path):
    with pytest.raises(CommandError):
        call_command("render_charter", "--output", str(tmp_path / "charter.pdf"))


def test_the_blank_checklist_has_every_question(tmp_path):
    output = tmp_path / "blank.pdf"

    call_command("render_charter", "--blank-checklist", "--output", str(output), stdout=StringIO())

    pdf = output.read_bytes()
    assert pdf.startswith(b"%PDF-")
    text = squash(pdf_text(pdf))
    questions = list(EvaluationQuestion.objects.all())
    assert len(questions) == len(fixture_questions())
    missing = [q.text for q in questions if squash(q.text) not in text]
    assert missing == []
