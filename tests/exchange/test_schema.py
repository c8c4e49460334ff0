"""The published JSON Schema: equal to the one the code builds, in step with the models, and met by every export."""

import json
from pathlib import Path

from django.conf import settings
from django.db import models
from jsonschema import Draft202012Validator

from stage1.exchange.export import project_export
from stage1.exchange.schema import schema_errors, schema_json
from stage1.projects.steps import STEPS

SCHEMA_FILE = Path(settings.BASE_DIR) / "docs" / "schema" / "project-export-v2.schema.json"


def published() -> dict:
    return json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))


def test_the_published_schema_is_the_one_the_code_builds():
    assert SCHEMA_FILE.read_text(encoding="utf-8") == schema_json(), (
        "docs/schema is out of date: run `manage.py export_schema > docs/schema/project-export-v2.schema.json`"
    )


def test_the_published_schema_is_a_valid_draft_2020_12_schema():
    Draft202012Validator.check_schema(published())
    assert published()["$schema"] == "https://json-schema.org/draft/2020-12/schema"


def _choice_fields():
    for step in STEPS:
        yield published()["properties"]["steps"]["properties"][step.slug], step.model
        for kind in step.items:
            yield published()["properties"]["items"]["properties"][kind.slug]["items"], kind.model


def test_every_choice_enum_lists_exactly_the_models_codes():
    checked = 0
    for schema, model in _choice_fields():
        for name, prop in schema["properties"].items():
            if name == "id":
                continue
            field = model._meta.get_field(name)
            if field.choices and not field.is_relation:
                expected = [code for code, _label in field.choices] + ([""] if field.blank else [])
                assert prop["enum"] == expected, f"{model.__name__}.{name}"
                checked += 1
    assert checked >= 10


def test_every_text_limit_is_the_models_limit():
    for schema, model in _choice_fields():
        for name, prop in schema["properties"].items():
            if name == "id":
                continue
            field = model._meta.get_field(name)
            if isinstance(field, models.CharField | models.TextField) and not field.choices:
                assert prop["maxLength"] == field.max_length, f"{model.__name__}.{name}"


def test_the_demo_export_meets_the_published_schema(demo):
    Draft202012Validator(published(), format_checker=Draft202012Validator.FORMAT_CHECKER).validate(project_export(demo))


def test_schema_problems_say_where_they_are(demo):
    document = project_export(demo)
    document["items"]["stakeholder"][1]["name"] = "x" * 201
    document["items"]["stakeholder"][2]["kind"] = "minister"
    problems = schema_errors(document)
    assert problems[0] == "items › stakeholder › stakeholder-2 › name: is longer than 200 characters"
    assert problems[1].startswith("items › stakeholder › stakeholder-3 › kind: “minister” is not one of “political”")


def test_missing_and_unknown_fields_are_named(demo):
    document = project_export(demo)
    del document["project"]["organisation"]
    document["items"]["milestone"][0]["colour"] = "blue"
    assert schema_errors(document) == [
        "items › milestone › milestone-1: “colour”: not a field of this part of the file",
        "project: “organisation” is missing",
    ]
