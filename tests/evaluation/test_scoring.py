"""Readiness scores: yes 1, partly ½, no 0, not applicable left out, unanswered 0."""

import pytest

from stage1.evaluation.models import Choice
from stage1.evaluation.scoring import score


def test_yes_counts_one_point():
    result = score([Choice.YES])

    assert (result.points, result.possible, result.percent) == (1.0, 1, 100)


def test_partly_counts_half_a_point():
    result = score([Choice.PARTLY, Choice.YES])

    assert result.points == 1.5
    assert result.percent == 75


def test_no_counts_nothing():
    result = score([Choice.NO, Choice.YES])

    assert result.points == 1.0
    assert result.percent == 50


def test_not_applicable_is_left_out_of_the_score():
    result = score([Choice.YES, Choice.NOT_APPLICABLE, Choice.NOT_APPLICABLE])

    assert result.possible == 1
    assert result.percent == 100
    assert result.answered == 3


def test_an_unanswered_question_counts_as_zero():
    result = score([Choice.YES, ""])

    assert result.possible == 2
    assert result.percent == 50
    assert result.answered == 1
    assert not result.complete


def test_an_empty_checklist_is_zero_percent_not_ready():
    result = score(["", "", ""])

    assert result.percent == 0
    assert result.answered == 0


def test_when_every_answer_is_not_applicable_there_is_no_percentage():
    result = score([Choice.NOT_APPLICABLE, Choice.NOT_APPLICABLE])

    assert result.percent is None
    assert result.complete


def test_no_questions_at_all_has_no_percentage():
    assert score([]).percent is None


@pytest.mark.parametrize(
    ("choices", "percent"),
    [
        ([Choice.YES, Choice.PARTLY, Choice.NO, Choice.NOT_APPLICABLE, ""], 38),
        ([Choice.PARTLY, Choice.PARTLY, Choice.PARTLY], 50),
        ([Choice.YES, Choice.YES, Choice.NO], 67),
    ],
)
def test_the_percentage_is_rounded_points_over_applicable_questions(choices, percent):
    assert score(choices).percent == percent


def test_complete_means_every_question_has_an_answer():
    assert score([Choice.NO, Choice.NOT_APPLICABLE]).complete
    assert not score([Choice.NO, ""]).complete
