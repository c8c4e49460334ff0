"""Findings: checks that read the project's data and point at the page where a gap can be fixed.

Each check is tried on a project where nothing is missing (silent) and on the
same project with one thing broken (it fires). A check added to the registry
without a case here fails `test_every_check_has_a_case_here`.
"""

from datetime import date
from urllib.parse import urlsplit

import pytest

from stage1.evaluation.findings import CHECKS, findings_for
from stage1.methodology.models import Rule
from stage1.projects.models import RaciAssignment, UserGroup, UserPath
from stage1.projects.snapshot import load_snapshot
from stage1.projects.steps import STEPS
from tests.evaluation.factories import set_answers

CHECKS_BY_NAME = {c.func.__name__: (c.step, c.func) for c in CHECKS}


def _save(obj, **values):
    for name, value in values.items():
        setattr(obj, name, value)
    obj.save()


def _second_accountable(project, items):
    RaciAssignment.objects.create(
        project=project, position=2, decision=items["decision"], stakeholder=items["user_rep"], responsibility="A"
    )


def _group_without_path(project, items):
    UserGroup.objects.create(project=project, position=2, name="Residents renewing a permit")


def _path_without_steps(project, items):
    UserPath.objects.create(project=project, position=2, name="Renew my permit", user_group=items["group"])


# check name -> ways to break the sound project so that it fires.
BREAKS = {
    "need_without_evidence": {"blank": lambda p, i: set_answers(p, "need", evidence="  \n ")},
    "need_without_legal_basis": {"blank": lambda p, i: set_answers(p, "need", legal_basis="")},
    "no_indicator_with_target": {"no-target": lambda p, i: _save(i["indicator"], target=" ")},
    "indicators_without_baseline_or_date": {
        "no-baseline": lambda p, i: _save(i["indicator"], baseline=""),
        "no-date": lambda p, i: _save(i["indicator"], target_date=None),
    },
    "no_go_decision": {"pending": lambda p, i: set_answers(p, "objective", decision="pending")},
    "milestones_without_owner_or_date": {
        "no-owner": lambda p, i: _save(i["milestone"], owner_member=None),
        "no-date": lambda p, i: _save(i["milestone"], target_date=None),
    },
    "no_review_gate": {"no-gate": lambda p, i: _save(i["milestone"], review_gate=False)},
    "no_user_representative": {"other-type": lambda p, i: _save(i["user_rep"], kind="other")},
    "no_data_protection_officer": {"regulator": lambda p, i: _save(i["dpo"], kind="regulator")},
    "stakeholders_without_contact": {"blank": lambda p, i: _save(i["user_rep"], contact_point="")},
    "decisions_without_one_accountable": {
        "none": lambda p, i: _save(i["raci"], responsibility="R"),
        "two": _second_accountable,
    },
    "no_accountable_lead": {"no-lead": lambda p, i: set_answers(p, "team", lead=None)},
    "no_user_researcher": {"developer": lambda p, i: _save(i["member"], role="developer")},
    "members_without_allocation": {"no-allocation": lambda p, i: _save(i["member"], allocation=None)},
    "exchanges_without_legal_basis": {"blank": lambda p, i: _save(i["point"], legal_basis="")},
    "exchanges_without_agreement_status": {
        "blank": lambda p, i: _save(i["point"], agreement_status=""),
        "not-started": lambda p, i: _save(i["point"], agreement_status="to_start"),
    },
    "exchanges_without_partner": {"no-partner": lambda p, i: _save(i["point"], partner=None)},
    "groups_without_path": {"new-group": _group_without_path},
    "paths_without_steps": {"new-path": _path_without_steps},
    "no_research": {"deleted": lambda p, i: i["research"].delete()},
    "no_staff_group": {"no-staff": lambda p, i: _save(i["group"], staff=False)},
}

CASES = [pytest.param(name, breaker, id=f"{name}-{variant}") for name, variants in BREAKS.items() for variant, breaker in variants.items()]

# Checks that need something to be there: a new, empty project already fails them.
FIRE_ON_AN_EMPTY_PROJECT = {
    "need_without_evidence",
    "need_without_legal_basis",
    "no_indicator_with_target",
    "no_go_decision",
    "no_user_representative",
    "no_data_protection_officer",
    "no_accountable_lead",
    "no_research",
}


def _run(name, project):
    _step, func = CHECKS_BY_NAME[name]
    return list(func(load_snapshot(project)))


def test_every_check_has_a_case_here():
    assert set(CHECKS_BY_NAME) == set(BREAKS)


def test_there_are_at_least_ten_checks_and_every_rule_has_some(methodology):
    assert len(CHECKS) >= 10
    rule_slugs = set(Rule.objects.for_stage(1).values_list("slug", flat=True))
    assert {c.step.slug for c in CHECKS} == rule_slugs == {step.slug for step in STEPS}


def test_every_check_is_registered_against_a_step_of_the_registry():
    assert all(STEPS.get(c.step.slug) is c.step for c in CHECKS)


def test_a_project_with_nothing_missing_has_no_findings(sound, project):
    assert findings_for(load_snapshot(project)) == {}


@pytest.mark.parametrize(("name", "breaker"), CASES)
def test_the_check_fires_when_its_gap_is_made_and_is_silent_before(sound, project, name, breaker):
    assert _run(name, project) == []

    breaker(project, sound)

    found = _run(name, project)
    assert found, f"{name} did not fire"
    for message, url in found:
        assert str(message).strip()
        assert urlsplit(url).path.startswith(f"/projects/{project.slug}/")


@pytest.mark.parametrize("name", sorted(BREAKS))
def test_on_a_new_empty_project_only_checks_of_missing_things_fire(project, name):
    assert bool(_run(name, project)) == (name in FIRE_ON_AN_EMPTY_PROJECT)


def test_a_milestone_owned_by_a_stakeholder_has_an_owner(sound, project):
    _save(sound["milestone"], owner_member=None, owner_stakeholder=sound["dpo"])

    assert _run("milestones_without_owner_or_date", project) == []


def test_item_findings_name_the_item_and_link_to_its_page(sound, project):
    _save(sound["milestone"], target_date=None)

    [(message, url)] = _run("milestones_without_owner_or_date", project)

    assert "Discovery complete" in str(message)
    assert url == f"/projects/{project.slug}/steps/plan/milestone/{sound['milestone'].pk}/"


def test_findings_are_grouped_by_the_rule_of_their_check(sound, project):
    for variants in BREAKS.values():
        next(iter(variants.values()))(project, sound)

    grouped = findings_for(load_snapshot(project))

    for step_slug, findings in grouped.items():
        assert {f.step.slug for f in findings} == {step_slug}
    fired = {name for name in CHECKS_BY_NAME if _run(name, project)}
    assert fired == set(CHECKS_BY_NAME)


def test_every_finding_links_to_a_page_of_the_project_the_owner_can_open(sound, project, owner_client):
    for variants in BREAKS.values():
        next(iter(variants.values()))(project, sound)
    findings = [f for group in findings_for(load_snapshot(project)).values() for f in group]
    assert len(findings) >= len(CHECKS)

    for finding in findings:
        path = urlsplit(finding.url).path
        assert path.startswith(f"/projects/{project.slug}/"), finding
        response = owner_client.get(path)
        assert response.status_code == 200, (finding, response.status_code)


def test_findings_on_the_empty_project_link_to_pages_the_owner_can_open(methodology, project, owner_client):
    findings = [f for group in findings_for(load_snapshot(project)).values() for f in group]
    assert findings

    for finding in findings:
        assert owner_client.get(urlsplit(finding.url).path).status_code == 200, finding


# The demo project is complete, but a real project may still show a gap or two:
# these are the checks it is built to pass.
DEMO_PASSES = [
    "need_without_evidence",
    "need_without_legal_basis",
    "no_indicator_with_target",
    "indicators_without_baseline_or_date",
    "no_go_decision",
    "milestones_without_owner_or_date",
    "no_review_gate",
    "no_user_representative",
    "no_data_protection_officer",
    "stakeholders_without_contact",
    "decisions_without_one_accountable",
    "no_accountable_lead",
    "no_user_researcher",
    "members_without_allocation",
    "exchanges_without_legal_basis",
    "exchanges_without_partner",
    "paths_without_steps",
    "no_research",
    "no_staff_group",
]


@pytest.mark.parametrize("name", DEMO_PASSES)
def test_the_demo_project_passes_the_check(demo, name):
    assert _run(name, demo) == []


def test_a_target_date_alone_does_not_make_a_target(sound, project):
    _save(sound["indicator"], target="", target_date=date(2027, 12, 31))

    assert _run("no_indicator_with_target", project)
