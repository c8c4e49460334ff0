"""A project lead walks every step in the browser's way and reads everything back.

Only the test client and the pages' own forms are used: step answers are
posted with the step form's buttons, items are added on their add pages, and
cross-references are chosen from the options the pages offer.
"""

import re
from dataclasses import dataclass
from datetime import date

import pytest
from django.utils.html import escape

from stage1.projects.steps import STEPS, next_step
from tests.projects.factories import STEP_ANSWERS, posted
from tests.projects.helpers import (
    check_answers_url,
    hidden_base_version,
    item_add_url,
    item_change_url,
    step_url,
    task_list_url,
    text_of,
)

pytestmark = pytest.mark.django_db


@dataclass(frozen=True)
class Choose:
    """The option a user picks by the words shown for it."""

    label: str


ITEMS = {
    "indicator": [
        {
            "indicator": "Share of applications made online",
            "baseline": "12 percent",
            "target": "80 percent",
            "target_date": date(2027, 3, 31),
        },
        {"indicator": "Days from application to permit", "baseline": "21 days", "target": "1 day", "target_date": date(2027, 6, 30)},
    ],
    "milestone": [
        {
            "name": "Discovery finished",
            "description": "Research with forty residents written up",
            "target_date": date(2026, 4, 30),
            "deliverable": "Discovery report",
            "review_gate": "on",
        },
        {
            "name": "Beta launched",
            "description": "Public beta in zone A",
            "target_date": date(2026, 11, 2),
            "deliverable": "Beta service in zone A",
            "depends_on": [Choose("Discovery finished")],
            "review_gate": "",
        },
    ],
    "stakeholder": [
        {
            "name": "Traffic police",
            "organisation": "Regional police",
            "kind": "regulator",
            "role": "Enforce parking zones and check permits",
            "interest": "high",
            "influence": "medium",
            "contact_point": "Inspector Berg, 555 0100",
            "engagement_channel": "Quarterly enforcement meeting",
            "commitment": "Letter of support signed in May",
        },
        {
            "name": "Residents association",
            "organisation": "Old Town Residents",
            "kind": "user_rep",
            "role": "Speak for residents in the zones",
            "interest": "high",
            "influence": "low",
            "contact_point": "Maria Ortega, chair",
            "engagement_channel": "Monthly open evening",
            "commitment": "Agreed to recruit testers",
        },
    ],
    "decision": [
        {"title": "Approve the budget", "due_date": date(2026, 2, 28)},
        {"title": "Choose the payment provider", "due_date": date(2026, 5, 15)},
    ],
    "raci": [
        {"decision": Choose("Approve the budget"), "stakeholder": Choose("Traffic police (Regional police)"), "responsibility": "C"},
        {
            "decision": Choose("Choose the payment provider"),
            "stakeholder": Choose("Residents association (Old Town Residents)"),
            "responsibility": "I",
        },
    ],
    "team-member": [
        {
            "name": "Ana Lopez",
            "organisation": Choose("Traffic police (Regional police)"),
            "role": "service_owner",
            "skills": "Parking policy and operations",
            "allocation": "50",
            "start_date": date(2026, 1, 5),
            "end_date": date(2027, 6, 30),
            "decision_authority": "Scope and budget up to 50,000 euros",
        },
        {
            "name": "Sam Okafor",
            "organisation": Choose("Residents association (Old Town Residents)"),
            "role": "user_researcher",
            "skills": "Interviews and usability testing",
            "allocation": "80",
            "start_date": date(2026, 2, 1),
            "end_date": date(2026, 12, 18),
            "decision_authority": "Research plan and recruitment",
        },
    ],
    "interop-point": [
        {
            "partner": Choose("Traffic police (Regional police)"),
            "partner_system": "Enforcement handhelds",
            "data_exchanged": "Valid permits by registration number",
            "direction": "out",
            "purpose": "Wardens check permits without paper",
            "legal_basis": "Parking Enforcement Regulation 2019",
            "eif_layer": "technical",
            "standard": "REST and JSON with OpenAPI",
            "building_block": "National API gateway",
            "agreement_status": "in_progress",
            "owner": Choose("Ana Lopez – Service owner"),
        },
        {
            "partner": Choose("Residents association (Old Town Residents)"),
            "partner_system": "Newsletter list",
            "data_exchanged": "Zone changes announced to members",
            "direction": "both",
            "purpose": "Tell residents about new zones early",
            "legal_basis": "Consent of the members",
            "eif_layer": "organisational",
            "standard": "Plain email",
            "building_block": "None needed",
            "agreement_status": "signed",
            "owner": Choose("Sam Okafor – User researcher"),
        },
    ],
    "user-group": [
        {
            "name": "Residents with a car",
            "staff": "",
            "size": "41,000",
            "needs": "As a resident I need a permit quickly so that I can park near home",
            "accessibility_needs": "Screen reader users and low vision",
            "exclusion_risk": "medium",
        },
        {
            "name": "Permit office staff",
            "staff": "on",
            "size": "14",
            "needs": "As an officer I need to see pending cases so that I can clear them",
            "accessibility_needs": "Keyboard only use",
            "exclusion_risk": "low",
        },
    ],
    "research": [
        {"method": "Street interviews", "held_on": date(2026, 3, 10), "participants": "23", "findings": "Most residents apply on a phone"},
        {
            "method": "Call centre listening",
            "held_on": date(2026, 3, 24),
            "participants": "9",
            "findings": "Half the calls ask about status",
        },
    ],
    "user-path": [
        {"user_group": Choose("Residents with a car"), "name": "Renew a resident permit"},
        {"user_group": Choose("Permit office staff"), "name": "Approve a pending application"},
    ],
    "journey-step": [
        {
            "path": Choose("Renew a resident permit"),
            "description": "Gets a reminder a month ahead",
            "channel": "post",
            "pain_point": "Reminder often lost",
        },
        {
            "path": Choose("Renew a resident permit"),
            "description": "Pays and downloads the permit",
            "channel": "online",
            "pain_point": "No receipt sent",
        },
    ],
}

# Chosen on the steps page once the team and the stakeholders exist.
MILESTONE_OWNERS = {
    "Discovery finished": {"owner_member": Choose("Sam Okafor – User researcher")},
    "Beta launched": {"owner_stakeholder": Choose("Residents association (Old Town Residents)")},
}
TEAM_LEAD = Choose("Ana Lopez – Service owner")


def _option(page: str, name: str, label: str) -> str:
    """The value of the option the page shows as `label` for the field `name`."""
    select = re.search(rf'<select name="{name}"[^>]*>(.*?)</select>', page, re.S)
    assert select, f"no select {name}"
    options = re.findall(r'<option value="(\d+)"[^>]*>(.*?)</option>', select.group(1), re.S)
    matches = [value for value, text in options if text.strip() == escape(label)]
    assert len(matches) == 1, f"{label!r} among {options!r}"
    return matches[0]


def _checkbox(page: str, name: str, label: str) -> str:
    for tag in re.findall(rf'<input[^>]*name="{name}"[^>]*>', page, re.S):
        box_id, value = re.search(r'id="([^"]+)"', tag).group(1), re.search(r'value="([^"]*)"', tag).group(1)
        text = re.search(rf'<label[^>]*for="{box_id}"[^>]*>(.*?)</label>', page, re.S).group(1)
        if text.strip() == escape(label):
            return value
    raise AssertionError(f"no {name} checkbox for {label!r}")


def _as_chosen(page: str, values: dict) -> dict:
    """The values with every Choose replaced by the option's value on this page."""
    chosen = {}
    for name, value in values.items():
        if isinstance(value, Choose):
            chosen[name] = _option(page, name, value.label)
        elif isinstance(value, list):
            chosen[name] = [_checkbox(page, name, choice.label) for choice in value]
        else:
            chosen[name] = value
    return chosen


def _follow(client, response, expected_url: str):
    assert response.status_code == 302, text_of(response)[:2000]
    assert response["Location"] == expected_url
    page = client.get(expected_url.split("#")[0])
    assert page.status_code == 200
    return page


def _step_answers(step, page: str, *, final: bool) -> dict:
    answers = dict(STEP_ANSWERS[step.slug])
    if step.slug == "team":
        answers["lead"] = TEAM_LEAD if final else ""
    return posted(_as_chosen(page, answers))


def walk(client, project) -> None:
    """Fill every step and add two items to every list, then continue to check your answers."""
    page = client.get(task_list_url(project))
    assert page.status_code == 200
    page = client.get(step_url(project, STEPS[0].slug))
    for step in STEPS:
        url = step_url(project, step.slug)
        for kind in step.items:
            for values in ITEMS[kind.slug]:
                data = {**_step_answers(step, text_of(page), final=False), "base_version": hidden_base_version(page)}
                add_url = item_add_url(project, step.slug, kind.slug)
                add_page = _follow(client, client.post(url, {**data, "action": f"add:{kind.slug}"}), add_url)
                item = posted({**_as_chosen(text_of(add_page), values), "base_version": hidden_base_version(add_page)})
                page = _follow(client, client.post(add_url, item), f"{url}#{kind.slug}-list")
        data = {**_step_answers(step, text_of(page), final=True), "base_version": hidden_base_version(page), "action": "continue"}
        following = next_step(step)
        page = _follow(client, client.post(url, data), step_url(project, following.slug) if following else check_answers_url(project))
    _give_milestones_owners(client, project)


def _give_milestones_owners(client, project) -> None:
    url = step_url(project, "plan")
    for name, owner in MILESTONE_OWNERS.items():
        page = client.get(url)
        pk = re.search(
            rf'value="change:milestone:(\d+)"[^>]*>Change<span class="govuk-visually-hidden"> [^<]*: {name}</span>', text_of(page)
        )
        data = {**_step_answers(STEPS[2], text_of(page), final=True), "base_version": hidden_base_version(page)}
        change_url = item_change_url(project, "plan", "milestone", int(pk.group(1)))
        change_page = _follow(client, client.post(url, {**data, "action": f"change:milestone:{pk.group(1)}"}), change_url)
        values = {**next(item for item in ITEMS["milestone"] if item["name"] == name), **owner}
        item = posted({**_as_chosen(text_of(change_page), values), "base_version": hidden_base_version(change_page)})
        _follow(client, client.post(change_url, item), f"{url}#milestone-list")


def _shown(model, name: str, value) -> str:
    """How check your answers shows a typed value."""
    model_field = model._meta.get_field(name)
    if isinstance(value, Choose):
        return value.label
    if isinstance(value, list):
        return ", ".join(choice.label for choice in value)
    if isinstance(value, date):
        return f"{value.day} {value:%B} {value.year}"
    if model_field.get_internal_type() == "BooleanField":
        return "Yes" if value == "on" else "No"
    if model_field.choices:
        return str(dict(model_field.choices)[value])
    return value


def _expected(*, columns_only: bool) -> list[str]:
    shown = []
    for step in STEPS:
        answers = {**STEP_ANSWERS[step.slug], "lead": TEAM_LEAD} if step.slug == "team" else STEP_ANSWERS[step.slug]
        shown += [_shown(step.model, name, value) for name, value in answers.items()]
        for kind in step.items:
            for values in ITEMS[kind.slug]:
                if kind.slug == "milestone":
                    values = {**values, **MILESTONE_OWNERS[values["name"]]}
                for name, value in values.items():
                    column = "owner" if name.startswith("owner_") and kind.slug == "milestone" else name
                    if columns_only and column not in kind.columns:
                        continue
                    shown.append(_shown(kind.model, name, value))
    return [text for text in shown if text]


def test_the_walk_completes_every_step(owner_client, owner, project, methodology):
    walk(owner_client, project)

    task_list = text_of(owner_client.get(task_list_url(project)))

    assert f"You have completed {len(STEPS)} of {len(STEPS)} golden rules." in task_list
    assert task_list.count("Completed") == len(STEPS)
    assert "Not started" not in task_list
    assert "In progress" not in task_list
    for step in STEPS:
        record = step.model.objects.get(project=project)
        # The answers were typed once: saved by the first button pressed (the first Add, or Save and continue on a
        # step without lists); the later buttons found nothing new to save, except the team's lead chosen at the end.
        saves = 1 + (1 if step.slug == "team" else 0)
        assert record.version == 1 + saves
        assert record.updated_by == owner


def test_check_your_answers_shows_every_answer_and_every_listed_value_typed(owner_client, project, methodology):
    walk(owner_client, project)

    page = text_of(owner_client.get(check_answers_url(project)))

    assert f"{len(STEPS)} of {len(STEPS)} golden rules are complete." in page
    assert "Still to do" not in page
    missing = [text for text in _expected(columns_only=True) if escape(text) not in page]
    assert not missing


def test_check_your_answers_shows_every_value_typed(owner_client, project, methodology):
    walk(owner_client, project)

    page = text_of(owner_client.get(check_answers_url(project)))

    missing = [text for text in _expected(columns_only=False) if escape(text) not in page]
    assert not missing
