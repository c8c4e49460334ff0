"""Writes of the wizard. Each is one transaction; each saved change bumps the project's version.

Concurrent edits are detected with optimistic locking: the form carries the
version it was rendered from and the write first claims the row with a
conditional UPDATE (… WHERE version = base). Only one of several writers
from the same version can win that UPDATE, on SQLite and PostgreSQL alike;
the others get a Conflict and nothing of theirs is applied.
"""

from dataclasses import dataclass

from django.db import transaction
from django.db.models import F, Max
from django.utils import timezone

from stage1.methodology.versions import latest_version
from stage1.projects.models import Membership, Project, Role
from stage1.projects.steps import STEPS, ItemKind


class Conflict(Exception):
    """Someone else saved the same thing since the user's form was rendered."""

    def __init__(self, current):
        super().__init__("conflicting edit")
        self.current = current


@dataclass(frozen=True)
class Saved:
    obj: object


@transaction.atomic
def project_create(*, user, title: str, organisation: str, description: str = "") -> Project:
    project = Project.objects.create(
        title=title,
        organisation=organisation,
        description=description,
        slug=Project.unique_slug_for(title),
        methodology_version=latest_version(),
    )
    Membership.objects.create(project=project, user=user, role=Role.OWNER)
    for step in STEPS:
        step.model.objects.create(project=project)
    return project


def project_touch(project: Project) -> None:
    Project.objects.filter(pk=project.pk).update(version=F("version") + 1, updated_at=timezone.now())


def _claim(instance, *, base_version: int, user) -> None:
    """Take the row from base_version to base_version + 1, or raise Conflict."""
    model = type(instance)
    claimed = model.objects.filter(pk=instance.pk, version=base_version).update(version=base_version + 1)
    if claimed:
        instance.version = base_version + 1
        return
    current = model.objects.get(pk=instance.pk)
    # A user's own consecutive saves never conflict: if every save since their
    # version is their own (the history keeps who saved each version), this
    # one simply follows them.
    others = instance.history.filter(version__gt=base_version).exclude(updated_by_id=user.pk).exists()
    if current.version > base_version and not others:
        claimed = model.objects.filter(pk=instance.pk, version=current.version).update(version=current.version + 1)
        if claimed:
            instance.version = current.version + 1
            return
    raise Conflict(current)


@transaction.atomic
def step_save(*, project: Project, form, user) -> Saved:
    """Save a step's own answers from a valid StepForm."""
    record = form.instance
    _claim(record, base_version=form.cleaned_data["base_version"], user=user)
    record.updated_by = user
    form.save()
    project_touch(project)
    return Saved(record)


@transaction.atomic
def item_save(*, project: Project, kind: ItemKind, form, user) -> Saved:
    """Add a new item or change an existing one from a valid ItemForm."""
    item = form.instance
    if item.pk:
        _claim(item, base_version=form.cleaned_data["base_version"], user=user)
    else:
        item.project = project
        scope = {name: getattr(item, name) for name in kind.position_scope}
        last = kind.model.objects.filter(project=project, **scope).aggregate(n=Max("position"))["n"]
        item.position = (last or 0) + 1
    item.updated_by = user
    form.save()
    project_touch(project)
    return Saved(item)


@transaction.atomic
def item_remove(*, project: Project, item, user) -> None:
    item.delete()
    project_touch(project)


@transaction.atomic
def step_restore(*, project: Project, step, version, base_version: int, user) -> Saved:
    """Put a step's answers back as they were in an earlier saved version.

    The restore is itself a new version (history keeps both), and it obeys the
    same conflict rule as a save: the user confirmed against base_version.
    """
    record = step.model.objects.get(project=project)
    _claim(record, base_version=base_version, user=user)
    for name in step.fields:
        attname = step.model._meta.get_field(name).attname
        setattr(record, attname, getattr(version, attname))
    record.updated_by = user
    record.save()
    project_touch(project)
    return Saved(record)
