"""The admin's preview of the draft: the live methodology as teams will read it, and what changes since the latest version."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils.html import escape

from stage1.methodology.models import EvaluationQuestion, Rule, Stage, UsefulMaterial
from stage1.methodology.services import methodology_publish
from stage1.projects.services import project_create
from tests.content import fixture_questions, fixture_rules
from tests.methodology.test_models import FORBIDDEN, HOSTILE_GUIDANCE

pytestmark = pytest.mark.usefixtures("methodology")

EDITED_GUIDANCE = "Start from **complaints people sent** last year, not from the solution you have in mind."
NEW_QUESTION = "Have you read last year's complaints about the service?"
NEW_HINT = "Name where the complaints came from and how many there were."


def _stage() -> Stage:
    return Stage.objects.get(number=1)


def _preview_url(stage: Stage | None = None) -> str:
    return reverse("admin:methodology_stage_preview", args=[(stage or _stage()).pk])


def _question_block(html: str, question: EvaluationQuestion) -> str:
    """The preview's checklist entry for one question."""
    match = re.search(rf'<div class="[^"]*" id="question-{question.pk}">(.*?)</div>\s*(?=<div class="govuk-form-group|</div>)', html, re.S)
    assert match, f"question {question.pk} is not in the checklist preview"
    return match.group(1)


def _rule_section(html: str, slug: str) -> str:
    match = re.search(rf'<section class="draft-preview__rule" id="rule-{slug}".*?</section>', html, re.S)
    assert match, f"rule {slug} has no section"
    return match.group(0)


@pytest.fixture
def published(methodology_owner):
    return methodology_publish(stage=_stage(), user=methodology_owner)


@pytest.fixture
def staff_member(db):
    """Staff who may sign in to the admin but were given no permission on the method."""
    return get_user_model().objects.create_user(username="sam_staff", email="sam@example.org", is_staff=True)


def test_methodology_owner_sees_every_rule_and_question_of_the_draft(methodology_owner_client, published):
    response = methodology_owner_client.get(_preview_url())

    assert response.status_code == 200
    html = response.content.decode()
    assert [entry.rule.slug for entry in response.context["preview"].rules] == [rule["slug"] for rule in fixture_rules()]
    assert html.count('class="draft-preview__rule"') == len(fixture_rules())
    assert len(re.findall(r'id="question-\d+"', html)) == len(fixture_questions())
    for rule in fixture_rules():
        assert f"Golden rule {rule['number']} of {len(fixture_rules())}" in html
    assert 'id="no-changes"' in html
    assert "Preview of the draft: version 2" in html


def test_the_preview_shows_edited_guidance_and_a_new_question_while_the_step_page_keeps_the_published_wording(
    methodology_owner_client, owner, owner_client, published
):
    project = project_create(user=owner, title="Apply for a parking permit", organisation="City of Example")
    rule = Rule.objects.get(slug="need")
    published_guidance = rule.guidance_html
    rule.guidance = EDITED_GUIDANCE
    rule.save()
    question = EvaluationQuestion.objects.create(rule=rule, order=99, text=NEW_QUESTION, hint=NEW_HINT)

    html = methodology_owner_client.get(_preview_url()).content.decode()
    section = _rule_section(html, "need")
    assert "<strong>complaints people sent</strong>" in section
    assert "Guidance or actions updated." in section
    assert str(published_guidance) in section  # the published wording, to compare with
    entry = _question_block(html, question)
    assert escape(NEW_QUESTION) in entry and escape(NEW_HINT) in entry and ">New<" in entry
    assert '<li id="count-new">1 new question</li>' in html
    assert '<li id="count-guidance">Guidance or actions updated for 1 golden rule</li>' in html

    step = owner_client.get(reverse("projects:step", args=[project.slug, "need"])).content.decode()
    assert str(published_guidance) in step
    assert "complaints people sent" not in step
    checklist = owner_client.get(reverse("evaluation:checklist", args=[project.slug])).content.decode()
    assert NEW_QUESTION not in checklist


def test_a_reworded_question_is_marked_reworded_with_both_wordings(methodology_owner_client, published):
    reworded = list(EvaluationQuestion.objects.filter(rule__slug="team", retired=False)[:2])
    before = {question.pk: question.text for question in reworded}
    for question in reworded:
        question.text = f"{question.text} Who signed it?"
        question.save()

    response = methodology_owner_client.get(_preview_url())
    html = response.content.decode()

    for question in reworded:
        entry = _question_block(html, question)
        assert ">Reworded<" in entry and ">New<" not in entry
        section = _rule_section(html, "team")
        assert before[question.pk] in section and question.text in section
    assert f'<li id="count-reworded">{len(reworded)} questions reworded</li>' in html
    untouched = EvaluationQuestion.objects.filter(rule__slug="need", retired=False).first()
    assert ">Reworded<" not in _question_block(html, untouched)


def test_a_retired_question_is_listed_as_no_longer_asked_and_left_out_of_the_checklist(methodology_owner_client, published):
    retired = EvaluationQuestion.objects.filter(rule__slug="plan", retired=False).first()
    retired.retired = True
    retired.save()

    html = methodology_owner_client.get(_preview_url()).content.decode()

    assert f'id="question-{retired.pk}"' not in html
    assert len(re.findall(r'id="question-\d+"', html)) == len(fixture_questions()) - 1
    assert retired.text in _rule_section(html, "plan")
    assert '<li id="count-dropped">1 question no longer asked</li>' in html


def test_before_any_version_is_published_every_question_is_new(methodology_owner_client):
    html = methodology_owner_client.get(_preview_url()).content.decode()

    assert "Preview of the draft: version 1" in html
    assert html.count('<strong class="govuk-tag govuk-tag--green">New</strong>') == len(fixture_questions())
    assert f'<li id="count-new">{len(fixture_questions())} new questions</li>' in html


def test_the_step_guidance_lists_actions_and_useful_material_as_the_step_page_does(methodology_owner_client, published):
    rule = Rule.objects.get(slug="stakeholders")
    material = UsefulMaterial.objects.create(stage=rule.stage, name="Stakeholder map template", url="https://example.org/map")
    material.rules.add(rule)

    section = _rule_section(methodology_owner_client.get(_preview_url()).content.decode(), "stakeholders")

    for action in rule.actions.all():
        assert action.text in section
    assert '<a class="govuk-link" href="https://example.org/map" rel="noopener noreferrer">Stakeholder map template</a>' in section


def test_hostile_methodology_text_is_cleaned_and_escaped(methodology_owner_client, published):
    rule = Rule.objects.get(slug="need")
    rule.guidance = HOSTILE_GUIDANCE
    rule.title = "<script>alert('title')</script>"
    rule.save()
    EvaluationQuestion.objects.create(rule=rule, order=99, text="<b>Bold</b> claims?", hint="<script>alert(2)</script>")

    html = methodology_owner_client.get(_preview_url()).content.decode()

    section = _rule_section(html, "need")
    assert '<p class="govuk-body">Intro paragraph.</p>' in section
    for fragment in FORBIDDEN:
        assert fragment not in section.lower()
    assert "&lt;b&gt;Bold&lt;/b&gt; claims?" in section
    assert "&lt;script&gt;alert(2)&lt;/script&gt;" in section
    assert "&lt;script&gt;alert(&#x27;title&#x27;)&lt;/script&gt;" in section


def test_the_rule_stage_and_version_pages_link_to_the_preview(methodology_owner_client, published):
    rule = Rule.objects.get(slug="team")
    pages = {
        reverse("admin:methodology_rule_change", args=[rule.pk]): f"{_preview_url()}#rule-team",
        reverse("admin:methodology_stage_change", args=[_stage().pk]): _preview_url(),
        reverse("admin:methodology_methodologyversion_changelist"): _preview_url(),
        reverse("admin:methodology_methodologyversion_add"): _preview_url(),
    }
    for page, link in pages.items():
        assert f'href="{link}"' in methodology_owner_client.get(page).content.decode(), page


def test_the_preview_links_each_rule_to_its_change_page(methodology_owner_client):
    html = methodology_owner_client.get(_preview_url()).content.decode()

    for rule in Rule.objects.for_stage(1):
        assert reverse("admin:methodology_rule_change", args=[rule.pk]) in html


def test_the_preview_is_read_only(methodology_owner_client):
    assert methodology_owner_client.post(_preview_url()).status_code == 405


def test_staff_without_the_permission_cannot_open_the_preview(client, staff_member):
    client.force_login(staff_member)

    assert client.get(_preview_url()).status_code == 403
    # Nor the pages that link to it.
    rule = Rule.objects.get(slug="need")
    assert client.get(reverse("admin:methodology_rule_change", args=[rule.pk])).status_code == 403


def test_an_anonymous_visitor_is_sent_to_the_admin_sign_in(client):
    response = client.get(_preview_url())

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))


def test_a_signed_in_user_outside_the_admin_is_sent_to_the_admin_sign_in(outsider_client):
    response = outsider_client.get(_preview_url())

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))


def test_an_unknown_stage_is_not_found(methodology_owner_client):
    url = reverse("admin:methodology_stage_preview", args=[Stage.objects.order_by("-pk").first().pk + 1])

    assert methodology_owner_client.get(url).status_code == 404


def test_the_preview_reads_the_draft_in_a_fixed_number_of_queries(methodology_owner_client, published, django_assert_max_num_queries):
    # Sessions, user, permissions, then stage, version, rules, actions, questions, material, rule ids: never one per rule.
    url = _preview_url()
    with django_assert_max_num_queries(15):
        methodology_owner_client.get(url)
