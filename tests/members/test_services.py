"""The membership rules, enforced by the services whatever page calls them."""

import threading

import pytest
from django.contrib.auth import get_user_model
from django.db import connection

from stage1.core.versioning import Conflict
from stage1.members.forms import InvitationSignUpForm
from stage1.members.services import (
    ALREADY_MEMBER,
    INVITATION_USED,
    LAST_OWNER,
    NO_LONGER_MEMBER,
    Refused,
    invitation_accept,
    invitation_accept_with_new_account,
    member_add,
    membership_change_role,
    membership_remove,
)
from stage1.projects.models import Membership, Role
from stage1.projects.services import project_create
from tests.members.conftest import membership_of, sign_up_post

User = get_user_model()


def _never_called(token):
    raise AssertionError("no invitation link should be needed")


def _owners(project) -> int:
    return Membership.objects.filter(project=project, role=Role.OWNER).count()


def _role_and_version(membership) -> tuple[str, int]:
    """The membership's role and version as saved now."""
    return tuple(Membership.objects.filter(pk=membership.pk).values_list("role", "version").get())


@pytest.mark.django_db
def test_adding_an_existing_member_again_is_refused(project, owner, editor):
    with pytest.raises(Refused) as refused:
        member_add(project=project, email=editor.email, role=Role.OWNER, invited_by=owner, link_for=_never_called)

    assert refused.value.message == ALREADY_MEMBER
    assert membership_of(project, editor).role == Role.EDITOR


@pytest.mark.django_db
def test_the_last_owner_cannot_be_demoted(project, owner):
    membership = membership_of(project, owner)

    with pytest.raises(Refused) as refused:
        membership_change_role(membership=membership, role=Role.VIEWER, base_version=membership.version)

    assert refused.value.message == LAST_OWNER
    # The refusal rolls the claim back: the owner's page can still be used.
    assert _role_and_version(membership) == (Role.OWNER, membership.version)


@pytest.mark.django_db
def test_the_last_owner_cannot_be_removed(project, owner):
    membership = membership_of(project, owner)

    with pytest.raises(Refused):
        membership_remove(membership=membership, base_version=membership.version)

    assert _owners(project) == 1
    assert _role_and_version(membership) == (Role.OWNER, membership.version)


@pytest.mark.django_db
def test_two_owners_removing_each_other_from_stale_pages_leave_one_owner(project, owner, second_owner):
    # Both pages were opened while there were two owners; the service re-reads the owners before each change.
    mine, theirs = membership_of(project, owner), membership_of(project, second_owner)

    membership_remove(membership=theirs, base_version=theirs.version)
    with pytest.raises(Refused):
        membership_remove(membership=mine, base_version=mine.version)

    assert list(Membership.objects.filter(project=project, role=Role.OWNER).values_list("user", flat=True)) == [owner.pk]


@pytest.mark.django_db
def test_two_owners_demoting_each_other_from_stale_pages_leave_one_owner(project, owner, second_owner):
    mine, theirs = membership_of(project, owner), membership_of(project, second_owner)

    membership_change_role(membership=mine, role=Role.EDITOR, base_version=mine.version)
    with pytest.raises(Refused):
        membership_change_role(membership=theirs, role=Role.EDITOR, base_version=theirs.version)

    assert _owners(project) == 1


@pytest.mark.django_db
def test_a_role_change_takes_the_membership_to_the_next_version(project, editor):
    membership = membership_of(project, editor)

    changed = membership_change_role(membership=membership, role=Role.VIEWER, base_version=membership.version)

    assert (changed.role, changed.version) == (Role.VIEWER, membership.version + 1)
    assert _role_and_version(membership) == (changed.role, changed.version)


@pytest.mark.django_db
def test_a_role_change_from_a_stale_version_raises_conflict_and_changes_nothing(project, editor):
    membership = membership_of(project, editor)
    membership_change_role(membership=membership, role=Role.VIEWER, base_version=membership.version)
    now = _role_and_version(membership)

    with pytest.raises(Conflict) as raised:
        membership_change_role(membership=membership, role=Role.OWNER, base_version=membership.version)

    assert (raised.value.current.role, raised.value.current.version) == now
    assert _role_and_version(membership) == now


@pytest.mark.django_db
def test_a_role_change_from_a_member_made_owner_and_editor_again_meanwhile_raises_conflict_and_changes_nothing(project, editor):
    membership = membership_of(project, editor)
    for role in (Role.OWNER, Role.EDITOR):
        membership_change_role(membership=membership, role=role, base_version=membership_of(project, editor).version)
    now = _role_and_version(membership)
    assert now[0] == membership.role

    with pytest.raises(Conflict) as raised:
        membership_change_role(membership=membership, role=Role.VIEWER, base_version=membership.version)

    assert (raised.value.current.role, raised.value.current.version) == now
    assert _role_and_version(membership) == now


@pytest.mark.django_db
def test_a_role_change_from_the_version_now_applies(project, editor):
    membership = membership_of(project, editor)
    membership_change_role(membership=membership, role=Role.VIEWER, base_version=membership.version)

    membership_change_role(membership=membership, role=Role.OWNER, base_version=membership_of(project, editor).version)

    assert membership_of(project, editor).role == Role.OWNER


@pytest.mark.django_db
def test_removing_a_member_changed_since_the_page_raises_conflict_and_removes_nothing(project, editor):
    membership = membership_of(project, editor)
    membership_change_role(membership=membership, role=Role.VIEWER, base_version=membership.version)

    with pytest.raises(Conflict) as raised:
        membership_remove(membership=membership, base_version=membership.version)

    assert raised.value.current.role == Role.VIEWER
    assert Membership.objects.filter(pk=membership.pk).exists()


@pytest.mark.django_db
def test_changing_a_member_removed_meanwhile_is_refused(project, editor):
    membership = membership_of(project, editor)
    membership_remove(membership=membership, base_version=membership.version)

    with pytest.raises(Refused) as refused:
        membership_change_role(membership=membership, role=Role.VIEWER, base_version=membership.version)

    assert refused.value.message == NO_LONGER_MEMBER
    assert not Membership.objects.filter(pk=membership.pk).exists()


@pytest.mark.django_db
def test_an_invitation_can_be_used_only_once(project, invited, outsider, viewer):
    invitation_accept(invitation=invited.invitation, user=outsider)

    with pytest.raises(Refused) as refused:
        invitation_accept(invitation=invited.invitation, user=viewer)

    assert refused.value.message == INVITATION_USED
    assert membership_of(project, viewer).role == Role.VIEWER


@pytest.mark.django_db
def test_no_account_is_created_from_an_invitation_used_in_the_meantime(project, invited, outsider):
    form = InvitationSignUpForm(sign_up_post(), email=invited.invitation.email)
    assert form.is_valid(), form.errors
    invitation_accept(invitation=invited.invitation, user=outsider)

    with pytest.raises(Refused):
        invitation_accept_with_new_account(invitation=invited.invitation, form=form)

    assert not User.objects.filter(username="nadia_new").exists()


# Truly at the same moment: only PostgreSQL runs two writers at once.


def _at_once(*calls) -> list:
    """Run the calls in threads released together; each result is the return value or the exception."""
    start = threading.Barrier(len(calls))
    results: list = [None] * len(calls)

    def run(n: int) -> None:
        try:
            start.wait(timeout=30)
            results[n] = calls[n]()
        except BaseException as error:  # reported by the caller's assertions
            results[n] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(n,)) for n in range(len(calls))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not any(thread.is_alive() for thread in threads)
    return results


# Serialized rollback: the flush after this test then leaves the database as
# the browser tests, which restore the same serialized contents, expect it.
@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL: SQLite serialises all writers")
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.parametrize("change", ["remove", "demote"])
def test_two_owners_removing_each_other_at_the_same_moment_leave_exactly_one_owner(change):
    for round_ in range(5):
        first = User.objects.create_user(username=f"first_{round_}")
        second = User.objects.create_user(username=f"second_{round_}")
        project = project_create(user=first, title=f"Race {round_}", organisation="Test")
        Membership.objects.create(project=project, user=second, role=Role.OWNER)
        a, b = membership_of(project, first), membership_of(project, second)
        if change == "remove":
            results = _at_once(
                lambda a=a: membership_remove(membership=a, base_version=a.version),
                lambda b=b: membership_remove(membership=b, base_version=b.version),
            )
        else:
            results = _at_once(
                lambda a=a: membership_change_role(membership=a, role=Role.VIEWER, base_version=a.version),
                lambda b=b: membership_change_role(membership=b, role=Role.VIEWER, base_version=b.version),
            )

        refusals = [result for result in results if isinstance(result, Refused)]
        assert len(refusals) == 1, results
        assert not [result for result in results if isinstance(result, Exception) and not isinstance(result, Refused)]
        assert _owners(project) == 1
