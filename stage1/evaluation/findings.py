"""Checks that read what the team entered and point at gaps the checklist asks about.

Each check belongs to a golden rule (by its slug) and returns findings that
say what is missing and link to the page where it can be fixed.
"""

from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from stage1.projects.models.items import AgreementStatus, Raci, StakeholderType, TeamRole
from stage1.projects.models.steps import Decision
from stage1.projects.snapshot import Snapshot


@dataclass(frozen=True)
class Finding:
    rule_slug: str
    message: str
    url: str


CHECKS: list[tuple[str, Callable[[Snapshot], Iterator[tuple[str, str]]]]] = []


def check(rule_slug: str):
    def register(func):
        CHECKS.append((rule_slug, func))
        return func

    return register


def _step_url(snap: Snapshot, step_slug: str, anchor: str = "") -> str:
    url = reverse("projects:step", kwargs={"slug": snap.project.slug, "step_slug": step_slug})
    return f"{url}#{anchor}" if anchor else url


def _item_url(snap: Snapshot, step_slug: str, kind_slug: str, pk: int) -> str:
    return reverse("projects:item_change", kwargs={"slug": snap.project.slug, "step_slug": step_slug, "kind_slug": kind_slug, "pk": pk})


@check("need")
def need_without_evidence(snap):
    if not snap.record("need").evidence.strip():
        yield _("No evidence of the need is recorded."), _step_url(snap, "need", "id_evidence")


@check("need")
def need_without_legal_basis(snap):
    if not snap.record("need").legal_basis.strip():
        yield _("The legal basis of the service is not recorded."), _step_url(snap, "need", "id_legal_basis")


@check("objective")
def no_indicator_with_target(snap):
    if not any(i.target.strip() for i in snap.items["indicator"]):
        yield _("No success indicator has a target."), _step_url(snap, "objective", "indicator-list")


@check("objective")
def indicators_without_baseline_or_date(snap):
    for indicator in snap.items["indicator"]:
        if not indicator.baseline.strip() or indicator.target_date is None:
            yield (
                _("The indicator “%(name)s” has no baseline or no target date.") % {"name": indicator.indicator},
                _item_url(snap, "objective", "indicator", indicator.pk),
            )


@check("objective")
def no_go_decision(snap):
    if snap.record("objective").decision == Decision.PENDING:
        yield _("The go / no-go decision has not been recorded."), _step_url(snap, "objective", "id_decision")


@check("steps")
def milestones_without_owner_or_date(snap):
    for milestone in snap.items["milestone"]:
        if milestone.owner is None or milestone.target_date is None:
            yield (
                _("The milestone “%(name)s” has no owner or no target date.") % {"name": milestone.name},
                _item_url(snap, "steps", "milestone", milestone.pk),
            )


@check("steps")
def no_review_gate(snap):
    if snap.items["milestone"] and not any(m.review_gate for m in snap.items["milestone"]):
        yield _("No milestone is a review gate where leadership decides whether to go on."), _step_url(snap, "steps", "milestone-list")


@check("stakeholders")
def no_user_representative(snap):
    if not any(s.kind == StakeholderType.USER_REP for s in snap.items["stakeholder"]):
        yield _("No stakeholder of type “user representative”."), _step_url(snap, "stakeholders", "stakeholder-list")


@check("stakeholders")
def no_data_protection_officer(snap):
    if not any(s.kind == StakeholderType.DPO for s in snap.items["stakeholder"]):
        yield _("The data protection officer is not among the stakeholders."), _step_url(snap, "stakeholders", "stakeholder-list")


@check("stakeholders")
def stakeholders_without_contact(snap):
    for stakeholder in snap.items["stakeholder"]:
        if not stakeholder.contact_point.strip():
            yield (
                _("The stakeholder “%(name)s” has no single contact point.") % {"name": stakeholder.name},
                _item_url(snap, "stakeholders", "stakeholder", stakeholder.pk),
            )


@check("stakeholders")
def decisions_without_one_accountable(snap):
    accountable = defaultdict(int)
    for row in snap.items["raci"]:
        if row.responsibility == Raci.ACCOUNTABLE:
            accountable[row.decision_id] += 1
    for decision in snap.items["decision"]:
        if accountable[decision.pk] != 1:
            yield (
                _("The decision “%(name)s” does not have exactly one accountable stakeholder.") % {"name": decision.decision},
                _step_url(snap, "stakeholders", "raci-list"),
            )


@check("team")
def no_accountable_lead(snap):
    if snap.record("team").lead_id is None:
        yield _("No team member is named as the accountable lead."), _step_url(snap, "team", "id_lead")


@check("team")
def no_user_researcher(snap):
    if snap.items["team-member"] and not any(m.role == TeamRole.USER_RESEARCHER for m in snap.items["team-member"]):
        yield _("Nobody in the team is a user researcher."), _step_url(snap, "team", "team-member-list")


@check("team")
def members_without_allocation(snap):
    for member in snap.items["team-member"]:
        if member.allocation is None:
            yield (
                _("The time %(name)s gives to the project is not agreed.") % {"name": member.name},
                _item_url(snap, "team", "team-member", member.pk),
            )


@check("interoperability")
def exchanges_without_legal_basis(snap):
    for point in snap.items["interop-point"]:
        if not point.legal_basis.strip():
            yield (
                _("The exchange with %(partner)s has no legal basis.") % {"partner": point.partner or _("an unnamed partner")},
                _item_url(snap, "interoperability", "interop-point", point.pk),
            )


@check("interoperability")
def exchanges_without_agreement_status(snap):
    for point in snap.items["interop-point"]:
        if not point.agreement_status or point.agreement_status == AgreementStatus.TO_START:
            yield (
                _("The agreement for the exchange with %(partner)s is missing or not started.")
                % {"partner": point.partner or _("an unnamed partner")},
                _item_url(snap, "interoperability", "interop-point", point.pk),
            )


@check("interoperability")
def exchanges_without_partner(snap):
    for point in snap.items["interop-point"]:
        if point.partner_id is None:
            yield _("An interoperability point has no partner body."), _item_url(snap, "interoperability", "interop-point", point.pk)


@check("user-paths")
def groups_without_path(snap):
    with_path = {p.user_group_id for p in snap.items["user-path"]}
    for group in snap.items["user-group"]:
        if group.pk not in with_path:
            yield (
                _("The user group “%(name)s” has no user path.") % {"name": group.name},
                _step_url(snap, "user-paths", "user-path-list"),
            )


@check("user-paths")
def paths_without_steps(snap):
    with_steps = {s.path_id for s in snap.items["journey-step"]}
    for path in snap.items["user-path"]:
        if path.pk not in with_steps:
            yield (
                _("The user path “%(name)s” has no journey steps.") % {"name": path.name},
                _step_url(snap, "user-paths", "journey-step-list"),
            )


@check("user-paths")
def no_research(snap):
    if not snap.items["research"]:
        yield _("No research with users is recorded."), _step_url(snap, "user-paths", "research-list")


@check("user-paths")
def no_staff_group(snap):
    if snap.items["user-group"] and not any(g.staff for g in snap.items["user-group"]):
        yield _("No user group covers the staff who will run the service."), _step_url(snap, "user-paths", "user-group-list")


def findings_for(snap: Snapshot) -> dict[str, list[Finding]]:
    """Findings grouped by rule slug, in the order the checks are declared."""
    grouped: dict[str, list[Finding]] = defaultdict(list)
    for rule_slug, func in CHECKS:
        for message, url in func(snap):
            grouped[rule_slug].append(Finding(rule_slug, str(message), url))
    return dict(grouped)
