"""Submitting a project for review, approvers' decisions and freezing the approved version.

Every write follows the one conflict rule: a decision or a withdrawal
claims the row from the version the page showed, and a decision is taken on
the project's revision the approver saw: if anyone saved the project since,
the decision is refused and the approver sees what is there now.
"""

from dataclasses import dataclass
from functools import partial

from django.db import IntegrityError, transaction
from django.utils import timezone

from stage1.charter.services import charter_document
from stage1.core.versioning import claim
from stage1.evaluation.readiness import Blocker, readiness_of
from stage1.evaluation.selectors import checklist_for
from stage1.projects.models import Membership, Project
from stage1.projects.signals import project_changed
from stage1.review import notifications
from stage1.review.models import ApprovedVersion, Decision, Outcome, Review, ReviewState
from stage1.review.selectors import Status, document_state
from stage1.review.tasks import render_approved_charter


class NotReady(Exception):
    def __init__(self, blockers: list[Blocker]):
        super().__init__("not ready for review")
        self.blockers = blockers


class ProjectChanged(Exception):
    """The project was saved after the page was shown: what is submitted or decided on is not what was seen."""


class ReviewClosed(Exception):
    """The review was closed meanwhile (approved, sent back or withdrawn)."""


class NotAnApprover(Exception):
    pass


@dataclass(frozen=True)
class Decided:
    review: Review
    approved_version: ApprovedVersion | None


def _current_revision(project: Project) -> int:
    # Locked: a save of the project waits until the submission or decision is written.
    return Project.objects.select_for_update().values_list("revision", flat=True).get(pk=project.pk)


@transaction.atomic
def review_submit(*, project: Project, user, approvers: list, note: str, revision: int | None) -> Review:
    """Open a review of the project as it stands at `revision`, for the chosen approvers (members marked as approvers).

    Raises NotReady with what is left, ProjectChanged if the project was saved
    since the page showed `revision`, ReviewClosed if a review is already open.
    """
    current = _current_revision(project)
    if revision != current:
        raise ProjectChanged()
    project.revision = current
    readiness = readiness_of(project, checklist_for(project))
    if not readiness.ready:
        raise NotReady(readiness.blockers)
    allowed = set(Membership.objects.filter(project=project, approver=True).values_list("user_id", flat=True))
    if not approvers or any(a.pk not in allowed for a in approvers):
        raise NotAnApprover()
    state = document_state(project)
    if state.status == Status.IN_REVIEW:
        raise ReviewClosed()
    try:
        with transaction.atomic():
            review = Review.objects.create(
                project=project, major=state.major, minor=state.minor, revision=current, submitted_by=user, note=note
            )
    except IntegrityError:
        # Another owner submitted at the same moment.
        raise ReviewClosed() from None
    Decision.objects.bulk_create(Decision(review=review, approver=approver) for approver in approvers)
    _document_changed(project)
    transaction.on_commit(lambda: notifications.submitted(review))
    return review


@transaction.atomic
def review_withdraw(*, review: Review, user, base_version: int | None) -> Review:
    claim(review, base_version=base_version)
    if review.state != ReviewState.OPEN:
        raise ReviewClosed()
    review.state, review.closed_at = ReviewState.WITHDRAWN, timezone.now()
    review.save(update_fields=["state", "closed_at", "version"])
    _document_changed(review.project)
    return review


@transaction.atomic
def decision_record(
    *, decision: Decision, outcome: str, signed_name: str, signed_role: str, reason: str, revision: int | None, base_version: int | None
) -> Decided:
    """Record an approver's decision on the revision they saw. When every approver has approved that revision, the
    project is Approved and the revision frozen; a request for changes closes the review and the project is a Draft again.
    """
    review = Review.objects.select_for_update().get(pk=decision.review_id)
    if review.state != ReviewState.OPEN:
        raise ReviewClosed()
    current = _current_revision(review.project)
    if revision != current:
        raise ProjectChanged()
    claim(decision, base_version=base_version)
    now = timezone.now()
    decision.outcome, decision.signed_name, decision.signed_role = outcome, signed_name, signed_role
    decision.reason, decision.decided_at, decision.revision = reason, now, current
    decision.save()
    if outcome == Outcome.CHANGES_REQUESTED:
        review.state, review.closed_at = ReviewState.CHANGES_REQUESTED, now
        review.save(update_fields=["state", "closed_at"])
        _document_changed(review.project)
        transaction.on_commit(lambda: notifications.changes_requested(review, decision))
        return Decided(review, None)
    decisions = list(review.decisions.all())
    # An approval counts for the revision it was given on: one given before a later save must be given again.
    if not all(d.outcome == Outcome.APPROVED and d.revision == current for d in decisions):
        transaction.on_commit(lambda: notifications.approved_by_one(review, decision))
        return Decided(review, None)
    review.state, review.closed_at = ReviewState.APPROVED, now
    review.save(update_fields=["state", "closed_at"])
    approved = _freeze(review, revision=current, approved_at=now)
    _document_changed(review.project)
    transaction.on_commit(lambda: notifications.approved(review, approved))
    return Decided(review, approved)


def _freeze(review: Review, *, revision: int, approved_at) -> ApprovedVersion:
    """Store the approved revision's charter, as approved: it stays downloadable unchanged whatever happens next.

    The HTML is made now, from the approved revision; the worker renders it to the PDF.
    """
    project = review.project
    project.revision = revision
    approved = ApprovedVersion.objects.create(
        project=project, review=review, major=review.major + 1, revision=revision, approved_at=approved_at, pdf=b"", fingerprint=""
    )
    # Made once the version exists, so the charter calls itself "Version N.0, approved on …" and prints the approvals.
    # The signals bumped review_revision in the database only: read it again, or the document's state kept for the
    # open review (by the review page and the task list) would be read as the approved one's.
    project.refresh_from_db(fields=["review_revision"])
    document = charter_document(project)
    approved.html, approved.fingerprint = document.html, document.fingerprint
    approved.save(update_fields=["html", "fingerprint"])
    # In the same transaction: the queue is a table of this database, so the worker sees the task when the approval commits.
    render_approved_charter.enqueue(approved.pk)
    return approved


def _document_changed(project: Project) -> None:
    """The charter's status or number changes without a new revision: have the worker render it again."""
    transaction.on_commit(partial(project_changed.send, sender=Review, project_pk=project.pk), robust=True)
