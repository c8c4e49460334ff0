"""The one way a view reaches a project: through the user's membership."""

from functools import wraps

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponseNotAllowed
from django.utils.translation import gettext_lazy as _

from stage1.core.logging import security_event
from stage1.projects.models import Membership

NOT_A_MEMBER = _("No project at this address for this user.")
READ_ONLY = _("Your role lets you read this project but not change it.")
ARCHIVED = _("This project is archived: it can be read but not changed.")
OWNERS_ONLY = _("Only the project's owners can do this.")


def membership_for(request: HttpRequest, slug: str, *, write: bool = False) -> Membership:
    """Return the user's membership of the project, with the project loaded.

    Non-members get 404, never 403, so a project's existence is not disclosed.
    A viewer asking to write gets 403.
    """
    membership = Membership.objects.select_related("project").filter(project__slug=slug, user_id=request.user.pk).first()
    if membership is None:
        security_event("access.not_a_member", request=request, project=slug)
        raise Http404(NOT_A_MEMBER)
    if write and not membership.can_write:
        raise PermissionDenied(ARCHIVED if membership.project.archived_at else READ_ONLY)
    return membership


def owner_membership_for(request: HttpRequest, slug: str, *, write: bool = False) -> Membership:
    """Like membership_for, for what only owners may do (members, archive, delete): others get 403."""
    membership = membership_for(request, slug, write=write)
    if not membership.is_owner:
        raise PermissionDenied(OWNERS_ONLY)
    return membership


def read_only_page(view):
    """For pages that only show a project: other methods get 405, but non-members still get 404 first."""

    @wraps(view)
    def wrapper(request: HttpRequest, slug: str, *args, **kwargs):
        if request.method not in ("GET", "HEAD"):
            membership_for(request, slug)
            return HttpResponseNotAllowed(["GET", "HEAD"])
        return view(request, slug, *args, **kwargs)

    return wrapper
