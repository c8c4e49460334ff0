"""The page shown when the thing a user saves changed after their page was rendered."""

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from stage1.projects.display import display, field_label


def _as_submitted(form, current):
    """A detached copy of the current row carrying the user's submitted values."""
    model = type(current)
    shadow = model(**{f.attname: getattr(current, f.attname) for f in model._meta.concrete_fields})
    many = {}
    for name, value in form.cleaned_data.items():
        if name == "base_version":
            continue
        if model._meta.get_field(name).many_to_many:
            many[name] = ", ".join(str(v) for v in value)
        else:
            setattr(shadow, name, value)
    return shadow, many


def render_conflict(request: HttpRequest, *, project, step, form, current, kind=None) -> HttpResponse:
    """Show the user's text beside the current text, with a form to re-apply theirs.

    The re-apply form starts from the user's own values and the current
    version, so submitting it is a deliberate overwrite of what they have
    now seen. Nothing they typed is lost. The same page, and the same rule,
    whether another person or the user in another tab saved in between.
    """
    if current is None:
        raise Http404("Removed after the page was opened.")
    model = type(current)
    shadow, many = _as_submitted(form, current)
    rows = []
    for name in form.cleaned_data:
        if name == "base_version":
            continue
        mine = many[name] if name in many else display(shadow, name)
        now = display(current, name)
        rows.append({"label": field_label(model, name), "mine": mine, "current": now, "changed": mine != now})
    initial = {name: value for name, value in form.cleaned_data.items() if name != "base_version"}
    initial["base_version"] = current.version
    reapply = type(form)(instance=current, project=project, initial=initial)
    context = {
        "project": project,
        "step": step,
        "kind": kind,
        "rows": rows,
        "form": reapply,
        "changed_by": current.updated_by,
        "changed_at": current.updated_at,
        "changed_by_you": current.updated_by_id is not None and current.updated_by_id == request.user.pk,
    }
    return render(request, "projects/conflict.html", context, status=409)
