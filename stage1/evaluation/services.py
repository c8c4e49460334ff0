"""Saving checklist answers, with the same conflict rule as the wizard; moving a project to a newer methodology version."""

import logging

from django.db import IntegrityError, transaction

from stage1.core.versioning import Conflict, claim
from stage1.evaluation.models import Answer
from stage1.methodology.models import MethodologyVersion
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
        if current.choice == choice and current.evidence == evidence:
            continue
        try:
            # Versions start at 1, so an answer the page did not show (base 0) never claims.
            claim(current, base_version=base)
        except Conflict as conflict:
            conflicts.append((question, choice, evidence, conflict.current))
            continue
        # Saved through the model (not a bare UPDATE) so the change enters the history.
        current.choice, current.evidence, current.updated_by = choice, evidence, user
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
    version asks them again. Raises NotANewerVersion otherwise.
    """
    current = Project.objects.select_for_update().get(pk=project.pk).methodology_version
    if current is not None and (current.stage_id != version.stage_id or current.number >= version.number):
        raise NotANewerVersion(f"Project {project.pk} follows version {current.number}; it cannot move to version {version.number}.")
    Project.objects.filter(pk=project.pk).update(methodology_version=version, methodology_moved_from=current)
    project_touch(project)
    project.methodology_version, project.methodology_moved_from = version, current
    logger.info(
        "Project %s moved from methodology version %s to %s by user %s", project.pk, current and current.number, version.number, user.pk
    )
