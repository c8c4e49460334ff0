"""The RACI grid: every role of every key decision on one page, saved at once; or one decision at a time."""

from dataclasses import dataclass, field

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.forms import BoundField
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from stage1.core.bidi import isolate
from stage1.core.numbers import parse_key
from stage1.core.views import kept_post
from stage1.projects.access import membership_for
from stage1.projects.models import KeyDecision, RaciAssignment, Stakeholder
from stage1.projects.models.items import Raci
from stage1.projects.raci import ROLE_CHOICES, RaciConflict, RaciGrid, RaciGridForm, cell_name, raci_grid_for, raci_grid_save
from stage1.projects.steps import STEPS, ItemKind


@dataclass
class Cell:
    decision: KeyDecision
    stakeholder: Stakeholder
    role: str  # as saved, for readers
    role_label: str = ""
    widget: str = ""  # the select, for writers
    label: str = ""
    # Saved by someone else after the page was rendered: the role saved now.
    now: str | None = None


@dataclass
class Row:
    header: KeyDecision | Stakeholder
    cells: list[Cell] = field(default_factory=list)


def _kind(model) -> ItemKind:
    return next(kind for kind in STEPS.kinds() if kind.model is model)


def _decision_or_404(project, value: str | None) -> KeyDecision | None:
    if value is None:
        return None
    key = parse_key(value)
    if key is None:
        raise Http404("No such decision.")
    return get_object_or_404(KeyDecision, pk=key, project=project)


def _role_label(role: str) -> str:
    return str(dict(ROLE_CHOICES).get(role, role))


def _table(grid: RaciGrid, form: RaciGridForm | None, errors: dict[int, list[str]], now: dict) -> list[Row]:
    """The rows of the table: decisions, or stakeholders when decisions are the columns."""
    rows, labels = {}, {role: str(label) for role, label in ROLE_CHOICES}
    for decision, stakeholder in grid.cells():
        role = grid.role(decision.pk, stakeholder.pk)
        cell = Cell(decision, stakeholder, role, labels[role], now=now.get((decision.pk, stakeholder.pk)))
        if form is not None:
            bound: BoundField = form[cell_name(decision.pk, stakeholder.pk)]
            attrs = {"class": "govuk-select stage1-raci__select" + (" govuk-select--error" if bound.errors else "")}
            if decision.pk in errors:
                attrs["aria-describedby"] = f"decision-{decision.pk}-error"
            cell.widget, cell.label = bound.as_widget(attrs=attrs), bound.label
        header = decision if grid.decisions_as_rows else stakeholder
        rows.setdefault(header.pk, Row(header)).cells.append(cell)
    return list(rows.values())


def _decision_errors(grid: RaciGrid, form: RaciGridForm | None) -> tuple[dict[int, list[str]], list[tuple[str, str]]]:
    """Errors by decision, and the error summary's (anchor, message) pairs in page order."""
    if form is None or not form.is_bound or form.is_valid():
        return {}, []
    by_decision, summary = {}, [("raci-grid", message) for message in form.non_field_errors()]
    for decision, stakeholder in grid.cells():
        bound = form[cell_name(decision.pk, stakeholder.pk)]
        for message in bound.errors:
            by_decision.setdefault(decision.pk, []).append(message)
            summary.append((bound.id_for_label, message))
    return by_decision, summary


def _page(request, membership, grid: RaciGrid, form, *, conflict=None, status: int = 200) -> HttpResponse:
    project = membership.project
    raci, stakeholder_kind, decision_kind = _kind(RaciAssignment), _kind(Stakeholder), _kind(KeyDecision)
    step = STEPS.step_of(raci)
    errors, summary = _decision_errors(grid, form)
    for decision in grid.decisions:
        decision.raci_errors = errors.get(decision.pk, [])
    context = {
        "project": project,
        "membership": membership,
        "heading": _heading(grid, conflict),
        "caption": _caption(grid),
        "step": step,
        "step_url": reverse("projects:step", kwargs={"slug": project.slug, "step_slug": step.slug}),
        "raci": raci,
        "stakeholder_kind": stakeholder_kind,
        "decision_kind": decision_kind,
        "grid": grid,
        "form": form,
        "editable": form is not None,
        "rows": [] if grid.empty or grid.too_big else _table(grid, form, errors, conflict["now"] if conflict else {}),
        "error_summary": summary,
        "summaries": _decision_summaries(grid) if grid.too_big else [],
        "conflict": conflict,
    }
    return render(request, "projects/raci_grid.html", context, status=status)


def _heading(grid: RaciGrid, conflict) -> str:
    if conflict and conflict["by_you"]:
        return _("You changed the RACI in another tab or window")
    if conflict:
        return _("Someone else changed the RACI while you were editing")
    if grid.single:
        return _("Roles for “%(decision)s”") % {"decision": isolate(grid.decisions[0].title)}
    return _("RACI: the roles for each key decision")


def _caption(grid: RaciGrid) -> str:
    if grid.single:
        return _("The role of each stakeholder for “%(decision)s”") % {"decision": isolate(grid.decisions[0].title)}
    if grid.decisions_as_rows:
        return _("Roles: key decisions in rows, stakeholders in columns")
    return _("Roles: stakeholders in rows, key decisions in columns")


def _decision_summaries(grid: RaciGrid) -> list[tuple[KeyDecision, list[Stakeholder], int]]:
    """For a grid too big for one page: each decision, its accountable stakeholders and how many roles it has."""
    stakeholders = {s.pk: s for s in grid.stakeholders}
    found = {d.pk: (d, [], []) for d in grid.decisions}
    for (decision_id, stakeholder_id), assignment in grid.assignments.items():
        _decision, accountable, roles = found[decision_id]
        roles.append(assignment)
        if assignment.responsibility == Raci.ACCOUNTABLE:
            accountable.append(stakeholders[stakeholder_id])
    return [(decision, accountable, len(roles)) for decision, accountable, roles in found.values()]


def _conflict(request, membership, decision, form: RaciGridForm, conflict: RaciConflict) -> HttpResponse:
    """The grid as saved now, the cells others changed marked with their role, and the user's own choices kept."""
    current = raci_grid_for(membership.project, decision=decision)
    shown = form.shown_roles
    changed = set(conflict.cells) | {
        (d.pk, s.pk) for d, s in current.cells() if current.role(d.pk, s.pk) != (shown[d.pk, s.pk].role if (d.pk, s.pk) in shown else "")
    }
    rows, now, authors = [], {}, []
    for d, s in current.cells():
        if (d.pk, s.pk) not in changed:
            continue
        saved = current.assignments.get((d.pk, s.pk))
        now[d.pk, s.pk] = _role_label(current.role(d.pk, s.pk))
        if form.user_changed(d.pk, s.pk):
            mine, different = _role_label(form.submitted(d.pk, s.pk)), form.submitted(d.pk, s.pk) != current.role(d.pk, s.pk)
        else:
            was = shown.get((d.pk, s.pk))
            mine, different = _("%(role)s, not changed by you") % {"role": _role_label(was.role if was else "")}, False
        rows.append({"label": f"“{d.title}” – {s}", "mine": mine, "current": now[d.pk, s.pk], "changed": different})
        authors.append(saved.updated_by if saved else None)
    named = sorted({a.get_full_name() or a.username for a in authors if a is not None})
    by_you = bool(authors) and all(a is not None and a.pk == request.user.pk for a in authors)
    context = {"rows": rows, "now": now, "authors": ", ".join(named), "by_you": by_you}
    return _page(request, membership, current, form.after_conflict(current), conflict=context, status=409)


def _after_save(project, decision: KeyDecision | None) -> str:
    if decision is not None:
        return reverse("projects:raci_grid", kwargs={"slug": project.slug}) + f"#decision-{decision.pk}"
    raci = _kind(RaciAssignment)
    return reverse("projects:step", kwargs={"slug": project.slug, "step_slug": STEPS.step_of(raci).slug}) + f"#{raci.slug}-list"


@login_required
def raci_grid(request: HttpRequest, slug: str) -> HttpResponse:
    membership = membership_for(request, slug, write=request.method == "POST")
    project = membership.project
    decision = _decision_or_404(project, request.GET.get("decision"))
    grid = raci_grid_for(project, decision=decision)
    form = None
    if membership.can_write and not grid.empty and not grid.too_big:
        form = RaciGridForm(request.POST if request.method == "POST" else kept_post(request), grid=grid)
        if request.method == "POST" and form.is_valid():
            try:
                count = raci_grid_save(project=project, cells=form.cell_choices(), user=request.user)
            except RaciConflict as conflict:
                return _conflict(request, membership, decision, form, conflict)
            message = ngettext("RACI saved: %(count)s role changed", "RACI saved: %(count)s roles changed", count)
            messages.success(request, message % {"count": count} if count else _("RACI saved: no roles changed"))
            return redirect(_after_save(project, decision))
    return _page(request, membership, grid, form)
