"""The members page; what owners do there: add or invite people, change roles, remove people, cancel invitations."""

import logging
import smtplib
from collections.abc import Callable

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from stage1.core.logging import security_event
from stage1.core.numbers import parse_int
from stage1.core.versioning import Conflict
from stage1.core.views import kept_post
from stage1.members.forms import MemberAddForm, RoleForm
from stage1.members.models import Invitation
from stage1.members.selectors import members_of, pending_invitations
from stage1.members.services import (
    Refused,
    invitation_cancel,
    member_add,
    membership_change_role,
    membership_remove,
)
from stage1.projects.access import membership_for, owner_membership_for, read_only_page
from stage1.projects.models import Membership, Role

logger = logging.getLogger(__name__)

EMAIL_NOT_SENT = gettext_lazy("The invitation email could not be sent, so nobody was invited. Try again later.")
MEMBER_CHANGED_SINCE = gettext_lazy(
    "This person's role was changed after you opened this page, so nothing has been changed. Check the role they have now, then try again."
)


def _display_name(user) -> str:
    return user.get_full_name() or user.get_username()


def _invitation_link(request: HttpRequest) -> Callable[[str], str]:
    """How the invitation service turns a token into the link it emails, on this site's address."""
    return lambda token: request.build_absolute_uri(reverse("members:invitation", kwargs={"token": token}))


def _back_to_members(project) -> HttpResponse:
    return redirect("members:list", slug=project.slug)


@login_required
@read_only_page
def member_list(request: HttpRequest, slug: str) -> HttpResponse:
    membership = membership_for(request, slug)
    project = membership.project
    context = {
        "project": project,
        "membership": membership,
        "members": members_of(project),
        "invitations": pending_invitations(project) if membership.is_owner else [],
    }
    return render(request, "members/member_list.html", context)


@login_required
def member_add_page(request: HttpRequest, slug: str) -> HttpResponse:
    owner = owner_membership_for(request, slug)
    project = owner.project
    form = MemberAddForm(request.POST or kept_post(request))
    if request.method == "POST" and form.is_valid():
        email, role = form.cleaned_data["email"], form.cleaned_data["role"]
        try:
            added = member_add(project=project, email=email, role=role, invited_by=request.user, link_for=_invitation_link(request))
        except Refused as refusal:
            form.add_error("email", refusal.message)
        except (smtplib.SMTPException, OSError):
            logger.exception("Could not send an invitation email for project %s", project.slug)
            form.add_error("email", EMAIL_NOT_SENT)
        else:
            if isinstance(added, Invitation):
                security_event("invitation.sent", request=request, project=project.slug, invitation=added.pk, role=role)
                message = _("We sent an invitation to %(email)s. The link works once, within %(days)s days.") % {
                    "email": added.email,
                    "days": settings.STAGE1_INVITATION_DAYS,
                }
            else:
                security_event("membership.added", request=request, project=project.slug, member=added.user.get_username(), role=role)
                message = _("%(name)s was added to the project with the role %(role)s.") % {
                    "name": _display_name(added.user),
                    "role": Role(role).label,
                }
            messages.success(request, message)
            return _back_to_members(project)
    return render(request, "members/member_add.html", {"project": project, "form": form})


@login_required
def member_role_page(request: HttpRequest, slug: str, member_pk: int) -> HttpResponse:
    owner = owner_membership_for(request, slug)
    project = owner.project
    member = get_object_or_404(Membership.objects.select_related("user"), pk=member_pk, project=project)
    form = RoleForm(
        request.POST or kept_post(request), initial={"role": member.role, "approver": member.approver, "base_version": member.version}
    )
    if request.method == "POST" and form.is_valid():
        role, base_version = form.cleaned_data["role"], form.cleaned_data["base_version"]
        try:
            membership_change_role(membership=member, role=role, base_version=base_version, approver=form.cleaned_data["approver"])
        except Refused as refusal:
            form.add_error("role", refusal.message)
        except Conflict as conflict:
            return _role_conflict(request, project, form, conflict.current)
        else:
            if role != member.role:
                security_event(
                    "membership.role_changed",
                    request=request,
                    project=project.slug,
                    member=member.user.get_username(),
                    old_role=member.role,
                    role=role,
                )
            names = {"name": _display_name(member.user), "role": Role(role).label}
            if form.cleaned_data["approver"]:
                messages.success(request, _("%(name)s now has the role %(role)s and approves the charter.") % names)
            else:
                messages.success(request, _("%(name)s now has the role %(role)s.") % names)
            return _back_to_members(project)
    return render(request, "members/member_role.html", {"project": project, "member": member, "form": form})


def _role_conflict(request: HttpRequest, project, form: RoleForm, current: Membership) -> HttpResponse:
    """The role page again (409): the role the member has now, and the owner's choice still selected.

    Its hidden base_version is the membership's version now, so confirming is a deliberate change of what the owner has now seen.
    """
    role = form.cleaned_data["role"]
    again = RoleForm({"role": role, "base_version": current.version})
    again.is_valid()
    again.add_error(None, MEMBER_CHANGED_SINCE)
    context = {"project": project, "member": current, "form": again, "changed_since": True, "chosen_role": Role(role).label}
    return render(request, "members/member_role.html", context, status=409)


@login_required
def member_remove_page(request: HttpRequest, slug: str, member_pk: int) -> HttpResponse:
    owner = owner_membership_for(request, slug)
    project = owner.project
    member = get_object_or_404(Membership.objects.select_related("user"), pk=member_pk, project=project)
    refusal, status = None, 200
    if request.method == "POST":
        base_version = parse_int(request.POST.get("base_version"))
        try:
            membership_remove(membership=member, base_version=base_version)
        except Refused as refused:
            refusal = refused.message
        except Conflict as conflict:
            # The page again from the membership as it is now: confirming it removes them deliberately.
            refusal, status, member = MEMBER_CHANGED_SINCE, 409, conflict.current
        else:
            security_event("membership.removed", request=request, project=project.slug, member=member.user.get_username(), role=member.role)
            if member.pk == owner.pk:
                messages.success(request, _("You are no longer a member of %(project)s.") % {"project": project.title})
                return redirect("projects:list")
            messages.success(request, _("%(name)s was removed from the project.") % {"name": _display_name(member.user)})
            return _back_to_members(project)
    context = {
        "project": project,
        "member": member,
        "is_self": member.pk == owner.pk,
        "refusal": refusal,
        "changed_since": status == 409,
    }
    return render(request, "members/member_remove.html", context, status=status)


@login_required
def invitation_cancel_page(request: HttpRequest, slug: str, invitation_pk: int) -> HttpResponse:
    owner = owner_membership_for(request, slug)
    project = owner.project
    invitation = get_object_or_404(Invitation.objects.pending(), pk=invitation_pk, project=project)
    if request.method == "POST":
        invitation_cancel(invitation=invitation)
        security_event("invitation.cancelled", request=request, project=project.slug, invitation=invitation_pk)
        messages.success(request, _("The invitation to %(email)s was cancelled. Its link no longer works.") % {"email": invitation.email})
        return _back_to_members(project)
    return render(request, "members/invitation_cancel.html", {"project": project, "invitation": invitation})
