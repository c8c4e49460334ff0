from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProjectsConfig(AppConfig):
    name = "stage1.projects"
    verbose_name = _("Projects")

    def ready(self):
        from stage1.projects import history  # noqa: F401 - tags history rows with the request id
