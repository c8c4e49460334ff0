from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MethodologyConfig(AppConfig):
    name = "stage1.methodology"
    verbose_name = _("Methodology")
