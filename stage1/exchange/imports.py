"""Importing a JSON export as a new project.

The file is checked against the schema first, then every step and item goes
through the very form the wizard uses, bound to the new project, and the
answers through the checklist's form, so every limit and rule of those pages
applies. It is one transaction: any problem and nothing is created, not even
the project.
"""

import json
import re
from dataclasses import dataclass, field
from datetime import date

from django import forms
from django.conf import settings
from django.db import transaction
from django.http import QueryDict

from stage1.exchange import errors
from stage1.exchange.answers import answers_import
from stage1.exchange.errors import ImportFailed
from stage1.exchange.fields import FORMAT, VERSION, Field, import_order, item_fields, step_fields
from stage1.exchange.schema import location, schema_errors
from stage1.projects.forms import ProjectForm
from stage1.projects.models import Project
from stage1.projects.services import project_create, project_touch
from stage1.projects.steps import STEPS, ItemKind, record_for

SURROGATE = re.compile(r"[\ud800-\udfff]")


@dataclass
class Imported:
    project: Project
    warnings: list[str] = field(default_factory=list)


def parse_document(content: bytes) -> dict:
    """The export as data, or ImportFailed saying why the file is not one."""
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ImportFailed([errors.NOT_UTF8]) from exc
    try:
        document = json.loads(text)
    except (ValueError, RecursionError) as exc:
        raise ImportFailed([errors.NOT_JSON]) from exc
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise ImportFailed([errors.NOT_AN_EXPORT])
    halves = list(_half_characters(document))
    if halves:
        raise ImportFailed(halves)
    if document.get("version") == 1:
        document = upgrade_from_version_1(document)
    if document.get("version") != VERSION:
        raise ImportFailed([errors.WRONG_VERSION % {"version": str(document.get("version"))[:20], "expected": VERSION}])
    return document


def upgrade_from_version_1(document: dict) -> dict:
    """A version 1 export in version 2's words: the plan step's slug and a key decision's title were renamed.

    Version 1 called golden rule 3 and its step "steps" and a key decision's
    text "decision". Anything malformed is left as it is for the schema to report.
    """
    steps = document.get("steps")
    if isinstance(steps, dict) and "steps" in steps and "plan" not in steps:
        steps["plan"] = steps.pop("steps")
    decisions = document.get("items", {}).get("decision") if isinstance(document.get("items"), dict) else None
    for decision in decisions if isinstance(decisions, list) else []:
        if isinstance(decision, dict) and "decision" in decision and "title" not in decision:
            decision["title"] = decision.pop("decision")
    answers = document.get("answers")
    for answer in answers if isinstance(answers, list) else []:
        if isinstance(answer, dict) and answer.get("rule") == "steps":
            answer["rule"] = "plan"
    document["version"] = 2
    return document


def _half_characters(document: dict):
    """A problem for each text holding a lone UTF-16 surrogate, which JSON's \\u escapes can spell.

    Nothing can store or show one: a page or a save would fail on it, so the
    file is refused before any of its text is repeated in a message.
    """
    todo = [((), document)]
    # A loop, not recursion: the file may nest as deeply as the JSON parser allows.
    while todo:
        path, node = todo.pop()
        if isinstance(node, dict):
            children = [((*path, key), child) for key, value in node.items() for child in (key, value)]
        elif isinstance(node, list):
            children = [((*path, index), value) for index, value in enumerate(node)]
        else:
            children = []
        # Reversed onto the stack, so problems come in the file's order.
        todo.extend(reversed(children))
        if isinstance(node, str) and (half := SURROGATE.search(node)):
            where = location(document, path).encode("utf-8", "backslashreplace").decode("utf-8")
            yield str(errors.NOT_A_CHARACTER % {"where": where, "escape": f"\\u{ord(half.group()):04x}"})


def project_import(*, user, content: bytes) -> Imported:
    """Create a new project, owned by user, from the bytes of an export file."""
    document = parse_document(content)
    problems = schema_errors(document)
    if problems:
        raise ImportFailed(problems)
    return _import(user=user, document=document)


class _Unresolved(Exception):
    """A reference to an item that failed on its own; that failure is already reported."""


@dataclass
class _Run:
    project: Project
    user: object
    errors: list[str] = field(default_factory=list)
    # Local id -> primary key of the item created for it.
    pks: dict[str, int] = field(default_factory=dict)
    failed: set[str] = field(default_factory=set)


@transaction.atomic
def _import(*, user, document: dict) -> Imported:
    # Files exported before projects had a document language are in English.
    form = ProjectForm({"language": settings.LANGUAGE_CODE, **document["project"]})
    if not form.is_valid():
        raise ImportFailed(_form_errors(form, str(Project._meta.verbose_name).capitalize()))
    run = _Run(project=project_create(user=user, **form.cleaned_data), user=user)
    items = document.get("items", {})
    created = {kind.slug: _import_items(run, kind, items.get(kind.slug, [])) for kind in import_order()}
    for kind in import_order():
        _link_to_own_kind(run, kind, items.get(kind.slug, []), created[kind.slug])
    for step in STEPS:
        _import_step(run, step, document.get("steps", {}).get(step.slug, {}))
    warnings, problems = answers_import(
        project=run.project, user=run.user, entries=document.get("answers", []), item_pks=run.pks, failed_items=frozenset(run.failed)
    )
    run.errors.extend(problems)
    if run.errors:
        # Leaving the atomic block with an exception undoes everything above.
        raise ImportFailed(run.errors)
    project_touch(run.project)
    run.project.refresh_from_db()
    return Imported(project=run.project, warnings=warnings)


def _import_items(run: _Run, kind: ItemKind, entries: list[dict]) -> dict[str, object]:
    """Create the list's items in file order; references to the kind itself wait for _link_to_own_kind."""
    where = str(kind.label).capitalize()
    seen, created, positions = set(), {}, {}
    for entry in entries:
        local = entry["id"]
        label = f"{where} “{local}”"
        if local in seen:
            run.errors.append(errors.DUPLICATE_ID % {"where": where, "id": local})
            continue
        seen.add(local)
        blank = kind.form_class(project=run.project)
        try:
            data = _form_data(run, blank, item_fields(kind), entry, label, skip_target=kind.slug)
        except _Unresolved:
            run.failed.add(local)
            continue
        if data is None:
            run.failed.add(local)
            continue
        form = kind.form_class(data, project=run.project, instance=kind.model(project=run.project))
        if not form.is_valid():
            run.failed.add(local)
            run.errors.extend(_form_errors(form, label))
            continue
        item = form.save(commit=False)
        # Positions count from 1 in file order, within the kind's scope (journey steps per path).
        scope = tuple(getattr(item, name + "_id", getattr(item, name)) for name in kind.position_scope)
        positions[scope] = item.position = positions.get(scope, 0) + 1
        item.updated_by = run.user
        item.save()
        form.save_m2m()
        run.pks[local] = item.pk
        created[local] = item
    return created


def _link_to_own_kind(run: _Run, kind: ItemKind, entries: list[dict], created: dict[str, object]) -> None:
    """Set references between items of the same list (a milestone's dependencies), through the form again."""
    own = [f for f in item_fields(kind) if f.target == kind.slug]
    if not own:
        return
    for entry in entries:
        item = created.get(entry["id"])
        if item is None or not any(entry.get(f.name) for f in own):
            continue
        label = f"{str(kind.label).capitalize()} “{entry['id']}”"
        blank = kind.form_class(project=run.project, instance=item)
        try:
            data = _form_data(run, blank, item_fields(kind), entry, label)
        except _Unresolved:
            continue
        if data is None:
            continue
        data["base_version"] = str(item.version)
        form = kind.form_class(data, project=run.project, instance=item)
        if form.is_valid():
            form.save()
        else:
            run.errors.extend(_form_errors(form, label))


def _import_step(run: _Run, step, entry: dict) -> None:
    record = record_for(run.project, step)
    label = str(step.title)
    blank = step.form_class(project=run.project, instance=record)
    try:
        data = _form_data(run, blank, step_fields(step), entry, label)
    except _Unresolved:
        return
    if data is None:
        return
    data["base_version"] = str(record.version)
    form = step.form_class(data, project=run.project, instance=record)
    if not form.is_valid():
        run.errors.extend(_form_errors(form, label))
        return
    # base_version has no initial value in a bound form, so it always counts as changed.
    if set(form.changed_data) - {"base_version"}:
        # As after a save in the wizard: a step with answers counts as started.
        record.version += 1
        record.updated_by = run.user
        form.save()


def _form_data(run: _Run, blank_form, fields: tuple[Field, ...], entry: dict, label: str, *, skip_target: str | None = None):
    """The POST data the wizard's form would receive for entry; None if a value cannot be converted (reported)."""
    data = QueryDict(mutable=True)
    data["base_version"] = "0"
    broken = False
    for fld in fields:
        if skip_target and fld.target == skip_target:
            continue
        if fld.name in entry:
            value = entry[fld.name]
        elif fld.target:
            continue
        else:
            # A field left out of the file keeps the value a new record has (a choice's default).
            value = getattr(blank_form.instance, fld.name)
            value = value.isoformat() if isinstance(value, date) else value
        form_field = blank_form.fields[fld.name]
        if fld.many:
            data.setlist(fld.name, [str(_resolve(run, ref, fld, label)) for ref in value])
        elif fld.target:
            data[fld.name] = str(_resolve(run, value, fld, label)) if value else ""
        elif isinstance(form_field.widget, forms.MultiWidget):
            # The wizard's GOV.UK date input posts day, month and year separately.
            try:
                parsed = date.fromisoformat(value) if value else None
            except ValueError:
                run.errors.append(errors.NOT_A_DATE % {"where": label, "field": fld.label, "value": value})
                broken = True
                continue
            parts = form_field.widget.decompress(parsed)
            for suffix, part in zip(form_field.widget.widgets_names, parts, strict=True):
                data[fld.name + suffix] = "" if part is None else str(part)
        elif isinstance(form_field, forms.BooleanField):
            if value:
                data[fld.name] = "on"
        else:
            data[fld.name] = "" if value is None else str(value)
    return None if broken else data


def _resolve(run: _Run, ref: str, fld: Field, label: str) -> int:
    if ref in run.pks:
        return run.pks[ref]
    if ref not in run.failed:
        run.errors.append(errors.DANGLING % {"where": label, "field": fld.label, "ref": ref})
    raise _Unresolved


def _form_errors(form, label: str) -> list[str]:
    messages = []
    for name, field_errors in form.errors.as_data().items():
        for error in field_errors:
            for problem in error.messages:
                if name == "__all__":
                    messages.append(str(errors.ITEM_PROBLEM % {"where": label, "problem": problem}))
                else:
                    field_label = form.fields[name].label if name in form.fields else name
                    messages.append(str(errors.FIELD_PROBLEM % {"where": label, "field": field_label, "problem": problem}))
    return messages
