"""The words around the page numbers of a PDF's footer, in the document's language.

The numbers are counters only the PDF layout knows, so the footer is built
in the stylesheet; the words come from the catalogue as one sentence
("Page %(page)s of %(pages)s"), cut at the numbers and handed to the
stylesheet as attributes of <body> (charter.css reads them with string-set).
"""

import re

from django import template
from django.utils.html import format_html
from django.utils.translation import gettext

register = template.Library()

NUMBERS = re.compile(r"%\((page|pages)\)s")


@register.simple_tag
def page_number_words():
    words = NUMBERS.split(gettext("Page %(page)s of %(pages)s"))
    # ["Page ", "page", " of ", "pages", ""]: the texts are at even places, the numbers' names at odd ones.
    if words[1::2] != ["page", "pages"]:
        words = NUMBERS.split("Page %(page)s of %(pages)s")  # a translation that reorders the numbers cannot be laid out
    before, between, after = words[0::2]
    return format_html('data-page-before="{}" data-page-between="{}" data-page-after="{}"', before, between, after)
