"""answers_save: an answer saved from base version N applies only if it is still at N, whoever saved in between."""

import pytest

from stage1.evaluation.forms import RuleAnswersForm
from stage1.evaluation.models import Answer
from stage1.evaluation.selectors import checklist_for
from stage1.evaluation.services import AnswersConflict, answers_save
from stage1.projects.models import Project
from tests.evaluation.helpers import answers_post, questions

pytestmark = pytest.mark.usefixtures("methodology")


def _form(project, data) -> RuleAnswersForm:
    form = RuleAnswersForm(data, rows=checklist_for(project, with_findings=False).group("need").rows)
    assert form.is_valid(), form.errors
    return form


def _save(project, data, user) -> int:
    return answers_save(project=project, form=_form(project, data), user=user)


def test_an_answer_saved_from_its_current_version_applies_and_moves_the_version_on(project, editor):
    _save(project, answers_post(project, q0=("partly", "Draft")), editor)
    seen = Answer.objects.get(project=project, question=questions()[0]).version

    changed = _save(project, answers_post(project, q0=("yes", "Audit report")), editor)

    answer = Answer.objects.get(project=project, question=questions()[0])
    assert (changed, answer.choice, answer.evidence, answer.version) == (1, "yes", "Audit report", seen + 1)


def test_an_answer_saved_from_the_users_own_earlier_version_conflicts_and_nothing_is_saved(project, editor):
    first, second = questions()[:2]
    _save(project, answers_post(project, q0=("partly", "Draft")), editor)
    stale = answers_post(project, q0=("no", "From the first tab"), q1=("yes", "Untouched elsewhere"))
    _save(project, answers_post(project, q0=("yes", "From the second tab")), editor)
    version_before = Project.objects.get(pk=project.pk).revision

    with pytest.raises(AnswersConflict) as raised:
        _save(project, stale, editor)

    [(question, choice, evidence, current)] = raised.value.conflicts
    assert (question, choice, evidence, current.evidence) == (first, "no", "From the first tab", "From the second tab")
    assert not Answer.objects.filter(project=project, question=second).exists()
    assert Project.objects.get(pk=project.pk).revision == version_before


def test_an_answer_the_page_showed_as_not_given_conflicts_when_someone_gave_it_meanwhile(project, editor, owner):
    first = questions()[0]
    stale = answers_post(project, q0=("no", "Editor's note"))
    _save(project, answers_post(project, q0=("yes", "Owner's audit report")), owner)

    with pytest.raises(AnswersConflict) as raised:
        _save(project, stale, editor)

    assert [current.evidence for _q, _c, _e, current in raised.value.conflicts] == ["Owner's audit report"]
    assert Answer.objects.get(project=project, question=first).updated_by == owner


def test_an_answer_submitted_as_it_stands_now_is_left_alone_whatever_its_base(project, editor, owner):
    first, second = questions()[:2]
    stale = answers_post(project, q0=("yes", "Audit report"), q1=("no", "Nothing yet"))
    _save(project, answers_post(project, q0=("yes", "Audit report")), owner)

    changed = _save(project, stale, editor)

    assert changed == 1
    assert Answer.objects.get(project=project, question=first).updated_by == owner
    assert Answer.objects.get(project=project, question=second).evidence == "Nothing yet"
