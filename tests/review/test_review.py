"""Review and approval: submit, approve or ask for changes, the frozen approved version, and Draft 1.1 after it."""

from html import unescape
from unittest import mock

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from stage1.projects.models import Membership, Role
from stage1.projects.services import project_touch
from stage1.review.models import ApprovedVersion, Decision, Outcome, Review, ReviewState
from stage1.review.selectors import Status, document_state
from tests.charter.conftest import demo  # noqa: F401  (the demo project fixture)
from tests.charter.pdfs import pdf_text
from tests.evaluation.factories import make_ready, set_answers


@pytest.fixture
def approver(db):
    return get_user_model().objects.create_user("approver", email="sponsor@example.org", first_name="Maria", last_name="Lopes")


@pytest.fixture
def approver_client(client, approver):
    client.force_login(approver)
    return client


@pytest.fixture
def ready(demo, owner, approver):  # noqa: F811
    """The demo project, ready for review, with a sponsor who reads and approves (a viewer marked as approver)."""
    make_ready(demo, owner)
    Membership.objects.create(project=demo, user=approver, role=Role.VIEWER, approver=True)
    return demo


def review_url(project) -> str:
    return reverse("review:review", kwargs={"slug": project.slug})


def submit(client, project, approvers, note=""):
    project.refresh_from_db()
    memberships = Membership.objects.filter(project=project, user__in=approvers)
    data = {"intent": "submit", "revision": str(project.revision), "note": note, "approvers": [str(m.pk) for m in memberships]}
    return client.post(review_url(project), data)


def decide(client, project, user, outcome, name="Maria Lopes", role="Deputy Mayor", reason="", revision=None):
    project.refresh_from_db()
    decision = Decision.objects.get(review__project=project, review__state=ReviewState.OPEN, approver=user)
    data = {
        "intent": "decide",
        "outcome": outcome,
        "signed_name": name,
        "signed_role": role,
        "reason": reason,
        "revision": str(project.revision if revision is None else revision),
        "base_version": str(decision.version),
    }
    return client.post(review_url(project), data)


def state(project):
    project.refresh_from_db()
    return document_state(project)


def test_a_project_not_ready_cannot_be_submitted(demo, owner, owner_client, approver):  # noqa: F811
    Membership.objects.create(project=demo, user=approver, role=Role.VIEWER, approver=True)

    response = submit(owner_client, demo, [approver])

    assert response.status_code == 200
    assert "The project is not ready for review yet" in unescape(response.text)
    assert not Review.objects.exists()
    assert state(demo).label == "Draft 0.1"


def test_the_owner_submits_draft_0_1_to_the_chosen_approvers(ready, owner_client, approver):
    response = submit(owner_client, ready, [approver], note="First full draft")

    assert response.status_code == 302
    review = Review.objects.get(project=ready)
    assert (review.major, review.minor, review.state, review.note) == (0, 1, ReviewState.OPEN, "First full draft")
    assert [d.approver for d in review.decisions.all()] == [approver]
    current = state(ready)
    assert (current.status, current.label) == (Status.IN_REVIEW, "Draft 0.1")


@pytest.mark.parametrize("persona", ["editor_client", "viewer_client"])
def test_only_owners_submit(ready, approver, persona, request):
    response = submit(request.getfixturevalue(persona), ready, [approver])
    assert response.status_code == 403
    assert not Review.objects.exists()


def test_an_outsider_does_not_see_the_review_page(ready, outsider_client):
    assert outsider_client.get(review_url(ready)).status_code == 404


def test_approvers_are_chosen_among_members_marked_as_approvers(ready, owner_client, editor):
    # The editor is a member but not marked as approver: the form does not offer them.
    response = submit(owner_client, ready, [editor])
    assert response.status_code == 200
    assert "Who approves it must be one of the options shown" in unescape(response.text)
    assert not Review.objects.exists()


def test_a_viewer_who_is_not_an_approver_cannot_decide(ready, owner_client, approver, viewer_client):
    submit(owner_client, ready, [approver])
    ready.refresh_from_db()
    data = {
        "intent": "decide",
        "outcome": "approved",
        "signed_name": "V",
        "signed_role": "R",
        "revision": str(ready.revision),
        "base_version": "1",
    }
    assert viewer_client.post(review_url(ready), data).status_code == 403


def test_the_approver_approves_and_the_revision_is_frozen_with_its_charter(ready, owner_client, approver, approver_client, worker):
    submit(owner_client, ready, [approver])

    response = decide(approver_client, ready, approver, Outcome.APPROVED, name="Maria Lopes", role="Deputy Mayor for Mobility")

    assert response.status_code == 302
    current = state(ready)
    assert (current.status, current.label) == (Status.APPROVED, "Version 1.0")
    approved = ApprovedVersion.objects.get(project=ready)
    assert (approved.major, approved.revision) == (1, ready.revision)
    # The approved content is frozen at approval; the worker renders it, never the request.
    assert approved.rendered_at is None and bytes(approved.pdf) == b""
    assert approved.fingerprint in approved.html
    url = reverse("review:approved_pdf", kwargs={"slug": ready.slug, "major": 1})
    waiting = owner_client.get(url)
    assert waiting.status_code == 202
    assert "Preparing the approved charter" in waiting.text
    worker.run()
    approved.refresh_from_db()
    text = pdf_text(bytes(approved.pdf))
    assert "Version 1.0" in text
    assert "Maria Lopes" in text and "Deputy Mayor for Mobility" in text
    assert approved.fingerprint in text
    downloads = [owner_client.get(url), approver_client.get(url)]
    assert [d.status_code for d in downloads] == [200, 200]
    assert downloads[0].content == downloads[1].content == bytes(approved.pdf)
    assert downloads[0]["X-Charter-Fingerprint"] == approved.fingerprint


def test_the_approved_html_names_the_approval_even_when_pages_kept_the_state_in_review(ready, owner_client, approver, approver_client):
    """The review page and the task list keep the document's state per review revision; the approval that freezes
    the charter must not read what they kept while the review was open."""
    submit(owner_client, ready, [approver])
    for client in (owner_client, approver_client):
        assert client.get(review_url(ready)).status_code == 200
        assert client.get(reverse("projects:task_list", kwargs={"slug": ready.slug})).status_code == 200

    decide(approver_client, ready, approver, Outcome.APPROVED, name="Maria Lopes", role="Deputy Mayor for Mobility")

    approved = ApprovedVersion.objects.get(project=ready)
    html = unescape(approved.html)
    assert "Version 1.0" in html
    assert "ready for review" not in html.lower()
    assert "Maria Lopes" in html and "Deputy Mayor for Mobility" in html


def test_the_approved_pdf_is_the_html_frozen_at_approval_even_if_the_project_changes_before_the_worker_runs(
    ready, owner_client, approver, approver_client, worker
):
    submit(owner_client, ready, [approver])
    decide(approver_client, ready, approver, Outcome.APPROVED)
    set_answers(ready, "need", legal_basis="Municipal Parking Regulation 2027/3")
    project_touch(ready)

    worker.run_all()

    text = pdf_text(bytes(ApprovedVersion.objects.get(project=ready).pdf))
    assert "Version 1.0" in text
    assert "Municipal Parking Regulation 2027/3" not in text


def test_a_failed_render_of_the_approved_charter_offers_try_again(ready, owner_client, approver, approver_client, worker, monkeypatch):
    from stage1.charter import services

    submit(owner_client, ready, [approver])
    decide(approver_client, ready, approver, Outcome.APPROVED)
    monkeypatch.setattr(services, "html_to_pdf", mock.Mock(side_effect=RuntimeError("renderer down")))
    url = reverse("review:approved_pdf", kwargs={"slug": ready.slug, "major": 1})
    owner_client.get(url)
    worker.run_all()

    page = owner_client.get(url)
    assert page.status_code == 200 and "Try again" in page.text
    monkeypatch.undo()
    retry = reverse("review:approved_pdf_retry", kwargs={"slug": ready.slug, "major": 1})
    assert owner_client.post(retry).url == url
    worker.run()
    assert owner_client.get(url)["Content-Type"] == "application/pdf"


def test_an_approval_needs_a_name_and_a_role_and_a_request_for_changes_a_reason(ready, owner_client, approver, approver_client):
    submit(owner_client, ready, [approver])

    page = unescape(decide(approver_client, ready, approver, Outcome.APPROVED, name="", role="").text)
    assert "Enter your name as it will be printed on the charter" in page and "Enter your role or title" in page
    page = unescape(decide(approver_client, ready, approver, Outcome.CHANGES_REQUESTED, reason="").text)
    assert "Enter what needs to change" in page
    assert Decision.objects.get(approver=approver).outcome == Outcome.PENDING


def test_asking_for_changes_makes_the_project_draft_0_2(ready, owner_client, approver, approver_client):
    submit(owner_client, ready, [approver])

    decide(approver_client, ready, approver, Outcome.CHANGES_REQUESTED, reason="Name the data protection officer")

    review = Review.objects.get(project=ready)
    assert review.state == ReviewState.CHANGES_REQUESTED
    current = state(ready)
    assert (current.status, current.label) == (Status.DRAFT, "Draft 0.2")


def test_a_decision_on_a_revision_someone_changed_since_is_refused(ready, owner_client, approver, approver_client):
    submit(owner_client, ready, [approver])
    ready.refresh_from_db()
    seen = ready.revision
    project_touch(ready)

    response = decide(approver_client, ready, approver, Outcome.APPROVED, revision=seen)

    assert response.status_code == 409
    page = unescape(response.text)
    assert "The project was changed after you opened this page" in page
    assert "Deputy Mayor" in page  # what the approver typed is kept
    assert Decision.objects.get(approver=approver).outcome == Outcome.PENDING


def test_an_approval_given_before_a_later_save_must_be_given_again(ready, owner_client, approver, approver_client, editor):
    Membership.objects.filter(project=ready, user=editor).update(approver=True)
    submit(owner_client, ready, [approver, editor])
    decide(approver_client, ready, approver, Outcome.APPROVED)
    project_touch(ready)

    owner_client.force_login(editor)
    decide(owner_client, ready, editor, Outcome.APPROVED, name="Eddie", role="Head of unit")
    assert state(ready).status == Status.IN_REVIEW

    decide(approver_client, ready, approver, Outcome.APPROVED)
    assert state(ready).status == Status.APPROVED


def test_a_change_after_approval_starts_draft_1_1_and_keeps_version_1_0_unchanged(
    ready, owner_client, approver, approver_client, editor, worker
):
    submit(owner_client, ready, [approver])
    decide(approver_client, ready, approver, Outcome.APPROVED)
    worker.run()
    frozen = bytes(ApprovedVersion.objects.get(project=ready).pdf)

    set_answers(ready, "need", legal_basis="Municipal Parking Regulation 2027/3")
    project_touch(ready)

    current = state(ready)
    assert (current.status, current.label) == (Status.DRAFT, "Draft 1.1")
    page = unescape(owner_client.get(review_url(ready)).text)
    assert "Changed since version 1.0" in page
    assert "The need" in page
    download = owner_client.get(reverse("review:approved_pdf", kwargs={"slug": ready.slug, "major": 1}))
    assert download.content == frozen


def test_each_step_of_a_review_emails_the_people_concerned_once(
    ready, owner, owner_client, approver, approver_client, django_capture_on_commit_callbacks, mailoutbox
):
    with django_capture_on_commit_callbacks(execute=True):
        submit(owner_client, ready, [approver])
    [submitted] = mailoutbox
    assert submitted.to == [approver.email]
    assert review_url(ready) in submitted.body

    with django_capture_on_commit_callbacks(execute=True):
        decide(approver_client, ready, approver, Outcome.CHANGES_REQUESTED, reason="Name the data protection officer")
    [_submitted, sent_back] = mailoutbox
    assert sent_back.to == [owner.email]
    assert "Name the data protection officer" in sent_back.body

    with django_capture_on_commit_callbacks(execute=True):
        submit(owner_client, ready, [approver])
        decide(approver_client, ready, approver, Outcome.APPROVED)
    *_earlier, resubmitted, approved = mailoutbox
    assert resubmitted.to == [approver.email]
    assert sorted(approved.to) == sorted([owner.email, approver.email])
    assert "1.0" in approved.subject + approved.body


def test_deciding_on_a_review_withdrawn_meanwhile_says_so_and_records_nothing(ready, owner_client, approver, approver_client):
    submit(owner_client, ready, [approver])
    review = Review.objects.get(project=ready)
    decision = Decision.objects.get(review=review, approver=approver)
    owner_client.post(review_url(ready), {"intent": "withdraw", "base_version": str(review.version)})
    ready.refresh_from_db()
    data = {
        "intent": "decide",
        "outcome": "approved",
        "signed_name": "Maria Lopes",
        "signed_role": "Deputy Mayor",
        "revision": str(ready.revision),
        "base_version": str(decision.version),
    }

    response = approver_client.post(review_url(ready), data)

    assert response.status_code == 409
    assert "This review was closed meanwhile" in unescape(response.text)
    assert Decision.objects.get(pk=decision.pk).outcome == Outcome.PENDING
    assert Review.objects.get(pk=review.pk).state == ReviewState.WITHDRAWN
