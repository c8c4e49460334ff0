"""The review page: submit for review, approve or ask for changes, withdraw; and the approved versions' charters."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from stage1.charter.views import pdf_response, preparing_response, safe_filename
from stage1.core.numbers import INT_MAX, parse_int
from stage1.core.versioning import Conflict
from stage1.evaluation.readiness import readiness_of
from stage1.evaluation.selectors import checklist_for
from stage1.history.changes import changed_since
from stage1.projects.access import OWNERS_ONLY, READ_ONLY, membership_for
from stage1.projects.models import Membership
from stage1.review.forms import DecisionForm, SubmitForm
from stage1.review.models import ApprovedVersion, Outcome
from stage1.review.selectors import Status, decisions_of, document_state
from stage1.review.services import NotAnApprover, NotReady, ProjectChanged, ReviewClosed, decision_record, review_submit, review_withdraw
from stage1.review.tasks import approved_render_requested

PROJECT_CHANGED = gettext_lazy("The project was changed after you opened this page. Here it is as it is now: check it, then try again.")


def _standing(project, user):
    """Where the project stands, the open review's decisions, and the user's own decision in it (or None)."""
    state = document_state(project)
    decisions = decisions_of(state.open_review) if state.open_review else []
    return state, decisions, next((d for d in decisions if d.approver_id == user.pk), None)


@login_required
def review_page(request: HttpRequest, slug: str) -> HttpResponse:
    membership = membership_for(request, slug)
    project = membership.project
    state, decisions, mine = _standing(project, request.user)
    approvers = Membership.objects.filter(project=project, approver=True).select_related("user").order_by("created_at", "id")
    submit_form = SubmitForm(approvers=approvers, initial={"revision": project.revision})
    decision_form = DecisionForm(
        initial={
            "revision": project.revision,
            "base_version": mine.version if mine else 0,
            "signed_name": (mine and mine.signed_name) or request.user.get_full_name(),
            "signed_role": mine and mine.signed_role,
        }
    )
    status, problem = 200, None
    if request.method == "POST":
        intent = request.POST.get("intent")
        try:
            if intent == "submit":
                _owner_writes(membership)
                submit_form = SubmitForm(request.POST, approvers=approvers)
                if submit_form.is_valid():
                    data = submit_form.cleaned_data
                    chosen = [m.user for m in data["approvers"]]
                    review_submit(project=project, user=request.user, approvers=chosen, note=data["note"], revision=data["revision"])
                    messages.success(request, _("%(number)s is submitted for review.") % {"number": state.label})
                    return redirect(request.path)
            elif intent == "decide":
                if mine is None:
                    if state.open_review is None and membership.approver:
                        # An approver's page from a review that was closed meanwhile (approved, sent back, withdrawn).
                        raise ReviewClosed()
                    raise PermissionDenied(_("Only the approvers chosen for this review can approve it."))
                decision_form = DecisionForm(request.POST)
                if decision_form.is_valid():
                    data = decision_form.cleaned_data
                    decided = decision_record(
                        decision=mine,
                        outcome=data["outcome"],
                        signed_name=data["signed_name"].strip(),
                        signed_role=data["signed_role"].strip(),
                        reason=data["reason"].strip(),
                        revision=data["revision"],
                        base_version=data["base_version"],
                    )
                    messages.success(request, _decided_message(data["outcome"], decided))
                    return redirect(request.path)
            elif intent == "withdraw":
                _owner_writes(membership)
                if state.open_review is None:
                    raise ReviewClosed()
                review_withdraw(review=state.open_review, user=request.user, base_version=parse_int(request.POST.get("base_version")))
                messages.success(request, _("The review was withdrawn: the project is a draft again."))
                return redirect(request.path)
        except NotReady:
            problem = _("The project is not ready for review yet: see what is left below.")
        except NotAnApprover:
            submit_form.add_error("approvers", _("Choose approvers among the members marked as approvers"))
        except (ProjectChanged, Conflict):
            status, problem = 409, PROJECT_CHANGED
        except ReviewClosed:
            status, problem = (
                409,
                _("This review was closed meanwhile (approved, sent back or withdrawn). Here is where the project stands now."),
            )
        if status == 409:
            # Refused: shown again as it is stored now, with what the person typed kept and the
            # revision and version they have now seen, so that trying again is a deliberate choice.
            project.refresh_from_db()
            state, decisions, mine = _standing(project, request.user)
            for form in (submit_form, decision_form):
                if form.is_bound:
                    form.data = form.data.copy()
                    form.data["revision"] = str(project.revision)
                    if mine is not None:
                        form.data["base_version"] = str(mine.version)
    context = {
        "project": project,
        "membership": membership,
        "state": state,
        "decisions": decisions,
        "mine": mine,
        "readiness": readiness_of(project, checklist_for(project)) if state.status == Status.DRAFT else None,
        "submit_form": submit_form,
        "decision_form": decision_form,
        "problem": problem,
        "approved_versions": list(ApprovedVersion.objects.filter(project=project).defer("pdf").select_related("review")),
        "changes": changed_since(project, state.approved.approved_at) if state.approved and state.status != Status.APPROVED else [],
        "has_approvers": approvers.exists(),
    }
    return render(request, "review/review.html", context, status=status)


def _owner_writes(membership) -> None:
    if not membership.is_owner:
        raise PermissionDenied(OWNERS_ONLY)
    if not membership.can_write:
        raise PermissionDenied(READ_ONLY)


def _decided_message(outcome: str, decided) -> str:
    if outcome == Outcome.CHANGES_REQUESTED:
        return _("You asked for changes. The project is a draft again and its owners are told.")
    if decided.approved_version is not None:
        return _("You approved it. Every approver has approved: this is now version %(number)s.0.") % {
            "number": decided.approved_version.major
        }
    return _("You approved it. The project is approved once every approver has.")


@login_required
def approved_pdf(request: HttpRequest, slug: str, major: int) -> HttpResponse:
    """An approved version's charter, exactly as it was approved; the page that waits for the worker until it is rendered."""
    membership = membership_for(request, slug)
    # Looked up before the method is checked: a number no version has is a 404 whatever the method.
    approved = _approved_version(membership.project, major)
    if request.method not in ("GET", "HEAD"):
        return HttpResponseNotAllowed(["GET", "HEAD"])
    if approved.rendered_at is None:
        return preparing_response(
            request,
            job=approved_render_requested(approved),
            heading=_("Preparing the approved charter"),
            what=_("version %(number)s.0 of the charter, as it was approved") % {"number": major},
            retry_url=reverse("review:approved_pdf_retry", args=[slug, major]),
            back_url=reverse("review:review", args=[slug]),
            back_label=_("Back to review and approval"),
        )
    pdf = ApprovedVersion.objects.values_list("pdf", flat=True).get(pk=approved.pk)
    response = pdf_response(bytes(pdf), safe_filename(membership.project.title, f"charter-version-{major}-0"))
    response["X-Charter-Fingerprint"] = approved.fingerprint
    return response


@login_required
def approved_pdf_retry(request: HttpRequest, slug: str, major: int) -> HttpResponse:
    """Try again after the approved charter's render failed: any member who can read it may ask."""
    membership = membership_for(request, slug)
    # Looked up before the method is checked, as for the PDF itself: a number no version has is a 404 whatever the method.
    approved = _approved_version(membership.project, major)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    if approved.rendered_at is None:
        approved_render_requested(approved, again=True)
    return redirect("review:approved_pdf", slug=slug, major=major)


def _approved_version(project, major: int) -> ApprovedVersion:
    return get_object_or_404(ApprovedVersion.objects.defer("html", "pdf"), project=project, major=min(major, INT_MAX + 1))
