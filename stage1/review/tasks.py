"""The worker renders an approved version's charter from the HTML frozen at approval."""

from django.db import transaction
from django.utils import timezone
from django_tasks import task

from stage1.charter.jobs import WAITED_FOR, render_requested, run_render
from stage1.charter.models import RenderJob
from stage1.charter.services import pdf_of
from stage1.review.models import ApprovedVersion


def approved_job_key(approved_pk: int) -> str:
    return f"approved:{approved_pk}"


@task(priority=WAITED_FOR)
def render_approved_charter(approved_pk: int, attempt: int = 1) -> str:
    """Render the approved HTML to the PDF, once: a stored approved PDF is never replaced."""
    approved = ApprovedVersion.objects.filter(pk=approved_pk).values("html", "fingerprint", "rendered_at").first()
    if approved is None:
        return "deleted"
    key = approved_job_key(approved_pk)
    if approved["rendered_at"] is not None:
        RenderJob.objects.filter(key=key).delete()
        return "current"

    def render():
        pdf = pdf_of(approved["html"])
        with transaction.atomic():
            ApprovedVersion.objects.filter(pk=approved_pk, rendered_at=None).update(pdf=pdf, rendered_at=timezone.now())

    def retry(next_attempt, run_after):
        render_approved_charter.using(run_after=run_after).enqueue(approved_pk, attempt=next_attempt)

    run_render(key=key, target=approved["fingerprint"], attempt=attempt, render=render, retry=retry)
    return "rendered"


def approved_render_requested(approved: ApprovedVersion, *, again: bool = False) -> RenderJob:
    return render_requested(
        key=approved_job_key(approved.pk),
        target=approved.fingerprint,
        again=again,
        enqueue=lambda: render_approved_charter.enqueue(approved.pk),
    )
