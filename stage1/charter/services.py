"""Render charters and blank checklists; cache rendered charters per project version."""

import hashlib
import time
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from django.conf import settings
from django.db import close_old_connections, connection, transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from stage1.charter.context import blank_checklist_context, charter_context
from stage1.charter.extensions import document_state_for
from stage1.charter.models import RenderedCharter
from stage1.charter.pdf import html_to_pdf

# Everything a rendered charter is made from besides the project's data: its
# templates (the registry's item templates included), the score snippet it
# shares with the checklist page, and its stylesheet. A deployment that
# changes any of them gets new cache keys, so no stale PDF is ever served.
CHARTER_SOURCES = (
    Path(settings.BASE_DIR) / "templates" / "charter",
    Path(settings.BASE_DIR) / "templates" / "evaluation" / "includes",
    Path(settings.BASE_DIR) / "static" / "charter",
)


# Stand-ins for what changes from one render of the same content to the
# next. HTML comments: whatever people type is escaped, so no text of theirs
# can ever be taken for one.
FINGERPRINT_MARK = "<!--charter-fingerprint-->"
GENERATED_MARK = "<!--charter-generated-on-->"


@dataclass(frozen=True)
class CharterPdf:
    pdf: bytes
    etag: str
    cached: bool
    fingerprint: str
    document_label: str


@dataclass(frozen=True)
class CharterHtml:
    html: str
    fingerprint: str
    document_label: str


@cache
def charter_fingerprint() -> str:
    """A hash of every file in CHARTER_SOURCES, names and contents; computed once per process (at start-up)."""
    digest = hashlib.sha256()
    for root in CHARTER_SOURCES:
        for path in sorted(p for p in Path(root).rglob("*") if p.is_file()):
            digest.update(str(path.relative_to(root.parent)).encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()[:16]


def charter_etag(project) -> str:
    # The document's state (in review, approved…) changes without a new revision: it is part of the key.
    document = document_state_for(project)
    state = document.cache_key if document else ""
    key = f"{project.pk}:{project.revision}:{state}:{charter_fingerprint()}:{get_language()}"
    return hashlib.sha256(key.encode()).hexdigest()[:32]


def content_fingerprint(marked_html: str) -> str:
    """The fingerprint printed on a charter: the first 16 hex digits of a SHA-256 of its HTML.

    The HTML is the print version with the marks still in place of the
    fingerprint and of the time it was generated, so two renders of the same
    content give the same fingerprint, and a change to any printed text gives
    another one.
    """
    return hashlib.sha256(marked_html.encode()).hexdigest()[:16]


def _render(context: dict, *, preview: bool) -> str:
    return render_to_string("charter/charter.html", {**context, "preview": preview})


def charter_document(project, *, preview: bool = False) -> CharterHtml:
    """The charter's HTML (for the PDF, or the browser preview) and its content fingerprint."""
    context = charter_context(project)
    generated_on = date_format(timezone.localtime(context["generated_at"]), "j F Y, H:i")
    context.update(fingerprint=mark_safe(FINGERPRINT_MARK), generated_on=mark_safe(GENERATED_MARK))  # noqa: S308  # nosec B308, B703
    marked = _render(context, preview=False)
    fingerprint = content_fingerprint(marked)
    if preview:
        marked = _render(context, preview=True)
    html = marked.replace(FINGERPRINT_MARK, fingerprint).replace(GENERATED_MARK, escape(generated_on))
    return CharterHtml(html, fingerprint, str(context["document_label"]))


def charter_html(project, *, preview: bool = False) -> str:
    return charter_document(project, preview=preview).html


def _release_connection() -> None:
    """Give the database connection back before the slow render.

    The render can take seconds; holding a pooled connection that long starves
    the pages other people are loading.
    """
    if not connection.in_atomic_block:
        connection.close()


def charter_render(*, project, etag: str | None = None) -> CharterPdf:
    """The project's charter PDF, from the cache when the project has not changed.

    etag: charter_etag(project), when the caller has just computed it (it reads the document's state).
    """
    etag = etag or charter_etag(project)
    cached = RenderedCharter.objects.filter(project=project, etag=etag).values_list("pdf", "fingerprint", "document_label").first()
    if cached is not None:
        pdf, fingerprint, document_label = cached
        return CharterPdf(bytes(pdf), etag, cached=True, fingerprint=fingerprint, document_label=document_label)
    document = charter_document(project)
    html = document.html
    _release_connection()
    started = time.perf_counter()
    pdf = html_to_pdf(html)
    elapsed = time.perf_counter() - started
    if not connection.in_atomic_block:
        close_old_connections()
    with transaction.atomic():
        RenderedCharter.objects.update_or_create(
            project=project,
            defaults={
                "revision": project.revision,
                "etag": etag,
                "pdf": pdf,
                "render_seconds": elapsed,
                "fingerprint": document.fingerprint,
                "document_label": document.document_label,
            },
        )
    return CharterPdf(pdf, etag, cached=False, fingerprint=document.fingerprint, document_label=document.document_label)


def blank_checklist_render() -> bytes:
    html = render_to_string("charter/blank_checklist.html", blank_checklist_context())
    _release_connection()
    return html_to_pdf(html)
