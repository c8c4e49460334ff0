"""A project's history, and restoring a step to an earlier version."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from stage1.core.numbers import parse_int
from stage1.core.versioning import Conflict
from stage1.history.changes import project_history, saved_answers
from stage1.projects.access import membership_for, read_only_page
from stage1.projects.derived import project_cached
from stage1.projects.display import answer_rows
from stage1.projects.services import step_restore
from stage1.projects.steps import record_for
from stage1.projects.views.steps import step_or_404

# Saves a page: a long history is read one page at a time, never whole.
PAGE_SIZE = 50
CHANGED_SINCE_OPENED = gettext_lazy("The step was changed again after you opened this page. Compare once more before restoring.")


@login_required
@read_only_page
def project_history_page(request: HttpRequest, slug: str) -> HttpResponse:
    membership = membership_for(request, slug)
    number = parse_int(request.GET.get("page") or "1", minimum=1)
    if number is None:
        raise Http404("No such page of the history.")
    project = membership.project

    # Every save bumps the project's revision, so a page of saves stays as it is until the next one:
    # kept per revision and language, for those who may restore and those who may not.
    def page_of_saves() -> tuple[str, int, bool]:
        history = project_history(project, limit=PAGE_SIZE, offset=(number - 1) * PAGE_SIZE)
        context = {"project": project, "membership": membership, "groups": history.groups}
        return render_to_string("history/includes/saves.html", context, request), history.total, bool(history.groups)

    saves_html, total, has_saves = project_cached(project, f"history-page:{number}:{membership.can_write}", page_of_saves)
    # A page past the end (an old link, a typed number) is not found, as on GOV.UK services;
    # the first page always exists, empty for a new project.
    if number > 1 and not has_saves:
        raise Http404("No such page of the history.")
    paginator = Paginator(range(total), PAGE_SIZE)
    context = {
        "project": project,
        "membership": membership,
        "saves_html": saves_html,
        "page": paginator.page(number),
        "page_numbers": paginator.get_elided_page_range(number, on_each_side=1, on_ends=1),
    }
    return render(request, "history/history.html", context)


@login_required
def restore_step(request: HttpRequest, slug: str, step_slug: str, history_id: int) -> HttpResponse:
    membership = membership_for(request, slug, write=True)
    project, step = membership.project, step_or_404(step_slug)
    saved = saved_answers(project, step, history_id)
    if saved is None:
        raise Http404("No such saved state of the step.")
    current = record_for(project, step)
    status = 200
    if request.method == "POST":
        # An unreadable base_version is a conflict too: the page cannot show what the user compared.
        base_version = parse_int(request.POST.get("base_version"))
        try:
            step_restore(project=project, step=step, saved=saved, base_version=base_version, user=request.user)
        except Conflict as conflict:
            current, status = conflict.current, 409
            messages.error(request, CHANGED_SINCE_OPENED)
        else:
            when = date_format(timezone.localtime(saved.history_date), "DATETIME_FORMAT")
            messages.success(request, _("The step was restored to the version of %(when)s.") % {"when": when})
            return redirect("projects:step", slug=project.slug, step_slug=step.slug)
    names = step.fields
    rows = [
        {"label": label, "then": then, "now": now, "changed": then != now}
        for (_name, label, then), (_n, _l, now) in zip(answer_rows(saved, names), answer_rows(current, names), strict=True)
    ]
    context = {"project": project, "step": step, "saved": saved, "current": current, "rows": rows}
    return render(request, "history/restore_step.html", context, status=status)
