"""The charter as an HTML preview and a PDF download, and the blank checklist PDF.

No view here renders a PDF: they serve what the worker stored, or queue a
render and answer a page that waits for it (preparing_response).
"""

import re
from functools import wraps

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.http import urlencode
from django.utils.text import slugify
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.utils.translation import override as translation_override
from django.views.decorators.http import require_GET, require_POST

from stage1.charter.models import RenderJob
from stage1.charter.services import blank_checklist_etag, charter_etag, charter_html, stored_blank_checklist, stored_charter, stored_pdf
from stage1.charter.tasks import blank_checklist_render_requested, charter_render_requested
from stage1.core.bidi import isolate
from stage1.core.languages import LANGUAGE_CODES
from stage1.methodology.versions import latest_version
from stage1.projects.access import membership_for, read_only_page


def safe_filename(title: str, suffix: str) -> str:
    """ASCII letters, digits and hyphens only: nothing a header or a file system can misread."""
    stem = re.sub(r"[^a-z0-9-]", "", slugify(title))[:60].strip("-") or "project"
    return f"{stem}-{suffix}.pdf"


def _label_slug(document_label: str) -> str:
    # "Draft 0.3" → "draft-0-3": the dot of the number would vanish in a slug and read as 03.
    return re.sub(r"[^a-z0-9-]", "", slugify(document_label.replace(".", "-"))).strip("-") or "document"


def charter_filename(project, document_label: str) -> str:
    """The charter's file name: the project and what the document is, e.g. parking-permit-charter-draft-0-3.pdf."""
    return safe_filename(project.title, f"charter-{_label_slug(document_label)}")


def older_charter_filename(project, document_label: str, rendered_at) -> str:
    """An older copy's file name says so, and when it was made: parking-permit-charter-draft-0-3-older-20260102-1430.pdf."""
    made = timezone.localtime(rendered_at).strftime("%Y%m%d-%H%M")
    return safe_filename(project.title, f"charter-{_label_slug(document_label)}-older-{made}")


def pdf_response(pdf: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    # Project data: browsers may keep it, shared caches never; always revalidate.
    patch_cache_control(response, private=True, no_cache=True)
    return response


def preparing_response(
    request: HttpRequest,
    *,
    job: RenderJob,
    heading: str,
    what: str,
    retry_url: str,
    back_url: str,
    back_label: str,
    older: dict | None = None,
) -> HttpResponse:
    """The page shown while the worker renders a PDF: it checks again by itself (HTTP Refresh, no JavaScript needed).

    job: the queued render; when it failed for good, the page says so and offers "Try again" instead of waiting.
    older: url, label and rendered_at of the last PDF made, offered meanwhile and marked as older.
    """
    context = {
        "job": job,
        "heading": heading,
        "what": what,
        "retry_url": retry_url,
        "back_url": back_url,
        "back_label": back_label,
        "older": older,
        "refresh_seconds": settings.STAGE1_PREPARING_REFRESH_SECONDS,
    }
    # 202: accepted, not ready yet. A failed render is a page to act on (Try again), not a wait.
    response = HttpResponse(render_to_string("charter/preparing.html", context, request=request), status=200 if job.failed else 202)
    if not job.failed:
        response["Refresh"] = str(settings.STAGE1_PREPARING_REFRESH_SECONDS)
    patch_cache_control(response, private=True, no_store=True)
    return response


@login_required
@read_only_page
def charter_preview(request: HttpRequest, slug: str) -> HttpResponse:
    membership = membership_for(request, slug)
    response = HttpResponse(charter_html(membership.project, preview=True))
    patch_cache_control(response, private=True, no_cache=True)
    return response


def _not_modified(etag: str) -> HttpResponse:
    response = HttpResponse(status=304)
    response["ETag"] = f'"{etag}"'
    patch_cache_control(response, private=True, no_cache=True)
    return response


@login_required
@read_only_page
def charter_pdf(request: HttpRequest, slug: str) -> HttpResponse:
    """The stored charter when it is current; otherwise the page that waits for the worker, offering the older one."""
    membership = membership_for(request, slug)
    project = membership.project
    etag = charter_etag(project)
    if f'"{etag}"' in [tag.strip() for tag in request.headers.get("If-None-Match", "").split(",")]:
        return _not_modified(etag)
    stored = stored_charter(project)
    if stored is not None and stored.etag == etag:
        response = pdf_response(stored_pdf(stored), charter_filename(project, stored.document_label))
        response["ETag"] = f'"{etag}"'
        # The fingerprint printed in the document, for whoever files the signed copy.
        response["X-Charter-Fingerprint"] = stored.fingerprint
        return response
    older = None
    if stored is not None:
        older = {"url": reverse("charter:pdf_older", args=[slug]), "label": stored.document_label, "rendered_at": stored.rendered_at}
    return preparing_response(
        request,
        job=charter_render_requested(project=project, etag=etag),
        heading=_("Preparing your charter"),
        what=_("the charter of %(project)s") % {"project": isolate(project.title)},
        retry_url=reverse("charter:retry", args=[slug]),
        back_url=reverse("projects:task_list", args=[slug]),
        back_label=_("Back to the task list"),
        older=older,
    )


@login_required
@read_only_page
def charter_pdf_older(request: HttpRequest, slug: str) -> HttpResponse:
    """The last charter stored, whether or not it is current: named as older when it is not."""
    membership = membership_for(request, slug)
    project = membership.project
    stored = stored_charter(project)
    if stored is None:
        raise Http404("No charter is stored yet.")
    if stored.etag == charter_etag(project):
        return redirect("charter:pdf", slug=slug)
    response = pdf_response(stored_pdf(stored), older_charter_filename(project, stored.document_label, stored.rendered_at))
    response["X-Charter-Fingerprint"] = stored.fingerprint
    return response


def post_only(view):
    """For a button's address: non-members still get 404 first (as on every project page), other methods 405."""

    @wraps(view)
    def wrapper(request: HttpRequest, slug: str, *args, **kwargs):
        if request.method != "POST":
            membership_for(request, slug)
            return HttpResponseNotAllowed(["POST"])
        return view(request, slug, *args, **kwargs)

    return wrapper


@login_required
@post_only
def charter_retry(request: HttpRequest, slug: str) -> HttpResponse:
    """Try again after a render failed: any member who can read the charter may ask."""
    membership = membership_for(request, slug)
    charter_render_requested(project=membership.project, etag=charter_etag(membership.project), again=True)
    return redirect("charter:pdf", slug=slug)


BLANK_CHECKLIST_FILENAME = "evaluation-checklist-blank.pdf"


def _checklist_language(request: HttpRequest) -> str:
    """The language the blank checklist is asked in: a project's task list asks for its document language."""
    asked = request.GET.get("language", "")
    return asked if asked in LANGUAGE_CODES else get_language()


def _checklist_url(name: str, language: str) -> str:
    return f"{reverse(name)}?{urlencode({'language': language})}"


@require_GET
@login_required
def blank_checklist_pdf(request: HttpRequest) -> HttpResponse:
    language = _checklist_language(request)
    with translation_override(language):
        etag = blank_checklist_etag(latest_version())
        pdf = stored_blank_checklist(etag)
        job = None if pdf is not None else blank_checklist_render_requested(etag)
    if pdf is not None:
        return pdf_response(pdf, BLANK_CHECKLIST_FILENAME)
    return preparing_response(
        request,
        job=job,
        heading=_("Preparing the blank checklist"),
        what=_("the blank evaluation checklist"),
        retry_url=_checklist_url("charter:blank_checklist_retry", language),
        back_url=reverse("projects:list"),
        back_label=_("Back to your projects"),
    )


@require_POST
@login_required
def blank_checklist_retry(request: HttpRequest) -> HttpResponse:
    language = _checklist_language(request)
    with translation_override(language):
        blank_checklist_render_requested(blank_checklist_etag(latest_version()), again=True)
    return redirect(_checklist_url("charter:blank_checklist", language))
