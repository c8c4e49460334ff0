"""The worker that renders charters, approved charters and blank checklists: django-tasks-db's db_worker, tuned for PDFs.

    manage.py charter_worker            (options of db_worker: --batch, --queue-name, --interval, --max-tasks, ...)

It lowers its own CPU priority (os.nice, by STAGE1_WORKER_NICE) and, on Linux,
asks to run only when no other process wants the processor (SCHED_IDLE,
unless STAGE1_WORKER_IDLE is off), so the web server's requests get it first
on a shared machine and pages keep their speed while charters render; and it calls
gc.freeze() once Django has started, so the collector no longer walks the
modules, templates and fonts loaded at start-up during every render. During
each render's layout the collector's threshold is raised too (services.fewer_collections).
"""

import gc
import os

from django.conf import settings
from django_tasks_db.management.commands.db_worker import Command as DbWorkerCommand


def lower_priority(niceness: int) -> int:
    """Lower this process's CPU priority to at least `niceness` (0-19), however often it is called; the niceness reached."""
    current = os.nice(0)
    return os.nice(max(0, niceness - current))


def run_when_idle() -> bool:
    """Ask Linux to give this process the CPU only when nothing else wants it (SCHED_IDLE); whether it did.

    Stronger than niceness: a nice process still takes a share of a busy
    processor, an idle-class one waits until the web server has nothing to
    do. A machine whose processor never idles would then never render:
    STAGE1_WORKER_IDLE=0 keeps niceness alone.
    """
    if not settings.STAGE1_WORKER_IDLE or not hasattr(os, "sched_setscheduler"):
        return False
    try:
        os.sched_setscheduler(0, os.SCHED_IDLE, os.sched_param(0))
    except OSError:
        return False
    return True


class Command(DbWorkerCommand):
    help = "Render charters and checklists queued by the web server (a django-tasks-db worker at low CPU priority)."

    def handle(self, *args, **options):
        niceness = lower_priority(settings.STAGE1_WORKER_NICE)
        idle = run_when_idle()
        # Everything loaded so far (Django, the apps, WeasyPrint) lives as long as the process:
        # moved out of the collector's sight, it is not scanned again on every collection.
        gc.collect()
        gc.freeze()
        if options["verbosity"] >= 1:
            when = ", only when the processor is idle" if idle else ""
            self.stdout.write(f"Charter worker at niceness {niceness}{when}, {gc.get_freeze_count()} start-up objects frozen.")
        return super().handle(*args, **options)
