"""Adding a missing reference from where it is needed, and coming back with it chosen.

A milestone's owner is a team member, entered at a later step. Rather than
send people away to lose what they typed, every choice of another item kind
has an "Add a team member" button: the page's form data is kept in the
session (nothing is saved yet), the person adds the team member on its own
page, and comes back to the first page with everything they typed and the
new team member chosen. No JavaScript is needed.

Two query parameters carry a detour: `detour=<token>` on the page where the
missing item is added (saving it finishes the detour), `back=<token>` on
the page returned to (its form is filled from the kept data). Tokens are
random and only valid in the session of the person who started them.
"""

import secrets
from dataclasses import dataclass
from urllib.parse import urlencode

from django import forms
from django.http import HttpRequest, QueryDict
from django.urls import reverse
from django.utils.text import format_lazy
from django.utils.translation import gettext as _

from stage1.projects.steps import STEPS, ItemKind

SESSION_KEY = "stage1.detours"
# Detours abandoned half-way are dropped, oldest first.
KEPT = 5
IGNORED = {"csrfmiddlewaretoken", "action"}


@dataclass(frozen=True)
class Detour:
    field: str  # the HTML name of the choice, e.g. "owner_member" or "new-milestone-0-owner_member"
    kind: ItemKind  # what is added to fill it
    multiple: bool  # a multiple choice: the new item is added to what was ticked


def kind_choosing(field: forms.Field, form=None) -> ItemKind | None:
    """The item kind a choice field offers, if it offers another kind than the form's own (a milestone's dependencies do not)."""
    if not isinstance(field, forms.ModelChoiceField):
        return None
    model = field.queryset.model
    if form is not None and getattr(getattr(form, "_meta", None), "model", None) is model:
        return None
    return STEPS.kind_for_model(model)


def describe_sources(form, *, page_step=None) -> None:
    """Say under each choice of items where its choices come from, and that a missing one can be added.

    On a step page (`page_step`), a list of the same step is typed on that
    very page: its new items become choices once the page is saved.
    """
    for field in form.fields.values():
        kind = kind_choosing(field, form)
        if kind is None:
            continue
        step = STEPS.step_of(kind)
        if page_step is not None and step is page_step:
            source = _("The choices are the %(items)s of this page, once saved.") % {"items": kind.label_plural}
        else:
            source = _("The choices are the %(items)s entered at step %(number)s, “%(step)s”. Missing one? Add it from here.") % {
                "items": kind.label_plural,
                "number": STEPS.index(step) + 1,
                "step": step.title,
            }
        field.help_text = format_lazy("{} {}", field.help_text, source) if field.help_text else source


def field_detour(forms_on_page, html_name: str) -> Detour | None:
    """The detour asked for by a button naming one choice field of the page's forms; None for anything else."""
    for form in forms_on_page:
        for bound in form.visible_fields():
            if bound.html_name == html_name and (kind := kind_choosing(bound.field, form)) is not None:
                return Detour(html_name, kind, isinstance(bound.field, forms.ModelMultipleChoiceField))
    return None


def _kept(request: HttpRequest) -> dict:
    return request.session.get(SESSION_KEY, {})


def _with_param(url: str, name: str, value: str) -> str:
    return f"{url}{'&' if '?' in url else '?'}{urlencode({name: value})}"


def _without_back(request: HttpRequest) -> str:
    """The page's address without a previous return's ?back=, which has served its purpose."""
    query = request.GET.copy()
    query.pop("back", None)
    return f"{request.path}?{query.urlencode()}" if query else request.path


def start_detour(request: HttpRequest, *, project, detour: Detour) -> str:
    """Keep the page's form data and return the address of the page that adds the missing item."""
    token = secrets.token_urlsafe(12)
    data = {key: request.POST.getlist(key) for key in request.POST if key not in IGNORED}
    kept = dict(list(_kept(request).items())[-(KEPT - 1) :])
    kept[token] = {
        "user": str(request.user.pk),
        "origin": _without_back(request),
        "field": detour.field,
        "multiple": detour.multiple,
        "data": data,
    }
    request.session[SESSION_KEY] = kept
    step = STEPS.step_of(detour.kind)
    add = reverse("projects:item_add", kwargs={"slug": project.slug, "step_slug": step.slug, "kind_slug": detour.kind.slug})
    return _with_param(add, "detour", token)


def _entry(request: HttpRequest, token: str | None) -> dict | None:
    entry = _kept(request).get(token or "")
    if entry is None or entry["user"] != str(request.user.pk):
        return None
    return entry


def detour_origin(request: HttpRequest) -> str | None:
    """For a page opened with ?detour=: the address to go back to without adding anything (Back, Cancel)."""
    token = request.GET.get("detour")
    entry = _entry(request, token)
    return _with_param(entry["origin"], "back", token) if entry else None


def finish_detour(request: HttpRequest, added) -> str | None:
    """After the missing item was saved on a ?detour= page: choose it in the kept data and return where to go back to."""
    token = request.GET.get("detour")
    entry = _entry(request, token)
    if entry is None:
        return None
    chosen = entry["data"].get(entry["field"], []) if entry["multiple"] else []
    entry["data"][entry["field"]] = [*chosen, str(added.pk)]
    request.session.modified = True
    return _with_param(entry["origin"], "back", token)


def detour_data(request: HttpRequest) -> QueryDict | None:
    """For a GET with ?back=: the form data kept when the person left this page, then forgotten."""
    if request.method != "GET":
        return None
    token = request.GET.get("back")
    entry = _entry(request, token)
    if entry is None or entry["origin"].split("?")[0] != request.path:
        return None
    kept = _kept(request)
    kept.pop(token, None)
    request.session[SESSION_KEY] = kept
    data = QueryDict(mutable=True)
    for key, values in entry["data"].items():
        data.setlist(key, values)
    return data
