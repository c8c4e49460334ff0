"""render_markdown: methodology Markdown to safe GOV.UK-styled HTML."""

from stage1.methodology.markdown import render_markdown


def test_paragraphs_get_the_govuk_body_class():
    assert render_markdown("One.\n\nTwo.") == '<p class="govuk-body">One.</p>\n<p class="govuk-body">Two.</p>'


def test_bullet_lists_get_govuk_list_classes():
    html = render_markdown("- one\n- two")
    assert '<ul class="govuk-list govuk-list--bullet">' in html
    assert html.count("<li>") == 2


def test_numbered_lists_get_govuk_list_classes():
    assert '<ol class="govuk-list govuk-list--number">' in render_markdown("1. one\n2. two")


def test_headings_get_govuk_heading_classes():
    html = render_markdown("## Section\n\n### Part")
    assert '<h2 class="govuk-heading-m">Section</h2>' in html
    assert '<h3 class="govuk-heading-s">Part</h3>' in html


def test_links_get_govuk_link_class_and_noopener():
    html = render_markdown("See [the EIF](https://example.org/eif).")
    assert 'class="govuk-link"' in html
    assert 'href="https://example.org/eif"' in html
    assert 'rel="noopener noreferrer"' in html


def test_empty_guidance_renders_nothing():
    assert render_markdown("") == ""
    assert render_markdown(None) == ""


def test_typed_classes_and_styles_are_removed():
    html = render_markdown('<p class="evil" style="position:fixed">hi</p>')
    assert "evil" not in html
    assert "style" not in html
