"""The checklist page and the page that answers one rule's questions, for every persona."""

from html import unescape

import pytest
from django.urls import reverse

from stage1.evaluation.models import Answer
from stage1.projects.models import Project
from tests.content import fixture_questions, fixture_rules
from tests.evaluation.factories import answer_all
from tests.evaluation.helpers import answers_post, checklist_url, form_values, questions, rule_url

pytestmark = pytest.mark.usefixtures("methodology")


@pytest.mark.parametrize("persona", ["owner_client", "editor_client", "viewer_client"])
def test_members_can_read_the_checklist(request, project, persona):
    response = request.getfixturevalue(persona).get(checklist_url(project))

    assert response.status_code == 200
    assert "Evaluation checklist" in response.text
    for question in questions("user-paths"):
        assert question.text in unescape(response.text)


def test_the_checklist_shows_every_rule_with_its_score(project, owner_client):
    response = owner_client.get(checklist_url(project))

    for rule in fixture_rules():
        assert f'id="rule-{rule["slug"]}"' in response.text
    assert f"0% ready (0 of {len(fixture_questions())} questions answered)" in response.text


def test_the_checklist_shows_findings_with_a_link_to_fix_them(project, owner_client):
    response = owner_client.get(checklist_url(project))

    assert "No evidence of the need is recorded." in response.text
    assert f'href="/projects/{project.slug}/steps/need/#id_evidence"' in response.text


def test_editors_are_offered_to_answer_and_viewers_are_not(project, editor_client, viewer_client):
    link = f'href="{rule_url(project)}"'

    assert link in editor_client.get(checklist_url(project)).text
    assert link not in viewer_client.get(checklist_url(project)).text


def test_an_outsider_gets_not_found_for_the_checklist(project, outsider_client):
    assert outsider_client.get(checklist_url(project)).status_code == 404


def test_an_outsider_gets_not_found_for_a_rule_page(project, outsider_client):
    assert outsider_client.get(rule_url(project)).status_code == 404
    assert outsider_client.post(rule_url(project), answers_post(project, q0=("yes", "Sneaky"))).status_code == 404
    assert not Answer.objects.exists()


def test_a_viewer_cannot_open_a_rule_page(project, viewer_client):
    assert viewer_client.get(rule_url(project)).status_code == 403


def test_a_viewer_cannot_save_answers(project, viewer_client):
    response = viewer_client.post(rule_url(project), answers_post(project, q0=("yes", "Viewer evidence")))

    assert response.status_code == 403
    assert not Answer.objects.exists()


@pytest.mark.parametrize("url_name", ["checklist", "rule"])
def test_anonymous_visitors_are_sent_to_sign_in(client, project, url_name):
    url = checklist_url(project) if url_name == "checklist" else rule_url(project)

    response = client.get(url)

    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_an_unknown_rule_is_not_found(project, owner_client):
    assert owner_client.get(rule_url(project, "no-such-rule")).status_code == 404


@pytest.mark.parametrize("persona", ["owner_client", "editor_client"])
def test_writers_can_open_a_rule_page(request, project, persona):
    response = request.getfixturevalue(persona).get(rule_url(project, "team"))

    assert response.status_code == 200
    for question in questions("team"):
        assert question.text in unescape(response.text)


def test_an_editor_saves_answers_and_returns_to_the_checklist(project, editor, editor_client):
    data = answers_post(
        project, q0=("yes", "Audit report AR-2026/07"), q1=("partly", ""), q2=("no", ""), q3=("na", "The service has no counter")
    )

    response = editor_client.post(rule_url(project), data)

    assert response.status_code == 302
    assert response.url == checklist_url(project) + "#rule-need"
    saved = {a.question_id: a for a in Answer.objects.filter(project=project)}
    first = questions()[0]
    assert saved[first.pk].choice == "yes"
    assert saved[first.pk].evidence == "Audit report AR-2026/07"
    assert saved[first.pk].updated_by == editor
    assert len(saved) == 4


def test_saving_answers_makes_a_new_project_version(project, editor_client):
    before = project.revision

    editor_client.post(rule_url(project), answers_post(project, q0=("yes", "")))

    project.refresh_from_db()
    assert project.revision > before


def test_the_scores_of_saved_answers_show_on_the_checklist(project, editor_client):
    # need: yes 1 + partly ½ + no 0, one not applicable, the rest unanswered -> 1.5 over all but one
    editor_client.post(
        rule_url(project), answers_post(project, q0=("yes", ""), q1=("partly", ""), q2=("no", ""), q3=("na", "The service has no counter"))
    )

    response = editor_client.get(checklist_url(project))

    need = len(fixture_questions(rule="need"))
    assert f"{round(100 * 1.5 / (need - 1))}% ready (4 of {need} questions answered)" in response.text
    # Overall: 1.5 points over every question but the one not applicable.
    total = len(fixture_questions())
    assert f"{round(100 * 1.5 / (total - 1))}% ready (4 of {total} questions answered)" in response.text


def test_the_overall_score_shows_on_the_task_list(project, editor_client):
    editor_client.post(
        rule_url(project), answers_post(project, q0=("yes", ""), q1=("partly", ""), q2=("no", ""), q3=("na", "The service has no counter"))
    )

    response = editor_client.get(reverse("projects:task_list", kwargs={"slug": project.slug}))

    assert response.status_code == 200
    total = len(fixture_questions())
    assert f"{round(100 * 1.5 / (total - 1))}% ready (4 of {total} questions answered)" in response.text


def test_save_and_continue_goes_to_the_next_rule(project, editor_client):
    response = editor_client.post(rule_url(project), answers_post(project, action="continue", q0=("yes", "")))

    assert response.url == rule_url(project, "objective")


def test_save_and_continue_on_the_last_rule_returns_to_the_checklist(project, editor_client):
    response = editor_client.post(rule_url(project, "user-paths"), answers_post(project, "user-paths", action="continue", q0=("yes", "")))

    assert response.url == checklist_url(project) + "#rule-user-paths"


def test_evidence_over_3000_characters_is_refused_and_kept(project, editor_client):
    long_text = "Minutes of the steering board " + "x" * 3000
    data = answers_post(project, q0=("yes", long_text), q1=("partly", "Kept note"))

    response = editor_client.post(rule_url(project), data)

    assert response.status_code == 200
    assert "govuk-error-summary" in response.text
    assert "3000" in response.text
    assert long_text in response.text
    assert "Kept note" in response.text
    assert not Answer.objects.exists()


def test_an_invalid_choice_is_refused_and_the_typed_text_kept(project, editor_client):
    data = answers_post(project, q0=("maybe", "Interviews with 18 residents"), q1=("partly", "Survey of 1,240 permit holders"))

    response = editor_client.post(rule_url(project), data)

    assert response.status_code == 200
    assert "govuk-error-summary" in response.text
    assert "Interviews with 18 residents" in response.text
    assert "Survey of 1,240 permit holders" in response.text
    kept = form_values(response.text)
    assert kept[f"answer_{questions()[1].pk}"] == "partly"
    assert not Answer.objects.exists()


def test_the_second_of_two_editors_saving_from_the_same_versions_is_told_of_the_conflict(
    project, editor_client, second_editor_client, editor
):
    first, second = questions()[:2]
    stale = answers_post(project, q0=("no", "Second editor says no evidence yet"), q1=("partly", "Second editor note on question two"))
    first_save = editor_client.post(rule_url(project), answers_post(project, q0=("yes", "First editor found the audit report")))
    assert first_save.status_code == 302

    response = second_editor_client.post(rule_url(project), stale)

    assert response.status_code == 409
    assert "First editor found the audit report" in response.text
    assert "Second editor says no evidence yet" in response.text
    # Nothing of the second save was applied, not even the answer nobody else touched.
    current = Answer.objects.get(project=project, question=first)
    assert (current.choice, current.evidence, current.updated_by) == ("yes", "First editor found the audit report", editor)
    assert not Answer.objects.filter(project=project, question=second).exists()


def test_after_a_conflict_the_second_editor_can_save_their_answers_again(project, editor_client, second_editor_client, second_editor):
    first, second = questions()[:2]
    stale = answers_post(project, q0=("no", "Second editor says no evidence yet"), q1=("partly", "Second editor note on question two"))
    editor_client.post(rule_url(project), answers_post(project, q0=("yes", "First editor found the audit report")))
    conflict = second_editor_client.post(rule_url(project), stale)
    assert conflict.status_code == 409

    again = form_values(conflict.text)
    assert again[f"evidence_{first.pk}"] == "Second editor says no evidence yet"
    response = second_editor_client.post(rule_url(project), {**again, "action": "return"})

    assert response.status_code == 302
    mine = Answer.objects.get(project=project, question=first)
    assert (mine.choice, mine.evidence, mine.updated_by) == ("no", "Second editor says no evidence yet", second_editor)
    assert Answer.objects.get(project=project, question=second).evidence == "Second editor note on question two"


def test_submitting_a_page_again_after_saving_it_is_a_conflict_even_for_the_same_editor(project, editor_client):
    page = answers_post(project, q0=("no", "First thought"))
    editor_client.post(rule_url(project), page)

    # The same page submitted again, from the versions it was rendered with.
    response = editor_client.post(rule_url(project), {**page, f"evidence_{questions()[0].pk}": "Second thought"})

    assert response.status_code == 409
    assert "Second thought" in response.text
    assert Answer.objects.get(project=project, question=questions()[0]).evidence == "First thought"


@pytest.mark.parametrize("version", ["²", "٣", "-1", "1e3", "9" * 40])
def test_a_version_that_is_not_ascii_digits_is_a_form_error_and_saves_nothing(project, editor_client, version):
    first = questions()[0]
    data = {**answers_post(project, q0=("yes", "Audit report")), f"version_{first.pk}": version}

    response = editor_client.post(rule_url(project), data)

    assert response.status_code == 200
    assert "There is a problem" in response.text
    assert not Answer.objects.filter(project=project).exists()


def test_the_rule_page_shows_the_saved_answers(project, owner, owner_client):
    answer_all(Project.objects.get(pk=project.pk), owner, evidence="Minutes of 3 March")

    values = form_values(owner_client.get(rule_url(project, "team")).text)

    for question in questions("team"):
        assert values[f"answer_{question.pk}"] == "yes"
        assert values[f"evidence_{question.pk}"] == "Minutes of 3 March"
        assert values[f"version_{question.pk}"] == "1"


def test_not_applicable_without_a_reason_is_refused_and_everything_typed_is_kept(project, editor_client):
    data = answers_post(project, q0=("yes", "Audit report AR-2026/07"), q3=("na", ""))

    response = editor_client.post(rule_url(project), data)

    assert response.status_code == 200
    page = unescape(response.text)
    question = questions()[3]
    assert "There is a problem" in page
    assert (
        f"Say why \u2068{question.text}\u2069 does not apply to the project".replace("\u2068", "“\u2068").replace("\u2069", "\u2069”")
        in page
    )
    assert "Audit report AR-2026/07" in page
    assert not Answer.objects.filter(project=project).exists()
