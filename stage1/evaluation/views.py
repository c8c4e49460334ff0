"""The evaluation checklist: an overview with scores and findings, a page per rule to answer,
and the page that moves a project to the newest methodology version."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from stage1.core.numbers import parse_int
from stage1.core.versioning import Conflict
from stage1.core.views import kept_post
from stage1.evaluation.forms import ActionForm, DismissForm, MoveToVersionForm, RiskForm, RuleAnswersForm
from stage1.evaluation.models import Action, Choice
from stage1.evaluation.readiness import action_plan_of, readiness_of
from stage1.evaluation.selectors import checklist_for
from stage1.evaluation.services import (
    AnswersConflict,
    NotANewerVersion,
    action_add,
    action_change,
    action_remove,
    answers_save,
    contradiction_dismiss,
    project_move_to_version,
    risk_accept,
)
from stage1.methodology.versions import compare, live_content, newer_version
from stage1.projects.access import membership_for, read_only_page
from stage1.projects.extensions import RULE, target_links

ALREADY_NEWEST = gettext_lazy("This project already follows the newest version of the method.")


@login_required
@read_only_page
def checklist(request: HttpRequest, slug: str) -> HttpResponse:
    membership = membership_for(request, slug)
    found = checklist_for(membership.project, cached=True)
    links = target_links(membership.project, RULE, [group.rule.slug for group in found.groups])
    context = {
        "project": membership.project,
        "membership": membership,
        "checklist": found,
        "groups": [(group, links.get(group.rule.slug, [])) for group in found.groups],
        "newer": newer_version(found.version),
        "readiness": readiness_of(membership.project, found),
    }
    return render(request, "evaluation/checklist.html", context)


@login_required
def version(request: HttpRequest, slug: str) -> HttpResponse:
    """What the newest methodology version changes for this project; POST moves the project to it."""
    membership = membership_for(request, slug, write=request.method == "POST")
    project = membership.project
    current = project.methodology_version
    newer = newer_version(current)
    checklist_url = reverse("evaluation:checklist", kwargs={"slug": project.slug})
    form = MoveToVersionForm(request.POST or None, newest=newer)
    if request.method == "POST":
        if newer is None:
            messages.info(request, ALREADY_NEWEST)
            return redirect(checklist_url)
        if form.is_valid():
            try:
                project_move_to_version(project=project, version=newer, user=request.user)
            except NotANewerVersion:
                messages.info(request, ALREADY_NEWEST)
                return redirect(checklist_url)
            messages.success(request, _("The checklist now follows version %(number)s of the method.") % {"number": newer.number})
            return redirect(checklist_url)
    context = {
        "project": project,
        "membership": membership,
        "current": current,
        "newest": newer,
        "comparison": compare(current.content if current else live_content(), newer.content) if newer else None,
        "form": form,
    }
    return render(request, "evaluation/version.html", context)


@login_required
def rule_answers(request: HttpRequest, slug: str, rule_slug: str) -> HttpResponse:
    membership = membership_for(request, slug, write=True)
    project = membership.project
    found = checklist_for(project)
    group = found.group(rule_slug)
    if group is None:
        raise Http404("No such rule.")
    form = RuleAnswersForm(request.POST or kept_post(request), rows=group.rows)
    if request.method == "POST" and form.is_valid():
        try:
            answers_save(project=project, form=form, user=request.user)
        except AnswersConflict as conflict:
            return _conflict(request, project, group, form, conflict)
        messages.success(request, _("Your answers were saved."))
        return redirect(_after_save(request, project, found, group))
    index = found.groups.index(group)
    context = {"project": project, "group": group, "form": form, "number": index + 1, "total": len(found.groups)}
    return render(request, "evaluation/rule_answers.html", context)


def _after_save(request, project, found, group) -> str:
    index = found.groups.index(group)
    if request.POST.get("action") == "continue" and index + 1 < len(found.groups):
        return reverse("evaluation:rule", kwargs={"slug": project.slug, "rule_slug": found.groups[index + 1].rule.slug})
    return reverse("evaluation:checklist", kwargs={"slug": project.slug}) + f"#rule-{group.rule.slug}"


def _conflict(request, project, group, form, conflict: AnswersConflict) -> HttpResponse:
    labels = dict(Choice.choices)
    rows = [
        {
            "label": question.text,
            "mine": f"{labels.get(choice, '')} {evidence}".strip(),
            "current": f"{current.get_choice_display()} {current.evidence}".strip(),
            "changed": True,
        }
        for question, choice, evidence, current in conflict.conflicts
    ]
    # Re-apply: the user's values with the versions now current.
    data = request.POST.copy()
    for question, _choice, _evidence, current in conflict.conflicts:
        data[f"version_{question.pk}"] = str(current.version)
    reapply = RuleAnswersForm(data, rows=group.rows)
    reapply.is_valid()
    changed_by_you = all(current.updated_by_id == request.user.pk for _q, _c, _e, current in conflict.conflicts)
    context = {"project": project, "rows": rows, "form": reapply, "group": group, "changed_by_you": changed_by_you}
    return render(request, "evaluation/conflict.html", context, status=409)


ANSWER_CHANGED = gettext_lazy(
    "Someone changed this answer while you were on this page. It is shown below as it is now; "
    "what you typed is kept: check it, then save again."
)
ACTION_CHANGED = gettext_lazy(
    "Someone changed this action while you were on this page. It is shown below as it is now; "
    "what you typed is kept: check it, then save again."
)


def _answer_or_404(membership, rule_slug: str, question_id: int):
    found = checklist_for(membership.project)
    located = found.row(question_id)
    if located is None or located[0].rule.slug != rule_slug:
        raise Http404("No such question in this project's checklist.")
    return found, *located


@login_required
def answer(request: HttpRequest, slug: str, rule_slug: str, question_id: int) -> HttpResponse:
    """One answer and what follows from it: its actions or accepted risk, and what the data says against it."""
    membership = membership_for(request, slug, write=request.method == "POST")
    project = membership.project
    found, group, row = _answer_or_404(membership, rule_slug, question_id)
    if row.answer is None and request.method == "POST":
        raise Http404("Not answered yet.")
    base = row.answer.version if row.answer else 0
    forms = {
        "action": ActionForm(project=project, prefix="action"),
        "risk": RiskForm(
            prefix="risk",
            initial={
                "because": row.answer and row.answer.risk_accepted_because,
                "accepted_by": row.answer and row.answer.risk_accepted_by,
                "base_version": base,
            },
        ),
        "dismiss": DismissForm(prefix="dismiss", initial={"base_version": base}),
    }
    status, problem = 200, None
    if request.method == "POST":
        intent = request.POST.get("intent")
        if intent == "action":
            form = forms["action"] = ActionForm(request.POST, project=project, prefix="action")
            if form.is_valid():
                data = form.cleaned_data
                action_add(
                    project=project,
                    answer=row.answer,
                    description=data["description"],
                    owner=data["owner"],
                    due_on=data["due_on"],
                    user=request.user,
                )
                messages.success(request, _("Action added to the action plan."))
                return redirect(request.path + "#actions")
        elif intent in ("risk", "withdraw-risk", "dismiss"):
            form_class, key = (DismissForm, "dismiss") if intent == "dismiss" else (RiskForm, "risk")
            form = forms[key] = form_class(request.POST, prefix=key)
            withdrawing = intent == "withdraw-risk"
            if withdrawing or form.is_valid():
                base_version = parse_int(request.POST.get(f"{key}-base_version"))
                try:
                    if key == "dismiss":
                        contradiction_dismiss(
                            project=project,
                            answer=row.answer,
                            because=form.cleaned_data["because"],
                            base_version=base_version,
                            user=request.user,
                        )
                        messages.success(request, _("Your answer stands, with your reason."))
                    else:
                        because, by = ("", "") if withdrawing else (form.cleaned_data["because"], form.cleaned_data["accepted_by"])
                        risk_accept(
                            project=project,
                            answer=row.answer,
                            because=because,
                            accepted_by=by,
                            base_version=base_version,
                            user=request.user,
                        )
                        messages.success(
                            request, _("The accepted risk was withdrawn.") if withdrawing else _("The risk is recorded as accepted.")
                        )
                    return redirect(request.path)
                except Conflict as conflict:
                    if conflict.current is None:
                        raise Http404("Removed meanwhile.") from None
                    found, group, row = _answer_or_404(membership, rule_slug, question_id)
                    data = request.POST.copy()
                    data[f"{key}-base_version"] = str(conflict.current.version)
                    forms[key] = form_class(data, prefix=key)
                    forms[key].is_valid()
                    status, problem = 409, ANSWER_CHANGED
        # Any other post (no button named) changes nothing: the page is shown again.
    context = {
        "project": project,
        "membership": membership,
        "group": group,
        "row": row,
        "forms": forms,
        "problem": problem,
    }
    return render(request, "evaluation/answer.html", context, status=status)


@login_required
@read_only_page
def action_plan(request: HttpRequest, slug: str) -> HttpResponse:
    """Every action of the project, open ones first, and the risks accepted instead of acted on."""
    membership = membership_for(request, slug)
    project = membership.project
    found = checklist_for(project, cached=True)
    plan = action_plan_of(found)
    context = {
        "project": project,
        "membership": membership,
        "open": plan.open_actions,
        "done": plan.done_actions,
        "risks": plan.risks,
        "to_plan": plan.to_plan,
        "readiness": readiness_of(project, found),
        "today": timezone.localdate(),
    }
    return render(request, "evaluation/action_plan.html", context)


@login_required
def action_change_page(request: HttpRequest, slug: str, action_id: int) -> HttpResponse:
    """Change, mark done, reopen or remove one action."""
    membership = membership_for(request, slug, write=True)
    project = membership.project
    action = get_object_or_404(Action.objects.select_related("answer__question__rule"), pk=action_id, project=project)
    plan_url = reverse("evaluation:actions", kwargs={"slug": project.slug})
    form = ActionForm(instance=action, project=project)
    status, problem = 200, None
    if request.method == "POST":
        intent = request.POST.get("intent", "save")
        base_version = parse_int(request.POST.get("base_version"))
        try:
            if intent == "remove":
                action_remove(project=project, action=action, base_version=base_version)
                messages.success(request, _("Action removed from the action plan."))
                return redirect(plan_url)
            if intent in ("done", "reopen"):
                done_on = timezone.localdate() if intent == "done" else None
                action_change(project=project, action=action, base_version=base_version, user=request.user, done_on=done_on)
                messages.success(request, _("Action marked as done.") if done_on else _("Action reopened."))
                return redirect(f"{plan_url}#action-{action.pk}")
            form = ActionForm(request.POST, instance=action, project=project)
            if form.is_valid():
                data = form.cleaned_data
                action_change(
                    project=project,
                    action=action,
                    base_version=data["base_version"],
                    user=request.user,
                    description=data["description"],
                    owner=data["owner"],
                    due_on=data["due_on"],
                )
                messages.success(request, _("Action saved."))
                return redirect(f"{plan_url}#action-{action.pk}")
        except Conflict as conflict:
            if conflict.current is None:
                messages.info(request, _("This action was removed by someone else meanwhile."))
                return redirect(plan_url)
            action = conflict.current
            form = ActionForm(instance=action, project=project)
            if intent == "save":
                # What was typed, against the version now current: saving again is a deliberate overwrite.
                data = request.POST.copy()
                data["base_version"] = str(action.version)
                form = ActionForm(data, instance=action, project=project)
                form.is_valid()
            status, problem = 409, ACTION_CHANGED
    context = {"project": project, "action": action, "form": form, "problem": problem, "back": plan_url}
    return render(request, "evaluation/action_form.html", context, status=status)
