"""The methodology content the product ships with (fixtures/methodology.json)."""

import pytest
from django.core.management import call_command
from django.db.models import Count

from stage1.methodology.models import Action, EvaluationQuestion, Rule, Stage, UsefulMaterial
from stage1.projects.steps import STEPS

pytestmark = pytest.mark.usefixtures("methodology")

MATERIAL_URLS = {"https://mosaico.gov.pt", "https://itil.org.uk", "https://yasm.com", "https://beta.gouv.fr", "https://www.fitsm.eu"}


def _counts():
    return [model.objects.count() for model in (Stage, Rule, Action, UsefulMaterial, EvaluationQuestion)]


def test_fixture_defines_stage_one():
    stage = Stage.objects.get()
    assert (stage.number, stage.slug) == (1, "define-strategy")
    assert stage.title and stage.summary


def test_fixture_has_a_golden_rule_for_every_step_in_order():
    rules = Rule.objects.for_stage(1)
    assert [rule.slug for rule in rules] == [step.slug for step in STEPS]
    assert [rule.number for rule in rules] == list(range(1, len(STEPS) + 1))


def test_every_rule_has_a_title_summary_guidance_and_three_to_six_actions():
    for rule in Rule.objects.annotate(n_actions=Count("actions")):
        assert rule.title and rule.summary, rule.slug
        assert rule.guidance.strip(), rule.slug
        assert 3 <= rule.n_actions <= 6, rule.slug


def test_guidance_is_markdown_without_html():
    for rule in Rule.objects.all():
        assert "<" not in rule.guidance, rule.slug
        assert rule.guidance_html.count('<p class="govuk-body">') >= 2, rule.slug


def test_fixture_has_the_five_useful_materials_linked_to_rules():
    materials = UsefulMaterial.objects.prefetch_related("rules")
    assert {material.url for material in materials} == MATERIAL_URLS
    for material in materials:
        assert material.description and material.phases, material.name
        assert material.rules.exists(), material.name


def test_every_rule_has_three_to_five_evaluation_questions_with_hint_and_framework():
    assert EvaluationQuestion.objects.count() >= 3 * len(STEPS)
    for rule in Rule.objects.annotate(n_questions=Count("questions")):
        assert 3 <= rule.n_questions <= 5, rule.slug
    for question in EvaluationQuestion.objects.all():
        assert question.text.endswith("?"), question.text
        assert question.hint and question.framework, question.text


def test_loading_the_fixture_twice_duplicates_nothing():
    before = _counts()
    call_command("loaddata", "fixtures/methodology.json", verbosity=0)
    assert _counts() == before
