"""Choosing the interface language: links in the header, remembered per person and per browser.

Django's LocaleMiddleware picks the language of each request from the
language cookie, then from the browser's Accept-Language on a first visit.
Choosing a language sets that cookie; for a signed-in person it is also
stored (LanguagePreference) and put back into the cookie at every sign-in, so
the choice follows them to another browser.

The links are plain GET links, as GOV.UK's language navigation has them:
they work without JavaScript and can be opened in a new tab. Changing one's
own language is the only effect, so a forged link can do no harm.
"""

from dataclasses import dataclass

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.text import capfirst
from django.utils.translation import get_language, get_language_info
from django.views.decorators.http import require_GET

from stage1.core.models import LanguagePreference

LANGUAGE_CODES = frozenset(code for code, _name in settings.LANGUAGES)


@dataclass(frozen=True)
class LanguageLink:
    code: str
    name: str  # in the language itself: a reader finds their language whatever the page's
    url: str
    current: bool


def language_name(code: str) -> str:
    """The language named in itself, as a label: "Português", "Français", "Ελληνικά"."""
    return capfirst(get_language_info(code)["name_local"])


def language_links(request: HttpRequest) -> list[LanguageLink]:
    current = get_language()
    here = request.get_full_path()
    return [
        LanguageLink(
            code=code,
            name=language_name(code),
            url=f"{reverse('set_language', args=[code])}?{urlencode({'next': here})}",
            current=code == current,
        )
        for code, _name in settings.LANGUAGES
    ]


def remember_language(response: HttpResponse, language: str) -> None:
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        path=settings.LANGUAGE_COOKIE_PATH,
        domain=settings.LANGUAGE_COOKIE_DOMAIN,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
    )


def language_preference_save(*, user, language: str) -> None:
    LanguagePreference.objects.update_or_create(user=user, defaults={"language": language})


def language_on_sign_in(*, user, chosen: str | None) -> str | None:
    """The language a person reads in once signed in, when they chose one: their stored choice first.

    chosen: the language cookie of the browser they sign in from, set when they
    picked a language before signing in; it becomes their stored choice if
    they had none. Without either, nothing is stored and the browser's
    languages keep deciding.
    """
    stored = LanguagePreference.objects.filter(user=user).values_list("language", flat=True).first()
    if stored in LANGUAGE_CODES:
        return stored
    if chosen in LANGUAGE_CODES:
        language_preference_save(user=user, language=chosen)
        return chosen
    return None


@require_GET
def set_language(request: HttpRequest, code: str) -> HttpResponse:
    if code not in LANGUAGE_CODES:
        raise Http404
    target = request.GET.get("next", "")
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        target = reverse("home")
    response = HttpResponseRedirect(target)
    remember_language(response, code)
    if request.user.is_authenticated:
        language_preference_save(user=request.user, language=code)
    return response
