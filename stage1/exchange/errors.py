"""What goes wrong on import, in words for the person who chose the file.

The messages are constants so tests can assert against them.
"""

from django.utils.translation import gettext_lazy as _

# How many problems one refused import lists; more only repeat the same mistake.
MAX_ERRORS = 50

MORE_ERRORS = _("… and %(count)s more problems.")
NOT_UTF8 = _("The file is not UTF-8 text. Save it again as UTF-8 (in a spreadsheet: “CSV UTF-8”).")
NOT_JSON = _("The file is not valid JSON, so it cannot be a Stage 1 project export.")
NOT_A_CHARACTER = _(
    "%(where)s: “%(escape)s” is half of a character pair, not a character; no page or database can hold it. "
    "Correct the text or export the project again."
)
NOT_AN_EXPORT = _("The file is not a Stage 1 project export: it should say “format”: “stage1.project”.")
WRONG_VERSION = _("The file is in version %(version)s of the export format; this service reads versions 1 to %(expected)s.")
SCHEMA_PROBLEM = _("%(where)s: %(problem)s")
DUPLICATE_ID = _("%(where)s: the id “%(id)s” is used more than once in this list.")
DANGLING = _("%(where)s, %(field)s: refers to “%(ref)s”, which is not in the file.")
NOT_A_DATE = _("%(where)s, %(field)s: “%(value)s” is not a real date.")
FIELD_PROBLEM = _("%(where)s, %(field)s: %(problem)s")
ITEM_PROBLEM = _("%(where)s: %(problem)s")
ANSWER_WHERE = _("The answer to “%(question)s” (rule “%(rule)s”)")
ANSWER_UNMATCHED = _("The answer to “%(question)s” (rule “%(rule)s”) was left out: the methodology has no such question.")
ANSWER_REWORDED = _("The answer to “%(question)s” was attached to question %(order)s of rule “%(rule)s”, which now reads “%(current)s”.")
ACTION_OWNER_UNKNOWN = _("an action's owner “%(owner)s” is not a team member of the file")
ANSWER_TWICE = _("The question “%(question)s” (rule “%(rule)s”) is answered twice in the file; the first answer was kept.")

NOTHING_IMPORTED = _("Nothing was imported. Correct the problems listed below, then choose the file again.")
FILE_TOO_LARGE = _("The file must be smaller than %(megabytes)s MB.")
FILE_EMPTY = _("The selected file is empty.")
FILE_REQUIRED = _("Select a file")

CSV_UNCLOSED_QUOTE = _(
    'Row %(row)s: a cell opens a quote (") that is never closed, so the rest of the file would be read as that one cell. '
    "Add the closing quote or remove the opening one."
)
CSV_TEXT_AFTER_QUOTE = _(
    'Row %(row)s: a cell has more text after its closing quote. Put the whole cell in quotes and write each quote inside it twice ("").'
)
CSV_CELL_TOO_LONG = _("Row %(row)s: a cell is longer than %(limit)s characters, more than any field can hold.")
CSV_UNREADABLE = _("Row %(row)s could not be read as CSV: %(problem)s")
CSV_NO_HEADER = _("The first row must name the columns, for example: %(columns)s.")
CSV_UNKNOWN_COLUMN = _("The column “%(column)s” is not one this list has. Columns can be: %(columns)s.")
CSV_DUPLICATE_COLUMN = _("The column “%(column)s” appears twice.")
CSV_MISSING_COLUMN = _("The file needs a column “%(column)s”.")
CSV_NO_ROWS = _("The file has no rows below the column names.")
CSV_TOO_MANY_ROWS = _("The file has %(count)s rows; at most %(limit)s can be imported at once.")
CSV_OVER_LIMIT = _(
    "The project has %(existing)s %(items)s; with %(count)s more it would have more than %(limit)s, the most a list can hold."
)
CSV_EXTRA_CELLS = _("Row %(row)s has more cells than there are columns.")
CSV_BAD_CHOICE = _("“%(value)s” is not one of %(choices)s")
CSV_ROW_PROBLEM = _("Row %(row)s, %(field)s: %(problem)s")
CSV_ROW_GENERAL = _("Row %(row)s: %(problem)s")


def capped(errors: list[str]) -> list[str]:
    if len(errors) <= MAX_ERRORS:
        return errors
    return [*errors[:MAX_ERRORS], str(MORE_ERRORS % {"count": len(errors) - MAX_ERRORS})]


class ImportFailed(Exception):
    """The file was refused; nothing of it was saved."""

    def __init__(self, errors: list[str]):
        self.errors = capped([str(error) for error in errors])
        super().__init__("import refused: " + "; ".join(self.errors[:3]))


WHOLE_FILE = _("The file")
# What a schema rule that failed means, by the JSON Schema keyword.
SCHEMA_MESSAGES = {
    "maxLength": _("is longer than %(limit)s characters"),
    "minLength": _("must not be empty"),
    "enum": _("“%(value)s” is not one of %(limit)s"),
    "const": _("should be %(limit)s"),
    "type": _("should be of type %(limit)s"),
    "pattern": _("“%(value)s” does not have the expected form"),
    "format": _("“%(value)s” is not a valid %(limit)s"),
    "maxItems": _("has more than %(limit)s entries"),
    "uniqueItems": _("lists the same entry twice"),
    "minimum": _("must be at least %(limit)s"),
    "maximum": _("must be at most %(limit)s"),
    "required": _("“%(value)s” is missing"),
    "additionalProperties": _("%(value)s: not a field of this part of the file"),
}
