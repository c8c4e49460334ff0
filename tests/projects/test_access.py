"""The one way to reach a project: the user's membership."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.test import RequestFactory
from django.utils import timezone

from stage1.projects.access import ARCHIVED, NOT_A_MEMBER, READ_ONLY, membership_for
from stage1.projects.models import Membership, Project, Role
from stage1.projects.services import project_create

pytestmark = pytest.mark.django_db


def _request(user):
    request = RequestFactory().get("/")
    request.user = user
    return request


def test_for_user_returns_only_the_users_projects(project, owner, editor, viewer, outsider):
    mine = project_create(user=outsider, title="Register a birth", organisation="Other Council")

    assert list(Project.objects.for_user(owner)) == [project]
    assert list(Project.objects.for_user(editor)) == [project]
    assert list(Project.objects.for_user(viewer)) == [project]
    assert list(Project.objects.for_user(outsider)) == [mine]


def test_for_user_lists_each_project_once(project, owner, outsider):
    second = project_create(user=owner, title="Report a pothole", organisation="City")
    Membership.objects.create(project=second, user=outsider, role=Role.VIEWER)

    assert sorted(p.pk for p in Project.objects.for_user(owner)) == sorted([project.pk, second.pk])


def test_for_user_returns_nothing_for_an_anonymous_visitor(project):
    assert list(Project.objects.for_user(AnonymousUser())) == []


def test_for_user_is_chainable(project, owner):
    assert list(Project.objects.for_user(owner).filter(title__startswith="Apply")) == [project]
    assert not Project.objects.for_user(owner).filter(title="Nothing").exists()


@pytest.mark.parametrize(("persona", "role"), [("owner", Role.OWNER), ("editor", Role.EDITOR), ("viewer", Role.VIEWER)])
def test_membership_for_returns_a_members_membership_with_the_project(request, project, persona, role):
    user = request.getfixturevalue(persona)

    membership = membership_for(_request(user), project.slug)

    assert (membership.user, membership.project, membership.role) == (user, project, role)


@pytest.mark.parametrize("persona", ["owner", "editor"])
def test_membership_for_lets_owners_and_editors_write(request, project, persona):
    membership = membership_for(_request(request.getfixturevalue(persona)), project.slug, write=True)

    assert membership.can_write


def test_membership_for_refuses_a_viewer_writing_with_403(project, viewer):
    with pytest.raises(PermissionDenied) as raised:
        membership_for(_request(viewer), project.slug, write=True)

    assert str(raised.value) == str(READ_ONLY)


@pytest.mark.parametrize("persona", ["owner", "editor"])
def test_membership_for_refuses_writing_to_an_archived_project_with_403(request, project, persona):
    Project.objects.filter(pk=project.pk).update(archived_at=timezone.now())

    with pytest.raises(PermissionDenied) as raised:
        membership_for(_request(request.getfixturevalue(persona)), project.slug, write=True)

    assert str(raised.value) == str(ARCHIVED)
    assert membership_for(_request(request.getfixturevalue(persona)), project.slug).project == project


@pytest.mark.parametrize("write", [False, True])
def test_membership_for_hides_a_project_from_an_outsider_with_404(project, outsider, write):
    with pytest.raises(Http404) as raised:
        membership_for(_request(outsider), project.slug, write=write)

    assert str(raised.value) == str(NOT_A_MEMBER)


def test_membership_for_hides_a_project_from_an_anonymous_visitor_with_404(project):
    with pytest.raises(Http404) as raised:
        membership_for(_request(AnonymousUser()), project.slug)

    assert str(raised.value) == str(NOT_A_MEMBER)


def test_membership_for_an_unknown_project_is_the_same_404(owner):
    with pytest.raises(Http404) as raised:
        membership_for(_request(owner), "no-such-project")

    assert str(raised.value) == str(NOT_A_MEMBER)


def test_membership_for_loads_the_project_in_the_same_query(project, owner, django_assert_num_queries):
    with django_assert_num_queries(1):
        membership = membership_for(_request(owner), project.slug)
        assert membership.project.title == project.title
