"""Build everything the charter template needs, in one place, with a fixed number of queries."""

from collections import Counter, defaultdict

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from stage1.charter.tables import register_table
from stage1.evaluation.selectors import blank_checklist, checklist_for
from stage1.projects.display import answer_rows, display
from stage1.projects.models import Membership, Role
from stage1.projects.models.items import Raci, StakeholderType
from stage1.projects.snapshot import load_snapshot
from stage1.projects.steps import STEPS, get_step

# Registers printed in full as annexes, on landscape pages: (letter, step slug, item kind slug).
ANNEXES = (
    ("A", "stakeholders", "stakeholder"),
    ("B", "team", "team-member"),
    ("C", "steps", "milestone"),
    ("D", "interoperability", "interop-point"),
)


def raci_matrix(snapshot) -> dict:
    """Rows: stakeholders with a RACI role; columns: key decisions."""
    decisions = snapshot.items["decision"]
    cells = defaultdict(dict)
    for row in snapshot.items["raci"]:
        cells[row.stakeholder_id][row.decision_id] = row.responsibility
    stakeholders = [s for s in snapshot.items["stakeholder"] if s.pk in cells]
    return {
        "decisions": decisions,
        "rows": [(s, [cells[s.pk].get(d.pk, "") for d in decisions]) for s in stakeholders],
        "legend": Raci.choices,
    }


def journeys(snapshot) -> list[dict]:
    """Each user path with its journey steps in order."""
    steps = defaultdict(list)
    for step in snapshot.items["journey-step"]:
        steps[step.path_id].append(step)
    return [{"path": path, "steps": steps.get(path.pk, [])} for path in snapshot.items["user-path"]]


def stakeholder_types(snapshot) -> list[tuple[str, int]]:
    counts = Counter(s.kind for s in snapshot.items["stakeholder"])
    return [(label, counts[value]) for value, label in StakeholderType.choices if counts[value]]


def _kind(step_slug: str, kind_slug: str):
    return get_step(step_slug).item(kind_slug)


def charter_context(project) -> dict:
    snapshot = load_snapshot(project)
    checklist = checklist_for(project, snapshot=snapshot)
    owners = [m.user for m in Membership.objects.filter(project=project, role=Role.OWNER).select_related("user").order_by("created_at")]
    sections = {}
    for progress in snapshot.progress.steps:
        step = progress.step
        sections[step.slug] = {"step": step, "answers": answer_rows(progress.record, step.fields)}
    # Template lookups cannot contain hyphens: "team-member" becomes "team_member".
    tables = {
        kind.slug.replace("-", "_"): register_table(kind, snapshot.items[kind.slug])
        for step in STEPS
        for kind in step.items
        if kind.slug not in ("raci", "journey-step", "user-path")
    }
    annexes = [
        {
            "letter": letter,
            "kind": _kind(step_slug, kind_slug),
            "table": tables[kind_slug.replace("-", "_")],
            "count": len(snapshot.items[kind_slug]),
        }
        for letter, step_slug, kind_slug in ANNEXES
    ]
    final = snapshot.progress.all_complete and checklist.complete
    sponsor = next((s for s in snapshot.items["stakeholder"] if s.kind == StakeholderType.POLITICAL), None)
    return {
        "project": project,
        "owners": owners,
        "owner_names": ", ".join(u.get_full_name() or u.username for u in owners),
        "generated_at": timezone.now(),
        "status": _("Ready for sign-off") if final else _("Draft"),
        "draft": not final,
        "records": snapshot.records,
        "items": snapshot.items,
        "sections": sections,
        "users": sections["user-paths"],
        "progress": snapshot.progress,
        "tables": tables,
        "annexes": annexes,
        "annex_by_kind": {annex["kind"].slug.replace("-", "_"): annex for annex in annexes},
        "counts": {slug.replace("-", "_"): len(items) for slug, items in snapshot.items.items()},
        "checklist": checklist,
        "raci": raci_matrix(snapshot),
        "journeys": journeys(snapshot),
        "stakeholder_types": stakeholder_types(snapshot),
        "lead": snapshot.records["team"].lead,
        "sponsor": sponsor,
        "objective_decision": display(snapshot.records["objective"], "decision"),
    }


def blank_checklist_context() -> dict:
    return {"checklist": blank_checklist(), "generated_at": timezone.now()}
