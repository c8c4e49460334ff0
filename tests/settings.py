"""The application's settings plus an app that exists only for tests.

tests.registry_extension holds the models of a step and an item kind that
are not in the product; tests register them for a while to prove that a new
step or item kind needs nothing beyond its own entry in the registry.
"""

from stage1.settings import *  # noqa: F403

INSTALLED_APPS = [*INSTALLED_APPS, "tests.registry_extension"]  # noqa: F405
