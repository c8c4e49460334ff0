"""A wizard step: the rule's guidance, the step's own answers and its lists of items."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from stage1.core.numbers import parse_key
from stage1.core.versioning import Conflict
from stage1.core.views import kept_post
from stage1.projects.access import membership_for
from stage1.projects.detours import detour_data, field_detour, start_detour
from stage1.projects.display import answer_rows, item_headers, item_rows
from stage1.projects.rows import in_place_kinds, new_rows
from stage1.projects.selectors import guidance_for_step, step_items
from stage1.projects.services import item_move, items_add, step_save
from stage1.projects.steps import STEPS, Step, get_step, next_step, record_for
from stage1.projects.views.conflict import render_conflict

# ?from=check on a step or item page: the person came from check your answers and goes back there after saving.
FROM_CHECK = "check"


def step_or_404(step_slug: str) -> Step:
    step = get_step(step_slug)
    if step is None:
        raise Http404("No such step.")
    return step


def came_from_check(request: HttpRequest) -> bool:
    return request.GET.get("from") == FROM_CHECK


def check_answers_url(project, anchor: str) -> str:
    return reverse("projects:check_answers", kwargs={"slug": project.slug}) + f"#{anchor}"


def _destination(request: HttpRequest, action: str, project, step: Step) -> str:
    """Where a step-page button leads once the answers are saved.

    Item buttons ("add:stakeholder", "change:stakeholder:12", "remove:…",
    "insert:journey-step:7") live inside the step form so that opening an
    item never loses typed answers. Only this step's item kinds are
    accepted; anything else stays on the page.
    """
    args = {"slug": project.slug, "step_slug": step.slug}
    here = reverse("projects:step", kwargs=args)
    back = f"?from={FROM_CHECK}" if came_from_check(request) else ""
    verb, _sep, rest = action.partition(":")
    kind_slug, _sep, pk = rest.partition(":")
    kind = step.item(kind_slug)
    if verb == "continue":
        if came_from_check(request):
            return check_answers_url(project, f"section-{step.slug}")
        following = next_step(step)
        if following is None:
            return reverse("projects:check_answers", kwargs={"slug": project.slug})
        return reverse("projects:step", kwargs={**args, "step_slug": following.slug})
    if verb == "return":
        return reverse("projects:task_list", kwargs={"slug": project.slug})
    if kind is None:
        return here + back
    if verb == "another":
        return here + back + f"#new-{kind.slug}"
    if verb == "grid" and kind.editor_url_name:
        return reverse(kind.editor_url_name, kwargs={"slug": project.slug})
    if verb == "add" and not pk:
        return reverse("projects:item_add", kwargs={**args, "kind_slug": kind_slug}) + back
    key = parse_key(pk)
    if key is None:
        return here + back
    if verb in ("change", "remove"):
        return reverse(f"projects:item_{verb}", kwargs={**args, "kind_slug": kind_slug, "pk": key}) + back
    if verb == "insert" and kind.ordered:
        item = get_object_or_404(kind.model, pk=key, project=project)
        scope = "".join(f"&{name}={getattr(item, f'{name}_id')}" for name in kind.position_scope)
        return reverse("projects:item_add", kwargs={**args, "kind_slug": kind_slug}) + f"?after={key}{scope}"
    return here + back


def _saved_message(title: str, changed: list[str], added: int) -> str:
    """The banner after a step save: what was saved, what changed, how many items were added."""
    saved = _("Your answers to “%(title)s” were saved.") % {"title": title}
    parts = [saved]
    if changed:
        parts.append(_("Changed: %(fields)s.") % {"fields": ", ".join(f"“{label}”" for label in changed)})
    if added:
        parts.append(ngettext("%(count)s item added.", "%(count)s items added.", added) % {"count": added})
    if not changed and not added:
        parts.append(_("Nothing had changed."))
    return " ".join(parts)


def _move(request, project, step: Step, action: str) -> None:
    """Perform "up:milestone:12" or "down:milestone:12" after the answers are saved."""
    verb, _sep, rest = action.partition(":")
    kind_slug, _sep, pk = rest.partition(":")
    kind, key = step.item(kind_slug), parse_key(pk)
    if kind is None or not kind.ordered or key is None:
        return
    item = get_object_or_404(kind.model, pk=key, project=project)
    if item_move(project=project, kind=kind, item=item, offset=-1 if verb == "up" else 1, user=request.user):
        text = _("%(item)s moved up.") if verb == "up" else _("%(item)s moved down.")
        messages.success(request, text % {"item": str(item)})


@login_required
def step_page(request: HttpRequest, slug: str, step_slug: str) -> HttpResponse:
    membership = membership_for(request, slug, write=request.method == "POST")
    project, step = membership.project, step_or_404(step_slug)
    record = record_for(project, step)
    guidance = guidance_for_step(project, step)
    title = guidance.rule.title if guidance and guidance.rule else str(step.title)
    form, rowsets = None, {}
    if membership.can_write:
        data = request.POST or kept_post(request) or detour_data(request)
        form = step.form_class(data, instance=record, project=project)
        # A post without a kind's management form (the conflict page's re-apply form) brings no new rows.
        rowsets = {
            kind.slug: new_rows(kind, project, data if data and f"new-{kind.slug}-TOTAL_FORMS" in data else None)
            for kind in in_place_kinds(step)
        }
        action = request.POST.get("action", "")
        if request.method == "POST" and action.startswith("detour:"):
            detour = field_detour([form, *(row for rows in rowsets.values() for row in rows.forms)], action.removeprefix("detour:"))
            if detour is not None:
                return redirect(start_detour(request, project=project, detour=detour))
        if request.method == "POST" and form.is_valid() and all(rows.is_valid() for rows in rowsets.values() if rows.is_bound):
            new_items = [(step.item(kind_slug), row) for kind_slug, rows in rowsets.items() for row in rows.filled()]
            try:
                step_save(project=project, form=form, user=request.user, new_items=new_items)
            except Conflict as conflict:
                # New items cannot conflict with anything: keep them, and show the conflict on the answers.
                if items_add(project=project, new_items=new_items, user=request.user):
                    messages.info(request, _("Your new items were added. Your answers need a second look."))
                return render_conflict(request, project=project, step=step, form=form, current=conflict.current)
            changed = [str(form.fields[name].label) for name in form.changed_data if name != "base_version"]
            messages.success(request, _saved_message(title, changed, len(new_items)))
            if action.startswith(("up:", "down:")):
                _move(request, project, step, action)
                kind_slug = action.split(":")[1]
                return redirect(reverse("projects:step", kwargs={"slug": project.slug, "step_slug": step.slug}) + f"#{kind_slug}-list")
            return redirect(_destination(request, action, project, step))
    lists = [(kind, item_headers(kind), item_rows(kind, items), rowsets.get(kind.slug)) for kind, items in step_items(project, step)]
    context = {
        "project": project,
        "membership": membership,
        "step": step,
        "step_number": STEPS.index(step) + 1,
        "step_count": len(STEPS),
        "guidance": guidance,
        "rule": guidance.rule if guidance else None,
        "title": title,
        "form": form,
        "rowsets": list(rowsets.values()),
        "rowsets_invalid": any(rows.is_bound and not rows.is_valid() for rows in rowsets.values()),
        "answers": answer_rows(record, step.fields),
        "lists": lists,
        "from_check": came_from_check(request),
        "requirements": step.requirements(record, {kind.slug: len(rows) for kind, _h, rows, _n in lists}),
    }
    return render(request, step.template, context)
