"""Sign-in events go to the security log."""

from axes.signals import user_locked_out
from django.conf import settings
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver
from django.utils import translation

from stage1.core.languages import language_on_sign_in
from stage1.core.logging import security_event


@receiver(user_logged_in)
def _logged_in(sender, request, user, **kwargs):
    security_event("login.success", request=request, user=user)
    if request is not None:
        language = language_on_sign_in(user=user, chosen=request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME))
        if language:
            # SignInLanguageMiddleware puts it in the language cookie of this response.
            request.language_after_sign_in = language
            translation.activate(language)


@receiver(user_logged_out)
def _logged_out(sender, request, user, **kwargs):
    security_event("logout", request=request, user=user)


@receiver(user_login_failed)
def _login_failed(sender, credentials, request=None, **kwargs):
    # Only the username: never the password that was tried.
    security_event("login.failure", request=request, username=credentials.get("username", ""))


@receiver(user_locked_out)
def _locked_out(sender, request, username=None, ip_address=None, **kwargs):
    security_event("login.lockout", request=request, username=username or "")
