"""Pages cost the same number of SQL queries with 5 or 200 items in every list.

Each page is measured on two projects that differ only in the length of their
lists; the counts are compared, never hard-coded, so the test says what it
means: no query per item.
"""

import re
from collections import Counter

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from stage1.projects.models import InteropPoint, KeyDecision, Membership, RaciAssignment, Role, Stakeholder, TeamMember
from stage1.projects.services import project_create
from stage1.projects.steps import STEPS
from tests.projects.factories import fill_lists, make_stakeholder, make_team_member
from tests.projects.helpers import (
    ALL_KIND_IDS,
    ALL_KINDS,
    STEP_IDS,
    check_answers_url,
    item_add_url,
    item_change_url,
    item_remove_url,
    step_url,
    task_list_url,
)

pytestmark = pytest.mark.django_db

SMALL, LARGE = 5, 200


@pytest.fixture
def small_and_large(owner, viewer):
    projects = []
    for title, size in (("Small service", SMALL), ("Large service", LARGE)):
        created = project_create(user=owner, title=title, organisation="City of Example")
        Membership.objects.create(project=created, user=viewer, role=Role.VIEWER)
        fill_lists(created, size)
        projects.append(created)
    return projects


def _normalised(sql: str) -> str:
    """The query with its parameters and savepoint names taken out, to see which ones repeat."""
    sql = re.sub(r"'[^']*'", "?", sql)
    sql = re.sub(r'"s\d+_x\d+"', "?", sql)
    return re.sub(r"\b\d+\b", "?", sql)


def _queries(client, url: str) -> list[str]:
    # One warm-up request so that per-process caches (content types, templates) do not count.
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return [query["sql"] for query in captured.captured_queries]


def assert_same_queries(client, small_url: str, large_url: str, sizes: tuple[int, int] = (SMALL, LARGE)) -> None:
    small, large = _queries(client, small_url), _queries(client, large_url)
    extra = Counter(map(_normalised, large)) - Counter(map(_normalised, small))
    assert len(large) == len(small), f"{len(small)} queries with {sizes[0]} items, {len(large)} with {sizes[1]}; repeated: {dict(extra)}"


def test_the_task_list_does_not_grow_with_the_lists(owner_client, small_and_large, methodology):
    small, large = small_and_large

    assert_same_queries(owner_client, task_list_url(small), task_list_url(large))


def test_check_your_answers_does_not_grow_with_the_lists(owner_client, small_and_large, methodology):
    small, large = small_and_large

    assert_same_queries(owner_client, check_answers_url(small), check_answers_url(large))


@pytest.mark.parametrize("step", STEPS, ids=STEP_IDS)
def test_a_step_page_does_not_grow_with_the_lists(owner_client, small_and_large, methodology, step):
    small, large = small_and_large

    assert_same_queries(owner_client, step_url(small, step.slug), step_url(large, step.slug))


@pytest.mark.parametrize("step", STEPS, ids=STEP_IDS)
def test_a_read_only_step_page_does_not_grow_with_the_lists(viewer_client, small_and_large, methodology, step):
    small, large = small_and_large

    assert_same_queries(viewer_client, step_url(small, step.slug), step_url(large, step.slug))


@pytest.mark.parametrize(("step", "kind"), ALL_KINDS, ids=ALL_KIND_IDS)
def test_an_item_form_does_not_grow_with_the_lists(owner_client, small_and_large, step, kind):
    small, large = small_and_large
    small_item = kind.model.objects.filter(project=small).last()
    large_item = kind.model.objects.filter(project=large).last()

    assert_same_queries(owner_client, item_add_url(small, step.slug, kind.slug), item_add_url(large, step.slug, kind.slug))
    assert_same_queries(
        owner_client,
        item_change_url(small, step.slug, kind.slug, small_item.pk),
        item_change_url(large, step.slug, kind.slug, large_item.pk),
    )


def _much_referenced_stakeholder(project, referrers: int) -> Stakeholder:
    """A stakeholder that RACI rows, interoperability points and team members point at."""
    stakeholder = make_stakeholder(project, "Highways department")
    owner = make_team_member(project, "Point owner")
    decisions = KeyDecision.objects.bulk_create(KeyDecision(project=project, title=f"Decision {i}", position=i) for i in range(referrers))
    RaciAssignment.objects.bulk_create(
        RaciAssignment(project=project, decision=decision, stakeholder=stakeholder, responsibility="C", position=i)
        for i, decision in enumerate(decisions)
    )
    InteropPoint.objects.bulk_create(
        InteropPoint(project=project, partner=stakeholder, owner=owner, data_exchanged=f"Data {i}", position=i) for i in range(referrers)
    )
    TeamMember.objects.bulk_create(
        TeamMember(project=project, name=f"Member {i}", role="developer", organisation=stakeholder, position=i) for i in range(referrers)
    )
    return stakeholder


def test_the_removal_page_does_not_grow_with_what_refers_to_the_item(owner_client, owner):
    small = project_create(user=owner, title="Small service", organisation="City of Example")
    large = project_create(user=owner, title="Large service", organisation="City of Example")
    small_stakeholder = _much_referenced_stakeholder(small, 3)
    large_stakeholder = _much_referenced_stakeholder(large, 40)

    assert_same_queries(
        owner_client,
        item_remove_url(small, "stakeholders", "stakeholder", small_stakeholder.pk),
        item_remove_url(large, "stakeholders", "stakeholder", large_stakeholder.pk),
        sizes=(3, 40),
    )
