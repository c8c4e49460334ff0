"""The JSON Schema (draft 2020-12) of the export format, built from the same registry as the export.

docs/schema/project-export-v2.schema.json is this schema as published; a test
keeps the file and the code equal. Regenerate it with
`manage.py export_schema > docs/schema/project-export-v2.schema.json`.
"""

import json
from functools import cache

from django.db import models
from django.utils import translation
from jsonschema import Draft202012Validator

from stage1.evaluation.models import Action, Answer
from stage1.exchange.errors import SCHEMA_MESSAGES, SCHEMA_PROBLEM, WHOLE_FILE
from stage1.exchange.fields import FORMAT, VERSION, Field, item_fields, step_fields
from stage1.methodology.models import EvaluationQuestion, Rule
from stage1.projects.forms import ITEM_LIMIT, ProjectForm
from stage1.projects.steps import STEPS, TEAM_MEMBER

SCHEMA_ID = "urn:stage1:schema:project-export:v2"
DATE_PATTERN = "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"


def reference_pattern(kind_slug: str) -> str:
    return f"^{kind_slug}-[1-9][0-9]*$"


def build_schema() -> dict:
    """The schema as a dict; its English titles come from the models' labels."""
    return _schema_for(STEPS.key)


@cache
def _schema_for(registry_key: tuple) -> dict:
    with translation.override("en"):
        return _build()


def schema_json() -> str:
    return json.dumps(build_schema(), ensure_ascii=False, indent=2) + "\n"


def _build() -> dict:
    items = {}
    for step in STEPS:
        for kind in step.items:
            item = _object(item_fields(kind), title=str(kind.model._meta.verbose_name).capitalize())
            item["properties"] = {
                "id": {"type": "string", "pattern": reference_pattern(kind.slug), "description": "This item's reference in the file."},
                **item["properties"],
            }
            item["required"] = ["id", *item["required"]]
            items[kind.slug] = {
                "type": "array",
                "title": str(kind.model._meta.verbose_name_plural).capitalize(),
                "maxItems": ITEM_LIMIT,
                "items": item,
            }
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "Stage 1 project export",
        "description": "A project of Stage 1: its seven steps, their lists and its evaluation answers. See docs/export-format.md.",
        "type": "object",
        "required": ["format", "version", "project"],
        "additionalProperties": False,
        "properties": {
            "format": {"const": FORMAT},
            "version": {"const": VERSION},
            "exported_at": {"type": "string", "format": "date-time", "description": "When the file was made. Ignored on import."},
            "project": _project(),
            "steps": {
                "type": "object",
                "additionalProperties": False,
                "properties": {step.slug: _object(step_fields(step), title=str(step.title)) for step in STEPS},
            },
            "items": {"type": "object", "additionalProperties": False, "properties": items},
            "answers": {"type": "array", "items": _answer()},
        },
    }


def _object(fields: tuple[Field, ...], *, title: str) -> dict:
    return {
        "type": "object",
        "title": title,
        "additionalProperties": False,
        "required": [field.name for field in fields if field.required],
        "properties": {field.name: _value(field) for field in fields},
    }


def _annotated(schema: dict, field: Field) -> dict:
    schema = {"title": field.label, **schema}
    if field.model_field.help_text:
        schema["description"] = str(field.model_field.help_text)
    return schema


def _nullable(type_name: str, field: Field) -> str | list[str]:
    return type_name if field.required else [type_name, "null"]


def _value(field: Field) -> dict:
    model_field = field.model_field
    if field.many:
        item = {"type": "string", "pattern": reference_pattern(field.target)}
        return _annotated({"type": "array", "items": item, "uniqueItems": True}, field)
    if field.target:
        return _annotated({"type": _nullable("string", field), "pattern": reference_pattern(field.target)}, field)
    if isinstance(model_field, models.DateField):
        return _annotated({"type": _nullable("string", field), "format": "date", "pattern": DATE_PATTERN}, field)
    if isinstance(model_field, models.BooleanField):
        return _annotated({"type": "boolean"}, field)
    if isinstance(model_field, models.IntegerField):
        schema = {"type": _nullable("integer", field)}
        if getattr(field.form_field, "min_value", None) is not None:
            schema["minimum"] = field.form_field.min_value
        if getattr(field.form_field, "max_value", None) is not None:
            schema["maximum"] = field.form_field.max_value
        return _annotated(schema, field)
    return _annotated(_text(model_field), field)


def _text(model_field: models.Field) -> dict:
    if model_field.choices:
        codes = [code for code, _label in model_field.flatchoices]
        return {"type": "string", "enum": codes + ([""] if model_field.blank else [])}
    schema = {"type": "string"}
    if model_field.max_length:
        schema["maxLength"] = model_field.max_length
    if not model_field.blank:
        schema["minLength"] = 1
    return schema


def _project() -> dict:
    fields = ProjectForm.base_fields
    properties = {}
    for name, form_field in fields.items():
        model_field = ProjectForm._meta.model._meta.get_field(name)
        properties[name] = {"title": str(form_field.label), **_text(model_field)}
    return {
        "type": "object",
        "additionalProperties": False,
        # Files exported before projects had a document language are in English.
        "required": [name for name, form_field in fields.items() if form_field.required and name != "language"],
        "properties": properties,
    }


def _answer() -> dict:
    return {
        "type": "object",
        "title": "Answer to an evaluation question",
        "additionalProperties": False,
        "required": ["rule", "question"],
        "properties": {
            "rule": {"type": "string", "pattern": "^[-a-zA-Z0-9_]+$", "maxLength": Rule._meta.get_field("slug").max_length},
            "question": {"type": "string", "minLength": 1, "maxLength": EvaluationQuestion._meta.get_field("text").max_length},
            "question_order": {
                "type": "integer",
                "minimum": 0,
                "description": "The question's place in its rule; used when its wording changed.",
            },
            "choice": _text(Answer._meta.get_field("choice")),
            "evidence": _text(Answer._meta.get_field("evidence")),
            "risk_accepted_because": _text(Answer._meta.get_field("risk_accepted_because")),
            "risk_accepted_by": _text(Answer._meta.get_field("risk_accepted_by")),
            "kept_against_the_data_because": {
                **_text(Answer._meta.get_field("contradiction_dismissed_because")),
                "description": "Why the answer stands although the project's data says otherwise.",
            },
            "actions": {"type": "array", "items": _action()},
        },
    }


def _action() -> dict:
    return {
        "type": "object",
        "title": "Action of the action plan",
        "additionalProperties": False,
        "required": ["description"],
        "properties": {
            "description": _text(Action._meta.get_field("description")),
            "owner": {"type": ["string", "null"], "pattern": reference_pattern(TEAM_MEMBER.slug), "description": "A team member's id."},
            "due_on": {"type": ["string", "null"], "format": "date", "pattern": DATE_PATTERN},
            "done_on": {"type": ["string", "null"], "format": "date", "pattern": DATE_PATTERN},
        },
    }


def _validator() -> Draft202012Validator:
    return _validator_for(STEPS.key)


@cache
def _validator_for(registry_key: tuple) -> Draft202012Validator:
    return Draft202012Validator(build_schema(), format_checker=Draft202012Validator.FORMAT_CHECKER)


def schema_errors(document) -> list[str]:
    """Every place the document breaks the schema, in the document's order, in words."""
    errors = sorted(_validator().iter_errors(document), key=lambda error: [str(part) for part in error.absolute_path])
    return [str(SCHEMA_PROBLEM % {"where": location(document, error.absolute_path), "problem": _problem(error)}) for error in errors]


def _short(value) -> str:
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 60 else text[:57] + "…"


def _problem(error) -> str:
    message = SCHEMA_MESSAGES.get(error.validator)
    if message is None:
        return error.message[:300]
    limit, value = error.validator_value, _short(error.instance)
    if isinstance(limit, list):
        limit = ", ".join(f"“{item}”" for item in limit)
    if error.validator == "required":
        # One error per missing property; only the message names which one.
        value = next((name for name in error.validator_value if f"{name!r} is a required property" == error.message), error.message)
    elif error.validator == "additionalProperties":
        known = error.schema.get("properties", {})
        value = ", ".join(f"“{_short(name)}”" for name in error.instance if name not in known)
    return str(message % {"limit": limit, "value": value})


def location(document, path) -> str:
    """A readable address such as items › milestone › milestone-3 › name."""
    parts, node = [], document
    for part in path:
        if isinstance(part, int) and isinstance(node, list):
            node = node[part] if part < len(node) else None
            local = node.get("id") if isinstance(node, dict) else None
            parts.append(local if isinstance(local, str) and len(local) <= 40 else f"#{part + 1}")
        else:
            node = node.get(part) if isinstance(node, dict) else None
            parts.append(str(part))
    return " › ".join(parts) if parts else str(WHOLE_FILE)
