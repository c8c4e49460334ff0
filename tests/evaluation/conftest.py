"""Fixtures of the checklist tests, on top of the shared personas."""

import pytest

from stage1.demo.project import ensure_demo_project
from tests.evaluation.factories import sound_project


@pytest.fixture
def demo(methodology, owner, editor, viewer):
    """The demo project (every step answered, no checklist answers), owned by the shared personas."""
    return ensure_demo_project(owner=owner, editor=editor, viewer=viewer)


@pytest.fixture
def sound(methodology, project):
    """The shared project filled so that no finding check fires; the items it created, by name."""
    return sound_project(project)


@pytest.fixture
def second_editor(project):
    from django.contrib.auth import get_user_model

    from stage1.projects.models import Membership, Role

    user = get_user_model().objects.create_user(username="sami_second", first_name="Sami", last_name="Second", password="x")
    Membership.objects.create(project=project, user=user, role=Role.EDITOR)
    return user


@pytest.fixture
def second_editor_client(second_editor):
    from django.test import Client

    client = Client()
    client.force_login(second_editor)
    return client
