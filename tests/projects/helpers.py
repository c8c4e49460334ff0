"""Addresses and page checks shared by the wizard's view tests."""

import re

from django.urls import reverse
from django.utils.html import escape

from stage1.projects.steps import STEPS

# Every list of every step, as (step, kind) pairs, for parametrised tests.
ALL_KINDS = [(step, kind) for step in STEPS for kind in step.items]
ALL_KIND_IDS = [f"{step.slug}/{kind.slug}" for step, kind in ALL_KINDS]
STEP_IDS = [step.slug for step in STEPS]

ERROR_SUMMARY = "There is a problem"


def task_list_url(project) -> str:
    return reverse("projects:task_list", kwargs={"slug": project.slug})


def check_answers_url(project) -> str:
    return reverse("projects:check_answers", kwargs={"slug": project.slug})


def step_url(project, step_slug: str) -> str:
    return reverse("projects:step", kwargs={"slug": project.slug, "step_slug": step_slug})


def item_add_url(project, step_slug: str, kind_slug: str) -> str:
    return reverse("projects:item_add", kwargs={"slug": project.slug, "step_slug": step_slug, "kind_slug": kind_slug})


def item_change_url(project, step_slug: str, kind_slug: str, pk: int) -> str:
    return reverse("projects:item_change", kwargs={"slug": project.slug, "step_slug": step_slug, "kind_slug": kind_slug, "pk": pk})


def item_remove_url(project, step_slug: str, kind_slug: str, pk: int) -> str:
    return reverse("projects:item_remove", kwargs={"slug": project.slug, "step_slug": step_slug, "kind_slug": kind_slug, "pk": pk})


def login_url_for(url: str) -> str:
    return f"{reverse('login')}?next={url}"


def text_of(response) -> str:
    return response.content.decode()


def assert_shows(response, *values: str) -> None:
    """Each value appears on the page as the user typed it (HTML-escaped)."""
    content = text_of(response)
    missing = [value for value in values if escape(value) not in content]
    assert not missing, f"not on the page: {missing!r}"


def assert_selected(response, name: str, value) -> None:
    """The select or radio group `name` has `value` chosen."""
    content = text_of(response)
    select = re.search(rf'<select name="{name}"[^>]*>(.*?)</select>', content, re.S)
    if select:
        assert re.search(rf'<option value="{value}" selected>', select.group(1)), f"{name}={value} is not selected"
        return
    radio = re.search(rf'<input[^>]*name="{name}"[^>]*value="{value}"[^>]*>', content, re.S)
    assert radio and "checked" in radio.group(0), f"{name}={value} is not checked"


def hidden_base_version(response) -> int:
    match = re.search(r'name="base_version" value="(\d+)"', text_of(response))
    assert match, "no base_version on the page"
    return int(match.group(1))
