"""What every saved piece of a project shares: its project and a version.

The version is the optimistic-lock token: a form carries the version it was
rendered from, and the save only applies if the row still has it.
"""

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

SHORT = 200
MEDIUM = 500
LONG = 5000


class Versioned(models.Model):
    version = models.PositiveIntegerField(default=1)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    # Every saved change of every step record, item and answer is kept, with
    # who and when, for the project's History page and for restoring a step.
    history = HistoricalRecords(inherit=True, excluded_fields=["updated_at"])

    class Meta:
        abstract = True


def text(label, *, max_length: int = LONG, help_text="") -> models.TextField:
    return models.TextField(label, max_length=max_length, blank=True, help_text=help_text)


def line(label, *, max_length: int = SHORT, help_text="") -> models.CharField:
    return models.CharField(label, max_length=max_length, blank=True, help_text=help_text)
