"""The evaluation checklist: an overview with scores and findings, a page per rule to answer,
and the page that moves a project to the newest methodology version."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from stage1.core.views import kept_post
from stage1.evaluation.forms import MoveToVersionForm, RuleAnswersForm
from stage1.evaluation.models import Choice
from stage1.evaluation.selectors import checklist_for
from stage1.evaluation.services import AnswersConflict, NotANewerVersion, answers_save, project_move_to_version
from stage1.methodology.versions import compare, live_content, newer_version
from stage1.projects.access import membership_for, read_only_page

ALREADY_NEWEST = gettext_lazy("This project already follows the newest version of the method.")


@login_required
@read_only_page
def checklist(request: HttpRequest, slug: str) -> HttpResponse:
    membership = membership_for(request, slug)
    found = checklist_for(membership.project)
    context = {"project": membership.project, "membership": membership, "checklist": found, "newer": newer_version(found.version)}
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
