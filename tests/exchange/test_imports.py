"""Importing a JSON export as a new project: round trip, cross-references, answers, and refused files."""

import copy
import json

import pytest

from stage1.core.forms import NUL_CHARACTER, subject_of
from stage1.evaluation.models import Answer, Choice
from stage1.exchange import errors
from stage1.exchange.errors import ImportFailed
from stage1.exchange.export import project_export
from stage1.exchange.fields import VERSION, item_fields, step_fields
from stage1.exchange.imports import project_import
from stage1.methodology.models import EvaluationQuestion
from stage1.projects.models import JourneyStep, Membership, Milestone, Project, RaciAssignment, Role, Stakeholder
from stage1.projects.steps import STEPS, get_step
from tests.exchange.conftest import as_bytes, row_counts, without_timestamp


@pytest.fixture
def exported(demo):
    return project_export(demo)


def test_export_import_export_gives_the_same_document(exported, outsider):
    copy_ = project_import(user=outsider, content=as_bytes(exported)).project
    assert without_timestamp(project_export(copy_)) == without_timestamp(exported)


def _as_version_1(document: dict) -> dict:
    """The same export as a version 1 file wrote it: rule 3 was "steps", a key decision's text "decision"."""
    old = copy.deepcopy(document)
    old["version"] = 1
    old["steps"] = {("steps" if slug == "plan" else slug): values for slug, values in old["steps"].items()}
    for decision in old["items"]["decision"]:
        decision["decision"] = decision.pop("title")
    for answer in old["answers"]:
        answer["rule"] = "steps" if answer["rule"] == "plan" else answer["rule"]
    return old


def test_a_version_1_file_imports_as_the_same_project(exported, outsider):
    old = _as_version_1(exported)
    assert "plan" not in old["steps"] and any(answer["rule"] == "steps" for answer in old["answers"])

    copy_ = project_import(user=outsider, content=as_bytes(old)).project

    assert without_timestamp(project_export(copy_)) == without_timestamp(exported)


def test_the_importing_user_is_the_only_member_and_owns_the_copy(demo, exported, outsider):
    imported = project_import(user=outsider, content=as_bytes(exported))
    assert imported.project.pk != demo.pk
    assert imported.project.slug != demo.slug
    assert list(Membership.objects.filter(project=imported.project).values_list("user__username", "role")) == [
        (outsider.username, Role.OWNER)
    ]
    assert imported.warnings == []


def _dependencies(project):
    return {
        milestone.name: (
            sorted(other.name for other in milestone.depends_on.all()),
            milestone.owner.name if milestone.owner else None,
        )
        for milestone in Milestone.objects.filter(project=project).prefetch_related("depends_on")
    }


def _raci(project):
    rows = RaciAssignment.objects.filter(project=project).select_related("decision", "stakeholder")
    return sorted((row.decision.title, row.stakeholder.name, row.responsibility) for row in rows)


def _journeys(project):
    steps = JourneyStep.objects.filter(project=project).select_related("path__user_group").order_by("path__position", "position")
    journeys = {}
    for step in steps:
        journeys.setdefault((step.path.name, step.path.user_group.name), []).append((step.position, step.description))
    return journeys


def test_the_copy_keeps_every_cross_reference(demo, exported, outsider):
    copy_ = project_import(user=outsider, content=as_bytes(exported)).project
    assert _dependencies(copy_) == _dependencies(demo)
    assert any(depends for depends, _owner in _dependencies(copy_).values())
    assert _raci(copy_) == _raci(demo)
    assert _journeys(copy_) == _journeys(demo)
    assert copy_.team_step.lead.name == demo.team_step.lead.name
    assert copy_.team_step.lead.project_id == copy_.pk
    partners = {point.partner.project_id for point in copy_.interop_points.select_related("partner")}
    assert partners == {copy_.pk}


def test_steps_with_answers_count_as_started(demo, exported, outsider):
    copy_ = project_import(user=outsider, content=as_bytes(exported)).project
    assert copy_.need_step.version > 1
    assert copy_.need_step.updated_by == outsider


def test_answers_are_matched_by_rule_and_wording(demo, exported, outsider):
    copy_ = project_import(user=outsider, content=as_bytes(exported)).project
    original = sorted(Answer.objects.filter(project=demo).values_list("question_id", "choice", "evidence"))
    assert sorted(Answer.objects.filter(project=copy_).values_list("question_id", "choice", "evidence")) == original


def test_a_reworded_question_is_matched_by_its_place_with_a_warning(exported, outsider):
    answer = exported["answers"][0]
    answer["question"] = "An older wording of the question?"
    imported = project_import(user=outsider, content=as_bytes(exported))
    question = EvaluationQuestion.objects.get(rule__slug=answer["rule"], order=answer["question_order"])
    assert Answer.objects.get(project=imported.project, question=question).choice == answer["choice"]
    assert imported.warnings == [
        errors.ANSWER_REWORDED % {"question": answer["question"], "order": question.order, "rule": answer["rule"], "current": question.text}
    ]


def test_an_answer_to_an_unknown_question_is_left_out_with_a_warning(demo, exported, outsider):
    exported["answers"].append({"rule": "need", "question": "A question nobody asks?", "question_order": 99, "choice": "yes"})
    imported = project_import(user=outsider, content=as_bytes(exported))
    assert imported.warnings == [errors.ANSWER_UNMATCHED % {"question": "A question nobody asks?", "rule": "need"}]
    assert Answer.objects.filter(project=imported.project).count() == Answer.objects.filter(project=demo).count()


def test_a_minimal_file_makes_an_empty_project(outsider, methodology):
    document = {"format": "stage1.project", "version": 1, "project": {"title": "Register a birth", "organisation": "Council"}}
    project = project_import(user=outsider, content=as_bytes(document)).project
    assert project.title == "Register a birth"
    assert project.need_step.version == 1


# Each case breaks the demo export in one way; the import must refuse it and create nothing.
def _set(path, value):
    def change(document):
        node = document
        for key in path[:-1]:
            node = node[key]
        node[path[-1]] = value

    return change


def _append_cycle(document):
    milestones = document["items"]["milestone"]
    later = next(entry for entry in milestones if entry["depends_on"])
    milestones[0]["depends_on"] = [later["id"]]
    # milestone-1 now depends on a milestone that depends, directly or not, on it.
    later["depends_on"] = [milestones[0]["id"]]


def _second_accountable(document):
    raci = document["items"]["raci"]
    accountable = next(row for row in raci if row["responsibility"] == "A")
    other = next(row for row in raci if row["decision"] == accountable["decision"] and row["responsibility"] != "A")
    other["responsibility"] = "A"


MALFORMED = {
    "not JSON": (lambda document: b"{this is not json", errors.NOT_JSON),
    "not UTF-8": (lambda document: json.dumps(document).encode("utf-16"), errors.NOT_UTF8),
    "a JSON list": (lambda document: b"[1, 2, 3]", errors.NOT_AN_EXPORT),
    "another format": (_set(["format"], "other.tool"), errors.NOT_AN_EXPORT),
    "a later version": (_set(["version"], VERSION + 1), errors.WRONG_VERSION % {"version": VERSION + 1, "expected": VERSION}),
    "an unknown field": (_set(["items", "stakeholder", 0, "shoe_size"], 43), "shoe_size"),
    "a name over its limit": (_set(["items", "stakeholder", 0, "name"], "x" * 201), "is longer than 200 characters"),
    "an unknown type": (_set(["items", "stakeholder", 0, "kind"], "minister"), "“minister” is not one of"),
    "a dangling reference": (
        _set(["items", "milestone", 0, "owner_member"], "team-member-99"),
        errors.DANGLING % {"where": "Milestone “milestone-1”", "field": "Owner in the team", "ref": "team-member-99"},
    ),
    "a date that does not exist": (_set(["steps", "objective", "decided_on"], "2027-02-30"), "2027-02-30"),
    "a duplicate id": (_set(["items", "stakeholder", 1, "id"], "stakeholder-1"), "is used more than once"),
    "a dependency cycle": (_append_cycle, "cannot depend, directly or through others, on itself"),
    "two accountables for one decision": (_second_accountable, "already has an accountable stakeholder"),
    "an end before the start": (
        lambda document: (
            _set(["items", "team-member", 0, "start_date"], "2027-05-01")(document)
            or _set(["items", "team-member", 0, "end_date"], "2027-04-01")(document)
        ),
        "The end date must be the same as or after the start date.",
    ),
    "a missing project title": (_set(["project", "title"], ""), "must not be empty"),
}


@pytest.mark.parametrize("case", MALFORMED, ids=list(MALFORMED))
def test_a_malformed_file_is_refused_and_creates_nothing(case, exported, outsider):
    breaks, expected = MALFORMED[case]
    document = copy.deepcopy(exported)
    content = breaks(document)
    if not isinstance(content, bytes):
        content = as_bytes(document)
    before = row_counts()
    with pytest.raises(ImportFailed) as refused:
        project_import(user=outsider, content=content)
    assert row_counts() == before
    assert not Project.objects.filter(memberships__user=outsider).exists()
    assert any(str(expected) in problem for problem in refused.value.errors), refused.value.errors


def test_problems_are_capped_with_a_count_of_the_rest(exported, outsider):
    for entry in exported["items"]["stakeholder"]:
        entry["kind"] = "minister"
    exported["items"]["stakeholder"] *= 10
    with pytest.raises(ImportFailed) as refused:
        project_import(user=outsider, content=as_bytes(exported))
    assert len(refused.value.errors) == errors.MAX_ERRORS + 1
    assert refused.value.errors[-1].endswith("more problems.")


# Every imported value meets the rules of the page it would be typed on; each case names the
# place in the file, the value, and the message the import must give, in the form's own words.
def nul(label) -> str:
    return str(NUL_CHARACTER % {"label": subject_of(label)})


def _label(fields, name: str) -> str:
    return next(field.label for field in fields if field.name == name)


def _step_problem(slug: str, name: str, problem) -> str:
    step = get_step(slug)
    label = _label(step_fields(step), name)
    return str(errors.FIELD_PROBLEM % {"where": step.title, "field": label, "problem": problem(label) if callable(problem) else problem})


def _item_problem(kind_slug: str, local: str, name: str, problem) -> str:
    kind = STEPS.kind(kind_slug)
    where = f"{str(kind.label).capitalize()} “{local}”"
    label = _label(item_fields(kind), name)
    return str(errors.FIELD_PROBLEM % {"where": where, "field": label, "problem": problem(label) if callable(problem) else problem})


def _answer_problem(document: dict, field: str, problem) -> str:
    answer = document["answers"][0]
    where = errors.ANSWER_WHERE % {"question": answer["question"], "rule": answer["rule"]}
    return str(errors.FIELD_PROBLEM % {"where": where, "field": field, "problem": problem(field) if callable(problem) else problem})


def _schema_problem(where: str, problem) -> str:
    return str(errors.SCHEMA_PROBLEM % {"where": where, "problem": problem})


VALUES = {
    "a NUL in an answer's evidence": (
        ["answers", 0, "evidence"],
        "See the\x00minutes",
        lambda document: _answer_problem(document, "Evidence or note", nul),
    ),
    "a NUL in a step's answer": (["steps", "need", "problem"], "Queues\x00", lambda document: _step_problem("need", "problem", nul)),
    "a NUL in an item's field": (
        ["items", "stakeholder", 1, "organisation"],
        "\x00",
        lambda document: _item_problem("stakeholder", "stakeholder-2", "organisation", nul),
    ),
    "a NUL in the project's title": (
        ["project", "title"],
        "Register\x00 a birth",
        lambda document: str(errors.FIELD_PROBLEM % {"where": "Project", "field": "Project title", "problem": nul("Project title")}),
    ),
    "a 10,000-character name": (
        ["items", "stakeholder", 0, "name"],
        "x" * 10_000,
        lambda document: _schema_problem(
            "items › stakeholder › stakeholder-1 › name",
            errors.SCHEMA_MESSAGES["maxLength"] % {"limit": Stakeholder._meta.get_field("name").max_length, "value": ""},
        ),
    ),
    "evidence over its limit": (
        ["answers", 0, "evidence"],
        "x" * (Answer._meta.get_field("evidence").max_length + 1),
        lambda document: _schema_problem(
            "answers › #1 › evidence",
            errors.SCHEMA_MESSAGES["maxLength"] % {"limit": Answer._meta.get_field("evidence").max_length, "value": ""},
        ),
    ),
    "an answer that is not a choice": (
        ["answers", 0, "choice"],
        "maybe",
        lambda document: _schema_problem(
            "answers › #1 › choice",
            errors.SCHEMA_MESSAGES["enum"] % {"value": "maybe", "limit": ", ".join(f"“{code}”" for code in [*Choice.values, ""])},
        ),
    ),
    "half of a character pair": (
        ["items", "stakeholder", 0, "name"],
        "Minist\ud800ry",
        lambda document: str(errors.NOT_A_CHARACTER % {"where": "items › stakeholder › stakeholder-1 › name", "escape": "\\ud800"}),
    ),
}


@pytest.mark.parametrize("case", VALUES, ids=list(VALUES))
def test_an_invalid_value_is_refused_by_place_and_field_and_nothing_is_imported(case, exported, outsider):
    path, value, expected = VALUES[case]
    _set(path, value)(exported)
    before = row_counts()
    with pytest.raises(ImportFailed) as refused:
        project_import(user=outsider, content=as_bytes(exported))
    assert refused.value.errors == [expected(exported)]
    assert row_counts() == before
    assert not Project.objects.filter(memberships__user=outsider).exists()


def test_every_invalid_answer_is_listed_and_none_is_kept(exported, outsider):
    for answer in exported["answers"][:3]:
        answer["evidence"] = "\x00"
    before = row_counts()
    with pytest.raises(ImportFailed) as refused:
        project_import(user=outsider, content=as_bytes(exported))
    assert refused.value.errors == [
        str(
            errors.FIELD_PROBLEM
            % {
                "where": errors.ANSWER_WHERE % {"question": answer["question"], "rule": answer["rule"]},
                "field": "Evidence or note",
                "problem": nul("Evidence or note"),
            }
        )
        for answer in exported["answers"][:3]
    ]
    assert row_counts() == before


def test_imported_evidence_is_trimmed_as_on_the_checklist_page(exported, outsider):
    exported["answers"][0]["evidence"] = "  See the minutes.\n"
    copy_ = project_import(user=outsider, content=as_bytes(exported)).project
    answer = exported["answers"][0]
    assert Answer.objects.get(project=copy_, question__rule__slug=answer["rule"], question__text=answer["question"]).evidence == (
        "See the minutes."
    )


def test_the_copy_keeps_the_action_plan_accepted_risks_and_reasons(demo, exported, outsider):
    from stage1.evaluation.models import Action

    kept = next(answer for answer in exported["answers"] if answer["choice"] == Choice.YES)
    kept["kept_against_the_data_because"] = "A new law replaces it"
    copy_ = project_import(user=outsider, content=as_bytes(exported)).project

    def plan(project):
        return sorted(
            (a.answer.question_id, a.description, a.owner.name if a.owner else None, a.due_on, a.done_on)
            for a in Action.objects.filter(project=project).select_related("answer", "owner")
        )

    assert plan(copy_) == plan(demo)
    assert plan(demo)  # the demo has an action plan: the comparison is not between two empty lists
    risks = {
        a.question_id: (a.risk_accepted_because, a.risk_accepted_by)
        for a in Answer.objects.filter(project=demo).exclude(risk_accepted_by="")
    }
    assert risks
    assert {
        a.question_id: (a.risk_accepted_because, a.risk_accepted_by)
        for a in Answer.objects.filter(project=copy_).exclude(risk_accepted_by="")
    } == risks
    standing = Answer.objects.get(project=copy_, question__rule__slug=kept["rule"], question__text=kept["question"])
    assert (standing.contradiction_dismissed_because, standing.contradiction_dismissed_for) == ("A new law replaces it", Choice.YES)


def test_a_not_applicable_without_a_reason_is_imported_and_readiness_asks_for_it(exported, outsider):
    from stage1.evaluation.readiness import readiness_of
    from stage1.evaluation.selectors import checklist_for

    answer = exported["answers"][0]
    answer["choice"], answer["evidence"] = Choice.NOT_APPLICABLE, ""
    copy_ = project_import(user=outsider, content=as_bytes(exported)).project

    blockers = [str(b.message) for b in readiness_of(copy_, checklist_for(copy_)).blockers]
    assert f"Say why “\u2068{answer['question']}\u2069” does not apply." in blockers


def test_an_action_owned_by_someone_not_in_the_file_is_refused_and_nothing_is_imported(exported, outsider):
    answer = next(a for a in exported["answers"] if a["actions"])
    answer["actions"][0]["owner"] = "team-member-999"
    before = row_counts()

    with pytest.raises(ImportFailed) as refused:
        project_import(user=outsider, content=as_bytes(exported))

    where = errors.ANSWER_WHERE % {"question": answer["question"], "rule": answer["rule"]}
    assert refused.value.errors == [
        str(errors.ITEM_PROBLEM % {"where": where, "problem": errors.ACTION_OWNER_UNKNOWN % {"owner": "team-member-999"}})
    ]
    assert row_counts() == before
