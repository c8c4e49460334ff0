"""Pages built from cached derived values show every save at once, and what a save does not change stays live.

Item tables, summary cards, progress and findings are kept per project
revision, language and code (stage1/projects/derived.py). Each test reads a
page first, so the cache holds it, then changes something and reads again.
"""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext, override_settings
from django.urls import reverse
from django.utils import translation

from stage1.methodology.models import Stage
from stage1.methodology.services import methodology_publish
from stage1.projects.derived import project_key
from stage1.projects.models import Membership, Role, Stakeholder
from stage1.projects.services import project_create
from tests.projects.factories import fill_lists, item_values, posted, step_post
from tests.projects.helpers import check_answers_url, item_change_url, step_url, task_list_url, text_of

pytestmark = pytest.mark.django_db

# More items than a list changed in its rows may hold: every list reads as a table.
LONG = 25
NO_EVIDENCE = "No evidence of the need is recorded."


@pytest.fixture
def long_project(owner, editor, viewer, methodology, methodology_owner):
    methodology_publish(stage=Stage.objects.get(number=1), user=methodology_owner)
    project = project_create(user=owner, title="Apply for a parking permit", organisation="City of Example")
    Membership.objects.create(project=project, user=editor, role=Role.EDITOR)
    Membership.objects.create(project=project, user=viewer, role=Role.VIEWER)
    fill_lists(project, LONG)
    return project


def checklist_url(project) -> str:
    return reverse("evaluation:checklist", kwargs={"slug": project.slug})


def test_a_changed_item_shows_at_once_in_every_table_and_summary(long_project, owner_client, editor_client, viewer_client):
    stakeholder = Stakeholder.objects.filter(project=long_project).order_by("position")[2]
    old_name = stakeholder.name
    pages = [
        (client, url)
        for client in (owner_client, viewer_client)
        for url in (step_url(long_project, "stakeholders"), check_answers_url(long_project))
    ]
    for client, url in pages:
        assert old_name in text_of(client.get(url))

    changed = {**item_values(long_project, "stakeholder"), "base_version": stakeholder.version}
    response = editor_client.post(item_change_url(long_project, "stakeholders", "stakeholder", stakeholder.pk), posted(changed))
    assert response.status_code == 302

    for client, url in pages:
        page = text_of(client.get(url))
        assert changed["name"] in page, url
        assert f">{old_name}<" not in page, url


def test_saved_answers_clear_a_finding_on_the_checklist_and_the_task_list(long_project, owner_client, viewer_client):
    for client in (owner_client, viewer_client):
        assert NO_EVIDENCE in text_of(client.get(checklist_url(long_project)))
        assert "need" in text_of(client.get(task_list_url(long_project)))
    before = text_of(viewer_client.get(task_list_url(long_project)))

    assert owner_client.post(step_url(long_project, "need"), step_post(long_project, "need")).status_code == 302

    for client in (owner_client, viewer_client):
        assert NO_EVIDENCE not in text_of(client.get(checklist_url(long_project)))
    after = text_of(viewer_client.get(task_list_url(long_project)))
    need_link = f'href="{step_url(long_project, "need")}"'
    assert before.count(need_link) > after.count(need_link), "the need step's blocker should leave the task list"


def test_a_new_role_shows_at_once_although_the_project_did_not_change(long_project, viewer, viewer_client):
    url = step_url(long_project, "stakeholders")
    assert 'name="action" value="change:stakeholder:' not in text_of(viewer_client.get(url))

    Membership.objects.filter(project=long_project, user=viewer).update(role=Role.EDITOR)

    assert 'name="action" value="change:stakeholder:' in text_of(viewer_client.get(url))


def test_a_new_comment_shows_at_once_although_the_project_did_not_change(long_project, owner, owner_client):
    from stage1.review.comments import comment_add

    url = step_url(long_project, "stakeholders")
    assert "Comments (1 open)" not in text_of(owner_client.get(url))

    comment_add(project=long_project, user=owner, target="step", target_slug="stakeholders", body="Who signs for the police?")

    assert "Comments (1 open)" in text_of(owner_client.get(url))


def test_each_language_has_its_own_cached_values(long_project):
    with translation.override("en"):
        english = project_key(long_project)
    with translation.override("fr"):
        french = project_key(long_project)

    assert english != french


@override_settings(LANGUAGES=[("en", "English"), ("fr", "Français")])
def test_a_page_in_another_language_builds_its_own_tables(long_project, viewer_client):
    url = step_url(long_project, "stakeholders")
    viewer_client.get(url, HTTP_ACCEPT_LANGUAGE="en")

    def queries(language):
        with CaptureQueriesContext(connection) as captured:
            assert viewer_client.get(url, HTTP_ACCEPT_LANGUAGE=language).status_code == 200
        return [q["sql"] for q in captured.captured_queries if 'FROM "projects_stakeholder" ' in q["sql"]]

    assert queries("en") == []
    assert queries("fr"), "the French page read the English table from the cache"


def test_a_form_nobody_typed_into_shows_the_answers_saved_since(long_project, owner_client, editor_client):
    url = step_url(long_project, "need")
    text_of(owner_client.get(url))
    evidence = "Complaints counted by the call centre, 2024"

    assert editor_client.post(url, step_post(long_project, "need", evidence=evidence)).status_code == 302

    assert evidence in text_of(owner_client.get(url))


def test_a_form_sent_back_with_errors_shows_what_was_typed_not_the_cached_form(long_project, owner_client):
    url = step_url(long_project, "user-paths")
    text_of(owner_client.get(url))
    typed = {
        **step_post(long_project, "user-paths", action="save"),
        "new-user-group-TOTAL_FORMS": "1",
        "new-user-group-INITIAL_FORMS": "0",
        "new-user-group-0-name": "",
        "new-user-group-0-size": "not a number",
    }

    page = text_of(owner_client.post(url, typed))

    assert "not a number" in page


def test_the_versions_rules_are_read_in_the_language_of_each_page(long_project, viewer_client):
    url = checklist_url(long_project)

    english = text_of(viewer_client.get(url, HTTP_ACCEPT_LANGUAGE="en"))
    portuguese = text_of(viewer_client.get(url, HTTP_ACCEPT_LANGUAGE="pt"))

    assert "The need is clear" in english
    assert "A necessidade é clara" in portuguese
    assert "The need is clear" not in portuguese


@pytest.mark.parametrize("size", [2, LONG])
def test_each_step_page_shows_its_own_fields_after_another_steps_page_was_cached(owner, owner_client, methodology, size):
    """Every step's form parts are kept apart: a step page read after all the others still shows its own fields."""
    from stage1.projects.steps import STEPS

    project = project_create(user=owner, title="Apply for a parking permit", organisation="City of Example")
    fill_lists(project, size)
    for step in STEPS:
        owner_client.get(step_url(project, step.slug))
    for step in STEPS:
        page = owner_client.get(step_url(project, step.slug)).content.decode()
        own = set(step.fields)
        others = {name for other in STEPS if other is not step for name in other.fields} - own
        shown = set(re.findall(r'<(?:input|textarea|select)[^>]*name="([a-z_]+)"', page))
        assert own & shown, f"{step.slug} shows none of its fields"
        assert not (others & shown), f"{step.slug} shows fields of another step: {sorted(others & shown)}"


def _without_per_request_values(html: str) -> str:
    """The page without what changes on every request (the CSRF token, the script nonce) and its blank lines."""
    html = re.sub(r"\n\s*\n", "\n", re.sub(r' nonce="[^"]+"', "", html))
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', 'name="csrfmiddlewaretoken"', html)


@pytest.mark.parametrize("step_slug", ["need", "stakeholders", "user-paths"])
def test_a_step_form_read_from_the_cache_is_the_form_built_for_the_first_reader(long_project, owner_client, editor_client, step_slug):
    url = step_url(long_project, step_slug)
    built = _without_per_request_values(owner_client.get(url).content.decode())
    # The whole page, read again by the same person, is the page as first built (the guidance open for a writer too).
    assert _without_per_request_values(owner_client.get(url).content.decode()) == built

    with CaptureQueriesContext(connection) as captured:
        again = _without_per_request_values(editor_client.get(url).content.decode())

    # The editor's page differs from the owner's only outside the form (the header's name); the form is the same.
    form = re.compile(r'<form method="post" novalidate>.*?</form>', re.S)
    assert form.findall(again) == form.findall(built)
    assert form.findall(again), "the page has no step form"
    # Nothing loaded the items that rows changed in place would have needed: the form was not built again.
    assert not [q for q in captured.captured_queries if 'FROM "projects_stakeholder"' in q["sql"]]


def test_a_step_form_coming_back_from_check_your_answers_keeps_its_own_buttons(long_project, owner_client):
    url = step_url(long_project, "need")
    owner_client.get(url)

    from_check = text_of(owner_client.get(url + "?from=check"))

    assert "Save and return to check your answers" in from_check
    assert "Save and continue" not in from_check


def test_the_task_list_shows_a_step_completed_at_once(owner, owner_client, methodology, methodology_owner):
    methodology_publish(stage=Stage.objects.get(number=1), user=methodology_owner)
    project = project_create(user=owner, title="Apply for a parking permit", organisation="City of Example")
    url = task_list_url(project)
    before = text_of(owner_client.get(url))
    assert "Not started" in before

    fill_lists(project, 2)
    assert owner_client.post(step_url(project, "need"), step_post(project, "need")).status_code == 302

    after = owner_client.get(url).content.decode()
    status = re.search(r'id="step-need-status">(.*?)</div>', after, re.S).group(1)
    assert "Completed" in status, status


def test_the_task_list_read_again_is_the_page_first_built_and_each_role_sees_its_own_links(long_project, owner_client, viewer_client):
    url = task_list_url(long_project)
    viewer_first = _without_per_request_values(viewer_client.get(url).content.decode())
    owner_first = _without_per_request_values(owner_client.get(url).content.decode())

    assert _without_per_request_values(viewer_client.get(url).content.decode()) == viewer_first
    assert _without_per_request_values(owner_client.get(url).content.decode()) == owner_first
    assert "Delete this project" in owner_first and "Delete this project" not in viewer_first
    assert "Import stakeholders from a CSV file" in owner_first and "Import stakeholders from a CSV file" not in viewer_first


def test_an_archived_project_task_list_offers_no_change_at_once(long_project, owner_client):
    from stage1.members.services import project_archive

    url = task_list_url(long_project)
    assert "Archive this project" in text_of(owner_client.get(url))

    project_archive(project=long_project)

    page = text_of(owner_client.get(url))
    assert "Unarchive this project" in page
    assert "Import stakeholders from a CSV file" not in page
