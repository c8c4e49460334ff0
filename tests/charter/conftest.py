"""Fixtures of the charter tests: the demo project, and its charter rendered once per module.

PDF renders take a second or two each, so the demo charter is rendered once
for the whole module, outside any test's transaction (as a real request
would), and the database rows it needed are removed again at once. The tests
read the bytes, the extracted text and the values that were entered.
"""

from contextlib import contextmanager
from dataclasses import dataclass

import pytest
from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import connection
from django.db.models import Max
from django_tasks_db.models import DBTaskResult

from stage1.charter import services
from stage1.charter.services import charter_render
from stage1.demo.project import ensure_demo_project
from stage1.evaluation.findings import findings_for
from stage1.methodology.models import Action, EvaluationQuestion, Rule, Stage, UsefulMaterial
from stage1.projects.models import Project
from stage1.projects.snapshot import load_snapshot
from tests.charter.pdfs import entered_values, pdf_text
from tests.evaluation.factories import make_ready

# Read when pytest imports this module, before pytest-django swaps in the test database.
CONFIGURED_DATABASE = settings.DATABASES["default"]["NAME"]
PDF_STUB = b"%PDF-1.7\n% stand-in for a rendered charter\n"


@pytest.fixture
def demo(methodology, owner, editor, viewer):
    return ensure_demo_project(owner=owner, editor=editor, viewer=viewer)


@pytest.fixture
def renders(monkeypatch):
    """Replace the slow WeasyPrint render with a stand-in and record the HTML of every call."""
    calls: list[str] = []

    def fake_html_to_pdf(html, **options):
        calls.append(html)
        return PDF_STUB

    monkeypatch.setattr(services, "html_to_pdf", fake_html_to_pdf)
    return calls


@dataclass(frozen=True)
class RenderedDemo:
    title: str
    revision: int
    pdf: bytes
    text: str
    values: list[tuple[str, str]]
    findings: list[str]
    # The same project once every evaluation question is answered.
    final_pdf: bytes
    final_text: str


def _row_counts() -> dict[str, int]:
    return {model._meta.label: model.objects.count() for model in apps.get_models(include_auto_created=True)}


def _history_marks() -> dict:
    """The highest history id of each historical model: rows above it were written by the render fixture."""
    return {
        model: model.objects.aggregate(top=Max("history_id"))["top"] or 0
        for model in apps.get_models()
        if any(field.name == "history_id" for field in model._meta.fields)
    }


@contextmanager
def module_data(django_db_blocker):
    """The methodology and three accounts (owner, editor, viewer) for a module's renders, all removed again afterwards.

    Renders happen outside any test's transaction, as a real request's would;
    everything written in the block is deleted at its end, and checked to be gone.
    """
    users = get_user_model().objects
    with django_db_blocker.unblock():
        # Never write to a real database: only to the one pytest-django set up for the tests.
        assert connection.settings_dict["NAME"] != CONFIGURED_DATABASE, "the test database is not set up"
        assert not Stage.objects.exists(), "the methodology must not be loaded outside a test's transaction"
        before, history = _row_counts(), _history_marks()
        queued = list(DBTaskResult.objects.values_list("pk", flat=True))
        call_command("loaddata", "fixtures/methodology.json", verbosity=0)
        people = {
            role: users.create_user(
                username=f"demo_{role}", first_name=role.capitalize(), last_name="Demo", email=f"{role}.demo@example.org"
            )
            for role in ("owner", "editor", "viewer")
        }
        try:
            yield people
        finally:
            Project.objects.filter(memberships__user__in=people.values()).delete()
            users.filter(pk__in=[user.pk for user in people.values()]).delete()
            for model in (EvaluationQuestion, Action, UsefulMaterial, Rule, Stage):
                model.objects.all().delete()
            for model, mark in history.items():
                model.objects.filter(history_id__gt=mark).delete()
            # Saves committed outside a test's transaction queue charter renders for the worker.
            DBTaskResult.objects.exclude(pk__in=queued).delete()
            assert _row_counts() == before, "the render fixture left rows behind"


@pytest.fixture(scope="module")
def rendered_demo(django_db_setup, django_db_blocker) -> RenderedDemo:
    """The demo charter, rendered once per module.

    Modules using it mark their tests django_db, so that pytest-django sets up
    the test database even when only these tests are selected.
    """
    with module_data(django_db_blocker) as people:
        project = ensure_demo_project(**people)
        draft, draft_revision = charter_render(project=project), project.revision
        values = entered_values(project)
        findings = [f.message for group in findings_for(load_snapshot(project)).values() for f in group]
        make_ready(project, people["owner"])
        final = charter_render(project=project)
        return RenderedDemo(project.title, draft_revision, draft.pdf, pdf_text(draft.pdf), values, findings, final.pdf, pdf_text(final.pdf))
