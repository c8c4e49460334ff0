"""The service in Greek, Portuguese and French, as a person whose browser speaks it walks through it.

Every text the test looks for is taken from the catalogue in that language,
so the test checks that the pages use the catalogue, not a wording.
"""

import re
import subprocess
import unicodedata
from io import BytesIO

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from playwright.sync_api import expect
from pypdf import PdfReader

from stage1.projects.models import Project
from tests.browser.conftest import axe_check, download_through_preparing_page, screenshot
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

BROWSER_LOCALE = {"el": "el-GR", "pt": "pt-PT", "fr": "fr-FR"}
TITLES = {
    "el": "Ηλεκτρονική έκδοση άδειας στάθμευσης",
    "pt": "Cartão de residente para estacionamento",
    "fr": "Carte de stationnement résidentiel",
}
ORGANISATIONS = {"el": "Δήμος Παραδείγματος", "pt": "Município de Vila Nova", "fr": "Ville d’Exemple"}


def t(language: str, text: str) -> str:
    with translation.override(language):
        return translation.gettext(text)


def capitals(text: str) -> str:
    """As the charter's cover prints a heading: in capitals, which in Greek carry no accents."""
    return "".join(c for c in unicodedata.normalize("NFD", text.upper()) if not unicodedata.combining(c))


def pdf_text(pdf: bytes) -> str:
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", "-", "-"], input=pdf, capture_output=True, check=True).stdout.decode()
    return re.sub(r"\s+", " ", re.sub(r"[\u2066-\u2069]", "", text))


def pdf_language(pdf: bytes) -> str:
    return str(PdfReader(BytesIO(pdf)).trailer["/Root"]["/Lang"])


@pytest.fixture
def speaking(browser, live_server):
    """A page in a browser whose language is `language`: a person's first visit, signed in through the form in that language."""
    contexts = []

    def open_page(language: str, user):
        context = browser.new_context(locale=BROWSER_LOCALE[language], viewport={"width": 1280, "height": 800})
        contexts.append(context)
        page = context.new_page()
        page.goto(live_server.url + reverse("login"))
        assert page.locator("html").get_attribute("lang") == language
        axe_check(page)
        page.get_by_label(t(language, "Username")).fill(user.username)
        page.get_by_label(t(language, "Password")).fill(PASSWORD)
        page.locator("main").get_by_role("button", name=t(language, "Sign in")).click()
        page.wait_for_load_state()
        assert "/accounts/login/" not in page.url
        return page

    yield open_page
    for context in contexts:
        context.close()


def start_project(page, live_server, language: str) -> Project:
    page.goto(live_server.url + reverse("projects:list"))
    expect(page.locator("h1")).to_have_text(t(language, "Your projects"))
    axe_check(page)
    page.get_by_role("button", name=t(language, "Start a new project")).click()
    # The documents' language starts as the reader's.
    expect(page.locator('input[name="language"]:checked')).to_have_value(language)
    page.get_by_label(t(language, "Project title")).fill(TITLES[language])
    page.get_by_label(t(language, "Organisation")).fill(ORGANISATIONS[language])
    axe_check(page)
    page.get_by_role("button", name=t(language, "Create project")).click()
    page.wait_for_load_state()
    project = Project.objects.get(title=TITLES[language])
    assert project.language == language
    return project


def download_charter(page, language: str) -> bytes:
    return download_through_preparing_page(page, t(language, "Download the charter (PDF)"))


def test_a_greek_team_walks_through_the_service_in_greek_and_downloads_a_greek_charter(
    speaking, live_server, pdf_worker, methodology, outsider
):
    page = speaking("el", outsider)
    project = start_project(page, live_server, "el")
    axe_check(page)
    screenshot(page, "el-task-list")

    # The need step, with an answer too long for its field: the error summary speaks Greek, what was typed is kept.
    page.goto(live_server.url + reverse("projects:step", args=[project.slug, "need"]))
    axe_check(page)
    problem = "Οι κάτοικοι περιμένουν εβδομάδες για μια άδεια στάθμευσης."
    page.locator('textarea[name="problem"]').fill(problem)
    page.locator('textarea[name="affected"]').evaluate("(field) => { field.removeAttribute('maxlength'); field.value = 'α'.repeat(2001); }")
    page.get_by_role("button", name=t("el", "Save and continue")).click()
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_be_visible()
    expect(summary.locator("h2")).to_have_text(t("el", "There is a problem"))
    assert not re.search(r"\b(must|characters|Enter)\b", summary.inner_text())
    expect(page.locator('textarea[name="problem"]')).to_have_value(problem)
    assert page.title().startswith(t("el", "Error:"))
    axe_check(page)
    screenshot(page, "el-need-error")
    page.locator('textarea[name="affected"]').fill("Κάτοικοι του κέντρου")
    page.get_by_role("button", name=t("el", "Save and continue")).click()
    page.wait_for_load_state()

    page.goto(live_server.url + reverse("evaluation:checklist", args=[project.slug]))
    assert page.locator("html").get_attribute("lang") == "el"
    axe_check(page)
    screenshot(page, "el-checklist")

    page.goto(live_server.url + reverse("projects:task_list", args=[project.slug]))
    pdf = download_charter(page, "el")
    text = pdf_text(pdf)
    assert pdf_language(pdf) == "el"
    assert capitals(t("el", "Project charter")) in capitals(text)
    assert t("el", "Page %(page)s of %(pages)s") % {"page": 1, "pages": len(PdfReader(BytesIO(pdf)).pages)} in text
    with translation.override("el"):
        today = date_format(timezone.localdate(), "DATE_FORMAT")
    assert today in text  # "2 Δεκεμβρίου 2026"
    assert TITLES["el"] in text and problem in text


@pytest.mark.parametrize("language", ["pt", "fr"])
def test_a_team_reads_its_task_list_and_charter_in_its_language(speaking, live_server, pdf_worker, methodology, outsider, language):
    page = speaking(language, outsider)
    start_project(page, live_server, language)
    assert page.locator("html").get_attribute("lang") == language
    expect(page.locator("body")).to_contain_text(t(language, "Define the strategy"))
    axe_check(page)
    screenshot(page, f"{language}-task-list")
    pdf = download_charter(page, language)
    text = pdf_text(pdf)
    assert pdf_language(pdf) == language
    assert capitals(t(language, "Project charter")) in capitals(text)
    with translation.override(language):
        assert date_format(timezone.localdate(), "DATE_FORMAT") in text
    assert TITLES[language] in text


def test_a_french_reader_downloads_a_portuguese_charter(speaking, live_server, pdf_worker, methodology, owner, project):
    Project.objects.filter(pk=project.pk).update(language="pt")
    page = speaking("fr", owner)
    page.goto(live_server.url + reverse("projects:task_list", args=[project.slug]))
    assert page.locator("html").get_attribute("lang") == "fr"
    pdf = download_charter(page, "fr")
    assert pdf_language(pdf) == "pt"
    assert capitals(t("pt", "Project charter")) in capitals(pdf_text(pdf))
