"""Form fields in the GOV.UK patterns, with messages in our own (translatable) words."""

from datetime import date

from crispy_forms_gds.fields import DateInputField
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _

from stage1.core.forms import say

# What the field says where no label is known; in a form of the service the messages name it (named_error_messages).
ENTER_WHOLE_DATE = _("Enter the day, month and year")
ENTER_REAL_DATE = _("Enter a real date, for example 27 3 2027")
YEAR_RANGE = _("Enter a year between 1900 and 2200")

DATE_REQUIRED = _("%(label)s is required: enter the day, month and year")
DATE_INCOMPLETE = _("%(label)s must include a day, a month and a year")
DATE_NO_DAY = _("%(label)s must include a day")
DATE_NO_MONTH = _("%(label)s must include a month")
DATE_NO_YEAR = _("%(label)s must include a year")
DATE_NOT_REAL = _("%(label)s must be a real date, for example 27 3 2027")
DATE_YEAR_RANGE = _("%(label)s must have a year between 1900 and 2200")

_PARTS_MISSING = (_("Enter the day"), _("Enter the month"), _("Enter the year"))


class GdsDateField(DateInputField):
    """The GOV.UK date input (day, month, year boxes), optional unless asked otherwise."""

    default_error_messages = {
        "required": ENTER_WHOLE_DATE,
        "incomplete": ENTER_WHOLE_DATE,
        "invalid": ENTER_REAL_DATE,
        "year_range": YEAR_RANGE,
    }

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("require_all_fields", False)
        super().__init__(**kwargs)
        # The parent passes its own English messages; these are the translatable ones.
        self.error_messages = dict(self.default_error_messages)
        for part, missing in zip(self.fields, _PARTS_MISSING, strict=True):
            part.error_messages["incomplete"] = missing
            # The message of a box's validator is replaced by its "invalid" message (Field.run_validators).
            part.error_messages["invalid"] = ENTER_REAL_DATE
            part.validators = [RegexValidator(r"^[0-9]{1,4}$", ENTER_REAL_DATE)]

    def named_error_messages(self, subject: str) -> dict[str, str]:
        """The messages naming this date (`subject`), by error code; its day, month and year boxes are given theirs."""
        not_real = say(DATE_NOT_REAL, label=subject)
        for part, missing in zip(self.fields, (DATE_NO_DAY, DATE_NO_MONTH, DATE_NO_YEAR), strict=True):
            part.error_messages.update(incomplete=say(missing, label=subject), invalid=not_real)
        return {
            "required": say(DATE_REQUIRED, label=subject),
            "incomplete": say(DATE_INCOMPLETE, label=subject),
            "invalid": not_real,
            "year_range": say(DATE_YEAR_RANGE, label=subject),
        }

    def compress(self, data_list):
        if not data_list or not all(data_list):
            return None
        day, month, year = (int(part) for part in data_list)
        if not 1900 <= year <= 2200:
            raise ValidationError(self.error_messages["year_range"], code="year_range")
        try:
            return date(year, month, day)
        except ValueError as exc:
            raise ValidationError(self.error_messages["invalid"], code="invalid") from exc
