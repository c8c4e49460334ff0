"""HTML to PDF with WeasyPrint, allowed to read nothing but our own stylesheet.

The charter prints text the users typed. The template escapes it, and the
fetcher is the second wall: it serves only an explicit allowlist of packaged
files, read from disk, and refuses every other URL (file://, http://, data:
...), so nothing typed can make the renderer load, attach or embed a file.
"""

import logging
from contextlib import nullcontext
from pathlib import Path

from django.conf import settings
from weasyprint import HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse, URLFetchingError

logger = logging.getLogger(__name__)

ASSET_PREFIX = "stage1-asset:"
# name -> (path on disk, media type). Nothing else can ever be fetched.
ALLOWED_ASSETS = {
    "charter.css": (Path(settings.BASE_DIR) / "static" / "charter" / "charter.css", "text/css"),
}


class AllowlistFetcher(URLFetcher):
    """Serve the allowlisted assets; refuse and record everything else."""

    def __init__(self, **kwargs):
        super().__init__(allowed_protocols=(), allow_redirects=False, **kwargs)
        self.requested: list[str] = []
        self.refused: list[str] = []

    def fetch(self, url, headers=None):
        self.requested.append(url)
        if url.startswith(ASSET_PREFIX):
            asset = ALLOWED_ASSETS.get(url.removeprefix(ASSET_PREFIX))
            if asset is not None:
                path, media_type = asset
                return URLFetcherResponse(url, body=path.read_bytes(), headers={"Content-Type": media_type})
        self.refused.append(url)
        logger.warning("PDF render refused to fetch %r", url[:200])
        raise URLFetchingError(f"Refused: {url[:200]}")


PDF_VARIANT = "pdf/ua-1"


def html_to_pdf(html: str, *, fetcher: AllowlistFetcher | None = None, laying_out=nullcontext) -> bytes:
    """Render a complete HTML document to a tagged PDF (PDF/UA-1).

    laying_out: a context manager around the layout alone, not the writing
    of the PDF that follows (services.fewer_collections).
    """
    fetcher = fetcher or AllowlistFetcher()
    with laying_out():
        # No base_url: relative URLs resolve to nothing instead of to the file system.
        document = HTML(string=html, base_url=None, url_fetcher=fetcher).render(pdf_variant=PDF_VARIANT)
    return document.write_pdf(pdf_variant=PDF_VARIANT)
