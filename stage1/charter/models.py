"""Rendered PDFs and the renders queued for the worker.

PDFs are stored in the database so every web and worker process shares them
and they survive restarts. A web request never renders: it serves what is
stored, or queues a render (RenderJob) and shows a page that waits for it.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from stage1.methodology.models import MethodologyVersion
from stage1.projects.models import Project


class RenderedCharter(models.Model):
    """The last charter rendered for a project in one language.

    It is current while its etag is the project's charter_etag (same revision,
    document state, templates and language); otherwise it is offered as an
    older copy while the worker renders the new one. A render only ever
    replaces an older revision, never a newer one.
    """

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="rendered_charters")
    language = models.CharField(max_length=16)
    revision = models.PositiveIntegerField()
    # Empty once the methodology was edited: the PDF may print old wording, so it is never current again.
    etag = models.CharField(max_length=80)
    pdf = models.BinaryField()
    rendered_at = models.DateTimeField()
    render_seconds = models.FloatField(default=0)
    # What the PDF says it is and its content fingerprint, sent with it when served from here.
    document_label = models.CharField(max_length=80, blank=True)
    fingerprint = models.CharField(max_length=16, blank=True)

    class Meta:
        verbose_name = _("rendered charter")
        verbose_name_plural = _("rendered charters")
        constraints = [models.UniqueConstraint(fields=["project", "language"], name="rendered_charter_one_per_language")]

    def __str__(self) -> str:
        return f"{self.project} v{self.revision} ({self.language})"


class RenderedChecklist(models.Model):
    """The blank evaluation checklist, rendered once per methodology version, language and templates (its etag)."""

    # Null: no version is published yet and the checklist prints the live methodology.
    methodology_version = models.ForeignKey(MethodologyVersion, on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    language = models.CharField(max_length=16)
    etag = models.CharField(max_length=80, unique=True)
    pdf = models.BinaryField()
    rendered_at = models.DateTimeField()

    class Meta:
        verbose_name = _("rendered blank checklist")
        verbose_name_plural = _("rendered blank checklists")

    def __str__(self) -> str:
        return f"{self.methodology_version or 'live'} ({self.language})"


class RenderJob(models.Model):
    """A render someone is waiting for, so the waiting page queues it once and can say when it failed.

    key names what is rendered ("charter:<project>:<language>", "approved:<id>",
    "checklist:<etag>"); target is the etag or fingerprint of the content asked
    for. The row goes once that content is stored; renders queued by saves in
    the background have no row.
    """

    key = models.CharField(max_length=120, unique=True)
    target = models.CharField(max_length=80)
    queued_at = models.DateTimeField()
    attempts = models.PositiveSmallIntegerField(default=0)
    failed_at = models.DateTimeField(null=True, blank=True)
    # The exception's class and message, for operators; the page shows none of it.
    error = models.CharField(max_length=300, blank=True)

    class Meta:
        verbose_name = _("queued render")
        verbose_name_plural = _("queued renders")

    def __str__(self) -> str:
        return self.key

    @property
    def failed(self) -> bool:
        return self.failed_at is not None
