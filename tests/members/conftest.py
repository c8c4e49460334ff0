"""Fixtures and addresses of the members, invitation, archive and delete tests."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.test import Client
from django.urls import reverse

from stage1.members.services import invitation_create
from stage1.projects.models import Membership, Role
from tests.conftest import PASSWORD

NEW_PASSWORD = "a long enough passphrase 42"


def members_url(project) -> str:
    return reverse("members:list", kwargs={"slug": project.slug})


def add_url(project) -> str:
    return reverse("members:add", kwargs={"slug": project.slug})


def role_url(membership) -> str:
    return reverse("members:role", kwargs={"slug": membership.project.slug, "member_pk": membership.pk})


def remove_url(membership) -> str:
    return reverse("members:remove", kwargs={"slug": membership.project.slug, "member_pk": membership.pk})


def cancel_url(invitation) -> str:
    return reverse("members:invitation_cancel", kwargs={"slug": invitation.project.slug, "invitation_pk": invitation.pk})


def invitation_url(token: str) -> str:
    return reverse("members:invitation", kwargs={"token": token})


def archive_url(project) -> str:
    return reverse("members:archive", kwargs={"slug": project.slug})


def unarchive_url(project) -> str:
    return reverse("members:unarchive", kwargs={"slug": project.slug})


def delete_url(project) -> str:
    return reverse("members:delete", kwargs={"slug": project.slug})


def membership_of(project, user) -> Membership:
    return Membership.objects.get(project=project, user=user)


def shown_version(response) -> str:
    """The membership version a role or remove page was rendered from: the value of its hidden base_version input."""
    assert response.status_code in (200, 409), response.status_code
    match = re.search(r'<input type="hidden" name="base_version" value="([0-9]*)"', response.content.decode())
    assert match, "no base_version on the page"
    return match.group(1)


def link_in_last_email() -> str:
    """The invitation page's path, from the link in the last email sent."""
    assert mail.outbox, "no email was sent"
    match = re.search(r"https?://[^/\s]+(/invitations/[^/\s]+/)", mail.outbox[-1].body)
    assert match, f"no invitation link in: {mail.outbox[-1].body}"
    return match.group(1)


def sign_up_post(**changes) -> dict:
    data = {
        "first_name": "Nadia",
        "last_name": "Newcomer",
        "username": "nadia_new",
        "password1": NEW_PASSWORD,
        "password2": NEW_PASSWORD,
    }
    data.update(changes)
    return data


@pytest.fixture
def invited(project, owner):
    """A pending invitation for an address with no account, as an editor; its token as the email would carry it."""
    return invitation_create(project=project, email="nadia@example.org", role=Role.EDITOR, invited_by=owner)


@pytest.fixture
def second_owner(project):
    user = get_user_model().objects.create_user(
        username="sofia_second", first_name="Sofia", last_name="Second", email="sofia@example.org", password=PASSWORD
    )
    Membership.objects.create(project=project, user=user, role=Role.OWNER)
    return user


@pytest.fixture
def second_owner_client(second_owner):
    client = Client()
    client.force_login(second_owner)
    return client
