"""Two app servers on one database: what is made through one is seen through the other.

Two gunicorn instances run with production settings (bench/run.py's
production_env, one secret key for both) on this test run's PostgreSQL
database. The tests are transactional, so what a fixture creates is committed
and the servers see it. Each test takes the running pair (`servers`) and the
people and project it needs; a check of something else the servers must share
is one more test function taking `servers`. No worker process runs beside
them here: a test runs the queued renders itself (the `worker` fixture).
"""

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest
from django.conf import settings
from django.contrib.auth.hashers import PBKDF2PasswordHasher
from django.db import connection
from django.utils.crypto import get_random_string

from bench.run import (
    Browser,
    charter_served_by_both,
    conflict_seen_by_other,
    hidden_value,
    lockout_seen_by_other,
    production_env,
    session_seen_by_other,
    sign_in,
    start_gunicorn,
    two_ports,
    wait_until_up,
)
from stage1.projects.models import NeedStep
from tests.conftest import PASSWORD

ROOT = Path(__file__).resolve().parent.parent

pytestmark = [
    pytest.mark.skipif(
        settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql",
        reason="Several servers share one database only on PostgreSQL: a SQLite test database is a file "
        "(or memory) of this process, and two writing processes on SQLite is not a supported set-up.",
    ),
    # Committed data, so the servers (other processes) see what the fixtures create.
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


class Servers:
    """Two running app servers, A and B, by port."""

    def __init__(self, a: int, b: int):
        self.a, self.b = a, b


def _test_database_url() -> str:
    """DATABASE_URL naming the test database that pytest-django created (test_…), not the real one."""
    parts = urlsplit(os.environ["DATABASE_URL"])
    return urlunsplit(parts._replace(path="/" + connection.settings_dict["NAME"]))


@pytest.fixture(scope="module")
def servers(django_db_setup):
    static_root = tempfile.mkdtemp(prefix="stage1-servers-static-")
    env = production_env(static_root)
    env["DATABASE_URL"] = _test_database_url()
    # Production storage needs its manifest: the same step as a release.
    subprocess.run([sys.executable, "manage.py", "collectstatic", "--noinput"], cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL)
    a, b = two_ports()
    processes = [start_gunicorn(env, a), start_gunicorn(env, b)]
    try:
        for port in (a, b):
            wait_until_up(port)
        yield Servers(a, b)
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            process.wait(timeout=30)
        shutil.rmtree(static_root, ignore_errors=True)


@pytest.fixture
def editor(editor):
    return _with_a_password_the_servers_read(editor)


@pytest.fixture
def outsider(outsider):
    return _with_a_password_the_servers_read(outsider)


def _with_a_password_the_servers_read(user):
    """The tests hash passwords with MD5 for speed; the servers' production settings know only the real hashers."""
    user.password = PBKDF2PasswordHasher().encode(PASSWORD, get_random_string(12), iterations=1000)
    user.save(update_fields=["password"])
    return user


def test_a_session_made_through_one_server_is_valid_through_the_other(servers, editor, project):
    assert session_seen_by_other(servers.a, servers.b, username=editor.username, password=PASSWORD)


def test_a_session_ended_through_one_server_is_over_on_the_other(servers, editor, project):
    browser = Browser()
    assert sign_in(browser, servers.a, editor.username, PASSWORD) == 302
    page = browser.get(servers.b, "/projects/")[1]

    assert browser.submit(servers.b, "/accounts/logout/", {}, page=page)[0] == 302

    status, _ = browser.get(servers.a, "/projects/")
    assert status == 302  # to the sign-in page


def test_a_sign_in_lock_out_caused_through_one_server_is_enforced_by_the_other(servers, outsider):
    # Even the right password is refused through B once A has seen the failures.
    assert lockout_seen_by_other(servers.a, servers.b, username=outsider.username, password=PASSWORD, limit=settings.AXES_FAILURE_LIMIT)


def test_an_edit_saved_through_one_server_is_a_conflict_for_a_stale_form_of_the_other(servers, editor, project):
    assert conflict_seen_by_other(servers.a, servers.b, username=editor.username, password=PASSWORD, slug=project.slug)

    # What B saved stands; A's text was shown back, not written.
    assert NeedStep.objects.get(project=project).problem.startswith("Saved through server B")


def test_the_base_version_a_server_renders_is_the_one_in_the_database(servers, editor, project):
    browser = Browser()
    assert sign_in(browser, servers.b, editor.username, PASSWORD) == 302
    page = browser.get(servers.a, f"/projects/{project.slug}/steps/need/")[1]

    assert int(hidden_value(page, "base_version")) == NeedStep.objects.get(project=project).version


def test_a_charter_the_worker_stored_is_the_same_file_through_both_servers(servers, editor, project, methodology, worker):
    browser = Browser()
    assert sign_in(browser, servers.a, editor.username, PASSWORD) == 302
    # Nothing stored yet: server A answers the preparing page and queues the render.
    assert browser.fetch(servers.a, "GET", f"/projects/{project.slug}/charter.pdf")[0] == 202

    worker.run_all()  # the worker's tasks, run here; what it stores is committed, as the worker's would be

    assert charter_served_by_both(servers.a, servers.b, username=editor.username, password=PASSWORD, slug=project.slug, timeout=0)
