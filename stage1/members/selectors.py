"""Reads of the members pages."""

from django.db.models import Case, IntegerField, QuerySet, Value, When

from stage1.members.models import Invitation
from stage1.projects.models import Membership, Project, Role

_ROLE_ORDER = Case(
    When(role=Role.OWNER, then=Value(0)),
    When(role=Role.EDITOR, then=Value(1)),
    default=Value(2),
    output_field=IntegerField(),
)


def members_of(project: Project) -> QuerySet[Membership]:
    """Owners first, then editors, then viewers; by name within a role."""
    return (
        Membership.objects.filter(project=project)
        .select_related("user")
        .order_by(_ROLE_ORDER, "user__first_name", "user__last_name", "user__username")
    )


def pending_invitations(project: Project) -> QuerySet[Invitation]:
    return Invitation.objects.filter(project=project).pending().select_related("invited_by")


def invitation_for_token(token: str) -> Invitation | None:
    """The invitation a link's token belongs to, found by the token's hash."""
    return Invitation.objects.select_related("project", "invited_by").filter(token_hash=Invitation.hash_token(token)).first()
