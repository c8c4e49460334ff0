"""The site's URLs plus one page that fails, to see the 500 page; used with settings.ROOT_URLCONF."""

from django.urls import path

from stage1.urls import handler403, handler404, handler500
from stage1.urls import urlpatterns as site_urlpatterns

BROKEN_PATH = "broken-on-purpose/"


def broken(request):
    raise RuntimeError("A failure on purpose, to show the 500 page")


urlpatterns = [path(BROKEN_PATH, broken), *site_urlpatterns]

__all__ = ["handler403", "handler404", "handler500", "urlpatterns"]
