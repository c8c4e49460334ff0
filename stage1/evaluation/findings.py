"""Checks that read what the team entered and point at gaps the checklist asks about.

Each check registers against a step of the registry (whose slug is its
golden rule's) and yields findings that say what is missing and link to the
page where it can be fixed.
"""

from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from stage1.core.bidi import isolate
from stage1.projects.models.items import AgreementStatus, Raci, StakeholderType, TeamRole
from stage1.projects.models.steps import GoDecision
from stage1.projects.snapshot import Snapshot
from stage1.projects.steps import (
    DECISION,
    INDICATOR,
    INTEROP_POINT,
    INTEROPERABILITY,
    JOURNEY_STEP,
    MILESTONE,
    NEED,
    OBJECTIVE,
    PLAN,
    RACI,
    RESEARCH,
    STAKEHOLDER,
    STAKEHOLDERS,
    STEPS,
    TEAM,
    TEAM_MEMBER,
    USER_GROUP,
    USER_PATH,
    USER_PATHS,
    ItemKind,
    Step,
)


@dataclass(frozen=True)
class Finding:
    step: Step
    message: str
    url: str


CHECKS: list[tuple[Step, Callable[[Snapshot], Iterator[tuple[str, str]]]]] = []


def check(step: Step):
    def register(func):
        CHECKS.append((step, func))
        return func

    return register


def _step_url(snap: Snapshot, step: Step, anchor: str = "") -> str:
    url = reverse("projects:step", kwargs={"slug": snap.project.slug, "step_slug": step.slug})
    return f"{url}#{anchor}" if anchor else url


def _list_url(snap: Snapshot, kind: ItemKind) -> str:
    return _step_url(snap, STEPS.step_of(kind), f"{kind.slug}-list")


def _item_url(snap: Snapshot, kind: ItemKind, pk: int) -> str:
    step = STEPS.step_of(kind)
    return reverse("projects:item_change", kwargs={"slug": snap.project.slug, "step_slug": step.slug, "kind_slug": kind.slug, "pk": pk})


@check(NEED)
def need_without_evidence(snap):
    if not snap.record(NEED).evidence.strip():
        yield _("No evidence of the need is recorded."), _step_url(snap, NEED, "id_evidence")


@check(NEED)
def need_without_legal_basis(snap):
    if not snap.record(NEED).legal_basis.strip():
        yield _("The legal basis of the service is not recorded."), _step_url(snap, NEED, "id_legal_basis")


@check(OBJECTIVE)
def no_indicator_with_target(snap):
    if not any(i.target.strip() for i in snap.items_of(INDICATOR)):
        yield _("No success indicator has a target."), _list_url(snap, INDICATOR)


@check(OBJECTIVE)
def indicators_without_baseline_or_date(snap):
    for indicator in snap.items_of(INDICATOR):
        if not indicator.baseline.strip() or indicator.target_date is None:
            yield (
                _("The indicator “%(name)s” has no baseline or no target date.") % {"name": isolate(indicator.indicator)},
                _item_url(snap, INDICATOR, indicator.pk),
            )


@check(OBJECTIVE)
def no_go_decision(snap):
    if snap.record(OBJECTIVE).decision == GoDecision.PENDING:
        yield _("The go / no-go decision has not been recorded."), _step_url(snap, OBJECTIVE, "id_decision")


@check(PLAN)
def milestones_without_owner_or_date(snap):
    for milestone in snap.items_of(MILESTONE):
        if milestone.owner is None or milestone.target_date is None:
            yield (
                _("The milestone “%(name)s” has no owner or no target date.") % {"name": isolate(milestone.name)},
                _item_url(snap, MILESTONE, milestone.pk),
            )


@check(PLAN)
def no_review_gate(snap):
    if snap.items_of(MILESTONE) and not any(m.review_gate for m in snap.items_of(MILESTONE)):
        yield _("No milestone is a review gate where leadership decides whether to go on."), _list_url(snap, MILESTONE)


@check(STAKEHOLDERS)
def no_user_representative(snap):
    if not any(s.kind == StakeholderType.USER_REP for s in snap.items_of(STAKEHOLDER)):
        yield _("No stakeholder of type “user representative”."), _list_url(snap, STAKEHOLDER)


@check(STAKEHOLDERS)
def no_data_protection_officer(snap):
    if not any(s.kind == StakeholderType.DPO for s in snap.items_of(STAKEHOLDER)):
        yield _("The data protection officer is not among the stakeholders."), _list_url(snap, STAKEHOLDER)


@check(STAKEHOLDERS)
def stakeholders_without_contact(snap):
    for stakeholder in snap.items_of(STAKEHOLDER):
        if not stakeholder.contact_point.strip():
            yield (
                _("The stakeholder “%(name)s” has no single contact point.") % {"name": isolate(stakeholder.name)},
                _item_url(snap, STAKEHOLDER, stakeholder.pk),
            )


@check(STAKEHOLDERS)
def decisions_without_one_accountable(snap):
    accountable = defaultdict(int)
    for row in snap.items_of(RACI):
        if row.responsibility == Raci.ACCOUNTABLE:
            accountable[row.decision_id] += 1
    for decision in snap.items_of(DECISION):
        if accountable[decision.pk] != 1:
            yield (
                _("The decision “%(name)s” does not have exactly one accountable stakeholder.") % {"name": isolate(decision.title)},
                _list_url(snap, RACI),
            )


@check(TEAM)
def no_accountable_lead(snap):
    if snap.record(TEAM).lead_id is None:
        yield _("No team member is named as the accountable lead."), _step_url(snap, TEAM, "id_lead")


@check(TEAM)
def no_user_researcher(snap):
    if snap.items_of(TEAM_MEMBER) and not any(m.role == TeamRole.USER_RESEARCHER for m in snap.items_of(TEAM_MEMBER)):
        yield _("Nobody in the team is a user researcher."), _list_url(snap, TEAM_MEMBER)


@check(TEAM)
def members_without_allocation(snap):
    for member in snap.items_of(TEAM_MEMBER):
        if member.allocation is None:
            yield (
                _("The time %(name)s gives to the project is not agreed.") % {"name": isolate(member.name)},
                _item_url(snap, TEAM_MEMBER, member.pk),
            )


def _partner(point) -> str:
    return isolate(point.partner) if point.partner else _("an unnamed partner")


@check(INTEROPERABILITY)
def exchanges_without_legal_basis(snap):
    for point in snap.items_of(INTEROP_POINT):
        if not point.legal_basis.strip():
            yield (
                _("The exchange with %(partner)s has no legal basis.") % {"partner": _partner(point)},
                _item_url(snap, INTEROP_POINT, point.pk),
            )


@check(INTEROPERABILITY)
def exchanges_without_agreement_status(snap):
    for point in snap.items_of(INTEROP_POINT):
        if not point.agreement_status or point.agreement_status == AgreementStatus.TO_START:
            yield (
                _("The agreement for the exchange with %(partner)s is missing or not started.") % {"partner": _partner(point)},
                _item_url(snap, INTEROP_POINT, point.pk),
            )


@check(INTEROPERABILITY)
def exchanges_without_partner(snap):
    for point in snap.items_of(INTEROP_POINT):
        if point.partner_id is None:
            yield _("An interoperability point has no partner body."), _item_url(snap, INTEROP_POINT, point.pk)


@check(USER_PATHS)
def groups_without_path(snap):
    with_path = {p.user_group_id for p in snap.items_of(USER_PATH)}
    for group in snap.items_of(USER_GROUP):
        if group.pk not in with_path:
            yield (
                _("The user group “%(name)s” has no user path.") % {"name": isolate(group.name)},
                _list_url(snap, USER_PATH),
            )


@check(USER_PATHS)
def paths_without_steps(snap):
    with_steps = {s.path_id for s in snap.items_of(JOURNEY_STEP)}
    for path in snap.items_of(USER_PATH):
        if path.pk not in with_steps:
            yield (
                _("The user path “%(name)s” has no journey steps.") % {"name": isolate(path.name)},
                _list_url(snap, JOURNEY_STEP),
            )


@check(USER_PATHS)
def no_research(snap):
    if not snap.items_of(RESEARCH):
        yield _("No research with users is recorded."), _list_url(snap, RESEARCH)


@check(USER_PATHS)
def no_staff_group(snap):
    if snap.items_of(USER_GROUP) and not any(g.staff for g in snap.items_of(USER_GROUP)):
        yield _("No user group covers the staff who will run the service."), _list_url(snap, USER_GROUP)


def findings_for(snap: Snapshot) -> dict[str, list[Finding]]:
    """Findings grouped by step slug (its golden rule's slug), in the order the checks are declared.

    Only steps still in the registry are checked.
    """
    grouped: dict[str, list[Finding]] = defaultdict(list)
    for step, func in CHECKS:
        if STEPS.get(step.slug) is not step:
            continue
        for message, url in func(snap):
            grouped[step.slug].append(Finding(step, str(message), url))
    return dict(grouped)
