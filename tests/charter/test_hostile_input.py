"""Text typed by users is printed as text: it never loads, attaches, embeds or hides anything.

Every text field of every step and of an item of every kind gets markup,
file URLs and a local network address; the charter is rendered with a
fetcher we keep, to see every URL the renderer asked for.
"""

from django import forms
from django.template.loader import render_to_string
from django.urls import reverse

from stage1.charter.context import blank_checklist_context
from stage1.charter.pdf import ASSET_PREFIX, AllowlistFetcher, html_to_pdf
from stage1.charter.services import charter_html
from stage1.evaluation.models import Answer
from stage1.methodology.models import EvaluationQuestion
from stage1.projects.models import (
    InteropPoint,
    JourneyStep,
    KeyDecision,
    Milestone,
    Project,
    RaciAssignment,
    ResearchActivity,
    Stakeholder,
    SuccessIndicator,
    TeamMember,
    UserGroup,
    UserPath,
)
from stage1.projects.steps import STEPS
from tests.charter.pdfs import dangers, form_fields, pdf_text, squash

HOSTILE = [
    '<img src="file:///etc/passwd">',
    '<link rel="attachment" href="file:///etc/hostname">',
    "url(file:///etc/passwd)",
    "</style><style>*{display:none}</style>",
    "http://127.0.0.1:1/x",
    "<script>alert(1)</script>",
]
ALLOWED = {f"{ASSET_PREFIX}charter.css"}


def hostile_text(n: int, max_length: int | None) -> str:
    """All the hostile strings, starting with a different one for each field, cut to fit the field."""
    rotated = HOSTILE[n % len(HOSTILE) :] + HOSTILE[: n % len(HOSTILE)]
    return " ".join(rotated)[:max_length] if max_length else " ".join(rotated)


def _text_fields(form_class) -> list[str]:
    fields = form_class.base_fields
    return [name for name in form_fields(form_class) if isinstance(fields[name], forms.CharField)]


def _fill(obj, form_class, counter: list[int]) -> None:
    for name in _text_fields(form_class):
        setattr(obj, name, hostile_text(counter[0], obj._meta.get_field(name).max_length))
        counter[0] += 1
    obj.save()


def make_hostile(project, user) -> int:
    """Hostile text in every text field of the project; returns how many fields were filled."""
    counter = [0]
    project.title = hostile_text(0, 200)
    project.organisation = hostile_text(1, 200)
    project.description = hostile_text(2, 2000)
    project.save()
    stakeholder = Stakeholder.objects.create(project=project, position=1, name="s", kind="user_rep")
    decision = KeyDecision.objects.create(project=project, position=1, title="d")
    member = TeamMember.objects.create(project=project, position=1, name="m", role="designer", organisation=stakeholder, allocation=50)
    group = UserGroup.objects.create(project=project, position=1, name="g")
    path = UserPath.objects.create(project=project, position=1, name="p", user_group=group)
    items = {
        "indicator": SuccessIndicator.objects.create(project=project, position=1, indicator="i"),
        "stakeholder": stakeholder,
        "decision": decision,
        "raci": RaciAssignment.objects.create(project=project, position=1, decision=decision, stakeholder=stakeholder, responsibility="A"),
        "team-member": member,
        "milestone": Milestone.objects.create(project=project, position=1, name="ms", owner_member=member),
        "interop-point": InteropPoint.objects.create(project=project, position=1, partner=stakeholder, owner=member),
        "user-group": group,
        "research": ResearchActivity.objects.create(project=project, position=1, method="r", participants=3),
        "user-path": path,
        "journey-step": JourneyStep.objects.create(project=project, position=1, path=path, description="j"),
    }
    for step in STEPS:
        _fill(step.model.objects.get(project=project), step.form_class, counter)
        for kind in step.items:
            _fill(items[kind.slug], kind.form_class, counter)
    question = EvaluationQuestion.objects.first()
    Answer.objects.create(project=project, question=question, choice="no", evidence=hostile_text(3, 3000), updated_by=user)
    return counter[0]


def _assert_rendered_safely(html: str) -> bytes:
    fetcher = AllowlistFetcher()
    pdf = html_to_pdf(html, fetcher=fetcher)
    assert fetcher.refused == []
    assert set(fetcher.requested) == ALLOWED
    assert dangers(pdf) == []
    return pdf


def test_every_text_field_of_every_step_and_item_gets_hostile_text(methodology, project, owner):
    filled = make_hostile(project, owner)

    assert filled > 40
    for step in STEPS:
        record = step.model.objects.get(project=project)
        for name in _text_fields(step.form_class):
            assert getattr(record, name).startswith(("<", "url(", "http")), (step.slug, name)
        for kind in step.items:
            for item in kind.model.objects.filter(project=project):
                for name in _text_fields(kind.form_class):
                    assert getattr(item, name).startswith(("<", "url(", "http")), (kind.slug, name)
                item.full_clean()


def test_the_charter_pdf_prints_hostile_text_literally_and_fetches_only_its_stylesheet(methodology, project, owner):
    make_hostile(project, owner)

    pdf = _assert_rendered_safely(charter_html(Project.objects.get(pk=project.pk)))

    text = squash(pdf_text(pdf))
    for hostile in HOSTILE:
        assert squash(hostile) in text, hostile
    # Nothing was hidden by the injected style: the sections still print.
    # The sign-off comes after the executive summary, the steps' sections and the checklist.
    assert f"{1 + sum(len(step.charter_sections) for step in STEPS) + 3}.Sign-off" in text
    assert "Documentcontrol" in text


def test_the_blank_checklist_pdf_prints_a_hostile_question_literally(methodology):
    question = EvaluationQuestion.objects.first()
    question.text = hostile_text(0, 500)
    question.hint = hostile_text(3, None)
    question.save()

    pdf = _assert_rendered_safely(render_to_string("charter/blank_checklist.html", blank_checklist_context()))

    text = squash(pdf_text(pdf))
    for hostile in HOSTILE:
        assert squash(hostile) in text, hostile
    assert squash(EvaluationQuestion.objects.last().text) in text


def test_the_html_preview_escapes_hostile_text(methodology, project, owner, owner_client):
    make_hostile(project, owner)

    response = owner_client.get(reverse("charter:preview", kwargs={"slug": project.slug}))

    assert response.status_code == 200
    html = response.text
    assert "&lt;img src=&quot;file:///etc/passwd&quot;&gt;" in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&lt;/style&gt;&lt;style&gt;*{display:none}&lt;/style&gt;" in html
    for raw in ('<img src="file:///etc/passwd">', '<link rel="attachment"', "<script>alert(1)", "</style><style>", 'href="file:'):
        assert raw not in html
