"""The charter preview, the PDF download and the blank checklist, for every persona.

The slow render is replaced by a stand-in that counts calls (`renders`),
except where a test reads the PDF itself. Pages never render: the first
request queues a render and answers the preparing page; the test runs the
worker's due tasks (`worker.run()`), and the next request gets the PDF.
"""

import re
import shutil

import pytest
from django.urls import reverse
from django.utils.cache import get_max_age

from stage1.charter import services
from stage1.charter.models import RenderedCharter
from stage1.charter.services import charter_etag
from stage1.charter.views import charter_filename
from stage1.projects.models import Project
from stage1.projects.services import project_create, step_save
from stage1.projects.steps import STEPS, get_step
from tests.charter.conftest import PDF_STUB
from tests.evaluation.helpers import answers_post, rule_url

pytestmark = pytest.mark.usefixtures("methodology")

SAFE_FILENAME = re.compile(r'^attachment; filename="([a-z0-9.-]+)"$')


def preview_url(project) -> str:
    return reverse("charter:preview", kwargs={"slug": project.slug})


def pdf_url(project) -> str:
    return reverse("charter:pdf", kwargs={"slug": project.slug})


def ready_pdf(client, project, worker):
    """Ask for the charter, let the worker render it, and ask again: the download a person gets."""
    first = client.get(pdf_url(project))
    if first.status_code == 202:
        worker.run()
        return client.get(pdf_url(project))
    return first


def _fresh(project) -> Project:
    return Project.objects.get(pk=project.pk)


def _cache_control(response) -> set[str]:
    return {part.strip() for part in response["Cache-Control"].split(",")}


@pytest.mark.parametrize("persona", ["owner_client", "editor_client", "viewer_client"])
def test_members_can_preview_the_charter(request, project, persona):
    response = request.getfixturevalue(persona).get(preview_url(project))

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")
    assert "Project charter" in response.text
    assert project.title in response.text
    assert "private" in _cache_control(response)


@pytest.mark.parametrize("persona", ["owner_client", "editor_client", "viewer_client"])
def test_members_can_download_the_charter(request, project, renders, worker, persona):
    response = ready_pdf(request.getfixturevalue(persona), project, worker)

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content == PDF_STUB
    assert SAFE_FILENAME.match(response["Content-Disposition"])
    # Named after what the document says it is, never after the save counter.
    assert response["Content-Disposition"] == 'attachment; filename="apply-for-a-parking-permit-charter-draft-0-1.pdf"'
    assert re.fullmatch(r"[0-9a-f]{16}", response["X-Charter-Fingerprint"])
    assert "private" in _cache_control(response)
    assert "public" not in _cache_control(response)
    assert response["ETag"] == f'"{charter_etag(project)}"'


def test_the_download_filename_keeps_only_safe_characters_of_a_hostile_title(owner, owner_client, renders, worker):
    project = project_create(user=owner, title='Ünïcode "quotes"; rm -rf /\r\nX-Evil: 1', organisation="City of Example")

    response = ready_pdf(owner_client, project, worker)

    assert response.status_code == 200
    assert SAFE_FILENAME.match(response["Content-Disposition"]), response["Content-Disposition"]
    assert "X-Evil" not in response.headers
    assert "\r" not in response["Content-Disposition"]
    assert "\n" not in response["Content-Disposition"]


def test_a_title_with_no_letters_or_digits_still_gets_a_filename(owner, owner_client, renders, worker):
    project = project_create(user=owner, title="«»…", organisation="City of Example")

    response = ready_pdf(owner_client, project, worker)

    assert SAFE_FILENAME.match(response["Content-Disposition"])


@pytest.mark.parametrize("url_name", ["preview", "pdf"])
def test_an_outsider_gets_not_found(project, outsider_client, renders, url_name):
    url = preview_url(project) if url_name == "preview" else pdf_url(project)

    assert outsider_client.get(url).status_code == 404
    assert renders == []


def test_an_outsider_cannot_learn_the_etag_of_a_charter(project, outsider_client, renders):
    response = outsider_client.get(pdf_url(project), HTTP_IF_NONE_MATCH=f'"{charter_etag(project)}"')

    assert response.status_code == 404
    assert "ETag" not in response


@pytest.mark.parametrize("url_name", ["preview", "pdf", "blank"])
def test_anonymous_visitors_are_sent_to_sign_in(client, project, renders, url_name):
    url = {"preview": preview_url(project), "pdf": pdf_url(project), "blank": reverse("charter:blank_checklist")}[url_name]

    response = client.get(url)

    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))
    assert renders == []


def test_any_signed_in_user_can_download_the_blank_checklist(outsider_client, renders, worker):
    preparing = outsider_client.get(reverse("charter:blank_checklist"))
    assert preparing.status_code == 202
    assert renders == []
    worker.run()

    response = outsider_client.get(reverse("charter:blank_checklist"))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="evaluation-checklist-blank.pdf"'
    assert len(renders) == 1


@pytest.mark.parametrize("url_name", ["preview", "pdf"])
def test_the_charter_cannot_be_posted_to(project, owner_client, renders, url_name):
    url = preview_url(project) if url_name == "preview" else pdf_url(project)

    assert owner_client.post(url).status_code == 405


def test_a_matching_if_none_match_gets_not_modified_without_rendering(project, owner_client, renders):
    etag = f'"{charter_etag(project)}"'

    response = owner_client.get(pdf_url(project), HTTP_IF_NONE_MATCH=etag)

    assert response.status_code == 304
    assert response.content == b""
    assert response["ETag"] == etag
    assert "private" in _cache_control(response)
    assert renders == []


def test_the_etag_of_a_download_brings_not_modified_next_time(project, owner_client, renders, worker):
    first = ready_pdf(owner_client, project, worker)

    again = owner_client.get(pdf_url(project), HTTP_IF_NONE_MATCH=first["ETag"])

    assert again.status_code == 304
    assert len(renders) == 1


def test_a_second_download_of_an_unchanged_charter_is_not_rendered_again(project, owner_client, viewer_client, renders, worker):
    first = ready_pdf(owner_client, project, worker)
    second = ready_pdf(viewer_client, project, worker)

    assert len(renders) == 1
    assert second.status_code == 200
    assert second.content == first.content
    assert second["ETag"] == first["ETag"]
    cached = RenderedCharter.objects.get(project=project)
    assert cached.revision == _fresh(project).revision
    assert bytes(cached.pdf) == PDF_STUB
    assert second["X-Charter-Fingerprint"] == first["X-Charter-Fingerprint"] == cached.fingerprint
    assert second["Content-Disposition"] == first["Content-Disposition"]


@pytest.mark.parametrize(
    ("label", "suffix"),
    [("Draft 0.3", "charter-draft-0-3"), ("Ready for review", "charter-ready-for-review"), ("Version 1.0", "charter-version-1-0")],
)
def test_the_file_is_named_after_the_document_label(project, label, suffix):
    assert charter_filename(project, label) == f"apply-for-a-parking-permit-{suffix}.pdf"


def test_saving_a_step_makes_a_new_etag_and_a_new_render(project, owner, owner_client, renders, worker):
    first = ready_pdf(owner_client, project, worker)
    step = get_step("need")
    record = step.model.objects.get(project=project)
    form = step.form_class({"problem": "Paper forms take 12 days", "base_version": record.version}, instance=record, project=project)
    assert form.is_valid(), form.errors
    step_save(project=project, form=form, user=owner)

    assert owner_client.get(pdf_url(project), HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 202
    worker.run()
    stale = owner_client.get(pdf_url(project), HTTP_IF_NONE_MATCH=first["ETag"])

    assert stale.status_code == 200
    assert stale["ETag"] != first["ETag"]
    assert len(renders) == 2
    assert "Paper forms take 12 days" in renders[-1]
    assert RenderedCharter.objects.filter(project=project).count() == 1
    assert RenderedCharter.objects.get(project=project).etag == stale["ETag"].strip('"')


def test_answering_a_question_makes_a_new_etag_and_a_new_render(project, editor_client, owner_client, renders, worker):
    first = ready_pdf(owner_client, project, worker)
    assert editor_client.post(rule_url(project), answers_post(project, q0=("yes", "Audit report AR-2026/07"))).status_code == 302

    after = ready_pdf(owner_client, project, worker)

    assert after["ETag"] != first["ETag"]
    assert len(renders) == 2
    assert "Audit report AR-2026/07" in renders[-1]


def test_the_preview_is_never_kept_by_shared_caches(project, owner_client):
    response = owner_client.get(preview_url(project))

    assert "private" in _cache_control(response)
    assert get_max_age(response) in (None, 0)


def test_the_preview_links_to_the_pdf_and_back_to_the_task_list(project, viewer_client):
    response = viewer_client.get(preview_url(project))

    assert f'href="{pdf_url(project)}"' in response.text
    assert f'href="{reverse("projects:task_list", kwargs={"slug": project.slug})}"' in response.text


def test_editing_the_methodology_makes_stored_charters_older_but_keeps_them(owner_client, project, methodology, renders, worker):
    from stage1.methodology.models import EvaluationQuestion

    ready_pdf(owner_client, project, worker)
    question = EvaluationQuestion.objects.first()
    question.text = "Is the problem written down in plain words?"
    question.save()

    response = owner_client.get(pdf_url(project))

    # Never served as current again (it may print the old wording), but still offered as the older copy.
    assert response.status_code == 202
    assert RenderedCharter.objects.get(project=project).etag == ""
    assert reverse("charter:pdf_older", kwargs={"slug": project.slug}) in response.text
    worker.run()
    assert owner_client.get(pdf_url(project)).status_code == 200
    assert len(renders) == 2


@pytest.fixture
def charter_sources_copy(tmp_path, monkeypatch):
    """The charter's templates and stylesheet copied aside, standing in for a new deployment's files."""
    copies = []
    for source in services.CHARTER_SOURCES:
        copy = tmp_path / source.parent.name / source.name
        shutil.copytree(source, copy)
        copies.append(copy)
    monkeypatch.setattr(services, "CHARTER_SOURCES", tuple(copies))
    services.charter_fingerprint.cache_clear()
    yield copies
    services.charter_fingerprint.cache_clear()


def test_a_changed_charter_template_gives_a_new_etag_and_a_new_render(project, owner_client, renders, worker, charter_sources_copy):
    first = ready_pdf(owner_client, project, worker)
    template = next(path for path in charter_sources_copy[0].rglob("body.html"))
    template.write_text(template.read_text() + "\n<p>A new closing paragraph.</p>\n")
    services.charter_fingerprint.cache_clear()  # what a restart after the deployment does

    assert owner_client.get(pdf_url(project), HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 202
    worker.run()
    again = owner_client.get(pdf_url(project), HTTP_IF_NONE_MATCH=first["ETag"])

    assert again.status_code == 200
    assert again["ETag"] != first["ETag"]
    assert len(renders) == 2


def test_a_changed_charter_stylesheet_gives_a_new_etag(project, charter_sources_copy):
    before = charter_etag(project)
    stylesheet = next(path for copy in charter_sources_copy for path in copy.rglob("charter.css"))
    stylesheet.write_text(stylesheet.read_text() + "\n/* tighter tables */\n")
    services.charter_fingerprint.cache_clear()

    assert charter_etag(project) != before


def test_every_template_the_registry_prints_with_is_part_of_the_fingerprint():
    sources = [source.resolve() for source in services.CHARTER_SOURCES]
    for kind in STEPS.kinds():
        if kind.charter_template:
            path = (services.CHARTER_SOURCES[0].parent / kind.charter_template).resolve()
            assert path.is_file() and any(path.is_relative_to(source) for source in sources), kind.charter_template
