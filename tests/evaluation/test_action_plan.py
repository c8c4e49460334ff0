"""The action plan: actions and accepted risks for "No" and "Partly", reasons to keep an answer the data contradicts."""

from html import unescape

import pytest
from django.urls import reverse

from stage1.evaluation.models import Action, Answer, Choice
from stage1.projects.models import TeamMember
from stage1.projects.services import project_create
from tests.evaluation.factories import set_answers
from tests.evaluation.helpers import questions


@pytest.fixture
def member(project):
    return TeamMember.objects.create(project=project, position=1, name="Jonas Weber", role="user_researcher")


@pytest.fixture
def answer_no(project, editor, methodology):
    question = questions("need")[1]
    return Answer.objects.create(project=project, question=question, choice=Choice.NO, updated_by=editor)


def answer_url(project, answer) -> str:
    kwargs = {"slug": project.slug, "rule_slug": answer.question.rule.slug, "question_id": answer.question_id}
    return reverse("evaluation:answer", kwargs=kwargs)


def plan_url(project) -> str:
    return reverse("evaluation:actions", kwargs={"slug": project.slug})


def change_url(project, action) -> str:
    return reverse("evaluation:action_change", kwargs={"slug": project.slug, "action_id": action.pk})


def action_post(**values) -> dict:
    data = {"intent": "action", "action-base_version": "0", "action-description": "", "action-owner": ""}
    data.update({f"action-{k}": v for k, v in values.items()})
    return data


def test_an_editor_plans_an_action_with_an_owner_and_a_due_date(project, answer_no, member, editor_client):
    data = action_post(description="Collect the complaint volumes", owner=str(member.pk))
    data.update({"action-due_on_0": "30", "action-due_on_1": "4", "action-due_on_2": "2027"})

    response = editor_client.post(answer_url(project, answer_no), data)

    assert response.status_code == 302
    [action] = Action.objects.filter(project=project)
    assert (action.answer, action.description, action.owner, str(action.due_on)) == (
        answer_no,
        "Collect the complaint volumes",
        member,
        "2027-04-30",
    )
    page = unescape(editor_client.get(plan_url(project)).text)
    assert "Collect the complaint volumes" in page and "Jonas Weber" in page
    assert "1 open action" in page


def test_an_action_without_a_description_is_refused_and_keeps_what_was_typed(project, answer_no, member, editor_client):
    data = action_post(owner=str(member.pk))
    data.update({"action-due_on_0": "30", "action-due_on_1": "4", "action-due_on_2": "2027"})

    response = editor_client.post(answer_url(project, answer_no), data)

    assert response.status_code == 200
    page = unescape(response.text)
    assert "Enter what will be done" in page
    assert 'value="2027"' in page
    assert not Action.objects.exists()


def test_an_owner_from_another_project_s_team_is_refused(project, answer_no, owner, editor_client):
    other = project_create(user=owner, title="Elsewhere", organisation="Other body")
    stranger = TeamMember.objects.create(project=other, position=1, name="Stranger", role="other")

    response = editor_client.post(answer_url(project, answer_no), action_post(description="Do it", owner=str(stranger.pk)))

    assert response.status_code == 200
    assert not Action.objects.exists()


def test_a_viewer_reads_the_answer_page_but_cannot_plan(project, answer_no, viewer_client):
    assert viewer_client.get(answer_url(project, answer_no)).status_code == 200
    assert viewer_client.post(answer_url(project, answer_no), action_post(description="Sneaky")).status_code == 403
    assert not Action.objects.exists()


def test_an_outsider_gets_not_found(project, answer_no, outsider_client):
    assert outsider_client.get(answer_url(project, answer_no)).status_code == 404
    assert outsider_client.get(plan_url(project)).status_code == 404


def test_accepting_the_risk_records_why_and_who_and_can_be_withdrawn(project, answer_no, editor_client):
    url = answer_url(project, answer_no)
    data = {
        "intent": "risk",
        "risk-base_version": str(answer_no.version),
        "risk-because": "Covered nationally",
        "risk-accepted_by": "A. Sponsor, Deputy Mayor",
    }

    assert editor_client.post(url, data).status_code == 302
    answer_no.refresh_from_db()
    assert (answer_no.risk_accepted_because, answer_no.risk_accepted_by) == ("Covered nationally", "A. Sponsor, Deputy Mayor")

    withdraw = {"intent": "withdraw-risk", "risk-base_version": str(answer_no.version)}
    assert editor_client.post(url, withdraw).status_code == 302
    answer_no.refresh_from_db()
    assert not answer_no.risk_accepted


def test_accepting_the_risk_on_an_answer_changed_meanwhile_is_a_conflict_that_keeps_the_text(project, answer_no, editor_client):
    stale = answer_no.version
    Answer.objects.filter(pk=answer_no.pk).update(version=stale + 1, choice=Choice.PARTLY)
    data = {"intent": "risk", "risk-base_version": str(stale), "risk-because": "My careful reasoning", "risk-accepted_by": "Me"}

    response = editor_client.post(answer_url(project, answer_no), data)

    assert response.status_code == 409
    page = unescape(response.text)
    assert "Someone changed this answer while you were on this page" in page
    assert "My careful reasoning" in page
    assert f'value="{stale + 1}"' in page
    answer_no.refresh_from_db()
    assert not answer_no.risk_accepted


def test_a_risk_without_a_reason_is_refused(project, answer_no, editor_client):
    data = {"intent": "risk", "risk-base_version": str(answer_no.version), "risk-because": "", "risk-accepted_by": "Me"}
    response = editor_client.post(answer_url(project, answer_no), data)
    assert response.status_code == 200
    assert "Enter why the risk is acceptable" in unescape(response.text)


def test_a_contradicted_answer_is_kept_with_a_reason(project, methodology, editor, editor_client):
    question = questions("need")[4]
    assert question.key == "legal-basis"
    set_answers(project, "need", legal_basis="")
    answer = Answer.objects.create(project=project, question=question, choice=Choice.YES, updated_by=editor)
    url = answer_url(project, answer)
    page = unescape(editor_client.get(url).text)
    assert "You answered Yes, but what the team entered shows a gap" in page
    assert "The legal basis of the service is not recorded." in page

    response = editor_client.post(
        url, {"intent": "dismiss", "dismiss-base_version": str(answer.version), "dismiss-because": "A new law is coming"}
    )

    assert response.status_code == 302
    answer.refresh_from_db()
    assert (answer.contradiction_dismissed_because, answer.contradiction_dismissed_for) == ("A new law is coming", Choice.YES)
    assert "Your answer stands because:" in unescape(editor_client.get(url).text)


def test_an_action_is_marked_done_reopened_changed_and_removed(project, answer_no, member, editor_client):
    action = Action.objects.create(project=project, answer=answer_no, description="Collect volumes", owner=member)
    url = change_url(project, action)

    assert editor_client.post(url, {"intent": "done", "base_version": str(action.version)}).status_code == 302
    action.refresh_from_db()
    assert action.is_done
    assert "No open actions." in unescape(editor_client.get(plan_url(project)).text)

    assert editor_client.post(url, {"intent": "reopen", "base_version": str(action.version)}).status_code == 302
    action.refresh_from_db()
    assert not action.is_done

    data = {"intent": "save", "base_version": str(action.version), "description": "Collect volumes for 2026", "owner": str(member.pk)}
    assert editor_client.post(url, data).status_code == 302
    action.refresh_from_db()
    assert action.description == "Collect volumes for 2026"

    assert editor_client.post(url, {"intent": "remove", "base_version": str(action.version)}).status_code == 302
    assert not Action.objects.filter(pk=action.pk).exists()


def test_changing_an_action_someone_else_changed_is_a_conflict_that_keeps_the_text(project, answer_no, editor_client):
    action = Action.objects.create(project=project, answer=answer_no, description="Collect volumes")
    Action.objects.filter(pk=action.pk).update(version=action.version + 1, description="Someone else's words")
    data = {"intent": "save", "base_version": str(action.version), "description": "My words", "owner": ""}

    response = editor_client.post(change_url(project, action), data)

    assert response.status_code == 409
    assert "My words" in unescape(response.text)
    action.refresh_from_db()
    assert action.description == "Someone else's words"


def test_the_checklist_shows_what_each_answer_still_needs(project, answer_no, editor_client):
    page = unescape(editor_client.get(reverse("evaluation:checklist", kwargs={"slug": project.slug})).text)
    assert "Needs an action" in page
    assert answer_url(project, answer_no) in page
