"""Shared personas for every test module.

owner, editor, viewer: members of the same project with those roles;
outsider: a signed-up user with no membership; methodology_owner: staff in
the "Methodology owners" group. Each persona has its own client fixture.
"""

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

PASSWORD = "correct horse battery staple"


@pytest.fixture
def methodology(db):
    """The methodology content the product ships with."""
    call_command("loaddata", "fixtures/methodology.json", verbosity=0)


def _make_user(username: str, **extra):
    return get_user_model().objects.create_user(username=username, email=f"{username}@example.org", password=PASSWORD, **extra)


@pytest.fixture
def outsider(db):
    return _make_user("olivia_outsider", first_name="Olivia", last_name="Outsider")


@pytest.fixture
def methodology_owner(db):
    from django.contrib.auth.models import Group

    user = _make_user("mona_method", first_name="Mona", last_name="Method", is_staff=True)
    user.groups.add(Group.objects.get(name="Methodology owners"))
    return user


@pytest.fixture
def outsider_client(client, outsider):
    client.force_login(outsider)
    return client


@pytest.fixture
def methodology_owner_client(client, methodology_owner):
    client.force_login(methodology_owner)
    return client
