"""The demo project's review story: answered in full, submitted, commented on, approved as version 1.0, then changed.

Told through the same services the pages use, so the demo shows what a team
would see after going through it: an approved version 1.0 with its frozen
charter, a resolved comment thread from the review, and a Draft 1.1 on top
with a change since the approval and an open comment.
"""

from stage1.demo.answers import LATER_ACTIONS, LATER_ANSWERS, answer_demo_checklist
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

SPONSOR_ROLE = "Deputy Mayor for Mobility"
NOTE = "Every golden rule is complete. The open actions are in the action plan; the vehicle register agreement is the main risk."
QUESTION = "Is the vehicle register agreement on track for April? The pilot in zones 3 and 7 depends on it."
ANSWER = "Yes: the draft went to the registry's legal service on 12 February; signature is planned for 15 April."
AFTER_APPROVAL = (
    " A survey of 1,240 permit holders in March 2027 confirmed that 71% would renew online if the registers were read for them."
)
OPEN_QUESTION = "Please map the Mobility Desk staff path before Draft 1.1 goes to review."


class DemoNotReady(Exception):
    """The demo data no longer makes a project ready for review: its own data is out of step with the method."""


def tell_review_story(project, *, owner, editor, sponsor, team) -> None:
    answer_demo_checklist(project, owner, team=team, answers=LATER_ANSWERS, actions=LATER_ACTIONS)
    project_touch(project)
    project.refresh_from_db()
    readiness = readiness_of(project, checklist_for(project))
    if not readiness.ready:
        raise DemoNotReady("; ".join(str(b.message) for b in readiness.blockers))

    Membership.objects.create(project=project, user=sponsor, role=Role.VIEWER, approver=True)
    review = review_submit(project=project, user=owner, approvers=[sponsor], note=NOTE, revision=project.revision)

    thread = comment_add(project=project, user=sponsor, target=CommentTarget.STEP, target_slug="stakeholders", body=QUESTION)
    comment_add(project=project, user=owner, target=CommentTarget.STEP, target_slug="stakeholders", body=ANSWER, thread=thread)
    comment_resolve(comment=thread, user=owner, resolved=True, base_version=thread.version)

    decision = Decision.objects.get(review=review, approver=sponsor)
    project.refresh_from_db()
    decision_record(
        decision=decision,
        outcome=Outcome.APPROVED,
        signed_name=sponsor.get_full_name(),
        signed_role=SPONSOR_ROLE,
        reason="",
        revision=project.revision,
        base_version=decision.version,
    )

    # After the approval the team goes on: the project becomes Draft 1.1.
    need = record_for(project, NEED)
    need.evidence += AFTER_APPROVAL
    need.version, need.updated_by = need.version + 1, editor
    need.save()
    project_touch(project)
    first_open = Action.objects.filter(project=project, done_on__isnull=True).order_by("due_on", "id").first()
    action_change(project=project, action=first_open, base_version=first_open.version, user=editor, done_on=first_open.due_on)
    comment_add(project=project, user=sponsor, target=CommentTarget.RULE, target_slug="user-paths", body=OPEN_QUESTION)
    project.refresh_from_db()
