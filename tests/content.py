"""The content the product ships with, read from fixtures/methodology.json.

Tests compare what a page shows with these, never with a literal count, so a
rule or a question added to or retired from the fixture needs no test edit.
They read the file itself rather than the database, so a count shown by the
code under test is checked against a number it did not compute.
"""

import json
from functools import cache
from pathlib import Path

FIXTURE = Path(__file__).resolve().parent.parent / "fixtures" / "methodology.json"


def _with_english(fields: dict) -> dict:
    """Texts are stored per language (title_en, title_pt, ...); `title` is the English one, as pages read in English show it."""
    english = {name.removesuffix("_en"): value for name, value in fields.items() if name.endswith("_en")}
    return {**fields, **english}


@cache
def _objects(model: str) -> tuple[dict, ...]:
    objects = json.loads(FIXTURE.read_text(encoding="utf-8"))
    return tuple({"pk": obj["pk"], **_with_english(obj["fields"])} for obj in objects if obj["model"] == f"methodology.{model}")


def fixture_rules(stage: int = 1) -> list[dict]:
    """The stage's golden rules in their order, each a dict of its fields and pk."""
    stages = {obj["pk"] for obj in _objects("stage") if obj["number"] == stage}
    return sorted((rule for rule in _objects("rule") if rule["stage"] in stages), key=lambda rule: rule["number"])


def fixture_questions(stage: int = 1, rule: str | None = None) -> list[dict]:
    """The stage's evaluation questions still asked (not retired), in the checklist's order; only one rule's if its slug is given."""
    rules = {r["pk"]: r["number"] for r in fixture_rules(stage) if rule in (None, r["slug"])}
    questions = (q for q in _objects("evaluationquestion") if q["rule"] in rules and not q.get("retired", False))
    return sorted(questions, key=lambda q: (rules[q["rule"]], q["order"], q["pk"]))
