"""Field helpers shared by the step records and items: the lengths a team can type."""

from django.db import models

SHORT = 200
MEDIUM = 500
LONG = 5000


def text(label, *, max_length: int = LONG, help_text="") -> models.TextField:
    return models.TextField(label, max_length=max_length, blank=True, help_text=help_text)


def line(label, *, max_length: int = SHORT, help_text="") -> models.CharField:
    return models.CharField(label, max_length=max_length, blank=True, help_text=help_text)
