"""The worker's renders: charters when projects change, and blank checklists.

Queued in the database (django-tasks with django-tasks-db) and run by
`manage.py charter_worker`. A save queues a render after a quiet period
(STAGE1_CHARTER_QUIET_SECONDS) for the revision it made: when the task runs
and the project has moved on, a later save has queued its own, so a burst of
saves renders once, for the last of them. A render whose content is already
stored does nothing, and storing never replaces a newer revision.
"""

from datetime import timedelta

from django.conf import settings
from django.dispatch import receiver
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import override as translation_override
from django_tasks import task

from stage1.charter.jobs import WAITED_FOR, render_requested, run_render
from stage1.charter.models import RenderedCharter, RenderedChecklist, RenderJob
from stage1.charter.services import blank_checklist_etag, blank_checklist_render, charter_etag, charter_render
from stage1.methodology.versions import latest_version
from stage1.projects.models import Project
from stage1.projects.signals import project_changed


def charter_job_key(project_pk: int, language: str) -> str:
    return f"charter:{project_pk}:{language}"


def checklist_job_key(etag: str) -> str:
    return f"checklist:{etag}"


@task()
def render_charter(project_pk: int, language: str, revision: int | None = None, attempt: int = 1) -> str:
    """Render and store the project's charter in this language, unless it is stored already; what happened, in a word.

    revision: the revision a save made; when the project is past it, a later save queued its own render.
    """
    project = Project.objects.filter(pk=project_pk).first()
    if project is None:
        return "deleted"
    if revision is not None and project.revision != revision:
        return "superseded"
    if language != project.language:
        return "superseded"  # the owners changed the document language since: that change queued its own
    with translation_override(language):
        etag = charter_etag(project)
        key = charter_job_key(project_pk, language)
        if RenderedCharter.objects.filter(project=project, language=language, etag=etag).exists():
            RenderJob.objects.filter(key=key, target=etag).delete()
            return "current"

        def retry(next_attempt, run_after):
            render_charter.using(run_after=run_after).enqueue(project_pk, language, attempt=next_attempt)

        run_render(key=key, target=etag, attempt=attempt, render=lambda: charter_render(project=project, etag=etag), retry=retry)
    return "rendered"


def charter_render_requested(*, project, etag: str, again: bool = False) -> RenderJob:
    """Someone is waiting for the charter: queue its render now, ahead of background ones."""
    language = project.language
    return render_requested(
        key=charter_job_key(project.pk, language),
        target=etag,
        again=again,
        enqueue=lambda: render_charter.using(priority=WAITED_FOR).enqueue(project.pk, language),
    )


def charter_render_job(project, etag: str) -> RenderJob | None:
    return RenderJob.objects.filter(key=charter_job_key(project.pk, project.language), target=etag).first()


@receiver(project_changed, dispatch_uid="charter-render-after-change")
def render_after_quiet_period(sender, *, project_pk: int, **kwargs) -> None:
    """Queue a render of the changed project's charter, in its document language, after the quiet period."""
    current = Project.objects.filter(pk=project_pk).values_list("revision", "language").first()
    if current is None:
        return
    revision, language = current
    run_after = timezone.now() + timedelta(seconds=settings.STAGE1_CHARTER_QUIET_SECONDS)
    render_charter.using(run_after=run_after).enqueue(project_pk, language, revision=revision)


@task()
def render_blank_checklist(language: str, attempt: int = 1) -> str:
    """Render and store the blank checklist of the latest methodology version in this language, unless it is stored."""
    with translation_override(language):
        etag = blank_checklist_etag(latest_version())
        key = checklist_job_key(etag)
        if RenderedChecklist.objects.filter(etag=etag).exists():
            RenderJob.objects.filter(key=key, target=etag).delete()
            return "current"

        def retry(next_attempt, run_after):
            render_blank_checklist.using(run_after=run_after).enqueue(language, attempt=next_attempt)

        run_render(key=key, target=etag, attempt=attempt, render=blank_checklist_render, retry=retry)
    return "rendered"


def blank_checklist_render_requested(etag: str, *, again: bool = False) -> RenderJob:
    language = get_language()
    return render_requested(
        key=checklist_job_key(etag),
        target=etag,
        again=again,
        enqueue=lambda: render_blank_checklist.using(priority=WAITED_FOR).enqueue(language),
    )
