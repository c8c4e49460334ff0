"""Each review or comment event sends one message to exactly the people concerned, with a full link."""

import email
import socket
from email.policy import default as default_policy

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from stage1.projects.models import Membership, Role
from stage1.projects.steps import STEPS
from stage1.review import notifications
from stage1.review.comments import comment_add, comment_resolve
from stage1.review.models import ApprovedVersion, Decision, Outcome, Review, ReviewState
from tests.conftest import _make_user

SITE = "https://stage1.example.gov"
SERVICE = "Strategy workbench"
STEP = STEPS[0]


@pytest.fixture(autouse=True)
def _mail_settings(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.STAGE1_SITE_URL = SITE
    settings.SERVICE_NAME = SERVICE


@pytest.fixture
def second_approver(project):
    user = _make_user("bruno_board", first_name="Bruno", last_name="Board")
    Membership.objects.create(project=project, user=user, role=Role.VIEWER, approver=True)
    return user


@pytest.fixture
def review(project, owner, approver, second_approver):
    opened = Review.objects.create(
        project=project, major=0, minor=1, revision=project.revision, submitted_by=owner, note="Please look at the stakeholders."
    )
    for user in (approver, second_approver):
        Decision.objects.create(review=opened, approver=user)
    return opened


def approve(review, user, **extra):
    decision = review.decisions.get(approver=user)
    decision.outcome = Outcome.APPROVED
    decision.signed_name = "April Approver"
    decision.signed_role = "Director of digital services"
    decision.decided_at = timezone.now()
    decision.revision = review.revision
    for name, value in extra.items():
        setattr(decision, name, value)
    decision.save()
    return decision


def only_message():
    assert len(mail.outbox) == 1, [m.subject for m in mail.outbox]
    return mail.outbox[0]


def review_link(project):
    return SITE + reverse("review:review", kwargs={"slug": project.slug})


def test_a_submission_goes_to_every_approver(review, approver, second_approver, project):
    notifications.submitted(review)

    message = only_message()
    assert sorted(message.recipients()) == sorted([approver.email, second_approver.email])
    assert message.subject.startswith(f"{SERVICE}: ")
    assert project.title in message.subject
    assert review_link(project) in message.body
    assert "Please look at the stakeholders." in message.body


def test_one_approval_goes_to_the_owners_and_the_submitter(review, approver, owner, editor, project):
    second_owner = _make_user("olga_owner")
    Membership.objects.create(project=project, user=second_owner, role=Role.OWNER)
    review.submitted_by = editor
    review.save()

    notifications.approved_by_one(review, approve(review, approver))

    message = only_message()
    assert sorted(message.recipients()) == sorted([owner.email, second_owner.email, editor.email])
    assert "Director of digital services" in message.body
    assert review_link(project) in message.body


def test_the_approval_goes_to_owners_submitter_and_every_approver(review, approver, second_approver, owner, project):
    approve(review, approver)
    approve(review, second_approver)
    review.state = ReviewState.APPROVED
    review.save()
    version = ApprovedVersion.objects.create(
        project=project, review=review, major=1, revision=review.revision, approved_at=timezone.now(), pdf=b"%PDF", fingerprint="0" * 64
    )

    notifications.approved(review, version)

    message = only_message()
    assert sorted(message.recipients()) == sorted([owner.email, approver.email, second_approver.email])
    assert "1.0" in message.subject


def test_a_request_for_changes_goes_to_owners_and_submitter_with_the_reason(review, approver, owner):
    decision = approve(review, approver, outcome=Outcome.CHANGES_REQUESTED, reason="Name the data protection officer.")

    notifications.changes_requested(review, decision)

    message = only_message()
    assert message.recipients() == [owner.email]
    assert "Name the data protection officer." in message.body


def test_a_new_thread_goes_to_the_owners_but_not_its_author(project, owner, editor, viewer, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        comment = comment_add(project=project, user=viewer, target="step", target_slug=STEP.slug, body="Who counted them?")

    message = only_message()
    assert message.recipients() == [owner.email]
    url = SITE + reverse("comments:page", kwargs={"slug": project.slug, "target": "step", "target_slug": STEP.slug})
    assert f"{url}#thread-{comment.pk}" in message.body
    assert "Who counted them?" in message.body


def test_a_reply_goes_to_owners_and_earlier_participants_and_to_approvers_while_a_review_is_open(
    project, owner, editor, viewer, review, approver, second_approver, django_capture_on_commit_callbacks
):
    thread = comment_add(project=project, user=viewer, target="rule", target_slug="need", body="Is the evidence recent?")
    comment_add(project=project, user=editor, target="rule", target_slug="need", body="From 2024.", thread=thread)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        comment_add(project=project, user=owner, target="rule", target_slug="need", body="Thanks, noted.", thread=thread)

    message = only_message()
    assert sorted(message.recipients()) == sorted([viewer.email, editor.email, approver.email, second_approver.email])
    assert f"#thread-{thread.pk}" in message.body


def test_approvers_of_a_closed_review_are_not_told_of_comments(project, owner, viewer, review, django_capture_on_commit_callbacks):
    review.state = ReviewState.WITHDRAWN
    review.save()

    with django_capture_on_commit_callbacks(execute=True):
        comment_add(project=project, user=viewer, target="step", target_slug=STEP.slug, body="A remark")

    assert only_message().recipients() == [owner.email]


def test_resolving_a_thread_tells_who_wrote_in_it_but_not_who_resolved_it(
    project, owner, editor, viewer, django_capture_on_commit_callbacks
):
    thread = comment_add(project=project, user=viewer, target="step", target_slug=STEP.slug, body="A remark")
    comment_add(project=project, user=owner, target="step", target_slug=STEP.slug, body="Agreed", thread=thread)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        comment_resolve(comment=thread, user=editor, resolved=True, base_version=thread.version)

    assert sorted(only_message().recipients()) == sorted([viewer.email, owner.email])


def test_nobody_without_an_email_address_or_no_longer_a_member_is_written_to(review, approver, second_approver):
    approver.email = ""
    approver.save()
    Membership.objects.filter(user=second_approver).delete()

    notifications.submitted(review)

    assert mail.outbox == []


def test_a_failure_to_send_is_logged_and_does_not_raise(review, settings, caplog):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", _free_port(), 2

    notifications.submitted(review)

    assert "Could not send the submitted notification" in caplog.text


def test_a_comment_posted_on_the_page_sends_its_message_after_the_save(viewer_client, project, owner, django_capture_on_commit_callbacks):
    url = reverse("comments:page", kwargs={"slug": project.slug, "target": "step", "target_slug": STEP.slug})

    with django_capture_on_commit_callbacks(execute=True):
        viewer_client.post(url, {"new-body": "Sent from the page"})

    assert only_message().recipients() == [owner.email]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class _Inbox:
    def __init__(self):
        self.envelopes = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 (aiosmtpd's hook name)
        self.envelopes.append(envelope)
        return "250 Message accepted for delivery"


@pytest.fixture
def smtp_server(settings):
    from aiosmtpd.controller import Controller

    inbox = _Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=_free_port())
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = controller.hostname, controller.port
    settings.EMAIL_USE_TLS, settings.EMAIL_HOST_USER, settings.EMAIL_HOST_PASSWORD = False, "", ""
    yield inbox
    controller.stop()


def test_a_submission_reaches_a_real_smtp_server(smtp_server, review, approver, second_approver, project):
    notifications.submitted(review)

    assert len(smtp_server.envelopes) == 1
    envelope = smtp_server.envelopes[0]
    assert sorted(envelope.rcpt_tos) == sorted([approver.email, second_approver.email])
    message = email.message_from_bytes(envelope.content, policy=default_policy)
    assert message["Subject"].startswith(f"{SERVICE}: ")
    assert project.title in message["Subject"]
    assert review_link(project) in message.get_content()
