"""Reading rendered PDFs back: their text, their catalog and everything they could embed or link."""

import re
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
    """Text without any whitespace: long values wrap across lines and pages in the PDF."""
    return re.sub(r"\s+", "", text)


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
