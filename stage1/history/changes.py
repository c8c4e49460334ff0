"""A project's history: every saved change, grouped per save, described in words.

simple-history keeps a row per saved version of every step record, item and
checklist answer. Rows written during one request share that request's id
(stored as the change reason), which is how one "save" is grouped; rows
written outside a request (the demo, a command) are grouped by who saved them
and the second they were saved in.

The page shows a page of saves, never all of them. The database picks the
saves (`_save_keys`: one query over every history table), then only the rows
of those saves are loaded, with exactly the earlier versions their
differences are computed against and the names of the items they mention,
each table read at most a few times whatever the length of the history.
"""

from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import lru_cache

from django.db import connection
from django.db.models import CharField, F, OuterRef, Q, Subquery, Value, Window
from django.db.models.functions import Cast, Coalesce, Concat, Lag, Trunc
from django.utils import timezone
from django.utils.dateparse import parse_datetime
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


@dataclass
class HistoryPage:
    groups: list[ChangeGroup]
    total: int  # saves in the whole history (0 when the page asked for lies beyond it)


def _save_key():
    """The database's name for the save a history row belongs to (see the module's docstring)."""
    second = Cast(Trunc("history_date", "second"), CharField())
    return Coalesce("history_change_reason", Concat(Cast("history_user_id", CharField()), Value("@"), second), output_field=CharField())


def _shown_rows_sql(t: Tracked, index: int, project) -> tuple[str, list]:
    """SQL for the rows of one history table that the page shows: (save key, date, table bit).

    A row is shown when it adds (except a step's empty first record), removes, or changes a
    tracked field compared with the version before it: saving a page unchanged writes a row too.
    """
    sql, params, project_at = _shown_rows_template(t.model, t.fields, t.step is not None, index, connection.vendor)
    params = list(params)
    params[project_at] = project.pk
    return sql, params


@lru_cache(maxsize=256)
def _shown_rows_template(model, fields: tuple[str, ...], is_step: bool, index: int, vendor: str) -> tuple[str, tuple, int]:
    """The SQL of `_shown_rows_sql` and its parameters, with the position of the project's id among them.

    Compiling twenty querysets of windows costs more than running them, and the SQL is the
    same for every project: it is compiled once per process, and the project's id put in.
    """
    compiled = [_compile_shown_rows(model, fields, is_step, index, project_id) for project_id in (1, 2)]
    (sql, first), (_same, second) = compiled
    [project_at] = [i for i, (a, b) in enumerate(zip(first, second, strict=True)) if a != b]
    return sql, tuple(first), project_at


def _compile_shown_rows(model, fields: tuple[str, ...], is_step: bool, index: int, project_id: int) -> tuple[str, list]:
    order = [F("history_date").asc(), F("history_id").asc()]
    now = {f"h_now{i}": F(model._meta.get_field(name).attname) for i, name in enumerate(fields)}
    before = {
        f"h_before{i}": Window(Lag(expression.name), partition_by=[F("id")], order_by=order)
        for i, (_n, expression) in enumerate(now.items())
    }
    rows = (
        model.history.filter(project_id=project_id)
        .annotate(h_key=_save_key(), h_when=F("history_date"), h_type=F("history_type"), **now, **before)
        .annotate(h_previous=Window(Lag("history_id"), partition_by=[F("id")], order_by=order))
        .values("h_key", "h_when", "h_type", "h_previous", *now, *before)
        .order_by()
    )
    sql, params = rows.query.sql_with_params()
    # NULL-safe inequality: a field emptied to NULL, or filled from NULL, is a change.
    differs = "IS DISTINCT FROM" if connection.vendor == "postgresql" else "IS NOT"
    changed = " OR ".join(f"m.h_before{i} {differs} m.h_now{i}" for i in range(len(fields))) or "FALSE"
    added = "FALSE" if is_step else "TRUE"
    shown = f"(m.h_type = '-' OR (m.h_type = '+' AND {added}) OR (m.h_type = '~' AND (m.h_previous IS NULL OR {changed})))"
    # Each table is one bit: the page then reads only the tables its saves touched.
    # Only Django's compiled SQL and constants are spliced in; every value is a parameter.
    return f"SELECT m.h_key, m.h_when, {1 << index} AS h_table FROM ({sql}) m WHERE {shown}", list(params)  # noqa: S608  # nosec B608


def _save_keys(project, tables: list[Tracked], *, after: datetime | None, limit: int | None, offset: int):
    """Newest first: (key, first row's date, last row's date, tables bitmask, total saves) of the saves asked for."""
    parts = [_shown_rows_sql(t, index, project) for index, t in enumerate(tables)]
    union = " UNION ALL ".join(sql for sql, _params in parts)
    params = [p for _sql, part_params in parts for p in part_params]
    having = ""
    if after is not None:
        having = " HAVING MAX(saves.h_when) > %s"
        # Raw SQL: the date as the backend stores it (SQLite compares text).
        params.append(connection.ops.adapt_datetimefield_value(after))
    paging = ""
    if limit is not None:
        paging = " LIMIT %s OFFSET %s"
        params += [limit, offset]
    # As above: compiled SQL and constants only; the date, limit and offset are parameters.
    columns = "saves.h_key, MIN(saves.h_when), MAX(saves.h_when) AS h_last, SUM(DISTINCT saves.h_table), COUNT(*) OVER ()"
    order = "ORDER BY h_last DESC, saves.h_key DESC"
    sql = f"SELECT {columns} FROM ({union}) saves GROUP BY saves.h_key{having} {order}{paging}"  # noqa: S608  # nosec B608
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return [(key, _as_datetime(first), _as_datetime(last), mask, total) for key, first, last, mask, total in cursor.fetchall()]


def _as_datetime(value) -> datetime:
    # Aggregates over a union come back untyped: SQLite gives the stored text (UTC), PostgreSQL a datetime.
    if isinstance(value, str):
        value = parse_datetime(value)
    return value if timezone.is_aware(value) else timezone.make_aware(value, UTC)


def _shown(row, name: str, labels: dict) -> str:
    model_field = row._meta.get_field(name)
    if model_field.is_relation:
        pk = getattr(row, model_field.attname)
        if pk is None:
            return ""
        return labels.get((model_field.related_model._meta.label_lower, pk), str(_("(removed)")))
    return display(row, name)


def _title_names(kind: ItemKind) -> list[str]:
    return [c for c in kind.columns if c in {f.name for f in kind.model._meta.concrete_fields}][:2]


def _item_title(kind: ItemKind, row, labels: dict) -> str:
    """An item's name from its first two listed fields, without touching the database."""
    return " – ".join(v for v in (_shown(row, name, labels) for name in _title_names(kind)) if v)


def _title(tracked: Tracked, row, questions: dict, labels: dict) -> str:
    if tracked.model is Answer:
        return questions.get(row.question_id, "")
    if tracked.model is Action:
        return row.description[:80]
    if tracked.kind is not None:
        return labels.get((tracked.model._meta.label_lower, row.id), "")
    return ""


def _references(t: Tracked, row, names) -> set[tuple[type, int]]:
    found = set()
    for name in names:
        model_field = t.model._meta.get_field(name)
        if model_field.is_relation and getattr(row, model_field.attname) is not None:
            found.add((model_field.related_model, getattr(row, model_field.attname)))
    return found


def _item_labels(project, needed: set[tuple[type, int]], kinds: dict) -> dict:
    """Items' names as their latest saved version gives them, removed items included.

    A name may be made of other items' names (a RACI row after its decision and
    stakeholder): those are loaded in a further round, for the items asked for only.
    """
    latest: dict[tuple[type, int], object] = {}
    wanted = {(model, pk) for model, pk in needed if model in kinds}
    while wanted:
        by_model: dict[type, set[int]] = {}
        for model, pk in wanted:
            by_model.setdefault(model, set()).add(pk)
        for model, pks in by_model.items():
            newest = model.history.filter(id=OuterRef("id")).order_by("-history_date", "-history_id").values("history_id")[:1]
            for row in model.history.filter(project_id=project.pk, id__in=pks, history_id=Subquery(newest)):
                latest[(model, row.id)] = row
            for pk in pks:
                latest.setdefault((model, pk), None)
        wanted = set()
        for (model, _pk), row in latest.items():
            if row is not None:
                wanted |= {ref for ref in _references(kinds[model], row, _title_names(kinds[model].kind)) if ref[0] in kinds}
        wanted -= set(latest)
    labels: dict = {}
    # Two passes: an item named after another item needs the other's label first.
    for _pass in range(2):
        for (model, pk), row in latest.items():
            if row is not None:
                labels[(model._meta.label_lower, pk)] = _item_title(kinds[model].kind, row, labels)
    return labels


def _groups(project, *, after: datetime | None = None, limit: int | None = None, offset: int = 0) -> HistoryPage:
    tables = tracked()
    keys = _save_keys(project, tables, after=after, limit=limit, offset=offset)
    if not keys:
        return HistoryPage([], 0)
    wanted = [key for key, *_rest in keys]
    first, last = min(k[1] for k in keys), max(k[2] for k in keys)
    mask = 0
    for _key, _first, _last, bits, _total in keys:
        mask |= bits
    loaded: list[tuple[Tracked, list, dict]] = []
    needed: set[tuple[type, int]] = set()
    for index, t in enumerate(tables):
        if not mask & (1 << index):
            continue
        earlier = t.model.history.filter(id=OuterRef("id")).filter(
            Q(history_date__lt=OuterRef("history_date")) | Q(history_date=OuterRef("history_date"), history_id__lt=OuterRef("history_id"))
        )
        rows = list(
            t.model.history.filter(project_id=project.pk, history_date__range=(first, last))
            .annotate(h_key=_save_key(), h_previous=Subquery(earlier.order_by("-history_date", "-history_id").values("history_id")[:1]))
            .filter(h_key__in=wanted)
            .select_related("history_user")
            .order_by("history_date", "history_id")
        )
        # The version each change is compared with, wherever it sits in the history: exactly those.
        previous_ids = {row.h_previous for row in rows if row.history_type == "~" and row.h_previous is not None}
        previous = {row.history_id: row for row in rows}
        missing = previous_ids - set(previous)
        if missing:
            previous.update({row.history_id: row for row in t.model.history.filter(history_id__in=missing)})
        loaded.append((t, rows, previous))
        for row in rows:
            if t.kind is not None:
                needed.add((t.model, row.id))
            needed |= _references(t, row, t.fields)
        for pk in previous_ids:
            needed |= _references(t, previous[pk], t.fields)
    kinds = {t.model: t for t in tables if t.kind is not None}
    labels = _item_labels(project, needed, kinds)
    questions = {}
    if any(t.model is Answer for t, _rows, _previous in loaded):
        questions = dict(EvaluationQuestion.objects.values_list("pk", "text"))
    by_key = {key: ChangeGroup(when, None) for key, _first, when, _bits, _total in keys}
    changes: list[tuple[object, Change]] = []
    for t, rows, previous in loaded:
        for row in rows:
            if row.history_type == "+":
                if t.step is not None:
                    continue  # the empty record every project starts with
                change = Change(t, "added", _title(t, row, questions, labels), [], row)
                diffs = [(name, "", _shown(row, name, labels)) for name in t.fields]
            elif row.history_type == "-":
                change = Change(t, "removed", _title(t, row, questions, labels), [], row)
                diffs = []
            else:
                before = previous.get(row.h_previous)
                change = Change(t, "changed", _title(t, row, questions, labels), [], row)
                diffs = [(name, _shown(before, name, labels) if before else "", _shown(row, name, labels)) for name in t.fields]
            change.fields = [FieldChange(field_label(t.model, name), old, new) for name, old, new in diffs if old != new]
            if change.action == "changed" and not change.fields:
                continue
            changes.append((row, change))
    for row, change in sorted(changes, key=lambda pair: (pair[0].history_date, pair[0].history_id)):
        group = by_key[row.h_key]
        if group.user is None:
            group.user = row.history_user
        group.changes.append(change)
    return HistoryPage(list(by_key.values()), keys[0][4])


def project_history(project, *, limit: int = 50, offset: int = 0) -> HistoryPage:
    """Newest first: up to `limit` saves after skipping `offset`, and how many saves there are in all."""
    return _groups(project, limit=limit, offset=offset)


def saved_answers(project, step: Step, history_id: int):
    """A step's answers as one earlier save left them (a history row), or None."""
    return step.model.history.filter(project_id=project.pk, history_id=history_id).select_related("history_user").first()


def changed_since(project, when: datetime) -> list[tuple[str, list[Change]]]:
    """What changed after `when`, per step in wizard order (the checklist's answers last): (title, changes) pairs."""
    by_title: dict[str, list[Change]] = {}
    for group in _groups(project, after=when).groups:
        for change in group.changes:
            step = change.tracked.step or (STEPS.step_of(change.tracked.kind) if change.tracked.kind else None)
            title = str(step.title) if step else str(_("Evaluation checklist and action plan"))
            by_title.setdefault(title, []).append(change)
    order = [str(step.title) for step in STEPS] + [str(_("Evaluation checklist and action plan"))]
    return sorted(by_title.items(), key=lambda pair: order.index(pair[0]))
