"""Run inside `manage.py shell` with production variables; prints what a browser would receive, as JSON.

Used by test_headers.py, which starts one process with DJANGO_DEBUG=0 and
reads the last line of its output. The database is a throwaway in-memory
test database; DJANGO_STATIC_ROOT points at a temporary folder.
"""

import json

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import override_settings, setup_test_environment

HOST = "stage1.example.gov"
PASSWORD = "a production probe passphrase"


def _collectstatic() -> str:
    """'' when collectstatic works with the production storage, else its error."""
    try:
        call_command("collectstatic", interactive=False, verbosity=0)
    except Exception as exc:  # any failure is reported to the test, which decides
        return f"{type(exc).__name__}: {exc}"
    return ""


def _cookies(response) -> dict:
    return {name: {"secure": bool(morsel["secure"]), "httponly": bool(morsel["httponly"])} for name, morsel in response.cookies.items()}


def main() -> None:
    setup_test_environment()
    connection.creation.create_test_db(verbosity=0, serialize=False)
    result = {"debug": settings.DEBUG, "collectstatic_error": _collectstatic()}
    get_user_model().objects.create_user(username="probe", password=PASSWORD)
    # The headers do not depend on how static files are stored; a failed
    # collectstatic is reported above, and must not hide the header checks.
    storages = settings.STORAGES
    if result["collectstatic_error"]:
        storages = {**storages, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
    with override_settings(STORAGES=storages):
        client = Client(HTTP_HOST=HOST)
        page = client.get("/accounts/login/", secure=True)
        login = client.post("/accounts/login/", {"username": "probe", "password": PASSWORD}, secure=True)
        plain = Client(HTTP_HOST=HOST).get("/accounts/login/")
    result.update(
        {
            "page": {"status": page.status_code, "headers": dict(page.headers), "cookies": _cookies(page)},
            "login": {"status": login.status_code, "headers": dict(login.headers), "cookies": _cookies(login)},
            "plain_http": {"status": plain.status_code, "location": plain.headers.get("Location", "")},
        }
    )
    print(json.dumps(result))
