"""The demo project's charter PDF: every value entered is in it, and it is a proper document.

Most tests read the charter rendered once for the module (see conftest.py);
one downloads it through the view as the owner.
"""

import re

import pytest
from django.urls import reverse

from stage1.charter.context import charter_context
from stage1.projects.models import Project
from stage1.projects.steps import STEPS
from tests.charter.pdfs import entered_values, missing_from, page_texts, pdf_text, reader, squash
from tests.content import fixture_questions
from tests.evaluation.factories import answer_all, fill_lists, set_answers, sound_project
from tests.tasks import follow_until_ready

# Also for the tests that only read the module's rendered charter: it needs the test database.
pytestmark = pytest.mark.django_db


def numbered_sections() -> list[str]:
    """The charter's numbered headings: the executive summary, each section the steps declare, the checklist, the action
    plan and the sign-off."""
    declared = [str(section.title) for step in STEPS for section in step.charter_sections]
    titles = ["Executive summary", *declared, "Evaluation checklist", "Action plan", "Sign-off"]
    return [f"{number}. {title}" for number, title in enumerate(titles, start=1)]


def annex_letters() -> list[str]:
    """One annex per register, lettered from A in the registry's order."""
    return [chr(ord("A") + n) for n in range(len(STEPS.registers()))]


def test_the_demo_project_has_hundreds_of_values_to_find(rendered_demo):
    assert len(rendered_demo.values) > 300


def test_every_value_entered_in_the_demo_project_is_in_the_pdf(rendered_demo):
    assert missing_from(rendered_demo.text, rendered_demo.values) == []


def test_every_value_is_in_the_pdf_the_owner_downloads(demo, owner_client, worker):
    response = follow_until_ready(owner_client, reverse("charter:pdf", kwargs={"slug": demo.slug}))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    values = entered_values(demo)
    assert len(values) > 300
    assert missing_from(pdf_text(response.content), values) == []


def test_the_pdf_is_tagged_for_screen_readers(rendered_demo):
    catalog = reader(rendered_demo.pdf).trailer["/Root"]

    assert "/StructTreeRoot" in catalog
    assert catalog["/MarkInfo"]["/Marked"]


def test_the_pdf_has_the_charter_title_in_its_metadata(rendered_demo):
    metadata = reader(rendered_demo.pdf).metadata

    assert metadata.title == f"Project charter: {rendered_demo.title}"


def test_the_pdf_says_which_language_it_is_in(rendered_demo):
    assert reader(rendered_demo.pdf).trailer["/Root"]["/Lang"] == "en"


def test_the_charter_is_a_document_of_several_a4_pages(rendered_demo):
    pages = reader(rendered_demo.pdf).pages

    assert len(pages) > 3
    for page in pages:
        width, height = float(page.mediabox.width), float(page.mediabox.height)
        # A4, portrait for the body and landscape for the register annexes.
        assert sorted((round(width), round(height))) == [595, 842]


def test_every_page_is_numbered_page_x_of_y(rendered_demo):
    texts = page_texts(rendered_demo.pdf)

    for number, text in enumerate(texts, start=1):
        assert f"Page {number} of {len(texts)}" in text


def test_pages_after_the_cover_carry_the_title_and_status_in_a_running_header(rendered_demo):
    for text in page_texts(rendered_demo.pdf)[1:]:
        assert rendered_demo.title in text
        assert "Draft" in text


@pytest.mark.parametrize("heading", ["Document control", "Contents", "Roles for each key decision (RACI)", *numbered_sections()])
def test_the_charter_has_the_section(rendered_demo, heading):
    assert heading in rendered_demo.text


def test_the_table_of_contents_gives_a_page_for_every_section(rendered_demo):
    contents = "\n".join(page_texts(rendered_demo.pdf)[:2])

    entries = re.findall(r"^(\d+)\. .*?\.{3,}\s*(\d+)\s*$", contents, flags=re.MULTILINE)
    annexes = re.findall(r"^Annex ([A-Z]): .*?\.{3,}\s*(\d+)\s*$", contents, flags=re.MULTILINE)
    # 1 executive summary + the sections the steps declare + the checklist, the action plan and the sign-off.
    sections = 1 + sum(len(step.charter_sections) for step in STEPS) + 3
    assert [int(number) for number, _page in entries] == list(range(1, sections + 1))
    assert [letter for letter, _page in annexes] == annex_letters()
    pages = [int(page) for _number, page in entries + annexes]
    assert pages == sorted(pages)
    assert pages[-1] <= len(reader(rendered_demo.pdf).pages)


def test_an_incomplete_project_is_marked_draft(rendered_demo):
    assert "Draft 0.1 – not ready for review" in rendered_demo.text
    assert "Status Draft" in rendered_demo.text
    assert "Ready for review" not in rendered_demo.text


def test_a_ready_project_is_ready_for_review(rendered_demo):
    assert squash("Draft 0.1, ready for review") in squash(rendered_demo.final_text)
    assert "Status Ready for review" in rendered_demo.final_text
    assert "not ready for review" not in rendered_demo.final_text


def test_the_answered_checklist_is_in_the_charter_with_its_scores(rendered_demo):
    total = len(fixture_questions())
    assert f"100% ready ({total} of {total} questions answered)" in rendered_demo.final_text
    assert "Seen in the steering board minutes" in rendered_demo.final_text
    assert "Not answered" not in rendered_demo.final_text


def test_the_draft_checklist_shows_the_score_and_the_unanswered_questions(rendered_demo):
    from stage1.demo.answers import ANSWERS
    from stage1.evaluation.scoring import score

    # The demo answers most questions and leaves the rest of the fixture's open.
    total = len(fixture_questions())
    choices = [choice for choice, _evidence in ANSWERS.values()] + [""] * (total - len(ANSWERS))
    expected = score(choices)
    assert f"{expected.percent}% ready ({len(ANSWERS)} of {total} questions answered)" in rendered_demo.text
    assert "Not answered" in rendered_demo.text


def test_the_gaps_found_in_the_data_are_listed_in_the_charter(rendered_demo):
    assert rendered_demo.findings
    assert "Gaps found in the project's data:" in rendered_demo.text
    for message in rendered_demo.findings:
        assert squash(message) in squash(rendered_demo.text)


def test_the_document_control_table_names_the_owner_version_and_status(rendered_demo):
    assert "Version Draft 0.1" in rendered_demo.text
    assert "Owner Owner Demo" in rendered_demo.text
    assert "Status Draft" in rendered_demo.text
    assert "Status Ready for review" in rendered_demo.final_text


def test_the_save_counter_is_never_printed_as_a_revision(rendered_demo):
    for text in (rendered_demo.text, rendered_demo.final_text):
        assert "Revision" not in text
    assert re.search(r"^Version Draft 0.1$", rendered_demo.text, flags=re.MULTILINE)
    assert re.search(r"^Version Draft 0.1$", rendered_demo.final_text, flags=re.MULTILINE)


def test_complete_steps_with_one_question_unanswered_are_still_a_draft(demo, owner):
    answer_all(demo, owner)
    demo.answers.first().delete()

    context = charter_context(Project.objects.get(pk=demo.pk))

    assert context["progress"].all_complete
    assert context["draft"]


def test_every_question_answered_but_a_step_incomplete_is_still_a_draft(methodology, project, owner):
    sound_project(project)
    fill_lists(project, 1)
    answer_all(project, owner)
    set_answers(project, "need", problem="")

    context = charter_context(Project.objects.get(pk=project.pk))

    assert context["checklist"].complete
    assert context["draft"]
