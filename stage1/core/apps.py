from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "stage1.core"
    verbose_name = _("Core")

    def ready(self):
        from stage1.core import sessions, signals, versioning  # noqa: F401 - connects the receivers
