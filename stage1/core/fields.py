"""Form fields in the GOV.UK patterns, with messages in our own (translatable) words."""

from datetime import date

from crispy_forms_gds.fields import DateInputField
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _

ENTER_WHOLE_DATE = _("Enter the day, month and year")
ENTER_REAL_DATE = _("Enter a real date, for example 27 3 2027")
YEAR_RANGE = _("Enter a year between 1900 and 2200")


class GdsDateField(DateInputField):
    """The GOV.UK date input (day, month, year boxes), optional unless asked otherwise."""

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("require_all_fields", False)
        super().__init__(**kwargs)
        self.error_messages = {"required": ENTER_WHOLE_DATE, "incomplete": ENTER_WHOLE_DATE, "invalid": ENTER_REAL_DATE}
        for part, missing in zip(self.fields, (_("Enter the day"), _("Enter the month"), _("Enter the year")), strict=True):
            part.error_messages["incomplete"] = missing
            part.validators = [RegexValidator(r"^[0-9]{1,4}$", ENTER_REAL_DATE)]

    def compress(self, data_list):
        if not data_list or not all(data_list):
            return None
        day, month, year = (int(part) for part in data_list)
        if not 1900 <= year <= 2200:
            raise ValidationError(YEAR_RANGE, code="year_range")
        try:
            return date(year, month, day)
        except ValueError as exc:
            raise ValidationError(ENTER_REAL_DATE, code="invalid") from exc
