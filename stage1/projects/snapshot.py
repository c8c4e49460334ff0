"""Everything entered in a project, loaded once with a fixed number of queries.

The checklist findings and the charter read this instead of touching the
database item by item, so their cost does not grow with the lists.
"""

from dataclasses import dataclass

from stage1.projects.selectors import ProjectProgress, StepProgress
from stage1.projects.steps import STEPS, ItemKind, Step, record_for


@dataclass
class Snapshot:
    project: object
    records: dict[str, object]  # by step slug
    items: dict[str, list]  # by item kind slug
    progress: ProjectProgress

    def record(self, step: Step):
        return self.records[step.slug]

    def items_of(self, kind: ItemKind) -> list:
        return self.items[kind.slug]


def load_snapshot(project, *, records: dict | None = None) -> Snapshot:
    """records: the step records already read (progress_records()), by step slug; the others are read here."""
    known = records or {}
    records, items = {}, {}
    steps = []
    for step in STEPS:
        record = known.get(step.slug) or record_for(project, step)
        records[step.slug] = record
        counts = {}
        for kind in step.items:
            items[kind.slug] = list(kind.queryset(project))
            counts[kind.slug] = len(items[kind.slug])
        steps.append(StepProgress(step, record, counts))
    return Snapshot(project=project, records=records, items=items, progress=ProjectProgress(steps))
