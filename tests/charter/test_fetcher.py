"""The URL fetcher of the PDF renderer: an explicit allowlist of packaged files, nothing else."""

import pytest
from weasyprint.urls import URLFetchingError

from stage1.charter.pdf import ALLOWED_ASSETS, AllowlistFetcher, html_to_pdf
from tests.charter.pdfs import dangers, pdf_text

REFUSED = [
    "file:///etc/passwd",
    "FILE:///etc/passwd",
    "stage1-asset:../../etc/passwd",
    "stage1-asset:/etc/passwd",
    "stage1-asset:charter.css/../../../etc/passwd",
    "stage1-asset:charter.css?x=1",
    "stage1-asset:preview.css",
    "http://127.0.0.1:1/x",
    "https://example.org/logo.png",
    "data:text/css,body{display:none}",
    "/etc/passwd",
    "etc/passwd",
]


def _page(body: str) -> str:
    return f'<!DOCTYPE html><html lang="en"><head><title>t</title></head><body>{body}</body></html>'


@pytest.mark.parametrize("url", REFUSED)
def test_the_fetcher_refuses_and_records_everything_not_on_the_allowlist(url):
    fetcher = AllowlistFetcher()

    with pytest.raises(URLFetchingError):
        fetcher.fetch(url)

    assert fetcher.refused == [url]
    assert fetcher.requested == [url]


def test_the_fetcher_serves_the_charter_stylesheet_from_disk():
    fetcher = AllowlistFetcher()

    response = fetcher.fetch("stage1-asset:charter.css")

    path, media_type = ALLOWED_ASSETS["charter.css"]
    assert response.read() == path.read_bytes()
    assert response.headers.get_content_type() == media_type == "text/css"
    assert fetcher.refused == []


def test_the_allowlist_names_only_packaged_files():
    for name, (path, _media_type) in ALLOWED_ASSETS.items():
        assert "/" not in name
        assert path.is_file()
        assert "static" in path.parts


def test_markup_that_slipped_through_still_fetches_nothing():
    fetcher = AllowlistFetcher()
    html = _page(
        '<img src="file:///etc/passwd"><link rel="attachment" href="file:///etc/hostname">'
        '<div style="background: url(file:///etc/passwd)">visible text</div><img src="http://127.0.0.1:1/x">'
    )

    pdf = html_to_pdf(html, fetcher=fetcher)

    assert set(fetcher.refused) == {"file:///etc/passwd", "file:///etc/hostname", "http://127.0.0.1:1/x"}
    assert dangers(pdf) == []
    assert "visible text" in pdf_text(pdf)


def test_a_relative_address_resolves_to_nothing_rather_than_to_the_file_system():
    fetcher = AllowlistFetcher()

    pdf = html_to_pdf(_page('<img src="etc/passwd"><link rel="attachment" href="../../etc/hostname"><p>text</p>'), fetcher=fetcher)

    assert all(not url.startswith("file:") for url in fetcher.requested)
    assert dangers(pdf) == []


def test_the_checks_of_this_suite_would_notice_an_attachment():
    # The stylesheet is allowed, so attaching it works: dangers() must see it.
    pdf = html_to_pdf(_page('<link rel="attachment" href="stage1-asset:charter.css"><p>text</p>'))

    assert dangers(pdf)


def test_the_checks_of_this_suite_would_notice_a_link_to_a_file_or_a_local_address():
    pdf = html_to_pdf(_page('<a href="file:///etc/passwd">one</a> <a href="http://127.0.0.1:1/x">two</a>'))

    found = dangers(pdf)
    assert any("file:///etc/passwd" in danger for danger in found)
    assert any("127.0.0.1" in danger for danger in found)
