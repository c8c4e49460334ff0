"""Render charters and blank checklists and store them; what the worker runs and the pages serve.

Renders happen in the worker (stage1.charter.tasks) or in `manage.py
render_charter`, never in a web request: the pages read what is stored here.
"""

import gc
import hashlib
import time
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from django.conf import settings
from django.db import IntegrityError, close_old_connections, connection, transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import override as translation_override

from stage1.charter.context import blank_checklist_context, charter_context
from stage1.charter.extensions import document_state_for
from stage1.charter.models import RenderedCharter, RenderedChecklist
from stage1.charter.pdf import html_to_pdf
from stage1.methodology.versions import latest_version
from stage1.projects.models import Project

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
    # The document's state (in review, approved…) changes without a new revision: it is part of the key,
    # in the document's language (its label is words), whatever the reader's.
    with translation_override(project.language):
        document = document_state_for(project)
    state = document.cache_key if document else ""
    key = f"{project.pk}:{project.revision}:{state}:{charter_fingerprint()}:{project.language}"
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
    """The charter's HTML (for the PDF, or the browser preview) and its content fingerprint.

    Written in the project's document language, whatever language the person
    asking reads the service in: its labels, dates, the method's text and the
    HTML lang (which becomes the PDF's /Lang).
    """
    with translation_override(project.language):
        return _charter_document(project, preview=preview)


def _charter_document(project, *, preview: bool) -> CharterHtml:
    context = charter_context(project)
    generated_on = date_format(timezone.localtime(context["generated_at"]), "DATETIME_FORMAT")
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


def _reconnect() -> None:
    if not connection.in_atomic_block:
        close_old_connections()


# The collector's first-generation threshold while a render lays out pages.
# Layout makes millions of short-lived objects and few cycles: collecting
# every 700 allocations (the default) costs 17-28 % of its time. Writing the
# PDF is different: it leaves cycles behind, and collecting them late held
# a hundred megabytes more at the scale project's peak (470 against 363 MB),
# so the threshold goes back to normal before the writing (pdf_of).
# Collection only frees memory, it never changes what is drawn, so the
# PDF's bytes stay the same.
RENDER_GC_THRESHOLD = 100_000


@contextmanager
def fewer_collections():
    """Raise the garbage collector's threshold for the duration of a layout, and restore it afterwards."""
    before = gc.get_threshold()
    gc.set_threshold(RENDER_GC_THRESHOLD, *before[1:])
    try:
        yield
    finally:
        gc.set_threshold(*before)


def pdf_of(html: str) -> bytes:
    """Render HTML to PDF the way the worker does: with fewer garbage collections while laying out."""
    return html_to_pdf(html, laying_out=fewer_collections)


def stored_charter(project) -> RenderedCharter | None:
    """The last charter stored for the project in its document language, without its PDF bytes (loaded only when served)."""
    return RenderedCharter.objects.filter(project=project, language=project.language).defer("pdf").first()


def stored_pdf(rendered: RenderedCharter) -> bytes:
    return bytes(RenderedCharter.objects.values_list("pdf", flat=True).get(pk=rendered.pk))


def charter_store(*, project_pk: int, language: str, revision: int, etag: str, pdf: bytes, seconds: float, document: CharterHtml) -> bool:
    """Store a rendered charter unless what is stored is newer; whether it was stored.

    A conditional write, so renders finishing in any order never put an older
    revision over a newer one: it replaces only a lower revision, or the same
    revision when what is stored is not current (the document's state or the
    templates changed without a new revision). The project's row is locked
    while deciding, as a save does, so a save cannot slip in between.
    """
    values = {
        "revision": revision,
        "etag": etag,
        "pdf": pdf,
        "rendered_at": timezone.now(),
        "render_seconds": seconds,
        "fingerprint": document.fingerprint,
        "document_label": document.document_label,
    }
    with transaction.atomic():
        project = Project.objects.select_for_update().get(pk=project_pk)
        with translation_override(language):
            current = charter_etag(project)
        stored = RenderedCharter.objects.filter(project_id=project_pk, language=language)
        older = Q(revision__lt=revision) | (Q(revision=revision) & ~Q(etag=current))
        if stored.filter(older).update(**values):
            return True
        if stored.exists():
            return False
        try:
            with transaction.atomic():
                RenderedCharter.objects.create(project_id=project_pk, language=language, **values)
        except IntegrityError:
            return False  # another worker stored one meanwhile: it is at least as new
        return True


def charter_render(*, project, etag: str | None = None) -> CharterPdf:
    """The project's charter PDF in its document language: the stored one when current, else rendered now and stored.

    Only the worker and `manage.py render_charter` call it; pages never render.
    etag: charter_etag(project), when the caller has just computed it (it reads the document's state).
    """
    etag = etag or charter_etag(project)
    language = project.language
    cached = (
        RenderedCharter.objects.filter(project=project, language=language, etag=etag)
        .values_list("pdf", "fingerprint", "document_label")
        .first()
    )
    if cached is not None:
        pdf, fingerprint, document_label = cached
        return CharterPdf(bytes(pdf), etag, cached=True, fingerprint=fingerprint, document_label=document_label)
    revision = project.revision
    document = charter_document(project)
    _release_connection()
    started = time.perf_counter()
    pdf = pdf_of(document.html)
    elapsed = time.perf_counter() - started
    _reconnect()
    charter_store(project_pk=project.pk, language=language, revision=revision, etag=etag, pdf=pdf, seconds=elapsed, document=document)
    return CharterPdf(pdf, etag, cached=False, fingerprint=document.fingerprint, document_label=document.document_label)


def blank_checklist_etag(version=None) -> str:
    """The blank checklist's key: the methodology version it prints (or the live methodology), its templates and the language."""
    key = f"checklist:{version.pk if version else 'live'}:{charter_fingerprint()}:{get_language()}"
    return hashlib.sha256(key.encode()).hexdigest()[:32]


def stored_blank_checklist(etag: str) -> bytes | None:
    pdf = RenderedChecklist.objects.filter(etag=etag).values_list("pdf", flat=True).first()
    return None if pdf is None else bytes(pdf)


def blank_checklist_render() -> bytes:
    """Render the blank checklist of the latest methodology version in the active language, and store it."""
    version = latest_version()
    etag = blank_checklist_etag(version)
    html = render_to_string("charter/blank_checklist.html", blank_checklist_context())
    _release_connection()
    pdf = pdf_of(html)
    _reconnect()
    defaults = {"methodology_version": version, "language": get_language(), "pdf": pdf, "rendered_at": timezone.now()}
    try:
        with transaction.atomic():
            RenderedChecklist.objects.update_or_create(etag=etag, defaults=defaults)
    except IntegrityError:
        pass  # another worker stored the same checklist meanwhile
    return pdf
