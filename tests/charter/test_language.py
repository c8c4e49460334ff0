"""The charter and the blank checklist are written in the project's document language, whoever asks for them."""

import datetime
import re
import subprocess
import unicodedata

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format

from stage1.charter.services import charter_etag, charter_render
from stage1.projects.models import Project
from stage1.projects.services import project_language_change
from tests.charter.pdfs import reader
from tests.tasks import follow_until_ready

GREEK_TITLE = "Ηλεκτρονική άδεια στάθμευσης κατοίκων"


def in_language(language: str, text: str) -> str:
    with translation.override(language):
        return translation.gettext(text)


def pdftotext(pdf: bytes) -> str:
    return subprocess.run(["pdftotext", "-enc", "UTF-8", "-", "-"], input=pdf, capture_output=True, check=True).stdout.decode()


def capitals(text: str) -> str:
    """Text as the cover prints it: in capitals, which in Greek carry no accents."""
    return "".join(c for c in unicodedata.normalize("NFD", text.upper()) if not unicodedata.combining(c))


def catalog_language(pdf: bytes) -> str:
    return str(reader(pdf).trailer["/Root"]["/Lang"])


def with_language(project, language: str, **fields):
    Project.objects.filter(pk=project.pk).update(language=language, **fields)
    project.refresh_from_db()
    return project


@pytest.fixture
def greek_project(project):
    return with_language(project, "el", title=GREEK_TITLE, organisation="Δήμος Παραδείγματος")


def test_a_greek_project_has_a_greek_charter(greek_project):
    pdf = charter_render(project=greek_project).pdf
    text = pdftotext(pdf)
    heading = in_language("el", "Project charter")
    assert heading != "Project charter"  # the catalogue translates it
    assert capitals(heading) in capitals(text)
    # The page numbers' words too.
    assert in_language("el", "Page %(page)s of %(pages)s") % {"page": 1, "pages": len(reader(pdf).pages)} in text
    assert "Page 1 of" not in text
    # Dates in Greek: the month in the genitive, as a Greek date is written.
    with translation.override("el"):
        today = date_format(timezone.localdate(), "DATE_FORMAT")
    assert re.search(r"[α-ωΑ-Ω]", today)
    assert today in text
    # What the user typed comes back from the PDF's text layer unchanged.
    assert GREEK_TITLE in text
    assert catalog_language(pdf) == "el"


def test_every_font_of_a_greek_charter_is_embedded_and_has_a_unicode_map(greek_project):
    pdf = charter_render(project=greek_project).pdf
    path = f"/tmp/stage1-greek-{greek_project.pk}.pdf"
    with open(path, "wb") as file:
        file.write(pdf)
    rows = subprocess.run(["pdffonts", path], capture_output=True, text=True, check=True).stdout.splitlines()[2:]
    assert rows
    for row in rows:
        emb, sub, uni = row.split()[-5:-2]
        assert (emb, uni) == ("yes", "yes"), row


def test_a_french_reader_downloads_the_portuguese_charter_from_a_french_page(project, owner_client, worker):
    with_language(project, "pt")
    owner_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "fr"

    waiting = owner_client.get(reverse("charter:pdf", args=[project.slug]))
    assert waiting.status_code == 202
    assert '<html lang="fr"' in waiting.content.decode()  # the page around it speaks the reader's language

    response = follow_until_ready(owner_client, reverse("charter:pdf", args=[project.slug]))
    assert response.status_code == 200
    pdf = response.content
    assert catalog_language(pdf) == "pt"
    assert capitals(in_language("pt", "Project charter")) in capitals(pdftotext(pdf))
    assert capitals(in_language("fr", "Project charter")) not in capitals(pdftotext(pdf))


def test_the_charter_key_follows_the_document_language(project):
    english = charter_etag(project)
    with translation.override("el"):
        assert charter_etag(project) == english  # the reader's language does not change the document
    assert charter_etag(with_language(project, "fr")) != english


def test_changing_the_language_queues_a_charter_in_the_new_language(project, owner_client, worker, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        project_language_change(project=project, language="el", base_language="en")
    worker.run_all()
    response = owner_client.get(reverse("charter:pdf", args=[project.slug]))
    assert response.status_code == 200
    assert catalog_language(response.content) == "el"


def test_the_task_list_offers_the_blank_checklist_in_the_projects_language(project, owner_client, worker):
    with_language(project, "el")
    page = owner_client.get(reverse("projects:task_list", args=[project.slug])).content.decode()
    url = re.search(r'href="([^"]*/checklist/blank\.pdf[^"]*)"', page).group(1).replace("&amp;", "&")
    assert url.endswith("language=el")
    response = follow_until_ready(owner_client, url)
    assert response.status_code == 200
    pdf = response.content
    assert catalog_language(pdf) == "el"
    assert capitals(in_language("el", "Evaluation checklist")) in capitals(pdftotext(pdf))


def test_dates_in_the_charter_are_written_in_its_language():
    when = datetime.date(2026, 12, 2)
    with translation.override("pt"):
        assert date_format(when, "DATE_FORMAT") == "2 de dezembro de 2026"
    with translation.override("el"):
        assert date_format(when, "DATE_FORMAT") == "2 Δεκεμβρίου 2026"
    with translation.override("fr"):
        assert date_format(when, "DATE_FORMAT") == "2 décembre 2026"
