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

from stage1.charter.tables import register_table
from stage1.evaluation.selectors import blank_checklist, checklist_for
from stage1.projects.display import answer_rows
from stage1.projects.models import Membership, Role
from stage1.projects.models.items import Raci, StakeholderType
from stage1.projects.snapshot import load_snapshot
from stage1.projects.steps import DECISION, JOURNEY_STEP, RACI, STAKEHOLDER, STEPS, TEAM, USER_PATH, ItemKind


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
            sections.append(
                Section(first_number + len(sections), declared.anchor, declared.title, answer_rows(record, declared.fields), blocks)
            )
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


def raci_matrix(snapshot) -> dict:
    """Rows: stakeholders with a RACI role; columns: key decisions."""
    decisions = snapshot.items_of(DECISION)
    cells = defaultdict(dict)
    for row in snapshot.items_of(RACI):
        cells[row.stakeholder_id][row.decision_id] = row.responsibility
    stakeholders = [s for s in snapshot.items_of(STAKEHOLDER) if s.pk in cells]
    return {
        "decisions": decisions,
        "rows": [(s, [cells[s.pk].get(d.pk, "") for d in decisions]) for s in stakeholders],
        "legend": Raci.choices,
    }


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


def charter_context(project) -> dict:
    snapshot = load_snapshot(project)
    checklist = checklist_for(project, snapshot=snapshot)
    owners = [m.user for m in Membership.objects.filter(project=project, role=Role.OWNER).select_related("user").order_by("created_at")]
    annexes = annexes_for(snapshot)
    # Section 1 is the executive summary; the steps' sections follow (2, 3, …), then the checklist and the sign-off.
    sections = sections_for(snapshot, annexes, first_number=2)
    final = snapshot.progress.all_complete and checklist.complete
    sponsor = next((s for s in snapshot.items_of(STAKEHOLDER) if s.kind == StakeholderType.POLITICAL), None)
    return {
        "project": project,
        "owners": owners,
        "owner_names": ", ".join(u.get_full_name() or u.username for u in owners),
        "generated_at": timezone.now(),
        "status": _("Ready for sign-off") if final else _("Draft"),
        "draft": not final,
        "summary": summary_rows(snapshot),
        "counted": [label for kind in STEPS.kinds() if (label := kind.count_label(len(snapshot.items_of(kind))))],
        "standing": standing(snapshot, checklist),
        "sections": sections,
        "checklist_number": 2 + len(sections),
        "sign_off_number": 3 + len(sections),
        "annexes": annexes,
        "progress": snapshot.progress,
        "checklist": checklist,
        "raci": raci_matrix(snapshot),
        "journeys": journeys(snapshot),
        "stakeholder_types": stakeholder_types(snapshot),
        "lead": snapshot.record(TEAM).lead,
        "sponsor": sponsor,
    }


def blank_checklist_context() -> dict:
    return {"checklist": blank_checklist(), "generated_at": timezone.now()}
