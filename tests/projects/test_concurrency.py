"""Saving from the same version twice, by two people or by one person in two tabs: the second is told, nothing is overwritten.

And a page opened again after each save can be saved again and again.
"""

import threading

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test import Client

from stage1.projects.models import Membership, NeedStep, Role, Stakeholder
from tests.evaluation.helpers import form_values
from tests.projects.factories import make_stakeholder, record_of, step_post
from tests.projects.helpers import (
    assert_shows,
    hidden_base_version,
    item_change_url,
    item_remove_url,
    step_url,
    text_of,
)

CONFLICT_TITLE = "Someone else changed this while you were editing"


def _editors(project, count: int) -> list[tuple[object, Client]]:
    """`count` more editors of the project, each signed in on their own client."""
    editors = []
    for n in range(count):
        user = get_user_model().objects.create_user(username=f"editor_{n}", first_name="Editor", last_name=str(n))
        Membership.objects.create(project=project, user=user, role=Role.EDITOR)
        client = Client()
        client.force_login(user)
        editors.append((user, client))
    return editors


def _need(project) -> NeedStep:
    return NeedStep.objects.get(project=project)


def page_values(response) -> dict[str, str]:
    """What a browser would submit from the page's form as rendered, base_version included."""
    assert response.status_code == 200
    return {name: value for name, value in form_values(text_of(response)).items() if name != "action"}


# (a) a step


@pytest.mark.django_db
def test_the_second_of_two_editors_saving_a_step_gets_the_conflict_page(owner_client, editor_client, project):
    url = step_url(project, "need")
    owner_version = hidden_base_version(owner_client.get(url))
    editor_version = hidden_base_version(editor_client.get(url))
    assert owner_version == editor_version

    first = owner_client.post(url, step_post(project, "need", problem="The owner's wording", base_version=owner_version))
    second = editor_client.post(url, step_post(project, "need", problem="The editor's wording", base_version=editor_version))

    assert first.status_code == 302
    assert second.status_code == 409
    assert_shows(second, CONFLICT_TITLE, "Oscar Owner saved a change on", "The editor's wording", "The owner's wording")
    need = _need(project)
    assert need.problem == "The owner's wording"
    assert need.version == owner_version + 1


@pytest.mark.django_db
def test_the_conflict_page_lets_the_second_editor_re_apply_their_text(owner_client, editor_client, editor, project):
    url = step_url(project, "need")
    owner_client.post(url, step_post(project, "need", problem="The owner's wording", base_version=1))
    conflict = editor_client.post(url, step_post(project, "need", problem="The editor's wording", base_version=1))

    reapply_version = hidden_base_version(conflict)
    response = editor_client.post(
        url, step_post(project, "need", problem="The editor's wording", base_version=reapply_version, action="save")
    )

    assert reapply_version == 2
    assert 'value="save"' in text_of(conflict)
    assert response.status_code == 302
    need = _need(project)
    assert need.problem == "The editor's wording"
    assert need.version == 3
    assert need.updated_by == editor


@pytest.mark.django_db
def test_the_conflict_pages_form_starts_from_the_second_editors_text(owner_client, editor_client, project):
    url = step_url(project, "need")
    owner_client.post(url, step_post(project, "need", requested_by="Owner's committee", base_version=1))

    conflict = editor_client.post(url, step_post(project, "need", requested_by="Editor's committee", base_version=1))

    assert 'name="requested_by" value="Editor&#x27;s committee"' in text_of(conflict)


# (b) an item


@pytest.mark.django_db
def test_the_second_of_two_editors_changing_an_item_gets_the_conflict_page_and_can_re_apply(owner_client, editor_client, editor, project):
    stakeholder = make_stakeholder(project, "Traffic police")
    url = item_change_url(project, "stakeholders", "stakeholder", stakeholder.pk)
    owner_version = hidden_base_version(owner_client.get(url))
    editor_version = hidden_base_version(editor_client.get(url))

    first = owner_client.post(url, {"name": "Regional traffic police", "kind": "regulator", "base_version": owner_version})
    second = editor_client.post(url, {"name": "City traffic wardens", "kind": "public_body", "base_version": editor_version})

    assert first.status_code == 302
    assert second.status_code == 409
    assert_shows(second, CONFLICT_TITLE, "City traffic wardens", "Regional traffic police")
    stakeholder.refresh_from_db()
    assert stakeholder.name == "Regional traffic police"

    reapply = editor_client.post(url, {"name": "City traffic wardens", "kind": "public_body", "base_version": hidden_base_version(second)})

    assert reapply.status_code == 302
    stakeholder.refresh_from_db()
    assert (stakeholder.name, stakeholder.kind, stakeholder.version, stakeholder.updated_by) == (
        "City traffic wardens",
        "public_body",
        3,
        editor,
    )


@pytest.mark.django_db
def test_changing_an_item_someone_else_removed_is_404_not_a_crash(owner_client, editor_client, project):
    stakeholder = make_stakeholder(project, "Traffic police")
    url = item_change_url(project, "stakeholders", "stakeholder", stakeholder.pk)
    editor_client.get(url)
    stakeholder.delete()

    response = editor_client.post(url, {"name": "Renamed", "kind": "other", "base_version": 1})

    assert response.status_code == 404
    assert not Stakeholder.objects.exists()


# (c) many saves from the same version


@pytest.mark.django_db
def test_many_saves_of_a_step_from_the_same_version_apply_exactly_one(project):
    editors = _editors(project, 10)
    url = step_url(project, "need")
    texts = [f"Wording number {n} of the problem" for n in range(len(editors))]

    responses = [
        client.post(url, step_post(project, "need", problem=text, base_version=1))
        for (_user, client), text in zip(editors, texts, strict=True)
    ]

    statuses = [response.status_code for response in responses]
    assert sorted(statuses) == [302] + [409] * 9
    need = _need(project)
    winner = statuses.index(302)
    assert need.problem == texts[winner]
    assert need.updated_by == editors[winner][0]
    assert need.version == 2
    for response, text in zip(responses, texts, strict=True):
        if response.status_code == 409:
            assert_shows(response, CONFLICT_TITLE, text, texts[winner])


@pytest.mark.django_db
def test_many_changes_of_an_item_from_the_same_version_apply_exactly_one(project):
    stakeholder = make_stakeholder(project, "Traffic police")
    editors = _editors(project, 10)
    url = item_change_url(project, "stakeholders", "stakeholder", stakeholder.pk)

    responses = [client.post(url, {"name": f"Name {n}", "kind": "other", "base_version": 1}) for n, (_user, client) in enumerate(editors)]

    statuses = [response.status_code for response in responses]
    assert sorted(statuses) == [302] + [409] * 9
    stakeholder.refresh_from_db()
    assert stakeholder.name == f"Name {statuses.index(302)}"
    assert stakeholder.version == 2
    for n, response in enumerate(responses):
        if response.status_code == 409:
            assert_shows(response, f"Name {n}")


# (d) the same person in two tabs: the same rule as for two people

TAB_CONFLICT_TITLE = "You changed this in another tab or window"


@pytest.mark.django_db
def test_the_same_user_saving_a_step_from_two_tabs_gets_the_conflict_page_and_the_first_tab_stays_saved(editor_client, editor, project):
    url = step_url(project, "plan")
    tab_a = page_values(editor_client.get(url))
    tab_b = page_values(editor_client.get(url))

    first = editor_client.post(url, {**tab_a, "funding_source": "Tab A: the city's own budget", "action": "return"})
    second = editor_client.post(url, {**tab_b, "phases": "Tab B: alpha, then beta", "action": "return"})

    assert first.status_code == 302
    assert second.status_code == 409
    assert_shows(second, TAB_CONFLICT_TITLE, "Tab B: alpha, then beta", "Tab A: the city's own budget")
    assert CONFLICT_TITLE not in text_of(second)
    record = record_of(project, "plan")
    assert (record.funding_source, record.updated_by, record.version) == (
        "Tab A: the city's own budget",
        editor,
        int(tab_a["base_version"]) + 1,
    )
    assert record.phases != "Tab B: alpha, then beta"


@pytest.mark.django_db
def test_the_same_user_changing_an_item_from_two_tabs_gets_the_conflict_page_and_the_first_tab_stays_saved(editor_client, project):
    stakeholder = make_stakeholder(project, "Traffic police")
    url = item_change_url(project, "stakeholders", "stakeholder", stakeholder.pk)
    tab_a = page_values(editor_client.get(url))
    tab_b = page_values(editor_client.get(url))

    first = editor_client.post(url, {**tab_a, "name": "Tab A: regional traffic police"})
    second = editor_client.post(url, {**tab_b, "name": "Tab B: city traffic wardens"})

    assert (first.status_code, second.status_code) == (302, 409)
    assert_shows(second, TAB_CONFLICT_TITLE, "Tab B: city traffic wardens", "Tab A: regional traffic police")
    stakeholder.refresh_from_db()
    assert (stakeholder.name, stakeholder.version) == ("Tab A: regional traffic police", int(tab_a["base_version"]) + 1)


@pytest.mark.django_db
def test_the_same_user_removing_an_item_changed_in_another_tab_is_asked_again_and_nothing_is_removed(editor_client, project):
    stakeholder = make_stakeholder(project, "Traffic police")
    change = item_change_url(project, "stakeholders", "stakeholder", stakeholder.pk)
    remove = item_remove_url(project, "stakeholders", "stakeholder", stakeholder.pk)
    tab_a = page_values(editor_client.get(change))
    tab_b = hidden_base_version(editor_client.get(remove))

    first = editor_client.post(change, {**tab_a, "name": "Tab A: regional traffic police"})
    second = editor_client.post(remove, {"base_version": tab_b})

    assert (first.status_code, second.status_code) == (302, 409)
    assert_shows(second, "This was changed after you opened the page", "Tab A: regional traffic police")
    stakeholder.refresh_from_db()
    assert stakeholder.name == "Tab A: regional traffic police"
    assert hidden_base_version(second) == stakeholder.version


@pytest.mark.django_db
def test_removing_an_item_already_removed_in_another_tab_is_404_not_a_crash(editor_client, project):
    stakeholder = make_stakeholder(project, "Traffic police")
    url = item_remove_url(project, "stakeholders", "stakeholder", stakeholder.pk)
    tab_a = hidden_base_version(editor_client.get(url))
    tab_b = hidden_base_version(editor_client.get(url))

    first = editor_client.post(url, {"base_version": tab_a})
    second = editor_client.post(url, {"base_version": tab_b})

    assert (first.status_code, second.status_code) == (302, 404)
    assert not Stakeholder.objects.filter(pk=stakeholder.pk).exists()


@pytest.mark.django_db
def test_a_page_saved_once_cannot_be_saved_again_without_being_opened_again(editor_client, project):
    url = step_url(project, "need")
    page = page_values(editor_client.get(url))

    first = editor_client.post(url, {**page, "problem": "First draft", "action": "return"})
    again = editor_client.post(url, {**page, "problem": "Second draft", "action": "return"})

    assert (first.status_code, again.status_code) == (302, 409)
    assert_shows(again, "Second draft", "First draft")
    assert _need(project).problem == "First draft"


@pytest.mark.django_db
def test_ones_own_stale_page_does_not_overwrite_someone_elses_later_save(owner_client, editor_client, project):
    url = step_url(project, "need")
    owner_client.post(url, step_post(project, "need", problem="Owner, first", base_version=1))
    editor_client.post(url, step_post(project, "need", problem="Editor, after reading it", base_version=2))

    response = owner_client.post(url, step_post(project, "need", problem="Owner, from the old page", base_version=1))

    assert response.status_code == 409
    assert _need(project).problem == "Editor, after reading it"


# (e) one page saved again and again, opened again after each save


@pytest.mark.django_db
def test_three_successive_saves_of_a_step_page_all_apply(editor_client, project):
    url = step_url(project, "need")
    changes = [("problem", "Permits take three weeks"), ("affected", "Residents and carers"), ("requested_by", "The city board")]
    start = _need(project).version

    for name, text in changes:
        response = editor_client.post(url, {**page_values(editor_client.get(url)), name: text, "action": "return"})
        assert response.status_code == 302, name

    need = _need(project)
    assert [getattr(need, name) for name, _text in changes] == [text for _name, text in changes]
    assert need.version == start + len(changes)


@pytest.mark.django_db
def test_three_successive_changes_of_an_item_page_all_apply(editor_client, project):
    stakeholder = make_stakeholder(project, "Traffic police")
    url = item_change_url(project, "stakeholders", "stakeholder", stakeholder.pk)
    changes = [("name", "Regional traffic police"), ("organisation", "Regional police"), ("role", "Enforces the zones")]
    start = stakeholder.version

    for name, text in changes:
        response = editor_client.post(url, {**page_values(editor_client.get(url)), name: text})
        assert response.status_code == 302, name

    stakeholder.refresh_from_db()
    assert [getattr(stakeholder, name) for name, _text in changes] == [text for _name, text in changes]
    assert stakeholder.version == start + len(changes)


@pytest.mark.django_db
def test_an_item_changed_twice_then_removed_each_from_a_page_opened_after_the_last_save_all_apply(editor_client, project):
    stakeholder = make_stakeholder(project, "Traffic police")
    change = item_change_url(project, "stakeholders", "stakeholder", stakeholder.pk)
    remove = item_remove_url(project, "stakeholders", "stakeholder", stakeholder.pk)
    names = ["Regional traffic police", "City traffic wardens"]

    statuses = [editor_client.post(change, {**page_values(editor_client.get(change)), "name": name}).status_code for name in names]
    statuses.append(editor_client.post(remove, {"base_version": hidden_base_version(editor_client.get(remove))}).status_code)

    assert statuses == [302] * (len(names) + 1)
    assert not Stakeholder.objects.filter(pk=stakeholder.pk).exists()
    saved = list(Stakeholder.history.filter(id=stakeholder.pk).order_by("history_date").values_list("history_type", "name"))
    assert saved[1:] == [("~", name) for name in names] + [("-", names[-1])]


# (e) truly simultaneous saves


# Serialized rollback, like every transactional test here: a flush without it
# runs post_migrate again, which recreates content types and permissions under
# new primary keys, and a later test with serialized rollback then fails to
# restore the migrated database (duplicate content type).
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.parametrize("what", ["step", "item"])
def test_simultaneous_saves_on_postgresql_apply_exactly_one(project, what):
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: SQLite serialises all writers, so nothing runs at the same time")
    stakeholder = make_stakeholder(project, "Traffic police")
    editors = _editors(project, 8)
    if what == "step":
        url = step_url(project, "need")
        payloads = [step_post(project, "need", problem=f"Simultaneous wording {n}", base_version=1) for n in range(len(editors))]
    else:
        url = item_change_url(project, "stakeholders", "stakeholder", stakeholder.pk)
        payloads = [{"name": f"Simultaneous name {n}", "kind": "other", "base_version": 1} for n in range(len(editors))]
    start = threading.Barrier(len(editors))
    responses: list = [None] * len(editors)

    def save(n: int) -> None:
        try:
            start.wait(timeout=30)
            responses[n] = editors[n][1].post(url, payloads[n])
        except BaseException as error:  # reported by the assertions below
            responses[n] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=save, args=(n,)) for n in range(len(editors))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)

    assert not any(thread.is_alive() for thread in threads)
    statuses = [getattr(response, "status_code", response) for response in responses]
    assert sorted(statuses, key=str) == [302] + [409] * (len(editors) - 1)
    winner = statuses.index(302)
    if what == "step":
        need = _need(project)
        assert (need.problem, need.version) == (f"Simultaneous wording {winner}", 2)
    else:
        stakeholder.refresh_from_db()
        assert (stakeholder.name, stakeholder.version) == (f"Simultaneous name {winner}", 2)
    for n, response in enumerate(responses):
        if n != winner:
            assert_shows(response, payloads[n].get("problem") or payloads[n]["name"])
