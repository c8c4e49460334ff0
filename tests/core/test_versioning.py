"""The one conflict rule at the edge of the version column."""

import pytest

from stage1.core.numbers import INT_MAX
from stage1.core.versioning import Conflict, claim
from tests.projects.factories import make_stakeholder

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("base", [INT_MAX, INT_MAX - 1, 0, None])
def test_a_base_version_the_row_is_not_at_is_a_conflict_never_a_database_error(project, base):
    """A tampered base at the integer column's largest value once overflowed "version + 1" on PostgreSQL."""
    stakeholder = make_stakeholder(project)
    with pytest.raises(Conflict) as raised:
        claim(stakeholder, base_version=base)
    assert raised.value.current.version == stakeholder.version


def test_the_base_version_the_row_is_at_is_claimed(project):
    stakeholder = make_stakeholder(project)
    seen = stakeholder.version
    claim(stakeholder, base_version=seen)
    stakeholder.refresh_from_db()
    assert stakeholder.version == seen + 1
