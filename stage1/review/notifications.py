"""Emails about a project's review and comments: one function per event, one message each.

Each message goes to the people the event concerns who are still members of
the project and have an email address; the person who acted is left out
where the event is theirs (their comment, their decision). Links are
absolute, built from STAGE1_SITE_URL, because a notification is not an
answer to the recipient's request. Services call these functions with
transaction.on_commit, so nothing is sent for a write that rolled back; a
failure to send is logged and never reaches the request, whose write is
already saved.
"""

import logging
from collections.abc import Iterable

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse

from stage1.projects.models import Membership, Role
from stage1.review.models import ApprovedVersion, Comment, CommentTarget, Decision, Review, ReviewState

logger = logging.getLogger(__name__)


def _absolute(path: str) -> str:
    return settings.STAGE1_SITE_URL + path


def _review_url(project) -> str:
    """Where an approver reads and decides on the project's review."""
    return _absolute(reverse("review:review", kwargs={"slug": project.slug}))


def comment_url(comment: Comment) -> str:
    """The comment page of the comment's step or rule, at its thread."""
    path = reverse(
        "comments:page",
        kwargs={"slug": comment.project.slug, "target": comment.target, "target_slug": comment.target_slug},
    )
    return _absolute(f"{path}#thread-{comment.thread_id or comment.pk}")


def _owners(project) -> list:
    return [m.user for m in Membership.objects.filter(project=project, role=Role.OWNER).select_related("user")]


def _approvers(review: Review) -> list:
    return [decision.approver for decision in review.decisions.select_related("approver")]


def _send(project, template: str, context: dict, users: Iterable, *, leave_out=None) -> None:
    """One message to every member among `users` who has an email address, `leave_out` (the actor) excepted."""
    members = set(Membership.objects.filter(project=project).values_list("user_id", flat=True))
    leave_out_pk = getattr(leave_out, "pk", None)
    to = sorted({u.email for u in users if u is not None and u.email and u.pk in members and u.pk != leave_out_pk})
    if not to:
        return
    context = {**context, "project": project, "service_name": settings.SERVICE_NAME}
    try:
        subject = render_to_string(f"review/email/{template}_subject.txt", context)
        body = render_to_string(f"review/email/{template}.txt", context)
        # A project title is typed by users: never let it add a header line.
        subject = " ".join(f"{settings.SERVICE_NAME}: {subject}".split())
        EmailMessage(subject, body, to=to).send()
    except Exception:
        # The write the message is about is saved; a mail server that is down must not turn it into an error page.
        logger.exception("Could not send the %s notification for project %s", template, project.slug)


def submitted(review: Review) -> None:
    """To every approver of the review: the project waits for their decision."""
    context = {"review": review, "draft_number": f"{review.major}.{review.minor}", "link": _review_url(review.project)}
    _send(review.project, "submitted", context, _approvers(review))


def approved_by_one(review: Review, decision: Decision) -> None:
    """To the owners and the submitter: one approver approved (others are still to decide)."""
    context = {"review": review, "decision": decision, "link": _review_url(review.project)}
    users = [*_owners(review.project), review.submitted_by]
    _send(review.project, "approved_by_one", context, users, leave_out=decision.approver)


def approved(review: Review, approved_version: ApprovedVersion) -> None:
    """To the owners, the submitter and every approver: every approver approved, the version is frozen."""
    context = {"review": review, "approved_version": approved_version, "link": _review_url(review.project)}
    users = [*_owners(review.project), review.submitted_by, *_approvers(review)]
    _send(review.project, "approved", context, users)


def changes_requested(review: Review, decision: Decision) -> None:
    """To the owners and the submitter: an approver sent the project back, with their reason."""
    context = {"review": review, "decision": decision, "link": _review_url(review.project)}
    users = [*_owners(review.project), review.submitted_by]
    _send(review.project, "changes_requested", context, users, leave_out=decision.approver)


def commented(comment: Comment) -> None:
    """To the owners, everyone who wrote in the thread before, and the approvers while a review is open; never the author."""
    project = comment.project
    root = comment.thread or comment
    earlier = [root.author, *(reply.author for reply in root.replies.select_related("author").exclude(pk=comment.pk))]
    users = [*_owners(project), *earlier]
    review = Review.objects.filter(project=project, state=ReviewState.OPEN).first()
    if review is not None:
        users += _approvers(review)
    context = {
        "comment": comment,
        "is_reply": comment.thread_id is not None,
        "on_rule": comment.target == CommentTarget.RULE,
        "subject_title": _subject_title(comment),
        "link": comment_url(comment),
    }
    _send(project, "commented", context, users, leave_out=comment.author)


def thread_resolved(thread: Comment, user) -> None:
    """To everyone who wrote in the thread, except who resolved or reopened it: the thread is now resolved, or open again."""
    participants = [thread.author, *(reply.author for reply in thread.replies.select_related("author"))]
    context = {
        "thread": thread,
        "user": user,
        "on_rule": thread.target == CommentTarget.RULE,
        "subject_title": _subject_title(thread),
        "link": comment_url(thread),
    }
    _send(thread.project, "thread_resolved", context, participants, leave_out=user)


def _subject_title(comment: Comment) -> str:
    # stage1.review.comments sends through this module; importing it back when called keeps the two free of a cycle.
    from stage1.review.comments import subject_title

    return subject_title(comment.project, comment.target_slug)
