"""Valid answers and items for every step and list of the wizard.

`step_post` and `item_post` build what a browser would post; `item_post`
creates the items a cross-reference needs first. `fill_lists` puts n items in
every list, cross-references included, with bulk_create.
"""

from datetime import date

from stage1.projects.models import (
    InteropPoint,
    JourneyStep,
    KeyDecision,
    Milestone,
    RaciAssignment,
    ResearchActivity,
    Stakeholder,
    SuccessIndicator,
    TeamMember,
    UserGroup,
    UserPath,
)
from stage1.projects.steps import get_step

STEP_ANSWERS: dict[str, dict] = {
    "need": {
        "problem": "Residents wait three weeks for a parking permit sent by post",
        "affected": "Residents of controlled parking zones and their visitors",
        "affected_count": "48,000 applicants a year",
        "evidence": "2,300 complaints in 2024 and call volumes doubling every winter",
        "current_workarounds": "People queue at the town hall or pay for parking while they wait",
        "overlapping_services": "The national vehicle register lookup",
        "policy_intent": "Fewer cars circling for spaces in the centre",
        "legal_basis": "Road Traffic Regulation Act, section 45",
        "constraints": "Go live before the new zones start in April",
        "cost_of_doing_nothing": "About 400,000 euros a year in staff time",
        "requested_by": "The transport committee",
    },
    "objective": {
        "vision": "Residents get a permit the same day, online",
        "strategic_objectives": "Halve processing time and move most applications online",
        "strategy_alignment": "Digital by default strategy, chapter 3",
        "first_results": "A working beta for one zone within six months",
        "concept_name": "Apply for a parking permit",
        "concept_offer": "Apply, pay and print a temporary permit",
        "concept_users": "Residents, carers and local businesses",
        "concept_channels": "Website, phone and front desk",
        "decision": "go",
        "decided_by": "The city board",
        "decided_on": date(2026, 1, 15),
    },
    "plan": {
        "phases": "Discovery, alpha, beta and live",
        "building_blocks": "National login and the payments platform",
        "funding_source": "Digital transformation fund",
    },
    "stakeholders": {"engagement_approach": "Monthly steering board and a fortnightly show and tell"},
    "team": {"lead": "", "governance": "The service owner decides, the board settles escalations", "meeting_rhythm": "Weekly review"},
    "interoperability": {"approach": "Ask once: reuse the vehicle and address registers"},
    "user-paths": {"involvement": "A user panel of twelve residents tested every fortnight"},
}


def posted(data: dict) -> dict:
    """Form data as a browser sends it: a date is three boxes, day, month and year."""
    out = {}
    for name, value in data.items():
        if isinstance(value, date):
            out.update({f"{name}_0": str(value.day), f"{name}_1": str(value.month), f"{name}_2": str(value.year)})
        else:
            out[name] = value
    return out


def record_of(project, step_slug: str):
    return get_step(step_slug).model.objects.get(project=project)


def step_post(project, step_slug: str, *, action: str = "continue", **changes) -> dict:
    """The step's own answers as posted from its page, from the version stored now."""
    data = {**STEP_ANSWERS[step_slug], "base_version": record_of(project, step_slug).version, "action": action}
    data.update(changes)
    return posted(data)


def unchanged_answers(project, step_slug: str) -> dict:
    """The step's answers exactly as its page shows them: posting them back changes nothing."""
    step = get_step(step_slug)
    form = step.form_class(instance=record_of(project, step_slug), project=project)
    return {name: "" if form[name].value() is None else form[name].value() for name in form.fields}


def _next_position(model, project) -> int:
    return model.objects.filter(project=project).count() + 1


def make_stakeholder(project, name: str = "Highways department", **fields) -> Stakeholder:
    return Stakeholder.objects.create(project=project, name=name, position=_next_position(Stakeholder, project), **fields)


def make_team_member(project, name: str = "Ana Lopez", **fields) -> TeamMember:
    fields.setdefault("role", "product_owner")
    return TeamMember.objects.create(project=project, name=name, position=_next_position(TeamMember, project), **fields)


def make_decision(project, title: str = "Approve the budget") -> KeyDecision:
    return KeyDecision.objects.create(project=project, title=title, position=_next_position(KeyDecision, project))


def make_milestone(project, name: str = "Discovery finished", **fields) -> Milestone:
    return Milestone.objects.create(project=project, name=name, position=_next_position(Milestone, project), **fields)


def make_user_group(project, name: str = "Residents") -> UserGroup:
    return UserGroup.objects.create(project=project, name=name, position=_next_position(UserGroup, project))


def make_user_path(project, name: str = "Renew a permit", user_group=None) -> UserPath:
    return UserPath.objects.create(project=project, name=name, user_group=user_group, position=_next_position(UserPath, project))


def item_post(project, kind_slug: str, n: int = 1) -> dict:
    """Valid data for the add form of a kind; referenced items are created first."""
    return posted({**item_values(project, kind_slug, n), "base_version": 0})


def item_values(project, kind_slug: str, n: int = 1) -> dict:
    """The values of a valid item of a kind, dates as dates; referenced items are created first."""
    return _ITEM_DATA[kind_slug](project, n)


def _indicator(project, n):
    return {"indicator": f"Share of permits applied for online {n}", "baseline": "12%", "target": "80%", "target_date": date(2027, 3, 31)}


def _stakeholder(project, n):
    return {
        "name": f"Traffic police {n}",
        "organisation": "Regional police",
        "kind": "regulator",
        "role": "Enforces the parking zones",
        "interest": "high",
        "influence": "medium",
        "contact_point": "Chief inspector Berg, 555 0100",
        "engagement_channel": "Quarterly meeting",
        "commitment": "Letter of support signed in May",
    }


def _decision(project, n):
    return {"title": f"Choose the payment provider {n}", "due_date": date(2026, 9, 30)}


def _raci(project, n):
    decision = make_decision(project, f"Approve the launch {n}")
    stakeholder = make_stakeholder(project, f"Finance office {n}")
    return {"decision": decision.pk, "stakeholder": stakeholder.pk, "responsibility": "A"}


def _team_member(project, n):
    stakeholder = make_stakeholder(project, f"City IT department {n}")
    return {
        "name": f"Sam Okafor {n}",
        "organisation": stakeholder.pk,
        "role": "designer",
        "skills": "Service design, prototyping",
        "allocation": "60",
        "start_date": date(2026, 2, 1),
        "end_date": date(2026, 12, 31),
        "decision_authority": "Design choices within the agreed scope",
    }


def _milestone(project, n):
    member = make_team_member(project, f"Milestone owner {n}")
    earlier = make_milestone(project, f"Alpha finished {n}")
    return {
        "name": f"Beta launched {n}",
        "description": "Public beta in the first zone",
        "owner_member": member.pk,
        "target_date": date(2026, 10, 1),
        "deliverable": "A service open to the public",
        "depends_on": [earlier.pk],
        "review_gate": "on",
    }


def _interop_point(project, n):
    partner = make_stakeholder(project, f"Vehicle registry {n}")
    owner = make_team_member(project, f"Interop owner {n}")
    return {
        "partner": partner.pk,
        "partner_system": "Vehicle register API",
        "data_exchanged": f"Registration number and keeper address {n}",
        "direction": "in",
        "purpose": "Check that the car belongs to the applicant",
        "legal_basis": "Vehicle Registration Act, section 12",
        "eif_layer": "technical",
        "standard": "REST, OpenAPI 3",
        "building_block": "National vehicle register",
        "agreement_status": "in_progress",
        "owner": owner.pk,
    }


def _user_group(project, n):
    return {
        "name": f"Older residents {n}",
        "staff": "",
        "size": "9,000",
        "needs": "As a resident I need a permit so that I can park near home",
        "accessibility_needs": "Large print and phone support",
        "exclusion_risk": "high",
    }


def _research(project, n):
    return {"method": f"Interviews {n}", "held_on": date(2026, 3, 10), "participants": "14", "findings": "Most people apply on a phone"}


def _user_path(project, n):
    group = make_user_group(project, f"Carers {n}")
    return {"user_group": group.pk, "name": f"Get a visitor permit {n}"}


def _journey_step(project, n):
    path = make_user_path(project, f"Renew a permit {n}")
    return {
        "path": path.pk,
        "description": f"Finds out the permit is expiring {n}",
        "channel": "post",
        "pain_point": "The letter arrives late",
    }


_ITEM_DATA = {
    "indicator": _indicator,
    "stakeholder": _stakeholder,
    "decision": _decision,
    "raci": _raci,
    "team-member": _team_member,
    "milestone": _milestone,
    "interop-point": _interop_point,
    "user-group": _user_group,
    "research": _research,
    "user-path": _user_path,
    "journey-step": _journey_step,
}

# A text field of each kind, to change and to overfill.
TEXT_FIELD = {
    "indicator": "indicator",
    "stakeholder": "name",
    "decision": "title",
    "team-member": "name",
    "milestone": "name",
    "interop-point": "partner_system",
    "user-group": "name",
    "research": "method",
    "user-path": "name",
    "journey-step": "description",
}


def fill_lists(project, n: int) -> None:
    """n items in every list of the project, with every cross-reference set."""
    numbers = range(1, n + 1)

    def bulk(model, make):
        return model.objects.bulk_create([make(i) for i in numbers])

    stakeholders = bulk(Stakeholder, lambda i: Stakeholder(project=project, position=i, name=f"Stakeholder {i}", organisation=f"Body {i}"))
    decisions = bulk(KeyDecision, lambda i: KeyDecision(project=project, position=i, title=f"Decision {i}"))
    bulk(
        RaciAssignment,
        lambda i: RaciAssignment(
            project=project, position=i, decision=decisions[i - 1], stakeholder=stakeholders[i - 1], responsibility="R"
        ),
    )
    members = bulk(
        TeamMember,
        lambda i: TeamMember(project=project, position=i, name=f"Member {i}", role="developer", organisation=stakeholders[i - 1]),
    )
    milestones = bulk(
        Milestone,
        lambda i: Milestone(
            project=project,
            position=i,
            name=f"Milestone {i}",
            owner_member=members[i - 1] if i % 2 else None,
            owner_stakeholder=None if i % 2 else stakeholders[i - 1],
        ),
    )
    through = Milestone.depends_on.through
    through.objects.bulk_create(
        [through(from_milestone=milestones[i], to_milestone=milestones[i - 1]) for i in range(1, n)]
        + [through(from_milestone=milestones[i], to_milestone=milestones[0]) for i in range(2, n)]
    )
    bulk(
        InteropPoint,
        lambda i: InteropPoint(project=project, position=i, partner=stakeholders[i - 1], owner=members[i - 1], data_exchanged=f"Data {i}"),
    )
    bulk(SuccessIndicator, lambda i: SuccessIndicator(project=project, position=i, indicator=f"Indicator {i}"))
    groups = bulk(UserGroup, lambda i: UserGroup(project=project, position=i, name=f"Group {i}"))
    bulk(ResearchActivity, lambda i: ResearchActivity(project=project, position=i, method=f"Method {i}"))
    paths = bulk(UserPath, lambda i: UserPath(project=project, position=i, name=f"Path {i}", user_group=groups[i - 1]))
    bulk(JourneyStep, lambda i: JourneyStep(project=project, position=i, path=paths[(i - 1) % len(paths)], description=f"Journey step {i}"))
    team_step = get_step("team").model.objects.get(project=project)
    team_step.lead = members[0]
    team_step.save()
