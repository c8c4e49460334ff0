"""The project's pages cost at most PAGE_QUERY_BUDGET SQL queries, the same with 5 or 200 items in every list.

Two projects that differ only in the length of their lists, both following
the published methodology version as every new project does, are read by
their owner and by a viewer: the task list, every step page, check your
answers and the checklist. A page read the first time after a save builds its
derived values (progress, findings, item tables) and may cost more, never a
query per item; read again, it stays within the budget whatever the lists hold.
"""

import re
from collections import Counter

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from stage1.methodology.models import Stage
from stage1.methodology.services import methodology_publish
from stage1.projects.models import Membership, Role
from stage1.projects.services import project_create
from stage1.projects.steps import STEPS
from tests.projects.factories import fill_lists
from tests.projects.helpers import check_answers_url, step_url, task_list_url

pytestmark = pytest.mark.django_db

SMALL, LARGE = 5, 200
PAGE_QUERY_BUDGET = 10

PAGES = [
    ("task list", task_list_url),
    *((f"step {step.slug}", lambda project, slug=step.slug: step_url(project, slug)) for step in STEPS),
    ("check your answers", check_answers_url),
    ("checklist", lambda project: reverse("evaluation:checklist", kwargs={"slug": project.slug})),
]


@pytest.fixture
def small_and_large(owner, viewer, methodology, methodology_owner):
    methodology_publish(stage=Stage.objects.get(number=1), user=methodology_owner)
    projects = []
    for title, size in (("Small service", SMALL), ("Large service", LARGE)):
        created = project_create(user=owner, title=title, organisation="City of Example")
        Membership.objects.create(project=created, user=viewer, role=Role.VIEWER)
        fill_lists(created, size)
        projects.append(created)
    return projects


@pytest.fixture
def warm_up(owner, viewer, small_and_large):
    """A third project, read first: what every project shares (the version's rules, templates) is then read already."""
    created = project_create(user=owner, title="Warm-up service", organisation="City of Example")
    Membership.objects.create(project=created, user=viewer, role=Role.VIEWER)
    return created


def _queries(client, url: str) -> list[str]:
    """The statements one request sends to the database.

    Savepoints are left out: they are the test's own transaction turning the
    session save's transaction into a nested one; served for real, the page
    sends none.
    """
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return [q["sql"] for q in captured.captured_queries if not q["sql"].startswith(("SAVEPOINT", "RELEASE SAVEPOINT"))]


@pytest.mark.parametrize("persona", ["owner", "viewer"])
@pytest.mark.parametrize(("page", "url_of"), PAGES, ids=[page for page, _url in PAGES])
def test_a_page_reads_a_fixed_small_number_of_queries(request, small_and_large, warm_up, persona, page, url_of):
    client = request.getfixturevalue(f"{persona}_client")
    small, large = small_and_large
    _queries(client, url_of(warm_up))

    first_small, first_large = _queries(client, url_of(small)), _queries(client, url_of(large))
    again_small, again_large = _queries(client, url_of(small)), _queries(client, url_of(large))

    # Read first, a short list changed in its rows is loaded as rows and a long one as a table: at most one more
    # query per list, never one per item.
    assert len(first_large) - len(first_small) <= len(STEPS.kinds()), f"first read: {len(first_small)} and {len(first_large)} queries"
    assert len(again_small) == len(again_large), f"{len(again_small)} queries with {SMALL} items, {len(again_large)} with {LARGE}"
    assert len(again_large) <= PAGE_QUERY_BUDGET, "\n".join(again_large)


# The pages that sum the whole project up: read the first time after a save, they read each table once.
SUMMARY_PAGES = [("task list", task_list_url), ("check your answers", check_answers_url)]


def _table_read(sql: str) -> str:
    """The table a SELECT reads its rows from (not the ones its subqueries count in); a prefetch reads its link table."""
    if "_prefetch_related_val_" in sql:
        return re.search(r'\bJOIN "?(\w+)"?', sql).group(1)
    while re.search(r"\([^()]*\)", sql):
        sql = re.sub(r"\([^()]*\)", "", sql)
    found = re.search(r'\bFROM "?(\w+)"?', sql)
    return found.group(1) if found else sql


@pytest.mark.parametrize(("page", "url_of"), SUMMARY_PAGES, ids=[page for page, _url in SUMMARY_PAGES])
def test_a_summary_page_read_first_after_a_save_reads_each_table_once(owner_client, small_and_large, warm_up, page, url_of):
    _small, large = small_and_large
    _queries(owner_client, url_of(warm_up))

    first = [sql for sql in _queries(owner_client, url_of(large)) if sql.startswith("SELECT")]

    read = Counter(_table_read(sql) for sql in first)
    assert {table: times for table, times in read.items() if times > 1} == {}, "\n".join(first)
