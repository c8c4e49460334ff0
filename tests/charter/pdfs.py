"""Reading rendered PDFs back: their text, their catalog and everything they could embed or link."""

import re
import subprocess
from html.parser import HTMLParser
from io import BytesIO

from pypdf import PdfReader
from pypdf.generic import DictionaryObject

from stage1.projects.display import display
from stage1.projects.steps import STEPS


def reader(pdf: bytes) -> PdfReader:
    return PdfReader(BytesIO(pdf))


def page_texts(pdf: bytes) -> list[str]:
    return [page.extract_text() for page in reader(pdf).pages]


def pdf_text(pdf: bytes) -> str:
    return "\n".join(page_texts(pdf))


def squash(text: str) -> str:
    """Text without whitespace or bidi isolates: long values wrap across lines and pages, and isolates are never printed."""
    return re.sub(r"[\s\u2066-\u2069]+", "", text)


def layout_pages(pdf: bytes) -> list[str]:
    """Each page's text as poppler's pdftotext -layout places it: one line of text per printed line."""
    text = subprocess.run(["pdftotext", "-layout", "-", "-"], input=pdf, capture_output=True, check=True).stdout.decode()
    return text.split("\f")[: len(reader(pdf).pages)]


def body_lines(page_text: str, *, first_page: bool = False) -> list[str]:
    """The printed lines of a page without its running header (not on the cover) and footer, stripped."""
    lines = [line.strip() for line in page_text.splitlines() if line.strip()]
    return lines[(0 if first_page else 1) : -1]


def normal(text: str) -> str:
    return " ".join(text.split())


class _Headings(HTMLParser):
    """The text of every element of the given tags, in document order."""

    def __init__(self, tags: set[str]):
        super().__init__(convert_charrefs=True)
        self.tags, self.found, self._open = tags, [], []

    def handle_starttag(self, tag, attrs):
        if tag in self.tags:
            self._open.append((tag, []))

    def handle_endtag(self, tag):
        if self._open and self._open[-1][0] == tag:
            found_tag, parts = self._open.pop()
            self.found.append((found_tag, normal(re.sub(r"[\u2066-\u2069]", "", "".join(parts)))))

    def handle_data(self, data):
        for _tag, parts in self._open:
            parts.append(data)


def elements_text(html: str, *tags: str) -> list[tuple[str, str]]:
    """(tag, text) of every element of these tags in the HTML, whitespace collapsed."""
    parser = _Headings(set(tags))
    parser.feed(html)
    return parser.found


def font_sizes(pdf: bytes, page_number: int) -> list[tuple[float, str]]:
    """(size in points, text) of every piece of text in a page's body, the running header and footer left out.

    The header and footer sit in the page margins, within 40 pt of the top and bottom edges.
    """
    page = reader(pdf).pages[page_number - 1]
    height = float(page.mediabox.height)
    found = []

    def visit(text, cm, tm, _font, size):
        y = tm[5] * cm[3] + cm[5]
        if text.strip() and 45 < y < height - 40:
            found.append((round(size * abs(tm[3]) * abs(cm[3]), 2), text))

    page.extract_text(visitor_text=visit)
    return found


def form_fields(form_class) -> list[str]:
    return [name for name in form_class.base_fields if name != "base_version"]


def entered_values(project) -> list[tuple[str, str]]:
    """(where, shown value) for every non-empty value entered in the project: step answers and every item's fields."""
    values = [(f"project.{name}", getattr(project, name)) for name in ("title", "organisation", "description")]
    for step in STEPS:
        record = step.model.objects.get(project=project)
        values += [(f"{step.slug}.{name}", display(record, name)) for name in form_fields(step.form_class)]
        for kind in step.items:
            for item in kind.queryset(project):
                values += [(f"{kind.slug}#{item.pk}.{name}", display(item, name)) for name in form_fields(kind.form_class)]
    return [(where, value) for where, value in values if value]


def missing_from(text: str, values: list[tuple[str, str]]) -> list[tuple[str, str]]:
    flat = squash(text)
    return [(where, value) for where, value in values if squash(value) not in flat]


def all_objects(pdf_reader: PdfReader):
    """Every object of the file, also those packed in object streams."""
    numbers = {num for table in pdf_reader.xref.values() for num in table} | set(pdf_reader.xref_objStm)
    for num in sorted(numbers):
        obj = pdf_reader.get_object(num)
        if obj is not None:
            yield obj


def dangers(pdf: bytes) -> list[str]:
    """What a PDF must never carry when it prints user text: attachments, embedded files, links out, actions."""
    found = []
    pdf_reader = reader(pdf)
    root = pdf_reader.trailer["/Root"]
    names = root.get("/Names")
    if names is not None and "/EmbeddedFiles" in names.get_object():
        found.append("/EmbeddedFiles in the names tree")
    if "/AF" in root:
        found.append("associated files in the catalog")
    if "/OpenAction" in root or "/AA" in root:
        found.append("an action run when the document opens")
    if pdf_reader.attachments:
        found.append(f"attachments {list(pdf_reader.attachments)}")
    for number, page in enumerate(pdf_reader.pages, start=1):
        for annot in page.get("/Annots") or []:
            annot = annot.get_object()
            subtype = annot.get("/Subtype")
            if subtype == "/FileAttachment":
                found.append(f"file attachment annotation on page {number}")
            if subtype == "/Link" and "/A" in annot:
                action = annot["/A"].get_object()
                target = str(action.get("/URI", "")) + str(action.get("/F", ""))
                if action.get("/S") != "/URI" or target.startswith("file:") or "127.0.0.1" in target or "etc/" in target:
                    found.append(f"link {action.get('/S')} {target!r} on page {number}")
    for obj in all_objects(pdf_reader):
        if isinstance(obj, DictionaryObject):
            if obj.get("/Type") in ("/EmbeddedFile", "/Filespec") or obj.get("/S") in ("/Launch", "/JavaScript", "/ImportData"):
                found.append(f"object {obj.get('/Type') or obj.get('/S')}")
            if "/JS" in obj or "/EF" in obj:
                found.append("script or embedded file stream")
    return found
