"""The RACI as one grid: who is Responsible, Accountable, Consulted or Informed for each key decision.

A cell is one decision and one stakeholder. The page carries, in one hidden
field, the assignment, version and role of every cell that had a role when
it was rendered, so a save changes only the cells the user changed, each
claimed from the version the user saw (the one conflict rule), and leaves
alone what others saved meanwhile in the cells the user did not touch.
"""

from dataclasses import dataclass

from django import forms
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from stage1.core.bidi import isolate
from stage1.core.numbers import parse_int, parse_key
from stage1.core.versioning import Conflict, claim
from stage1.projects.forms import ITEM_LIMIT
from stage1.projects.models import KeyDecision, Project, RaciAssignment, Stakeholder
from stage1.projects.models.items import Raci
from stage1.projects.services import project_touch

# 30 stakeholders by 20 decisions. A larger grid is too long to read and its
# form nears DATA_UPLOAD_MAX_NUMBER_FIELDS (1,000), so the page then offers
# one decision at a time (at most ITEM_LIMIT stakeholders, one select each).
MAX_GRID_CELLS = 600

NO_ROLE = _("No role")
CELL_LABEL = _("Role of %(stakeholder)s for “%(decision)s”")
NOT_A_ROLE = _("The role of %(stakeholder)s for “%(decision)s” must be one of the options shown: choose again")
TOO_MANY_ACCOUNTABLE = _("“%(decision)s” has %(count)s accountable stakeholders: keep one A and change the others")
NO_ACCOUNTABLE = _("“%(decision)s” has roles but no accountable stakeholder: choose one A")
GRID_UNREADABLE = _("This page did not say which roles it showed, so nothing was saved. Open the page again, then make your change.")
TOO_MANY_ROLES = _("A RACI can hold %(limit)s roles and this one would have %(count)s. Remove some roles before saving.")

ROLE_CHOICES = [("", NO_ROLE), *((letter, format_lazy("{} – {}", letter, label)) for letter, label in Raci.choices)]


def cell_name(decision_id: int, stakeholder_id: int) -> str:
    return f"role-{decision_id}-{stakeholder_id}"


@dataclass
class RaciGrid:
    """Decisions, stakeholders and the roles between them; `single`: one decision's view."""

    decisions: list[KeyDecision]
    stakeholders: list[Stakeholder]
    assignments: dict[tuple[int, int], RaciAssignment]
    single: bool = False
    # Roles of the decisions not shown: they count towards ITEM_LIMIT.
    roles_elsewhere: int = 0

    @property
    def empty(self) -> bool:
        return not self.decisions or not self.stakeholders

    @property
    def too_big(self) -> bool:
        return not self.single and len(self.decisions) * len(self.stakeholders) > MAX_GRID_CELLS

    @property
    def decisions_as_rows(self) -> bool:
        """Decisions are rows unless there are more of them than stakeholders, or one decision is shown."""
        return not self.single and len(self.decisions) <= len(self.stakeholders)

    def role(self, decision_id: int, stakeholder_id: int) -> str:
        assignment = self.assignments.get((decision_id, stakeholder_id))
        return assignment.responsibility if assignment else ""

    def cells(self):
        for decision in self.decisions:
            for stakeholder in self.stakeholders:
                yield decision, stakeholder


def raci_grid_for(project: Project, *, decision: KeyDecision | None = None) -> RaciGrid:
    """The grid of the project, or of one decision, in a fixed number of queries whatever its size."""
    stakeholders = list(Stakeholder.objects.filter(project=project).order_by("position", "id").only("id", "name", "organisation"))
    # The author of each role is named when a save conflicts with it.
    assignments = RaciAssignment.objects.filter(project=project).select_related("updated_by")
    if decision is None:
        decisions = list(KeyDecision.objects.filter(project=project).order_by("position", "id").only("id", "title"))
        elsewhere = 0
    else:
        decisions = [decision]
        elsewhere = assignments.exclude(decision=decision).count()
        assignments = assignments.filter(decision=decision)
    by_cell = {(a.decision_id, a.stakeholder_id): a for a in assignments}
    return RaciGrid(decisions, stakeholders, by_cell, single=decision is not None, roles_elsewhere=elsewhere)


@dataclass(frozen=True)
class Shown:
    """A role as the page showed it."""

    assignment_id: int
    version: int
    role: str


def shown_text(grid: RaciGrid) -> str:
    """The hidden field's value: "decision.stakeholder.assignment.version.role" for each cell with a role."""
    return " ".join(f"{d}.{s}.{a.pk}.{a.version}.{a.responsibility}" for (d, s), a in grid.assignments.items())


def _parse_shown(value) -> dict[tuple[int, int], Shown] | None:
    """What the page showed, cell by cell, or None when the field is missing or malformed."""
    if not isinstance(value, str):
        return None
    shown = {}
    for token in value.split():
        parts = token.split(".")
        if len(parts) != 5 or parts[4] not in Raci.values:
            return None
        decision, stakeholder, assignment = (parse_key(part) for part in parts[:3])
        version = parse_int(parts[3])
        if None in (decision, stakeholder, assignment, version):
            return None
        shown[decision, stakeholder] = Shown(assignment, version, parts[4])
    return shown


@dataclass(frozen=True)
class CellChoice:
    """One cell as submitted: what the page showed in it and the role chosen ("" for none)."""

    decision_id: int
    stakeholder_id: int
    shown: Shown | None
    chosen: str

    @property
    def key(self) -> tuple[int, int]:
        return self.decision_id, self.stakeholder_id

    @property
    def changed(self) -> bool:
        return self.chosen != (self.shown.role if self.shown else "")


class RaciGridForm(forms.Form):
    """A select per cell and the roles the page showed; each decision with roles has exactly one Accountable.

    A decision without any role is allowed: its roles are not decided yet.
    A cell missing from the submitted data (a stakeholder added after the
    page was rendered) keeps what the page showed.
    """

    shown = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, data=None, *, grid: RaciGrid, **kwargs):
        self.grid = grid
        self.shown_roles = _parse_shown(data.get("shown")) if data is not None else None
        if data is not None and self.shown_roles is not None:
            data = data.copy()
            for decision, stakeholder in grid.cells():
                shown = self.shown_roles.get((decision.pk, stakeholder.pk))
                data.setdefault(cell_name(decision.pk, stakeholder.pk), shown.role if shown else "")
        super().__init__(data, **kwargs)
        self.initial["shown"] = shown_text(grid)
        for decision, stakeholder in grid.cells():
            names = {"stakeholder": isolate(stakeholder), "decision": isolate(decision.title)}
            self.fields[cell_name(decision.pk, stakeholder.pk)] = forms.ChoiceField(
                label=CELL_LABEL % names,
                choices=ROLE_CHOICES,
                required=False,
                initial=grid.role(decision.pk, stakeholder.pk),
                # Django fills in the message with "%"; a title such as "Cut costs by 10%" must not be read as a placeholder.
                error_messages={"invalid_choice": str(NOT_A_ROLE % names).replace("%", "%%")},
                widget=forms.Select(attrs={"class": "govuk-select stage1-raci__select"}),
            )

    def clean(self):
        cleaned = super().clean()
        if self.shown_roles is None:
            raise forms.ValidationError(GRID_UNREADABLE, code="unreadable")
        roles = 0
        for decision in self.grid.decisions:
            names = [cell_name(decision.pk, stakeholder.pk) for stakeholder in self.grid.stakeholders]
            roles += sum(1 for name in names if cleaned.get(name))
            accountable = [name for name in names if cleaned.get(name) == Raci.ACCOUNTABLE]
            # The error sits on a cell of the decision, so the summary links into its row.
            if len(accountable) > 1:
                error = forms.ValidationError(
                    TOO_MANY_ACCOUNTABLE, code="accountable", params={"decision": isolate(decision.title), "count": len(accountable)}
                )
                self.add_error(accountable[1], error)
            elif not accountable and any(cleaned.get(name) for name in names):
                self.add_error(
                    names[0], forms.ValidationError(NO_ACCOUNTABLE, code="accountable", params={"decision": isolate(decision.title)})
                )
        count = self.grid.roles_elsewhere + roles
        if count > ITEM_LIMIT:
            raise forms.ValidationError(TOO_MANY_ROLES, code="too_many", params={"limit": ITEM_LIMIT, "count": count})
        return cleaned

    def cell_choices(self) -> list[CellChoice]:
        """Every cell of a valid form, for raci_grid_save."""
        return [
            CellChoice(decision.pk, stakeholder.pk, self.shown_roles.get((decision.pk, stakeholder.pk)), self.cleaned_data[name])
            for decision, stakeholder in self.grid.cells()
            if (name := cell_name(decision.pk, stakeholder.pk)) in self.cleaned_data
        ]

    def submitted(self, decision_id: int, stakeholder_id: int) -> str:
        return self.data.get(cell_name(decision_id, stakeholder_id), "")

    def user_changed(self, decision_id: int, stakeholder_id: int) -> bool:
        shown = (self.shown_roles or {}).get((decision_id, stakeholder_id))
        return self.submitted(decision_id, stakeholder_id) != (shown.role if shown else "")

    def after_conflict(self, current: RaciGrid) -> "RaciGridForm":
        """The grid as saved now with the user's own changes on top, carrying the versions now current.

        Submitting it applies the user's choices over what they have now seen.
        """
        data = self.data.copy()
        data["shown"] = shown_text(current)
        for decision, stakeholder in current.cells():
            if not self.user_changed(decision.pk, stakeholder.pk):
                data[cell_name(decision.pk, stakeholder.pk)] = current.role(decision.pk, stakeholder.pk)
        return RaciGridForm(data, grid=current)


class RaciConflict(Exception):
    """Roles the user changed were changed by someone else since the page was rendered; nothing was saved."""

    def __init__(self, cells: list[tuple[int, int]]):
        super().__init__("conflicting roles")
        self.cells = cells


@transaction.atomic
def raci_grid_save(*, project: Project, cells: list[CellChoice], user) -> int:
    """Apply the cells the user changed and return how many changed; all or nothing, or RaciConflict.

    A changed cell that showed a role claims that assignment from the version
    shown, then changes or removes it; a changed cell that showed none
    conflicts if someone gave it a role meanwhile. A cell already holding the
    chosen role is left alone. Each decision changed must end with exactly one
    Accountable or no role at all, whatever others saved in its other cells.
    """
    changed = [cell for cell in cells if cell.changed]
    if not changed:
        return 0
    touched = {cell.decision_id for cell in changed}
    # Locked so that the Accountable check below counts the roles that will be committed.
    rows = RaciAssignment.objects.select_for_update().filter(project=project, decision_id__in=touched)
    current = {(a.decision_id, a.stakeholder_id): a for a in rows}
    position = RaciAssignment.objects.filter(project=project).aggregate(n=Max("position"))["n"] or 0
    conflicts, count = [], 0
    for cell in changed:
        try:
            if _apply(cell, current, project=project, user=user, position=position + count + 1):
                count += 1
        except Conflict:
            conflicts.append(cell.key)
    if not conflicts:
        conflicts = _broken_decisions(touched, current, cells)
    if conflicts:
        # Raising inside the atomic block rolls back the roles saved above.
        raise RaciConflict(conflicts)
    if count:
        project_touch(project)
    return count


def _apply(cell: CellChoice, current: dict, *, project: Project, user, position: int) -> bool:
    """Give the cell its chosen role, keeping `current` up to date; False if it has it already, Conflict if it changed meanwhile."""
    now = current.get(cell.key)
    if (now.responsibility if now else "") == cell.chosen:
        return False
    if now is None and cell.shown is None:
        fields = {"decision_id": cell.decision_id, "stakeholder_id": cell.stakeholder_id, "responsibility": cell.chosen}
        try:
            with transaction.atomic():
                current[cell.key] = RaciAssignment.objects.create(project=project, position=position, updated_by=user, **fields)
        except IntegrityError:
            # Given a role by someone else between the read and this insert.
            raise Conflict(None) from None
        return True
    if now is None or cell.shown is None or now.pk != cell.shown.assignment_id:
        # Given a role, removed or replaced since the page showed it.
        raise Conflict(now)
    claim(now, base_version=cell.shown.version)
    now.updated_by = user
    if cell.chosen:
        now.responsibility = cell.chosen
        now.save()
    else:
        # updated_by set above: the history's removal row names who removed it.
        now.delete()
        del current[cell.key]
    return True


def _broken_decisions(touched, current, cells: list[CellChoice]) -> list[tuple[int, int]]:
    """The cells others changed in decisions that no longer have exactly one Accountable once the user's changes apply."""
    chosen = {cell.key: cell.chosen for cell in cells}
    broken = []
    for decision_id in touched:
        roles = {key: a.responsibility for key, a in current.items() if key[0] == decision_id}
        if roles and list(roles.values()).count(Raci.ACCOUNTABLE) != 1:
            keys = set(roles) | {key for key in chosen if key[0] == decision_id}
            broken.extend(sorted(key for key in keys if roles.get(key, "") != chosen.get(key, "")))
    return broken
