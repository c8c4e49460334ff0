"""Comments and reviews are not the project's content, yet what pages keep of them never goes stale.

Every change to a comment, a review, a decision or an approved version bumps the project's
review_revision (stage1.review.signals); the task list's open threads and document state and the
"Comments (N open)" links are kept per revision and review revision. Each test reads a page first,
so the cache holds it, then changes something and reads again.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from stage1.charter.services import charter_etag
from stage1.projects.models import Membership, Project, Role
from stage1.projects.steps import STEPS
from stage1.review.comments import comment_add, comment_resolve
from stage1.review.models import Comment
from stage1.review.selectors import Status, document_state
from tests.charter.conftest import demo  # noqa: F401  (the demo project fixture)
from tests.evaluation.factories import make_ready
from tests.review.test_review import approver, decide, submit  # noqa: F401  (the approver fixture)

pytestmark = pytest.mark.usefixtures("methodology")

STEP = STEPS[0]


def review_revision(project) -> int:
    return Project.objects.values_list("review_revision", flat=True).get(pk=project.pk)


def start(project, user, body="Who counted the 40,000 applicants?"):
    return comment_add(project=project, user=user, target="step", target_slug=STEP.slug, body=body)


def test_every_change_to_a_comment_bumps_the_review_revision_and_leaves_the_revision_alone(project, owner):
    revision = Project.objects.values_list("revision", flat=True).get(pk=project.pk)
    seen = [review_revision(project)]

    thread = start(project, owner)
    seen.append(review_revision(project))
    comment_add(project=project, user=owner, target="step", target_slug=STEP.slug, body="A reply", thread=thread)
    seen.append(review_revision(project))
    comment_resolve(comment=thread, user=owner, resolved=True, base_version=thread.version)
    seen.append(review_revision(project))
    # Also a row changed outside the services (the admin, a script).
    Comment.objects.get(pk=thread.pk).delete()
    seen.append(review_revision(project))

    assert seen == sorted(set(seen)), f"a change left the review revision as it was: {seen}"
    assert Project.objects.values_list("revision", flat=True).get(pk=project.pk) == revision


def test_a_new_thread_shows_at_once_on_a_task_list_and_a_step_page_read_before(viewer_client, project, owner):
    task_list = reverse("projects:task_list", kwargs={"slug": project.slug})
    step_page = reverse("projects:step", kwargs={"slug": project.slug, "step_slug": STEP.slug})
    assert "No comment thread is open" in viewer_client.get(task_list).content.decode()
    assert "Comments (0 open)" in viewer_client.get(step_page).content.decode()

    thread = start(project, owner, body="Is the evidence recent?")

    assert "Is the evidence recent?" in viewer_client.get(task_list).content.decode()
    assert "Comments (1 open)" in viewer_client.get(step_page).content.decode()

    comment_resolve(comment=thread, user=owner, resolved=True, base_version=thread.version)

    assert "No comment thread is open" in viewer_client.get(task_list).content.decode()
    assert "Comments (0 open)" in viewer_client.get(step_page).content.decode()


def test_a_submitted_and_approved_review_shows_at_once_on_a_task_list_read_before(demo, owner, owner_client, approver, client):  # noqa: F811
    make_ready(demo, owner)
    Membership.objects.create(project=demo, user=approver, role=Role.VIEWER, approver=True)
    task_list = reverse("projects:task_list", kwargs={"slug": demo.slug})

    def state_on_page() -> str:
        page = owner_client.get(task_list).content.decode()
        return page[page.index('id="document-state"') :].split("</p>", 1)[0]

    before = state_on_page()
    assert submit(owner_client, demo, [approver]).status_code == 302
    demo.refresh_from_db()
    in_review = document_state(demo)
    assert in_review.status == Status.IN_REVIEW
    assert in_review.status_label in state_on_page() and in_review.status_label not in before

    client.force_login(approver)
    assert decide(client, demo, approver, "approved").status_code == 302
    demo.refresh_from_db()
    approved = document_state(demo)
    assert approved.status == Status.APPROVED
    assert approved.label in state_on_page()


def test_the_charter_key_follows_a_review_and_reads_no_review_once_known(demo, owner, owner_client, approver, client):  # noqa: F811
    """Every charter request computes the charter's key, which carries the document's state: kept, not read each time."""
    make_ready(demo, owner)
    Membership.objects.create(project=demo, user=approver, role=Role.VIEWER, approver=True)
    demo.refresh_from_db()
    draft = charter_etag(demo)
    with CaptureQueriesContext(connection) as again:
        assert charter_etag(demo) == draft
    assert not [query["sql"] for query in again.captured_queries if "review_" in query["sql"]]

    assert submit(owner_client, demo, [approver]).status_code == 302
    demo.refresh_from_db()
    in_review = charter_etag(demo)
    client.force_login(approver)
    assert decide(client, demo, approver, "approved").status_code == 302
    demo.refresh_from_db()
    approved = charter_etag(demo)

    assert len({draft, in_review, approved}) == 3
