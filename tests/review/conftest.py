"""The approver persona: a member who reads the project (a viewer) and approves it."""

import pytest

from stage1.projects.models import Membership, Role
from tests.conftest import _client_for, _make_user


@pytest.fixture
def approver(project):
    user = _make_user("april_approver", first_name="April", last_name="Approver")
    Membership.objects.create(project=project, user=user, role=Role.VIEWER, approver=True)
    return user


@pytest.fixture
def approver_client(approver):
    return _client_for(approver)
