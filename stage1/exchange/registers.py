"""The registers as CSV files for spreadsheets, and importing stakeholders from one.

The first row holds the fields' labels in the project's document language
(the import also reads labels in any of the four languages, and machine
names as in the JSON export); values are stored codes (“public_body”, dates
as 2027-03-27), the same in every language, and a cross-reference shows the
name of what it points at. Files are UTF-8 with a byte order mark,
which Excel needs to read accents correctly.

A cell that starts with = + - @, a tab or a carriage return would be run as a
formula by a spreadsheet; such a cell is written with a leading apostrophe,
which spreadsheets hide and which the import removes again.
"""

import csv
import io
from datetime import date

from django.conf import settings
from django.db import transaction
from django.db.models import Max
from django.utils import translation

from stage1.exchange import errors
from stage1.exchange.errors import ImportFailed
from stage1.exchange.fields import Field, item_fields
from stage1.projects.forms import ITEM_LIMIT
from stage1.projects.models import Project
from stage1.projects.services import project_touch
from stage1.projects.steps import STEPS, ItemKind

ROW_LIMIT = ITEM_LIMIT
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
BOM = "\ufeff"
YES = ("yes", "true", "1", "on")


def register_kind(slug: str) -> ItemKind | None:
    """A list the registry marks as a register (ItemKind.register), or None."""
    kind = STEPS.kind(slug)
    return kind if kind is not None and kind.register else None


def escape_cell(text: str) -> str:
    """Keep a spreadsheet from running the cell as a formula (also escapes a cell that only looks escaped)."""
    return "'" + text if text.lstrip("'").startswith(FORMULA_STARTS) else text


def unescape_cell(text: str) -> str:
    return text[1:] if text.startswith("'") and text.lstrip("'").startswith(FORMULA_STARTS) else text


def register_csv(project: Project, kind: ItemKind) -> str:
    """One register as CSV text, starting with the byte order mark."""
    fields = item_fields(kind)
    out = io.StringIO()
    writer = csv.writer(out)
    with translation.override(project.language):
        writer.writerow([field.label for field in fields])
    for item in kind.queryset(project):
        writer.writerow([escape_cell(_cell(item, field)) for field in fields])
    return BOM + out.getvalue()


def _cell(item, field: Field) -> str:
    value = getattr(item, field.name)
    if field.many:
        return "; ".join(str(target) for target in value.all())
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


@transaction.atomic
def items_import_csv(*, project: Project, kind: ItemKind, user, content: bytes) -> int:
    """Add one item per row of a CSV file, all or nothing. Returns how many were added.

    Every row goes through the wizard's form for the list; ImportFailed lists
    every problem by row (row 1 is the column names, as in a spreadsheet).
    """
    if not kind.csv_import:
        raise ValueError(f"{kind.slug} cannot be imported from CSV")
    fields = item_fields(kind)
    header, rows = _read(content)
    columns = _columns(header, fields)
    rows = [(number, row) for number, row in rows if any(cell.strip() for cell in row)]
    if not rows:
        raise ImportFailed([errors.CSV_NO_ROWS])
    if len(rows) > ROW_LIMIT:
        raise ImportFailed([errors.CSV_TOO_MANY_ROWS % {"count": len(rows), "limit": ROW_LIMIT}])
    existing = kind.model.objects.filter(project=project).count()
    if existing + len(rows) > ITEM_LIMIT:
        items = kind.model._meta.verbose_name_plural
        raise ImportFailed([errors.CSV_OVER_LIMIT % {"existing": existing, "items": items, "count": len(rows), "limit": ITEM_LIMIT}])
    position = kind.model.objects.filter(project=project).aggregate(n=Max("position"))["n"] or 0
    problems = []
    for number, row in rows:
        data, row_problems = _row_data(number, row, columns, fields)
        if row_problems:
            problems.extend(row_problems)
            continue
        form = kind.form_class(data, project=project, instance=kind.model(project=project))
        if not form.is_valid():
            problems.extend(_row_errors(number, form))
            continue
        item = form.save(commit=False)
        position += 1
        item.position = position
        item.updated_by = user
        item.save()
        form.save_m2m()
    if problems:
        # Leaving the atomic block with an exception undoes the rows saved above.
        raise ImportFailed(problems)
    project_touch(project)
    return len(rows)


def _read(content: bytes) -> tuple[list[str], list[tuple[int, list[str]]]]:
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ImportFailed([errors.NOT_UTF8]) from exc
    first_line = text.split("\n", 1)[0]
    # Spreadsheets in many languages save CSV with semicolons.
    delimiter = max((",", ";", "\t"), key=first_line.count)
    # Strict: without it a quote left open swallows the rest of the file into one cell and imports that.
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    records = []
    try:
        for record in reader:
            records.append(record)
    except csv.Error as exc:
        raise ImportFailed([_unreadable(len(records) + 1, exc)]) from exc
    if not records:
        raise ImportFailed([errors.FILE_EMPTY])
    return records[0], list(enumerate(records[1:], 2))


def _unreadable(row: int, exc: csv.Error) -> str:
    """Why a row could not be read, in the words of the other messages (the csv module's are English only)."""
    # Its messages are the only way to tell the csv module's errors apart.
    problem = str(exc)
    if problem.startswith("unexpected end of data"):
        return str(errors.CSV_UNCLOSED_QUOTE % {"row": row})
    if "expected after" in problem:
        return str(errors.CSV_TEXT_AFTER_QUOTE % {"row": row})
    if problem.startswith("field larger than field limit"):
        return str(errors.CSV_CELL_TOO_LONG % {"row": row, "limit": csv.field_size_limit()})
    return str(errors.CSV_UNREADABLE % {"row": row, "problem": problem})


def _columns(header: list[str], fields: tuple[Field, ...]) -> list[Field | None]:
    """The field each column fills; a column may be named by machine name or by label."""
    names = {}
    for field in fields:
        names[field.name.lower()] = field
        for language, _name in settings.LANGUAGES:
            with translation.override(language):
                names[field.label.lower()] = field
    if all(not cell.strip() for cell in header):
        raise ImportFailed([errors.CSV_NO_HEADER % {"columns": ", ".join(f.name for f in fields)}])
    columns, problems = [], []
    for cell in header:
        key = cell.strip().lower()
        field = names.get(key)
        if not key:
            # Spreadsheets often save empty columns at the end; their cells are ignored.
            pass
        elif field is None:
            problems.append(errors.CSV_UNKNOWN_COLUMN % {"column": cell.strip(), "columns": ", ".join(f.name for f in fields)})
        elif field in columns:
            problems.append(errors.CSV_DUPLICATE_COLUMN % {"column": cell.strip()})
        columns.append(field)
    for field in fields:
        if field.required and not field.model_field.has_default() and field not in columns:
            problems.append(errors.CSV_MISSING_COLUMN % {"column": field.name})
    if problems:
        raise ImportFailed(problems)
    return columns


def _row_data(number: int, row: list[str], columns: list[Field | None], fields: tuple[Field, ...]) -> tuple[dict, list[str]]:
    if len(row) > len(columns) and any(cell.strip() for cell in row[len(columns) :]):
        return {}, [str(errors.CSV_EXTRA_CELLS % {"row": number})]
    values = {field.name: str(field.model_field.get_default() or "") for field in fields}
    for field, cell in zip(columns, row, strict=False):
        if field is not None:
            values[field.name] = unescape_cell(cell)
    data, problems = {"base_version": "0"}, []
    for field in fields:
        value = values[field.name]
        if field.model_field.choices and value.strip():
            code = _choice_code(field, value.strip())
            if code is None:
                choices = ", ".join(f"“{code}” ({label})" for code, label in field.model_field.flatchoices)
                problem = errors.CSV_BAD_CHOICE % {"value": value.strip(), "choices": choices}
                problems.append(str(errors.CSV_ROW_PROBLEM % {"row": number, "field": field.label, "problem": problem}))
                continue
            value = code
        if field.model_field.get_internal_type() == "BooleanField":
            if value.strip().lower() in YES:
                data[field.name] = "on"
            continue
        data[field.name] = value
    return data, problems


def _choice_code(field: Field, value: str) -> str | None:
    """The stored code for a cell holding either the code or the label, in any case."""
    for code, label in field.model_field.flatchoices:
        if value.lower() in (str(code).lower(), str(label).lower()):
            return code
    return None


def _row_errors(number: int, form) -> list[str]:
    problems = []
    for name, field_errors in form.errors.as_data().items():
        for error in field_errors:
            for problem in error.messages:
                if name == "__all__":
                    problems.append(str(errors.CSV_ROW_GENERAL % {"row": number, "problem": problem}))
                else:
                    problems.append(str(errors.CSV_ROW_PROBLEM % {"row": number, "field": form.fields[name].label, "problem": problem}))
    return problems
