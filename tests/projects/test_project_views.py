"""Your projects, starting one, the task list and check your answers."""

import pytest
from django.urls import reverse

from stage1.projects.models import Membership, NeedStep, Project, Role
from stage1.projects.services import project_create
from stage1.projects.steps import STEPS
from tests.projects.factories import STEP_ANSWERS, step_post
from tests.projects.helpers import (
    ERROR_SUMMARY,
    assert_shows,
    check_answers_url,
    login_url_for,
    step_url,
    task_list_url,
    text_of,
)

pytestmark = pytest.mark.django_db

LIST_URL = reverse("projects:list")
NEW_URL = reverse("projects:new")


# Your projects


def test_the_project_list_shows_the_users_projects_with_their_progress(owner_client, project, outsider):
    project_create(user=outsider, title="Someone else's service", organisation="Elsewhere")

    response = owner_client.get(LIST_URL)

    assert response.status_code == 200
    assert_shows(response, project.title, project.organisation, f"0 of {len(STEPS)} rules completed", "Owner")
    assert "Someone else" not in text_of(response)


def test_the_project_list_counts_completed_rules(owner_client, owner, project):
    owner_client.post(step_url(project, "need"), step_post(project, "need"))

    response = owner_client.get(LIST_URL)

    assert_shows(response, f"1 of {len(STEPS)} rules completed")


def test_the_project_list_shows_a_viewer_their_role(viewer_client, project):
    response = viewer_client.get(LIST_URL)

    assert_shows(response, project.title, "Viewer")


def test_an_outsider_does_not_see_other_teams_projects(outsider_client, project):
    response = outsider_client.get(LIST_URL)

    assert response.status_code == 200
    assert project.title not in text_of(response)
    assert "You are not a member of any project yet" in text_of(response)


def test_an_anonymous_visitor_is_sent_to_login_from_the_project_list(client):
    response = client.get(LIST_URL)

    assert response.status_code == 302
    assert response["Location"] == login_url_for(LIST_URL)


# Starting a project


def test_the_new_project_form_is_shown(outsider_client):
    response = outsider_client.get(NEW_URL)

    assert response.status_code == 200
    assert "Start a new project" in text_of(response)


def test_creating_a_project_makes_the_user_its_owner_and_opens_the_task_list(outsider_client, outsider):
    response = outsider_client.post(
        NEW_URL, {"title": "Report a pothole", "organisation": "City of Example", "language": "en", "description": "Roads fixed sooner."}
    )

    created = Project.objects.get(title="Report a pothole")
    assert response.status_code == 302
    assert response["Location"] == task_list_url(created)
    assert created.organisation == "City of Example"
    assert created.description == "Roads fixed sooner."
    assert Membership.objects.get(project=created).user == outsider
    assert Membership.objects.get(project=created).role == Role.OWNER
    for step in STEPS:
        assert step.model.objects.filter(project=created).count() == 1
    assert outsider_client.get(response["Location"]).status_code == 200


def test_two_projects_with_the_same_title_get_different_addresses(outsider_client):
    outsider_client.post(NEW_URL, {"title": "Report a pothole", "organisation": "A", "language": "en"})
    outsider_client.post(NEW_URL, {"title": "Report a pothole", "organisation": "B", "language": "en"})

    slugs = set(Project.objects.values_list("slug", flat=True))
    assert len(slugs) == 2


def test_an_invalid_project_shows_the_error_summary_and_keeps_what_was_typed(outsider_client):
    typed = {"title": "", "organisation": "O" * 201, "language": "en", "description": "Kept <exactly> as typed"}

    response = outsider_client.post(NEW_URL, typed)

    assert response.status_code == 200
    assert "govuk-error-summary" in text_of(response)
    assert ERROR_SUMMARY in text_of(response)
    assert_shows(response, typed["organisation"], typed["description"])
    assert not Project.objects.exists()


def test_a_nul_byte_in_a_project_title_is_a_form_error(outsider_client):
    response = outsider_client.post(NEW_URL, {"title": "Bad\x00title", "organisation": "City", "language": "en"})

    assert response.status_code == 200
    assert ERROR_SUMMARY in text_of(response)
    assert not Project.objects.exists()


def test_a_project_titled_new_still_opens_its_task_list(outsider_client):
    response = outsider_client.post(NEW_URL, {"title": "New", "organisation": "City", "language": "en"}, follow=True)

    assert response.status_code == 200
    assert "projects/task_list.html" in [template.name for template in response.templates]


def test_an_anonymous_visitor_is_sent_to_login_from_the_new_project_form(client):
    response = client.post(NEW_URL, {"title": "Sneaky", "organisation": "X", "language": "en"})

    assert response.status_code == 302
    assert response["Location"] == login_url_for(NEW_URL)
    assert not Project.objects.exists()


# Task list


@pytest.mark.parametrize("persona", ["owner_client", "editor_client", "viewer_client"])
def test_members_see_the_task_list_with_every_rule(request, persona, project, methodology):
    response = request.getfixturevalue(persona).get(task_list_url(project))

    assert response.status_code == 200
    assert_shows(response, project.title, f"You have completed 0 of {len(STEPS)} golden rules.")
    content = text_of(response)
    for step in STEPS:
        assert step_url(project, step.slug) in content
    assert content.count("Not started") == len(STEPS)


def test_the_task_list_tells_a_viewer_they_can_only_read(viewer_client, project):
    response = viewer_client.get(task_list_url(project))

    assert "You can read this project but not change it." in text_of(response)


def test_the_task_list_shows_a_saved_draft_as_in_progress_and_a_complete_step_as_completed(owner_client, project):
    owner_client.post(step_url(project, "objective"), step_post(project, "objective", action="return"))
    owner_client.post(step_url(project, "need"), step_post(project, "need", action="return"))

    response = owner_client.get(task_list_url(project))

    content = text_of(response)
    assert content.count("In progress") == 1  # objective: no success indicator yet
    assert "Completed" in content
    assert f"You have completed 1 of {len(STEPS)} golden rules." in content


def test_an_outsider_gets_404_for_the_task_list(outsider_client, project):
    assert outsider_client.get(task_list_url(project)).status_code == 404


@pytest.mark.parametrize("page", [task_list_url, check_answers_url], ids=["task-list", "check-your-answers"])
def test_the_read_only_pages_refuse_a_post_after_the_membership_check(owner_client, outsider_client, project, page):
    assert owner_client.post(page(project)).status_code == 405
    assert outsider_client.post(page(project)).status_code == 404


def test_an_unknown_project_is_404(owner_client):
    assert owner_client.get(reverse("projects:task_list", kwargs={"slug": "no-such-project"})).status_code == 404


def test_an_anonymous_visitor_is_sent_to_login_from_the_task_list_and_back(client, project):
    url = task_list_url(project)

    response = client.get(url)

    assert response.status_code == 302
    assert response["Location"] == login_url_for(url)


# Check your answers


@pytest.mark.parametrize("persona", ["owner_client", "editor_client", "viewer_client"])
def test_members_see_check_your_answers(request, persona, project, methodology):
    NeedStep.objects.filter(project=project).update(problem=STEP_ANSWERS["need"]["problem"])

    response = request.getfixturevalue(persona).get(check_answers_url(project))

    assert response.status_code == 200
    assert_shows(response, "Check your answers", STEP_ANSWERS["need"]["problem"])


def test_check_your_answers_offers_change_links_to_writers(editor_client, project):
    response = editor_client.get(check_answers_url(project))

    assert f'href="{step_url(project, "need")}?from=check#id_problem"' in text_of(response)


def test_check_your_answers_offers_no_change_links_to_a_viewer(viewer_client, project):
    response = viewer_client.get(check_answers_url(project))

    content = text_of(response)
    for step in STEPS:
        assert f'href="{step_url(project, step.slug)}#' not in content


def test_an_outsider_gets_404_for_check_your_answers(outsider_client, project):
    assert outsider_client.get(check_answers_url(project)).status_code == 404


def test_an_anonymous_visitor_is_sent_to_login_from_check_your_answers(client, project):
    url = check_answers_url(project)

    response = client.get(url)

    assert response.status_code == 302
    assert response["Location"] == login_url_for(url)
