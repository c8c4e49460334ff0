"""Adding, changing and removing one repeatable item of a step."""

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.forms import ModelChoiceField, ModelMultipleChoiceField
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from stage1.core.bidi import isolate
from stage1.core.numbers import parse_int, parse_key
from stage1.core.versioning import Conflict
from stage1.core.views import kept_post
from stage1.projects.access import membership_for
from stage1.projects.detours import describe_sources, detour_data, detour_origin, field_detour, finish_detour, start_detour
from stage1.projects.references import references_to
from stage1.projects.rows import LIST_PAGE_SIZE
from stage1.projects.selectors import list_page_of
from stage1.projects.services import item_remove, item_save
from stage1.projects.steps import ItemKind, Step
from stage1.projects.views.conflict import render_conflict
from stage1.projects.views.steps import came_from_check, check_answers_url, step_address, step_or_404


def _kind_or_404(step: Step, kind_slug: str) -> ItemKind:
    kind = step.item(kind_slug)
    if kind is None:
        raise Http404("No such list on this step.")
    return kind


def _back_to_step(request: HttpRequest, project, step: Step, kind: ItemKind, *, item=None) -> str:
    """Where an item page returns: check your answers if it was opened from there, else its list on the step page.

    The step page comes back with its lists at the pages they were at, and
    the item's own list at the page that shows the item (a new one may be on
    the last page).
    """
    if came_from_check(request):
        return check_answers_url(project, f"{kind.slug}-answers")
    address = step_address(request, step)
    if item is not None and item.pk is not None:
        address.pop(f"{kind.slug}-page", None)
        number = list_page_of(project, kind, item, page_size=LIST_PAGE_SIZE)
        if number > 1:
            address[f"{kind.slug}-page"] = str(number)
    query = f"?{urlencode(address)}" if address else ""
    return reverse("projects:step", kwargs={"slug": project.slug, "step_slug": step.slug}) + query + f"#{kind.slug}-list"


def _item_form_page(request, membership, step, kind, instance, *, initial=None, after=None) -> HttpResponse:
    project = membership.project
    data = request.POST or kept_post(request) or detour_data(request)
    form = kind.form_class(data, instance=instance, project=project, initial=initial)
    describe_sources(form)
    if request.method == "POST" and request.POST.get("action", "").startswith("detour:"):
        detour = field_detour([form], request.POST["action"].removeprefix("detour:"))
        if detour is not None:
            return redirect(start_detour(request, project=project, detour=detour))
    if request.method == "POST" and form.is_valid():
        adding = instance.pk is None
        try:
            saved = item_save(project=project, kind=kind, form=form, user=request.user, after=after)
        except Conflict as conflict:
            return render_conflict(request, project=project, step=step, form=form, current=conflict.current, kind=kind)
        name = {"item": kind.label.capitalize(), "name": isolate(saved.obj)}
        returning = finish_detour(request, saved.obj) if adding else None
        if returning:
            messages.success(request, _("%(item)s “%(name)s” added and chosen. Check the rest, then save.") % name)
            return redirect(returning)
        if adding:
            messages.success(request, _("%(item)s “%(name)s” added.") % name)
        else:
            messages.success(request, _("%(item)s “%(name)s” saved.") % name)
        return redirect(_back_to_step(request, project, step, kind, item=saved.obj))
    origin = detour_origin(request)
    context = {
        "project": project,
        "step": step,
        "kind": kind,
        "form": form,
        "adding": instance.pk is None,
        "back": origin or _back_to_step(request, project, step, kind, item=instance),
        "detour": origin is not None,
    }
    return render(request, "projects/item_form.html", context)


def _preselected(request: HttpRequest, kind: ItemKind) -> dict[str, int]:
    """The parents a link such as "add a journey step to this path" preselects; a malformed key is a 404."""
    initial = {}
    for name, field in kind.form_class.base_fields.items():
        if name in request.GET and isinstance(field, ModelChoiceField) and not isinstance(field, ModelMultipleChoiceField):
            initial[name] = parse_key(request.GET[name])
            if initial[name] is None:
                raise Http404("No such item to preselect.")
    return initial


@login_required
def item_add(request: HttpRequest, slug: str, step_slug: str, kind_slug: str) -> HttpResponse:
    membership = membership_for(request, slug, write=True)
    step = step_or_404(step_slug)
    kind = _kind_or_404(step, kind_slug)
    initial = _preselected(request, kind)
    after = None
    if kind.ordered and "after" in request.GET:
        key = parse_key(request.GET["after"])
        if key is None:
            raise Http404("No such item to insert after.")
        after = get_object_or_404(kind.model, pk=key, project=membership.project)
    return _item_form_page(request, membership, step, kind, kind.model(project=membership.project), initial=initial, after=after)


@login_required
def item_change(request: HttpRequest, slug: str, step_slug: str, kind_slug: str, pk: int) -> HttpResponse:
    membership = membership_for(request, slug, write=True)
    step = step_or_404(step_slug)
    kind = _kind_or_404(step, kind_slug)
    item = get_object_or_404(kind.model, pk=pk, project=membership.project)
    return _item_form_page(request, membership, step, kind, item)


@login_required
def item_remove_page(request: HttpRequest, slug: str, step_slug: str, kind_slug: str, pk: int) -> HttpResponse:
    membership = membership_for(request, slug, write=True)
    project, step = membership.project, step_or_404(step_slug)
    kind = _kind_or_404(step, kind_slug)
    item = get_object_or_404(kind.model, pk=pk, project=project)
    # Read before the item goes: back to the page that showed it (the one before, if that page is gone).
    back = _back_to_step(request, project, step, kind, item=item)
    changed_since = False
    if request.method == "POST":
        try:
            # An unreadable base_version is a conflict too: the page cannot show what the user confirmed.
            item_remove(project=project, item=item, base_version=parse_int(request.POST.get("base_version")), user=request.user)
        except Conflict as conflict:
            # Removing something changed after this page was opened needs a
            # second look: show it again as it is now.
            if conflict.current is None:
                raise Http404("Removed meanwhile.") from None
            item, changed_since = conflict.current, True
        else:
            messages.success(request, _("%(item)s “%(name)s” removed.") % {"item": kind.label.capitalize(), "name": isolate(item)})
            return redirect(back)
    context = {
        "project": project,
        "step": step,
        "kind": kind,
        "item": item,
        "references": references_to(item),
        "back": back,
        "changed_since": changed_since,
    }
    return render(request, "projects/item_remove.html", context, status=409 if changed_since else 200)
