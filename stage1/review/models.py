"""Review and approval of a project: submissions, approvers' decisions, approved versions and comments.

A project is a Draft until its owner submits it for review; it is In review
while a review is open, and Approved once every approver chosen for that
review has approved the revision it stands at. The approved revision is
frozen as an ApprovedVersion with its charter PDF. The status and the
document number ("Draft 0.3", "Version 1.0") are derived from these rows and
the project's revision (stage1.review.selectors), never stored twice.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from stage1.projects.models import Project


class ReviewState(models.TextChoices):
    OPEN = "open", _("In review")
    APPROVED = "approved", _("Approved")
    CHANGES_REQUESTED = "changes", _("Changes requested")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class Review(models.Model):
    """One submission for review of one draft."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="reviews")
    # The draft under review, "Draft <major>.<minor>": major counts the approved versions before it.
    major = models.PositiveIntegerField()
    minor = models.PositiveIntegerField()
    # The project's revision when it was submitted.
    revision = models.PositiveIntegerField()
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    submitted_at = models.DateTimeField(default=timezone.now)
    note = models.TextField(_("Note to the approvers"), max_length=3000, blank=True)
    state = models.CharField(max_length=10, choices=ReviewState.choices, default=ReviewState.OPEN)
    closed_at = models.DateTimeField(null=True, blank=True)
    # The one conflict rule's counter: deciding, withdrawing and closing claim the review.
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["-submitted_at", "-id"]
        verbose_name = _("review")
        verbose_name_plural = _("reviews")
        constraints = [
            models.UniqueConstraint(fields=["project"], condition=models.Q(state="open"), name="review_one_open_per_project"),
            models.UniqueConstraint(fields=["project", "major", "minor"], name="review_one_per_draft_number"),
        ]

    def __str__(self) -> str:
        return f"{self.project} – Draft {self.major}.{self.minor}"

    @property
    def is_open(self) -> bool:
        return self.state == ReviewState.OPEN


class Outcome(models.TextChoices):
    PENDING = "pending", _("Waiting")
    APPROVED = "approved", _("Approved")
    CHANGES_REQUESTED = "changes", _("Changes requested")


class Decision(models.Model):
    """One approver's decision on one review, with what they signed as and the exact revision they decided on."""

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="decisions")
    approver = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="review_decisions")
    outcome = models.CharField(max_length=10, choices=Outcome.choices, default=Outcome.PENDING)
    signed_name = models.CharField(_("Your name"), max_length=200, blank=True)
    signed_role = models.CharField(_("Your role or title"), max_length=200, blank=True)
    reason = models.TextField(_("What needs to change"), max_length=3000, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    revision = models.PositiveIntegerField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["id"]
        verbose_name = _("approver's decision")
        verbose_name_plural = _("approvers' decisions")
        constraints = [models.UniqueConstraint(fields=["review", "approver"], name="decision_one_per_approver")]

    def __str__(self) -> str:
        return f"{self.approver} – {self.get_outcome_display()}"


class ApprovedVersion(models.Model):
    """A revision every approver approved, frozen with the charter that was approved (its HTML, then its PDF)."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="approved_versions")
    review = models.OneToOneField(Review, on_delete=models.PROTECT, related_name="approved_version")
    major = models.PositiveIntegerField()
    revision = models.PositiveIntegerField()
    approved_at = models.DateTimeField()
    # The charter's HTML exactly as approved (charter_document at approval time), which the worker renders to the PDF;
    # the PDF, once stored (rendered_at set), is what every download serves, byte for byte.
    html = models.TextField(blank=True)
    pdf = models.BinaryField()
    rendered_at = models.DateTimeField(null=True, blank=True)
    fingerprint = models.CharField(max_length=64)

    class Meta:
        ordering = ["-major"]
        verbose_name = _("approved version")
        verbose_name_plural = _("approved versions")
        constraints = [models.UniqueConstraint(fields=["project", "major"], name="approved_version_one_per_number")]

    def __str__(self) -> str:
        return f"{self.project} – Version {self.major}.0"


class CommentTarget(models.TextChoices):
    STEP = "step", _("Step")
    RULE = "rule", _("Checklist rule")


class Comment(models.Model):
    """A comment on a step or a checklist rule. A comment without a thread starts one; replies point at it."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="comments")
    thread = models.ForeignKey("self", on_delete=models.CASCADE, null=True, blank=True, related_name="replies")
    target = models.CharField(max_length=10, choices=CommentTarget.choices)
    # The step's slug, or the rule's (a golden rule shares its step's slug).
    target_slug = models.SlugField(max_length=80)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    body = models.TextField(_("Comment"), max_length=4000)
    created_at = models.DateTimeField(default=timezone.now)
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolved_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        indexes = [models.Index(fields=["project", "target", "target_slug"], name="comment_by_target")]

    def __str__(self) -> str:
        return self.body[:60]

    @property
    def is_resolved(self) -> bool:
        return self.resolved_at is not None
