"""Build everything the charter template needs, in one place, with a fixed number of queries.

The sections, their order and numbering, which answers and lists each one
prints, and the register annexes all come from the step registry
(stage1.projects.steps): a new step or item kind appears in the charter
without a change here or in the templates.
"""

from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import cached_property

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from stage1.charter.extensions import DocumentState, document_state_for
from stage1.charter.tables import register_table
from stage1.evaluation.readiness import action_plan_of, readiness_of
from stage1.evaluation.selectors import blank_checklist, checklist_for
from stage1.projects.display import answer_rows
from stage1.projects.models import Membership, Role
from stage1.projects.models.items import Raci, StakeholderType
from stage1.projects.snapshot import load_snapshot
from stage1.projects.steps import DECISION, JOURNEY_STEP, RACI, STAKEHOLDER, STAKEHOLDERS, STEPS, TEAM, TEAM_MEMBER, USER_PATH, ItemKind


@dataclass
class Annex:
    letter: str
    kind: ItemKind
    items: list

    @property
    def count(self) -> int:
        return len(self.items)

    @cached_property
    def table(self):
        return register_table(self.kind, self.items)


@dataclass
class ItemBlock:
    """One list of a section, printed with its kind's charter_template."""

    kind: ItemKind
    items: list
    annex: Annex | None

    @property
    def template(self) -> str:
        return self.kind.charter_template

    @property
    def count(self) -> int:
        return len(self.items)

    @property
    def count_label(self) -> str:
        return self.kind.count_label(len(self.items))

    @cached_property
    def table(self):
        return self.annex.table if self.annex else register_table(self.kind, self.items)


@dataclass
class Section:
    number: int
    anchor: str
    title: str
    answers: list
    blocks: list[ItemBlock]

    @property
    def empty(self) -> bool:
        return not self.answers and not self.blocks


def annexes_for(snapshot) -> list[Annex]:
    """The registers, lettered A, B, C… in wizard order."""
    return [Annex(chr(ord("A") + index), kind, snapshot.items_of(kind)) for index, kind in enumerate(STEPS.registers())]


def sections_for(snapshot, annexes: list[Annex], *, first_number: int) -> list[Section]:
    by_kind = {annex.kind.slug: annex for annex in annexes}
    sections = []
    for step in STEPS:
        record = snapshot.record(step)
        for declared in step.charter_sections:
            kinds = [step.item(slug) for slug in declared.items]
            blocks = [ItemBlock(kind, snapshot.items_of(kind), by_kind.get(kind.slug)) for kind in kinds]
            # Only the answers given: unanswered questions print nothing, not an empty list.
            answers = [row for row in answer_rows(record, declared.fields) if row[2]]
            sections.append(Section(first_number + len(sections), declared.anchor, declared.title, answers, blocks))
    return sections


def summary_rows(snapshot) -> list[tuple[str, str]]:
    """(label, value) of the answers each step quotes in the executive summary, in wizard order."""
    rows = []
    for step in STEPS:
        record = snapshot.record(step)
        for name, label in step.summary:
            [(_name, _field_label, value)] = answer_rows(record, (name,))
            if value:
                rows.append((label, value))
    return rows


def raci_by_decision(snapshot) -> list[dict]:
    """Each key decision with who is Responsible, Accountable, Consulted and Informed.

    A list per decision rather than a stakeholders × decisions grid: the grid
    runs off the page with a few dozen decisions or stakeholders, a list
    never does, however many there are.
    """
    held = defaultdict(lambda: defaultdict(list))
    for row in snapshot.items_of(RACI):
        held[row.decision_id][row.responsibility].append(row.stakeholder)
    return [
        {"decision": decision, "roles": [(label, held[decision.pk][letter]) for letter, label in Raci.choices]}
        for decision in snapshot.items_of(DECISION)
    ]


def journeys(snapshot) -> list[dict]:
    """Each user path with its journey steps in order."""
    steps = defaultdict(list)
    for step in snapshot.items_of(JOURNEY_STEP):
        steps[step.path_id].append(step)
    return [{"path": path, "steps": steps.get(path.pk, [])} for path in snapshot.items_of(USER_PATH)]


def stakeholder_types(snapshot) -> list[tuple[str, int]]:
    counts = Counter(s.kind for s in snapshot.items_of(STAKEHOLDER))
    return [(label, counts[value]) for value, label in StakeholderType.choices if counts[value]]


def standing(snapshot, checklist) -> list[dict]:
    """Where the project stands, rule by rule: the step's status and its checklist score."""
    return [
        {"title": progress.step.title, "status": progress.status, "group": checklist.group(progress.step.slug)}
        for progress in snapshot.progress.steps
    ]


def sponsor_for(snapshot):
    """The stakeholder the team named as sponsor on the stakeholders step, or None."""
    return snapshot.record(STAKEHOLDERS).sponsor


def _team_member_for(user, members):
    """The team member who is this account: the same full name, ignoring case.

    Team members are people the team typed in, not accounts; they carry no
    email address to match, so the name is what binds them.
    """
    full_name = user.get_full_name().strip().casefold()
    return next((m for m in members if full_name and m.name.strip().casefold() == full_name), None)


def signatories(snapshot, owners) -> list[dict]:
    """The rows of the sign-off block: who prepared the charter, the sponsor and the accountable lead."""
    members = snapshot.items_of(TEAM_MEMBER)
    preparer = {"name": "", "role": ""}
    if owners:
        member = _team_member_for(owners[0], members)
        if member is not None:
            preparer = {"name": member.name, "role": member.get_role_display()}
        else:
            preparer = {"name": owners[0].get_full_name() or owners[0].get_username(), "role": ""}
    sponsor = sponsor_for(snapshot)
    lead = snapshot.record(TEAM).lead
    return [
        {"label": _("Prepared by"), **preparer},
        {"label": _("Sponsor"), "name": sponsor.name if sponsor else "", "role": sponsor.organisation if sponsor else ""},
        {"label": _("Accountable lead"), "name": lead.name if lead else "", "role": lead.get_role_display() if lead else ""},
    ]


def charter_context(project) -> dict:
    snapshot = load_snapshot(project)
    checklist = checklist_for(project, snapshot=snapshot)
    owners = [m.user for m in Membership.objects.filter(project=project, role=Role.OWNER).select_related("user").order_by("created_at")]
    annexes = annexes_for(snapshot)
    # Section 1 is the executive summary; the steps' sections follow (2, 3, …), then the checklist and the sign-off.
    sections = sections_for(snapshot, annexes, first_number=2)
    readiness = readiness_of(project, checklist)
    document = document_state_for(project) or DocumentState(label=str(_("Draft")), status=str(_("Draft")))
    status = document.status
    if document.draft:
        status = _("Ready for review") if readiness.ready else _("Draft")
    return {
        "project": project,
        "owners": owners,
        "owner_names": ", ".join(u.get_full_name() or u.username for u in owners),
        "generated_at": timezone.now(),
        "status": status,
        # What the document calls itself on its cover and in its footer: "Draft 0.3", "Version 1.0".
        "document_label": document.label,
        "approved": document.approved,
        "readiness": readiness,
        # The red banner: neither approved nor ready for review.
        "draft": not (document.approved or readiness.ready),
        "summary": summary_rows(snapshot),
        "counted": [label for kind in STEPS.kinds() if (label := kind.count_label(len(snapshot.items_of(kind))))],
        "standing": standing(snapshot, checklist),
        "sections": sections,
        "checklist_number": 2 + len(sections),
        "action_plan_number": 3 + len(sections),
        "sign_off_number": 4 + len(sections),
        "action_plan": action_plan_of(checklist),
        "annexes": annexes,
        "progress": snapshot.progress,
        "checklist": checklist,
        "raci": raci_by_decision(snapshot),
        "journeys": journeys(snapshot),
        "stakeholder_types": stakeholder_types(snapshot),
        "signatories": signatories(snapshot, owners),
        # Approvals given in the app (dicts of name, role, decided_at), printed in the sign-off block.
        "approvals": document.approvals,
    }


def blank_checklist_context() -> dict:
    return {"checklist": blank_checklist(), "generated_at": timezone.now()}
