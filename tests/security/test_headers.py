"""Security headers on every kind of page, and with production settings over HTTPS."""

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.urls import reverse

BASE_DIR = Path(__file__).resolve().parents[2]
PAGES = ["home", "login", "task_list", "step"]


def _url(page: str, project) -> str:
    if page == "task_list":
        return reverse("projects:task_list", kwargs={"slug": project.slug})
    if page == "step":
        return reverse("projects:step", kwargs={"slug": project.slug, "step_slug": "stakeholders"})
    return reverse(page)


def csp_directives(header: str) -> dict[str, list[str]]:
    directives = {}
    for part in header.split(";"):
        name, *sources = part.split()
        directives[name] = sources
    return directives


@pytest.fixture
def page_response(client, editor_client, project):
    """The page as its usual visitor sees it: signed out for home and login, an editor for project pages."""

    def get(page: str):
        visitor = client if page in ("home", "login") else editor_client
        response = visitor.get(_url(page, project))
        assert response.status_code == 200, page
        return response

    return get


@pytest.mark.parametrize("page", PAGES)
def test_every_page_type_has_a_strict_content_security_policy(page, page_response):
    csp = csp_directives(page_response(page)["Content-Security-Policy"])

    assert csp["default-src"] == ["'self'"]
    assert "'unsafe-inline'" not in csp["script-src"]
    assert "'unsafe-eval'" not in csp["script-src"]
    assert "*" not in csp["script-src"]
    assert csp["object-src"] == ["'none'"]
    assert csp["base-uri"] == ["'none'"]
    assert csp["frame-ancestors"] == ["'none'"]


@pytest.mark.parametrize("page", PAGES)
def test_every_page_type_allows_scripts_by_nonce(page, page_response):
    csp = csp_directives(page_response(page)["Content-Security-Policy"])

    assert any(re.fullmatch(r"'nonce-[A-Za-z0-9+/=]{16,}'", source) for source in csp["script-src"])


@pytest.mark.parametrize("page", PAGES)
def test_every_page_type_forbids_sniffing_framing_and_leaking_the_referrer(page, page_response):
    response = page_response(page)

    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert re.fullmatch(r"[0-9a-f]{32}", response["X-Request-ID"])


def test_each_response_has_its_own_request_id(client, db):
    first, second = client.get(reverse("home")), client.get(reverse("home"))

    assert first["X-Request-ID"] != second["X-Request-ID"]


# Production settings, in a separate process: settings are read once at start-up.


@pytest.fixture(scope="module")
def production(tmp_path_factory) -> dict:
    """What the login page sends with DJANGO_DEBUG=0, over HTTPS and over plain HTTP."""
    env = {name: value for name, value in os.environ.items() if not name.startswith(("DJANGO_", "DATABASE_", "STAGE1_"))}
    folder = tmp_path_factory.mktemp("production")
    env.update(
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY="production-probe-" + "k" * 33,
        DJANGO_ALLOWED_HOSTS="stage1.example.gov",
        DJANGO_STATIC_ROOT=str(folder / "static"),
        DATABASE_URL=f"sqlite:///{folder / 'unused.sqlite3'}",
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "--no-imports", "-c", "from tests.security.production_probe import main; main()"],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_production_settings_send_hsts_for_a_year_with_subdomains(production):
    assert production["debug"] is False
    assert production["page"]["status"] == 200
    hsts = production["page"]["headers"]["Strict-Transport-Security"]
    max_age = int(re.search(r"max-age=(\d+)", hsts).group(1))
    assert max_age >= 31536000
    assert "includeSubDomains" in hsts


def test_production_settings_keep_the_strict_policy_and_the_other_headers(production):
    headers = production["page"]["headers"]

    csp = csp_directives(headers["Content-Security-Policy"])
    assert csp["default-src"] == ["'self'"]
    assert "'unsafe-inline'" not in csp["script-src"]
    assert (csp["object-src"], csp["base-uri"], csp["frame-ancestors"]) == (["'none'"], ["'none'"], ["'none'"])
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "same-origin"
    assert headers["X-Frame-Options"] == "DENY"


def test_production_cookies_are_secure_and_the_session_cookie_is_http_only(production):
    assert production["page"]["cookies"]["csrftoken"]["secure"] is True
    assert production["login"]["status"] == 302
    cookies = production["login"]["cookies"]
    assert cookies["sessionid"] == {"secure": True, "httponly": True}
    assert cookies["stage1_last_user"] == {"secure": True, "httponly": True}
    assert cookies["csrftoken"]["secure"] is True


def test_production_redirects_plain_http_to_https(production):
    assert production["plain_http"]["status"] == 301
    assert production["plain_http"]["location"] == "https://stage1.example.gov/accounts/login/"


def test_production_static_files_can_be_collected(production):
    assert production["collectstatic_error"] == ""
