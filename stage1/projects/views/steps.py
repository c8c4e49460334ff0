"""A wizard step: the rule's guidance, the step's own answers and its lists of items."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from stage1.core.numbers import parse_key
from stage1.core.versioning import Conflict
from stage1.core.views import kept_post
from stage1.projects.access import membership_for
from stage1.projects.display import answer_rows, item_headers, item_rows
from stage1.projects.selectors import guidance_for_step, step_items
from stage1.projects.services import step_save
from stage1.projects.steps import STEPS, Step, get_step, next_step, record_for
from stage1.projects.views.conflict import render_conflict


def step_or_404(step_slug: str) -> Step:
    step = get_step(step_slug)
    if step is None:
        raise Http404("No such step.")
    return step


def _destination(action: str, project, step: Step) -> str:
    """Where a step-page button leads once the answers are saved.

    Item buttons ("add:stakeholder", "change:stakeholder:12", "remove:…") live
    inside the step form so that opening an item never loses typed answers.
    Only this step's item kinds are accepted; anything else stays on the page.
    """
    args = {"slug": project.slug, "step_slug": step.slug}
    verb, _sep, rest = action.partition(":")
    kind_slug, _sep, pk = rest.partition(":")
    if verb == "continue":
        following = next_step(step)
        if following is None:
            return reverse("projects:check_answers", kwargs={"slug": project.slug})
        return reverse("projects:step", kwargs={**args, "step_slug": following.slug})
    if verb == "return":
        return reverse("projects:task_list", kwargs={"slug": project.slug})
    if step.item(kind_slug):
        if verb == "add" and not pk:
            return reverse("projects:item_add", kwargs={**args, "kind_slug": kind_slug})
        if verb in ("change", "remove") and (key := parse_key(pk)) is not None:
            return reverse(f"projects:item_{verb}", kwargs={**args, "kind_slug": kind_slug, "pk": key})
    return reverse("projects:step", kwargs=args)


@login_required
def step_page(request: HttpRequest, slug: str, step_slug: str) -> HttpResponse:
    membership = membership_for(request, slug, write=request.method == "POST")
    project, step = membership.project, step_or_404(step_slug)
    record = record_for(project, step)
    form = None
    if membership.can_write:
        form = step.form_class(request.POST or kept_post(request), instance=record, project=project)
        if request.method == "POST" and form.is_valid():
            try:
                step_save(project=project, form=form, user=request.user)
            except Conflict as conflict:
                return render_conflict(request, project=project, step=step, form=form, current=conflict.current)
            action = request.POST.get("action", "")
            if action == "return":
                messages.success(request, _("Your answers were saved."))
            return redirect(_destination(action, project, step))
    lists = [(kind, item_headers(kind), item_rows(kind, items)) for kind, items in step_items(project, step)]
    guidance = guidance_for_step(project, step)
    context = {
        "project": project,
        "membership": membership,
        "step": step,
        "step_number": STEPS.index(step) + 1,
        "step_count": len(STEPS),
        "guidance": guidance,
        "rule": guidance.rule if guidance else None,
        "form": form,
        "answers": answer_rows(record, step.fields),
        "lists": lists,
    }
    return render(request, step.template, context)
