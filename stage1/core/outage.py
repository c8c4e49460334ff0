"""One failure per request when the database does not answer, and a 503 in the service's look.

With PostgreSQL down, every access to the database waits for the pool's timeout. A request
touches it several times (the session, the user, the view, the session save), so it would wait
several times over. `DatabaseOutageMiddleware` sits above the session and the user: for a request
with a session it takes the connection before anything else does, and when that fails, or when the
database stops answering in the view, it answers 503 at once and nothing below it waits again.
"""

import logging

import psycopg
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.db.utils import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.cache import add_never_cache_headers

logger = logging.getLogger(__name__)

# Seconds a client is told to wait before trying again.
RETRY_AFTER = 30

# SQLSTATE classes of a connection that failed or was cut by the server
# (connection exception; operator intervention such as a shutdown).
_CONNECTION_SQLSTATES = ("08", "57P")


def database_unavailable(exc: BaseException | None) -> bool:
    """Whether the exception says the database cannot be reached, not that a query was wrong.

    Django wraps the driver's errors (`OperationalError`, `InterfaceError`) and keeps the
    original as the cause; the pool's `PoolTimeout` is a psycopg `OperationalError` without
    a SQLSTATE. A query cancelled by a statement timeout, a lock, or SQLite's "no such table"
    are not outages and stay 500s.
    """
    seen = set()
    while exc is not None and id(exc) not in seen:
        seen.add(id(exc))
        if isinstance(exc, psycopg.InterfaceError):
            return True
        if isinstance(exc, psycopg.OperationalError):
            sqlstate = exc.sqlstate or ""
            return not sqlstate or sqlstate.startswith(_CONNECTION_SQLSTATES)
        if not isinstance(exc, OperationalError | InterfaceError):
            return False
        exc = exc.__cause__
    return False


def serve_without_database(request: HttpRequest) -> None:
    """Make the rest of the request read neither the user nor the session from the database.

    The session counts as loaded and empty rather than replaced, so its cookie survives the
    outage (SessionMiddleware never saves a 5xx response): people are still signed in after it.
    """
    request.database_unavailable = True
    request.user = AnonymousUser()
    session = getattr(request, "session", None)
    if session is not None:
        session._session_cache = {}


def unavailable_response(request: HttpRequest) -> HttpResponse:
    """503 with Retry-After: JSON for the health check, the service's page for people."""
    serve_without_database(request)
    if request.path == reverse("healthz"):
        response = JsonResponse({"status": "unavailable", "database": "down"}, status=503)
    else:
        # The page names no user and shows no messages: both would come from the database.
        context = {"user": AnonymousUser(), "messages": ()}
        response = render(request, "errors/503.html", context, status=503)
    response["Retry-After"] = str(RETRY_AFTER)
    add_never_cache_headers(response)
    return response


class DatabaseOutageMiddleware:
    """Answer 503 at the first sign that the database is down, and never wait for it twice."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if settings.SESSION_COOKIE_NAME not in request.COOKIES:
            # Without a session the user and the session need no database: the view is the
            # first to touch it, and `process_exception` answers for it.
            return self.get_response(request)
        try:
            # A session is read (and the user with it) before the view and saved after it:
            # taking the connection first costs nothing extra, the request would take it
            # anyway, and the pool hands it back at the end.
            connection.ensure_connection()
        except (OperationalError, InterfaceError) as exc:
            if not database_unavailable(exc):
                raise
            logger.error("The database did not answer: %s", exc)
            if request.path == reverse("status"):
                # The status page says so in words, as a visitor.
                serve_without_database(request)
                return self.get_response(request)
            return unavailable_response(request)
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        """The database stopped answering during the view: 503, and nothing else waits for it."""
        if not database_unavailable(exception):
            return None
        logger.error("The database stopped answering: %s", exception)
        return unavailable_response(request)
