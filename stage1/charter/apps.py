from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CharterConfig(AppConfig):
    name = "stage1.charter"
    verbose_name = _("Project charter")

    def ready(self):
        from stage1.charter import (
            signals,  # noqa: F401 - stored charters stop being current when the methodology changes
            tasks,  # noqa: F401 - queues a render when a project changes
        )
        from stage1.charter.services import charter_fingerprint

        # Read the templates once, now, rather than during someone's first download.
        charter_fingerprint()
