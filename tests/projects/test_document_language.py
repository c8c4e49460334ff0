"""The language a project's documents are written in: chosen at creation, changed by owners, kept by exports."""

import json
import re

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from stage1.exchange.export import project_export
from stage1.exchange.imports import project_import
from stage1.projects.models import Project
from tests.exchange.conftest import as_bytes

NEW_URL = reverse("projects:new")


def language_url(project) -> str:
    return reverse("projects:document_language", args=[project.slug])


def checked_language(response) -> str:
    return re.search(r'<input[^>]*name="language"[^>]*value="([^"]+)"[^>]*checked', response.content.decode()).group(1)


@pytest.mark.parametrize("code", [code for code, _name in settings.LANGUAGES])
def test_a_new_project_offers_the_four_languages_and_starts_from_the_creators(outsider_client, code):
    outsider_client.cookies[settings.LANGUAGE_COOKIE_NAME] = code
    response = outsider_client.get(NEW_URL)
    offered = re.findall(r'<input[^>]*name="language"[^>]*value="([^"]+)"', response.content.decode())
    assert offered == [c for c, _n in settings.LANGUAGES]
    assert checked_language(response) == code


def test_the_chosen_language_is_the_projects(outsider_client, outsider):
    outsider_client.post(NEW_URL, {"title": "Licença de ocupação", "organisation": "Câmara Municipal", "language": "pt"})
    assert Project.objects.get(memberships__user=outsider).language == "pt"


def test_a_language_that_is_not_offered_is_refused_keeping_what_was_typed(outsider_client):
    response = outsider_client.post(NEW_URL, {"title": "Kept title", "organisation": "Kept body", "language": "de"})
    assert response.status_code == 200
    body = response.content.decode()
    assert 'value="Kept title"' in body and 'value="Kept body"' in body
    assert "govuk-error-summary" in body
    assert not Project.objects.filter(title="Kept title").exists()


def test_an_owner_changes_the_language_and_the_documents_follow(project, owner_client):
    revision = project.revision
    response = owner_client.post(language_url(project), {"language": "el", "base_language": project.language})
    assert response.status_code == 302
    project.refresh_from_db()
    assert project.language == "el"
    # A change of what the documents say, like any saved change: the charter is made again.
    assert project.revision == revision + 1


def test_the_page_shows_the_current_language(project, owner_client):
    Project.objects.filter(pk=project.pk).update(language="fr")
    response = owner_client.get(language_url(project))
    assert checked_language(response) == "fr"
    assert 'name="base_language" value="fr"' in response.content.decode()


def test_an_owner_who_chose_on_a_stale_page_is_told_and_keeps_their_choice(project, owner_client):
    Project.objects.filter(pk=project.pk).update(language="fr")  # another owner, meanwhile
    response = owner_client.post(language_url(project), {"language": "el", "base_language": "en"})
    assert response.status_code == 409
    project.refresh_from_db()
    assert project.language == "fr"
    assert checked_language(response) == "el"
    assert 'name="base_language" value="fr"' in response.content.decode()
    # Sent again from the page now shown, it applies.
    owner_client.post(language_url(project), {"language": "el", "base_language": "fr"})
    project.refresh_from_db()
    assert project.language == "el"


@pytest.mark.parametrize("persona, status", [("editor", 403), ("viewer", 403), ("outsider", 404)])
def test_only_owners_change_it(project, persona, status, request):
    client = request.getfixturevalue(f"{persona}_client")
    assert client.post(language_url(project), {"language": "el", "base_language": project.language}).status_code == status
    project.refresh_from_db()
    assert project.language == settings.LANGUAGE_CODE


def test_an_archived_project_keeps_its_language(project, owner_client):
    from django.utils import timezone

    Project.objects.filter(pk=project.pk).update(archived_at=timezone.now())
    assert owner_client.post(language_url(project), {"language": "el", "base_language": project.language}).status_code == 403


def test_the_export_records_the_language_and_the_import_keeps_it(project, outsider):
    Project.objects.filter(pk=project.pk).update(language="pt")
    project.refresh_from_db()
    document = project_export(project)
    assert document["project"]["language"] == "pt"
    copy = project_import(user=outsider, content=as_bytes(document)).project
    assert copy.language == "pt"


def test_a_file_from_before_languages_imports_in_english(project, outsider):
    document = project_export(project)
    del document["project"]["language"]
    copy = project_import(user=outsider, content=json.dumps(document).encode()).project
    assert copy.language == "en"


def test_check_your_answers_prints_in_the_documents_language_without_change_links(project, editor_client):
    Project.objects.filter(pk=project.pk).update(language="el")
    editor_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "fr"
    page = editor_client.get(reverse("projects:check_answers", args=[project.slug])).content.decode()
    assert '<html lang="fr"' in page
    assert reverse("projects:check_answers_print", args=[project.slug]) in page

    printed = editor_client.get(reverse("projects:check_answers_print", args=[project.slug]))
    body = printed.content.decode()
    assert printed.status_code == 200
    assert '<html lang="el"' in body
    with translation.override("el"):
        assert translation.gettext("Check your answers") in body
    assert "?from=check" not in body  # no Change links on paper
    # The page in French still has them for an editor, and is not served from the Greek print's cache.
    assert "?from=check" in page
