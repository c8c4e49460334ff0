"""The checklist of a project: questions by rule, its answers, scores and findings.

A project following a published methodology version sees that version's
questions and wording, whatever has been edited in the admin since; a
project without one (none was published when it was created) sees the
live methodology.
"""

from dataclasses import dataclass, field

from django.db.models import Prefetch

from stage1.evaluation.findings import DataOnQuestion, Finding, data_findings
from stage1.evaluation.models import Answer, Choice
from stage1.evaluation.scoring import Score, score
from stage1.methodology.models import EvaluationQuestion, MethodologyVersion, Rule
from stage1.methodology.versions import FrozenQuestion, FrozenRule, frozen_rules, latest_version, question_ids
from stage1.projects.snapshot import Snapshot, load_snapshot


@dataclass(frozen=True)
class Contradiction:
    """The project's data says otherwise than the answer: gaps behind a "Yes", or the thing done behind a "No"."""

    answered: str
    shown_by_data: list[str]
    # Where the data can be corrected (the first gap's page); empty when the data shows it done.
    url: str
    dismissed_because: str

    @property
    def open(self) -> bool:
        return not self.dismissed_because


def contradiction_of(answer: Answer | None, data: DataOnQuestion | None) -> Contradiction | None:
    if answer is None or data is None or answer.to_confirm:
        return None
    if answer.choice == Choice.YES and data.gaps:
        shown, url = [gap.message for gap in data.gaps], data.gaps[0].url
    elif answer.choice == Choice.NO and data.done:
        shown, url = data.done, ""
    else:
        return None
    # A dismissal holds only for the answer it was given for.
    dismissed = answer.contradiction_dismissed_because if answer.contradiction_dismissed_for == answer.choice else ""
    return Contradiction(answer.choice, shown, url, dismissed)


@dataclass
class QuestionRow:
    question: EvaluationQuestion | FrozenQuestion
    answer: Answer | None
    # Asked by the project's version but not by the one it was moved from.
    new: bool = False
    contradiction: Contradiction | None = None

    @property
    def choice(self) -> str:
        """The answer as it counts: one still to confirm after a rewording counts as not given."""
        return self.answer.choice if self.answer and not self.answer.to_confirm else ""

    @property
    def to_confirm(self) -> bool:
        return bool(self.answer and self.answer.to_confirm)


@dataclass
class RuleGroup:
    rule: Rule | FrozenRule
    rows: list[QuestionRow]
    findings: list[Finding] = field(default_factory=list)

    @property
    def score(self) -> Score:
        return score([row.choice for row in self.rows])


@dataclass
class Checklist:
    groups: list[RuleGroup]
    snapshot: Snapshot | None = None
    version: MethodologyVersion | None = None

    @property
    def score(self) -> Score:
        return score([row.choice for group in self.groups for row in group.rows])

    @property
    def complete(self) -> bool:
        return all(group.score.complete for group in self.groups)

    def group(self, rule_slug: str) -> RuleGroup | None:
        return next((g for g in self.groups if g.rule.slug == rule_slug), None)

    def rows(self):
        return (row for group in self.groups for row in group.rows)

    def row(self, question_id: int) -> tuple[RuleGroup, QuestionRow] | None:
        return next(((g, r) for g in self.groups for r in g.rows if r.question.pk == question_id), None)


def rules_with_questions(stage_number: int = 1):
    return Rule.objects.for_stage(stage_number).prefetch_related(
        Prefetch("questions", queryset=EvaluationQuestion.objects.filter(retired=False).order_by("order", "id"))
    )


def _live_rules() -> list[tuple[Rule, list[EvaluationQuestion]]]:
    return [(rule, list(rule.questions.all())) for rule in rules_with_questions()]


def checklist_for(project, *, snapshot: Snapshot | None = None, with_findings: bool = True) -> Checklist:
    """Answers are matched to questions by id; answers to questions the version does not ask are left out.

    With findings, each answer is also held against the project's data (its contradiction, if any).
    """
    answers = {
        a.question_id: a for a in Answer.objects.filter(project=project).select_related("updated_by").prefetch_related("actions__owner")
    }
    version, new_ids = None, set()
    if project.methodology_version_id:
        versions = MethodologyVersion.objects.in_bulk({project.methodology_version_id, project.methodology_moved_from_id} - {None})
        version = versions[project.methodology_version_id]
        # Versions frozen before questions had data check keys take them from the live questions.
        keys = None
        if any("key" not in q for q in version.content.get("questions", [])):
            keys = dict(EvaluationQuestion.objects.exclude(key="").values_list("pk", "key"))
        rules = frozen_rules(version.content, keys=keys)
        if project.methodology_moved_from_id:
            new_ids = question_ids(version.content) - question_ids(versions[project.methodology_moved_from_id].content)
    else:
        rules = _live_rules()
    groups = [RuleGroup(rule, [QuestionRow(q, answers.get(q.pk), q.pk in new_ids) for q in questions]) for rule, questions in rules]
    if with_findings:
        snapshot = snapshot or load_snapshot(project)
        found = data_findings(snapshot)
        for group in groups:
            group.findings = found.by_step.get(group.rule.slug, [])
            for row in group.rows:
                if row.question.key:
                    row.contradiction = contradiction_of(row.answer, found.by_question.get(row.question.key))
    return Checklist(groups, snapshot, version)


def blank_checklist() -> Checklist:
    """The questions alone, for the paper checklist used in workshops: those new projects answer."""
    version = latest_version()
    rules = frozen_rules(version.content) if version else _live_rules()
    return Checklist([RuleGroup(rule, [QuestionRow(q, None) for q in questions]) for rule, questions in rules], version=version)
