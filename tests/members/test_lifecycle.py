"""Archiving, unarchiving and deleting a project: owners only."""

import pytest
from django.urls import reverse

from stage1.members.forms import TITLE_MISMATCH, TITLE_REQUIRED
from stage1.members.models import Invitation
from stage1.projects.access import ARCHIVED
from stage1.projects.models import Membership, NeedStep, Project, Stakeholder
from tests.members.conftest import archive_url, delete_url, members_url, unarchive_url
from tests.projects.factories import make_stakeholder, step_post
from tests.projects.helpers import ERROR_SUMMARY, assert_shows, login_url_for, step_url, task_list_url, text_of

pytestmark = pytest.mark.django_db

LIST_URL = reverse("projects:list")
NOT_OWNERS = ["editor_client", "viewer_client"]


def _archived(project) -> bool:
    return Project.objects.get(pk=project.pk).archived_at is not None


# The task list


def test_the_task_list_links_every_member_to_the_members_page(viewer_client, project):
    response = viewer_client.get(task_list_url(project))

    assert members_url(project) in text_of(response)
    assert archive_url(project) not in text_of(response)
    assert delete_url(project) not in text_of(response)


def test_the_task_list_offers_owners_to_archive_and_delete(owner_client, project):
    content = text_of(owner_client.get(task_list_url(project)))

    assert archive_url(project) in content
    assert delete_url(project) in content


# Archiving


def test_the_archive_page_explains_before_archiving(owner_client, project):
    response = owner_client.get(archive_url(project))

    assert response.status_code == 200
    assert_shows(response, "Archive this project?", "cannot be changed by anyone until an owner unarchives it")
    assert not _archived(project)


def test_an_owner_archives_a_project_which_becomes_read_only(owner_client, editor_client, project, caplog):
    response = owner_client.post(archive_url(project))

    assert response.status_code == 302
    assert response["Location"] == task_list_url(project)
    assert _archived(project)
    assert_shows(owner_client.get(task_list_url(project)), "This project was archived on", "Unarchive this project")
    for client in (owner_client, editor_client):
        refused = client.post(step_url(project, "need"), step_post(project, "need", problem="Changed after archiving"))
        assert refused.status_code == 403
        assert_shows(refused, str(ARCHIVED))
    assert NeedStep.objects.get(project=project).problem != "Changed after archiving"
    assert any('"event": "project.archived"' in record.getMessage() for record in caplog.records)


def test_an_archived_project_leaves_the_default_list_for_the_archived_one(owner_client, viewer_client, project):
    owner_client.post(archive_url(project))

    for client in (owner_client, viewer_client):
        assert project.title not in text_of(client.get(LIST_URL))
        assert_shows(client.get(LIST_URL + "?archived=1"), project.title)


def test_an_archived_project_can_still_be_read_by_its_members(owner_client, viewer_client, project):
    owner_client.post(archive_url(project))

    assert viewer_client.get(task_list_url(project)).status_code == 200
    assert viewer_client.get(step_url(project, "need")).status_code == 200
    assert viewer_client.get(members_url(project)).status_code == 200


def test_archiving_twice_keeps_the_first_date(owner_client, project):
    owner_client.post(archive_url(project))
    first = Project.objects.get(pk=project.pk).archived_at

    owner_client.post(archive_url(project))

    assert Project.objects.get(pk=project.pk).archived_at == first


def test_an_owner_unarchives_a_project_and_it_can_be_changed_again(owner_client, editor_client, project):
    owner_client.post(archive_url(project))
    assert_shows(owner_client.get(archive_url(project)), "Unarchive this project?")

    response = owner_client.post(unarchive_url(project))

    assert response.status_code == 302
    assert not _archived(project)
    saved = editor_client.post(step_url(project, "need"), step_post(project, "need", problem="Changed again"))
    assert saved.status_code == 302
    assert NeedStep.objects.get(project=project).problem == "Changed again"


@pytest.mark.parametrize("persona", NOT_OWNERS)
def test_editors_and_viewers_cannot_archive_or_unarchive(persona, request, project, owner_client):
    client = request.getfixturevalue(persona)

    assert client.get(archive_url(project)).status_code == 403
    assert client.post(archive_url(project)).status_code == 403
    assert not _archived(project)
    owner_client.post(archive_url(project))
    assert client.post(unarchive_url(project)).status_code == 403
    assert _archived(project)


def test_an_outsider_cannot_archive_a_project(outsider_client, project):
    assert outsider_client.post(archive_url(project)).status_code == 404
    assert not _archived(project)


def test_an_anonymous_visitor_is_sent_to_sign_in_from_the_archive_page(client, project):
    response = client.post(archive_url(project))

    assert response.status_code == 302
    assert response["Location"] == login_url_for(archive_url(project))
    assert not _archived(project)


# Deleting


def test_the_delete_page_shows_the_title_to_type(owner_client, project):
    response = owner_client.get(delete_url(project))

    assert response.status_code == 200
    assert_shows(response, "Delete this project?", "This cannot be undone", project.title)


def test_deleting_with_the_exact_title_deletes_the_project_and_everything_in_it(owner_client, project, invited, caplog):
    make_stakeholder(project, "Traffic police")
    pk = project.pk

    response = owner_client.post(delete_url(project), {"title": project.title})

    assert response.status_code == 302
    assert response["Location"] == LIST_URL
    assert not Project.objects.filter(pk=pk).exists()
    assert not Membership.objects.filter(project_id=pk).exists()
    assert not Stakeholder.objects.filter(project_id=pk).exists()
    assert not NeedStep.objects.filter(project_id=pk).exists()
    assert not Invitation.objects.exists()
    assert_shows(owner_client.get(LIST_URL), "The project Apply for a parking permit and everything in it was deleted.")
    assert any('"event": "project.deleted"' in record.getMessage() for record in caplog.records)


@pytest.mark.parametrize("typed", ["apply for a parking permit", "Apply for a parking", "Another project"])
def test_deleting_with_other_text_is_a_form_error_that_keeps_what_was_typed(owner_client, project, typed):
    response = owner_client.post(delete_url(project), {"title": typed})

    assert response.status_code == 200
    assert_shows(response, ERROR_SUMMARY, str(TITLE_MISMATCH))
    assert f'value="{typed}"' in text_of(response)
    assert Project.objects.filter(pk=project.pk).exists()


def test_deleting_without_typing_anything_is_a_form_error(owner_client, project):
    response = owner_client.post(delete_url(project), {"title": ""})

    assert_shows(response, ERROR_SUMMARY, str(TITLE_REQUIRED))
    assert Project.objects.filter(pk=project.pk).exists()


def test_an_archived_project_can_be_deleted(owner_client, project):
    owner_client.post(archive_url(project))

    response = owner_client.post(delete_url(project), {"title": project.title})

    assert response.status_code == 302
    assert not Project.objects.filter(pk=project.pk).exists()


@pytest.mark.parametrize("persona", NOT_OWNERS)
def test_editors_and_viewers_cannot_delete_a_project(persona, request, project):
    client = request.getfixturevalue(persona)

    assert client.get(delete_url(project)).status_code == 403
    assert client.post(delete_url(project), {"title": project.title}).status_code == 403
    assert Project.objects.filter(pk=project.pk).exists()


def test_an_outsider_cannot_delete_a_project(outsider_client, project):
    assert outsider_client.post(delete_url(project), {"title": project.title}).status_code == 404
    assert Project.objects.filter(pk=project.pk).exists()
