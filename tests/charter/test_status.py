"""The charter's status comes from readiness, the one definition: a draft says what is left, a ready one says so."""

from html import unescape

from stage1.charter.services import charter_html
from stage1.evaluation.models import Action, Answer, Choice
from stage1.evaluation.readiness import readiness_of
from stage1.evaluation.selectors import checklist_for
from tests.charter.conftest import demo  # noqa: F401
from tests.evaluation.factories import make_ready


def test_an_open_no_without_an_action_keeps_the_charter_a_draft_that_says_why(demo, owner):  # noqa: F811
    make_ready(demo, owner)
    answer = Answer.objects.filter(project=demo).first()
    Answer.objects.filter(pk=answer.pk).update(choice=Choice.NO)
    demo.refresh_from_db()

    html = unescape(charter_html(demo))

    assert "Draft 0.1 – not ready for review, 1 thing is left to do:" in html
    [blocker] = readiness_of(demo, checklist_for(demo)).blockers
    assert blocker.message in html


def test_a_ready_project_s_charter_says_ready_for_review_and_counts_open_actions(demo, owner):  # noqa: F811
    make_ready(demo, owner)
    answer = Answer.objects.filter(project=demo).first()
    Answer.objects.filter(pk=answer.pk).update(choice=Choice.PARTLY)
    Action.objects.create(project=demo, answer=answer, description="Review the voucher scheme")
    demo.refresh_from_db()

    html = unescape(charter_html(demo))

    assert "Draft 0.1, ready for review" in html
    assert "1 open action" in html
    assert "Review the voucher scheme" in html  # the action plan section
