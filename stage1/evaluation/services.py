"""Saving checklist answers, with the same conflict rule as the wizard."""

from django.db import IntegrityError, transaction

from stage1.evaluation.models import Answer
from stage1.projects.services import project_touch


class AnswersConflict(Exception):
    def __init__(self, conflicts):
        super().__init__("conflicting answers")
        # (question, submitted choice, submitted evidence, current Answer)
        self.conflicts = conflicts


@transaction.atomic
def answers_save(*, project, form, user) -> int:
    """Save a rule's answers; returns how many changed. All or nothing on conflict."""
    existing = {
        a.question_id: a for a in Answer.objects.select_for_update().filter(project=project, question__in=[r.question for r in form.rows])
    }
    conflicts, changed = [], 0
    for question, choice, evidence, base in form.submitted():
        current = existing.get(question.pk)
        if current is None:
            if not choice and not evidence:
                continue
            try:
                with transaction.atomic():
                    Answer.objects.create(project=project, question=question, choice=choice, evidence=evidence, updated_by=user)
            except IntegrityError:
                conflicts.append((question, choice, evidence, Answer.objects.get(project=project, question=question)))
                continue
            changed += 1
            continue
        if current.choice == choice and current.evidence == evidence:
            continue
        own_previous = current.version == base + 1 and current.updated_by_id == user.pk
        if current.version != base and not own_previous:
            conflicts.append((question, choice, evidence, current))
            continue
        claimed = Answer.objects.filter(pk=current.pk, version=current.version).update(version=current.version + 1)
        if not claimed:
            conflicts.append((question, choice, evidence, Answer.objects.get(pk=current.pk)))
            continue
        # Saved through the model (not a bare UPDATE) so the change enters the history.
        current.choice, current.evidence, current.updated_by = choice, evidence, user
        current.version += 1
        current.save()
        changed += 1
    if conflicts:
        # Raising inside the atomic block rolls back the answers saved above.
        raise AnswersConflict(conflicts)
    if changed:
        project_touch(project)
    return changed
