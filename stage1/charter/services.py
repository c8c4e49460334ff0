"""Render charters and blank checklists; cache rendered charters per project version."""

import hashlib
import time
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from django.conf import settings
from django.db import close_old_connections, connection, transaction
from django.template.loader import render_to_string
from django.utils.translation import get_language

from stage1.charter.context import blank_checklist_context, charter_context
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


@dataclass(frozen=True)
class CharterPdf:
    pdf: bytes
    etag: str
    cached: bool


@cache
def charter_fingerprint() -> str:
    """A hash of every file in CHARTER_SOURCES, names and contents; computed once per process (at start-up)."""
    digest = hashlib.sha256()
    for root in CHARTER_SOURCES:
        for path in sorted(p for p in Path(root).rglob("*") if p.is_file()):
            digest.update(str(path.relative_to(root.parent)).encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()[:16]


def charter_etag(project) -> str:
    key = f"{project.pk}:{project.revision}:{charter_fingerprint()}:{get_language()}"
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
            project=project, defaults={"revision": project.revision, "etag": etag, "pdf": pdf, "render_seconds": elapsed}
        )
    return CharterPdf(pdf, etag, cached=False)


def blank_checklist_render() -> bytes:
    html = render_to_string("charter/blank_checklist.html", blank_checklist_context())
    _release_connection()
    return html_to_pdf(html)
