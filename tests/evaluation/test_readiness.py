"""Readiness, defined once: what keeps a project from going to review, and that each condition really blocks it."""

from datetime import date

import pytest
from django.urls import reverse

from stage1.evaluation.models import Action, Answer, Choice
from stage1.evaluation.readiness import readiness_of
from stage1.evaluation.selectors import checklist_for
from stage1.projects.steps import STAKEHOLDERS, STEPS
from tests.charter.conftest import demo  # noqa: F401  (the demo project fixture)
from tests.evaluation.factories import make_ready, record_of, set_answers


def readiness(project):
    project.refresh_from_db()
    return readiness_of(project, checklist_for(project))


def messages(project) -> list[str]:
    return [str(b.message) for b in readiness(project).blockers]


@pytest.fixture
def ready(demo, owner):  # noqa: F811
    """The demo project made ready: every question answered Yes, a sponsor named, what the data contradicts set aside."""
    make_ready(demo, owner)
    assert readiness(demo).ready, messages(demo)
    return demo


def test_a_new_project_names_every_incomplete_step_the_sponsor_and_the_unanswered_questions(project, methodology):
    found = messages(project)
    for step in STEPS:
        assert any(str(step.title) in message for message in found), step.slug
    assert any("sponsor" in message for message in found)
    rules = checklist_for(project).groups
    assert sum(1 for message in found if message.startswith("Answer ")) == len(rules)
    assert not readiness(project).ready


def test_each_blocker_links_to_the_page_where_it_is_done(project, methodology, owner_client):
    for blocker in readiness(project).blockers:
        path = blocker.url.split("#")[0]
        assert owner_client.get(path).status_code == 200, blocker.url


def test_an_open_no_without_an_action_blocks_until_an_action_is_planned(ready, owner):
    answer = Answer.objects.filter(project=ready).first()
    Answer.objects.filter(pk=answer.pk).update(choice=Choice.NO)

    assert not readiness(ready).ready
    [blocker] = readiness(ready).blockers
    assert answer.question.text in blocker.message and "(answered No)" in blocker.message

    Action.objects.create(project=ready, answer=answer, description="Ask the legal service", due_on=date(2027, 3, 1))
    assert readiness(ready).ready
    assert (readiness(ready).actions, readiness(ready).open_actions) == (1, 1)


def test_a_partly_is_cleared_by_an_accepted_risk(ready):
    answer = Answer.objects.filter(project=ready).first()
    Answer.objects.filter(pk=answer.pk).update(choice=Choice.PARTLY)
    assert not readiness(ready).ready

    Answer.objects.filter(pk=answer.pk).update(risk_accepted_because="Covered by the national service", risk_accepted_by="The sponsor")
    assert readiness(ready).ready


def test_not_applicable_needs_a_reason(ready):
    answer = Answer.objects.filter(project=ready).first()
    Answer.objects.filter(pk=answer.pk).update(choice=Choice.NOT_APPLICABLE, evidence="")
    assert [f"Say why “\u2068{answer.question.text}\u2069” does not apply."] == messages(ready)

    Answer.objects.filter(pk=answer.pk).update(evidence="The service has no counter")
    assert readiness(ready).ready


def test_an_answer_still_to_confirm_counts_as_unanswered(ready):
    answer = Answer.objects.filter(project=ready).first()
    Answer.objects.filter(pk=answer.pk).update(to_confirm=True)

    [blocker] = readiness(ready).blockers
    assert blocker.message.startswith("Confirm or change 1 answer")
    assert not checklist_for(ready).complete


def test_without_a_sponsor_the_project_is_not_ready(ready):
    set_answers(ready, STAKEHOLDERS.slug, sponsor=None)
    [blocker] = readiness(ready).blockers
    assert "sponsor" in blocker.message
    assert blocker.url.endswith("#id_sponsor")


def test_a_yes_the_data_contradicts_blocks_until_the_data_is_fixed_or_the_answer_is_kept_with_a_reason(ready):
    legal = Answer.objects.get(project=ready, question__key="legal-basis")
    Answer.objects.filter(pk=legal.pk).update(contradiction_dismissed_because="", contradiction_dismissed_for="")
    set_answers(ready, "need", legal_basis="")

    found = checklist_for(ready)
    row = next(r for r in found.rows() if r.answer and r.answer.pk == legal.pk)
    assert row.contradiction.open and row.contradiction.answered == Choice.YES
    assert "The legal basis of the service is not recorded." in row.contradiction.shown_by_data
    assert any("Resolve what the project's data says" in m for m in messages(ready))

    # Kept with a reason: resolved.
    Answer.objects.filter(pk=legal.pk).update(
        contradiction_dismissed_because="A new law replaces it", contradiction_dismissed_for=Choice.YES
    )
    assert readiness(ready).ready
    # The reason held for "Yes" only: changing the answer checks the data again.
    Answer.objects.filter(pk=legal.pk).update(choice=Choice.NO)
    assert any("Resolve" in m or "Plan an action" in m for m in messages(ready))


def test_a_no_the_data_shows_done_is_a_contradiction(ready):
    lead = Answer.objects.get(project=ready, question__key="accountable-lead")
    assert record_of(ready, "team").lead_id is not None
    Answer.objects.filter(pk=lead.pk).update(choice=Choice.NO, risk_accepted_because="n/a", risk_accepted_by="x")

    row = next(r for r in checklist_for(ready).rows() if r.answer and r.answer.pk == lead.pk)
    assert row.contradiction.answered == Choice.NO
    assert row.contradiction.shown_by_data == ["The team step names the accountable lead."]
    assert not readiness(ready).ready


def test_the_task_list_lists_what_is_left_as_links(project, methodology, owner_client):
    page = owner_client.get(reverse("projects:task_list", kwargs={"slug": project.slug})).content.decode()
    blockers = readiness(project).blockers
    assert f"{len(blockers)} things are left to do" in page
    for blocker in blockers:
        assert f'href="{blocker.url}"' in page


def test_the_task_list_says_ready_for_review_when_nothing_is_left(ready, owner_client):
    page = owner_client.get(reverse("projects:task_list", kwargs={"slug": ready.slug})).content.decode()
    assert "Ready for review" in page
    assert 'id="readiness-blockers"' not in page
