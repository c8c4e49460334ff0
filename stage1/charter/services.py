"""Render charters and blank checklists; cache rendered charters per project version."""

import hashlib
import time
from dataclasses import dataclass

from django.db import close_old_connections, connection, transaction
from django.template.loader import render_to_string
from django.utils.translation import get_language

from stage1.charter.context import blank_checklist_context, charter_context
from stage1.charter.models import RenderedCharter
from stage1.charter.pdf import html_to_pdf

TEMPLATE_VERSION = "1"  # bump when the charter template changes, to drop cached PDFs


@dataclass(frozen=True)
class CharterPdf:
    pdf: bytes
    etag: str
    cached: bool


def charter_etag(project) -> str:
    key = f"{project.pk}:{project.version}:{TEMPLATE_VERSION}:{get_language()}"
    return hashlib.sha256(key.encode()).hexdigest()[:32]


def charter_html(project, *, preview: bool = False) -> str:
    context = charter_context(project)
    context["preview"] = preview
    return render_to_string("charter/charter.html", context)


def _release_connection() -> None:
    """Give the database connection back before the slow render.

    The render can take seconds; holding a pooled connection that long starves
    the pages other people are loading.
    """
    if not connection.in_atomic_block:
        connection.close()


def charter_render(*, project) -> CharterPdf:
    """The project's charter PDF, from the cache when the project has not changed."""
    etag = charter_etag(project)
    cached = RenderedCharter.objects.filter(project=project, etag=etag).values_list("pdf", flat=True).first()
    if cached is not None:
        return CharterPdf(bytes(cached), etag, cached=True)
    html = charter_html(project)
    _release_connection()
    started = time.perf_counter()
    pdf = html_to_pdf(html)
    elapsed = time.perf_counter() - started
    if not connection.in_atomic_block:
        close_old_connections()
    with transaction.atomic():
        RenderedCharter.objects.update_or_create(
            project=project, defaults={"version": project.version, "etag": etag, "pdf": pdf, "render_seconds": elapsed}
        )
    return CharterPdf(pdf, etag, cached=False)


def blank_checklist_render() -> bytes:
    html = render_to_string("charter/blank_checklist.html", blank_checklist_context())
    _release_connection()
    return html_to_pdf(html)
