from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ExchangeConfig(AppConfig):
    name = "stage1.exchange"
    verbose_name = _("Export and import")
