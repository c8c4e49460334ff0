"""Where a project stands in review, and its document number, derived from its reviews and approved versions."""

from dataclasses import dataclass

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from stage1.projects.models import Membership
from stage1.review.models import ApprovedVersion, Comment, Decision, Outcome, Review, ReviewState


class Status:
    DRAFT = "draft"
    IN_REVIEW = "in_review"
    APPROVED = "approved"


STATUS_LABELS = {Status.DRAFT: _("Draft"), Status.IN_REVIEW: _("In review"), Status.APPROVED: _("Approved")}


@dataclass(frozen=True)
class DocumentState:
    status: str
    major: int
    minor: int
    open_review: Review | None
    # The newest approved version, if any (without its PDF).
    approved: ApprovedVersion | None

    @property
    def label(self) -> str:
        """ "Draft 0.3" while a draft (one step per submission for review), "Version 1.0" once approved."""
        if self.status == Status.APPROVED:
            return str(_("Version %(number)s") % {"number": f"{self.major}.0"})
        return str(_("Draft %(number)s") % {"number": f"{self.major}.{self.minor}"})

    @property
    def status_label(self) -> str:
        return str(STATUS_LABELS[self.status])

    @property
    def file_label(self) -> str:
        """For file names: "draft-0-3", "version-1-0"."""
        if self.status == Status.APPROVED:
            return f"version-{self.major}-0"
        return f"draft-{self.major}-{self.minor}"


def document_state(project) -> DocumentState:
    """Approved when the newest approved version is the project's current revision; In review while a review is open;
    otherwise a Draft numbered after the reviews since the last approval."""
    approved = ApprovedVersion.objects.filter(project=project).defer("pdf").select_related("review").first()
    major = approved.major if approved else 0
    # The open review and the submissions since the last approval, in one query (Review's ordering: newest first).
    reviews = list(Review.objects.filter(project=project).filter(Q(state=ReviewState.OPEN) | Q(major=major)))
    open_review = next((review for review in reviews if review.state == ReviewState.OPEN), None)
    if approved is not None and approved.revision == project.revision and open_review is None:
        return DocumentState(Status.APPROVED, major, 0, None, approved)
    if open_review is not None:
        return DocumentState(Status.IN_REVIEW, open_review.major, open_review.minor, open_review, approved)
    submitted = sum(1 for review in reviews if review.major == major)
    return DocumentState(Status.DRAFT, major, submitted + 1, None, approved)


def decisions_of(review: Review) -> list[Decision]:
    return list(review.decisions.select_related("approver").order_by("id"))


def approvals_of(review: Review) -> list[Decision]:
    """The approvals that count: given on the revision the review was closed at, or the project is at now."""
    return [d for d in decisions_of(review) if d.outcome == Outcome.APPROVED]


def approver_memberships(project) -> list[Membership]:
    """The members marked as approvers, in the order they joined."""
    return list(Membership.objects.filter(project=project, approver=True).select_related("user").order_by("created_at", "id"))


def open_threads(project) -> list[Comment]:
    """Comment threads not resolved yet, oldest first, without their replies (the task list shows each thread's first words)."""
    return list(Comment.objects.filter(project=project, thread__isnull=True, resolved_at__isnull=True).select_related("author"))
