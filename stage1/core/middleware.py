"""Request ids, keeping a form submitted after the session expired, and the language of a new sign-in."""

import uuid

from django.contrib import messages
from django.core import signing
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from stage1.core.languages import remember_language
from stage1.core.logging import request_id_var, security_event

STASH_KEY = "stage1_expired_post"
LAST_USER_COOKIE = "stage1_last_user"
LAST_USER_SALT = "stage1.last-user"
# Only what the wizard, the items and the checklist post is worth keeping.
KEEP_PREFIXES = ("/projects/",)
SESSION_ENDED = _("You were signed out because you were inactive. Sign in again: what you submitted has been kept.")


class RequestIdMiddleware:
    """Give every request an id, in the logs and in the X-Request-ID response header."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.id = uuid.uuid4().hex
        token = request_id_var.set(request.id)
        try:
            response = self.get_response(request)
        finally:
            request_id_var.reset(token)
        response["X-Request-ID"] = request.id
        return response


class KeepExpiredPostMiddleware:
    """A POST that arrives after the session expired is kept, not lost.

    The submitted fields are stored in the new (anonymous) session and the
    user is sent to sign in. After signing in, the page they posted to shows
    what they had submitted, ready to save (see `pop_kept_post`). A signed
    cookie remembers who was signed in on this browser, so the kept text is
    only ever shown back to that same person.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            current = request.get_signed_cookie(LAST_USER_COOKIE, default=None, salt=LAST_USER_SALT)
            if current != str(user.pk):
                response.set_signed_cookie(
                    LAST_USER_COOKIE,
                    str(user.pk),
                    salt=LAST_USER_SALT,
                    max_age=30 * 24 * 3600,
                    httponly=True,
                    samesite="Lax",
                    secure=request.is_secure(),
                )
        return response

    def process_view(self, request, view_func, view_args, view_kwargs):
        # Runs after CsrfViewMiddleware.process_view: a forged POST never gets here.
        if request.method != "POST" or request.user.is_authenticated or not request.path.startswith(KEEP_PREFIXES):
            return None
        last_user = request.get_signed_cookie(LAST_USER_COOKIE, default=None, salt=LAST_USER_SALT)
        if last_user is None:
            return None
        data = {key: values for key, values in request.POST.lists() if key != "csrfmiddlewaretoken"}
        request.session[STASH_KEY] = signing.dumps({"path": request.path, "user": last_user, "data": data}, salt=STASH_KEY)
        security_event("session.expired_post_kept", request=request)
        messages.info(request, SESSION_ENDED)
        return redirect(f"{reverse('login')}?{urlencode({'next': request.path})}")


def pop_kept_post(request):
    """The POST data kept for this user and this page when their session expired, or None."""
    from django.http import QueryDict

    raw = request.session.get(STASH_KEY)
    if not raw or not request.user.is_authenticated:
        return None
    try:
        stash = signing.loads(raw, salt=STASH_KEY, max_age=24 * 3600)
    except signing.BadSignature:
        request.session.pop(STASH_KEY, None)
        return None
    if stash["path"] != request.path:
        return None
    request.session.pop(STASH_KEY, None)
    if stash["user"] != str(request.user.pk):
        return None
    data = QueryDict(mutable=True)
    for key, values in stash["data"].items():
        data.setlist(key, values)
    return data


class SignInLanguageMiddleware:
    """Put the language of the person who just signed in into the language cookie.

    The user_logged_in signal (stage1.core.signals) finds it: their stored
    choice, or the language they were reading, then stored. Every later
    request reads the cookie, without a query.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        language = getattr(request, "language_after_sign_in", None)
        if language:
            remember_language(response, language)
        return response
