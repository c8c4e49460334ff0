"""A project as one JSON document (format stage1.project, version 2; see docs/export-format.md).

The document depends only on what the team entered, never on database ids or
timestamps (apart from exported_at), and lists come in the wizard's order, so
exporting an imported copy gives the same document again.
"""

import json
from datetime import date

from django.utils import timezone

from stage1.evaluation.models import Answer
from stage1.exchange.fields import FORMAT, VERSION, Field, item_fields, local_id, step_fields
from stage1.projects.models import Project, TeamMember
from stage1.projects.steps import STEPS, record_for

# (model, primary key) -> the item's local id in this export.
References = dict[tuple[type, int], str]


def project_export(project: Project) -> dict:
    """The whole project as plain JSON-ready data."""
    lists = {kind.slug: list(kind.queryset(project)) for step in STEPS for kind in step.items}
    refs: References = {}
    order: dict[str, int] = {}
    for step in STEPS:
        for kind in step.items:
            for n, item in enumerate(lists[kind.slug], 1):
                refs[(kind.model, item.pk)] = local_id(kind.slug, n)
                order[local_id(kind.slug, n)] = n
    items = {}
    for step in STEPS:
        for kind in step.items:
            items[kind.slug] = [
                {"id": refs[(kind.model, item.pk)], **_values(item, item_fields(kind), refs, order)} for item in lists[kind.slug]
            ]
    return {
        "format": FORMAT,
        "version": VERSION,
        "exported_at": timezone.now().replace(microsecond=0).isoformat(),
        "project": {
            "title": project.title,
            "organisation": project.organisation,
            "description": project.description,
            "language": project.language,
        },
        "steps": {step.slug: _values(record_for(project, step), step_fields(step), refs, order) for step in STEPS},
        "items": items,
        "answers": _answers(project, refs),
    }


def export_json(project: Project) -> str:
    return json.dumps(project_export(project), ensure_ascii=False, indent=2) + "\n"


def _values(obj, fields: tuple[Field, ...], refs: References, order: dict[str, int]) -> dict:
    values = {}
    for field in fields:
        model_field = field.model_field
        if field.many:
            # Sorted by place in the list, not by database id, so a copy exports the same.
            targets = [refs[(model_field.related_model, target.pk)] for target in getattr(obj, field.name).all()]
            values[field.name] = sorted(targets, key=order.__getitem__)
        elif field.target:
            pk = getattr(obj, model_field.attname)
            values[field.name] = refs[(model_field.related_model, pk)] if pk is not None else None
        else:
            value = getattr(obj, field.name)
            values[field.name] = value.isoformat() if isinstance(value, date) else value
    return values


def _answers(project: Project, refs: References) -> list[dict]:
    """Each answer with what follows from it: its actions, an accepted risk, the reason it stands against the data."""
    answers = (
        Answer.objects.filter(project=project)
        .select_related("question__rule")
        .prefetch_related("actions")
        .order_by("question__rule__stage__number", "question__rule__number", "question__order", "question__id")
    )
    return [
        {
            "rule": answer.question.rule.slug,
            "question": answer.question.text,
            "question_order": answer.question.order,
            "choice": answer.choice,
            "evidence": answer.evidence,
            "risk_accepted_because": answer.risk_accepted_because,
            "risk_accepted_by": answer.risk_accepted_by,
            # A reason holds only for the answer it was given for.
            "kept_against_the_data_because": (
                answer.contradiction_dismissed_because if answer.contradiction_dismissed_for == answer.choice else ""
            ),
            "actions": [
                {
                    "description": action.description,
                    "owner": refs[(TeamMember, action.owner_id)] if action.owner_id else None,
                    "due_on": action.due_on.isoformat() if action.due_on else None,
                    "done_on": action.done_on.isoformat() if action.done_on else None,
                }
                for action in sorted(answer.actions.all(), key=lambda a: (a.due_on or date.max, a.pk))
            ],
        }
        for answer in answers
    ]
