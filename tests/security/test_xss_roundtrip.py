"""Stored XSS round trip: hostile text in every field comes back escaped on every page that shows it.

Every text field of every step record and of one item of every kind holds
all the hostile strings (each field starts with a different one, cut to the
field's length); so do the project's title, a checklist answer's evidence
and, for the admin, a golden rule.
"""

import pytest
from django import forms
from django.urls import reverse

from stage1.evaluation.models import Answer
from stage1.methodology.models import EvaluationQuestion, Rule
from stage1.projects.models import Milestone, Project
from stage1.projects.steps import STEPS
from tests.security.conftest import one_of_each

HOSTILE = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "javascript:alert(1)",
    "{{ 7*7 }}",
    "</textarea><script>x</script>",
]
# Markup that would run if it reached the page as it was typed.
RAW = ["<script>alert(1)</script>", "<img src=x onerror", "<script>x</script>", "</textarea><script>", '"><img src=x']
# The same text as a browser must receive it: shown, not run. "{{ 7*7 }}"
# coming back as typed also proves no template evaluated it.
ESCAPED = ["&lt;script&gt;alert(1)&lt;/script&gt;", "&quot;&gt;&lt;img src=x onerror=alert(1)&gt;", "javascript:alert(1)", "{{ 7*7 }}"]
FORM_FOR_MODEL = {kind.model: kind.form_class for step in STEPS for kind in step.items}
KINDS = [(step.slug, kind.slug) for step in STEPS for kind in step.items]


def hostile_text(n: int, max_length: int | None) -> str:
    rotated = HOSTILE[n % len(HOSTILE) :] + HOSTILE[: n % len(HOSTILE)]
    text = " ".join(rotated)
    return text[:max_length] if max_length else text


def text_fields(form_class) -> list[str]:
    return [name for name, field in form_class.base_fields.items() if isinstance(field, forms.CharField)]


class HostileFiller:
    def __init__(self):
        self.count = 0

    def __call__(self, obj, form_class=None) -> None:
        for name in text_fields(form_class or FORM_FOR_MODEL[type(obj)]):
            setattr(obj, name, hostile_text(self.count, obj._meta.get_field(name).max_length))
            self.count += 1


@pytest.fixture
def hostile(methodology, project, owner):
    """The project with hostile text everywhere; returns its items by kind slug."""
    fill = HostileFiller()
    Project.objects.filter(pk=project.pk).update(title=hostile_text(0, 200), organisation=hostile_text(1, 200))
    items = one_of_each(project, fill)
    # A second milestone, so the first one's form lists it as a dependency (checkbox labels).
    second = Milestone(project=project, position=2)
    fill(second)
    second.save()
    for step in STEPS:
        record = step.model.objects.get(project=project)
        fill(record, step.form_class)
        record.save()
    question = EvaluationQuestion.objects.filter(rule__slug="need").first()
    Answer.objects.create(project=project, question=question, choice="no", evidence=hostile_text(2, 3000), updated_by=owner)
    assert fill.count >= 50  # every text field of the wizard, not a sample
    return items


def assert_escaped(response, status: int = 200) -> None:
    assert response.status_code == status
    content = response.content.decode()
    leaked = [raw for raw in RAW if raw in content]
    assert not leaked, f"unescaped on {response.wsgi_request.path}: {leaked}"
    assert 'href="javascript:' not in content.lower()
    missing = [escaped for escaped in ESCAPED if escaped not in content]
    assert not missing, f"not shown escaped on {response.wsgi_request.path}: {missing}"


def _slug(project) -> dict:
    return {"slug": project.slug}


@pytest.mark.parametrize("step_slug", [step.slug for step in STEPS])
def test_step_pages_escape_hostile_answers_and_items_for_editors(step_slug, hostile, project, editor_client):
    assert_escaped(editor_client.get(reverse("projects:step", kwargs={**_slug(project), "step_slug": step_slug})))


@pytest.mark.parametrize("step_slug", [step.slug for step in STEPS])
def test_step_pages_escape_hostile_answers_and_items_for_viewers(step_slug, hostile, project, viewer_client):
    assert_escaped(viewer_client.get(reverse("projects:step", kwargs={**_slug(project), "step_slug": step_slug})))


@pytest.mark.parametrize(("step_slug", "kind_slug"), KINDS)
def test_item_change_and_remove_pages_escape_hostile_text(step_slug, kind_slug, hostile, project, editor_client):
    kwargs = {**_slug(project), "step_slug": step_slug, "kind_slug": kind_slug, "pk": hostile[kind_slug].pk}

    assert_escaped(editor_client.get(reverse("projects:item_change", kwargs=kwargs)))
    assert_escaped(editor_client.get(reverse("projects:item_remove", kwargs=kwargs)))


def test_check_your_answers_escapes_hostile_text(hostile, project, viewer_client):
    assert_escaped(viewer_client.get(reverse("projects:check_answers", kwargs=_slug(project))))


def test_the_task_list_escapes_the_hostile_project_title(hostile, project, viewer_client):
    response = viewer_client.get(reverse("projects:task_list", kwargs=_slug(project)))

    assert response.status_code == 200
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in response.content.decode()
    assert not [raw for raw in RAW if raw in response.content.decode()]


def test_the_project_list_escapes_the_hostile_project_title(hostile, editor_client):
    assert_escaped(editor_client.get(reverse("projects:list")))


def test_the_checklist_escapes_hostile_evidence(hostile, project, viewer_client):
    assert_escaped(viewer_client.get(reverse("evaluation:checklist", kwargs=_slug(project))))


def test_the_rule_answers_page_escapes_hostile_evidence_in_its_textarea(hostile, project, editor_client):
    assert_escaped(editor_client.get(reverse("evaluation:rule", kwargs={**_slug(project), "rule_slug": "need"})))


def test_the_charter_preview_escapes_hostile_text(hostile, project, viewer_client):
    assert_escaped(viewer_client.get(reverse("charter:preview", kwargs=_slug(project))))


def test_the_conflict_page_escapes_hostile_text_on_both_sides(hostile, project, editor_client):
    url = reverse("projects:step", kwargs={**_slug(project), "step_slug": "need"})

    # Version 0 is older than the stored answers: someone else saved since.
    response = editor_client.post(url, {"problem": hostile_text(3, None), "base_version": "0", "action": "continue"})

    assert_escaped(response, status=409)


def test_a_hostile_post_through_the_form_comes_back_escaped(methodology, project, editor_client):
    url = reverse("projects:step", kwargs={**_slug(project), "step_slug": "need"})

    saved = editor_client.post(url, {"problem": hostile_text(0, None), "base_version": "1", "action": "return"})

    assert saved.status_code == 302
    assert_escaped(editor_client.get(url))


@pytest.fixture
def hostile_rule(methodology):
    rule = Rule.objects.get(slug="need")
    rule.title = hostile_text(0, 200)
    rule.summary = hostile_text(1, 300)
    rule.guidance = hostile_text(2, None) + '\n\n[a link](javascript:alert(1))\n\n<a href="javascript:alert(1)">raw link</a>'
    rule.save()
    question = rule.questions.first()
    question.text = hostile_text(3, 500)
    question.hint = hostile_text(4, None)
    question.save()
    return rule


def assert_no_markup_from(content: str, where: str) -> None:
    """Hostile text set by a methodology owner reaches the page as text; guidance keeps no script link."""
    assert not [raw for raw in RAW if raw in content], where
    assert 'href="javascript:' not in content.lower(), where
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in content, where


@pytest.mark.parametrize(
    "admin_page",
    ["admin:methodology_rule_changelist", "admin:methodology_rule_change", "admin:methodology_evaluationquestion_changelist"],
)
def test_the_admin_escapes_a_hostile_rule_and_question(admin_page, hostile_rule, superuser_client):
    args = [hostile_rule.pk] if admin_page.endswith("_change") else []

    response = superuser_client.get(reverse(admin_page, args=args))

    assert response.status_code == 200
    assert_no_markup_from(response.content.decode(), admin_page)


RULE_PAGES = [
    ("projects:step", {"step_slug": "need"}),
    ("projects:task_list", {}),
    ("evaluation:checklist", {}),
    ("charter:preview", {}),
]


@pytest.mark.parametrize(("name", "kwargs"), RULE_PAGES, ids=[name for name, _kwargs in RULE_PAGES])
def test_project_pages_escape_a_hostile_rule_and_question(name, kwargs, hostile_rule, project, editor_client):
    response = editor_client.get(reverse(name, kwargs={**_slug(project), **kwargs}))

    assert response.status_code == 200
    assert_no_markup_from(response.content.decode(), name)


def test_the_rule_answers_page_escapes_a_hostile_question(hostile_rule, project, editor_client):
    response = editor_client.get(reverse("evaluation:rule", kwargs={**_slug(project), "rule_slug": "need"}))

    assert response.status_code == 200
    assert_no_markup_from(response.content.decode(), "evaluation:rule")


def test_hostile_input_echoed_in_error_messages_is_escaped(methodology, project, editor_client):
    url = reverse("projects:item_add", kwargs={**_slug(project), "step_slug": "stakeholders", "kind_slug": "stakeholder"})

    response = editor_client.post(url, {"name": hostile_text(0, None), "kind": HOSTILE[0], "interest": HOSTILE[1], "base_version": "0"})

    assert response.status_code == 200
    content = response.content.decode()
    assert "There is a problem" in content
    assert not [raw for raw in RAW if raw in content]
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in content
