"""Writes of the wizard. Each is one transaction; each saved change bumps the project's version.

Every write of something a form showed obeys the one conflict rule of
stage1.core.versioning: it applies only if the row is still at the version
the form was rendered from.
"""

from dataclasses import dataclass

from django.db import transaction
from django.db.models import F, Max
from django.utils import timezone

from stage1.core.versioning import claim
from stage1.methodology.versions import latest_version
from stage1.projects.models import Membership, Project, Role
from stage1.projects.steps import ItemKind, ensure_step_records, record_for


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
    ensure_step_records(project)
    return project


def project_touch(project: Project) -> None:
    Project.objects.filter(pk=project.pk).update(revision=F("revision") + 1, updated_at=timezone.now())


@transaction.atomic
def step_save(*, project: Project, form, user) -> Saved:
    """Save a step's own answers from a valid StepForm."""
    record = form.instance
    claim(record, base_version=form.cleaned_data["base_version"])
    record.updated_by = user
    form.save()
    project_touch(project)
    return Saved(record)


@transaction.atomic
def item_save(*, project: Project, kind: ItemKind, form, user) -> Saved:
    """Add a new item or change an existing one from a valid ItemForm."""
    item = form.instance
    if item.pk:
        claim(item, base_version=form.cleaned_data["base_version"])
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
