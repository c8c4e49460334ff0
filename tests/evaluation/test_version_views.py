"""A project's checklist keeps its methodology version; the version page moves it on purpose."""

import re
from html import unescape

import pytest
from django.test import Client
from django.urls import reverse

from stage1.evaluation.forms import NEWER_VERSION_PUBLISHED
from stage1.evaluation.models import Answer
from stage1.evaluation.selectors import checklist_for
from stage1.evaluation.services import NotANewerVersion, project_move_to_version
from stage1.methodology.models import EvaluationQuestion, MethodologyVersion, Rule, Stage
from stage1.methodology.services import methodology_publish
from stage1.projects.models import Project
from tests.content import fixture_questions
from tests.evaluation.factories import answer_all
from tests.evaluation.helpers import checklist_url, form_values, rule_url

pytestmark = pytest.mark.usefixtures("methodology")

REWORDED = "Is one named person accountable for the service, with the authority to decide?"
ADDED = "Has the team agreed how it will hand over to the people who run the service?"


def version_url(project) -> str:
    return reverse("evaluation:version", kwargs={"slug": project.slug})


def _reload(project) -> Project:
    return Project.objects.get(pk=project.pk)


@pytest.fixture
def v1(project):
    """Version 1 published, and the shared project following it."""
    version = methodology_publish(stage=Stage.objects.get(number=1), user=None)
    Project.objects.filter(pk=project.pk).update(methodology_version=version)
    return version


@pytest.fixture
def answered(v1, project, editor):
    """Every question of version 1 answered: yes, with evidence."""
    answer_all(project, editor)
    return {a.pk: (a.question_id, a.choice, a.evidence, a.version) for a in Answer.objects.filter(project=project)}


@pytest.fixture
def team_question(v1):
    return EvaluationQuestion.objects.filter(rule__slug="team").order_by("order", "id").first()


@pytest.fixture
def v2(answered, team_question, methodology_owner_client):
    """A methodology owner rewords a question and adds one in the admin, then publishes version 2 there."""
    change = reverse("admin:methodology_evaluationquestion_change", args=[team_question.pk])
    # The admin edits each text per language; the English one is reworded (the others are left empty).
    reworded = {"rule": team_question.rule_id, "order": team_question.order, "text_en": REWORDED, "hint_en": "", "framework": ""}
    assert methodology_owner_client.post(change, reworded).status_code == 302
    added = {"rule": team_question.rule_id, "order": 99, "text_en": ADDED, "hint_en": "", "framework": ""}
    assert methodology_owner_client.post(reverse("admin:methodology_evaluationquestion_add"), added).status_code == 302
    assert methodology_owner_client.post(reverse("admin:methodology_methodologyversion_add"), {"notes_en": "Hand-over"}).status_code == 302
    return MethodologyVersion.objects.get(number=2)


def _row_texts(checklist) -> list[str]:
    return [row.question.text for group in checklist.groups for row in group.rows]


# Publishing leaves existing projects alone


def test_publishing_a_new_version_leaves_an_existing_projects_checklist_and_answers_unchanged(
    project, answered, team_question, editor_client, methodology_owner_client, request
):
    original_text = team_question.text
    before = checklist_for(project, with_findings=False)
    page_before = editor_client.get(checklist_url(project)).text

    request.getfixturevalue("v2")

    after = checklist_for(_reload(project), with_findings=False)
    assert _row_texts(after) == _row_texts(before)
    assert after.score == before.score
    assert after.version.number == 1
    assert {a.pk: (a.question_id, a.choice, a.evidence, a.version) for a in Answer.objects.filter(project=project)} == answered
    page = unescape(editor_client.get(checklist_url(project)).text)
    assert original_text in page
    assert REWORDED not in page
    assert ADDED not in page
    assert re.search(r'id="overall-score">(.*?)</p>', page, re.S).group(1) == re.search(
        r'id="overall-score">(.*?)</p>', unescape(page_before), re.S
    ).group(1)
    rule_page = unescape(editor_client.get(rule_url(project, "team")).text)
    assert original_text in rule_page
    assert ADDED not in rule_page


def test_the_checklist_says_which_version_it_follows_and_that_a_newer_one_exists(project, v2, editor_client):
    page = editor_client.get(checklist_url(project)).text

    assert "The questions are those of version 1 of the method" in page
    assert "Version 2 of the method was published on" in page
    assert f'href="{version_url(project)}"' in page
    assert "See what changes and move to it" in page


def test_no_notice_when_the_project_follows_the_newest_version(project, v1, editor_client):
    page = editor_client.get(checklist_url(project)).text

    assert "The questions are those of version 1 of the method" in page
    assert version_url(project) not in page


def test_a_viewer_is_told_of_a_newer_version_without_being_offered_to_move(project, v2, viewer_client):
    page = viewer_client.get(checklist_url(project)).text

    assert f'href="{version_url(project)}"' in page
    assert "See what changes and move to it" not in page


def test_saving_answers_on_an_older_version_attaches_them_to_the_same_questions(project, v2, team_question, editor_client):
    data = form_values(editor_client.get(rule_url(project, "team")).text)
    data[f"evidence_{team_question.pk}"] = "Named in the board minutes of March"
    data["action"] = "return"

    assert editor_client.post(rule_url(project, "team"), data).status_code == 302
    assert Answer.objects.get(project=project, question=team_question).evidence == "Named in the board minutes of March"
    assert not Answer.objects.filter(project=project, question__text=ADDED).exists()


# The version page


def test_the_version_page_shows_new_and_reworded_questions(project, v1, v2, team_question, editor_client):
    response = editor_client.get(version_url(project))

    assert response.status_code == 200
    page = unescape(response.text)
    assert "Move to version 2 of the method?" in page
    assert "Version 1, published on" in page
    assert "Hand-over" in page
    new_questions = page[page.index('id="new-questions"') :]
    assert ADDED in new_questions[: new_questions.index("</ul>")]
    reworded = page[page.index('id="reworded-questions"') : page.index("</table>")]
    old_text = next(q["text"]["en"] for q in v1.content["questions"] if q["id"] == team_question.pk)  # frozen per language
    assert old_text in reworded
    assert REWORDED in reworded
    assert "no longer asked" not in page
    assert 'name="version" value="2"' in page


def test_an_editor_moves_the_project_and_keeps_every_answer(project, v1, v2, answered, team_question, editor_client):
    version_before = _reload(project).revision

    response = editor_client.post(version_url(project), {"version": "2"})

    assert response.status_code == 302
    assert response.url == checklist_url(project)
    moved = _reload(project)
    assert (moved.methodology_version, moved.methodology_moved_from) == (v2, v1)
    assert moved.revision == version_before + 1
    # Every answer is kept as it was; the one to the reworded question is marked to confirm
    # (a change of its own, so its version moves on and a page still open on it conflicts).
    after = {a.pk: (a.question_id, a.choice, a.evidence, a.version) for a in Answer.objects.filter(project=project)}
    reworded = Answer.objects.get(project=project, question=team_question)
    assert reworded.to_confirm
    assert after == {**answered, reworded.pk: (*answered[reworded.pk][:3], answered[reworded.pk][3] + 1)}
    assert not Answer.objects.filter(project=project, to_confirm=True).exclude(pk=reworded.pk).exists()


def test_after_the_move_the_checklist_shows_the_new_wording_and_tags_the_new_question(project, v2, editor_client):
    editor_client.post(version_url(project), {"version": "2"})

    page = unescape(editor_client.get(checklist_url(project), follow=True).text)

    assert "The checklist now follows version 2 of the method." in page
    assert "The questions are those of version 2 of the method" in page
    assert REWORDED in page
    assert re.search(r'<strong class="govuk-tag govuk-tag--green">New</strong>\s*(<bdi>)?' + re.escape(ADDED), page)
    assert page.count(">New</strong>") == 1
    # Every question of version 1 was answered; version 2 adds one and rewords one, whose answer
    # counts as not given until someone confirms it.
    shipped = len(fixture_questions())
    assert f"({shipped - 1} of {shipped + 1} questions answered)" in page
    assert page.count(">To confirm</strong>") == 1
    assert "Version 2 of the method was published on" not in page


def test_after_the_move_the_new_question_can_be_answered(project, v2, editor_client):
    editor_client.post(version_url(project), {"version": "2"})
    added = EvaluationQuestion.objects.get(text=ADDED)
    data = form_values(editor_client.get(rule_url(project, "team")).text)
    data[f"answer_{added.pk}"] = "partly"
    data["action"] = "return"

    assert editor_client.post(rule_url(project, "team"), data).status_code == 302
    assert Answer.objects.get(project=project, question=added).choice == "partly"


def test_answers_to_questions_no_longer_asked_are_kept_but_not_scored(project, answered, v1, editor_client):
    retired = EvaluationQuestion.objects.filter(rule__slug="need").order_by("order").first()
    retired.retired = True
    retired.save()
    methodology_publish(stage=Stage.objects.get(number=1), user=None)
    page = unescape(editor_client.get(version_url(project)).text)
    assert "1 question no longer asked" in page
    assert retired.text in page[page.index('id="dropped-questions"') :]

    editor_client.post(version_url(project), {"version": "2"})

    checklist = checklist_for(_reload(project), with_findings=False)
    assert retired.pk not in {row.question.pk for group in checklist.groups for row in group.rows}
    still_asked = len(fixture_questions()) - 1
    assert (checklist.score.questions, checklist.score.answered) == (still_asked, still_asked)
    assert Answer.objects.filter(project=project, question=retired).exists()


def test_moving_is_refused_when_a_newer_version_was_published_meanwhile(project, v2, editor_client):
    methodology_publish(stage=Stage.objects.get(number=1), user=None)

    response = editor_client.post(version_url(project), {"version": "2"})

    assert response.status_code == 200
    assert str(NEWER_VERSION_PUBLISHED) in unescape(response.text)
    assert _reload(project).methodology_version.number == 1


def test_moving_a_project_already_on_the_newest_version_changes_nothing(project, v1, editor_client):
    version_before = _reload(project).revision

    response = editor_client.post(version_url(project), {"version": "1"}, follow=True)

    assert "This project already follows the newest version of the method." in response.text
    assert _reload(project).revision == version_before


def test_a_project_created_before_any_version_can_move_to_the_first(project, editor_client):
    assert project.methodology_version is None
    methodology_publish(stage=Stage.objects.get(number=1), user=None)

    page = editor_client.get(version_url(project)).text
    assert "The evaluation questions and the guidance are the same in both versions." in page
    assert editor_client.post(version_url(project), {"version": "1"}).status_code == 302
    assert _reload(project).methodology_version.number == 1


# Personas


def test_a_viewer_reads_the_comparison_but_is_not_offered_to_move(project, v2, viewer_client):
    response = viewer_client.get(version_url(project))

    assert response.status_code == 200
    assert ADDED in unescape(response.text)
    assert 'name="version"' not in response.text
    assert "Owners and editors can move the project to the newest version." in response.text


def test_a_viewer_cannot_move_the_project(project, v2, viewer_client):
    assert viewer_client.post(version_url(project), {"version": "2"}).status_code == 403
    assert _reload(project).methodology_version.number == 1


def test_an_owner_can_move_the_project(project, v2, owner_client):
    assert owner_client.post(version_url(project), {"version": "2"}).status_code == 302
    assert _reload(project).methodology_version.number == 2


def test_an_outsider_gets_not_found(project, v2, outsider_client):
    assert outsider_client.get(version_url(project)).status_code == 404
    assert outsider_client.post(version_url(project), {"version": "2"}).status_code == 404
    assert _reload(project).methodology_version.number == 1


def test_an_anonymous_visitor_is_sent_to_sign_in(project, v2):
    client = Client()  # the shared `client` is signed in as the methodology owner who published v2
    for response in (client.get(version_url(project)), client.post(version_url(project), {"version": "2"})):
        assert response.status_code == 302
        assert response.url.startswith(reverse("login"))
    assert _reload(project).methodology_version.number == 1


def test_an_archived_project_cannot_be_moved(project, v2, owner_client):
    from django.utils import timezone

    Project.objects.filter(pk=project.pk).update(archived_at=timezone.now())

    assert owner_client.get(version_url(project)).status_code == 200
    assert owner_client.post(version_url(project), {"version": "2"}).status_code == 403
    assert _reload(project).methodology_version.number == 1


def test_the_rule_titles_come_from_the_version_too(project, v1, editor_client):
    Rule.objects.filter(slug="need").update(title="A title edited after publishing")

    assert "A title edited after publishing" not in editor_client.get(checklist_url(project)).text


def test_the_service_refuses_to_move_a_project_back_or_to_the_version_it_follows(project, v1, v2, editor):
    project_move_to_version(project=project, version=v2, user=editor)

    for version in (v1, v2):
        with pytest.raises(NotANewerVersion):
            project_move_to_version(project=_reload(project), version=version, user=editor)
    assert (_reload(project).methodology_version, _reload(project).methodology_moved_from) == (v2, v1)


def test_saving_the_rule_page_confirms_an_answer_to_a_reworded_question(project, v2, team_question, editor_client):
    editor_client.post(version_url(project), {"version": "2"})
    answer = Answer.objects.get(project=project, question=team_question)
    assert answer.to_confirm

    data = form_values(editor_client.get(rule_url(project, "team")).text)
    assert "reworded after you answered it" in unescape(editor_client.get(rule_url(project, "team")).text)
    response = editor_client.post(rule_url(project, "team"), data)

    assert response.status_code == 302
    answer.refresh_from_db()
    assert not answer.to_confirm
    shipped = len(fixture_questions())
    page = unescape(editor_client.get(checklist_url(project)).text)
    assert f"({shipped} of {shipped + 1} questions answered)" in page
