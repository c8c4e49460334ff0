"""Projects and who may see or change them."""

from django.conf import settings
from django.db import models
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    OWNER = "owner", _("Owner")
    EDITOR = "editor", _("Editor")
    VIEWER = "viewer", _("Viewer")


WRITE_ROLES = frozenset({Role.OWNER, Role.EDITOR})


class ProjectQuerySet(models.QuerySet):
    def for_user(self, user) -> "ProjectQuerySet":
        """Projects the user is a member of: the only way views reach a project."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(memberships__user=user)

    def active(self) -> "ProjectQuerySet":
        return self.filter(archived_at__isnull=True)

    def archived(self) -> "ProjectQuerySet":
        return self.filter(archived_at__isnull=False)


class Project(models.Model):
    title = models.CharField(_("project title"), max_length=200)
    slug = models.SlugField(_("address"), max_length=80, unique=True)
    organisation = models.CharField(_("organisation"), max_length=200)
    description = models.TextField(_("short description"), max_length=2000, blank=True)
    # What the project's documents are written in (charter, checklist, exports), whatever
    # language each reader browses in: a French reader downloads a Portuguese charter.
    language = models.CharField(_("language of the documents"), max_length=8, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE)
    # Bumped by every saved change anywhere in the project; the charter cache
    # keys on it. Not a lock: each record and item has its own version.
    revision = models.PositiveIntegerField(default=1)
    # Bumped by every change to the project's comments and reviews, which are not its content and
    # leave the revision alone (stage1.review.signals): what pages show of them is kept per both.
    review_revision = models.PositiveIntegerField(default=0, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # An archived project is read-only for everyone and hidden from the default list.
    archived_at = models.DateTimeField(_("archived on"), null=True, blank=True)
    # The published methodology the checklist follows; later versions reach the
    # project only when a member moves it on purpose. None: the live methodology
    # (no version was published when the project was created). moved_from lets
    # the checklist mark the questions that are new since the last move.
    methodology_version = models.ForeignKey(
        "methodology.MethodologyVersion", on_delete=models.PROTECT, null=True, blank=True, related_name="projects", editable=False
    )
    methodology_moved_from = models.ForeignKey(
        "methodology.MethodologyVersion", on_delete=models.PROTECT, null=True, blank=True, related_name="+", editable=False
    )

    objects = ProjectQuerySet.as_manager()

    class Meta:
        ordering = ["-updated_at"]
        verbose_name = _("project")
        verbose_name_plural = _("projects")

    def __str__(self) -> str:
        return self.title

    # Addresses that are pages of their own under /projects/.
    RESERVED_SLUGS = frozenset({"new", "import"})

    @staticmethod
    def unique_slug_for(title: str) -> str:
        base = slugify(title)[:60].strip("-") or "project"
        slug, n = base, 1
        while slug in Project.RESERVED_SLUGS or Project.objects.filter(slug=slug).exists():
            n += 1
            slug = f"{base}-{n}"
        return slug


class Membership(models.Model):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(_("role"), max_length=10, choices=Role.choices)
    # Approves the project's charter when it is submitted for review, whatever the role:
    # a sponsor who only reads and approves needs no right to edit.
    approver = models.BooleanField(_("approver"), default=False)
    # The one conflict rule's counter (stage1.core.versioning.claim): a role change or a
    # removal applies only from the version the owner's page was rendered from.
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(fields=["project", "user"], name="membership_one_per_user_and_project"),
            models.CheckConstraint(condition=models.Q(role__in=["owner", "editor", "viewer"]), name="membership_role_valid"),
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.project} ({self.get_role_display()})"

    @property
    def can_write(self) -> bool:
        return self.role in WRITE_ROLES and self.project.archived_at is None

    @property
    def is_owner(self) -> bool:
        return self.role == Role.OWNER
