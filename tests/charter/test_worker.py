"""The worker renders charters and checklists; pages only serve what it stored, or wait for it.

Renders are queued in the database as in production; `worker.run()` runs
the due tasks in the test (tests/tasks.py). The slow WeasyPrint render is
replaced by a stand-in (`renders`) except where the bytes themselves matter.
"""

import gc
import logging
import os
from datetime import timedelta
from unittest import mock

import pytest
import weasyprint
from django.conf import settings as django_settings
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import override
from django_tasks_db.models import DBTaskResult

from stage1.charter import services, tasks
from stage1.charter.models import RenderedCharter, RenderedChecklist, RenderJob
from stage1.charter.pdf import html_to_pdf
from stage1.charter.services import blank_checklist_etag, charter_document, charter_etag, charter_render, charter_store, pdf_of
from stage1.methodology.models import Stage
from stage1.methodology.services import methodology_publish
from stage1.methodology.versions import latest_version
from stage1.projects.models import Project
from stage1.projects.services import step_save
from stage1.projects.steps import get_step
from tests.charter.conftest import PDF_STUB

pytestmark = pytest.mark.usefixtures("methodology")

RENDER_CHARTER = "stage1.charter.tasks.render_charter"


def pdf_url(project) -> str:
    return reverse("charter:pdf", kwargs={"slug": project.slug})


def older_url(project) -> str:
    return reverse("charter:pdf_older", kwargs={"slug": project.slug})


def save_problem(project, user, text: str) -> None:
    step = get_step("need")
    record = step.model.objects.get(project=project)
    form = step.form_class({"problem": text, "base_version": record.version}, instance=record, project=project)
    assert form.is_valid(), form.errors
    step_save(project=project, form=form, user=user)


def charter_tasks():
    return DBTaskResult.objects.filter(task_path=RENDER_CHARTER)


def fresh(project) -> Project:
    return Project.objects.get(pk=project.pk)


@pytest.fixture
def no_render_in_requests(monkeypatch):
    """Any render during a request fails the test: pages must only read what is stored."""

    def refuse(*args, **kwargs):
        raise AssertionError("a web request rendered a PDF")

    monkeypatch.setattr(services, "html_to_pdf", refuse)


# (a) A save queues a render after the quiet period; a burst of saves renders once, for the last revision.


def test_a_save_queues_one_render_due_after_the_quiet_period(project, owner, settings, renders, worker, django_capture_on_commit_callbacks):
    settings.STAGE1_CHARTER_QUIET_SECONDS = 30
    before = timezone.now()

    with django_capture_on_commit_callbacks(execute=True):
        save_problem(project, owner, "Paper forms take 12 days")

    queued = charter_tasks().get()
    assert queued.run_after >= before + timedelta(seconds=settings.STAGE1_CHARTER_QUIET_SECONDS)
    assert queued.args_kwargs["kwargs"]["revision"] == fresh(project).revision
    assert worker.run() == []  # not due during the quiet period
    assert renders == []
    worker.run_all()
    assert len(renders) == 1
    assert "Paper forms take 12 days" in renders[0]
    assert RenderedCharter.objects.get(project=project).etag == charter_etag(fresh(project))


def test_a_burst_of_saves_renders_once_for_the_last_revision(project, owner, renders, worker, django_capture_on_commit_callbacks):
    problems = [f"Paper forms take {days} days" for days in (10, 11, 12)]
    for problem in problems:
        with django_capture_on_commit_callbacks(execute=True):
            save_problem(project, owner, problem)
    assert charter_tasks().count() == len(problems)

    ran = worker.run_all()

    assert [task.return_value for task in ran] == ["superseded"] * (len(problems) - 1) + ["rendered"]
    assert len(renders) == 1
    assert problems[-1] in renders[0]
    stored = RenderedCharter.objects.get(project=project)
    assert stored.revision == fresh(project).revision


def test_a_render_already_stored_is_not_done_again(project, renders, worker):
    charter_render(project=project)
    tasks.render_charter.enqueue(project.pk, "en")

    assert [task.return_value for task in worker.run()] == ["current"]
    assert len(renders) == 1


def test_a_change_of_review_state_queues_a_render_without_a_new_revision(project, renders, worker, django_capture_on_commit_callbacks):
    from stage1.projects.signals import project_changed

    revision = fresh(project).revision
    with django_capture_on_commit_callbacks(execute=True):
        project_changed.send(sender=None, project_pk=project.pk)

    assert charter_tasks().get().args_kwargs["kwargs"]["revision"] == revision


# (b) Renders finishing in any order never store an older revision over a newer one.


def test_an_older_render_never_replaces_a_newer_stored_one(project, owner, renders):
    old = fresh(project)
    old_etag, old_document = charter_etag(old), charter_document(old)
    save_problem(project, owner, "Paper forms take 12 days")
    newer = charter_render(project=fresh(project))

    stored = charter_store(
        project_pk=project.pk, language="en", revision=old.revision, etag=old_etag, pdf=b"%PDF old", seconds=1, document=old_document
    )

    assert not stored
    row = RenderedCharter.objects.get(project=project)
    assert (row.revision, row.etag, bytes(row.pdf)) == (fresh(project).revision, newer.etag, PDF_STUB)


def test_a_current_charter_is_not_replaced_by_another_render_of_the_same_revision(project, renders):
    current = charter_render(project=project)
    document = charter_document(project)

    assert not charter_store(
        project_pk=project.pk, language="en", revision=project.revision, etag="a-stale-state", pdf=b"%PDF x", seconds=1, document=document
    )
    assert RenderedCharter.objects.get(project=project).etag == current.etag


def test_a_save_during_a_render_leaves_the_stored_charter_not_current(project, owner, monkeypatch, owner_client, worker):
    def render_while_someone_saves(html, **options):
        save_problem(project, owner, "Saved while rendering")
        return PDF_STUB

    monkeypatch.setattr(services, "html_to_pdf", render_while_someone_saves)
    started_at = fresh(project).revision
    charter_render(project=fresh(project))

    row = RenderedCharter.objects.get(project=project)
    assert row.revision == started_at
    assert row.etag != charter_etag(fresh(project))
    assert owner_client.get(pdf_url(project)).status_code == 202


# (c) The charter link never renders: the stored PDF when current, else the preparing page.


def test_the_charter_link_serves_the_stored_pdf_when_current_without_rendering(request, project, owner_client, renders):
    rendered = charter_render(project=fresh(project))  # as the worker does (with the stand-in), before the request
    request.getfixturevalue("no_render_in_requests")

    response = owner_client.get(pdf_url(project))

    assert response.status_code == 200
    assert response.content == rendered.pdf
    assert response["ETag"] == f'"{rendered.etag}"'
    assert response["X-Charter-Fingerprint"] == rendered.fingerprint


def test_without_a_stored_charter_the_link_queues_a_render_and_shows_the_preparing_page(project, owner_client, no_render_in_requests):
    response = owner_client.get(pdf_url(project))
    again = owner_client.get(pdf_url(project))

    assert response.status_code == again.status_code == 202
    assert response["Content-Type"].startswith("text/html")
    assert int(response["Refresh"]) == django_settings.STAGE1_PREPARING_REFRESH_SECONDS
    assert "no-store" in response["Cache-Control"]
    assert "Preparing your charter" in response.text
    assert older_url(project) not in response.text  # nothing older to offer
    # Queued once, however often the page refreshes, ahead of background renders.
    queued = charter_tasks().get()
    assert queued.priority > 0
    assert RenderJob.objects.get().target == charter_etag(project)


def test_the_preparing_page_offers_the_older_charter_marked_as_older(project, owner, owner_client, renders, worker):
    charter_render(project=fresh(project))
    made = RenderedCharter.objects.get(project=project).rendered_at
    save_problem(project, owner, "Paper forms take 12 days")

    page = owner_client.get(pdf_url(project))
    older = owner_client.get(older_url(project))

    assert page.status_code == 202
    assert older_url(project) in page.text
    assert "It does not include the latest changes" in page.text
    assert "Download the older copy" in page.text
    assert older.status_code == 200
    assert older.content == PDF_STUB
    stamp = timezone.localtime(made).strftime("%Y%m%d-%H%M")
    assert older["Content-Disposition"] == f'attachment; filename="apply-for-a-parking-permit-charter-draft-0-1-older-{stamp}.pdf"'
    worker.run()
    assert owner_client.get(pdf_url(project)).status_code == 200
    # Once current, the older address leads to the charter itself.
    assert owner_client.get(older_url(project)).url == pdf_url(project)


def test_a_render_queued_long_ago_and_never_done_is_queued_again(project, owner_client, renders):
    from stage1.charter.jobs import REQUEUE_AFTER

    owner_client.get(pdf_url(project))
    charter_tasks().update(status="RUNNING")  # a worker took it and was killed mid-render
    RenderJob.objects.update(queued_at=timezone.now() - REQUEUE_AFTER - timedelta(seconds=1))

    assert owner_client.get(pdf_url(project)).status_code == 202
    assert charter_tasks().filter(status="READY").count() == 1
    assert RenderJob.objects.get().queued_at > timezone.now() - timedelta(minutes=1)


def test_the_preparing_page_takes_few_queries(project, owner, owner_client, renders, django_assert_max_num_queries):
    charter_render(project=fresh(project))
    save_problem(project, owner, "Paper forms take 12 days")
    owner_client.get(pdf_url(project))  # the render is queued: what follows is a refresh

    with django_assert_max_num_queries(15):
        assert owner_client.get(pdf_url(project)).status_code == 202


def test_an_outsider_cannot_ask_for_the_older_copy_or_a_new_try(project, outsider_client, renders):
    charter_render(project=fresh(project))

    assert outsider_client.get(older_url(project)).status_code == 404
    assert outsider_client.post(reverse("charter:retry", kwargs={"slug": project.slug})).status_code == 404
    assert not RenderJob.objects.exists()


# (d) A failed render is retried a bounded number of times, logged, then shown with "Try again".


def test_a_failing_render_is_retried_then_shown_with_try_again_which_queues_it_again(
    project, viewer_client, monkeypatch, worker, settings, caplog
):
    settings.STAGE1_RENDER_ATTEMPTS = 3
    settings.STAGE1_RENDER_RETRY_SECONDS = 60

    def broken(html, **options):
        raise RuntimeError("the renderer fell over")

    monkeypatch.setattr(services, "html_to_pdf", broken)
    assert viewer_client.get(pdf_url(project)).status_code == 202
    first = worker.run()
    assert len(first) == 1
    retry = charter_tasks().filter(status="READY").get()
    assert retry.run_after >= timezone.now() + timedelta(seconds=50)  # waits before trying again
    with caplog.at_level(logging.WARNING, logger="stage1.charter.jobs"):
        worker.run_all()

    assert charter_tasks().filter(status="FAILED").count() == settings.STAGE1_RENDER_ATTEMPTS
    assert not charter_tasks().filter(status="READY").exists()
    job = RenderJob.objects.get()
    assert job.failed and job.attempts == settings.STAGE1_RENDER_ATTEMPTS
    assert "the renderer fell over" in job.error
    assert any("failed (attempt 3 of 3)" in record.getMessage() for record in caplog.records)
    page = viewer_client.get(pdf_url(project))
    assert page.status_code == 200
    assert "Refresh" not in page
    assert "Try again" in page.text
    assert reverse("charter:retry", kwargs={"slug": project.slug}) in page.text
    assert "the renderer fell over" not in page.text

    monkeypatch.setattr(services, "html_to_pdf", lambda html, **options: PDF_STUB)
    again = viewer_client.post(reverse("charter:retry", kwargs={"slug": project.slug}))
    assert again.url == pdf_url(project)
    assert not RenderJob.objects.get().failed
    assert viewer_client.get(pdf_url(project)).status_code == 202
    worker.run()
    assert viewer_client.get(pdf_url(project)).content == PDF_STUB
    assert not RenderJob.objects.exists()


def test_try_again_needs_a_post_with_a_csrf_token(project, viewer, renders):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(viewer)
    url = reverse("charter:retry", kwargs={"slug": project.slug})

    assert client.get(url).status_code == 405
    assert client.post(url).status_code == 403


# (e) The worker's garbage-collector tweaks leave the PDF's bytes as they were.


def test_fewer_collections_and_frozen_start_up_objects_leave_the_pdf_bytes_identical(project):
    html = charter_document(project).html
    plain = html_to_pdf(html)
    threshold = gc.get_threshold()
    gc.freeze()
    try:
        tuned = pdf_of(html)
    finally:
        gc.unfreeze()

    assert tuned == plain
    assert gc.get_threshold() == threshold  # restored after the render


def test_only_the_layout_runs_with_fewer_collections_and_the_writing_collects_as_usual(project, monkeypatch):
    """Writing the PDF leaves cycles behind: collected late, they held a hundred megabytes more at the scale project's peak."""
    html = charter_document(project).html
    usual = gc.get_threshold()
    seen = {}
    render, write_pdf = weasyprint.HTML.render, weasyprint.Document.write_pdf

    def recording_render(self, *args, **kwargs):
        seen["layout"] = gc.get_threshold()
        return render(self, *args, **kwargs)

    def recording_write_pdf(self, *args, **kwargs):
        seen["writing"] = gc.get_threshold()
        return write_pdf(self, *args, **kwargs)

    monkeypatch.setattr(weasyprint.HTML, "render", recording_render)
    monkeypatch.setattr(weasyprint.Document, "write_pdf", recording_write_pdf)

    pdf_of(html)

    assert seen == {"layout": (services.RENDER_GC_THRESHOLD, *usual[1:]), "writing": usual}
    assert gc.get_threshold() == usual


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_worker_command_lowers_its_priority_runs_when_idle_freezes_start_up_objects_and_renders(
    project, renders, monkeypatch, settings
):
    settings.STAGE1_WORKER_NICE = 7
    nice = mock.Mock(side_effect=lambda increment: 0 if increment == 0 else increment)
    monkeypatch.setattr("os.nice", nice)
    freeze = mock.Mock()
    monkeypatch.setattr(gc, "freeze", freeze)
    # Never the test process itself into the idle class: the rest of the suite would crawl.
    scheduler = mock.Mock()
    monkeypatch.setattr("os.sched_setscheduler", scheduler, raising=False)
    tasks.render_charter.enqueue(project.pk, "en")

    call_command("charter_worker", "--batch", "--no-reload", "--no-startup-delay", verbosity=0)

    nice.assert_called_with(settings.STAGE1_WORKER_NICE)
    assert scheduler.call_args.args[:2] == (0, os.SCHED_IDLE)
    freeze.assert_called_once()
    assert len(renders) == 1
    assert RenderedCharter.objects.get(project=project).etag == charter_etag(project)


# (f) The blank checklist: rendered once per methodology version and language, and stored.


def test_the_blank_checklist_is_rendered_once_per_methodology_version(outsider_client, owner, renders, worker):
    url = reverse("charter:blank_checklist")
    assert outsider_client.get(url).status_code == 202
    worker.run()
    assert outsider_client.get(url).status_code == 200
    assert outsider_client.get(url).status_code == 200
    assert len(renders) == 1
    first = RenderedChecklist.objects.get()
    assert first.methodology_version == latest_version()

    methodology_publish(stage=Stage.objects.get(number=1), user=owner, notes="Reworded questions")
    assert outsider_client.get(url).status_code == 202
    worker.run()
    assert outsider_client.get(url).status_code == 200

    assert len(renders) == 2
    assert RenderedChecklist.objects.count() == 2
    assert RenderedChecklist.objects.exclude(pk=first.pk).get().methodology_version == latest_version()


def test_each_language_has_its_own_blank_checklist():
    version = latest_version()
    with override("en"):
        english = blank_checklist_etag(version)
    with override("pt"):
        portuguese = blank_checklist_etag(version)

    assert english != portuguese
