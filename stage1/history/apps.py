from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HistoryConfig(AppConfig):
    """A project's history in words and restoring a step; the rows themselves are kept by core.versioning."""

    name = "stage1.history"
    verbose_name = _("History")
