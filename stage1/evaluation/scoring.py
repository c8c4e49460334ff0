"""Readiness scores: yes = 1, partly = 0.5, no = 0; not applicable is left out.

A question not answered yet counts as 0, so a score only rises as the team
answers: an empty checklist is 0 %, never "ready".
"""

from dataclasses import dataclass

from stage1.evaluation.models import POINTS, Choice


@dataclass(frozen=True)
class Score:
    points: float
    possible: int
    answered: int
    questions: int

    @property
    def percent(self) -> int | None:
        if self.possible == 0:
            return None
        return round(100 * self.points / self.possible)

    @property
    def complete(self) -> bool:
        return self.answered == self.questions


def score(choices: list[str]) -> Score:
    """Score a list of choices, one per question ('' for not answered)."""
    applicable = [c for c in choices if c != Choice.NOT_APPLICABLE]
    points = sum(POINTS.get(c, 0.0) for c in applicable)
    return Score(points=points, possible=len(applicable), answered=sum(1 for c in choices if c), questions=len(choices))
