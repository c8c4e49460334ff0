"""A project's history: every saved change, grouped per save, described in words.

simple-history keeps a row per saved version of every step record, item and
checklist answer. Rows written during one request share that request's id
(stored as the change reason), which is how one "save" is grouped.
"""

from dataclasses import dataclass, field
from datetime import datetime

from django.utils.translation import gettext_lazy as _

from stage1.evaluation.models import Action, Answer
from stage1.methodology.models import EvaluationQuestion
from stage1.projects.display import display, field_label
from stage1.projects.steps import STEPS, ItemKind, Step


@dataclass(frozen=True)
class Tracked:
    model: type
    label: str
    fields: tuple[str, ...]
    step: Step | None = None  # set for step records, which can be restored
    kind: ItemKind | None = None


def tracked() -> list[Tracked]:
    found = []
    for step in STEPS:
        names = step.fields
        found.append(Tracked(step.model, str(_("Answers of the step “%(step)s”") % {"step": step.title}), names, step=step))
        for kind in step.items:
            names = tuple(n for n in kind.fields if not kind.model._meta.get_field(n).many_to_many)
            found.append(Tracked(kind.model, str(kind.label), names, kind=kind))
    found.append(
        Tracked(
            Answer,
            str(_("evaluation answer")),
            ("choice", "evidence", "risk_accepted_because", "risk_accepted_by", "contradiction_dismissed_because", "to_confirm"),
        )
    )
    found.append(Tracked(Action, str(_("action")), ("description", "owner", "due_on", "done_on")))
    return found


@dataclass
class FieldChange:
    label: str
    before: str
    after: str


@dataclass
class Change:
    tracked: Tracked
    action: str  # "added", "changed", "removed"
    title: str
    fields: list[FieldChange]
    row: object

    @property
    def restorable(self) -> bool:
        return self.tracked.step is not None


@dataclass
class ChangeGroup:
    when: datetime
    user: object
    changes: list[Change] = field(default_factory=list)


def _shown(row, name: str, labels: dict) -> str:
    model_field = row._meta.get_field(name)
    if model_field.is_relation:
        pk = getattr(row, model_field.attname)
        if pk is None:
            return ""
        return labels.get((model_field.related_model._meta.label_lower, pk), str(_("(removed)")))
    return display(row, name)


def _item_title(kind: ItemKind, row, labels: dict) -> str:
    """An item's name from its first two listed fields, without touching the database."""
    names = [c for c in kind.columns if c in {f.name for f in kind.model._meta.concrete_fields}][:2]
    return " – ".join(v for v in (_shown(row, name, labels) for name in names) if v)


def _title(tracked: Tracked, row, questions: dict, labels: dict) -> str:
    if tracked.model is Answer:
        return questions.get(row.question_id, "")
    if tracked.model is Action:
        return row.description[:80]
    if tracked.kind is not None:
        return labels.get((tracked.model._meta.label_lower, row.id), "")
    return ""


def project_history(project, *, limit: int = 50, offset: int = 0) -> tuple[list[ChangeGroup], bool]:
    """Newest first: up to `limit` groups after skipping `offset`, and whether there are more."""
    labels = {}
    rows_by_tracked = [
        (t, list(t.model.history.filter(project_id=project.pk).select_related("history_user").order_by("history_date", "history_id")))
        for t in tracked()
    ]
    # Two passes: an item named after another item (a RACI row after its
    # decision and stakeholder) needs the other's label first.
    for _pass in range(2):
        for t, rows in rows_by_tracked:
            if t.kind is not None:
                for row in rows:
                    labels[(t.model._meta.label_lower, row.id)] = _item_title(t.kind, row, labels)
    questions = dict(EvaluationQuestion.objects.values_list("pk", "text"))
    changes: list[tuple[object, Change]] = []
    for t, rows in rows_by_tracked:
        previous = {}
        for row in rows:
            before = previous.get(row.id)
            previous[row.id] = row
            if row.history_type == "+":
                if t.step is not None:
                    continue  # the empty record every project starts with
                change = Change(t, "added", _title(t, row, questions, labels), [], row)
                diffs = [(name, "", _shown(row, name, labels)) for name in t.fields]
            elif row.history_type == "-":
                change = Change(t, "removed", _title(t, row, questions, labels), [], row)
                diffs = []
            else:
                change = Change(t, "changed", _title(t, row, questions, labels), [], row)
                diffs = [(name, _shown(before, name, labels) if before else "", _shown(row, name, labels)) for name in t.fields]
            change.fields = [FieldChange(field_label(t.model, name), old, new) for name, old, new in diffs if old != new]
            if change.action == "changed" and not change.fields:
                continue
            changes.append((row, change))
    groups: dict[str, ChangeGroup] = {}
    for row, change in sorted(changes, key=lambda pair: (pair[0].history_date, pair[0].history_id)):
        key = row.history_change_reason or f"{row.history_user_id}@{row.history_date:%Y%m%d%H%M%S}"
        group = groups.setdefault(key, ChangeGroup(row.history_date, row.history_user))
        group.when = max(group.when, row.history_date)
        group.changes.append(change)
    ordered = sorted(groups.values(), key=lambda g: g.when, reverse=True)
    return ordered[offset : offset + limit], len(ordered) > offset + limit


def saved_answers(project, step: Step, history_id: int):
    """A step's answers as one earlier save left them (a history row), or None."""
    return step.model.history.filter(project_id=project.pk, history_id=history_id).select_related("history_user").first()


def changed_since(project, when: datetime) -> list[tuple[str, list[Change]]]:
    """What changed after `when`, per step in wizard order (the checklist's answers last): (title, changes) pairs."""
    groups, _more = project_history(project, limit=10**9)
    by_title: dict[str, list[Change]] = {}
    for group in groups:
        if group.when <= when:
            continue
        for change in group.changes:
            step = change.tracked.step or (STEPS.step_of(change.tracked.kind) if change.tracked.kind else None)
            title = str(step.title) if step else str(_("Evaluation checklist and action plan"))
            by_title.setdefault(title, []).append(change)
    order = [str(step.title) for step in STEPS] + [str(_("Evaluation checklist and action plan"))]
    return sorted(by_title.items(), key=lambda pair: order.index(pair[0]))
