"""Browser tests: Debian's Chromium driven by Playwright against pytest-django's live server.

Every test in this directory is marked `browser`; `make test` runs them once,
on PostgreSQL. Playwright's own browser downloads are never used.
"""

import os
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.urls import reverse

from tests.conftest import PASSWORD

# The sync Playwright API runs an event loop in the test thread, which makes
# Django's ORM think it is called from async code.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

HERE = Path(__file__).resolve().parent
SCREENSHOTS = HERE.parent.parent / "test-artifacts" / "screenshots"
CHROMIUM = "/usr/bin/chromium"
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

_axe = Axe()


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config, items):
    # Runs before `-m` deselection, and sees every collected item, not only ours.
    for item in items:
        if item.path.is_relative_to(HERE):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session", autouse=True)
def _serialized_rollback_survives_playwright(request, django_db_setup):
    """Start Playwright only after carrying the test database's serialized contents over.

    Once Playwright's event loop runs in this thread, asgiref sees a running loop
    and Django hands out new connection objects, which lack the contents Django
    serialized at database creation; `serialized_rollback` would silently
    restore nothing, and data from data migrations (the "Methodology owners"
    group) would be gone after the first flush.
    """
    from django.db import connections

    contents = {
        alias: connections[alias]._test_serialized_contents
        for alias in connections
        if hasattr(connections[alias], "_test_serialized_contents")
    }
    request.getfixturevalue("playwright")
    for alias, serialized in contents.items():
        connections[alias]._test_serialized_contents = serialized


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
        ],
    }


def axe_check(page) -> None:
    """Fail with a readable list if axe-core finds WCAG 2.1 A or AA violations on the page."""
    results = _axe.run(page, options={"runOnly": {"type": "tag", "values": WCAG_21_AA}, "resultTypes": ["violations"]})
    violations = results.response["violations"]
    if not violations:
        return
    lines = [f"{len(violations)} accessibility violation(s) on {page.url}:"]
    for violation in violations:
        lines.append(f"- {violation['id']} ({violation['impact']}): {violation['help']} [{violation['helpUrl']}]")
        for node in violation["nodes"]:
            lines.append(f"    at {', '.join(map(str, node['target']))}: {node['html'][:200]}")
    pytest.fail("\n".join(lines), pytrace=False)


def login(page, live_server, user, password: str = PASSWORD) -> None:
    """Sign in through the login form, as a person would."""
    page.goto(live_server.url + reverse("login"))
    page.get_by_label("Username").fill(user.username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state()
    assert "/accounts/login/" not in page.url, f"sign-in as {user.username} failed"


def screenshot(page, name: str) -> Path:
    """Save a full-page PNG under test-artifacts/screenshots/ for people to look at."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=path, full_page=True)
    return path


@pytest.fixture
def pdf_worker(live_server):
    """The PDF worker beside the live server: django-tasks-db's Worker loop in a thread, on the same database.

    Pages only queue renders; without it, a charter link would show "Preparing" for ever.
    """
    import threading

    from django.db import connections

    from tests.tasks import database_worker

    worker = database_worker(worker_id="browser-test-worker", interval=0.2, batch=False)

    def run():
        try:
            worker.run()
        finally:
            connections.close_all()  # the thread's own connection, so the test database can be flushed

    thread = threading.Thread(target=run, name="pdf-worker", daemon=True)
    thread.start()
    yield worker
    worker.running = False
    thread.join(timeout=60)
    assert not thread.is_alive(), "the PDF worker did not stop"


def download_through_preparing_page(page, link_name: str, *, timeout_ms: int = 90_000) -> bytes:
    """Click a PDF link as a person does: the preparing page refreshes by itself until the download starts."""
    with page.expect_download(timeout=timeout_ms) as download:
        page.get_by_role("link", name=link_name).click()
    with open(download.value.path(), "rb") as downloaded:
        return downloaded.read()
