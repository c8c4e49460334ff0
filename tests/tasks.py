"""Run the worker's queue in a test, synchronously, the way `manage.py charter_worker` runs it.

Tasks are queued in the database (django-tasks-db) as in production; these
helpers take the ones that are due and run them one by one with the
library's own Worker.run_task (which records success or failure), in the
calling thread and transaction. They leave out only the worker's loop,
sleeps and connection handling, which would end a test's transaction.
"""

from django.utils import timezone
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult


def database_worker(*, worker_id: str, interval: float = 0, batch: bool = True) -> Worker:
    """django-tasks-db's worker on every queue of the default backend, as `manage.py charter_worker` starts it."""
    return Worker(
        queue_names=["*"],
        interval=interval,
        batch=batch,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id=worker_id,
        excluded_queue_names=[],
    )


WORKER = database_worker(worker_id="test-worker")


def due_tasks():
    return DBTaskResult.objects.ready()


def run_due_tasks(*, limit: int = 100) -> list[DBTaskResult]:
    """Run every task that is due, in the worker's order (priority, then run_after), including the retries they queue when due."""
    ran = []
    while (result := due_tasks().first()) is not None:
        assert len(ran) < limit, "the queue does not run dry"
        result.claim(WORKER.worker_id)
        WORKER.run_task(result)
        ran.append(result)
    return ran


def run_all_tasks(*, limit: int = 100) -> list[DBTaskResult]:
    """Run every queued task as if its quiet period or retry delay had passed."""
    DBTaskResult.objects.filter(status="READY", run_after__gt=timezone.now()).update(run_after=timezone.now())
    ran = []
    while batch := run_due_tasks(limit=limit - len(ran)):
        ran.extend(batch)
        DBTaskResult.objects.filter(status="READY", run_after__gt=timezone.now()).update(run_after=timezone.now())
    return ran


def follow_until_ready(client, url: str, *, tries: int = 3, **headers):
    """Ask for a PDF the way a person's browser does: while the preparing page answers (202), the worker runs, then ask again."""
    response = client.get(url, **headers)
    for _ in range(tries):
        if response.status_code != 202:
            return response
        run_due_tasks()
        response = client.get(url, **headers)
    raise AssertionError(f"{url} was still being prepared after {tries} runs of the worker")
