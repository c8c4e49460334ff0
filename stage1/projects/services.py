"""Writes of the wizard. Each is one transaction; each saved change bumps the project's version.

Every write of something a form showed obeys the one conflict rule of
stage1.core.versioning: it applies only if the row is still at the version
the form was rendered from.
"""

from dataclasses import dataclass
from functools import partial

from django.conf import settings
from django.db import transaction
from django.db.models import F, Max
from django.utils import timezone

from stage1.core.versioning import claim
from stage1.methodology.versions import latest_version
from stage1.projects.models import Membership, Project, Role
from stage1.projects.signals import project_changed
from stage1.projects.steps import ItemKind, ensure_step_records, record_for


@dataclass(frozen=True)
class Saved:
    obj: object


@transaction.atomic
def project_create(*, user, title: str, organisation: str, description: str = "", language: str = "") -> Project:
    project = Project.objects.create(
        title=title,
        organisation=organisation,
        description=description,
        language=language or settings.LANGUAGE_CODE,
        slug=Project.unique_slug_for(title),
        methodology_version=latest_version(),
    )
    Membership.objects.create(project=project, user=user, role=Role.OWNER)
    ensure_step_records(project)
    return project


class LanguageChanged(Exception):
    """Someone else changed the project's language since the page was shown; `current` is the language now."""

    def __init__(self, current: str):
        super().__init__("language changed meanwhile")
        self.current = current


@transaction.atomic
def project_language_change(*, project: Project, language: str, base_language: str) -> None:
    """Write the documents' language, if it is still the one the page showed.

    The one conflict rule, applied to the only value the page changes: the
    conditional UPDATE claims it from base_language.
    """
    if language == base_language:
        return
    if not Project.objects.filter(pk=project.pk, language=base_language).update(language=language):
        raise LanguageChanged(Project.objects.filter(pk=project.pk).values_list("language", flat=True).get())
    project.language = language
    # The charter and the exports change: the same as any other saved change.
    project_touch(project)


def project_touch(project: Project) -> None:
    Project.objects.filter(pk=project.pk).update(revision=F("revision") + 1, updated_at=timezone.now())
    # After commit, so what listens (the charter's render queue) sees the saved data; robust: the save
    # has been committed by then, so a listener's failure is logged rather than shown as a failed save.
    transaction.on_commit(partial(project_changed.send, sender=Project, project_pk=project.pk), robust=True)


@transaction.atomic
def step_save(*, project: Project, form, user, new_items=(), changed_items=()) -> Saved:
    """Save a step's own answers from a valid StepForm, the new items typed in its rows and the items changed in place.

    new_items and changed_items: (kind, valid ItemForm) pairs. Everything is
    claimed before it is written, in one transaction: a conflict anywhere
    leaves nothing written. New items cannot conflict with anything, so when
    only the answers conflict the view keeps them with items_add().
    """
    record = form.instance
    claim(record, base_version=form.cleaned_data["base_version"])
    record.updated_by = user
    form.save()
    for kind, item_form in (*changed_items, *new_items):
        _item_write(project=project, kind=kind, form=item_form, user=user)
    project_touch(project)
    return Saved(record)


@transaction.atomic
def items_add(*, project: Project, new_items, user) -> int:
    """Add new items from valid ItemForms, at the end of their lists; how many were added."""
    for kind, item_form in new_items:
        _item_write(project=project, kind=kind, form=item_form, user=user)
    if new_items:
        project_touch(project)
    return len(new_items)


@transaction.atomic
def item_save(*, project: Project, kind: ItemKind, form, user, after=None) -> Saved:
    """Add a new item or change an existing one from a valid ItemForm.

    after: for a new item of an ordered list, the item it is inserted after
    (in the same scope: a journey step after a step of the same path);
    otherwise it goes at the end.
    """
    item = _item_write(project=project, kind=kind, form=form, user=user, after=after)
    project_touch(project)
    return Saved(item)


def _item_write(*, project: Project, kind: ItemKind, form, user, after=None):
    item = form.instance
    if item.pk:
        claim(item, base_version=form.cleaned_data["base_version"])
    else:
        item.project = project
        scope = _scope_of(kind, item)
        if after is not None and _scope_of(kind, after) == scope and after.project_id == project.pk:
            siblings = _renumbered(kind, project, scope)
            item.position = siblings.get(after.pk, 0) + 1
            # Make room: order is not content, so shifting leaves versions and history alone.
            kind.model.objects.filter(project=project, position__gte=item.position, **scope).update(position=F("position") + 1)
        else:
            last = kind.model.objects.filter(project=project, **scope).aggregate(n=Max("position"))["n"]
            item.position = (last or 0) + 1
    item.updated_by = user
    form.save()
    return item


def _scope_of(kind: ItemKind, item) -> dict:
    return {f"{name}_id": getattr(item, f"{name}_id") for name in kind.position_scope}


def _renumbered(kind: ItemKind, project: Project, scope: dict) -> dict[int, int]:
    """Give the items of one list (or one path) positions 1..n in their current order; pk -> position.

    Items added before ordering existed, or imported, may share a position;
    moving and inserting need distinct ones.
    """
    rows = kind.model.objects.select_for_update().filter(project=project, **scope).order_by("position", "id").values_list("pk", "position")
    positions = {}
    for wanted, (pk, position) in enumerate(rows, start=1):
        positions[pk] = wanted
        if position != wanted:
            kind.model.objects.filter(pk=pk).update(position=wanted)
    return positions


@transaction.atomic
def item_move(*, project: Project, kind: ItemKind, item, offset: int, user) -> bool:
    """Swap an item of an ordered list with its neighbour (offset -1: up, +1: down); False at either end.

    Moving says "put this before that one" about the order as it is now, not
    about what a form showed, so it claims nothing: a move never overwrites
    anyone's text, and two people moving the same item both get what they asked.
    """
    scope = _scope_of(kind, item)
    positions = _renumbered(kind, project, scope)
    order = sorted(positions, key=positions.get)
    index = order.index(item.pk) + offset if item.pk in positions else -1
    if not 0 <= index < len(order):
        return False
    neighbour = order[index]
    kind.model.objects.filter(pk=item.pk).update(position=positions[neighbour])
    kind.model.objects.filter(pk=neighbour).update(position=positions[item.pk])
    project_touch(project)
    return True


@transaction.atomic
def item_remove(*, project: Project, item, base_version: int | None, user) -> None:
    """Remove the item if it is still as the user saw it at base_version, or raise Conflict.

    Whoever changed it meanwhile, the same user in another tab included, the
    user must look at it again: they confirmed the removal of what they saw.
    """
    claim(item, base_version=base_version)
    item.delete()
    project_touch(project)


@transaction.atomic
def step_restore(*, project: Project, step, saved, base_version: int | None, user) -> Saved:
    """Put a step's answers back as an earlier save left them (`saved`, a history row).

    The restore is itself a save (history keeps both), and it obeys the
    same conflict rule as a save: the user confirmed against base_version.
    """
    record = record_for(project, step)
    claim(record, base_version=base_version)
    for name in step.fields:
        attname = step.model._meta.get_field(name).attname
        setattr(record, attname, getattr(saved, attname))
    record.updated_by = user
    record.save()
    project_touch(project)
    return Saved(record)
