"""The checklist of a project: questions by rule, its answers, scores and findings.

A project following a published methodology version sees that version's
questions and wording, whatever has been edited in the admin since; a
project without one (none was published when it was created) sees the
live methodology.
"""

from dataclasses import dataclass, field

from django.db.models import Prefetch

from stage1.evaluation.findings import DataFindings, DataOnQuestion, Finding, data_findings
from stage1.evaluation.models import Action, Answer, Choice
from stage1.evaluation.scoring import Score, score
from stage1.methodology.models import EvaluationQuestion, MethodologyVersion, Rule
from stage1.methodology.versions import FrozenQuestion, FrozenRule, frozen_rules, latest_version, question_ids
from stage1.projects.derived import project_cached
from stage1.projects.selectors import ProjectProgress, progress_records, project_progress, version_meta, version_rules
from stage1.projects.snapshot import Snapshot, load_snapshot
from stage1.projects.steps import STEPS


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
    # Each step's record and counts (the snapshot's, or the project's cached progress): what readiness reads.
    progress: ProjectProgress | None = None

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


def checklist_for(project, *, snapshot: Snapshot | None = None, with_findings: bool = True, cached: bool = False) -> Checklist:
    """Answers are matched to questions by id; answers to questions the version does not ask are left out.

    With findings, each answer is also held against the project's data (its contradiction, if any).
    cached: for pages, read the findings and progress of the project's revision from the derived cache
    (stage1/projects/derived.py) and the version's rules once per process, instead of loading every list.
    Services deciding something (submitting for review) leave it off and read everything afresh.
    """
    answers = {
        a.question_id: a
        for a in Answer.objects.filter(project=project)
        .select_related("updated_by")
        .prefetch_related(Prefetch("actions", queryset=Action.objects.select_related("owner")))
    }
    version, new_ids = None, set()
    if project.methodology_version_id:
        rules = version_rules(project.methodology_version_id) if cached else None
        if rules is not None:
            version = version_meta(project.methodology_version_id)
            if project.methodology_moved_from_id:
                new_ids = _new_question_ids(project)
        else:
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
    progress = None
    if with_findings:
        if cached and snapshot is None:
            found = project_cached(
                project, "findings", lambda: _plain(data_findings(load_snapshot(project, records=progress_records(project))))
            )
            found, progress = _from_plain(found), project_progress(project)
        else:
            snapshot = snapshot or load_snapshot(project)
            found, progress = data_findings(snapshot), snapshot.progress
        for group in groups:
            group.findings = found.by_step.get(group.rule.slug, [])
            for row in group.rows:
                if row.question.key:
                    row.contradiction = contradiction_of(row.answer, found.by_question.get(row.question.key))
    return Checklist(groups, snapshot, version, progress)


def _new_question_ids(project) -> set[int]:
    """The questions the project's version asks that the version it was moved from did not (both never change)."""
    before = version_rules(project.methodology_moved_from_id)
    after = version_rules(project.methodology_version_id)
    if before is None or after is None:
        versions = MethodologyVersion.objects.in_bulk({project.methodology_version_id, project.methodology_moved_from_id})
        return question_ids(versions[project.methodology_version_id].content) - question_ids(
            versions[project.methodology_moved_from_id].content
        )
    return {q.pk for _rule, questions in after for q in questions} - {q.pk for _rule, questions in before for q in questions}


def _plain(found: DataFindings) -> tuple:
    """Findings as plain values for the cache: (step slug, message, url, question key) in order, and what is done by question."""
    findings = [(f.step.slug, f.message, f.url, f.question) for step_findings in found.by_step.values() for f in step_findings]
    return findings, {key: list(on.done) for key, on in found.by_question.items()}


def _from_plain(plain: tuple) -> DataFindings:
    findings, done = plain
    by_step: dict[str, list[Finding]] = {}
    by_question: dict[str, DataOnQuestion] = {key: DataOnQuestion(done=list(messages)) for key, messages in done.items()}
    for slug, message, url, question in findings:
        finding = Finding(STEPS.get(slug), message, url, question)
        by_step.setdefault(slug, []).append(finding)
        if question:
            by_question.setdefault(question, DataOnQuestion()).gaps.append(finding)
    return DataFindings(by_step, by_question)


def blank_checklist() -> Checklist:
    """The questions alone, for the paper checklist used in workshops: those new projects answer."""
    version = latest_version()
    rules = frozen_rules(version.content) if version else _live_rules()
    return Checklist([RuleGroup(rule, [QuestionRow(q, None) for q in questions]) for rule, questions in rules], version=version)
