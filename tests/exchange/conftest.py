"""Fixtures of the export and import tests: the demo project, answered, and helpers to compare and count."""

import json

import pytest
from django.apps import apps

from stage1.demo.project import ensure_demo_project
from stage1.evaluation.models import Answer, Choice
from stage1.methodology.models import EvaluationQuestion


@pytest.fixture
def demo(methodology, owner, editor, viewer):
    """The complete demo project, with evaluation answers of every kind."""
    project = ensure_demo_project(owner=owner, editor=editor, viewer=viewer)
    choices = [Choice.YES, Choice.PARTLY, Choice.NO, Choice.NOT_APPLICABLE]
    for n, question in enumerate(EvaluationQuestion.objects.all()[:8]):
        Answer.objects.update_or_create(
            project=project, question=question, defaults={"choice": choices[n % 4], "evidence": f"Evidence {n}: see the minutes."}
        )
    return project


def without_timestamp(document: dict) -> dict:
    return {key: value for key, value in document.items() if key != "exported_at"}


def as_bytes(document: dict) -> bytes:
    return json.dumps(document).encode()


def row_counts() -> dict[str, int]:
    """How many rows every model of the projects and evaluation apps holds: an import that fails changes none."""
    models = [*apps.get_app_config("projects").get_models(), *apps.get_app_config("evaluation").get_models()]
    return {model._meta.label: model.objects.count() for model in models}
