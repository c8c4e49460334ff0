"""Opening an invitation link: joining a project, with a new account or a signed-in one."""

from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from stage1.core.forms import PASSWORDS_DIFFER
from stage1.members.models import Invitation
from stage1.members.services import INVITATION_EXPIRED, INVITATION_USED, invitation_create
from stage1.projects.models import Membership, Role
from tests.members.conftest import (
    NEW_PASSWORD,
    add_url,
    invitation_url,
    link_in_last_email,
    members_url,
    membership_of,
    sign_up_post,
)
from tests.projects.helpers import ERROR_SUMMARY, assert_shows, step_url, text_of

pytestmark = pytest.mark.django_db

User = get_user_model()


def _expire(invited) -> None:
    Invitation.objects.filter(pk=invited.invitation.pk).update(expires_at=timezone.now() - timedelta(minutes=1))


# From the email to a new account


def test_the_link_in_the_email_creates_the_account_and_the_membership(owner_client, project, caplog):
    owner_client.post(add_url(project), {"email": "nadia@example.org", "role": "editor"})
    link = link_in_last_email()
    invitee = Client()

    page = invitee.get(link)
    assert page.status_code == 200
    assert_shows(page, "Create your account", project.title, project.organisation, "Editor", "Oscar Owner", "nadia@example.org")

    response = invitee.post(link, sign_up_post())

    assert response.status_code == 302
    assert response["Location"] == reverse("projects:task_list", kwargs={"slug": project.slug})
    user = User.objects.get(username="nadia_new")
    assert (user.email, user.first_name, user.last_name) == ("nadia@example.org", "Nadia", "Newcomer")
    assert user.check_password(NEW_PASSWORD)
    assert membership_of(project, user).role == Role.EDITOR
    invitation = Invitation.objects.get()
    assert invitation.accepted_by == user
    assert invitation.accepted_at is not None
    # Signed in straight away, and able to write as an editor.
    assert_shows(invitee.get(response["Location"]), "You joined Apply for a parking permit with the role Editor.")
    assert invitee.get(step_url(project, "need")).status_code == 200
    assert any('"event": "invitation.accepted"' in record.getMessage() for record in caplog.records)


def test_a_used_link_is_refused_the_second_time_and_creates_nothing(client, project, invited):
    client.post(invitation_url(invited.token), sign_up_post())
    stranger = Client()

    page = stranger.get(invitation_url(invited.token))
    response = stranger.post(invitation_url(invited.token), sign_up_post(username="someone_else"))

    assert page.status_code == 410
    assert_shows(page, str(INVITATION_USED))
    assert response.status_code == 410
    assert not User.objects.filter(username="someone_else").exists()
    assert project.memberships.count() == 4


def test_the_person_who_accepted_is_taken_to_the_project_when_they_open_the_link_again(client, project, invited):
    client.post(invitation_url(invited.token), sign_up_post())

    response = client.get(invitation_url(invited.token))

    assert response.status_code == 302
    assert response["Location"] == reverse("projects:task_list", kwargs={"slug": project.slug})


def test_an_expired_link_is_refused_and_creates_nothing(client, project, invited):
    _expire(invited)

    page = client.get(invitation_url(invited.token))
    response = client.post(invitation_url(invited.token), sign_up_post())

    assert page.status_code == 410
    assert_shows(page, str(INVITATION_EXPIRED), "Ask an owner of the project to invite you again")
    assert response.status_code == 410
    assert not User.objects.filter(username="nadia_new").exists()
    assert Invitation.objects.get().accepted_at is None


def test_invitations_last_the_configured_number_of_days(settings, project, owner):
    settings.STAGE1_INVITATION_DAYS = 2

    invitation = invitation_create(project=project, email="nadia@example.org", role=Role.VIEWER, invited_by=owner).invitation

    assert timedelta(days=2) - timedelta(minutes=1) < invitation.expires_at - timezone.now() <= timedelta(days=2)


@pytest.mark.parametrize("token", ["not-a-real-token", "x" * 43])
def test_an_unknown_link_is_not_found(client, token):
    response = client.get(invitation_url(token))

    assert response.status_code == 404
    assert_shows(response, "This invitation link cannot be used", "Check that you copied the whole link")


def test_the_database_keeps_only_a_hash_of_the_token(project, invited):
    stored = Invitation.objects.filter(pk=invited.invitation.pk).values().get()

    assert invited.token not in str(stored)
    assert stored["token_hash"] == Invitation.hash_token(invited.token)


def test_looking_a_token_up_by_its_hash_does_not_find_it(client, invited):
    assert client.get(invitation_url(Invitation.hash_token(invited.token))).status_code == 404


# Invalid input on the sign-up form


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"password2": "a different passphrase 42"}, str(PASSWORDS_DIFFER)),
        ({"password1": "short pass", "password2": "short pass"}, "This password is too short. It must contain at least 12 characters."),
        ({"password1": "123456789012345", "password2": "123456789012345"}, "This password is entirely numeric."),
        ({"username": "Oscar_Owner"}, "A user with that username already exists."),
        ({"username": "not allowed!"}, "Enter a valid username."),
        ({"first_name": ""}, "Enter your first name"),
    ],
)
def test_invalid_sign_up_input_keeps_what_was_typed_and_creates_nothing(client, project, invited, changes, message):
    data = sign_up_post(**changes)

    response = client.post(invitation_url(invited.token), data)

    assert response.status_code == 200
    assert_shows(response, ERROR_SUMMARY, message)
    for name in ("first_name", "last_name", "username"):
        if data[name]:
            assert f'value="{data[name]}"' in text_of(response).replace("&#x27;", "'")
    assert User.objects.count() == 3
    assert Invitation.objects.get().accepted_at is None


def test_a_password_like_the_invited_address_is_refused(client, invited):
    response = client.post(invitation_url(invited.token), sign_up_post(password1="nadia@example.org", password2="nadia@example.org"))

    assert_shows(response, "The password is too similar to the email address.")


# Signed in already


def test_a_signed_in_user_sees_the_invitation_and_which_address_it_was_sent_to(outsider_client, project, invited):
    response = outsider_client.get(invitation_url(invited.token))

    assert response.status_code == 200
    assert_shows(
        response,
        "Join Apply for a parking permit",
        "Accept and join the project",
        "This invitation was sent to nadia@example.org, and you are signed in as olivia_outsider.",
    )
    assert not Membership.objects.filter(project=project, user__username="olivia_outsider").exists()


def test_a_signed_in_user_with_the_invited_address_is_not_warned(outsider_client, project, owner, outsider):
    invited = invitation_create(project=project, email=outsider.email, role=Role.VIEWER, invited_by=owner)

    response = outsider_client.get(invitation_url(invited.token))

    assert "This invitation was sent to" not in text_of(response)


def test_a_signed_in_user_accepts_and_joins_with_the_invited_role(outsider_client, project, invited, outsider):
    response = outsider_client.post(invitation_url(invited.token))

    assert response.status_code == 302
    assert membership_of(project, outsider).role == Role.EDITOR
    assert Invitation.objects.get().accepted_by == outsider
    assert outsider_client.get(members_url(project)).status_code == 200


def test_a_member_who_accepts_an_invitation_keeps_their_role(viewer_client, project, invited, viewer):
    response = viewer_client.post(invitation_url(invited.token))

    assert response.status_code == 302
    assert membership_of(project, viewer).role == Role.VIEWER
    assert Invitation.objects.get().accepted_at is not None
    assert_shows(viewer_client.get(response["Location"]), "You were already a member of Apply for a parking permit.")


def test_a_signed_in_user_cannot_accept_an_expired_invitation(outsider_client, project, invited, outsider):
    _expire(invited)

    response = outsider_client.post(invitation_url(invited.token))

    assert response.status_code == 410
    assert not Membership.objects.filter(project=project, user=outsider).exists()
