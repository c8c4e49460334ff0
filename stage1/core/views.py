import logging

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import connection
from django.db.utils import Error as DatabaseError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from stage1.core.logging import security_event
from stage1.core.middleware import pop_kept_post
from stage1.core.outage import unavailable_response
from stage1.core.sessions import refresh_expiry

logger = logging.getLogger(__name__)

KEPT_POST_BACK = gettext_lazy("Here is what you submitted before you were signed out. It has not been saved yet: check it, then save.")


@require_GET
def favicon(request: HttpRequest) -> HttpResponse:
    """Browsers ask for /favicon.ico whatever the page says; point them at ours."""
    return redirect(static("stage1/favicon.svg"), permanent=True)


def database_answers(asker: str) -> bool:
    """Whether the database answers a trivial query; a failure is logged under the asker's name."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        logger.exception("%s: the database did not answer", asker)
        return False
    return True


@never_cache
@require_GET
def healthz(request: HttpRequest) -> HttpResponse:
    """Report whether the database answers; load balancers poll this."""
    if not database_answers("Health check"):
        return unavailable_response(request)
    return JsonResponse({"status": "ok"})


@require_POST
@login_required
def keep_alive(request: HttpRequest) -> JsonResponse:
    """Start the session's idle timeout again ("Stay signed in"), whenever it was last refreshed."""
    refresh_expiry(request.session)
    # The whole timeout: it started again just now (the clock has moved on by a fraction of a second).
    return JsonResponse({"status": "ok", "expires_in": settings.SESSION_COOKIE_AGE})


def kept_post(request: HttpRequest):
    """For a GET: the form data kept when the user's session expired on this page, else None."""
    if request.method != "GET":
        return None
    data = pop_kept_post(request)
    if data is not None:
        messages.info(request, KEPT_POST_BACK)
    return data


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """Explain a refused form in plain words instead of Django's bare 403 page."""
    security_event("csrf.failure", request=request, reason=reason)
    return render(request, "errors/csrf.html", {"back": request.path}, status=403)


def error_404(request: HttpRequest, exception=None) -> HttpResponse:
    return render(request, "errors/404.html", status=404)


def error_403(request: HttpRequest, exception=None) -> HttpResponse:
    reason = str(exception or "")
    security_event("access.denied", request=request, reason=reason[:200])
    return render(request, "errors/403.html", {"reason": reason}, status=403)


def error_500(request: HttpRequest) -> HttpResponse:
    return render(request, "errors/500.html", status=500)
