from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CharterConfig(AppConfig):
    name = "stage1.charter"
    verbose_name = _("Project charter")
