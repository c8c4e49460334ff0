"""The one way an integer is read from a request: ASCII digits only, within bounds.

Python's int() and str.isdigit() accept far more than a person types into a
form: "²" passes isdigit() and then fails int(), "٣" (Arabic-Indic three)
becomes 3, and a 40-digit number overflows every database column. Every
integer taken from a URL's query string, a hidden field or a form goes
through parse_int() or IntegerInput, so none of those reaches the database.
"""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# The largest value of a PostgreSQL integer column, the narrowest we store into.
INT_MAX = 2_147_483_647
_DIGITS = re.compile(r"[0-9]{1,10}")

ENTER_WHOLE_NUMBER = _("Enter a whole number using the digits 0 to 9")
NUMBER_TOO_LARGE = _("Enter a number no larger than %(limit_value)s")
NUMBER_TOO_SMALL = _("Enter a number of %(limit_value)s or more")


def parse_int(value, *, minimum: int = 0, maximum: int = INT_MAX) -> int | None:
    """The integer `value` spells in ASCII digits, or None when it is anything else or out of bounds.

    No sign, no spaces, no exponent: "-1", " 7", "1e3" and "3.0" are all None.
    """
    if not isinstance(value, str) or not _DIGITS.fullmatch(value):
        return None
    number = int(value)
    return number if minimum <= number <= maximum else None


class IntegerInput(forms.IntegerField):
    """A form's integer field that accepts ASCII digits only (surrounding spaces are trimmed)."""

    default_error_messages = {"invalid": ENTER_WHOLE_NUMBER, "max_value": NUMBER_TOO_LARGE, "min_value": NUMBER_TOO_SMALL}

    def __init__(self, *, max_value=INT_MAX, **kwargs):
        super().__init__(max_value=max_value, **kwargs)

    def to_python(self, value):
        if value in self.empty_values:
            return None
        text = str(value).strip()
        # Up to 50 digits, so that a huge number is told it is too large rather than not a number;
        # a minus sign gets the minimum's message, like Django's own field.
        if not re.fullmatch(r"-?[0-9]{1,50}", text) or (text.startswith("-") and self.min_value is None):
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        return int(text)
