"""The checklist of a project: questions by rule, its answers, scores and findings."""

from dataclasses import dataclass, field

from django.db.models import Prefetch

from stage1.evaluation.findings import Finding, findings_for
from stage1.evaluation.models import Answer
from stage1.evaluation.scoring import Score, score
from stage1.methodology.models import EvaluationQuestion, Rule
from stage1.projects.snapshot import Snapshot, load_snapshot


@dataclass
class QuestionRow:
    question: EvaluationQuestion
    answer: Answer | None

    @property
    def choice(self) -> str:
        return self.answer.choice if self.answer else ""


@dataclass
class RuleGroup:
    rule: Rule
    rows: list[QuestionRow]
    findings: list[Finding] = field(default_factory=list)

    @property
    def score(self) -> Score:
        return score([row.choice for row in self.rows])


@dataclass
class Checklist:
    groups: list[RuleGroup]
    snapshot: Snapshot | None = None

    @property
    def score(self) -> Score:
        return score([row.choice for group in self.groups for row in group.rows])

    @property
    def complete(self) -> bool:
        return all(group.score.complete for group in self.groups)

    def group(self, rule_slug: str) -> RuleGroup | None:
        return next((g for g in self.groups if g.rule.slug == rule_slug), None)


def rules_with_questions(stage_number: int = 1):
    return Rule.objects.for_stage(stage_number).prefetch_related(
        Prefetch("questions", queryset=EvaluationQuestion.objects.order_by("order", "id"))
    )


def checklist_for(project, *, snapshot: Snapshot | None = None, with_findings: bool = True) -> Checklist:
    answers = {a.question_id: a for a in Answer.objects.filter(project=project).select_related("updated_by")}
    groups = [RuleGroup(rule, [QuestionRow(q, answers.get(q.pk)) for q in rule.questions.all()]) for rule in rules_with_questions()]
    if with_findings:
        snapshot = snapshot or load_snapshot(project)
        found = findings_for(snapshot)
        for group in groups:
            group.findings = found.get(group.rule.slug, [])
    return Checklist(groups, snapshot)


def blank_checklist() -> Checklist:
    """The questions alone, for the paper checklist used in workshops."""
    return Checklist([RuleGroup(rule, [QuestionRow(q, None) for q in rule.questions.all()]) for rule in rules_with_questions()])
