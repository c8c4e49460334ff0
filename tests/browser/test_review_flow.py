"""Review and approval in a real browser: submit, comment, resolve, approve, download version 1.0, then Draft 1.1 on top."""

import re
import subprocess

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from playwright.sync_api import expect

from stage1.demo.project import ensure_demo_project
from stage1.projects.models import Membership, Role
from stage1.projects.steps import STEPS
from stage1.review.models import ApprovedVersion, Decision, Outcome
from tests.browser.conftest import axe_check, download_through_preparing_page, login, screenshot
from tests.conftest import PASSWORD
from tests.evaluation.factories import make_ready

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

WIDE = {"width": 1280, "height": 800}
NARROW = {"width": 320, "height": 640}

APPROVER_NAME = "Maria Lopes"
APPROVER_ROLE = "Deputy Mayor for Mobility"
QUESTION = "Who speaks for the residents who park on the street without a permit?"
ANSWER = "The Residents' Federation does; its contact is listed in the stakeholders."
LEGAL_BASIS = "Municipal Parking Regulation 2027/3, art. 4"


def _checked(page, name: str) -> None:
    """axe-core at 1280 px, then no sideways scroll at 320 px (WCAG 1.4.10); the window is wide again afterwards."""
    page.set_viewport_size(WIDE)
    axe_check(page)
    page.set_viewport_size(NARROW)
    scroll_width, client_width = page.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
    if scroll_width > client_width:
        shot = screenshot(page, f"{name}-320px")
        pytest.fail(f"{page.url} is {scroll_width} px wide in a {client_width} px window at 320 px. See {shot}", pytrace=False)
    page.set_viewport_size(WIDE)
    screenshot(page, name)


def _pdf_text(pdf: bytes) -> str:
    """pdftotext's reading of the PDF, with line breaks and bidi isolates out of the way of the values looked for."""
    text = subprocess.run(["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True).stdout.decode()
    return re.sub(r"\s+", " ", re.sub(r"[\u2066-\u2069]", "", text))


def _download(page, link_name) -> bytes:
    # The worker renders the approved charter; until it has, the link shows the preparing page, which refreshes itself.
    return download_through_preparing_page(page, link_name)


def test_a_charter_is_submitted_commented_resolved_approved_and_changed_after_approval(
    browser, live_server, pdf_worker, methodology, owner, editor, viewer
):
    demo = ensure_demo_project(owner=owner, editor=editor, viewer=viewer)
    make_ready(demo, owner)
    # The sponsor only reads the project: a viewer, whom the owner marks as approver below.
    approver = get_user_model().objects.create_user(
        "maria_sponsor", email="sponsor@example.org", password=PASSWORD, first_name="Maria", last_name="Lopes"
    )
    membership = Membership.objects.create(project=demo, user=approver, role=Role.VIEWER)
    task_list = live_server.url + reverse("projects:task_list", kwargs={"slug": demo.slug})
    review = live_server.url + reverse("review:review", kwargs={"slug": demo.slug})

    # 1. The owner marks the sponsor as approver, then submits Draft 0.1 to them from the task list.
    owner_page = browser.new_context(accept_downloads=True, viewport=WIDE).new_page()
    login(owner_page, live_server, owner)
    owner_page.goto(live_server.url + reverse("members:role", kwargs={"slug": demo.slug, "member_pk": membership.pk}))
    owner_page.get_by_label("Approves the project charter").check()
    owner_page.get_by_role("button", name="Change role").click()
    expect(owner_page.get_by_role("row", name=re.compile(APPROVER_NAME))).to_contain_text("Approver")
    membership.refresh_from_db()
    assert (membership.role, membership.approver) == (Role.VIEWER, True)

    owner_page.goto(task_list)
    expect(owner_page.locator("#readiness")).to_contain_text("Ready for review")
    _checked(owner_page, "review-flow-task-list-ready")
    owner_page.get_by_role("link", name=re.compile("^Review and approval")).click()
    expect(owner_page.get_by_role("heading", level=1)).to_have_text("Review and approval")
    expect(owner_page.locator("#document-label")).to_have_text("Draft 0.1")
    _checked(owner_page, "review-flow-review-ready")
    owner_page.get_by_label(APPROVER_NAME).check()
    owner_page.get_by_label("Note to the approvers").fill("First full draft, for the steering board of March.")
    owner_page.get_by_role("button", name="Submit Draft 0.1 for review").click()
    expect(owner_page.get_by_role("heading", name="Draft 0.1 is in review")).to_be_visible()
    expect(owner_page.locator("#decisions")).to_contain_text(APPROVER_NAME)
    expect(owner_page.locator("#decisions")).to_contain_text("Waiting")
    _checked(owner_page, "review-flow-review-in-review")

    # 2. The approver signs in, opens the review, goes to the stakeholders step and asks a question there.
    approver_page = browser.new_context(accept_downloads=True, viewport=WIDE).new_page()
    login(approver_page, live_server, approver)
    approver_page.goto(review)
    expect(approver_page.get_by_role("heading", name="Draft 0.1 is in review")).to_be_visible()
    expect(approver_page.get_by_role("heading", name="Your decision")).to_be_visible()
    approver_page.get_by_role("link", name="Back to the task list").click()
    approver_page.locator(f'a[href="{reverse("projects:step", kwargs={"slug": demo.slug, "step_slug": "stakeholders"})}"]').click()
    approver_page.get_by_role("link", name="Comments (0 open)").click()
    expect(approver_page.get_by_role("heading", level=1)).to_contain_text("Comments on")
    approver_page.get_by_label("Comment").fill(QUESTION)
    approver_page.get_by_role("button", name="Add comment").click()
    expect(approver_page.locator("#open-threads")).to_have_text("1 open thread")
    expect(approver_page.locator(".govuk-summary-card").first).to_contain_text(QUESTION)
    _checked(approver_page, "review-flow-comments-open")

    # 3. The owner finds the open thread on the task list, answers it and resolves it.
    owner_page.goto(task_list)
    expect(owner_page.locator("#open-comments")).to_contain_text(APPROVER_NAME)
    _checked(owner_page, "review-flow-task-list-open-thread")
    owner_page.locator("#open-comments").get_by_role("link").first.click()
    expect(owner_page.get_by_text(QUESTION)).to_be_visible()
    owner_page.get_by_label("Your reply").fill(ANSWER)
    owner_page.get_by_role("button", name="Reply").click()
    expect(owner_page.locator(".govuk-summary-card").first).to_contain_text(ANSWER)
    owner_page.get_by_role("button", name="Mark this thread as resolved").click()
    expect(owner_page.locator("#open-threads")).to_have_text("0 open threads")
    expect(owner_page.locator("#resolved-threads")).to_have_text("1 resolved thread")
    expect(owner_page.get_by_text(re.compile(r"^Resolved by Oscar Owner on"))).to_be_visible()
    _checked(owner_page, "review-flow-comments-resolved")
    owner_page.goto(task_list)
    expect(owner_page.locator("#open-comments")).to_contain_text("No comment thread is open")

    # 4. The approver approves, with their name and the role they type.
    approver_page.goto(review)
    approver_page.get_by_label("Approve this version").check()
    approver_page.get_by_label("Your name").fill(APPROVER_NAME)
    approver_page.get_by_label("Your role or title").fill(APPROVER_ROLE)
    approver_page.get_by_role("button", name="Record my decision").click()
    expect(approver_page.get_by_role("alert", name="Success")).to_contain_text("this is now version 1.0")
    expect(approver_page.locator("#document-state")).to_contain_text("Approved")
    expect(approver_page.locator("#document-label")).to_contain_text("Version 1.0")
    _checked(approver_page, "review-flow-review-approved")

    decision = Decision.objects.get(review__project=demo, approver=approver)
    assert (decision.outcome, decision.signed_name, decision.signed_role) == (Outcome.APPROVED, APPROVER_NAME, APPROVER_ROLE)
    approved = ApprovedVersion.objects.get(project=demo, major=1)
    approved_on = date_format(timezone.localtime(decision.decided_at), "j F Y")

    # 5. Version 1.0's charter, downloaded through the page's link, names the approval and binds to its content.
    owner_page.goto(review)
    expect(owner_page.locator("#document-label")).to_have_text(f"Version 1.0, approved on {approved_on}")
    expect(owner_page.locator("#approved-versions")).to_contain_text(f"Fingerprint {approved.fingerprint}")
    version_link = f"Version 1.0, approved on {approved_on} (PDF)"
    first = _download(owner_page, version_link)
    approved.refresh_from_db()
    assert first == bytes(approved.pdf)
    text = _pdf_text(first)
    for printed in ("Version 1.0", APPROVER_NAME, APPROVER_ROLE, f"Approved in Stage 1 on {approved_on}", approved.fingerprint):
        assert printed in text, f"{printed!r} is not in the approved charter"
    printed_fingerprints = set(re.findall(r"\b[0-9a-f]{16}\b", text))
    assert printed_fingerprints == {approved.fingerprint}, printed_fingerprints

    # 6. An editor changes a step: the project is Draft 1.1, the change is listed, version 1.0 is unchanged.
    editor_page = browser.new_context(viewport=WIDE).new_page()
    login(editor_page, live_server, editor)
    editor_page.goto(live_server.url + reverse("projects:step", kwargs={"slug": demo.slug, "step_slug": "need"}))
    editor_page.get_by_role("textbox", name="Legal basis (optional)").fill(LEGAL_BASIS)
    editor_page.get_by_role("button", name="Save and return to the task list").click()
    expect(editor_page.get_by_role("alert", name="Success")).to_contain_text("were saved.")

    owner_page.goto(review)
    expect(owner_page.locator("#document-label")).to_have_text("Draft 1.1")
    expect(owner_page.get_by_role("heading", name="Changed since version 1.0")).to_be_visible()
    changed = owner_page.locator("#changed-since > li")
    expect(changed).to_have_count(1)
    expect(changed).to_contain_text(f"{STEPS.get('need').title}: 1 change")
    expect(changed).to_contain_text("(legal basis)")
    _checked(owner_page, "review-flow-review-draft-1-1")
    again = _download(owner_page, version_link)
    assert again == first

    for page in (owner_page, approver_page, editor_page):
        page.context.close()
