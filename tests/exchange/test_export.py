"""The JSON export of a project: stable, in the wizard's order, with references as local ids."""

import json

from stage1.evaluation.models import Answer
from stage1.exchange.export import export_json, project_export
from stage1.exchange.fields import VERSION
from stage1.projects.models import KeyDecision, Milestone
from stage1.projects.steps import STEPS
from tests.exchange.conftest import without_timestamp


def test_the_export_names_its_format_and_version(demo):
    document = project_export(demo)
    assert document["format"] == "stage1.project"
    assert document["version"] == VERSION
    assert document["project"]["title"] == demo.title


def test_every_step_and_every_list_is_in_the_export(demo):
    document = project_export(demo)
    assert list(document["steps"]) == [step.slug for step in STEPS]
    assert list(document["items"]) == [kind.slug for step in STEPS for kind in step.items]
    assert all(document["items"][slug] for slug in document["items"]), "the demo fills every list"


def test_exporting_twice_gives_the_same_document(demo):
    assert without_timestamp(project_export(demo)) == without_timestamp(project_export(demo))


def test_items_get_local_ids_in_list_order(demo):
    milestones = project_export(demo)["items"]["milestone"]
    assert [entry["id"] for entry in milestones] == [f"milestone-{n}" for n in range(1, len(milestones) + 1)]
    names = list(Milestone.objects.filter(project=demo).order_by("position", "id").values_list("name", flat=True))
    assert [entry["name"] for entry in milestones] == names


def test_cross_references_point_at_local_ids(demo):
    document = project_export(demo)
    ids = {entry["id"]: entry for entries in document["items"].values() for entry in entries}
    milestone = next(entry for entry in document["items"]["milestone"] if entry["depends_on"])
    for ref in milestone["depends_on"]:
        assert ref.startswith("milestone-") and ref in ids
    stored = Milestone.objects.get(project=demo, name=milestone["name"])
    assert sorted(ids[ref]["name"] for ref in milestone["depends_on"]) == sorted(stored.depends_on.values_list("name", flat=True))
    lead = document["steps"]["team"]["lead"]
    assert ids[lead]["name"] == demo.team_step.lead.name
    for raci in document["items"]["raci"]:
        assert ids[raci["decision"]]["title"] in set(KeyDecision.objects.filter(project=demo).values_list("title", flat=True))
        assert raci["stakeholder"].startswith("stakeholder-")


def test_dates_are_iso_and_choices_are_stored_codes(demo):
    document = project_export(demo)
    assert document["steps"]["objective"]["decided_on"] == "2027-01-19"
    assert document["steps"]["objective"]["decision"] == "go"
    assert {entry["kind"] for entry in document["items"]["stakeholder"]} <= {
        "political",
        "public_body",
        "supplier",
        "regulator",
        "dpo",
        "user_rep",
        "other",
    }


def test_answers_name_rule_question_and_choice(demo):
    answers = project_export(demo)["answers"]
    assert len(answers) == Answer.objects.filter(project=demo).count() >= 8
    assert set(answers[0]) == {
        "rule",
        "question",
        "question_order",
        "choice",
        "evidence",
        "risk_accepted_because",
        "risk_accepted_by",
        "kept_against_the_data_because",
        "actions",
    }
    assert {answer["choice"] for answer in answers} == {"yes", "partly", "no", "na"}


def test_the_json_text_keeps_non_ascii_characters(demo):
    text = export_json(demo)
    assert "–" in text
    assert json.loads(text)["format"] == "stage1.project"
