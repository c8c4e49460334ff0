"""Checks that read what the team entered and point at gaps the checklist asks about.

Each check registers against a step of the registry (whose slug is its
golden rule's) and yields findings that say what is missing and link to the
page where it can be fixed. A check may name the evaluation question it
speaks to (the question's data check key): a "Yes" to that question while
the check finds a gap contradicts the data. A check may also say when the
data shows the thing done: then a "No" contradicts it.
"""

from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

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
    # The data check key of the question this gap speaks to, if any.
    question: str = ""


@dataclass(frozen=True)
class DataCheck:
    step: Step
    func: Callable[[Snapshot], Iterator[tuple[str, str]]]
    question: str
    # done(snapshot) is true when the data shows what the question asks done; done_message says so.
    done: Callable[[Snapshot], bool] | None
    done_message: str


CHECKS: list[DataCheck] = []


def check(step: Step, *, question: str = "", done: Callable[[Snapshot], bool] | None = None, done_message: str = ""):
    def register(func):
        CHECKS.append(DataCheck(step, func, question, done, done_message))
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


@check(NEED, question="need-evidence")
def need_without_evidence(snap):
    if not snap.record(NEED).evidence.strip():
        yield _("No evidence of the need is recorded."), _step_url(snap, NEED, "id_evidence")


@check(
    NEED,
    question="legal-basis",
    done=lambda snap: bool(snap.record(NEED).legal_basis.strip()),
    done_message=_("The legal basis of the service is recorded on the need step."),
)
def need_without_legal_basis(snap):
    if not snap.record(NEED).legal_basis.strip():
        yield _("The legal basis of the service is not recorded."), _step_url(snap, NEED, "id_legal_basis")


@check(OBJECTIVE, question="indicators")
def no_indicator_with_target(snap):
    if not any(i.target.strip() for i in snap.items_of(INDICATOR)):
        yield _("No success indicator has a target."), _list_url(snap, INDICATOR)


@check(
    OBJECTIVE,
    question="indicators",
    done=lambda snap: bool(snap.items_of(INDICATOR)),
    done_message=_("Every success indicator has a baseline, a target and a target date."),
)
def indicators_without_baseline_or_date(snap):
    for indicator in snap.items_of(INDICATOR):
        if not indicator.baseline.strip() or indicator.target_date is None:
            yield (
                _("The indicator “%(name)s” has no baseline or no target date.") % {"name": isolate(indicator.indicator)},
                _item_url(snap, INDICATOR, indicator.pk),
            )


@check(
    OBJECTIVE,
    question="go-decision",
    done=lambda snap: snap.record(OBJECTIVE).decision != GoDecision.PENDING,
    done_message=_("The go / no-go decision is recorded on the objective step."),
)
def no_go_decision(snap):
    if snap.record(OBJECTIVE).decision == GoDecision.PENDING:
        yield _("The go / no-go decision has not been recorded."), _step_url(snap, OBJECTIVE, "id_decision")


@check(
    PLAN,
    question="milestone-owners",
    done=lambda snap: bool(snap.items_of(MILESTONE)),
    done_message=_("Every milestone has an owner and a target date."),
)
def milestones_without_owner_or_date(snap):
    for milestone in snap.items_of(MILESTONE):
        if milestone.owner is None or milestone.target_date is None:
            yield (
                _("The milestone “%(name)s” has no owner or no target date.") % {"name": isolate(milestone.name)},
                _item_url(snap, MILESTONE, milestone.pk),
            )


@check(
    PLAN,
    question="review-gates",
    done=lambda snap: any(m.review_gate for m in snap.items_of(MILESTONE)),
    done_message=_("At least one milestone is a review gate."),
)
def no_review_gate(snap):
    if snap.items_of(MILESTONE) and not any(m.review_gate for m in snap.items_of(MILESTONE)):
        yield _("No milestone is a review gate where leadership decides whether to go on."), _list_url(snap, MILESTONE)


@check(STAKEHOLDERS, question="stakeholder-register")
def no_user_representative(snap):
    if not any(s.kind == StakeholderType.USER_REP for s in snap.items_of(STAKEHOLDER)):
        yield _("No stakeholder of type “user representative”."), _list_url(snap, STAKEHOLDER)


@check(STAKEHOLDERS, question="data-protection-officer")
def no_data_protection_officer(snap):
    if not any(s.kind == StakeholderType.DPO for s in snap.items_of(STAKEHOLDER)):
        yield _("The data protection officer is not among the stakeholders."), _list_url(snap, STAKEHOLDER)


@check(
    STAKEHOLDERS,
    question="contact-points",
    done=lambda snap: bool(snap.items_of(STAKEHOLDER)),
    done_message=_("Every stakeholder has a single contact point."),
)
def stakeholders_without_contact(snap):
    for stakeholder in snap.items_of(STAKEHOLDER):
        if not stakeholder.contact_point.strip():
            yield (
                _("The stakeholder “%(name)s” has no single contact point.") % {"name": isolate(stakeholder.name)},
                _item_url(snap, STAKEHOLDER, stakeholder.pk),
            )


@check(
    STAKEHOLDERS,
    question="raci",
    done=lambda snap: bool(snap.items_of(DECISION)),
    done_message=_("Every key decision has exactly one accountable stakeholder."),
)
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


@check(
    TEAM,
    question="accountable-lead",
    done=lambda snap: snap.record(TEAM).lead_id is not None,
    done_message=_("The team step names the accountable lead."),
)
def no_accountable_lead(snap):
    if snap.record(TEAM).lead_id is None:
        yield _("No team member is named as the accountable lead."), _step_url(snap, TEAM, "id_lead")


@check(TEAM, question="team-roles")
def no_user_researcher(snap):
    if snap.items_of(TEAM_MEMBER) and not any(m.role == TeamRole.USER_RESEARCHER for m in snap.items_of(TEAM_MEMBER)):
        yield _("Nobody in the team is a user researcher."), _list_url(snap, TEAM_MEMBER)


@check(
    TEAM,
    question="time-agreed",
    done=lambda snap: bool(snap.items_of(TEAM_MEMBER)),
    done_message=_("The time every team member gives to the project is recorded."),
)
def members_without_allocation(snap):
    for member in snap.items_of(TEAM_MEMBER):
        if member.allocation is None:
            yield (
                _("The time %(name)s gives to the project is not agreed.") % {"name": isolate(member.name)},
                _item_url(snap, TEAM_MEMBER, member.pk),
            )


def _partner(point) -> str:
    return isolate(point.partner) if point.partner else _("an unnamed partner")


@check(
    INTEROPERABILITY,
    question="exchange-legal-basis",
    done=lambda snap: bool(snap.items_of(INTEROP_POINT)),
    done_message=_("Every exchange has a legal basis."),
)
def exchanges_without_legal_basis(snap):
    for point in snap.items_of(INTEROP_POINT):
        if not point.legal_basis.strip():
            yield (
                _("The exchange with %(partner)s has no legal basis.") % {"partner": _partner(point)},
                _item_url(snap, INTEROP_POINT, point.pk),
            )


@check(INTEROPERABILITY, question="agreements")
def exchanges_without_agreement_status(snap):
    for point in snap.items_of(INTEROP_POINT):
        if not point.agreement_status or point.agreement_status == AgreementStatus.TO_START:
            yield (
                _("The agreement for the exchange with %(partner)s is missing or not started.") % {"partner": _partner(point)},
                _item_url(snap, INTEROP_POINT, point.pk),
            )


@check(INTEROPERABILITY, question="exchanges-listed")
def exchanges_without_partner(snap):
    for point in snap.items_of(INTEROP_POINT):
        if point.partner_id is None:
            yield _("An interoperability point has no partner body."), _item_url(snap, INTEROP_POINT, point.pk)


@check(
    USER_PATHS,
    question="user-paths",
    done=lambda snap: bool(snap.items_of(USER_GROUP)),
    done_message=_("Every user group has a user path with its journey steps."),
)
def groups_without_path(snap):
    with_path = {p.user_group_id for p in snap.items_of(USER_PATH)}
    for group in snap.items_of(USER_GROUP):
        if group.pk not in with_path:
            yield (
                _("The user group “%(name)s” has no user path.") % {"name": isolate(group.name)},
                _list_url(snap, USER_PATH),
            )


@check(USER_PATHS, question="user-paths")
def paths_without_steps(snap):
    with_steps = {s.path_id for s in snap.items_of(JOURNEY_STEP)}
    for path in snap.items_of(USER_PATH):
        if path.pk not in with_steps:
            yield (
                _("The user path “%(name)s” has no journey steps.") % {"name": isolate(path.name)},
                _list_url(snap, JOURNEY_STEP),
            )


@check(
    USER_PATHS,
    question="user-research",
    done=lambda snap: bool(snap.items_of(RESEARCH)),
    done_message=_("Research with users is recorded on the users step."),
)
def no_research(snap):
    if not snap.items_of(RESEARCH):
        yield _("No research with users is recorded."), _list_url(snap, RESEARCH)


@check(USER_PATHS, question="user-groups")
def no_staff_group(snap):
    if snap.items_of(USER_GROUP) and not any(g.staff for g in snap.items_of(USER_GROUP)):
        yield _("No user group covers the staff who will run the service."), _list_url(snap, USER_GROUP)


@dataclass
class DataOnQuestion:
    """What the data says about one question: the gaps its checks found, or that it is done."""

    gaps: list[Finding] = field(default_factory=list)
    done: list[str] = field(default_factory=list)


@dataclass
class DataFindings:
    by_step: dict[str, list[Finding]]
    by_question: dict[str, DataOnQuestion]


def data_findings(snap: Snapshot) -> DataFindings:
    """Every check run once: findings grouped by step slug (its golden rule's), in the order the checks
    are declared, and what the data says about each keyed question.

    Only steps still in the registry are checked. A question is shown done only
    when none of its checks finds a gap.
    """
    by_step: dict[str, list[Finding]] = defaultdict(list)
    by_question: dict[str, DataOnQuestion] = defaultdict(DataOnQuestion)
    for data_check in CHECKS:
        step = data_check.step
        if STEPS.get(step.slug) is not step:
            continue
        for message, url in data_check.func(snap):
            finding = Finding(step, str(message), url, data_check.question)
            by_step[step.slug].append(finding)
            if data_check.question:
                by_question[data_check.question].gaps.append(finding)
        if data_check.question and data_check.done and data_check.done(snap):
            by_question[data_check.question].done.append(str(data_check.done_message))
    for on_question in by_question.values():
        if on_question.gaps:
            on_question.done.clear()
    return DataFindings(dict(by_step), dict(by_question))


def findings_for(snap: Snapshot) -> dict[str, list[Finding]]:
    """Findings grouped by step slug (its golden rule's), in the order the checks are declared."""
    return data_findings(snap).by_step
