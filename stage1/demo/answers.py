"""Answering a demo project's evaluation checklist, with its action plan and accepted risks.

The answers are keyed by rule slug and question order (stage1.demo.content),
so they find their questions whatever ids the database gave them. Questions
left out stay unanswered, which keeps a demo charter a draft, as a real one
would be mid-way.
"""

from stage1.demo.content import ChecklistAnswers
from stage1.demo.content_en import DEMO as ENGLISH
from stage1.evaluation.models import Action, Answer
from stage1.methodology.models import EvaluationQuestion

# The English demo's first answers, which the charter tests look for in its PDF.
ANSWERS = ENGLISH.checklist.answers


def answer_demo_checklist(project, user, *, team, checklist: ChecklistAnswers) -> None:
    """Answer the checklist's questions with their actions and accepted risks.

    team: the demo's team members by key, who own the actions.
    """
    questions = {(q.rule.slug, q.order): q for q in EvaluationQuestion.objects.select_related("rule")}
    answers = Answer.objects.bulk_create(
        Answer(project=project, question=questions[key], choice=choice, evidence=evidence, updated_by=user)
        for key, (choice, evidence) in checklist.answers.items()
        if key in questions
    )
    by_key = {(a.question.rule.slug, a.question.order): a for a in answers}
    for key, (because, accepted_by) in checklist.accepted_risks.items():
        if key in by_key:
            Answer.objects.filter(pk=by_key[key].pk).update(risk_accepted_because=because, risk_accepted_by=accepted_by)
    Action.objects.bulk_create(
        Action(
            project=project,
            answer=by_key[key],
            description=description,
            owner=team[owner],
            due_on=due_on,
            done_on=checklist.done.get((*key, n)),
            updated_by=user,
        )
        for key, actions in checklist.actions.items()
        if key in by_key
        for n, (description, owner, due_on) in enumerate(actions)
    )
