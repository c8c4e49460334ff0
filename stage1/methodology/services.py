"""Publishing the method: the admin's live rows become a version projects can follow."""

from collections.abc import Mapping

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from modeltranslation.utils import build_localized_fieldname

from stage1.methodology.models import MethodologyVersion, Stage, VersionQuestion
from stage1.methodology.versions import DEFAULT_LANGUAGE, LANGUAGES, question_ids, stage_content


@transaction.atomic
def methodology_publish(*, stage: Stage, user, notes: Mapping[str, str] | str = "") -> MethodologyVersion:
    """Publish the stage's rules and questions as they are now, in every language, as its next version.

    Projects already following a version keep it; new projects follow this one.
    notes: what changed, per language code; a plain string is the English notes.
    """
    notes = {DEFAULT_LANGUAGE: notes} if isinstance(notes, str) else notes
    # Two owners publishing at once queue here (PostgreSQL); the unique
    # constraint on (stage, number) refuses a duplicate number in any case.
    stage = Stage.objects.select_for_update().get(pk=stage.pk)
    last = MethodologyVersion.objects.filter(stage=stage).aggregate(n=Max("number"))["n"] or 0
    content = stage_content(stage)
    # Each language's notes in its own column: `notes=` would go to the active language's.
    version = MethodologyVersion.objects.create(
        stage=stage,
        number=last + 1,
        published_at=timezone.now(),
        published_by=user,
        content=content,
        **{build_localized_fieldname("notes", lang): notes.get(lang, "") for lang in LANGUAGES},
    )
    VersionQuestion.objects.bulk_create(VersionQuestion(version=version, question_id=pk) for pk in sorted(question_ids(content)))
    return version
