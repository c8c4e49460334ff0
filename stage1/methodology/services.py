"""Publishing the method: the admin's live rows become a version projects can follow."""

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from stage1.methodology.models import MethodologyVersion, Stage, VersionQuestion
from stage1.methodology.versions import question_ids, stage_content


@transaction.atomic
def methodology_publish(*, stage: Stage, user, notes: str = "") -> MethodologyVersion:
    """Publish the stage's rules and questions as they are now, as its next version.

    Projects already following a version keep it; new projects follow this one.
    """
    # Two owners publishing at once queue here (PostgreSQL); the unique
    # constraint on (stage, number) refuses a duplicate number in any case.
    stage = Stage.objects.select_for_update().get(pk=stage.pk)
    last = MethodologyVersion.objects.filter(stage=stage).aggregate(n=Max("number"))["n"] or 0
    content = stage_content(stage)
    version = MethodologyVersion.objects.create(
        stage=stage, number=last + 1, published_at=timezone.now(), published_by=user, notes=notes, content=content
    )
    VersionQuestion.objects.bulk_create(VersionQuestion(version=version, question_id=pk) for pk in sorted(question_ids(content)))
    return version
