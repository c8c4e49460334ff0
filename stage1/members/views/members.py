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
    form = RoleForm(request.POST or kept_post(request), initial={"role": member.role})
    if request.method == "POST" and form.is_valid():
        role = form.cleaned_data["role"]
        try:
            membership_change_role(membership=member, role=role)
        except Refused as refusal:
            form.add_error("role", refusal.message)
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
            messages.success(
                request, _("%(name)s now has the role %(role)s.") % {"name": _display_name(member.user), "role": Role(role).label}
            )
            return _back_to_members(project)
    return render(request, "members/member_role.html", {"project": project, "member": member, "form": form})


@login_required
def member_remove_page(request: HttpRequest, slug: str, member_pk: int) -> HttpResponse:
    owner = owner_membership_for(request, slug)
    project = owner.project
    member = get_object_or_404(Membership.objects.select_related("user"), pk=member_pk, project=project)
    refusal = None
    if request.method == "POST":
        try:
            membership_remove(membership=member)
        except Refused as refused:
            refusal = refused.message
        else:
            security_event("membership.removed", request=request, project=project.slug, member=member.user.get_username(), role=member.role)
            if member.pk == owner.pk:
                messages.success(request, _("You are no longer a member of %(project)s.") % {"project": project.title})
                return redirect("projects:list")
            messages.success(request, _("%(name)s was removed from the project.") % {"name": _display_name(member.user)})
            return _back_to_members(project)
    context = {"project": project, "member": member, "is_self": member.pk == owner.pk, "refusal": refusal}
    return render(request, "members/member_remove.html", context)


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
