"""A demo project made ready for review, and its review story: submitted, commented on, approved as version 1.0, then changed.

Told through the same services the pages use, so the demo shows what a team
would see after going through it: an approved version 1.0 with its frozen
charter, a resolved comment thread from the review, and a Draft 1.1 on top
with a change since the approval and an open comment. A demo without a story
stays ready for review, with the sponsor as its approver, for people to try
the review themselves.
"""

from stage1.demo.answers import answer_demo_checklist
from stage1.demo.content import ChecklistAnswers, ReviewStory
from stage1.demo.content_en import DEMO as ENGLISH
from stage1.evaluation.models import Action
from stage1.evaluation.readiness import readiness_of
from stage1.evaluation.selectors import checklist_for
from stage1.evaluation.services import action_change
from stage1.projects.models import Membership, Role
from stage1.projects.services import project_touch
from stage1.projects.steps import NEED, record_for
from stage1.review.comments import comment_add, comment_resolve
from stage1.review.models import CommentTarget, Decision, Outcome
from stage1.review.services import decision_record, review_submit

# What the English demo's story says, which its tests look for.
SPONSOR_ROLE = ENGLISH.review.sponsor_role
QUESTION = ENGLISH.review.question
OPEN_QUESTION = ENGLISH.review.open_question


class DemoNotReady(Exception):
    """The demo data no longer makes a project ready for review: its own data is out of step with the method."""


def make_ready_for_review(project, *, owner, sponsor, team, later: ChecklistAnswers) -> None:
    """Answer the questions left for last, check the project is ready, and make the sponsor its approver."""
    answer_demo_checklist(project, owner, team=team, checklist=later)
    project_touch(project)
    project.refresh_from_db()
    readiness = readiness_of(project, checklist_for(project))
    if not readiness.ready:
        raise DemoNotReady("; ".join(str(b.message) for b in readiness.blockers))
    Membership.objects.create(project=project, user=sponsor, role=Role.VIEWER, approver=True)


def tell_review_story(project, story: ReviewStory, *, owner, editor, sponsor) -> None:
    """For a project made ready for review, with the sponsor as its approver."""
    review = review_submit(project=project, user=owner, approvers=[sponsor], note=story.note, revision=project.revision)

    on_step = {"target": CommentTarget.STEP, "target_slug": story.question_step}
    thread = comment_add(project=project, user=sponsor, body=story.question, **on_step)
    comment_add(project=project, user=owner, body=story.answer, thread=thread, **on_step)
    comment_resolve(comment=thread, user=owner, resolved=True, base_version=thread.version)

    decision = Decision.objects.get(review=review, approver=sponsor)
    project.refresh_from_db()
    decision_record(
        decision=decision,
        outcome=Outcome.APPROVED,
        signed_name=sponsor.get_full_name(),
        signed_role=story.sponsor_role,
        reason="",
        revision=project.revision,
        base_version=decision.version,
    )

    # After the approval the team goes on: the project becomes Draft 1.1.
    need = record_for(project, NEED)
    need.evidence += story.after_approval
    need.version, need.updated_by = need.version + 1, editor
    need.save()
    project_touch(project)
    first_open = Action.objects.filter(project=project, done_on__isnull=True).order_by("due_on", "id").first()
    action_change(project=project, action=first_open, base_version=first_open.version, user=editor, done_on=first_open.due_on)
    comment_add(project=project, user=sponsor, target=CommentTarget.RULE, target_slug=story.open_question_rule, body=story.open_question)
    project.refresh_from_db()
