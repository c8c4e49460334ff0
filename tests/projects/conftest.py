"""Fixtures of the wizard's tests, on top of the shared personas."""

import pytest

from stage1.projects.services import project_create
from tests.projects.factories import fill_lists


@pytest.fixture
def other_project(outsider):
    """Someone else's project, with one item in every list."""
    created = project_create(user=outsider, title="Register a birth", organisation="Other Council")
    fill_lists(created, 1)
    return created
