"""Hypothesis posts generated input to every form of the product; no answer is ever a server error.

Each form gets, per field, either something valid or something odd (control
characters, NUL, rare Unicode, 20,000 characters, numbers out of range),
plus a tampered version, a tampered `action` button and fields the form does
not have. Valid values are mixed in so that the saving code and the redirect
after it run too, not only validation.
"""

from datetime import date

import pytest
from django import forms
from django.db import models
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from stage1.evaluation.forms import RuleAnswersForm
from stage1.evaluation.selectors import checklist_for
from stage1.projects.steps import STEPS, get_step
from tests.security.conftest import one_of_each

FUZZ = settings(
    max_examples=25,
    deadline=None,
    database=None,
    # The same examples on every run, so that a result in CI can be reproduced.
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
ALLOWED = {200, 302, 403, 404, 409}
# Stand-ins the test replaces with the row's real version, or with the id of an existing row of a model.
CURRENT = "<current version>"


def id_of(model) -> str:
    return f"<id of {model._meta.label}>"


odd_text = st.one_of(
    st.text(max_size=40),
    st.text(alphabet=st.characters(categories=["Cc", "Cf", "Zl", "Zp", "Mn", "So"]), max_size=20),
    st.builds(lambda char, n: char * n, st.characters(), st.integers(min_value=1, max_value=20_000)),
    st.sampled_from(["\x00", "a\x00b", "\u202eevil", "\ufeff", "\U0001f600" * 3, "İ", "\r\n", "%00", "../../etc/passwd"]),
)
numberish = st.one_of(
    st.integers(min_value=-(2**70), max_value=2**70).map(str),
    st.sampled_from(["", "0", "-1", "1.5", "1e9", "NaN", "Infinity", "9" * 40, "²", "١٢", "0x10", " 1 "]),
    st.text(alphabet=st.characters(categories=["Nd", "No"]), min_size=1, max_size=4),
)
base_versions = st.one_of(st.just(CURRENT), numberish, odd_text)
junk_fields = st.dictionaries(
    st.sampled_from(["project", "owner", "role", "version", "position", "updated_by", "id", "pk", "slug"]), odd_text
)


def _odd_values(field: forms.Field) -> st.SearchStrategy:
    """Values a browser would not send for the field, or a valid-looking one among them."""
    if isinstance(field, forms.ModelMultipleChoiceField):
        return st.lists(st.one_of(numberish, st.just(id_of(field.queryset.model))), max_size=3)
    if isinstance(field, forms.ModelChoiceField):
        return st.one_of(numberish, odd_text)
    if isinstance(field, forms.ChoiceField):
        return st.one_of(odd_text, st.lists(odd_text, max_size=2))
    if isinstance(field, forms.IntegerField | forms.BooleanField):
        return st.one_of(numberish, odd_text)
    return odd_text


def _valid_values(field: forms.Field) -> st.SearchStrategy:
    """What the page's own form could send for the field."""
    if isinstance(field, forms.ModelMultipleChoiceField):
        return st.lists(st.just(id_of(field.queryset.model)), max_size=1)
    if isinstance(field, forms.ModelChoiceField):
        return st.sampled_from([id_of(field.queryset.model)] + ([] if field.required else [""]))
    if isinstance(field, forms.ChoiceField):
        return st.sampled_from([str(value) for value, _label in field.choices if value != "" or not field.required])
    if isinstance(field, forms.BooleanField):
        return st.sampled_from(["on", ""])
    if isinstance(field, forms.IntegerField):
        low = field.min_value if field.min_value is not None else 0
        return st.integers(min_value=low, max_value=field.max_value or low + 1000).map(str)
    # Starts with a letter: a required field must not be only spaces.
    printable = st.characters(exclude_categories=["Cc", "Cs", "Zl", "Zp"])
    return st.text(printable, max_size=min(field.max_length or 200, 60) - 1).map(lambda text: "x" + text)


def _valid_date(name: str) -> st.SearchStrategy:
    boxes = st.dates(min_value=date(1900, 1, 1), max_value=date(2200, 12, 31)).map(
        lambda day: {f"{name}_0": str(day.day), f"{name}_1": str(day.month), f"{name}_2": str(day.year)}
    )
    return st.one_of(boxes, st.just({}))


def _merged(*dicts: dict) -> dict:
    return {key: value for part in dicts for key, value in part.items()}


def form_data(fields: dict[str, forms.Field]) -> st.SearchStrategy:
    """Posted data for a form's fields: valid, valid with some fields tampered, or only odd values.

    A date is posted as its three GOV.UK boxes. Valid data matters: only
    then do the saving code and the redirect after it run.
    """
    valid, dates, odd = {}, [], {}
    for name, field in fields.items():
        if name == "base_version":
            continue
        if isinstance(field, forms.DateField):
            dates.append(_valid_date(name))
            for part in ("0", "1", "2"):
                odd[f"{name}_{part}"] = st.one_of(st.integers(min_value=0, max_value=3000).map(str), numberish, odd_text)
        else:
            valid[name] = _valid_values(field)
            odd[name] = _odd_values(field)
    as_valid = st.builds(_merged, st.fixed_dictionaries(valid), *dates)
    tampered = st.fixed_dictionaries({}, optional=odd)
    return st.one_of(as_valid, st.builds(_merged, as_valid, tampered), tampered)


def actions(kinds_of_step) -> st.SearchStrategy:
    """The value of the button pressed: the step's own buttons, its item buttons, and tampered ones."""
    verbs = st.sampled_from(["add", "change", "remove", "continue", "return", "save", ""])
    kinds = st.sampled_from([*(kind.slug for kind in kinds_of_step), "", "nope", "../stakeholder"])
    pks = st.one_of(st.just(""), st.sampled_from([id_of(kind.model) for kind in kinds_of_step] or [""]), numberish)
    buttons = st.builds(lambda verb, kind, pk: f"{verb}:{kind}:{pk}" if pk else f"{verb}:{kind}", verbs, kinds, pks)
    return st.one_of(st.sampled_from(["continue", "return", "save"]), buttons, odd_text)


def _resolve(value, stand_ins: dict[str, str]):
    if isinstance(value, dict):
        return {key: _resolve(v, stand_ins) for key, v in value.items()}
    if isinstance(value, list):
        return [_resolve(v, stand_ins) for v in value]
    for stand_in, real in stand_ins.items():
        value = value.replace(stand_in, real)
    return value


def _post(client, url: str, data: dict, *, current: int, items: dict) -> int:
    stand_ins = {CURRENT: str(current), **{id_of(type(item)): str(item.pk) for item in items.values()}}
    client.raise_request_exception = False
    response = client.post(url, _resolve(data, stand_ins))
    assert response.status_code != 500, f"server error for POST {url} with {data!r}"
    assert response.status_code in ALLOWED, f"{response.status_code} for POST {url}"
    return response.status_code


def minimal_answers(fields: dict[str, forms.Field]) -> dict:
    """The least a form accepts: the first choice of every required choice field."""
    return {
        name: str(field.choices[0][0] or field.choices[1][0])
        for name, field in fields.items()
        if field.required and isinstance(field, forms.ChoiceField) and not isinstance(field, forms.ModelChoiceField)
    }


@pytest.fixture
def items(project):
    def fill(obj):
        for field in obj._meta.concrete_fields:
            if isinstance(field, models.CharField) and not field.blank and not field.choices:
                setattr(obj, field.name, f"{field.verbose_name} 1")

    return one_of_each(project, fill)


STEP_SLUGS = [step.slug for step in STEPS]
KINDS = [(step.slug, kind.slug) for step in STEPS for kind in step.items]


@pytest.mark.parametrize("step_slug", STEP_SLUGS)
def test_step_forms_never_answer_with_a_server_error(step_slug, editor_client, project, items):
    step = get_step(step_slug)
    url = reverse("projects:step", kwargs={"slug": project.slug, "step_slug": step_slug})

    @FUZZ
    @given(data=form_data(step.form_class.base_fields), base_version=base_versions, action=actions(step.items), junk=junk_fields)
    def post(data, base_version, action, junk):
        current = step.model.objects.get(project=project).version
        _post(editor_client, url, {**junk, **data, "base_version": base_version, "action": action}, current=current, items=items)

    post()


@pytest.mark.parametrize(("step_slug", "kind_slug"), KINDS, ids=[f"{s}/{k}" for s, k in KINDS])
def test_item_forms_never_answer_with_a_server_error(step_slug, kind_slug, editor_client, project, items):
    kind = get_step(step_slug).item(kind_slug)
    item = items[kind_slug]
    kwargs = {"slug": project.slug, "step_slug": step_slug, "kind_slug": kind_slug}
    urls = {
        "add": reverse("projects:item_add", kwargs=kwargs),
        "change": reverse("projects:item_change", kwargs={**kwargs, "pk": item.pk}),
        "remove": reverse("projects:item_remove", kwargs={**kwargs, "pk": item.pk}),
    }

    @FUZZ
    @given(
        page=st.sampled_from(["add", "change", "change", "remove"]),
        data=form_data(kind.form_class.base_fields),
        base_version=base_versions,
        junk=junk_fields,
    )
    def post(page, data, base_version, junk):
        current = kind.model.objects.filter(pk=item.pk).values_list("version", flat=True).first()
        if current is None:
            # A generated "remove" succeeded: put the item back for the next example.
            item.save(force_insert=True)
            current = item.version
        _post(editor_client, urls[page], {**junk, **data, "base_version": base_version}, current=current, items=items)

    post()


@pytest.mark.parametrize("rule_slug", ["need", "stakeholders"])
def test_the_checklist_rule_form_never_answers_with_a_server_error(rule_slug, methodology, editor_client, project):
    url = reverse("evaluation:rule", kwargs={"slug": project.slug, "rule_slug": rule_slug})
    fields = RuleAnswersForm(rows=checklist_for(project, with_findings=False).group(rule_slug).rows).fields

    @FUZZ
    @given(data=form_data(fields), action=st.one_of(st.sampled_from(["continue", "return"]), odd_text))
    def post(data, action):
        _post(editor_client, url, {**data, "action": action}, current=0, items={})

    post()


STEPS_WITH_ITEMS = [step.slug for step in STEPS if step.items]


@pytest.mark.parametrize("step_slug", STEPS_WITH_ITEMS)
@pytest.mark.parametrize("verb", ["change", "remove"])
def test_an_item_button_with_a_non_ascii_digit_is_not_a_server_error(verb, step_slug, editor_client, project):
    step = get_step(step_slug)
    url = reverse("projects:step", kwargs={"slug": project.slug, "step_slug": step_slug})
    data = {**minimal_answers(step.form_class.base_fields), "base_version": "1", "action": f"{verb}:{step.items[0].slug}:²"}

    editor_client.raise_request_exception = False
    response = editor_client.post(url, data)

    assert response.status_code in ALLOWED


def _has_date_field(form_class) -> bool:
    return any(isinstance(field, forms.DateField) for field in form_class.base_fields.values())


PRESELECT_CASES = [pytest.param(step.slug, kind.slug, id=f"{step.slug}/{kind.slug}") for step in STEPS for kind in step.items]


@pytest.mark.parametrize(("step_slug", "kind_slug"), PRESELECT_CASES)
def test_an_add_link_preselecting_any_field_with_a_number_is_not_a_server_error(step_slug, kind_slug, editor_client, project):
    kind = get_step(step_slug).item(kind_slug)
    url = reverse("projects:item_add", kwargs={"slug": project.slug, "step_slug": step_slug, "kind_slug": kind_slug})
    editor_client.raise_request_exception = False

    statuses = {
        (name, value): editor_client.get(url, {name: value}).status_code
        for name in kind.form_class.base_fields
        for value in ("1", "²", "9" * 30, "-1")
    }

    # A preselected reference that is not a row key in ASCII digits is a 404 (tests/security/test_integer_parameters.py).
    assert {key: status for key, status in statuses.items() if status not in (200, 404)} == {}
