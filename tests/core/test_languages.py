"""Choosing the interface language: the header's links, the cookie, the signed-in person's stored choice."""

import re

import pytest
from django.conf import settings
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from stage1.core.models import LanguagePreference
from tests.conftest import PASSWORD

OTHER_LANGUAGES = [code for code, _name in settings.LANGUAGES if code != settings.LANGUAGE_CODE]


def html_lang(response) -> str:
    return re.search(r'<html lang="([^"]+)"', response.content.decode()).group(1)


def language_nav(response) -> str:
    return re.search(r'<nav class="stage1-language-nav".*?</nav>', response.content.decode(), re.S).group(0)


def sign_in(client: Client, username: str):
    return client.post(reverse("login"), {"username": username, "password": PASSWORD})


@pytest.mark.django_db
def test_the_header_offers_every_language_named_in_itself_with_the_current_one_marked():
    response = Client().get(reverse("home"), HTTP_ACCEPT_LANGUAGE="el")
    nav = language_nav(response)
    assert html_lang(response) == "el"
    # Each language once; the current one is text marked aria-current, the others links with lang and hreflang.
    assert nav.count('aria-current="true"') == 1
    assert re.search(r'<span lang="el" aria-current="true">Ελληνικά</span>', nav)
    links = re.findall(r'<a [^>]*href="([^"]+)" lang="([^"]+)" hreflang="([^"]+)"[^>]*>([^<]+)</a>', nav)
    assert sorted(lang for _href, lang, _hreflang, _name in links) == sorted(c for c, _n in settings.LANGUAGES if c != "el")
    assert all(lang == hreflang for _href, lang, hreflang, _name in links)
    assert {name for *_rest, name in links} >= {"English", "Português", "Français"}


@pytest.mark.django_db
@pytest.mark.parametrize(
    "accept, expected", [("pt-PT,pt;q=0.9,en;q=0.5", "pt"), ("fr-FR", "fr"), ("el-GR,el", "el"), ("de-DE", "en"), ("", "en")]
)
def test_a_first_visit_reads_the_browsers_languages(accept, expected):
    assert html_lang(Client().get(reverse("home"), HTTP_ACCEPT_LANGUAGE=accept)) == expected


@pytest.mark.django_db
@pytest.mark.parametrize("code", OTHER_LANGUAGES)
def test_choosing_a_language_comes_back_to_the_same_page_in_it_and_is_remembered(code):
    client = Client()
    response = client.get(reverse("set_language", args=[code]), {"next": "/privacy/?x=1"}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 302
    assert response["Location"] == "/privacy/?x=1"
    cookie = response.cookies[settings.LANGUAGE_COOKIE_NAME]
    assert cookie.value == code
    assert cookie["httponly"] and cookie["samesite"] == "Lax" and int(cookie["max-age"]) == settings.LANGUAGE_COOKIE_AGE
    # The browser still asks for English: the choice wins.
    assert html_lang(client.get("/privacy/", HTTP_ACCEPT_LANGUAGE="en")) == code


@pytest.mark.django_db
@pytest.mark.parametrize("target", ["https://evil.example/", "//evil.example/", "javascript:alert(1)", ""])
def test_the_way_back_never_leaves_the_service(target):
    response = Client().get(reverse("set_language", args=["fr"]), {"next": target})
    assert response.status_code == 302
    assert response["Location"] == reverse("home")


@pytest.mark.django_db
def test_an_unknown_language_is_not_found_and_sets_nothing():
    response = Client().get("/language/xx/?next=/")
    assert response.status_code == 404
    assert settings.LANGUAGE_COOKIE_NAME not in response.cookies


def test_choosing_a_language_changes_nothing_but_the_language(owner, owner_client):
    response = owner_client.post(reverse("set_language", args=["pt"]), {"next": "/"})
    assert response.status_code == 405
    assert settings.LANGUAGE_COOKIE_NAME not in response.cookies
    assert not LanguagePreference.objects.filter(user=owner).exists()


def test_a_signed_in_persons_choice_follows_them_to_another_browser(owner, owner_client):
    owner_client.get(reverse("set_language", args=["el"]), {"next": "/"})
    assert LanguagePreference.objects.get(user=owner).language == "el"

    elsewhere = Client()
    response = sign_in(elsewhere, owner.username)
    assert response.status_code == 302
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "el"
    assert html_lang(elsewhere.get(reverse("projects:list"), HTTP_ACCEPT_LANGUAGE="fr")) == "el"


def test_what_a_visitor_read_in_before_signing_in_becomes_their_choice(outsider):
    client = Client()
    client.get(reverse("set_language", args=["fr"]), {"next": "/"})
    assert not LanguagePreference.objects.filter(user=outsider).exists()
    sign_in(client, outsider.username)
    assert LanguagePreference.objects.get(user=outsider).language == "fr"


def test_signing_in_without_having_chosen_stores_nothing_and_the_browser_decides(outsider):
    client = Client(HTTP_ACCEPT_LANGUAGE="el")
    response = sign_in(client, outsider.username)
    assert settings.LANGUAGE_COOKIE_NAME not in response.cookies
    assert not LanguagePreference.objects.filter(user=outsider).exists()
    assert html_lang(client.get(reverse("projects:list"))) == "el"


def test_a_stored_choice_wins_over_the_browser_at_sign_in(outsider):
    LanguagePreference.objects.create(user=outsider, language="pt")
    client = Client(HTTP_ACCEPT_LANGUAGE="el")
    response = sign_in(client, outsider.username)
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "pt"
    assert html_lang(client.get(reverse("projects:list"))) == "pt"


def test_pages_read_the_language_without_a_query_for_the_preference(owner, owner_client):
    LanguagePreference.objects.update_or_create(user=owner, defaults={"language": "fr"})
    with CaptureQueriesContext(connection) as queries:
        owner_client.get(reverse("projects:list"))
    assert not [q for q in queries.captured_queries if "languagepreference" in q["sql"].lower()]


@pytest.mark.django_db
def test_the_cookies_page_lists_the_language_cookie():
    body = Client().get(reverse("cookies")).content.decode()
    assert f"<code>{settings.LANGUAGE_COOKIE_NAME}</code>" in body
