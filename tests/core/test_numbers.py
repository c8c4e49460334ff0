"""The one integer reader: ASCII digits only, within bounds, for query strings, hidden fields and forms."""

import pytest
from django import forms
from django.core.exceptions import ValidationError

from stage1.core.numbers import (
    CHOOSE_FROM_THE_LIST,
    ENTER_WHOLE_NUMBER,
    INT_MAX,
    KEY_MAX,
    NUMBER_TOO_LARGE,
    NUMBER_TOO_SMALL,
    IntegerInput,
    ModelChoiceInput,
    ModelMultipleChoiceInput,
    ascii_formfield,
    parse_int,
    parse_key,
)
from stage1.projects.models import Milestone, ResearchActivity, Stakeholder, TeamMember

NOT_ASCII_DIGITS = ["", "²", "٣", "١٢", "３", "-1", "+1", " 7", "7 ", "1e3", "3.0", "1_000", "0x10", "7\n", "1234567890" * 4]


@pytest.mark.parametrize("text", ["0", "7", "007", "2147483647"])
def test_parse_int_reads_ascii_digits(text):
    assert parse_int(text) == int(text)


@pytest.mark.parametrize("value", [*NOT_ASCII_DIGITS, None, 7, b"7"])
def test_parse_int_reads_nothing_else(value):
    assert parse_int(value) is None


def test_parse_int_refuses_numbers_out_of_bounds():
    assert parse_int(str(INT_MAX + 1)) is None
    assert parse_int("0", minimum=1) is None
    assert parse_int("11", maximum=10) is None
    assert parse_int("10", maximum=10) == 10


def test_parse_key_reads_any_row_key_and_nothing_else():
    assert parse_key(str(KEY_MAX)) == KEY_MAX
    assert parse_key(str(KEY_MAX + 1)) is None
    assert parse_key("0") is None
    assert parse_key("٣") is None


def _errors(field: forms.Field, value) -> list[str]:
    with pytest.raises(ValidationError) as raised:
        field.clean(value)
    return raised.value.messages


@pytest.mark.parametrize(("text", "number"), [("42", 42), (" 42 ", 42), ("0", 0), ("", None)])
def test_an_integer_input_reads_ascii_digits(text, number):
    assert IntegerInput(required=False, min_value=0).clean(text) == number


@pytest.mark.parametrize("text", ["²", "٣", "１", "1e3", "3.0", "+1", "1 000", "1" * 51])
def test_an_integer_input_says_to_use_the_digits_0_to_9(text):
    assert _errors(IntegerInput(min_value=0), text) == [ENTER_WHOLE_NUMBER]


def test_an_integer_input_names_its_bounds():
    field = IntegerInput(min_value=1, max_value=100)
    assert _errors(field, "-1") == [NUMBER_TOO_SMALL % {"limit_value": 1}]
    assert _errors(field, "0") == [NUMBER_TOO_SMALL % {"limit_value": 1}]
    assert _errors(field, "101") == [NUMBER_TOO_LARGE % {"limit_value": 100}]


def test_an_integer_input_without_a_minimum_reads_no_minus_sign():
    assert _errors(IntegerInput(), "-1") == [ENTER_WHOLE_NUMBER]


def test_an_integer_input_stops_at_the_largest_database_integer():
    assert _errors(IntegerInput(), "1234567890" * 4) == [NUMBER_TOO_LARGE % {"limit_value": INT_MAX}]
    assert IntegerInput().clean(str(INT_MAX)) == INT_MAX


def test_an_integer_input_is_a_govuk_numeric_text_box_as_wide_as_its_largest_number():
    box = IntegerInput(max_value=100).widget
    assert isinstance(box, forms.TextInput)
    assert box.attrs == {"inputmode": "numeric", "spellcheck": "false", "class": "govuk-input--width-3"}
    assert IntegerInput().widget.attrs["class"] == "govuk-input--width-10"
    assert IntegerInput(widget=forms.HiddenInput).widget.attrs == {}


@pytest.fixture
def stakeholders(project):
    return [Stakeholder.objects.create(project=project, name=f"Stakeholder {n}", position=n) for n in range(1, 5)]


@pytest.mark.parametrize("text", ["٣", "３", "-1", "1e3", "1234567890" * 4])
def test_a_choice_of_row_refuses_a_key_not_in_ascii_digits_even_when_int_would_find_a_row(text, stakeholders):
    one = ModelChoiceInput(Stakeholder.objects.all())
    several = ModelMultipleChoiceInput(Stakeholder.objects.all())
    assert _errors(one, text) == [CHOOSE_FROM_THE_LIST]
    assert _errors(several, [str(stakeholders[0].pk), text]) == [CHOOSE_FROM_THE_LIST]


def test_a_choice_of_row_reads_a_key_in_ascii_digits(stakeholders):
    assert ModelChoiceInput(Stakeholder.objects.all()).clean(str(stakeholders[2].pk)) == stakeholders[2]
    chosen = ModelMultipleChoiceInput(Stakeholder.objects.all()).clean([str(s.pk) for s in stakeholders[:2]])
    assert list(chosen.order_by("pk")) == stakeholders[:2]
    assert _errors(ModelChoiceInput(Stakeholder.objects.none()), str(stakeholders[0].pk)) == [CHOOSE_FROM_THE_LIST]


def test_model_forms_get_the_ascii_fields_for_numbers_and_references():
    participants = ascii_formfield(ResearchActivity._meta.get_field("participants"))
    assert isinstance(participants, IntegerInput)
    assert (participants.min_value, participants.max_value, participants.required) == (0, INT_MAX, False)
    assert str(participants.label) == "Number of people"
    assert isinstance(ascii_formfield(TeamMember._meta.get_field("organisation")), ModelChoiceInput)
    assert isinstance(ascii_formfield(Milestone._meta.get_field("depends_on")), ModelMultipleChoiceInput)
    # A field with choices keeps Django's choice field, which accepts the listed values only.
    assert type(ascii_formfield(TeamMember._meta.get_field("role"))) is forms.TypedChoiceField
