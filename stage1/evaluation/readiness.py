"""Whether a project is ready for review, defined once: the task list, the checklist and the charter all ask here.

A project is ready when every golden rule's step is complete, every question
is answered (an answer still to confirm after a rewording is not), every
"No" or "Partly" has an action or an accepted risk, every "Not applicable"
says why, nothing the data says against an answer is left open, and a
sponsor is named. What is not yet so comes back as blockers: a sentence and
the page where it is done, in the order a team would work through them.
"""

from dataclasses import dataclass
from datetime import date

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from stage1.core.bidi import isolate
from stage1.evaluation.models import Action, Choice
from stage1.evaluation.selectors import Checklist, QuestionRow, RuleGroup
from stage1.projects.steps import STAKEHOLDERS, STEPS


@dataclass(frozen=True)
class Blocker:
    message: str
    url: str


@dataclass(frozen=True)
class Readiness:
    blockers: list[Blocker]
    actions: int
    open_actions: int

    @property
    def ready(self) -> bool:
        return not self.blockers


def needs_plan(row: QuestionRow) -> bool:
    """A "No" or "Partly" with neither an action nor an accepted risk."""
    answer = row.answer
    return bool(answer and answer.needs_plan and not answer.risk_accepted and not answer.actions.all())


def needs_reason(row: QuestionRow) -> bool:
    """A "Not applicable" that does not say why."""
    return row.choice == Choice.NOT_APPLICABLE and not row.answer.evidence.strip()


@dataclass(frozen=True)
class PlanEntry:
    group: RuleGroup
    row: QuestionRow
    action: Action | None = None


@dataclass(frozen=True)
class ActionPlan:
    """The project's action plan: its actions (open first, by due date), the risks accepted instead of acted on,
    and the "No" and "Partly" answers that have neither yet."""

    actions: list[PlanEntry]
    risks: list[PlanEntry]
    to_plan: list[PlanEntry]

    @property
    def open_actions(self) -> list[PlanEntry]:
        return [entry for entry in self.actions if not entry.action.is_done]

    @property
    def done_actions(self) -> list[PlanEntry]:
        return [entry for entry in self.actions if entry.action.is_done]

    @property
    def open(self) -> int:
        return len(self.open_actions)


def action_plan_of(checklist: Checklist) -> ActionPlan:
    """checklist: the project's (checklist_for(project)); its answers come with their actions."""
    answered = [(group, row) for group in checklist.groups for row in group.rows if row.answer]
    actions = [PlanEntry(group, row, action) for group, row in answered for action in row.answer.actions.all()]
    actions.sort(key=lambda entry: (entry.action.is_done, entry.action.due_on or date.max, entry.action.pk))
    return ActionPlan(
        actions=actions,
        risks=[PlanEntry(group, row) for group, row in answered if row.answer.needs_plan and row.answer.risk_accepted],
        to_plan=[PlanEntry(group, row) for group, row in answered if needs_plan(row)],
    )


def answer_url(project, group: RuleGroup, row: QuestionRow) -> str:
    return reverse("evaluation:answer", kwargs={"slug": project.slug, "rule_slug": group.rule.slug, "question_id": row.question.pk})


def _step_blockers(project, checklist: Checklist) -> list[Blocker]:
    blockers = []
    for progress in checklist.progress.steps:
        missing = progress.missing
        if missing:
            url = reverse("projects:step", kwargs={"slug": project.slug, "step_slug": progress.step.slug})
            blockers.append(
                Blocker(
                    _("Complete “%(step)s”: %(missing)s.") % {"step": progress.step.title, "missing": "; ".join(str(m) for m in missing)},
                    url,
                )
            )
    return blockers


def _sponsor_blocker(project, checklist: Checklist) -> list[Blocker]:
    if STEPS.get(STAKEHOLDERS.slug) is not STAKEHOLDERS or checklist.progress.of(STAKEHOLDERS).record.sponsor_id is not None:
        return []
    url = reverse("projects:step", kwargs={"slug": project.slug, "step_slug": STAKEHOLDERS.slug}) + "#id_sponsor"
    return [Blocker(_("Name the sponsor who will sign the charter, on the stakeholders step."), url)]


def _checklist_blockers(project, checklist: Checklist) -> list[Blocker]:
    blockers = []
    for group in checklist.groups:
        rule_url = reverse("evaluation:rule", kwargs={"slug": project.slug, "rule_slug": group.rule.slug})
        unanswered = sum(1 for row in group.rows if not row.choice and not row.to_confirm)
        to_confirm = sum(1 for row in group.rows if row.to_confirm)
        if unanswered:
            message = ngettext(
                "Answer %(count)d question of rule %(number)s, “%(rule)s”.",
                "Answer %(count)d questions of rule %(number)s, “%(rule)s”.",
                unanswered,
            )
            blockers.append(Blocker(message % {"count": unanswered, "number": group.rule.number, "rule": group.rule.title}, rule_url))
        if to_confirm:
            message = ngettext(
                "Confirm or change %(count)d answer to a reworded question of rule %(number)s, “%(rule)s”.",
                "Confirm or change %(count)d answers to reworded questions of rule %(number)s, “%(rule)s”.",
                to_confirm,
            )
            blockers.append(Blocker(message % {"count": to_confirm, "number": group.rule.number, "rule": group.rule.title}, rule_url))
        for row in group.rows:
            question = isolate(row.question.text)
            if needs_reason(row):
                blockers.append(
                    Blocker(
                        _("Say why “%(question)s” does not apply.") % {"question": question}, f"{rule_url}#id_evidence_{row.question.pk}"
                    )
                )
            elif needs_plan(row):
                blockers.append(
                    Blocker(
                        _("Plan an action or accept the risk for “%(question)s” (answered %(answer)s).")
                        % {"question": question, "answer": row.answer.get_choice_display()},
                        answer_url(project, group, row),
                    )
                )
            if row.contradiction and row.contradiction.open:
                blockers.append(
                    Blocker(
                        _("Resolve what the project's data says against your answer to “%(question)s”.") % {"question": question},
                        answer_url(project, group, row),
                    )
                )
    return blockers


def readiness_of(project, checklist: Checklist) -> Readiness:
    """checklist: the project's, loaded with its findings (checklist_for(project))."""
    plan = action_plan_of(checklist)
    blockers = _step_blockers(project, checklist) + _sponsor_blocker(project, checklist) + _checklist_blockers(project, checklist)
    return Readiness(blockers, len(plan.actions), plan.open)
