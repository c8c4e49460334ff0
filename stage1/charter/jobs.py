"""Renders someone waits for: queued once, retried a bounded number of times, and failed visibly.

A page that has nothing current to serve calls render_requested(): it
records what it waits for in a RenderJob and queues the render once, however
often the page refreshes. The task runs the render through run_render(),
which retries a failure later (the delay grows with each attempt), logs it,
and after STAGE1_RENDER_ATTEMPTS attempts marks the job failed, so the page
can say so and offer "Try again".
"""

import logging
from collections.abc import Callable
from datetime import datetime, timedelta

from django.conf import settings
from django.utils import timezone

from stage1.charter.models import RenderJob

logger = logging.getLogger(__name__)

# Renders a person is waiting for run before those queued by saves in the background.
WAITED_FOR = 10
# A render still not done this long after it was queued is queued again (renders take seconds; a worker
# killed mid-render leaves its task marked as running for ever). Renders are idempotent, so a duplicate costs nothing.
REQUEUE_AFTER = timedelta(minutes=10)


def job_for(key: str, target: str) -> RenderJob | None:
    """The job rendering exactly this content, if any."""
    return RenderJob.objects.filter(key=key, target=target).first()


def render_requested(*, key: str, target: str, enqueue: Callable[[], object], again: bool = False) -> RenderJob:
    """Make sure the render of target is queued, and return its job.

    Already queued (or failed, unless again): nothing is queued twice. Otherwise
    the job starts afresh and enqueue() queues the render. The queue is a table
    of the same database, so the task and the job become visible to the worker
    together, when the transaction commits, and vanish together with a rollback.
    """
    job = job_for(key, target)
    if job is not None and not (again and job.failed):
        if job.failed or job.queued_at > timezone.now() - REQUEUE_AFTER:
            return job
        # Queued long ago and neither done nor failed: its task was lost (a worker killed mid-render); queue it again.
        logger.warning("Render of %s queued at %s is not done: queued again", key, job.queued_at.isoformat())
    job, _created = RenderJob.objects.update_or_create(
        key=key, defaults={"target": target, "queued_at": timezone.now(), "attempts": 0, "failed_at": None, "error": ""}
    )
    enqueue()
    return job


def run_render(*, key: str, target: str, attempt: int, render: Callable[[], object], retry: Callable[[int, datetime], object]) -> None:
    """Run render(); on failure log it and retry(next attempt, run_after) later, or mark the job failed after the last attempt.

    The exception is raised again so the task queue records the failure with its traceback.
    """
    try:
        render()
    except Exception as error:
        attempts = settings.STAGE1_RENDER_ATTEMPTS
        final = attempt >= attempts
        logger.warning("Render of %s failed (attempt %d of %d): %s", key, attempt, attempts, type(error).__name__)
        RenderJob.objects.update_or_create(
            key=key,
            defaults={
                "target": target,
                "queued_at": timezone.now(),
                "attempts": attempt,
                "failed_at": timezone.now() if final else None,
                "error": f"{type(error).__name__}: {error}"[:300],
            },
        )
        if not final:
            retry(attempt + 1, timezone.now() + timedelta(seconds=settings.STAGE1_RENDER_RETRY_SECONDS * attempt))
        raise
    RenderJob.objects.filter(key=key, target=target).delete()
