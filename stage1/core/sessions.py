"""The idle timeout without a database write on every request (SESSION_ENGINE).

A session ends SESSION_COOKIE_AGE seconds after its expiry was last moved
forward. Moving it is a write (an UPDATE of the session row and a new cookie),
so it is done only when the expiry was last moved more than
STAGE1_SESSION_REFRESH_SECONDS ago: a person who keeps working is never signed
out, one who stops is signed out between SESSION_COOKIE_AGE −
STAGE1_SESSION_REFRESH_SECONDS and SESSION_COOKIE_AGE after their last
request, and the requests of a few minutes write the session once.

The check is made when the session is loaded, wherever that happens (reading
the user, a view, a template), so it adds no query and no new place where a
database outage could surface. The expiry is kept in the session itself
(`set_expiry` with a date), so `get_expiry_age()` is the real time left: the
page's idle warning (`data-session-timeout` in base.html) counts down from it.
"""

from datetime import timedelta

from django.conf import settings
from django.contrib.auth.signals import user_logged_in
from django.contrib.sessions.backends.db import SessionStore as DatabaseSessionStore
from django.dispatch import receiver
from django.urls import reverse
from django.utils import timezone

# Where Django keeps a session's own expiry date (SessionBase.set_expiry).
_EXPIRY_KEY = "_session_expiry"


def refresh_expiry(session) -> None:
    """Start the idle timeout again from now; the session is saved at the end of the request."""
    session.set_expiry(timedelta(seconds=settings.SESSION_COOKIE_AGE))


@receiver(user_logged_in)
def _start_the_timeout_when_signing_in(sender, request, user, **kwargs):
    """Signing in writes the session anyway: the timeout starts in that write, not in the next request's."""
    if request is not None and hasattr(request, "session"):
        refresh_expiry(request.session)


class SessionStore(DatabaseSessionStore):
    """Django's database sessions, whose expiry moves forward on load when it is old."""

    # Off for requests that must never write a session (see SessionExpiryMiddleware).
    refresh_when_old = True

    def load(self):
        data = super().load()
        # An empty session is never saved: nothing to refresh.
        if data and self.refresh_when_old and self._expiry_is_old(data):
            data[_EXPIRY_KEY] = (timezone.now() + timedelta(seconds=settings.SESSION_COOKIE_AGE)).isoformat()
            self.modified = True
        return data

    def _expiry_is_old(self, data: dict) -> bool:
        if _EXPIRY_KEY not in data:
            return True  # a session saved before this rule
        left = self.get_expiry_age(expiry=data[_EXPIRY_KEY])
        return left < settings.SESSION_COOKIE_AGE - settings.STAGE1_SESSION_REFRESH_SECONDS


class SessionExpiryMiddleware:
    """The health check never writes a session: load balancers call it with whatever cookie they hold.

    Below SessionMiddleware. Middleware that reads the user after the view
    (KeepExpiredPostMiddleware) loads the session even there.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path == reverse("healthz"):
            request.session.refresh_when_old = False
        return self.get_response(request)
