"""Build everything the charter template needs, in one place, with a fixed number of queries."""

from collections import defaultdict

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from stage1.evaluation.selectors import blank_checklist, checklist_for
from stage1.methodology.models import Rule
from stage1.projects.display import answer_rows, display, field_label
from stage1.projects.models import Membership, Role
from stage1.projects.models.items import Raci
from stage1.projects.snapshot import load_snapshot
from stage1.projects.steps import STEPS
from stage1.projects.views.steps import answer_fields


def item_fields(kind) -> list[str]:
    return [name for name in kind.form_class.base_fields if name != "base_version"]


def item_blocks(kind, items) -> list[dict]:
    """Each item as a titled block of its answered fields, in form order."""
    names = item_fields(kind)
    blocks = []
    for number, item in enumerate(items, start=1):
        rows = [(field_label(kind.model, name), display(item, name)) for name in names]
        blocks.append({"number": number, "title": str(item), "rows": [(label, value) for label, value in rows if value]})
    return blocks


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


def charter_context(project) -> dict:
    snapshot = load_snapshot(project)
    checklist = checklist_for(project, snapshot=snapshot)
    rules = {rule.slug: rule for rule in Rule.objects.for_stage(1)}
    owners = [m.user for m in Membership.objects.filter(project=project, role=Role.OWNER).select_related("user").order_by("created_at")]
    sections = []
    for progress in snapshot.progress.steps:
        step = progress.step
        sections.append(
            {
                "step": step,
                "rule": rules.get(step.slug),
                "status": progress.status,
                "missing": progress.missing,
                "answers": answer_rows(progress.record, answer_fields(step)),
                "lists": [(kind, item_blocks(kind, snapshot.items[kind.slug])) for kind in step.items],
            }
        )
    final = snapshot.progress.all_complete and checklist.complete
    return {
        "project": project,
        "owners": owners,
        "owner_names": ", ".join(u.get_full_name() or u.username for u in owners),
        "generated_at": timezone.now(),
        "status": _("Ready for sign-off") if final else _("Draft"),
        "draft": not final,
        "snapshot": snapshot,
        "records": snapshot.records,
        "items": snapshot.items,
        "sections": sections,
        "by_slug": {section["step"].slug: section for section in sections},
        "checklist": checklist,
        "raci": raci_matrix(snapshot),
        "lead": snapshot.records["team"].lead,
        "objective_decision": display(snapshot.records["objective"], "decision"),
        "steps": STEPS,
    }


def blank_checklist_context() -> dict:
    return {"checklist": blank_checklist(), "generated_at": timezone.now()}
