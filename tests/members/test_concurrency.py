"""Role changes and removals follow the one conflict rule: a page applies only if the member still has the role it showed.

The same owner in two tabs is told, as two owners are; a page opened again
after each change can be used again and again.
"""

import pytest

from stage1.members.views.members import MEMBER_CHANGED_SINCE
from stage1.projects.models import Membership, Role
from tests.members.conftest import membership_of, remove_url, role_url, shown_role
from tests.projects.helpers import ERROR_SUMMARY, assert_selected, assert_shows

pytestmark = pytest.mark.django_db


def test_the_same_owner_changing_a_role_from_two_tabs_gets_the_conflict_and_the_first_tab_stays_saved(owner_client, project, editor):
    url = role_url(membership_of(project, editor))
    tab_a, tab_b = shown_role(owner_client.get(url)), shown_role(owner_client.get(url))

    first = owner_client.post(url, {"role": Role.VIEWER, "base_role": tab_a})
    second = owner_client.post(url, {"role": Role.OWNER, "base_role": tab_b})

    assert (first.status_code, second.status_code) == (302, 409)
    assert_shows(second, ERROR_SUMMARY, str(MEMBER_CHANGED_SINCE), "Their role now", str(Role.VIEWER.label), str(Role.OWNER.label))
    assert_selected(second, "role", Role.OWNER)
    assert membership_of(project, editor).role == Role.VIEWER
    # Confirming from the conflict page is a deliberate change of the role now shown.
    assert shown_role(second) == Role.VIEWER
    assert owner_client.post(url, {"role": Role.OWNER, "base_role": shown_role(second)}).status_code == 302
    assert membership_of(project, editor).role == Role.OWNER


def test_the_same_owner_removing_a_member_whose_role_changed_in_another_tab_is_told_and_removes_nothing(owner_client, project, editor):
    membership = membership_of(project, editor)
    tab_a, tab_b = shown_role(owner_client.get(role_url(membership))), shown_role(owner_client.get(remove_url(membership)))

    first = owner_client.post(role_url(membership), {"role": Role.VIEWER, "base_role": tab_a})
    second = owner_client.post(remove_url(membership), {"base_role": tab_b})

    assert (first.status_code, second.status_code) == (302, 409)
    assert_shows(
        second, ERROR_SUMMARY, str(MEMBER_CHANGED_SINCE), "Role when you opened the page", str(Role.EDITOR.label), str(Role.VIEWER.label)
    )
    assert membership_of(project, editor).role == Role.VIEWER
    assert shown_role(second) == Role.VIEWER


def test_removing_a_member_already_removed_in_another_tab_is_404_not_a_crash(owner_client, project, editor):
    url = remove_url(membership_of(project, editor))
    tab_a, tab_b = shown_role(owner_client.get(url)), shown_role(owner_client.get(url))

    first = owner_client.post(url, {"base_role": tab_a})
    second = owner_client.post(url, {"base_role": tab_b})

    assert (first.status_code, second.status_code) == (302, 404)
    assert not Membership.objects.filter(project=project, user=editor).exists()


@pytest.mark.parametrize("base_role", [None, "", "superuser", "OWNER"])
def test_a_role_change_without_the_role_the_page_showed_changes_nothing(owner_client, project, editor, base_role):
    data = {"role": Role.VIEWER} if base_role is None else {"role": Role.VIEWER, "base_role": base_role}

    response = owner_client.post(role_url(membership_of(project, editor)), data)

    assert response.status_code == 409
    assert_shows(response, str(MEMBER_CHANGED_SINCE))
    assert membership_of(project, editor).role == Role.EDITOR


@pytest.mark.parametrize("base_role", [None, "", "viewer"])
def test_a_removal_without_the_role_the_page_showed_removes_nothing(owner_client, project, editor, base_role):
    data = {} if base_role is None else {"base_role": base_role}

    response = owner_client.post(remove_url(membership_of(project, editor)), data)

    assert response.status_code == 409
    assert Membership.objects.filter(project=project, user=editor).exists()


def test_three_successive_role_changes_each_from_a_page_opened_after_the_last_all_apply(owner_client, project, editor):
    url = role_url(membership_of(project, editor))
    roles = [Role.VIEWER, Role.OWNER, Role.EDITOR]

    for role in roles:
        response = owner_client.post(url, {"role": role, "base_role": shown_role(owner_client.get(url))})
        assert response.status_code == 302, role
        assert membership_of(project, editor).role == role


def test_a_member_whose_role_changed_twice_is_then_removed_each_from_a_page_opened_after_the_last(owner_client, project, editor):
    membership = membership_of(project, editor)
    roles = [Role.VIEWER, Role.OWNER]

    statuses = []
    for role in roles:
        page = owner_client.get(role_url(membership))
        statuses.append(owner_client.post(role_url(membership), {"role": role, "base_role": shown_role(page)}).status_code)
    page = owner_client.get(remove_url(membership))
    assert shown_role(page) == roles[-1]
    statuses.append(owner_client.post(remove_url(membership), {"base_role": shown_role(page)}).status_code)

    assert statuses == [302] * (len(roles) + 1)
    assert not Membership.objects.filter(pk=membership.pk).exists()
