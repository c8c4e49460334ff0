"""What a project export holds, read from the wizard's registry.

Every exchanged field is a field of the form the wizard uses for that step or
list (minus the hidden base_version), so a field added to a form is exported,
imported and described in the schema without touching this package. Whether a
field is a cross-reference, and to which list, is read from the model field.
"""

from dataclasses import dataclass
from functools import cache

from django import forms
from django.core.exceptions import ImproperlyConfigured
from django.db import models

from stage1.projects.steps import STEPS, ItemKind, Step, user_fields

FORMAT = "stage1.project"
VERSION = 2


@dataclass(frozen=True)
class Field:
    name: str
    model_field: models.Field
    form_field: forms.Field
    # The item kind a cross-reference points at, or None for a plain value.
    target: str | None = None

    @property
    def many(self) -> bool:
        return self.model_field.many_to_many

    @property
    def label(self) -> str:
        return str(self.form_field.label or self.model_field.verbose_name)

    @property
    def required(self) -> bool:
        return self.form_field.required


def _kind_by_model() -> dict[type[models.Model], ItemKind]:
    return {kind.model: kind for kind in STEPS.kinds()}


def _fields(form_class, model) -> tuple[Field, ...]:
    fields = []
    for name in user_fields(form_class):
        form_field = form_class.base_fields[name]
        model_field = model._meta.get_field(name)
        target = None
        if model_field.is_relation:
            kind = _kind_by_model().get(model_field.related_model)
            if kind is None:
                raise ImproperlyConfigured(f"{model.__name__}.{name} points at {model_field.related_model.__name__}, which is not a list")
            target = kind.slug
        fields.append(Field(name, model_field, form_field, target))
    return tuple(fields)


def step_fields(step: Step) -> tuple[Field, ...]:
    # Steps hold a dict and cannot be hashed: cache by slug and model.
    return _step_fields(step.slug, step.model, step.form_class)


@cache
def _step_fields(slug: str, model, form_class) -> tuple[Field, ...]:
    return _fields(form_class, model)


@cache
def item_fields(kind: ItemKind) -> tuple[Field, ...]:
    return _fields(kind.form_class, kind.model)


def import_order() -> tuple[ItemKind, ...]:
    """Item kinds ordered so that each comes after the kinds it points at.

    A kind pointing at itself (a milestone's dependencies) is not a
    constraint: those references are set once the whole list exists.
    """
    return _import_order(STEPS.key)


@cache
def _import_order(registry_key: tuple) -> tuple[ItemKind, ...]:
    kinds = list(STEPS.kinds())
    needs = {kind.slug: {f.target for f in item_fields(kind) if f.target and f.target != kind.slug} for kind in kinds}
    ordered: list[ItemKind] = []
    while kinds:
        ready = next((kind for kind in kinds if needs[kind.slug] <= {done.slug for done in ordered}), None)
        if ready is None:
            raise ImproperlyConfigured(f"The lists point at each other in a circle: {[kind.slug for kind in kinds]}")
        ordered.append(ready)
        kinds.remove(ready)
    return tuple(ordered)


def local_id(kind_slug: str, n: int) -> str:
    """An item's reference inside one export: its list's slug and its place in the list, from 1."""
    return f"{kind_slug}-{n}"
