from django.apps import apps
from django.contrib import admin
from django.urls import include, path

from stage1.core import pages
from stage1.core import views as core_views
from stage1.core.languages import set_language
from stage1.methodology.views import home

urlpatterns = [
    path("", home, name="home"),
    path("healthz", core_views.healthz, name="healthz"),
    path("favicon.ico", core_views.favicon),
    path("status/", pages.status, name="status"),
    path("accessibility/", pages.accessibility, name="accessibility"),
    path("privacy/", pages.privacy, name="privacy"),
    path("cookies/", pages.cookies, name="cookies"),
    path("feedback/", pages.feedback, name="feedback"),
    path("language/<str:code>/", set_language, name="set_language"),
    path("accounts/keep-alive/", core_views.keep_alive, name="keep_alive"),
    path("accounts/", include("stage1.core.account_urls")),
    # Before the projects' own addresses: /projects/import/ is not a project.
    path("projects/", include("stage1.exchange.urls")),
    path("projects/", include("stage1.projects.urls")),
    path("projects/", include("stage1.evaluation.urls")),
    path("projects/", include("stage1.history.urls")),
    path("projects/", include("stage1.review.comment_urls")),
    path("", include("stage1.charter.urls")),
    path("", include("stage1.members.urls")),
    path("admin/", admin.site.urls),
    # An app that adds pages under a project (a later stage of the guide) names
    # its URL module in its AppConfig's `project_urls`: installing it is enough.
    *(path("projects/", include(app.project_urls)) for app in apps.get_app_configs() if getattr(app, "project_urls", None)),
]

handler403 = "stage1.core.views.error_403"
handler404 = "stage1.core.views.error_404"
handler500 = "stage1.core.views.error_500"
