"""The service's own public pages: accessibility, privacy, cookies, feedback and status.

Anything these pages state about the service (cookie names, how long things
are kept) is read from the settings, so the pages stay true when the
configuration changes.
"""

from dataclasses import dataclass

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.contrib.messages.storage.fallback import FallbackStorage
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.module_loading import import_string
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from stage1.core.middleware import LAST_USER_COOKIE
from stage1.core.outage import serve_without_database
from stage1.core.views import database_answers

# The max_age KeepExpiredPostMiddleware gives LAST_USER_COOKIE; a test compares the two.
LAST_USER_COOKIE_AGE = 30 * 24 * 3600

_UNITS = [
    (7 * 24 * 3600, lambda n: ngettext("%(count)d week", "%(count)d weeks", n)),
    (24 * 3600, lambda n: ngettext("%(count)d day", "%(count)d days", n)),
    (3600, lambda n: ngettext("%(count)d hour", "%(count)d hours", n)),
    (60, lambda n: ngettext("%(count)d minute", "%(count)d minutes", n)),
    (1, lambda n: ngettext("%(count)d second", "%(count)d seconds", n)),
]


def duration_in_words(seconds: int) -> str:
    """A duration in the largest unit that divides it exactly: 1800 is "30 minutes", 31449600 "52 weeks"."""
    for size, words in _UNITS:
        if seconds >= size and seconds % size == 0:
            count = seconds // size
            return words(count) % {"count": count}
    return _UNITS[-1][1](seconds) % {"count": seconds}


@dataclass(frozen=True)
class Cookie:
    name: str
    purpose: str
    expiry: str


def _expiry(seconds: int | None) -> str:
    return str(_("When you close your browser")) if seconds is None else duration_in_words(seconds)


def strictly_necessary_cookies() -> list[Cookie]:
    """The cookies this service can set, named as the settings name them."""
    if settings.SESSION_EXPIRE_AT_BROWSER_CLOSE:
        session_expiry = _expiry(None)
    elif settings.SESSION_SAVE_EVERY_REQUEST or settings.SESSION_ENGINE == "stage1.core.sessions":
        session_expiry = str(_("%(duration)s after your last action")) % {"duration": duration_in_words(settings.SESSION_COOKIE_AGE)}
    else:
        session_expiry = duration_in_words(settings.SESSION_COOKIE_AGE)
    cookies = [
        Cookie(settings.SESSION_COOKIE_NAME, str(_("Keeps you signed in as you move from page to page.")), session_expiry),
    ]
    if not settings.CSRF_USE_SESSIONS:
        cookies.append(
            Cookie(
                settings.CSRF_COOKIE_NAME,
                str(_("Makes sure that forms you send come from this service and not from another website.")),
                _expiry(settings.CSRF_COOKIE_AGE),
            )
        )
    if issubclass(import_string(settings.MESSAGE_STORAGE), CookieStorage | FallbackStorage):
        cookies.append(
            Cookie(
                CookieStorage.cookie_name,
                str(_("Carries a confirmation, such as “Saved”, to the next page you see. It is removed once shown.")),
                _expiry(None),
            )
        )
    cookies.append(
        Cookie(
            LAST_USER_COOKIE,
            str(
                _(
                    "Remembers who last signed in on this browser, so that if you are signed out while filling in a "
                    "form, what you typed is shown back to you, and to nobody else, after you sign in again."
                )
            ),
            _expiry(LAST_USER_COOKIE_AGE),
        )
    )
    try:
        reverse("set_language", args=[settings.LANGUAGE_CODE])
    except NoReverseMatch:
        pass  # No language switcher: the language cookie is never set.
    else:
        cookies.append(
            Cookie(settings.LANGUAGE_COOKIE_NAME, str(_("Remembers the language you chose.")), _expiry(settings.LANGUAGE_COOKIE_AGE))
        )
    return cookies


def _contact() -> dict:
    return {"contact_email": settings.STAGE1_CONTACT_EMAIL}


@require_GET
def accessibility(request: HttpRequest) -> HttpResponse:
    return render(request, "core/accessibility.html", _contact())


@require_GET
def privacy(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "core/privacy.html",
        {
            **_contact(),
            "session_idle": duration_in_words(settings.SESSION_COOKIE_AGE),
            "failure_limit": settings.AXES_FAILURE_LIMIT,
            "cooloff": duration_in_words(int(settings.AXES_COOLOFF_TIME.total_seconds())),
            "access_log": not getattr(settings, "AXES_DISABLE_ACCESS_LOG", False),
            "invitation_days": settings.STAGE1_INVITATION_DAYS,
        },
    )


@require_GET
def cookies(request: HttpRequest) -> HttpResponse:
    return render(request, "core/cookies.html", {"cookies": strictly_necessary_cookies()})


@require_GET
def feedback(request: HttpRequest) -> HttpResponse:
    return render(request, "core/feedback.html", _contact())


@never_cache
@require_GET
def status(request: HttpRequest) -> HttpResponse:
    """Whether the service works, in words; 503 when the database does not answer."""
    # The outage middleware has already found the database down when it lets this page through.
    working = not getattr(request, "database_unavailable", False) and database_answers("Status page")
    if not working:
        serve_without_database(request)
    context = {**_contact(), "working": working, "checked_at": timezone.now()}
    return render(request, "core/status.html", context, status=200 if working else 503)
