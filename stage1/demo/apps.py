from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemoConfig(AppConfig):
    """The demo accounts and project of `make run`: the top layer, free to use every other app."""

    name = "stage1.demo"
    verbose_name = _("Demo")
