"""Two people saving the same thing from the same version: the second is told, nothing is overwritten."""

import threading

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test import Client

from stage1.projects.models import Membership, NeedStep, Role, Stakeholder
from tests.projects.factories import make_stakeholder, step_post
from tests.projects.helpers import (
    assert_shows,
    hidden_base_version,
    item_change_url,
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


# (d) one's own saves


@pytest.mark.django_db
def test_a_users_consecutive_saves_never_conflict(editor_client, project):
    url = step_url(project, "need")

    first = editor_client.post(
        url, step_post(project, "need", problem="First draft", base_version=hidden_base_version(editor_client.get(url)))
    )
    second = editor_client.post(
        url, step_post(project, "need", problem="Second draft", base_version=hidden_base_version(editor_client.get(url)))
    )

    assert (first.status_code, second.status_code) == (302, 302)
    need = _need(project)
    assert (need.problem, need.version) == ("Second draft", 3)


@pytest.mark.django_db
def test_saving_twice_from_the_same_page_replaces_ones_own_save(editor_client, project):
    url = step_url(project, "need")
    base = hidden_base_version(editor_client.get(url))

    first = editor_client.post(url, step_post(project, "need", problem="First draft", base_version=base, action="return"))
    second = editor_client.post(url, step_post(project, "need", problem="Second draft", base_version=base))

    assert (first.status_code, second.status_code) == (302, 302)
    need = _need(project)
    assert (need.problem, need.version) == ("Second draft", base + 2)


@pytest.mark.django_db
def test_saving_an_item_twice_from_the_same_page_replaces_ones_own_save(editor_client, project):
    stakeholder = make_stakeholder(project, "Traffic police")
    url = item_change_url(project, "stakeholders", "stakeholder", stakeholder.pk)

    first = editor_client.post(url, {"name": "First name", "kind": "other", "base_version": 1})
    second = editor_client.post(url, {"name": "Second name", "kind": "other", "base_version": 1})

    assert (first.status_code, second.status_code) == (302, 302)
    stakeholder.refresh_from_db()
    assert stakeholder.name == "Second name"


@pytest.mark.django_db
def test_ones_own_stale_page_does_not_overwrite_someone_elses_later_save(owner_client, editor_client, project):
    url = step_url(project, "need")
    owner_client.post(url, step_post(project, "need", problem="Owner, first", base_version=1))
    editor_client.post(url, step_post(project, "need", problem="Editor, after reading it", base_version=2))

    response = owner_client.post(url, step_post(project, "need", problem="Owner, from the old page", base_version=1))

    assert response.status_code == 409
    assert _need(project).problem == "Editor, after reading it"


@pytest.mark.django_db
def test_a_third_save_from_the_same_page_does_not_conflict_with_ones_own_saves(editor_client, project):
    url = step_url(project, "need")

    statuses = [editor_client.post(url, step_post(project, "need", problem=f"Draft {n}", base_version=1)).status_code for n in range(3)]

    assert statuses == [302, 302, 302]


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
