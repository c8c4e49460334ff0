"""Rendered PDFs kept per project revision, so an unchanged charter is never rendered twice.

Stored in the database so every worker process shares them and they survive
restarts; a new project revision simply makes the old row stale.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from stage1.projects.models import Project


class RenderedCharter(models.Model):
    project = models.OneToOneField(Project, on_delete=models.CASCADE, related_name="rendered_charter")
    revision = models.PositiveIntegerField()
    etag = models.CharField(max_length=80)
    pdf = models.BinaryField()
    rendered_at = models.DateTimeField(auto_now=True)
    render_seconds = models.FloatField(default=0)
    # What the PDF says it is and its content fingerprint, sent with it when served from here.
    document_label = models.CharField(max_length=80, blank=True)
    fingerprint = models.CharField(max_length=16, blank=True)

    class Meta:
        verbose_name = _("rendered charter")
        verbose_name_plural = _("rendered charters")

    def __str__(self) -> str:
        return f"{self.project} v{self.revision}"
