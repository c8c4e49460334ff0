"""What refers to an item, so removing it can say what else changes first."""

from dataclasses import dataclass

from django.db import models


@dataclass(frozen=True)
class Reference:
    label: str  # e.g. "team members"
    objects: list
    removed_too: bool  # True: removed with the item; False: only loses the reference


def references_to(item) -> list[Reference]:
    found = []
    for relation in item._meta.related_objects:
        accessor = relation.get_accessor_name()
        if relation.one_to_one:
            continue
        # Load what each referring row's name needs (a RACI row names its decision) in the same query.
        names = [f.name for f in relation.related_model._meta.concrete_fields if f.many_to_one and f.name not in ("project", "updated_by")]
        related = list(getattr(item, accessor).select_related(*names)[:50])
        if not related:
            continue
        removed_too = not relation.many_to_many and relation.on_delete is models.CASCADE
        found.append(Reference(str(relation.related_model._meta.verbose_name_plural), related, removed_too))
    return found
