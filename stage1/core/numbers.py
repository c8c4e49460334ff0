"""The one way an integer is read from a request: ASCII digits only, within bounds.

Python's int() and str.isdigit() accept far more than a person types into a
form: "²" passes isdigit() and then fails int(), "٣" (Arabic-Indic three)
becomes 3, and a 40-digit number overflows every database column. Every
integer taken from a query string, a hidden field or a form goes through
parse_int(), parse_key() or the form fields below, so none of those reaches
the database. Integers in paths need nothing more: Django's `<int:…>`
matches ASCII digits only, and its lookups answer "no such row" for numbers
beyond a column's range, on SQLite and PostgreSQL alike.
"""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

# The largest value of a PostgreSQL integer column, the narrowest we store numbers into.
INT_MAX = 2_147_483_647
# The largest row key: primary keys are PostgreSQL bigint (BigAutoField).
KEY_MAX = 9_223_372_036_854_775_807
# Enough digits for KEY_MAX; anything longer is refused before int() sees it.
_DIGITS = re.compile(r"[0-9]{1,19}")
# A form field reads up to 50 digits, so that a huge number is told it is too large rather than not a number.
_FORM_NUMBER = re.compile(r"(-?)[0-9]{1,50}")

# In a form of the service (stage1.core.forms.GdsFormMixin) these messages name their field:
NOT_A_WHOLE_NUMBER = _("%(label)s must be a whole number, using the digits 0 to 9")
NUMBER_BETWEEN = _("%(label)s must be between %(min)s and %(max)s")
NUMBER_AT_LEAST = _("%(label)s must be %(min)s or more")
NUMBER_AT_MOST = _("%(label)s must be %(max)s or less")
# ...and these are what the fields say where no label is known (the admin, a field on its own).
ENTER_WHOLE_NUMBER = _("Enter a whole number using the digits 0 to 9")
NUMBER_TOO_LARGE = _("Enter a number no larger than %(limit_value)s")
NUMBER_TOO_SMALL = _("Enter a number of %(limit_value)s or more")
CHOOSE_FROM_THE_LIST = _("Choose one of the options shown")

# GOV.UK Frontend's fixed input widths, in characters.
_GOVUK_WIDTHS = (2, 3, 4, 5, 10, 20)


def parse_int(value, *, minimum: int = 0, maximum: int = INT_MAX) -> int | None:
    """The integer `value` spells in ASCII digits, or None when it is anything else or out of bounds.

    No sign, no spaces, no exponent: "-1", " 7", "1e3", "3.0", "²" and "٣" are all None.
    """
    if not isinstance(value, str) or not _DIGITS.fullmatch(value):
        return None
    number = int(value)
    return number if minimum <= number <= maximum else None


def parse_key(value) -> int | None:
    """A row's key (primary key) spelt in ASCII digits, or None: no row has that key."""
    return parse_int(value, minimum=1, maximum=KEY_MAX)


class IntegerInput(forms.IntegerField):
    """A form's whole-number field: ASCII digits only (surrounding spaces trimmed), shown as GOV.UK asks.

    GOV.UK numeric inputs are text inputs with inputmode="numeric": a
    type="number" box rounds, accepts "1e3" and changes the value when the
    user scrolls.
    """

    widget = forms.TextInput(attrs={"inputmode": "numeric", "spellcheck": "false"})
    default_error_messages = {"invalid": ENTER_WHOLE_NUMBER, "max_value": NUMBER_TOO_LARGE, "min_value": NUMBER_TOO_SMALL}

    def __init__(self, *, max_value=INT_MAX, **kwargs):
        super().__init__(max_value=max_value, **kwargs)

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, int) and not isinstance(value, bool):
            return value
        text = str(value).strip()
        match = _FORM_NUMBER.fullmatch(text)
        # A minus sign gets the minimum's message, as in Django's own field; without a minimum it is not a number we read.
        if match is None or (match[1] and self.min_value is None):
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        return int(text)

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        if isinstance(widget, forms.TextInput):
            digits = len(str(self.max_value if self.max_value is not None else INT_MAX))
            width = next((width for width in _GOVUK_WIDTHS if width >= digits), _GOVUK_WIDTHS[-1])
            attrs["class"] = f"{widget.attrs.get('class', '')} govuk-input--width-{width}".strip()
        return attrs


def _integer_keys(field: forms.ModelChoiceField) -> bool:
    """Whether the choice field's options are identified by an integer column."""
    opts = field.queryset.model._meta
    key = opts.get_field(field.to_field_name) if field.to_field_name else opts.pk
    while key.is_relation:
        key = key.target_field
    return isinstance(key, models.IntegerField)


class ModelChoiceInput(forms.ModelChoiceField):
    """A choice of one row: a posted key other than ASCII digits is refused, never read as a number."""

    default_error_messages = {"invalid_choice": CHOOSE_FROM_THE_LIST}

    def to_python(self, value):
        if isinstance(value, str) and value not in self.empty_values and _integer_keys(self) and parse_key(value) is None:
            raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        return super().to_python(value)


class ModelMultipleChoiceInput(forms.ModelMultipleChoiceField):
    """A choice of several rows: any posted key other than ASCII digits is refused, never read as a number."""

    default_error_messages = {"invalid_choice": CHOOSE_FROM_THE_LIST, "invalid_pk_value": CHOOSE_FROM_THE_LIST}

    def clean(self, value):
        malformed = isinstance(value, list | tuple) and any(isinstance(key, str) and parse_key(key) is None for key in value)
        if malformed and _integer_keys(self):
            raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        return super().clean(value)


def ascii_formfield(model_field, **kwargs):
    """A model form's `Meta.formfield_callback`: whole numbers and row references in ASCII digits only.

    Fields with choices keep Django's choice field, which accepts only the
    listed values as they are spelt.
    """
    if isinstance(model_field, models.ManyToManyField):
        kwargs.setdefault("form_class", ModelMultipleChoiceInput)
    elif isinstance(model_field, models.ForeignKey):
        kwargs.setdefault("form_class", ModelChoiceInput)
    elif isinstance(model_field, models.IntegerField) and not model_field.choices:
        kwargs.setdefault("form_class", IntegerInput)
    return model_field.formfield(**kwargs)
