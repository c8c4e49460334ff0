"""The charter's data: a fixed number of queries, and the database let go before the slow render."""

from unittest import mock

import pytest
from django.db import connection, connections
from django.test.utils import CaptureQueriesContext

from stage1.charter import services
from stage1.charter.context import charter_context
from stage1.charter.services import charter_html, charter_render
from stage1.projects.models import Project
from stage1.projects.services import project_create
from tests.evaluation.factories import answer_all, fill_lists

pytestmark = pytest.mark.usefixtures("methodology")


def _project_with(owner, n: int) -> Project:
    project = project_create(user=owner, title=f"Project with {n} of everything", organisation="City of Example")
    fill_lists(project, n)
    answer_all(project, owner)
    return Project.objects.get(pk=project.pk)


def _queries(func, project) -> int:
    with CaptureQueriesContext(connection) as captured:
        func(project)
    return len(captured)


def test_the_charter_context_takes_the_same_number_of_queries_for_5_or_50_items_per_list(owner):
    small, large = _project_with(owner, 5), _project_with(owner, 50)

    assert _queries(charter_context, small) == _queries(charter_context, large)


def test_rendering_the_charter_template_takes_the_same_number_of_queries_for_5_or_50_items_per_list(owner):
    small, large = _project_with(owner, 5), _project_with(owner, 50)

    assert _queries(charter_html, small) == _queries(charter_html, large)


def test_every_item_of_a_long_list_is_in_the_charter(owner):
    html = charter_html(_project_with(owner, 50))

    for n in (1, 25, 50):
        for label in ("Stakeholder", "Decision", "Member", "Milestone", "Indicator", "Group", "Method", "Path", "Journey step"):
            assert f"{label} {n}" in html


def test_the_database_connection_is_let_go_before_the_slow_render(project, monkeypatch):
    events = []
    fake_connection = mock.Mock(in_atomic_block=False)
    fake_connection.close.side_effect = lambda: events.append("close")
    monkeypatch.setattr(services, "connection", fake_connection)
    monkeypatch.setattr(services, "close_old_connections", lambda: events.append("reconnect"))
    monkeypatch.setattr(services, "html_to_pdf", lambda html, **options: events.append("render") or b"%PDF-")

    charter_render(project=project)

    assert events == ["close", "render", "reconnect"]


def test_rendering_inside_a_transaction_keeps_the_connection(project, renders):
    database = connections["default"]
    assert database.in_atomic_block

    with mock.patch.object(database, "close") as close:
        charter_render(project=project)

    close.assert_not_called()
