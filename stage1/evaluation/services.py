"""Saving checklist answers and the action plan, with the same conflict rule as the wizard; moving a project to a
newer methodology version."""

import logging

from django.db import IntegrityError, transaction

from stage1.core.versioning import Conflict, claim
from stage1.evaluation.models import Action, Answer
from stage1.methodology.models import MethodologyVersion
from stage1.methodology.versions import compare, live_content
from stage1.projects.models import Project
from stage1.projects.services import project_touch

logger = logging.getLogger(__name__)


class NotANewerVersion(Exception):
    """The project already follows this version or a later one (another member moved it meanwhile)."""


class AnswersConflict(Exception):
    def __init__(self, conflicts):
        super().__init__("conflicting answers")
        # (question, submitted choice, submitted evidence, current Answer)
        self.conflicts = conflicts


@transaction.atomic
def answers_save(*, project, form, user) -> int:
    """Save a rule's answers; returns how many changed. All or nothing on conflict.

    Each answer obeys the one conflict rule: a change from base version N
    applies only if the answer is still at N, whoever saved in between. An
    answer the page showed as not given yet (base 0) conflicts if someone
    gave it meanwhile. An answer submitted as it stands now is left alone.
    """
    existing = {a.question_id: a for a in Answer.objects.filter(project=project, question_id__in=[r.question.pk for r in form.rows])}
    conflicts, changed = [], 0
    for question, choice, evidence, base in form.submitted():
        current = existing.get(question.pk)
        if current is None:
            if not choice and not evidence:
                continue
            try:
                with transaction.atomic():
                    Answer.objects.create(project=project, question_id=question.pk, choice=choice, evidence=evidence, updated_by=user)
            except IntegrityError:
                # Given by someone else between the read above and this insert.
                conflicts.append((question, choice, evidence, Answer.objects.get(project=project, question_id=question.pk)))
                continue
            changed += 1
            continue
        if current.choice == choice and current.evidence == evidence and not current.to_confirm:
            continue
        try:
            # Versions start at 1, so an answer the page did not show (base 0) never claims.
            claim(current, base_version=base)
        except Conflict as conflict:
            conflicts.append((question, choice, evidence, conflict.current))
            continue
        # Saved through the model (not a bare UPDATE) so the change enters the history.
        # Saving the rule's page with a reworded question on it confirms the answer shown beside it.
        current.choice, current.evidence, current.updated_by, current.to_confirm = choice, evidence, user, False
        current.save()
        changed += 1
    if conflicts:
        # Raising inside the atomic block rolls back the answers saved above.
        raise AnswersConflict(conflicts)
    if changed:
        project_touch(project)
    return changed


@transaction.atomic
def project_move_to_version(*, project: Project, version: MethodologyVersion, user) -> None:
    """Make the project's checklist follow `version`, a later version than the one it follows.

    Answers stay attached to their questions: those the version no longer asks
    are kept in the database and no longer scored, and come back if a later
    version asks them again. Answers to questions the version rewords are
    marked to confirm: they count as not given until someone confirms or
    changes them. Raises NotANewerVersion otherwise.
    """
    current = Project.objects.select_for_update().get(pk=project.pk).methodology_version
    if current is not None and (current.stage_id != version.stage_id or current.number >= version.number):
        raise NotANewerVersion(f"Project {project.pk} follows version {current.number}; it cannot move to version {version.number}.")
    reworded = [after.pk for _before, after in compare(current.content if current else live_content(), version.content).reworded]
    for answer in Answer.objects.filter(project=project, question_id__in=reworded).exclude(choice="", evidence=""):
        # Through the model, with its version bumped: the change enters the history and an open page conflicts.
        answer.to_confirm, answer.version, answer.updated_by = True, answer.version + 1, user
        answer.save()
    Project.objects.filter(pk=project.pk).update(methodology_version=version, methodology_moved_from=current)
    project_touch(project)
    project.methodology_version, project.methodology_moved_from = version, current
    logger.info(
        "Project %s moved from methodology version %s to %s by user %s", project.pk, current and current.number, version.number, user.pk
    )


class AnswerGone(Exception):
    """The answer the page showed no longer asks for this (changed or removed meanwhile)."""


def _claimed_answer(*, project, answer_id: int, base_version: int | None) -> Answer:
    answer = Answer.objects.select_for_update().filter(project=project, pk=answer_id).first()
    if answer is None:
        raise AnswerGone(answer_id)
    claim(answer, base_version=base_version)
    return answer


@transaction.atomic
def risk_accept(*, project, answer: Answer, because: str, accepted_by: str, base_version: int | None, user) -> Answer:
    """Record (or, with empty text, withdraw) that the gap a "No" or "Partly" admits is accepted rather than acted on."""
    answer = _claimed_answer(project=project, answer_id=answer.pk, base_version=base_version)
    answer.risk_accepted_because, answer.risk_accepted_by, answer.updated_by = because, accepted_by, user
    answer.save()
    project_touch(project)
    return answer


@transaction.atomic
def contradiction_dismiss(*, project, answer: Answer, because: str, base_version: int | None, user) -> Answer:
    """Keep the answer against what the data says, with a reason; it holds until the answer changes."""
    answer = _claimed_answer(project=project, answer_id=answer.pk, base_version=base_version)
    answer.contradiction_dismissed_because = because
    answer.contradiction_dismissed_for = answer.choice if because else ""
    answer.updated_by = user
    answer.save()
    project_touch(project)
    return answer


@transaction.atomic
def action_add(*, project, answer: Answer, description: str, owner, due_on, user) -> Action:
    action = Action.objects.create(project=project, answer=answer, description=description, owner=owner, due_on=due_on, updated_by=user)
    project_touch(project)
    return action


@transaction.atomic
def action_change(*, project, action: Action, base_version: int | None, user, **values) -> Action:
    """values: any of description, owner, due_on, done_on. Raises Conflict if the action changed since the page showed it."""
    claim(action, base_version=base_version)
    for name, value in values.items():
        setattr(action, name, value)
    action.updated_by = user
    action.save()
    project_touch(project)
    return action


@transaction.atomic
def action_remove(*, project, action: Action, base_version: int | None) -> None:
    claim(action, base_version=base_version)
    action.delete()
    project_touch(project)
