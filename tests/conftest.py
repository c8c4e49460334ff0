"""Shared personas for every test module.

owner, editor, viewer: members of the same project with those roles;
outsider: a signed-up user with no membership; methodology_owner: staff in
the "Methodology owners" group. Each persona has its own client fixture.
"""

import subprocess
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

PASSWORD = "correct horse battery staple"
ROOT = Path(__file__).resolve().parent.parent


def pytest_configure(config):
    # The translations are compiled by `make test`; a test run started by hand
    # compiles what changed too, so that no test reads a stale catalogue.
    subprocess.run([ROOT / "bin" / "compile-catalogues"], check=True)


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    # Real hashing costs ~0.3 s per user; tests create many users and never test the hash's strength.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _empty_derived_cache():
    """Each test starts with an empty cache of derived values.

    Keys hold ids, and a test's rolled-back transaction hands the same ids
    (a methodology version's, a project's) to the next test's different rows;
    a real database never reuses them.
    """
    from django.core.cache import caches

    caches["derived"].clear()
    yield


@pytest.fixture
def methodology(db):
    """The methodology content the product ships with."""
    call_command("loaddata", "fixtures/methodology.json", verbosity=0)


def _make_user(username: str, **extra):
    return get_user_model().objects.create_user(username=username, email=f"{username}@example.org", password=PASSWORD, **extra)


@pytest.fixture
def outsider(db):
    return _make_user("olivia_outsider", first_name="Olivia", last_name="Outsider")


def methodology_owners_group():
    """The group the data migration creates, recreated the same way if a transactional test flushed it."""
    import importlib
    from types import SimpleNamespace

    from django.apps import apps
    from django.contrib.auth.models import Group
    from django.db import connection

    migration = importlib.import_module("stage1.methodology.migrations.0002_methodology_owners_group")
    if not Group.objects.filter(name=migration.GROUP_NAME).exists():
        migration.create_group(apps, SimpleNamespace(connection=connection))
        versions = importlib.import_module("stage1.methodology.migrations.0003_methodology_versions")
        versions.grant_publishing(apps, SimpleNamespace(connection=connection))
    return Group.objects.get(name=migration.GROUP_NAME)


@pytest.fixture
def methodology_owner(db):
    user = _make_user("mona_method", first_name="Mona", last_name="Method", is_staff=True)
    user.groups.add(methodology_owners_group())
    return user


@pytest.fixture
def outsider_client(client, outsider):
    client.force_login(outsider)
    return client


@pytest.fixture
def methodology_owner_client(client, methodology_owner):
    client.force_login(methodology_owner)
    return client


@pytest.fixture
def owner(db):
    return _make_user("oscar_owner", first_name="Oscar", last_name="Owner")


@pytest.fixture
def editor(db):
    return _make_user("edith_editor", first_name="Edith", last_name="Editor")


@pytest.fixture
def viewer(db):
    return _make_user("victor_viewer", first_name="Victor", last_name="Viewer")


@pytest.fixture
def project(owner, editor, viewer):
    """A fresh project: owner created it, editor and viewer were added."""
    from stage1.projects.models import Membership, Role
    from stage1.projects.services import project_create

    created = project_create(user=owner, title="Apply for a parking permit", organisation="City of Example")
    Membership.objects.create(project=created, user=editor, role=Role.EDITOR)
    Membership.objects.create(project=created, user=viewer, role=Role.VIEWER)
    return created


def _client_for(user):
    from django.test import Client

    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def owner_client(owner):
    return _client_for(owner)


@pytest.fixture
def editor_client(editor):
    return _client_for(editor)


@pytest.fixture
def viewer_client(viewer):
    return _client_for(viewer)


def pytest_collection_modifyitems(config, items):
    """A transactional test must restore the database it flushes, whatever the order tests run in.

    Flushing after a transaction=True test recreates content types and
    permissions under new keys; a later serialized_rollback test then fails
    to restore its snapshot on a duplicate. Browser tests run in a pytest
    process of their own and are exempt.
    """
    careless = [
        item.nodeid
        for item in items
        if (marker := item.get_closest_marker("django_db"))
        and marker.kwargs.get("transaction")
        and not marker.kwargs.get("serialized_rollback")
        and not item.get_closest_marker("browser")
    ]
    if careless:
        raise pytest.UsageError("transaction=True needs serialized_rollback=True: " + ", ".join(careless))


@pytest.fixture(autouse=True)
def _default_language():
    """Each test starts in the default language.

    Django's LocaleMiddleware activates the request's language in the thread
    and nothing deactivates it: in a server the next request activates its
    own, but after a test's Portuguese request a form built outside any
    request would speak Portuguese.
    """
    from django.utils import translation

    translation.deactivate()
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def _no_quiet_period(settings):
    # A save's charter render is due at once; tests that check the quiet period set their own.
    settings.STAGE1_CHARTER_QUIET_SECONDS = 0
    settings.STAGE1_RENDER_RETRY_SECONDS = 0


@pytest.fixture
def worker(db):
    """Runs the PDF worker's due tasks in the test: worker.run() (or worker.run_all(), ignoring delays)."""
    from types import SimpleNamespace

    from tests.tasks import run_all_tasks, run_due_tasks

    return SimpleNamespace(run=run_due_tasks, run_all=run_all_tasks)
