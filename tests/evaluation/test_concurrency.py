"""Checklist answers follow the one conflict rule: the same person in two tabs is told, like two people are,
and a rule page opened again after each save can be saved again and again."""

import pytest

from stage1.evaluation.models import Answer
from tests.evaluation.helpers import form_values, questions, rule_url

pytestmark = pytest.mark.usefixtures("methodology")

TAB_CONFLICT_TITLE = "You changed these answers in another tab or window"
CONFLICT_TITLE = "Someone else changed these answers while you were editing"


def _page(client, project) -> dict[str, str]:
    """The rule page's form as a browser would submit it, versions included."""
    response = client.get(rule_url(project))
    assert response.status_code == 200
    return form_values(response.text)


def _answer(page: dict, question, choice: str, evidence: str) -> dict:
    return {**page, f"answer_{question.pk}": choice, f"evidence_{question.pk}": evidence, "action": "return"}


def test_the_same_user_answering_from_two_tabs_gets_the_conflict_page_and_the_first_tab_stays_saved(project, editor, editor_client):
    first = questions()[0]
    tab_a, tab_b = _page(editor_client, project), _page(editor_client, project)

    saved = editor_client.post(rule_url(project), _answer(tab_a, first, "yes", "Tab A: the audit report"))
    stale = editor_client.post(rule_url(project), _answer(tab_b, first, "no", "Tab B: no evidence yet"))

    assert (saved.status_code, stale.status_code) == (302, 409)
    assert TAB_CONFLICT_TITLE in stale.text
    assert CONFLICT_TITLE not in stale.text
    assert "Tab B: no evidence yet" in stale.text and "Tab A: the audit report" in stale.text
    assert form_values(stale.text)[f"evidence_{first.pk}"] == "Tab B: no evidence yet"
    answer = Answer.objects.get(project=project, question=first)
    assert (answer.choice, answer.evidence, answer.updated_by) == ("yes", "Tab A: the audit report", editor)


def test_the_same_user_changing_an_existing_answer_from_two_tabs_gets_the_conflict_page(project, editor_client):
    first = questions()[0]
    editor_client.post(rule_url(project), _answer(_page(editor_client, project), first, "partly", "Draft"))
    tab_a, tab_b = _page(editor_client, project), _page(editor_client, project)
    seen = int(tab_a[f"version_{first.pk}"])

    saved = editor_client.post(rule_url(project), _answer(tab_a, first, "yes", "Tab A: the audit report"))
    stale = editor_client.post(rule_url(project), _answer(tab_b, first, "no", "Tab B: no evidence yet"))

    assert (saved.status_code, stale.status_code) == (302, 409)
    assert TAB_CONFLICT_TITLE in stale.text and "Tab B: no evidence yet" in stale.text
    answer = Answer.objects.get(project=project, question=first)
    assert (answer.evidence, answer.version) == ("Tab A: the audit report", seen + 1)


def test_a_conflict_with_another_persons_answer_names_no_other_tab(project, editor_client, second_editor_client):
    first = questions()[0]
    mine, theirs = _page(editor_client, project), _page(second_editor_client, project)

    second_editor_client.post(rule_url(project), _answer(theirs, first, "yes", "Their audit report"))
    response = editor_client.post(rule_url(project), _answer(mine, first, "no", "My note"))

    assert response.status_code == 409
    assert CONFLICT_TITLE in response.text
    assert TAB_CONFLICT_TITLE not in response.text


def test_three_successive_saves_of_a_rule_page_all_apply(project, editor_client):
    asked = questions()
    drafts = [f"Note, draft {n}" for n in range(3)]
    assert len(asked) >= len(drafts), "the rule needs a question per save"

    for n, draft in enumerate(drafts):
        # Each save answers one more question and rewrites the note on the first one.
        page = _answer(_page(editor_client, project), asked[n], "yes", f"Answer {n}")
        page[f"evidence_{asked[0].pk}"] = draft
        response = editor_client.post(rule_url(project), page)
        assert response.status_code == 302, draft

    answers = {a.question_id: a for a in Answer.objects.filter(project=project)}
    assert [answers[question.pk].choice for question in asked[: len(drafts)]] == ["yes"] * len(drafts)
    assert answers[asked[0].pk].evidence == drafts[-1]
    assert [answers[question.pk].evidence for question in asked[1 : len(drafts)]] == [f"Answer {n}" for n in range(1, len(drafts))]
    # Given by the first save, changed by each later one.
    assert answers[asked[0].pk].version == len(drafts)
