"""The demo as `make run` loads it shows the whole review story: an action plan, comment threads, an approved
version 1.0 with its frozen charter, and a Draft 1.1 on top."""

from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.management import call_command

from stage1.demo.project import SLUG
from stage1.demo.review import OPEN_QUESTION, QUESTION, SPONSOR_ROLE
from stage1.evaluation.models import Action
from stage1.history.changes import changed_since
from stage1.projects.models import Project
from stage1.projects.steps import NEED
from stage1.review.models import ApprovedVersion, Comment, Outcome
from stage1.review.selectors import Status, document_state
from tests.charter.pdfs import pdf_text


@pytest.fixture
def loaded(db, settings):
    settings.DEBUG = True
    call_command("load_demo", stdout=StringIO())
    return Project.objects.get(slug=SLUG)


def test_the_demo_is_draft_1_1_on_top_of_an_approved_version_1_0(loaded):
    state = document_state(loaded)
    assert (state.status, state.label) == (Status.DRAFT, "Draft 1.1")
    assert state.approved.major == 1
    changed = dict(changed_since(loaded, state.approved.approved_at))
    assert str(NEED.title) in changed


def test_version_1_0_was_approved_by_the_demo_sponsor_and_its_charter_says_so(loaded, worker):
    worker.run_all()  # the worker renders the approved charter from the HTML frozen at approval
    approved = ApprovedVersion.objects.get(project=loaded)
    sponsor = get_user_model().objects.get(username="demo-sponsor")
    [decision] = approved.review.decisions.all()
    assert (decision.approver, decision.outcome, decision.signed_role) == (sponsor, Outcome.APPROVED, SPONSOR_ROLE)
    text = pdf_text(bytes(approved.pdf))
    assert "Version 1.0" in text
    assert sponsor.get_full_name() in text and SPONSOR_ROLE in text.replace("\n", " ")
    assert approved.fingerprint in text


def test_the_demo_has_an_action_plan_and_comment_threads_one_resolved_one_open(loaded):
    actions = Action.objects.filter(project=loaded)
    assert actions.filter(done_on__isnull=True).exists() and actions.filter(done_on__isnull=False).exists()
    threads = Comment.objects.filter(project=loaded, thread__isnull=True)
    resolved = threads.get(body=QUESTION)
    assert resolved.is_resolved and resolved.replies.exists()
    assert not threads.get(body=OPEN_QUESTION).is_resolved


def test_loading_the_demo_tells_nobody_by_email(loaded):
    assert mail.outbox == []
