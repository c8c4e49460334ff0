"""An app that declares project pages in its AppConfig gets them served without a change to stage1/urls.py."""

import importlib

from django.apps import apps
from django.urls import clear_url_caches

import stage1.urls


def test_an_installed_app_with_project_urls_is_included(monkeypatch, settings):
    config = apps.get_app_config("registry_extension")
    monkeypatch.setattr(config, "project_urls", "tests.registry_extension.urls", raising=False)
    try:
        importlib.reload(stage1.urls)
        routes = [str(pattern.pattern) + str(getattr(pattern, "urlconf_name", "")) for pattern in stage1.urls.urlpatterns]
        assert any("tests.registry_extension.urls" in route for route in routes)
    finally:
        monkeypatch.undo()
        importlib.reload(stage1.urls)
        clear_url_caches()
    assert not any("registry_extension" in str(getattr(p, "urlconf_name", "")) for p in stage1.urls.urlpatterns)
