"""Turn stored values into the words shown in tables, summaries and the charter."""

from functools import lru_cache

from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils.formats import date_format
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


def field_label(model, name: str) -> str:
    try:
        return model._meta.get_field(name).verbose_name
    except FieldDoesNotExist:
        return _("Owner") if name == "owner" else name


def display(obj, name: str) -> str:
    """The value of obj.name as a user reads it; '' when nothing was given."""
    try:
        model_field = obj._meta.get_field(name)
    except FieldDoesNotExist:
        value = getattr(obj, name)
        return "" if value is None else str(value)
    if model_field.many_to_many:
        return ", ".join(str(related) for related in getattr(obj, name).all())
    value = getattr(obj, name)
    if value is None or value == "":
        return ""
    if model_field.choices:
        return _choice_labels(model_field, get_language()).get(value, str(value))
    if isinstance(model_field, models.BooleanField):
        return _yes_no(bool(value), get_language())
    if isinstance(model_field, models.DateField):
        return _long_date(value, get_language())
    return str(value)


@lru_cache(maxsize=4096)
def _long_date(value, language: str) -> str:
    # Long lists repeat the same few dates; formatting one is costly next to looking it up.
    return date_format(value)


@lru_cache(maxsize=64)
def _yes_no(value: bool, language: str) -> str:
    return str(_("Yes") if value else _("No"))


@lru_cache(maxsize=256)
def _choice_labels(model_field, language: str) -> dict:
    """A field's choices as plain strings, once per field and language: lists show the same few labels many times."""
    return {key: str(label) for key, label in model_field.flatchoices}


def answer_rows(record, names) -> list[tuple[str, str, str]]:
    """(field name, label, shown value) for a step's own answers."""
    return [(name, field_label(type(record), name), display(record, name)) for name in names]


def item_rows(kind, items) -> list[tuple[object, list[str]]]:
    return [(item, [display(item, column) for column in kind.columns]) for item in items]


def item_headers(kind) -> list[str]:
    return [field_label(kind.model, column) for column in kind.columns]
