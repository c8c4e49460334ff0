"""The charter as an HTML preview and a PDF download, and the blank checklist PDF."""

import re

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.utils.cache import patch_cache_control
from django.utils.text import slugify
from django.views.decorators.http import require_GET

from stage1.charter.services import blank_checklist_render, charter_etag, charter_html, charter_render
from stage1.projects.access import membership_for, read_only_page


def safe_filename(title: str, suffix: str) -> str:
    """ASCII letters, digits and hyphens only: nothing a header or a file system can misread."""
    stem = re.sub(r"[^a-z0-9-]", "", slugify(title))[:60].strip("-") or "project"
    return f"{stem}-{suffix}.pdf"


def charter_filename(project, document_label: str) -> str:
    """The charter's file name: the project and what the document is, e.g. parking-permit-charter-draft-0-3.pdf."""
    # "Draft 0.3" → "draft-0-3": the dot of the number would vanish in a slug and read as 03.
    label = re.sub(r"[^a-z0-9-]", "", slugify(document_label.replace(".", "-"))).strip("-") or "document"
    return safe_filename(project.title, f"charter-{label}")


def pdf_response(pdf: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    # Project data: browsers may keep it, shared caches never; always revalidate.
    patch_cache_control(response, private=True, no_cache=True)
    return response


@login_required
@read_only_page
def charter_preview(request: HttpRequest, slug: str) -> HttpResponse:
    membership = membership_for(request, slug)
    response = HttpResponse(charter_html(membership.project, preview=True))
    patch_cache_control(response, private=True, no_cache=True)
    return response


@login_required
@read_only_page
def charter_pdf(request: HttpRequest, slug: str) -> HttpResponse:
    membership = membership_for(request, slug)
    project = membership.project
    etag = charter_etag(project)
    if f'"{etag}"' in [tag.strip() for tag in request.headers.get("If-None-Match", "").split(",")]:
        response = HttpResponse(status=304)
        response["ETag"] = f'"{etag}"'
        patch_cache_control(response, private=True, no_cache=True)
        return response
    rendered = charter_render(project=project, etag=etag)
    response = pdf_response(rendered.pdf, charter_filename(project, rendered.document_label))
    response["ETag"] = f'"{rendered.etag}"'
    # The fingerprint printed in the document, for whoever files the signed copy.
    response["X-Charter-Fingerprint"] = rendered.fingerprint
    return response


@require_GET
@login_required
def blank_checklist_pdf(request: HttpRequest) -> HttpResponse:
    return pdf_response(blank_checklist_render(), "evaluation-checklist-blank.pdf")
