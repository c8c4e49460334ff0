"""Every form of the service says what it needs: messages that name their field, "(optional)", prompts in selects.

The forms come from the code (the step registry, the modules' own forms), and
so do the fields and their limits: a new form or field is checked without a
change here.
"""

from dataclasses import dataclass

import pytest
from django import forms
from django.core.validators import MaxLengthValidator
from django.test import RequestFactory

from stage1.core.fields import GdsDateField
from stage1.core.forms import GdsAuthenticationForm, GdsFormMixin, GdsPasswordResetForm, GdsSetPasswordForm
from stage1.evaluation.forms import MoveToVersionForm, RuleAnswersForm
from stage1.evaluation.selectors import checklist_for
from stage1.exchange.forms import ProjectImportForm, StakeholderImportForm
from stage1.members.forms import DeleteProjectForm, InvitationSignUpForm, MemberAddForm, RoleForm
from stage1.projects.forms import ProjectForm
from stage1.projects.steps import STEPS

DJANGO_DEFAULTS = ("This field is required.", "Ensure this value", "Enter a valid", "Select a valid choice", "Enter a number.")
DASHES = "---------"
# A label is named in lower case or as written; a question is quoted whole.
NOT_A_CHOICE = "not-one-of-the-options"


@dataclass
class Case:
    name: str
    make: object  # (data or None) -> form


def _cases(project, owner) -> list[Case]:
    """Every form of the service, with how to build it for the project."""
    cases = [Case(f"step {step.slug}", _wizard(step.form_class, project)) for step in STEPS]
    cases += [Case(f"item {kind.slug}", _wizard(kind.form_class, project)) for step in STEPS for kind in step.items]
    rows = next(group.rows for group in checklist_for(project).groups if group.rows)
    cases += [
        Case("new project", lambda data: ProjectForm(data)),
        Case("sign in", lambda data: GdsAuthenticationForm(RequestFactory().post("/"), data=data)),
        Case("password reset", lambda data: GdsPasswordResetForm(data)),
        Case("new password", lambda data: GdsSetPasswordForm(owner, data)),
        Case("add a member", lambda data: MemberAddForm(data)),
        Case("change a role", lambda data: RoleForm(data)),
        Case("sign up from an invitation", lambda data: InvitationSignUpForm(data, email="new@example.org")),
        Case("delete a project", lambda data: DeleteProjectForm(data, expected_title=project.title)),
        Case("checklist answers", lambda data: RuleAnswersForm(data, rows=rows)),
        Case("move to a newer method", lambda data: MoveToVersionForm(data, newest=None)),
        Case("import a project", lambda data: ProjectImportForm(data, {})),
        Case("import stakeholders", lambda data: StakeholderImportForm(data, {})),
    ]
    return cases


def _wizard(form_class, project):
    return lambda data: form_class(data, project=project)


def _names(form: forms.BaseForm, name: str) -> tuple[str, ...]:
    """How messages may name a field: its label, or the subject the form gives it."""
    return tuple(str(text).lower() for text in (form.fields[name].label, form.subjects.get(name)) if text)


def _visible(form: forms.BaseForm):
    return [(name, field) for name, field in form.fields.items() if not field.widget.is_hidden]


def _invalid_data(form: forms.BaseForm) -> dict[str, object]:
    """What a person could post wrongly in each visible field: too long, out of range, not a date, not an option."""
    data = {}
    for name, field in _visible(form):
        if isinstance(field, GdsDateField):
            data.update({f"{name}_0": "31", f"{name}_1": "2", f"{name}_2": "2026"})
        elif isinstance(field, forms.ModelMultipleChoiceField | forms.MultipleChoiceField):
            data[name] = [NOT_A_CHOICE]
        elif isinstance(field, forms.ChoiceField | forms.ModelChoiceField):
            data[name] = NOT_A_CHOICE
        elif isinstance(field, forms.IntegerField):
            data[name] = str(field.max_value + 1) if field.max_value is not None else "-1"
        elif isinstance(field, forms.EmailField):
            data[name] = "not an address"
        elif any(isinstance(v, MaxLengthValidator) for v in field.validators):
            data[name] = "x" * (field.max_length + 1)
    return data


def _messages(form: forms.BaseForm) -> list[tuple[str, str]]:
    return [(name, str(message)) for name, errors in form.errors.items() if name != "__all__" for message in errors]


def _problems(form: forms.BaseForm) -> list[str]:
    problems = []
    for name, message in _messages(form):
        if message.startswith(DJANGO_DEFAULTS):
            problems.append(f"{name}: Django's own message {message!r}")
        if name in form.fields and not form.fields[name].widget.is_hidden:
            names = _names(form, name)
            if not any(text in message.lower() for text in names):
                problems.append(f"{name}: {message!r} does not name {names!r}")
    return problems


@pytest.fixture
def cases(methodology, project, owner):
    return _cases(project, owner)


def test_every_form_of_the_service_describes_its_fields(cases):
    unlisted = [case.name for case in cases if not isinstance(case.make({}), GdsFormMixin)]
    assert unlisted == []


def test_an_empty_form_says_which_answers_are_missing_and_how(cases):
    problems, missing = [], 0
    for case in cases:
        form = case.make({})
        form.is_valid()
        problems += [f"{case.name}, {problem}" for problem in _problems(form)]
        for name, field in _visible(form):
            missing += field.required
            if field.required and name not in form.errors:
                problems.append(f"{case.name}, {name}: left empty but no error")
    assert missing, "no form has a required field: the walk found nothing to check"
    assert problems == []


def test_wrong_answers_are_named_with_the_limit_they_break(cases):
    problems, checked = [], 0
    for case in cases:
        data = _invalid_data(case.make(None))
        form = case.make(data)
        form.is_valid()
        problems += [f"{case.name}, {problem}" for problem in _problems(form)]
        for name in form.fields:
            if any(key == name or key.startswith(f"{name}_") for key in data):
                checked += 1
                if name not in form.errors:
                    problems.append(f"{case.name}, {name}: {data.get(name)!r} was accepted")
    assert checked, "no field had a wrong answer to check"
    assert problems == []


def test_limits_are_named_in_the_message(project):
    form = STEPS.kind("team-member").form_class({"allocation": "101", "name": "x" * 201}, project=project)

    assert form.errors["allocation"] == ["Percentage of time on the project must be between 1 and 100"]
    assert form.errors["name"] == ["Name must be 200 characters or fewer"]


def test_a_question_is_named_as_the_answer_to_it(project):
    form = STEPS.get("need").form_class({"requested_by": "x" * 201}, project=project)

    assert form.errors["requested_by"] == ["The answer to “Who asked for this service?” must be 200 characters or fewer"]


def test_a_date_says_which_part_is_missing_or_wrong(project):
    kind = STEPS.kind("decision")
    missing_day = kind.form_class({"title": "Budget", "due_date_1": "3", "due_date_2": "2027"}, project=project)
    impossible = kind.form_class({"title": "Budget", "due_date_0": "31", "due_date_1": "2", "due_date_2": "2027"}, project=project)

    assert missing_day.errors["due_date"] == ["The date the decision is needed by must include a day"]
    assert impossible.errors["due_date"] == ["The date the decision is needed by must be a real date, for example 27 3 2027"]


def test_no_select_starts_with_dashes(cases):
    shown = {case.name: case.make(None).as_div() for case in cases}

    assert [name for name, html in shown.items() if DASHES in html] == []


def test_a_select_starts_with_a_prompt_naming_what_to_choose(project):
    html = STEPS.kind("milestone").form_class(project=project).as_div()

    assert '<option value="" selected>Choose a team member</option>' in html
    assert '<option value="" selected>Choose a stakeholder</option>' in html


def test_optional_fields_say_so_and_required_ones_do_not(cases):
    problems, optional = [], 0
    for case in cases:
        form = case.make(None)
        html = form.as_div()
        for name, field in _visible(form):
            bound = form[name]
            marked = str(bound.label).endswith("(optional)")
            single_checkbox = isinstance(field.widget, forms.CheckboxInput)
            should = not field.required and not single_checkbox and name not in form.needed_to_complete
            optional += should
            if marked != should:
                problems.append(f"{case.name}, {name}: label {bound.label!r}")
            elif marked and str(bound.label) not in html:
                problems.append(f"{case.name}, {name}: {bound.label!r} is not shown")
    assert optional, "no form has an optional field: the walk found nothing to check"
    assert problems == []


def test_answers_a_step_needs_to_be_complete_are_not_marked_optional(project):
    for step in STEPS:
        form = step.form_class(project=project)
        for name in step.required_fields:
            assert not str(form[name].label).endswith("(optional)"), (step.slug, name)


def test_a_derived_form_showing_some_fields_is_described_too(project):
    kind = STEPS.kind("milestone")
    derived = forms.modelform_factory(kind.model, form=kind.form_class, fields=["name", "owner_member"])
    form = derived({"owner_member": NOT_A_CHOICE}, project=project)

    assert form.errors["name"] == ["Enter the milestone's name"]
    assert form.errors["owner_member"] == ["Owner in the team must be one of the options shown: choose again"]
    assert str(form["owner_member"].label) == "Owner in the team (optional)"


def test_number_boxes_are_numeric_text_inputs_as_wide_as_their_largest_number(cases):
    problems = []
    for case in cases:
        form = case.make(None)
        for name, field in _visible(form):
            if isinstance(field, forms.IntegerField):
                box = str(form[name])
                if 'inputmode="numeric"' not in box or "govuk-input--width-" not in box:
                    problems.append(f"{case.name}, {name}: {box}")
    assert problems == []


def test_describing_a_form_reads_no_rows(project, django_assert_num_queries):
    form = STEPS.kind("milestone").form_class(project=project)

    with django_assert_num_queries(0):
        form.describe_fields()
