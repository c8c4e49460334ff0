"""The History page and restoring a step to an earlier version."""

import re

import pytest
from django.urls import reverse

from stage1.history.views import CHANGED_SINCE_OPENED
from stage1.projects.models import NeedStep


def _save_need(client, project, problem):
    url = reverse("projects:step", kwargs={"slug": project.slug, "step_slug": "need"})
    page = client.get(url).content.decode()
    base = re.search(r'name="base_version" value="(\d+)"', page).group(1)
    return client.post(url, {"base_version": base, "problem": problem, "action": "return"})


def _history_url(project):
    return reverse("history:project", kwargs={"slug": project.slug})


def test_the_history_shows_who_changed_what_newest_first(editor_client, owner_client, project):
    _save_need(editor_client, project, "Permits take six weeks.")
    _save_need(owner_client, project, "Permits take six weeks and a visit.")

    page = owner_client.get(_history_url(project)).content.decode()

    assert page.index("Oscar Owner") < page.index("Edith Editor")
    assert "Permits take six weeks and a visit." in page
    assert "What is the problem?" in page


def test_an_item_change_is_described_with_its_before_and_after(editor_client, project):
    add = reverse("projects:item_add", kwargs={"slug": project.slug, "step_slug": "stakeholders", "kind_slug": "stakeholder"})
    editor_client.post(add, {"base_version": 0, "name": "Ministry of Mobility", "kind": "public_body"})
    stakeholder = project.stakeholders.get()
    change = reverse(
        "projects:item_change", kwargs={"slug": project.slug, "step_slug": "stakeholders", "kind_slug": "stakeholder", "pk": stakeholder.pk}
    )
    editor_client.post(change, {"base_version": stakeholder.version, "name": "Ministry of Transport", "kind": "regulator"})

    page = editor_client.get(_history_url(project)).content.decode()

    assert "Added" in page and "Changed" in page
    assert "Ministry of Mobility" in page and "Ministry of Transport" in page
    assert "Regulator" in page  # choices are shown in words, not codes


def test_a_removed_item_appears_in_the_history(editor_client, project):
    add = reverse("projects:item_add", kwargs={"slug": project.slug, "step_slug": "objective", "kind_slug": "indicator"})
    editor_client.post(add, {"base_version": 0, "indicator": "Share of online applications"})
    indicator = project.indicators.get()
    remove = reverse(
        "projects:item_remove", kwargs={"slug": project.slug, "step_slug": "objective", "kind_slug": "indicator", "pk": indicator.pk}
    )
    editor_client.post(remove, {"base_version": indicator.version})

    page = editor_client.get(_history_url(project)).content.decode()

    assert "Removed" in page
    assert "Share of online applications" in page


def test_viewers_read_the_history_but_cannot_restore(viewer_client, editor_client, project):
    _save_need(editor_client, project, "First text")
    assert viewer_client.get(_history_url(project)).status_code == 200
    version = NeedStep.history.filter(project_id=project.pk).latest("history_date")
    restore = reverse("history:restore_step", kwargs={"slug": project.slug, "step_slug": "need", "history_id": version.history_id})
    assert viewer_client.get(restore).status_code == 403
    assert viewer_client.post(restore, {"base_version": 2}).status_code == 403


def test_outsiders_get_not_found_for_the_history(outsider_client, project):
    assert outsider_client.get(_history_url(project)).status_code == 404


def test_an_editor_restores_an_earlier_version_of_a_step(editor_client, project):
    _save_need(editor_client, project, "First text")
    first = NeedStep.history.filter(project_id=project.pk).latest("history_date")
    _save_need(editor_client, project, "Second text")
    restore = reverse("history:restore_step", kwargs={"slug": project.slug, "step_slug": "need", "history_id": first.history_id})

    page = editor_client.get(restore).content.decode()
    assert "First text" in page and "Second text" in page
    current = NeedStep.objects.get(project=project)
    response = editor_client.post(restore, {"base_version": current.version})

    assert response.status_code == 302
    current.refresh_from_db()
    assert current.problem == "First text"
    # The restore is a new version; the text it replaced stays in the history.
    assert "Second text" in editor_client.get(_history_url(project)).content.decode()


def test_restoring_from_a_stale_page_is_a_conflict_and_changes_nothing(editor_client, owner_client, project):
    _save_need(editor_client, project, "First text")
    first = NeedStep.history.filter(project_id=project.pk).latest("history_date")
    stale_version = NeedStep.objects.get(project=project).version
    _save_need(owner_client, project, "Owner's newer text")
    restore = reverse("history:restore_step", kwargs={"slug": project.slug, "step_slug": "need", "history_id": first.history_id})

    response = editor_client.post(restore, {"base_version": stale_version})

    assert response.status_code == 409
    assert NeedStep.objects.get(project=project).problem == "Owner's newer text"


def test_a_version_of_another_project_cannot_be_restored(editor_client, project, owner):
    from stage1.projects.services import project_create

    other = project_create(user=owner, title="Other", organisation="Elsewhere")
    foreign = NeedStep.history.filter(project_id=other.pk).earliest("history_date")
    restore = reverse("history:restore_step", kwargs={"slug": project.slug, "step_slug": "need", "history_id": foreign.history_id})
    assert editor_client.get(restore).status_code == 404


@pytest.mark.parametrize("count", [3, 30])
def test_the_history_page_query_count_does_not_grow_with_the_changes(count, editor, editor_client, project, django_assert_max_num_queries):
    from stage1.projects.models import Stakeholder

    for n in range(count):
        Stakeholder.objects.create(project=project, name=f"Body {n}", position=n, updated_by=editor)
    with django_assert_max_num_queries(40):
        assert editor_client.get(_history_url(project)).status_code == 200


def _restore_url(project, version) -> str:
    return reverse("history:restore_step", kwargs={"slug": project.slug, "step_slug": "need", "history_id": version.history_id})


def _base_version(response) -> int:
    match = re.search(r'name="base_version" value="(\d+)"', response.content.decode())
    assert match, "no base_version on the page"
    return int(match.group(1))


def _versions_saved(client, project, texts) -> list:
    """Save each text in turn on the need step; the history row of each save."""
    saved = []
    for text in texts:
        _save_need(client, project, text)
        saved.append(NeedStep.history.filter(project_id=project.pk).latest("history_date"))
    return saved


def test_the_same_user_restoring_from_two_tabs_gets_the_conflict_and_the_first_restore_stays(editor_client, project):
    first, second, _latest = _versions_saved(editor_client, project, ["Tab A wants this back", "Tab B wants this back", "Latest text"])
    tab_a = _base_version(editor_client.get(_restore_url(project, first)))
    tab_b = _base_version(editor_client.get(_restore_url(project, second)))

    restored = editor_client.post(_restore_url(project, first), {"base_version": tab_a})
    stale = editor_client.post(_restore_url(project, second), {"base_version": tab_b})

    assert (restored.status_code, stale.status_code) == (302, 409)
    page = stale.content.decode()
    assert str(CHANGED_SINCE_OPENED) in page
    assert "Tab B wants this back" in page and "Tab A wants this back" in page
    need = NeedStep.objects.get(project=project)
    assert (need.problem, need.version) == ("Tab A wants this back", tab_a + 1)
    assert _base_version(stale) == need.version


def test_three_successive_restores_each_from_a_page_opened_after_the_last_all_apply(editor_client, project):
    texts = ["First text", "Second text", "Third text"]
    saved = _versions_saved(editor_client, project, [*texts, "Latest text"])[: len(texts)]
    start = NeedStep.objects.get(project=project).version

    for version, text in zip(saved, texts, strict=True):
        url = _restore_url(project, version)
        response = editor_client.post(url, {"base_version": _base_version(editor_client.get(url))})
        assert response.status_code == 302, text
        assert NeedStep.objects.get(project=project).problem == text

    assert NeedStep.objects.get(project=project).version == start + len(texts)


@pytest.mark.parametrize("base_version", ["²", "٣", "-1", "1e3", "9" * 40, ""])
def test_a_restore_with_a_version_that_is_not_ascii_digits_restores_nothing(editor_client, project, base_version):
    [first, _latest] = _versions_saved(editor_client, project, ["First text", "Latest text"])

    response = editor_client.post(_restore_url(project, first), {"base_version": base_version})

    assert response.status_code == 409
    need = NeedStep.objects.get(project=project)
    assert need.problem == "Latest text"
    assert _base_version(response) == need.version


def test_a_page_of_saves_read_again_comes_from_the_cache_and_a_new_save_shows_at_once(editor_client, viewer_client, project):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    _save_need(editor_client, project, "Permits take six weeks.")
    first = viewer_client.get(_history_url(project)).content.decode()
    with CaptureQueriesContext(connection) as captured:
        again = viewer_client.get(_history_url(project)).content.decode()
    assert not [q for q in captured.captured_queries if "historical" in q["sql"].lower()]
    assert "Permits take six weeks." in again
    # Those who may restore see the links, those who may not do not, whichever read first.
    assert "Restore the step to this version" not in first
    assert "Restore the step to this version" in editor_client.get(_history_url(project)).content.decode()

    _save_need(editor_client, project, "Permits take six weeks and a visit.")

    assert "Permits take six weeks and a visit." in viewer_client.get(_history_url(project)).content.decode()
