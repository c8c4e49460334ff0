"""The registers as CSV, and stakeholders imported from CSV: escaping, round trip, row errors, all or nothing."""

import csv
import io

import pytest
from django.conf import settings
from django.utils import translation

from stage1.exchange import errors
from stage1.exchange.errors import ImportFailed
from stage1.exchange.fields import item_fields
from stage1.exchange.registers import ROW_LIMIT, escape_cell, items_import_csv, register_csv, unescape_cell
from stage1.projects.forms import ITEM_LIMIT
from stage1.projects.models import Project, Stakeholder
from stage1.projects.steps import STEPS
from tests.exchange.conftest import row_counts

REGISTERS = [kind.slug for kind in STEPS.registers()]

STAKEHOLDER = STEPS.kind("stakeholder")
HEADER = "name,organisation,kind,role,interest,influence,contact_point,engagement_channel,commitment"


def rows_of(text: str) -> list[list[str]]:
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:], newline="")))


def import_csv(project, user, text: str, *, encoding="utf-8") -> int:
    return items_import_csv(project=project, kind=STAKEHOLDER, user=user, content=text.encode(encoding))


def stakeholder_values(project) -> list[tuple]:
    names = [field.name for field in item_fields(STAKEHOLDER)]
    return list(Stakeholder.objects.filter(project=project).order_by("position", "id").values_list(*names))


@pytest.mark.parametrize("slug", REGISTERS)
def test_each_register_starts_with_a_bom_and_the_field_labels(demo, slug):
    kind = STEPS.kind(slug)
    rows = rows_of(register_csv(demo, kind))
    assert rows[0] == [field.label for field in item_fields(kind)]
    assert len(rows) == 1 + kind.model.objects.filter(project=demo).count()


@pytest.mark.parametrize("language", [code for code, _name in settings.LANGUAGES if code != "en"])
def test_a_register_is_headed_in_the_projects_language_and_imports_back(demo, project, editor, language):
    """Column names are the labels in the project's document language; the import reads them in any language."""
    Project.objects.filter(pk=demo.pk).update(language=language)
    demo.refresh_from_db()
    kind = STEPS.kind("stakeholder")
    content = register_csv(demo, kind)
    with translation.override(language):
        labels = [field.label for field in item_fields(kind)]
    assert rows_of(content)[0] == labels
    assert labels != [field.label for field in item_fields(kind)]  # not the English ones
    count = items_import_csv(project=project, kind=kind, user=editor, content=content.encode())
    assert count == kind.model.objects.filter(project=demo).count()


def test_cross_references_show_the_name_of_what_they_point_at(demo):
    kind = STEPS.kind("milestone")
    rows = rows_of(register_csv(demo, kind))
    labels = {field.name: field.label for field in item_fields(kind)}
    header = rows[0]
    column = header.index(labels["depends_on"])
    depends = [row[column] for row in rows[1:] if row[column]]
    assert depends, "the demo has milestones with dependencies"
    names = {row[header.index(labels["name"])] for row in rows[1:]}
    assert all(part in names for cell in depends for part in cell.split("; "))
    assert {row[header.index(labels["review_gate"])] for row in rows[1:]} <= {"yes", "no"}


def test_stakeholders_round_trip_through_csv_into_an_empty_project(demo, project, editor):
    assert import_csv(project, editor, register_csv(demo, STAKEHOLDER)[1:]) == Stakeholder.objects.filter(project=demo).count()
    assert stakeholder_values(project) == stakeholder_values(demo)
    assert list(Stakeholder.objects.filter(project=project).values_list("position", flat=True)) == list(
        range(1, Stakeholder.objects.filter(project=project).count() + 1)
    )


HOSTILE = ['=HYPERLINK("http://evil.example","click")', "+1+2", "-3", "@SUM(A1)", "\tTabbed", "'=already quoted", "Plain – ünïcode"]


@pytest.mark.parametrize("value", HOSTILE)
def test_formula_cells_are_escaped_and_come_back_unchanged(project, owner, editor, value):
    Stakeholder.objects.create(project=project, name="Ministry", organisation=value, position=1)
    cell = rows_of(register_csv(project, STAKEHOLDER))[1][1]
    if value.startswith(("=", "+", "-", "@", "\t", "'")):
        assert cell == "'" + value
    else:
        assert cell == value
    Stakeholder.objects.filter(project=project).delete()
    import_csv(project, editor, HEADER + "\n" + f'Ministry,"{cell.replace(chr(34), chr(34) * 2)}"\n')
    # The wizard's form strips surrounding white space, as it does for what is typed.
    assert Stakeholder.objects.get(project=project).organisation == value.strip()


def test_escaping_is_reversible():
    for value in ["", "a", "=1", "'=1", "''=1", "'plain", "-", "@"]:
        assert unescape_cell(escape_cell(value)) == value


def test_a_bad_type_and_a_missing_name_are_reported_by_row_and_nothing_is_created(project, editor):
    text = HEADER + "\nMinistry of Mobility,,public_body\nThe Minister,,minister\n,Some body,regulator\nResidents,,user_rep\n"
    before = row_counts()
    with pytest.raises(ImportFailed) as refused:
        import_csv(project, editor, text)
    assert row_counts() == before
    choices = ", ".join(f"“{code}” ({label})" for code, label in Stakeholder._meta.get_field("kind").flatchoices)
    assert refused.value.errors == [
        "Row 3, Type: " + str(errors.CSV_BAD_CHOICE % {"value": "minister", "choices": choices}),
        "Row 4, Name: Enter the stakeholder's name",
    ]


def test_labels_and_any_case_are_accepted_for_choices(project, editor):
    import_csv(project, editor, "Name,Type,Interest\nData Protection Authority,Regulator,HIGH\n")
    stakeholder = Stakeholder.objects.get(project=project)
    assert (stakeholder.kind, stakeholder.interest) == ("regulator", "high")


def test_missing_columns_take_the_default_and_blank_rows_are_skipped(project, editor):
    assert import_csv(project, editor, "name\nMinistry\n\n,\nSupplier Ltd\n") == 2
    assert set(Stakeholder.objects.filter(project=project).values_list("kind", flat=True)) == {"public_body"}


def test_a_semicolon_separated_file_from_a_spreadsheet_is_read(project, editor):
    import_csv(project, editor, "\ufeffname;organisation;kind\r\nMinistry;State;public_body\r\n")
    assert Stakeholder.objects.get(project=project).organisation == "State"


def test_imported_rows_follow_the_existing_ones(project, editor):
    Stakeholder.objects.create(project=project, name="Existing", position=4)
    import_csv(project, editor, "name\nNew one\n")
    assert Stakeholder.objects.get(project=project, name="New one").position == 5


FILE_PROBLEMS = {
    "an unknown column": ("name,shoe_size\nMinistry,43\n", "The column “shoe_size” is not one this list has"),
    "no name column": ("organisation\nState\n", str(errors.CSV_MISSING_COLUMN % {"column": "name"})),
    "a duplicated column": ("name,Name\nA,B\n", str(errors.CSV_DUPLICATE_COLUMN % {"column": "Name"})),
    "only a header": ("name\n", str(errors.CSV_NO_ROWS)),
    "an empty header": (",\nA,B\n", "The first row must name the columns"),
    "too many cells": ("name\nMinistry,extra\n", str(errors.CSV_EXTRA_CELLS % {"row": 2})),
    "a name over its limit": ("name\n" + "x" * 201 + "\n", "Row 2, Name: Name must be 200 characters or fewer"),
    "a NUL byte": ("name\nMini\0stry\n", "Row 2, Name: Name contains a null character"),
}


@pytest.mark.parametrize("case", FILE_PROBLEMS, ids=list(FILE_PROBLEMS))
def test_a_malformed_csv_is_refused_and_creates_nothing(case, project, editor):
    text, expected = FILE_PROBLEMS[case]
    before = row_counts()
    with pytest.raises(ImportFailed) as refused:
        import_csv(project, editor, text)
    assert row_counts() == before
    assert any(problem.startswith(expected) for problem in refused.value.errors), refused.value.errors


def test_a_file_that_is_not_utf8_is_refused(project, editor):
    with pytest.raises(ImportFailed) as refused:
        import_csv(project, editor, "name\nMinistère\n", encoding="latin-1")
    assert refused.value.errors == [str(errors.NOT_UTF8)]


def test_more_rows_than_the_limit_are_refused(project, editor):
    text = "name\n" + "".join(f"Body {n}\n" for n in range(ROW_LIMIT + 1))
    with pytest.raises(ImportFailed) as refused:
        import_csv(project, editor, text)
    assert refused.value.errors == [str(errors.CSV_TOO_MANY_ROWS % {"count": ROW_LIMIT + 1, "limit": ROW_LIMIT})]
    assert not Stakeholder.objects.filter(project=project).exists()


def test_a_list_never_grows_past_its_limit(project, editor):
    Stakeholder.objects.bulk_create(Stakeholder(project=project, name=f"Body {n}", position=n) for n in range(ITEM_LIMIT - 1))
    with pytest.raises(ImportFailed) as refused:
        import_csv(project, editor, "name\nOne\nTwo\n")
    assert "with 2 more it would have more than 500" in refused.value.errors[0]
    assert Stakeholder.objects.filter(project=project).count() == ITEM_LIMIT - 1


# What a spreadsheet would show as row 3 opens a quote that nothing closes: read leniently, the
# rest of the file became one cell and was imported as a stakeholder.
UNREADABLE = {
    "a quote left open": (
        HEADER + '\nMinistry,State\nResidents,"Town hall\nSupplier Ltd,Acme\n',
        errors.CSV_UNCLOSED_QUOTE % {"row": 3},
    ),
    "a quote left open at the very end": (HEADER + '\nMinistry,State\nResidents,"Town hall', errors.CSV_UNCLOSED_QUOTE % {"row": 3}),
    "text after a closing quote": (HEADER + '\n"Ministry" of Mobility,State\n', errors.CSV_TEXT_AFTER_QUOTE % {"row": 2}),
    "a cell longer than the csv module reads": (
        HEADER + "\nMinistry,State\n" + "x" * (csv.field_size_limit() + 1) + "\n",
        errors.CSV_CELL_TOO_LONG % {"row": 3, "limit": csv.field_size_limit()},
    ),
}


@pytest.mark.parametrize("case", UNREADABLE, ids=list(UNREADABLE))
def test_a_file_that_is_not_well_formed_csv_is_refused_by_row(case, project, editor):
    text, expected = UNREADABLE[case]
    before = row_counts()
    with pytest.raises(ImportFailed) as refused:
        import_csv(project, editor, text)
    assert refused.value.errors == [str(expected)]
    assert row_counts() == before


def test_a_quote_inside_an_unquoted_cell_is_kept_as_written(project, editor):
    import_csv(project, editor, 'name\nThe "Friends" of the Park\n')
    assert Stakeholder.objects.get(project=project).name == 'The "Friends" of the Park'


def test_a_quoted_cell_over_several_lines_is_one_row(project, editor):
    import_csv(project, editor, 'name,organisation\n"Ministry\nof Mobility",State\nCouncil,Town\n')
    assert list(Stakeholder.objects.filter(project=project).values_list("name", flat=True)) == ["Ministry\nof Mobility", "Council"]


NUL = "Name contains a null character, which cannot be saved: delete it or type the text again"
NAME_LIMIT = Stakeholder._meta.get_field("name").max_length
KINDS = ", ".join(f"“{code}” ({label})" for code, label in Stakeholder._meta.get_field("kind").flatchoices)


def row_problem(row: int, field: str, problem) -> str:
    return str(errors.CSV_ROW_PROBLEM % {"row": row, "field": field, "problem": problem})


# Each row but one is valid, so a refusal proves that the valid rows were not kept either.
INVALID_ROWS = {
    "a NUL in a name": ("Mini\x00stry,State", row_problem(3, "Name", NUL)),
    "a NUL in an organisation": ("Ministry,\x00", row_problem(3, "Organisation", NUL.replace("Name", "Organisation"))),
    "a 10,000-character name": (
        "x" * 10_000 + ",State",
        row_problem(3, "Name", f"Name must be {NAME_LIMIT} characters or fewer"),
    ),
    "a type that is not a choice": (
        "Ministry,State,minister",
        row_problem(3, "Type", errors.CSV_BAD_CHOICE % {"value": "minister", "choices": KINDS}),
    ),
}


@pytest.mark.parametrize("case", INVALID_ROWS, ids=list(INVALID_ROWS))
def test_an_invalid_value_is_refused_by_row_and_field_and_nothing_is_imported(case, project, editor):
    row, expected = INVALID_ROWS[case]
    before = row_counts()
    with pytest.raises(ImportFailed) as refused:
        import_csv(project, editor, f"{HEADER}\nCouncil,Town\n{row}\nResidents\n")
    assert refused.value.errors == [expected]
    assert row_counts() == before
