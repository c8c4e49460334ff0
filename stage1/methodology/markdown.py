"""Render methodology Markdown to HTML that is safe to show.

Methodology owners write guidance in Markdown in the admin. Markdown allows
raw HTML, so the output is cleaned with an allowlist: whatever is typed,
no script, style, event handler or foreign URL scheme reaches a page.
"""

from functools import lru_cache

import markdown as md
import nh3
from django.utils.safestring import SafeString, mark_safe

ALLOWED_TAGS = {
    "p",
    "br",
    "strong",
    "em",
    "ul",
    "ol",
    "li",
    "a",
    "h2",
    "h3",
    "h4",
    "blockquote",
    "code",
    "pre",
    "hr",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}
ALLOWED_URL_SCHEMES = {"http", "https", "mailto"}

# GOV.UK classes are added after cleaning so owners never type them.
_CLASSES = {
    "<p>": '<p class="govuk-body">',
    "<ul>": '<ul class="govuk-list govuk-list--bullet">',
    "<ol>": '<ol class="govuk-list govuk-list--number">',
    "<h2>": '<h2 class="govuk-heading-m">',
    "<h3>": '<h3 class="govuk-heading-s">',
    "<a ": '<a class="govuk-link" ',
}


@lru_cache(maxsize=512)
def render_markdown(text: str) -> SafeString:
    # Cached by the text itself: an edit in the admin is a new key, so nothing goes stale.
    html = md.markdown(text or "", extensions=["sane_lists"], output_format="html")
    clean = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_URL_SCHEMES,
        link_rel="noopener noreferrer",
    )
    for plain, styled in _CLASSES.items():
        clean = clean.replace(plain, styled)
    # Safe: nh3 cleaned it with an allowlist just above.
    return mark_safe(clean)  # noqa: S308  # nosec B308, B703
