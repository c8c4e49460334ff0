"""Rule guidance is stored as typed and rendered safely."""

import pytest

from stage1.methodology.models import Rule

pytestmark = pytest.mark.usefixtures("methodology")

HOSTILE_GUIDANCE = (
    "Intro paragraph.\n\n"
    "<script>alert(1)</script>\n\n"
    '<a href="javascript:alert(1)">x</a>\n\n'
    "[y](javascript:alert(1))\n\n"
    "<img src=x onerror=alert(1)>"
)
FORBIDDEN = ("<script", "javascript:", "onerror", "<img")


def test_hostile_guidance_is_stored_as_typed_but_rendered_without_script():
    rule = Rule.objects.get(slug="need")
    rule.guidance = HOSTILE_GUIDANCE
    rule.save()
    rule.refresh_from_db()

    assert rule.guidance == HOSTILE_GUIDANCE
    html = rule.guidance_html
    assert '<p class="govuk-body">Intro paragraph.</p>' in html
    for fragment in FORBIDDEN:
        assert fragment not in html.lower()
