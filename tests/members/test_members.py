"""The members page, and what owners do there: add or invite people, change roles, remove people, cancel invitations."""

import smtplib
from unittest import mock

import pytest
from django.contrib.auth import get_user_model
from django.core import mail

from stage1.members.forms import CHOOSE_A_ROLE, ENTER_A_VALID_EMAIL
from stage1.members.models import Invitation
from stage1.members.services import ALREADY_MEMBER, LAST_OWNER, SEVERAL_ACCOUNTS, invitation_create
from stage1.members.views.members import EMAIL_NOT_SENT
from stage1.projects.access import OWNERS_ONLY
from stage1.projects.models import Membership, Role
from stage1.projects.services import project_create
from tests.members.conftest import (
    add_url,
    cancel_url,
    invitation_url,
    link_in_last_email,
    members_url,
    membership_of,
    remove_url,
    role_url,
)
from tests.projects.helpers import ERROR_SUMMARY, assert_selected, assert_shows, login_url_for, text_of

pytestmark = pytest.mark.django_db

NOT_OWNERS = ["editor_client", "viewer_client"]


def security_events(caplog) -> list[str]:
    return [record.getMessage() for record in caplog.records if record.name == "stage1.security"]


# The members page


@pytest.mark.parametrize("persona", ["owner_client", "editor_client", "viewer_client"])
def test_every_member_sees_who_is_on_the_project_with_their_role(persona, request, project):
    response = request.getfixturevalue(persona).get(members_url(project))

    assert response.status_code == 200
    assert_shows(
        response,
        "Oscar Owner",
        "oscar_owner@example.org",
        "Edith Editor",
        "edith_editor@example.org",
        "Victor Viewer",
        "victor_viewer@example.org",
        "Owner",
        "Editor",
        "Viewer",
    )


def test_the_members_page_lists_owners_first_then_editors_then_viewers(owner_client, project):
    content = text_of(owner_client.get(members_url(project)))

    assert content.index("Oscar Owner") < content.index("Edith Editor") < content.index("Victor Viewer")


def test_owners_see_how_to_add_people_and_the_pending_invitations(owner_client, project, invited):
    response = owner_client.get(members_url(project))

    assert_shows(response, "Add a person", "Change role", "Remove", "Invitations not accepted yet", "nadia@example.org")


@pytest.mark.parametrize("persona", NOT_OWNERS)
def test_editors_and_viewers_see_the_members_but_no_way_to_change_them(persona, request, project, invited):
    content = text_of(request.getfixturevalue(persona).get(members_url(project)))

    assert "Add a person" not in content
    assert "Change role" not in content
    assert "nadia@example.org" not in content


def test_an_expired_invitation_is_marked_as_expired(owner_client, project, invited):
    Invitation.objects.filter(pk=invited.invitation.pk).update(expires_at="2000-01-01T00:00:00Z")

    assert_shows(owner_client.get(members_url(project)), "nadia@example.org", "Expired")


def test_an_outsider_does_not_find_the_members_page(outsider_client, project):
    assert outsider_client.get(members_url(project)).status_code == 404


def test_an_anonymous_visitor_is_sent_to_sign_in_from_the_members_page(client, project):
    response = client.get(members_url(project))

    assert response.status_code == 302
    assert response["Location"] == login_url_for(members_url(project))


# Adding a person


def test_an_owner_adds_an_existing_user_by_email_address_at_once(owner_client, project, outsider, caplog):
    response = owner_client.post(add_url(project), {"email": "  Olivia_Outsider@EXAMPLE.org ", "role": "viewer"})

    assert response.status_code == 302
    assert response["Location"] == members_url(project)
    assert membership_of(project, outsider).role == Role.VIEWER
    assert not Invitation.objects.exists()
    assert mail.outbox == []
    assert any('"event": "membership.added"' in line and "olivia_outsider" in line for line in security_events(caplog))
    assert_shows(owner_client.get(members_url(project)), "Olivia Outsider was added to the project with the role Viewer.")


def test_adding_an_unknown_address_emails_a_single_use_invitation_link(owner_client, project, caplog):
    response = owner_client.post(add_url(project), {"email": "Nadia@Example.org", "role": "editor"})

    assert response.status_code == 302
    invitation = Invitation.objects.get()
    assert (invitation.project, invitation.email, invitation.role) == (project, "nadia@example.org", Role.EDITOR)
    assert invitation.invited_by.username == "oscar_owner"
    assert invitation.accepted_at is None
    assert len(mail.outbox) == 1
    email = mail.outbox[0]
    assert email.to == ["nadia@example.org"]
    assert project.title in email.subject
    assert "Oscar Owner invited you" in email.body
    link = link_in_last_email()
    token = link.split("/")[-2]
    assert invitation.token_hash == Invitation.hash_token(token)
    assert token not in invitation.token_hash
    assert not Membership.objects.filter(project=project, user__email="nadia@example.org").exists()
    assert any('"event": "invitation.sent"' in line for line in security_events(caplog))
    assert_shows(owner_client.get(members_url(project)), "We sent an invitation to nadia@example.org")


def test_the_invitation_email_prints_a_project_title_as_typed(owner_client, owner):
    project = project_create(user=owner, title='Permits & <licences>\nfor "Bob\'s" shop', organisation="Town")

    owner_client.post(add_url(project), {"email": "nadia@example.org", "role": "viewer"})

    email = mail.outbox[0]
    assert "\n" not in email.subject
    assert 'Permits & <licences> for "Bob\'s" shop' in email.subject
    assert "&amp;" not in email.body and "&lt;" not in email.body


def test_adding_the_same_address_again_sends_a_new_link_and_the_earlier_one_stops_working(owner_client, client, project):
    owner_client.post(add_url(project), {"email": "nadia@example.org", "role": "editor"})
    first_link = link_in_last_email()
    owner_client.post(add_url(project), {"email": "nadia@example.org", "role": "viewer"})
    second_link = link_in_last_email()

    assert first_link != second_link
    assert Invitation.objects.get().role == Role.VIEWER
    assert client.get(first_link).status_code == 404
    assert client.get(second_link).status_code == 200


def test_adding_someone_who_is_already_a_member_is_a_form_error(owner_client, project, editor):
    response = owner_client.post(add_url(project), {"email": "EDITH_editor@example.org", "role": "viewer"})

    assert response.status_code == 200
    assert_shows(response, ERROR_SUMMARY, str(ALREADY_MEMBER))
    assert membership_of(project, editor).role == Role.EDITOR
    assert mail.outbox == []


def test_an_address_shared_by_several_accounts_is_refused(owner_client, project):
    for username in ("twin_one", "twin_two"):
        get_user_model().objects.create_user(username=username, email="twins@example.org")

    response = owner_client.post(add_url(project), {"email": "twins@example.org", "role": "viewer"})

    assert response.status_code == 200
    assert_shows(response, str(SEVERAL_ACCOUNTS))
    assert project.memberships.count() == 3


def test_invalid_input_on_the_add_form_keeps_what_was_typed(owner_client, project):
    response = owner_client.post(add_url(project), {"email": "nadia at example", "role": "viewer"})

    assert response.status_code == 200
    assert_shows(response, ERROR_SUMMARY, str(ENTER_A_VALID_EMAIL))
    assert 'value="nadia at example"' in text_of(response)
    assert_selected(response, "role", "viewer")
    assert not Invitation.objects.exists()


def test_a_role_must_be_chosen(owner_client, project):
    response = owner_client.post(add_url(project), {"email": "nadia@example.org"})

    assert_shows(response, str(CHOOSE_A_ROLE))
    assert 'value="nadia@example.org"' in text_of(response)
    assert not Invitation.objects.exists()


def test_an_email_that_cannot_be_sent_invites_nobody(owner_client, project):
    with mock.patch("stage1.members.services.send_mail", side_effect=smtplib.SMTPException("down")):
        response = owner_client.post(add_url(project), {"email": "nadia@example.org", "role": "editor"})

    assert response.status_code == 200
    assert_shows(response, str(EMAIL_NOT_SENT))
    assert 'value="nadia@example.org"' in text_of(response)
    assert not Invitation.objects.exists()


@pytest.mark.parametrize("persona", NOT_OWNERS)
def test_editors_and_viewers_cannot_add_people(persona, request, project, outsider):
    client = request.getfixturevalue(persona)

    assert client.get(add_url(project)).status_code == 403
    response = client.post(add_url(project), {"email": outsider.email, "role": "owner"})

    assert response.status_code == 403
    assert_shows(response, str(OWNERS_ONLY))
    assert not Membership.objects.filter(user=outsider).exists()
    assert mail.outbox == []


def test_an_outsider_cannot_add_people_to_a_project_they_cannot_see(outsider_client, project, outsider):
    response = outsider_client.post(add_url(project), {"email": outsider.email, "role": "owner"})

    assert response.status_code == 404
    assert not Membership.objects.filter(user=outsider).exists()


# Changing a role


def test_an_owner_changes_a_members_role(owner_client, project, editor, caplog):
    membership = membership_of(project, editor)

    response = owner_client.post(role_url(membership), {"role": "viewer", "base_version": membership.version})

    assert response.status_code == 302
    assert membership_of(project, editor).role == Role.VIEWER
    assert any('"event": "membership.role_changed"' in line and '"old_role": "editor"' in line for line in security_events(caplog))


def test_the_role_page_starts_from_the_current_role(owner_client, project, viewer):
    response = owner_client.get(role_url(membership_of(project, viewer)))

    assert_shows(response, "Change the role of Victor Viewer")
    assert_selected(response, "role", "viewer")


def test_demoting_the_last_owner_is_refused_with_a_form_error(owner_client, project, owner):
    response = owner_client.post(
        role_url(membership_of(project, owner)), {"role": "editor", "base_version": membership_of(project, owner).version}
    )

    assert response.status_code == 200
    assert_shows(response, ERROR_SUMMARY, str(LAST_OWNER))
    assert_selected(response, "role", "editor")
    assert membership_of(project, owner).role == Role.OWNER


def test_an_owner_can_step_down_when_another_owner_remains(owner_client, project, owner, second_owner):
    response = owner_client.post(
        role_url(membership_of(project, owner)), {"role": "editor", "base_version": membership_of(project, owner).version}
    )

    assert response.status_code == 302
    assert membership_of(project, owner).role == Role.EDITOR
    assert owner_client.get(add_url(project)).status_code == 403


def test_an_unknown_role_is_refused(owner_client, project, editor):
    response = owner_client.post(
        role_url(membership_of(project, editor)), {"role": "superuser", "base_version": membership_of(project, editor).version}
    )

    assert response.status_code == 200
    assert_shows(response, ERROR_SUMMARY)
    assert membership_of(project, editor).role == Role.EDITOR


@pytest.mark.parametrize("persona", NOT_OWNERS)
def test_editors_and_viewers_cannot_change_roles(persona, request, project, editor):
    client = request.getfixturevalue(persona)
    membership = membership_of(project, editor)

    assert client.get(role_url(membership)).status_code == 403
    assert client.post(role_url(membership), {"role": "owner"}).status_code == 403
    assert membership_of(project, editor).role == Role.EDITOR


def test_a_membership_of_another_project_cannot_be_reached_through_this_one(owner_client, project, outsider):
    other = project_create(user=outsider, title="Register a birth", organisation="Other Council")
    theirs = membership_of(other, outsider)

    response = owner_client.post(role_url(theirs).replace(other.slug, project.slug), {"role": "viewer"})

    assert response.status_code == 404
    assert membership_of(other, outsider).role == Role.OWNER


# Removing a person


def test_the_remove_page_asks_before_removing(owner_client, project, editor):
    response = owner_client.get(remove_url(membership_of(project, editor)))

    assert response.status_code == 200
    assert_shows(response, "Remove Edith Editor from this project?", "Yes, remove them")
    assert Membership.objects.filter(project=project, user=editor).exists()


def test_an_owner_removes_a_member_who_then_no_longer_finds_the_project(owner_client, editor_client, project, editor, caplog):
    response = owner_client.post(remove_url(membership_of(project, editor)), {"base_version": membership_of(project, editor).version})

    assert response.status_code == 302
    assert response["Location"] == members_url(project)
    assert not Membership.objects.filter(project=project, user=editor).exists()
    assert editor_client.get(members_url(project)).status_code == 404
    assert any('"event": "membership.removed"' in line for line in security_events(caplog))


def test_removing_the_last_owner_is_refused(owner_client, project, owner):
    response = owner_client.post(remove_url(membership_of(project, owner)), {"base_version": membership_of(project, owner).version})

    assert response.status_code == 200
    assert_shows(response, ERROR_SUMMARY, str(LAST_OWNER))
    assert membership_of(project, owner).role == Role.OWNER


def test_an_owner_can_leave_when_another_owner_remains(owner_client, project, owner, second_owner):
    response = owner_client.post(remove_url(membership_of(project, owner)), {"base_version": membership_of(project, owner).version})

    assert response.status_code == 302
    assert response["Location"] == "/projects/"
    assert not Membership.objects.filter(project=project, user=owner).exists()
    assert owner_client.get(members_url(project)).status_code == 404


@pytest.mark.parametrize("persona", NOT_OWNERS)
def test_editors_and_viewers_cannot_remove_people(persona, request, project, owner):
    client = request.getfixturevalue(persona)
    membership = membership_of(project, owner)

    assert client.get(remove_url(membership)).status_code == 403
    assert client.post(remove_url(membership)).status_code == 403
    assert Membership.objects.filter(pk=membership.pk).exists()


# Cancelling an invitation


def test_an_owner_cancels_an_invitation_and_its_link_stops_working(owner_client, client, project, invited):
    assert_shows(owner_client.get(cancel_url(invited.invitation)), "Cancel this invitation?", "nadia@example.org")

    response = owner_client.post(cancel_url(invited.invitation))

    assert response.status_code == 302
    assert not Invitation.objects.exists()
    assert client.get(invitation_url(invited.token)).status_code == 404


def test_an_accepted_invitation_cannot_be_cancelled(owner_client, project, invited, outsider):
    Invitation.objects.filter(pk=invited.invitation.pk).update(accepted_at="2026-01-01T00:00:00Z", accepted_by=outsider)

    assert owner_client.post(cancel_url(invited.invitation)).status_code == 404


def test_an_invitation_of_another_project_cannot_be_cancelled_through_this_one(owner_client, project, outsider):
    other = project_create(user=outsider, title="Register a birth", organisation="Other Council")
    theirs = invitation_create(project=other, email="x@example.org", role=Role.VIEWER, invited_by=outsider).invitation

    response = owner_client.post(cancel_url(theirs).replace(other.slug, project.slug))

    assert response.status_code == 404
    assert Invitation.objects.filter(pk=theirs.pk).exists()


@pytest.mark.parametrize("persona", NOT_OWNERS)
def test_editors_and_viewers_cannot_cancel_invitations(persona, request, project, invited):
    client = request.getfixturevalue(persona)

    assert client.get(cancel_url(invited.invitation)).status_code == 403
    assert client.post(cancel_url(invited.invitation)).status_code == 403
    assert Invitation.objects.filter(pk=invited.invitation.pk).exists()
