"""Every integer a request carries is read in ASCII digits only, wherever it comes from.

`²` passes str.isdigit() and then fails int(), `٣` (Arabic-Indic three)
passes int(), `-1` and `1e3` are not what anyone types for a count or a key,
and 40 digits overflow every column. Each one, sent to an integer parameter
by an owner (who may write everywhere), is refused with a 404 or with the
form again naming the problem: never a 500, never read as a number, and
nothing is saved. A valid value goes to each parameter too, as the control
that shows the parameter is really read.

The parameters come from the code where they can: the URL configuration for
integers in paths, the wizard's registry for form fields and preselections.
The history's page number, the step page's item buttons and the hidden
versions of pages outside the wizard's forms are listed by hand. The day,
month and year boxes of every date are numbers too, and are sent the same.
"""

from urllib.parse import quote

import pytest
from django import forms
from django.apps import apps
from django.urls import get_resolver, reverse
from django.urls.converters import IntConverter
from django.utils.html import escape

from stage1.core.fields import DATE_NOT_REAL
from stage1.core.forms import NOT_AN_OPTION
from stage1.core.numbers import INT_MAX, NOT_A_WHOLE_NUMBER, NUMBER_AT_LEAST, NUMBER_AT_MOST, NUMBER_BETWEEN
from stage1.evaluation.models import Answer
from stage1.methodology.models import EvaluationQuestion, Stage
from stage1.methodology.services import methodology_publish
from stage1.projects.forms import VERSION_UNREADABLE
from stage1.projects.models import Membership, Project, Role, Stakeholder
from stage1.projects.steps import STEPS, record_for
from tests.projects.factories import item_post, step_post
from tests.security.conftest import one_of_each
from tests.security.test_access_matrix import MEMBER_ASKS, RULES, _kwargs, _walk

FORTY_DIGITS = "1234567890" * 4
BAD = ("²", "٣", "-1", "1e3", FORTY_DIGITS)
# What int() reads "٣" as. Records are put at this version where a page
# posts one, so that a page reading it as a number would save.
ARABIC_THREE = 3


def saved_rows() -> dict[str, list[dict]]:
    """Every row of every table of the product's apps (sessions and logins are Django's, not ours)."""
    return {
        model._meta.label: list(model.objects.order_by("pk").values())
        for config in apps.get_app_configs()
        if config.name.startswith("stage1.")
        for model in config.get_models()
    }


def assert_none(problems: list[str]) -> None:
    assert not problems, "\n".join(problems)


@pytest.fixture
def items(project):
    """One item of every kind, by kind slug, and the stakeholder the access matrix's URL values name."""
    made = one_of_each(project, lambda item: None)
    made["addressed"] = Stakeholder.objects.create(project=project, name="Ministry of Mobility", position=2)
    return made


# Integers in paths


def integer_urls() -> list[tuple[str, str]]:
    """(URL name, parameter) of every integer in a URL path, from the URL configuration."""
    return sorted(
        (name, parameter)
        for name, entry in _walk(get_resolver().url_patterns)
        for parameter, converter in entry.pattern.converters.items()
        if isinstance(converter, IntConverter)
    )


def test_the_walk_finds_the_integers_in_paths():
    assert {("projects:item_change", "pk"), ("history:restore_step", "history_id"), ("members:role", "member_pk")} <= set(integer_urls())


@pytest.mark.parametrize(("name", "parameter"), integer_urls(), ids=[f"{n}.{p}" for n, p in integer_urls()])
def test_an_integer_in_a_path_not_in_ascii_digits_is_a_404(name, parameter, owner_client, project, items, methodology):
    kwargs = _kwargs(name, project, items["addressed"])
    if RULES.get(name) == MEMBER_ASKS:  # a button's address: it takes POST only
        assert owner_client.post(reverse(name, kwargs=kwargs)).status_code == 302
    else:
        assert owner_client.get(reverse(name, kwargs=kwargs)).status_code == 200
    marker = 918_273_645
    template = reverse(name, kwargs={**kwargs, parameter: marker})
    before, problems = saved_rows(), []
    for value in BAD:
        url = template.replace(f"/{marker}/", f"/{quote(value)}/")
        for method in ("get", "post"):
            status = getattr(owner_client, method)(url).status_code
            if status != 404:
                problems.append(f"{method.upper()} {url}: {status}")
    assert saved_rows() == before
    assert_none(problems)


# Integers in query strings


def test_a_history_page_number_not_in_ascii_digits_is_a_404(owner_client, project):
    url = reverse("history:project", kwargs={"slug": project.slug})
    assert owner_client.get(url, {"page": "1"}).status_code == 200
    assert owner_client.get(url, {"page": ""}).status_code == 200
    problems = [
        f"?page={value}: {status}" for value in (*BAD, "0") if (status := owner_client.get(url, {"page": value}).status_code) != 404
    ]
    assert_none(problems)


def preselections() -> list[tuple]:
    """(step, kind, field) for every reference an "add" link may preselect, from the registry."""
    return [
        (step, kind, name)
        for step in STEPS
        for kind in step.items
        for name, field in kind.form_class.base_fields.items()
        if isinstance(field, forms.ModelChoiceField) and not isinstance(field, forms.ModelMultipleChoiceField)
    ]


@pytest.mark.parametrize(("step", "kind", "name"), preselections(), ids=[f"{k.slug}?{n}" for _s, k, n in preselections()])
def test_a_preselected_reference_not_in_ascii_digits_is_a_404(step, kind, name, owner_client, project, items):
    url = reverse("projects:item_add", kwargs={"slug": project.slug, "step_slug": step.slug, "kind_slug": kind.slug})
    target = kind.form_class.base_fields[name].queryset.model.objects.filter(project=project).first()
    control = owner_client.get(url, {name: str(target.pk)})
    assert control.status_code == 200
    assert control.context["form"].initial[name] == target.pk
    problems = [f"?{name}={value}: {status}" for value in BAD if (status := owner_client.get(url, {name: value}).status_code) != 404]
    assert_none(problems)


# The item buttons of a step page ("change:stakeholder:12")


@pytest.mark.parametrize(("step", "kind"), [(s, k) for s in STEPS for k in s.items], ids=[k.slug for s in STEPS for k in s.items])
def test_an_item_button_with_a_key_not_in_ascii_digits_stays_on_the_step(step, kind, owner_client, project, items):
    step_page = reverse("projects:step", kwargs={"slug": project.slug, "step_slug": step.slug})
    item, problems = items[kind.slug], []
    for verb in ("change", "remove"):
        control = owner_client.post(step_page, step_post(project, step.slug, action=f"{verb}:{kind.slug}:{item.pk}"))
        assert control["Location"] == reverse(
            f"projects:item_{verb}", kwargs={"slug": project.slug, "step_slug": step.slug, "kind_slug": kind.slug, "pk": item.pk}
        )
        for value in BAD:
            response = owner_client.post(step_page, step_post(project, step.slug, action=f"{verb}:{kind.slug}:{value}"))
            if (response.status_code, response.get("Location")) != (302, step_page):
                problems.append(f"{verb}:{kind.slug}:{value}: {response.status_code} to {response.get('Location')}")
    assert_none(problems)


# Integers in the wizard's forms


def form_parameters() -> list[tuple]:
    """(step, kind or None, field) for every number or reference field of every wizard form, from the registry."""
    forms_of = [(step, None, step.form_class) for step in STEPS] + [(step, kind, kind.form_class) for step in STEPS for kind in step.items]
    return [
        (step, kind, name)
        for step, kind, form_class in forms_of
        for name, field in form_class.base_fields.items()
        if isinstance(field, forms.IntegerField | forms.ModelChoiceField)
    ]


def _form_id(step, kind, name) -> str:
    return f"{kind.slug if kind else step.slug}.{name}"


def expected_error(name: str, field: forms.Field, value: str) -> str:
    if name == "base_version":
        return str(VERSION_UNREADABLE)
    label = str(field.label)
    if isinstance(field, forms.ModelChoiceField):
        return str(NOT_AN_OPTION % {"label": label})
    low, high = f"{field.min_value:,}" if field.min_value is not None else None, f"{field.max_value:,}"
    out_of_range = (value == "-1" and low is not None) or value == FORTY_DIGITS
    if out_of_range and field.max_value != INT_MAX:
        return str(NUMBER_BETWEEN % {"label": label, "min": low, "max": high})
    if value == "-1" and low is not None:
        return str(NUMBER_AT_LEAST % {"label": label, "min": low})
    if value == FORTY_DIGITS:
        return str(NUMBER_AT_MOST % {"label": label, "max": high})
    return str(NOT_A_WHOLE_NUMBER % {"label": label})


def test_the_registry_walk_finds_the_number_and_reference_fields():
    found = {_form_id(*parameter) for parameter in form_parameters()}
    assert {"need.base_version", "team.lead", "team-member.allocation", "research.participants", "milestone.depends_on"} <= found


@pytest.mark.parametrize(("step", "kind", "name"), form_parameters(), ids=[_form_id(*p) for p in form_parameters()])
def test_a_wizard_form_refuses_a_number_not_in_ascii_digits_and_saves_nothing(step, kind, name, owner_client, project):
    if kind is None:
        url = reverse("projects:step", kwargs={"slug": project.slug, "step_slug": step.slug})
        valid = step_post(project, step.slug)
    else:
        url = reverse("projects:item_add", kwargs={"slug": project.slug, "step_slug": step.slug, "kind_slug": kind.slug})
        valid = item_post(project, kind.slug)
    field = (kind or step).form_class.base_fields[name]
    before, problems = saved_rows(), []
    for value in BAD:
        response = owner_client.post(url, {**valid, name: [value] if isinstance(field, forms.ModelMultipleChoiceField) else value})
        expected = expected_error(name, field, value)
        if response.status_code != 200:
            problems.append(f"{name}={value}: {response.status_code}")
        elif list(response.context["form"].errors.get(name, [])) != [expected]:
            problems.append(f"{name}={value}: errors {response.context['form'].errors.get(name)}, expected {expected!r}")
        elif escape(expected) not in response.content.decode():
            problems.append(f"{name}={value}: {expected!r} is not on the page")
    assert saved_rows() == before
    assert_none(problems)
    assert owner_client.post(url, valid).status_code == 302


def date_parameters() -> list[tuple]:
    """(step, kind or None, field) for every date of every wizard form: its day, month and year boxes are numbers too."""
    forms_of = [(step, None, step.form_class) for step in STEPS] + [(step, kind, kind.form_class) for step in STEPS for kind in step.items]
    return [
        (step, kind, name)
        for step, kind, form_class in forms_of
        for name, field in form_class.base_fields.items()
        if isinstance(field, forms.DateField)
    ]


@pytest.mark.parametrize(("step", "kind", "name"), date_parameters(), ids=[_form_id(*p) for p in date_parameters()])
def test_a_date_box_not_in_ascii_digits_is_not_a_real_date(step, kind, name, owner_client, project):
    if kind is None:
        url = reverse("projects:step", kwargs={"slug": project.slug, "step_slug": step.slug})
        valid = step_post(project, step.slug)
    else:
        url = reverse("projects:item_add", kwargs={"slug": project.slug, "step_slug": step.slug, "kind_slug": kind.slug})
        valid = item_post(project, kind.slug)
    form_class = (kind or step).form_class
    subject = form_class.subjects.get(name) or form_class.base_fields[name].label
    boxes = {f"{name}_{part}": valid.get(f"{name}_{part}", default) for part, default in enumerate(("27", "3", "2027"))}
    before, problems = saved_rows(), []
    for box in boxes:
        for value in BAD:
            response = owner_client.post(url, {**valid, **boxes, box: value})
            errors = list(response.context["form"].errors.get(name, [])) if response.status_code == 200 else response.status_code
            if errors != [str(DATE_NOT_REAL % {"label": subject})]:
                problems.append(f"{box}={value}: {errors}")
    assert saved_rows() == before
    assert_none(problems)
    assert owner_client.post(url, {**valid, **boxes}).status_code == 302


def test_a_number_box_is_a_govuk_numeric_text_input(owner_client, project):
    url = reverse("projects:item_add", kwargs={"slug": project.slug, "step_slug": "team", "kind_slug": "team-member"})
    box = next(tag for tag in owner_client.get(url).content.decode().split("<input") if 'name="allocation"' in tag)
    for attribute in ('type="text"', 'inputmode="numeric"', 'spellcheck="false"', "govuk-input govuk-input--width-3"):
        assert attribute in box


# The hidden versions of the pages outside the wizard's forms


def _refusals(post, allowed: tuple[int, ...]) -> list[str]:
    """Posts each bad value: the answer must be the form again with an error, or a status in `allowed`."""
    problems = []
    for value in BAD:
        response = post(value)
        if response.status_code == 200:
            if not response.context["form"].errors:
                problems.append(f"{value}: the form again, without an error")
        elif response.status_code not in allowed:
            problems.append(f"{value}: {response.status_code}")
    return problems


def test_removing_an_item_with_a_base_version_not_in_ascii_digits_removes_nothing(owner_client, project, items):
    item = items["stakeholder"]
    type(item).objects.filter(pk=item.pk).update(version=ARABIC_THREE)
    url = reverse(
        "projects:item_remove", kwargs={"slug": project.slug, "step_slug": "stakeholders", "kind_slug": "stakeholder", "pk": item.pk}
    )
    before = saved_rows()
    problems = [f"base_version={v}: {s}" for v in BAD if (s := owner_client.post(url, {"base_version": v}).status_code) not in (404, 409)]
    assert saved_rows() == before
    assert_none(problems)
    assert owner_client.post(url, {"base_version": str(ARABIC_THREE)}).status_code == 302


def test_restoring_with_a_base_version_not_in_ascii_digits_restores_nothing(owner_client, project):
    step = STEPS[0]
    record = record_for(project, step)
    url = reverse(
        "history:restore_step", kwargs={"slug": project.slug, "step_slug": step.slug, "history_id": record.history.earliest().history_id}
    )
    type(record).objects.filter(pk=record.pk).update(version=ARABIC_THREE)
    before = saved_rows()
    problems = [f"base_version={v}: {s}" for v in BAD if (s := owner_client.post(url, {"base_version": v}).status_code) not in (404, 409)]
    assert saved_rows() == before
    assert_none(problems)
    assert owner_client.post(url, {"base_version": str(ARABIC_THREE)}).status_code == 302


@pytest.fixture
def membership_at_arabic_three(project, editor):
    """The editor's membership, put at the version int() reads "٣" as."""
    Membership.objects.filter(project=project, user=editor).update(version=ARABIC_THREE)
    return Membership.objects.get(project=project, user=editor)


def test_changing_a_role_with_a_base_version_not_in_ascii_digits_changes_nothing(owner_client, project, membership_at_arabic_three):
    url = reverse("members:role", kwargs={"slug": project.slug, "member_pk": membership_at_arabic_three.pk})
    before = saved_rows()
    problems = [
        f"base_version={v}: {s}"
        for v in BAD
        if (s := owner_client.post(url, {"role": Role.VIEWER, "base_version": v}).status_code) not in (400, 409)
    ]
    assert saved_rows() == before
    assert_none(problems)
    assert owner_client.post(url, {"role": Role.VIEWER, "base_version": str(ARABIC_THREE)}).status_code == 302


def test_removing_a_member_with_a_base_version_not_in_ascii_digits_removes_nothing(owner_client, project, membership_at_arabic_three):
    url = reverse("members:remove", kwargs={"slug": project.slug, "member_pk": membership_at_arabic_three.pk})
    before = saved_rows()
    problems = [f"base_version={v}: {s}" for v in BAD if (s := owner_client.post(url, {"base_version": v}).status_code) not in (400, 409)]
    assert saved_rows() == before
    assert_none(problems)
    assert owner_client.post(url, {"base_version": str(ARABIC_THREE)}).status_code == 302


def test_checklist_answers_with_a_version_not_in_ascii_digits_save_nothing(owner_client, editor, project, methodology):
    question = EvaluationQuestion.objects.filter(rule__slug="need").order_by("order", "id").first()
    Answer.objects.create(project=project, question=question, choice="no", updated_by=editor, version=ARABIC_THREE)
    url = reverse("evaluation:rule", kwargs={"slug": project.slug, "rule_slug": "need"})

    def post(version: str):
        data = {f"answer_{question.pk}": "yes", f"evidence_{question.pk}": "", f"version_{question.pk}": version, "action": "return"}
        return owner_client.post(url, data)

    before = saved_rows()
    problems = _refusals(post, (409,))
    assert saved_rows() == before
    assert_none(problems)
    assert post(str(ARABIC_THREE)).status_code == 302


def test_moving_to_a_methodology_version_not_in_ascii_digits_moves_nothing(owner_client, project, methodology):
    stage = Stage.objects.get(number=1)
    Project.objects.filter(pk=project.pk).update(methodology_version=methodology_publish(stage=stage, user=None))
    while methodology_publish(stage=stage, user=None).number < ARABIC_THREE:
        pass
    url = reverse("evaluation:version", kwargs={"slug": project.slug})
    before = saved_rows()
    problems = _refusals(lambda version: owner_client.post(url, {"version": version}), ())
    assert saved_rows() == before
    assert_none(problems)
