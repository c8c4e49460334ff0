"""Who is on a project: adding people, inviting them, changing roles, removing them.

A project always keeps at least one owner. Every change that could take an
owner away first locks the project's owner memberships (SELECT … FOR UPDATE),
so two owners demoting or removing each other at the same moment are
serialised: the second sees the first's change and is refused.

Changing or removing a member obeys the one conflict rule of
stage1.core.versioning: a membership carries a version, the owner's page
carries the version it was rendered from, and the change applies only if the
membership is still at that version, whoever changed it in between (the same
owner in another tab included). A member made owner and then editor again
meanwhile has the role the page showed but not its version: the page is
stale, and the owner is told.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from stage1.core.versioning import claim
from stage1.members.models import Invitation
from stage1.projects.models import Membership, Project, Role

LAST_OWNER = _("A project needs at least one owner. Make someone else an owner first.")
ALREADY_MEMBER = _("This person is already a member of the project.")
SEVERAL_ACCOUNTS = _("More than one account uses this email address. Ask your administrator which one to add.")
NO_LONGER_MEMBER = _("This person is no longer a member of the project.")
INVITATION_USED = _("This invitation has already been used.")
INVITATION_EXPIRED = _("This invitation has expired.")


class Refused(Exception):
    """The change would break a rule of the project's membership; nothing was changed."""

    def __init__(self, message):
        super().__init__(str(message))
        self.message = message


@dataclass(frozen=True)
class Invited:
    invitation: Invitation
    # The only copy of the link's secret: it goes into the email and nowhere else.
    token: str


@dataclass(frozen=True)
class Joined:
    membership: Membership
    # False when the person was already a member: their role is left as it was.
    created: bool


def _lock_owners(project: Project) -> list[int]:
    return list(Membership.objects.select_for_update().filter(project=project, role=Role.OWNER).values_list("pk", flat=True))


def _create_membership(*, project: Project, user, role: str) -> Membership:
    try:
        with transaction.atomic():
            return Membership.objects.create(project=project, user=user, role=role)
    except IntegrityError as error:
        raise Refused(ALREADY_MEMBER) from error


@transaction.atomic
def member_add(*, project: Project, email: str, role: str, invited_by, link_for: Callable[[str], str]) -> Membership | Invitation:
    """Add the person with this email address at once, or invite them by email if they have no account.

    link_for turns an invitation's token into the absolute address of its page.
    The email is sent inside the transaction: if it cannot be sent, the error
    propagates and no invitation is made (an earlier one stays valid).
    """
    email = email.strip().lower()
    users = list(get_user_model().objects.filter(email__iexact=email)[:2])
    if len(users) > 1:
        raise Refused(SEVERAL_ACCOUNTS)
    if users:
        return _create_membership(project=project, user=users[0], role=role)
    invited = invitation_create(project=project, email=email, role=role, invited_by=invited_by)
    invitation_email_send(invitation=invited.invitation, link=link_for(invited.token))
    return invited.invitation


@transaction.atomic
def invitation_create(*, project: Project, email: str, role: str, invited_by) -> Invited:
    """A new single-use invitation; an earlier pending one to the same address stops working."""
    email = email.strip().lower()
    Invitation.objects.filter(project=project, email=email).pending().delete()
    token = Invitation.new_token()
    invitation = Invitation.objects.create(
        project=project,
        email=email,
        role=role,
        token_hash=Invitation.hash_token(token),
        invited_by=invited_by,
        expires_at=timezone.now() + timedelta(days=settings.STAGE1_INVITATION_DAYS),
    )
    return Invited(invitation=invitation, token=token)


def invitation_email_send(*, invitation: Invitation, link: str) -> None:
    context = {
        "invitation": invitation,
        "project": invitation.project,
        "inviter": invitation.invited_by,
        "link": link,
        "service_name": settings.SERVICE_NAME,
    }
    subject = render_to_string("members/invitation_email_subject.txt", context)
    body = render_to_string("members/invitation_email.txt", context)
    # A project title is typed by users: never let it add a header line.
    send_mail(" ".join(subject.split()), body, None, [invitation.email])


@transaction.atomic
def invitation_cancel(*, invitation: Invitation) -> None:
    invitation.delete()


def _usable_invitation(invitation: Invitation) -> Invitation:
    """Lock the invitation's row and check it can still be used, or raise Refused."""
    current = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if current.accepted_at is not None:
        raise Refused(INVITATION_USED)
    if current.is_expired:
        raise Refused(INVITATION_EXPIRED)
    return current


def _accept(invitation: Invitation, user) -> Joined:
    existing = Membership.objects.filter(project_id=invitation.project_id, user=user).first()
    membership = existing or _create_membership(project=invitation.project, user=user, role=invitation.role)
    invitation.accepted_at = timezone.now()
    invitation.accepted_by = user
    invitation.save(update_fields=["accepted_at", "accepted_by"])
    return Joined(membership=membership, created=existing is None)


@transaction.atomic
def invitation_accept(*, invitation: Invitation, user) -> Joined:
    """The signed-in user joins the project with the invitation's role; the invitation is used up."""
    return _accept(_usable_invitation(invitation), user)


@transaction.atomic
def invitation_accept_with_new_account(*, invitation: Invitation, form) -> Joined:
    """Create the account from a valid InvitationSignUpForm and join; no account is created if the invitation is no longer usable."""
    current = _usable_invitation(invitation)
    user = form.save()
    return _accept(current, user)


def _claimed(membership: Membership, base_version: int | None) -> Membership:
    """Lock the membership and claim it from base_version: else Refused when it is gone, or Conflict with it as it is now.

    Call it inside the change's transaction: a later Refused rolls the claim back with the rest.
    """
    current = Membership.objects.select_for_update().select_related("user").filter(pk=membership.pk).first()
    if current is None:
        raise Refused(NO_LONGER_MEMBER)
    claim(current, base_version=base_version)
    return current


@transaction.atomic
def membership_change_role(*, membership: Membership, role: str, base_version: int | None, approver: bool | None = None) -> Membership:
    """Give the member `role` (and make them an approver or not, unless approver is None) if the membership is still at
    base_version, the version the owner's page showed; else Conflict or Refused."""
    owners = _lock_owners(membership.project)
    current = _claimed(membership, base_version)
    if role != Role.OWNER and owners == [current.pk]:
        raise Refused(LAST_OWNER)
    current.role = role
    if approver is not None:
        current.approver = approver
    # The claim already took the row to current.version; saving it again keeps row and instance alike.
    current.save(update_fields=["role", "approver", "version"])
    return current


@transaction.atomic
def membership_remove(*, membership: Membership, base_version: int | None) -> None:
    """Remove the member if the membership is still at base_version, the version the owner's page showed; or raise Conflict or Refused."""
    owners = _lock_owners(membership.project)
    current = _claimed(membership, base_version)
    if owners == [current.pk]:
        raise Refused(LAST_OWNER)
    Membership.objects.filter(pk=current.pk).delete()


# A project's end of life. Archiving is not a change to the project's content,
# so it leaves the version (and the cached charter) alone.


@transaction.atomic
def project_archive(*, project: Project) -> None:
    Project.objects.filter(pk=project.pk, archived_at__isnull=True).update(archived_at=timezone.now())


@transaction.atomic
def project_unarchive(*, project: Project) -> None:
    Project.objects.filter(pk=project.pk).update(archived_at=None)


@transaction.atomic
def project_delete(*, project: Project) -> None:
    """Delete the project and everything in it: steps, items, answers, memberships, invitations."""
    project.delete()
