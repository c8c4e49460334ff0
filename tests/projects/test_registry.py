"""The step registry's own rules: what it declares about printing is complete and unambiguous."""

from collections import Counter

import pytest
from django.template.loader import get_template

from stage1.projects.display import field_label
from stage1.projects.steps import STEPS

STEP_IDS = [step.slug for step in STEPS]


@pytest.mark.parametrize("step", STEPS, ids=STEP_IDS)
def test_every_answer_of_a_step_prints_in_exactly_one_charter_section(step):
    printed = Counter(name for section in step.charter_sections for name in section.fields)
    assert printed == Counter(step.fields), "a field missing from every section would vanish from the charter"


@pytest.mark.parametrize("step", STEPS, ids=STEP_IDS)
def test_every_list_of_a_step_prints_in_exactly_one_charter_section(step):
    printed = Counter(slug for section in step.charter_sections for slug in section.items)
    assert printed == Counter(kind.slug for kind in step.items)


@pytest.mark.parametrize("step", STEPS, ids=STEP_IDS)
def test_the_summary_and_required_answers_are_fields_of_the_step(step):
    assert {name for name, _label in step.summary} <= set(step.fields)
    assert set(step.required_fields) <= set(step.fields)
    assert set(step.required_items) <= {kind.slug for kind in step.items}


def test_charter_section_anchors_are_unique():
    anchors = [section.anchor for step in STEPS for section in step.charter_sections]
    assert len(anchors) == len(set(anchors))


@pytest.mark.parametrize("kind", STEPS.kinds(), ids=[kind.slug for kind in STEPS.kinds()])
def test_every_item_kind_prints_with_a_template_that_exists(kind):
    if kind.charter_template:
        get_template(kind.charter_template)
    else:
        # Printed inside another list's template: some other kind of the same step must print.
        assert any(other.charter_template for other in STEPS.step_of(kind).items if other is not kind)


@pytest.mark.parametrize("kind", STEPS.kinds(), ids=[kind.slug for kind in STEPS.kinds()])
def test_print_labels_name_fields_of_the_kind_and_fall_back_to_the_field_label(kind):
    assert set(kind.print_labels) <= set(kind.fields), "a print label for a field the list does not have is never used"
    for name in kind.fields:
        assert kind.print_label(name) == kind.print_labels.get(name, field_label(kind.model, name))


def test_a_register_counts_itself_in_the_summary():
    assert all(kind.counted is not None for kind in STEPS.registers())


def test_a_step_is_found_by_its_slug_and_an_item_kind_by_its_own():
    for step in STEPS:
        assert STEPS.get(step.slug) is step
        for kind in step.items:
            assert STEPS.kind(kind.slug) is kind
            assert STEPS.step_of(kind) is step


def test_the_registry_refuses_two_steps_with_one_slug():
    with pytest.raises(ValueError), STEPS.extended_with(STEPS[0]):
        pass
    assert len({step.slug for step in STEPS}) == len(STEPS)


@pytest.mark.parametrize("step", STEPS, ids=STEP_IDS)
def test_a_step_record_is_named_after_its_step(step):
    """One name per step: slug "user-paths", model UserPathsStep, project.user_paths_step, /steps/user-paths/."""
    words = step.slug.split("-")
    assert step.model.__name__ == "".join(word.capitalize() for word in words) + "Step"
    assert step.model._meta.get_field("project").remote_field.related_name == "_".join(words) + "_step"


@pytest.mark.parametrize("step", STEPS, ids=STEP_IDS)
def test_a_step_is_complete_exactly_when_nothing_is_missing(step):
    """is_complete() (the task list's quick check) and missing() (the words) say the same, whichever answers are given."""
    from itertools import product

    required = list(step.required_fields)
    item_slugs = list(step.required_items)
    outcomes = set()
    for answered, counts in product(product([False, True], repeat=len(required)), product([0, 1, 5], repeat=len(item_slugs))):
        record = step.model()
        for name, given in zip(required, answered, strict=True):
            field = step.model._meta.get_field(name)
            setattr(
                record,
                field.attname,
                (1 if field.is_relation or field.get_internal_type().endswith("IntegerField") else "x")
                if given
                else None
                if field.null
                else "",
            )
        by_slug = dict(zip(item_slugs, counts, strict=True))
        assert step.is_complete(record, by_slug) == (not step.missing(record, by_slug)), (step.slug, answered, by_slug)
        outcomes.add(step.is_complete(record, by_slug))
    assert outcomes == ({True, False} if required or item_slugs else {True})
