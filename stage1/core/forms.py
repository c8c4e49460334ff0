"""Form plumbing shared by every page: GOV.UK rendering through crispy-forms-gds, and messages that name their field.

Django's own messages ("This field is required.", "Ensure this value…")
name no field and say nothing of how to put it right. Every form of the
service inherits GdsFormMixin, which rewrites the messages of each field
from its label, its type and its limits, marks optional fields, and gives
selects a prompt instead of dashes.
"""

import html

from crispy_forms_gds.helper import FormHelper
from django import forms
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm, SetPasswordForm
from django.db.models.fields import BLANK_CHOICE_DASH
from django.forms.utils import pretty_name
from django.utils.formats import number_format
from django.utils.safestring import SafeData
from django.utils.translation import gettext_lazy as _

from stage1.core.numbers import INT_MAX, NOT_A_WHOLE_NUMBER, NUMBER_AT_LEAST, NUMBER_AT_MOST, NUMBER_BETWEEN

OPTIONAL = _("%(label)s (optional)")
CHOOSE_ONE = _("Choose one")
# A label that is a question cannot start a sentence: "What is the problem? must be…".
ANSWER_TO = _("The answer to “%(question)s”")

REQUIRED_TEXT = _("%(label)s is required: type your answer")
REQUIRED_CHOICE = _("%(label)s is required: choose one of the options")
REQUIRED_SEVERAL = _("%(label)s is required: choose at least one")
REQUIRED_TICK = _("%(label)s is required: tick the box")
REQUIRED_FILE = _("%(label)s is required: choose a file")
TOO_LONG = _("%(label)s must be %(limit)s characters or fewer")
TOO_SHORT = _("%(label)s must be %(limit)s characters or more")
NUL_CHARACTER = _("%(label)s contains a null character, which cannot be saved: delete it or type the text again")
NOT_A_NUMBER = _("%(label)s must be a number")
NOT_A_DATE = _("%(label)s must be a real date, for example 27 3 2027")
NOT_AN_OPTION = _("%(label)s must be one of the options shown: choose again")
NOT_AN_EMAIL = _("%(label)s must be an email address in the correct format, like name@example.org")
NOT_A_URL = _("%(label)s must be a web address in the correct format, like https://www.example.org")


class Said(str):
    """A message already formatted with its field's label and limits.

    Django applies a validator's params to the message it raises with
    (`message % params`); the message has nothing left to fill in, and a "%"
    in a label ("Time on the project (%)") must not be read as a placeholder.
    """

    __slots__ = ()

    def __mod__(self, params):
        return self


def say(message, **params) -> Said:
    """`message` (lazy, translated now) formatted with `params`."""
    return Said(str(message) % params)


def subject_of(label) -> str:
    """How a message names a field: its label, or "The answer to “…”" when the label is a question."""
    # Labels are printed unescaped, so text from data arrives escaped already; messages are escaped when shown.
    text = html.unescape(str(label)) if isinstance(label, SafeData) else str(label)
    text = text.strip()
    return str(ANSWER_TO % {"question": text}) if text.endswith("?") else text


def _number(value) -> str:
    return number_format(value, force_grouping=True)


def _range_messages(field: forms.Field, subject: str) -> dict[str, Said]:
    low, high = getattr(field, "min_value", None), getattr(field, "max_value", None)
    # The largest number the database holds is a limit of storage, not of the answer: it is named only when passed.
    if low is not None and high is not None and high != INT_MAX:
        between = say(NUMBER_BETWEEN, label=subject, min=_number(low), max=_number(high))
        return {"min_value": between, "max_value": between}
    messages = {}
    if low is not None:
        messages["min_value"] = say(NUMBER_AT_LEAST, label=subject, min=_number(low))
    if high is not None:
        messages["max_value"] = say(NUMBER_AT_MOST, label=subject, max=_number(high))
    return messages


def named_error_messages(field: forms.Field, label) -> dict[str, Said]:
    """The messages of `field` in words that name it (`label`) and say how to put it right, by error code."""
    subject = subject_of(label)
    if hasattr(field, "named_error_messages"):
        return field.named_error_messages(subject)
    messages = {"required": say(REQUIRED_TEXT, label=subject)}
    if isinstance(field, forms.ModelMultipleChoiceField):
        wrong = say(NOT_AN_OPTION, label=subject)
        messages.update(required=say(REQUIRED_SEVERAL, label=subject), invalid_choice=wrong, invalid_pk_value=wrong, invalid_list=wrong)
    elif isinstance(field, forms.ChoiceField):
        messages.update(required=say(REQUIRED_CHOICE, label=subject), invalid_choice=say(NOT_AN_OPTION, label=subject))
        if isinstance(field, forms.MultipleChoiceField):
            messages.update(required=say(REQUIRED_SEVERAL, label=subject), invalid_list=messages["invalid_choice"])
    elif isinstance(field, forms.BooleanField):
        messages["required"] = say(REQUIRED_TICK, label=subject)
    elif isinstance(field, forms.FileField):
        messages.update(required=say(REQUIRED_FILE, label=subject), missing=say(REQUIRED_FILE, label=subject))
        messages["invalid"] = messages["required"]
    elif isinstance(field, forms.FloatField | forms.DecimalField):
        messages["invalid"] = say(NOT_A_NUMBER, label=subject)
        messages.update(_range_messages(field, subject))
    elif isinstance(field, forms.IntegerField):
        messages["invalid"] = say(NOT_A_WHOLE_NUMBER, label=subject)
        messages.update(_range_messages(field, subject))
    elif isinstance(field, forms.DateField | forms.DateTimeField):
        messages["invalid"] = say(NOT_A_DATE, label=subject)
    elif isinstance(field, forms.EmailField):
        messages["invalid"] = say(NOT_AN_EMAIL, label=subject)
    elif isinstance(field, forms.URLField):
        messages["invalid"] = say(NOT_A_URL, label=subject)
    if isinstance(field, forms.CharField):
        messages["null_characters_not_allowed"] = say(NUL_CHARACTER, label=subject)
        if field.max_length is not None:
            messages["max_length"] = say(TOO_LONG, label=subject, limit=_number(field.max_length))
        if field.min_length is not None:
            messages["min_length"] = say(TOO_SHORT, label=subject, limit=_number(field.min_length))
    return messages


def _class_defaults(field: forms.Field) -> list:
    """The messages a field has from its classes, as opposed to those a form gave it on purpose."""
    return [message for cls in type(field).__mro__ for message in getattr(cls, "default_error_messages", {}).values()]


def _is_optional_to_mark(field: forms.Field) -> bool:
    # A single checkbox is a yes or no: "(optional)" says nothing a person can act on.
    return not field.required and not field.widget.is_hidden and not isinstance(field.widget, forms.CheckboxInput)


def _blank_choice_dash(choices) -> bool:
    first = next(iter(choices), None)
    return first is not None and tuple(first) == BLANK_CHOICE_DASH[0]


class GdsFormMixin:
    """Attach a crispy helper that renders fields only, and describe every field in the GOV.UK way.

    Templates own the <form> element and its buttons, so one page can hold
    several actions ("Save and continue", "Save and return") without the
    helper knowing about them.

    Before the form is first validated or rendered, each field gets
    messages that name it, from its label and limits (messages a form set
    on purpose are kept), and a prompt as the empty choice of a select, from
    `prompts` (field name -> a full sentence such as "Choose a stakeholder",
    since articles differ per word and per language), else "Choose one"; a
    required select's message is its prompt. This happens after every
    __init__ has run, so labels and fields a subclass sets in its own
    __init__ (or a form derived with modelform_factory) are described as
    they end up. Messages name a field by its label, or by `subjects` where
    the label alone cannot start a sentence.

    The label shown for a visible field a person may leave empty ends with
    "(optional)", except a single checkbox and the fields in
    `needed_to_complete`; field.label itself stays as it is.
    """

    prompts: dict[str, str] = {}
    # How messages name a field whose label is too short to start a sentence ("To must include a day").
    subjects: dict[str, str] = {}
    # Fields a person may leave empty to save, but which the page needs before it counts as complete:
    # they are not marked "(optional)".
    needed_to_complete: frozenset[str] = frozenset()
    _described = False

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper(self)
        self.helper.form_tag = False
        self.helper.label_size = "s"
        self.helper.legend_size = "s"

    def describe_fields(self) -> None:
        """Name every field in its messages and give selects their prompt; once."""
        if self._described:
            return
        self._described = True
        for name, field in self.fields.items():
            self._describe(name, field)

    def _describe(self, name: str, field: forms.Field) -> None:
        defaults = _class_defaults(field)
        prompt = self.prompts.get(name, CHOOSE_ONE)
        named = named_error_messages(field, self.subjects.get(name) or field.label or pretty_name(name))
        if field.required and self._offers_blank(field):
            named["required"] = say(prompt)
        for code, message in named.items():
            current = field.error_messages.get(code)
            if current is None or any(current is default for default in defaults):
                field.error_messages[code] = message
        if isinstance(field, forms.ModelChoiceField):
            # Its options are rows, read only when shown; only the empty one is ours.
            if field.empty_label is not None:
                field.empty_label = prompt
        elif isinstance(field, forms.ChoiceField) and _blank_choice_dash(field.choices):
            field.choices = [("", prompt), *list(field.choices)[1:]]

    def _marked_optional(self, name: str) -> bool:
        field = self.fields[name]
        return bool(field.label) and _is_optional_to_mark(field) and name not in self.needed_to_complete

    @staticmethod
    def _offers_blank(field: forms.Field) -> bool:
        if isinstance(field, forms.ModelMultipleChoiceField):
            return False
        if isinstance(field, forms.ModelChoiceField):
            return field.empty_label is not None
        return isinstance(field, forms.ChoiceField) and _blank_choice_dash(field.choices)

    def full_clean(self):
        self.describe_fields()
        super().full_clean()

    def __getitem__(self, name):
        # Every rendering reads fields through here.
        self.describe_fields()
        made = name in self._bound_fields_cache
        bound = super().__getitem__(name)
        # Only the label shown is marked: messages, and code that reads field.label (imports, tables), keep the plain one.
        if not made and self._marked_optional(name):
            bound.label = OPTIONAL % {"label": bound.label}
        return bound


class GdsForm(GdsFormMixin, forms.Form):
    pass


class GdsModelForm(GdsFormMixin, forms.ModelForm):
    pass


class GdsAuthenticationForm(GdsFormMixin, AuthenticationForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Our own labels, so that the catalogues (and their glossary) decide the words, not Django's.
        self.fields["username"].label = _("Username")
        self.fields["password"].label = _("Password")
        self.fields["username"].widget.attrs["autocomplete"] = "username"
        self.fields["username"].error_messages["required"] = _("Enter your username")
        self.fields["password"].widget.attrs["autocomplete"] = "current-password"
        self.fields["password"].error_messages["required"] = _("Enter your password")


ENTER_AN_EMAIL = _("Enter your email address")
ENTER_A_VALID_EMAIL = _("Enter an email address in the correct format, like name@example.org")


class GdsPasswordResetForm(GdsFormMixin, PasswordResetForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].label = _("Email address")
        self.fields["email"].help_text = _("We will send a link to reset your password if this address belongs to an account.")
        self.fields["email"].error_messages.update(required=ENTER_AN_EMAIL, invalid=ENTER_A_VALID_EMAIL)


PASSWORDS_DIFFER = _("The two passwords are different: type the same password in both boxes")


class GdsSetPasswordForm(GdsFormMixin, SetPasswordForm):
    error_messages = {**SetPasswordForm.error_messages, "password_mismatch": PASSWORDS_DIFFER}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["new_password1"].error_messages["required"] = _("Enter a new password")
        self.fields["new_password2"].label = _("Type the new password again")
        self.fields["new_password2"].help_text = ""
        self.fields["new_password2"].error_messages["required"] = _("Type the new password again")
