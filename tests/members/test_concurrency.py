"""Role changes and removals follow the one conflict rule: a page applies only if the membership is still at the version it showed.

The same owner in two tabs is told, as two owners are; a member whose role
was changed and changed back meanwhile is a change too; a page opened again
after each change can be used again and again.
"""

import pytest

from stage1.members.views.members import MEMBER_CHANGED_SINCE
from stage1.projects.models import Membership, Role
from tests.members.conftest import membership_of, remove_url, role_url, shown_version
from tests.projects.helpers import ERROR_SUMMARY, assert_selected, assert_shows

pytestmark = pytest.mark.django_db


def test_the_same_owner_changing_a_role_from_two_tabs_gets_the_conflict_and_the_first_tab_stays_saved(owner_client, project, editor):
    url = role_url(membership_of(project, editor))
    tab_a, tab_b = shown_version(owner_client.get(url)), shown_version(owner_client.get(url))

    first = owner_client.post(url, {"role": Role.VIEWER, "base_version": tab_a})
    second = owner_client.post(url, {"role": Role.OWNER, "base_version": tab_b})

    assert (first.status_code, second.status_code) == (302, 409)
    assert_shows(second, ERROR_SUMMARY, str(MEMBER_CHANGED_SINCE), "Their role now", str(Role.VIEWER.label), "The role you chose")
    assert_shows(second, str(Role.OWNER.label))
    assert_selected(second, "role", Role.OWNER)
    assert membership_of(project, editor).role == Role.VIEWER
    # Confirming from the conflict page is a deliberate change of the membership now shown.
    assert shown_version(second) == str(membership_of(project, editor).version)
    assert owner_client.post(url, {"role": Role.OWNER, "base_version": shown_version(second)}).status_code == 302
    assert membership_of(project, editor).role == Role.OWNER


def test_the_same_owner_removing_a_member_whose_role_changed_in_another_tab_is_told_and_removes_nothing(owner_client, project, editor):
    membership = membership_of(project, editor)
    tab_a, tab_b = shown_version(owner_client.get(role_url(membership))), shown_version(owner_client.get(remove_url(membership)))

    first = owner_client.post(role_url(membership), {"role": Role.VIEWER, "base_version": tab_a})
    second = owner_client.post(remove_url(membership), {"base_version": tab_b})

    assert (first.status_code, second.status_code) == (302, 409)
    assert_shows(second, ERROR_SUMMARY, str(MEMBER_CHANGED_SINCE), "Role now", str(Role.VIEWER.label))
    assert membership_of(project, editor).role == Role.VIEWER
    # Confirming from the conflict page removes them deliberately.
    assert shown_version(second) == str(membership_of(project, editor).version)
    assert owner_client.post(remove_url(membership), {"base_version": shown_version(second)}).status_code == 302
    assert not Membership.objects.filter(pk=membership.pk).exists()


def test_removing_a_member_already_removed_in_another_tab_is_404_not_a_crash(owner_client, project, editor):
    url = remove_url(membership_of(project, editor))
    tab_a, tab_b = shown_version(owner_client.get(url)), shown_version(owner_client.get(url))

    first = owner_client.post(url, {"base_version": tab_a})
    second = owner_client.post(url, {"base_version": tab_b})

    assert (first.status_code, second.status_code) == (302, 404)
    assert not Membership.objects.filter(project=project, user=editor).exists()


# A member made owner and then editor again while the first owner's page was open
# has the role that page showed, but not its version: the page is stale.


def _made_owner_then_editor_again(client, membership) -> list[int]:
    """Another owner's two changes, each from a page they opened just before; their statuses."""
    url = role_url(membership)
    return [
        client.post(url, {"role": role, "base_version": shown_version(client.get(url))}).status_code for role in (Role.OWNER, Role.EDITOR)
    ]


def test_a_role_change_from_a_page_opened_before_the_member_was_made_owner_and_editor_again_changes_nothing(
    owner_client, second_owner_client, project, editor
):
    membership = membership_of(project, editor)
    opened = shown_version(owner_client.get(role_url(membership)))
    statuses = _made_owner_then_editor_again(second_owner_client, membership)
    before = membership_of(project, editor)

    response = owner_client.post(role_url(membership), {"role": Role.VIEWER, "base_version": opened})

    assert statuses == [302] * len(statuses)
    assert before.role == Role.EDITOR
    assert before.version == int(opened) + len(statuses)
    assert response.status_code == 409
    assert_shows(response, str(MEMBER_CHANGED_SINCE), "Their role now", str(Role.EDITOR.label), str(Role.VIEWER.label))
    assert_selected(response, "role", Role.VIEWER)
    after = membership_of(project, editor)
    assert (after.role, after.version) == (before.role, before.version)
    assert shown_version(response) == str(after.version)


def test_a_removal_from_a_page_opened_before_the_member_was_made_owner_and_editor_again_removes_nothing(
    owner_client, second_owner_client, project, editor
):
    membership = membership_of(project, editor)
    opened = shown_version(owner_client.get(remove_url(membership)))
    statuses = _made_owner_then_editor_again(second_owner_client, membership)
    before = membership_of(project, editor)

    response = owner_client.post(remove_url(membership), {"base_version": opened})

    assert statuses == [302] * len(statuses)
    assert before.role == Role.EDITOR
    assert response.status_code == 409
    assert_shows(response, str(MEMBER_CHANGED_SINCE), "Role now", str(Role.EDITOR.label))
    after = membership_of(project, editor)
    assert (after.role, after.version) == (before.role, before.version)
    assert shown_version(response) == str(after.version)


# Pages that do not say which version they showed


def _unreadable_versions(membership) -> list[str | None]:
    """No version, an empty one, a word, and the versions just before and just after the membership's own."""
    return [None, "", "editor", str(membership.version - 1), str(membership.version + 1)]


def _with_version(data: dict, version: str | None) -> dict:
    return data if version is None else {**data, "base_version": version}


def test_a_role_change_without_the_version_the_page_showed_changes_nothing(owner_client, project, editor):
    membership = membership_of(project, editor)
    statuses = [
        owner_client.post(role_url(membership), _with_version({"role": Role.VIEWER}, version)).status_code
        for version in _unreadable_versions(membership)
    ]

    assert statuses == [409] * len(statuses)
    after = membership_of(project, editor)
    assert (after.role, after.version) == (membership.role, membership.version)


def test_a_removal_without_the_version_the_page_showed_removes_nothing(owner_client, project, editor):
    membership = membership_of(project, editor)
    statuses = [
        owner_client.post(remove_url(membership), _with_version({}, version)).status_code for version in _unreadable_versions(membership)
    ]

    assert statuses == [409] * len(statuses)
    after = membership_of(project, editor)
    assert (after.role, after.version) == (membership.role, membership.version)


def test_the_conflict_page_for_a_page_without_a_version_carries_the_version_now(owner_client, project, editor):
    membership = membership_of(project, editor)

    response = owner_client.post(role_url(membership), {"role": Role.VIEWER})

    assert response.status_code == 409
    assert_selected(response, "role", Role.VIEWER)
    assert owner_client.post(role_url(membership), {"role": Role.VIEWER, "base_version": shown_version(response)}).status_code == 302
    assert membership_of(project, editor).role == Role.VIEWER


# Saving again and again, each time from a page opened after the last save


def test_three_successive_role_changes_each_from_a_page_opened_after_the_last_all_apply(owner_client, project, editor):
    url = role_url(membership_of(project, editor))
    roles = [Role.VIEWER, Role.OWNER, Role.EDITOR]
    start = membership_of(project, editor).version

    for role in roles:
        response = owner_client.post(url, {"role": role, "base_version": shown_version(owner_client.get(url))})
        assert response.status_code == 302, role
        assert membership_of(project, editor).role == role

    assert membership_of(project, editor).version == start + len(roles)


def test_a_member_whose_role_changed_twice_is_then_removed_each_from_a_page_opened_after_the_last(owner_client, project, editor):
    membership = membership_of(project, editor)
    roles = [Role.VIEWER, Role.OWNER]

    statuses = []
    for role in roles:
        page = owner_client.get(role_url(membership))
        statuses.append(owner_client.post(role_url(membership), {"role": role, "base_version": shown_version(page)}).status_code)
    page = owner_client.get(remove_url(membership))
    assert shown_version(page) == str(membership.version + len(roles))
    statuses.append(owner_client.post(remove_url(membership), {"base_version": shown_version(page)}).status_code)

    assert statuses == [302] * (len(roles) + 1)
    assert not Membership.objects.filter(pk=membership.pk).exists()
