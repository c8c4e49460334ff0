"""The History page is read one page of saves at a time; differences are right across pages."""

import re
import uuid
from contextlib import contextmanager

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from stage1.core.logging import request_id_var
from stage1.history.changes import project_history
from stage1.history.views import PAGE_SIZE
from stage1.projects.models import NeedStep, Stakeholder
from stage1.projects.services import item_save, step_save
from stage1.projects.steps import get_step
from tests.projects.factories import item_post, step_post

pytestmark = pytest.mark.django_db

NEED = get_step("need")
STAKEHOLDER = get_step("stakeholders").item("stakeholder")


@contextmanager
def _one_request():
    """Rows written inside share one request id, as the rows of one save through a page do."""
    token = request_id_var.set(uuid.uuid4().hex)
    try:
        yield
    finally:
        request_id_var.reset(token)


def _save_need(project, user, problem):
    form = NEED.form_class(step_post(project, "need", problem=problem), instance=NeedStep.objects.get(project=project), project=project)
    assert form.is_valid(), form.errors
    with _one_request():
        step_save(project=project, form=form, user=user)


def _save_stakeholder(project, user, name, instance=None):
    data = {**item_post(project, "stakeholder"), "name": name}
    if instance is not None:
        data["base_version"] = instance.version
    form = STAKEHOLDER.form_class(data, instance=instance or Stakeholder(project=project), project=project)
    assert form.is_valid(), form.errors
    with _one_request():
        return item_save(project=project, kind=STAKEHOLDER, form=form, user=user).obj


def _page(client, project, number=None):
    url = reverse("history:project", kwargs={"slug": project.slug})
    return client.get(url if number is None else f"{url}?page={number}")


def _groups(response) -> list[str]:
    """The HTML of each save shown, newest first."""
    return re.findall(r'<section class="stage1-history-group".*?</section>', response.content.decode(), re.S)


def _saves(project) -> int:
    return project_history(project, limit=1).total


def test_a_long_history_is_shown_a_page_of_saves_at_a_time(editor, editor_client, project):
    extra = 3
    texts = [f"Problem, version {n}" for n in range(PAGE_SIZE + extra)]
    for text in texts:
        _save_need(project, editor, text)
    total = _saves(project)
    last_page = -(-total // PAGE_SIZE)

    first = _page(editor_client, project)
    last = _page(editor_client, project, last_page)

    assert len(_groups(first)) == PAGE_SIZE
    assert texts[-1] in _groups(first)[0]
    assert len(_groups(last)) == total - (last_page - 1) * PAGE_SIZE
    assert texts[0] in _groups(last)[-1]
    page = first.content.decode()
    assert 'aria-label="Pages of the history"' in page
    assert re.search(r'href="\?page=1" aria-label="Page 1" aria-current="page"', page)
    assert 'href="?page=2" rel="next"' in page and 'rel="prev"' not in page
    page = last.content.decode()
    assert f'href="?page={last_page - 1}" rel="prev"' in page and 'rel="next"' not in page
    assert f'aria-label="Page {last_page}" aria-current="page"' in page


@pytest.mark.parametrize("number", ["0", "-1", "two", "²", "9" * 40, "1.5"])
def test_a_page_number_that_is_not_one_is_not_found(editor_client, project, number):
    assert _page(editor_client, project, number).status_code == 404


def test_a_page_past_the_last_is_not_found_and_the_first_always_exists(editor, editor_client, project):
    assert _page(editor_client, project).status_code == 200  # nothing saved yet: page 1, empty
    for n in range(PAGE_SIZE + 1):
        _save_need(project, editor, f"Text {n}")
    last_page = -(-_saves(project) // PAGE_SIZE)

    assert _page(editor_client, project, last_page).status_code == 200
    assert _page(editor_client, project, last_page + 1).status_code == 404


def test_a_change_on_the_first_page_is_compared_with_the_version_on_the_next(editor, editor_client, project):
    stakeholder = _save_stakeholder(project, editor, "Ministry of Mobility")
    for n in range(PAGE_SIZE):
        _save_need(project, editor, f"Text {n}")
    _save_stakeholder(project, editor, "Ministry of Transport", instance=stakeholder)
    assert "Ministry of Mobility" in _groups(_page(editor_client, project, 2))[-1]

    newest, *_rest, oldest_on_page = _groups(_page(editor_client, project))

    # Both comparisons need a version saved one page further back.
    assert "Changed" in newest and newest.index(">Ministry of Mobility<") < newest.index(">Ministry of Transport<")
    # The oldest save on the first page changed "Text 0", saved on the next page, to "Text 1".
    assert oldest_on_page.index(">Text 0<") < oldest_on_page.index(">Text 1<")


def test_a_save_that_changed_nothing_takes_no_place_in_the_pages(editor, editor_client, project):
    _save_need(project, editor, "Same text")
    before = _saves(project)

    _save_need(project, editor, "Same text")

    assert NeedStep.history.filter(project_id=project.pk).count() > before  # a row was written...
    assert _saves(project) == before  # ...but it is no save to show
    assert len(_groups(_page(editor_client, project))) == before


def _queries_for_the_first_page(client, project) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert _page(client, project).status_code == 200
    return len(queries)


def test_the_queries_for_a_page_do_not_grow_with_the_history(editor, editor_client, project):
    def burst(start):
        for n in range(start, start + PAGE_SIZE):
            _save_need(project, editor, f"Text {n}")
            _save_stakeholder(project, editor, f"Body {n}")

    burst(0)
    short = _queries_for_the_first_page(editor_client, project)
    burst(PAGE_SIZE)
    burst(2 * PAGE_SIZE)
    long = _queries_for_the_first_page(editor_client, project)

    assert _saves(project) >= 6 * PAGE_SIZE
    assert long == short


def test_what_changed_since_a_moment_counts_only_the_saves_after_it(editor, project):
    from stage1.history.changes import changed_since

    _save_need(project, editor, "Approved text")
    approved_at = NeedStep.history.filter(project_id=project.pk).latest("history_date").history_date
    _save_need(project, editor, "Text changed after approval")

    [(title, changes)] = changed_since(project, approved_at)

    assert title == str(NEED.title)
    assert [(c.before, c.after) for change in changes for c in change.fields if c.after.startswith("Text")] == [
        ("Approved text", "Text changed after approval")
    ]
