"""Opening an invitation link: join the project, creating an account first if need be."""

from django.contrib import messages
from django.contrib.auth import login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from stage1.core.logging import security_event
from stage1.members.forms import InvitationSignUpForm
from stage1.members.models import Invitation
from stage1.members.selectors import invitation_for_token
from stage1.members.services import (
    INVITATION_EXPIRED,
    INVITATION_USED,
    Joined,
    Refused,
    invitation_accept,
    invitation_accept_with_new_account,
)

# The account was just created on this page, so there is no password to check;
# with several backends configured, login() must be told which one to record.
SIGN_IN_BACKEND = "django.contrib.auth.backends.ModelBackend"


def _unusable(request: HttpRequest, invitation: Invitation | None, reason=None) -> HttpResponse:
    """Unknown (or cancelled) links answer 404; used or expired ones 410 Gone."""
    if invitation is None:
        security_event("invitation.unknown", request=request)
        return render(request, "members/invitation_invalid.html", {"reason": None}, status=404)
    if reason is None:
        reason = INVITATION_USED if invitation.accepted_at else INVITATION_EXPIRED
    security_event("invitation.refused", request=request, invitation=invitation.pk, reason=reason)
    return render(request, "members/invitation_invalid.html", {"reason": reason, "invitation": invitation}, status=410)


def _joined(request: HttpRequest, invitation: Invitation, joined: Joined) -> HttpResponse:
    project = invitation.project
    security_event("invitation.accepted", request=request, project=project.slug, invitation=invitation.pk, role=joined.membership.role)
    if joined.created:
        messages.success(
            request,
            _("You joined %(project)s with the role %(role)s.") % {"project": project.title, "role": joined.membership.get_role_display()},
        )
    else:
        messages.info(request, _("You were already a member of %(project)s. Your role has not changed.") % {"project": project.title})
    return redirect("projects:task_list", slug=project.slug)


@never_cache
def invitation_page(request: HttpRequest, token: str) -> HttpResponse:
    invitation = invitation_for_token(token)
    if invitation is None:
        return _unusable(request, None)
    if invitation.accepted_at and request.user.is_authenticated and invitation.accepted_by_id == request.user.pk:
        return redirect("projects:task_list", slug=invitation.project.slug)
    if not invitation.is_usable:
        return _unusable(request, invitation)
    if request.user.is_authenticated:
        return _accept_signed_in(request, invitation)
    return _sign_up(request, invitation)


def _accept_signed_in(request: HttpRequest, invitation: Invitation) -> HttpResponse:
    if request.method == "POST":
        try:
            joined = invitation_accept(invitation=invitation, user=request.user)
        except Refused as refusal:
            return _unusable(request, invitation, refusal.message)
        return _joined(request, invitation, joined)
    other_address = (request.user.email or "").lower() != invitation.email
    return render(request, "members/invitation_accept.html", {"invitation": invitation, "other_address": other_address})


def _sign_up(request: HttpRequest, invitation: Invitation) -> HttpResponse:
    form = InvitationSignUpForm(request.POST or None, email=invitation.email)
    if request.method == "POST" and form.is_valid():
        try:
            joined = invitation_accept_with_new_account(invitation=invitation, form=form)
        except Refused as refusal:
            return _unusable(request, invitation, refusal.message)
        login(request, joined.membership.user, backend=SIGN_IN_BACKEND)
        security_event("account.created", request=request, user=joined.membership.user, invitation=invitation.pk)
        return _joined(request, invitation, joined)
    return render(request, "members/invitation_sign_up.html", {"invitation": invitation, "form": form})
