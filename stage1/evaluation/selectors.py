"""The checklist of a project: questions by rule, its answers, scores and findings.

A project following a published methodology version sees that version's
questions and wording, whatever has been edited in the admin since; a
project without one (none was published when it was created) sees the
live methodology.
"""

from dataclasses import dataclass, field

from django.db.models import Prefetch

from stage1.evaluation.findings import Finding, findings_for
from stage1.evaluation.models import Answer
from stage1.evaluation.scoring import Score, score
from stage1.methodology.models import EvaluationQuestion, MethodologyVersion, Rule
from stage1.methodology.versions import FrozenQuestion, FrozenRule, frozen_rules, latest_version, question_ids
from stage1.projects.snapshot import Snapshot, load_snapshot


@dataclass
class QuestionRow:
    question: EvaluationQuestion | FrozenQuestion
    answer: Answer | None
    # Asked by the project's version but not by the one it was moved from.
    new: bool = False

    @property
    def choice(self) -> str:
        return self.answer.choice if self.answer else ""


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


def rules_with_questions(stage_number: int = 1):
    return Rule.objects.for_stage(stage_number).prefetch_related(
        Prefetch("questions", queryset=EvaluationQuestion.objects.filter(retired=False).order_by("order", "id"))
    )


def _live_rules() -> list[tuple[Rule, list[EvaluationQuestion]]]:
    return [(rule, list(rule.questions.all())) for rule in rules_with_questions()]


def checklist_for(project, *, snapshot: Snapshot | None = None, with_findings: bool = True) -> Checklist:
    """Answers are matched to questions by id; answers to questions the version does not ask are left out."""
    answers = {a.question_id: a for a in Answer.objects.filter(project=project).select_related("updated_by")}
    version, new_ids = None, set()
    if project.methodology_version_id:
        versions = MethodologyVersion.objects.in_bulk({project.methodology_version_id, project.methodology_moved_from_id} - {None})
        version = versions[project.methodology_version_id]
        rules = frozen_rules(version.content)
        if project.methodology_moved_from_id:
            new_ids = question_ids(version.content) - question_ids(versions[project.methodology_moved_from_id].content)
    else:
        rules = _live_rules()
    groups = [RuleGroup(rule, [QuestionRow(q, answers.get(q.pk), q.pk in new_ids) for q in questions]) for rule, questions in rules]
    if with_findings:
        snapshot = snapshot or load_snapshot(project)
        found = findings_for(snapshot)
        for group in groups:
            group.findings = found.get(group.rule.slug, [])
    return Checklist(groups, snapshot, version)


def blank_checklist() -> Checklist:
    """The questions alone, for the paper checklist used in workshops: those new projects answer."""
    version = latest_version()
    rules = frozen_rules(version.content) if version else _live_rules()
    return Checklist([RuleGroup(rule, [QuestionRow(q, None) for q in questions]) for rule, questions in rules], version=version)
