"""Reads for the wizard, each with a fixed number of queries whatever the size of the lists."""

from dataclasses import dataclass, field

from django.db.models import Count

from stage1.methodology.models import Rule, Stage, UsefulMaterial
from stage1.methodology.versions import frozen_rules
from stage1.projects.steps import STEPS, ItemKind, Status, Step


@dataclass
class StepProgress:
    step: Step
    record: object
    counts: dict[str, int]
    rule: Rule | None = None

    @property
    def status(self) -> Status:
        return self.step.status(self.record, self.counts)

    @property
    def missing(self) -> list[str]:
        return self.step.missing(self.record, self.counts)


@dataclass
class StageProgress:
    number: int
    steps: list[StepProgress]
    # The stage's title in the methodology, for stages after the first; Stage 1's heading is the page's own.
    title: str = ""


@dataclass
class ProjectProgress:
    steps: list[StepProgress] = field(default_factory=list)
    stage_titles: dict[int, str] = field(default_factory=dict)

    @property
    def stages(self) -> list[StageProgress]:
        """The steps grouped by stage of the guide, in order (one group while only Stage 1 is installed)."""
        numbers = sorted({s.step.stage for s in self.steps})
        return [
            StageProgress(number, [s for s in self.steps if s.step.stage == number], self.stage_titles.get(number, ""))
            for number in numbers
        ]

    @property
    def completed(self) -> int:
        return sum(1 for s in self.steps if s.status is Status.COMPLETED)

    @property
    def total(self) -> int:
        return len(self.steps)

    @property
    def all_complete(self) -> bool:
        return self.completed == self.total


def progress_for_projects(projects) -> dict[int, ProjectProgress]:
    """Progress of many projects: one query per step and per item kind, not per project."""
    ids = [p.pk for p in projects]
    records = {step.slug: {r.project_id: r for r in step.model.objects.filter(project_id__in=ids)} for step in STEPS}
    counts: dict[str, dict[int, int]] = {}
    for step in STEPS:
        for kind in step.items:
            rows = kind.model.objects.filter(project_id__in=ids).values("project_id").annotate(n=Count("id"))
            counts[kind.slug] = {row["project_id"]: row["n"] for row in rows}
    result = {}
    for pid in ids:
        result[pid] = ProjectProgress(
            [
                StepProgress(
                    step,
                    # A step added after the project was created has no record yet: it is not started.
                    records[step.slug].get(pid) or step.model(project_id=pid),
                    {kind.slug: counts[kind.slug].get(pid, 0) for kind in step.items},
                )
                for step in STEPS
            ]
        )
    return result


def rules_by_slug(stage_number: int = 1) -> dict[str, Rule]:
    return {rule.slug: rule for rule in Rule.objects.for_stage(stage_number)}


def rules_for(project) -> dict:
    """The rules as the project's methodology version recorded them (live rules for a project without one).

    A project follows a version of Stage 1's method; the rules of later
    stages, when an app adds their steps, are read live.
    """
    if project.methodology_version_id is None:
        rules = rules_by_slug()
    else:
        rules = {rule.slug: rule for rule, _questions in frozen_rules(project.methodology_version.content)}
    for stage_number in STEPS.stages():
        if stage_number != 1:
            rules.update(rules_by_slug(stage_number))
    return rules


def project_progress(project) -> ProjectProgress:
    progress = progress_for_projects([project])[project.pk]
    rules = rules_for(project)
    for item in progress.steps:
        item.rule = rules.get(item.step.slug)
    later = [number for number in STEPS.stages() if number != 1]
    if later:
        progress.stage_titles = dict(Stage.objects.filter(number__in=later).values_list("number", "title"))
    return progress


def step_items(project, step: Step) -> list[tuple[ItemKind, list]]:
    """Every item of a step, each list loaded with its references in a fixed number of queries.

    A reference to an item listed earlier on the same step (a RACI row's
    decision and stakeholder) is attached from that list instead of being
    loaded again with a join: long lists then build half as many objects.
    """
    loaded: dict[type, dict] = {}
    result = []
    for kind in step.items:
        references = {name: kind.model._meta.get_field(name) for name in kind.select_related}
        reuse = {name: ref for name, ref in references.items() if ref.related_model in loaded}
        items = list(kind.queryset(project, already_loaded=reuse))
        for ref in reuse.values():
            by_pk = loaded[ref.related_model]
            for item in items:
                ref.set_cached_value(item, by_pk.get(getattr(item, ref.attname)))
        loaded[kind.model] = {item.pk: item for item in items}
        result.append((kind, items))
    return result


@dataclass
class StepGuidance:
    rule: object  # a Rule, or the FrozenRule of the project's methodology version
    actions: list[str]
    materials: list


def guidance_for_step(project, step: Step) -> StepGuidance | None:
    """The rule's guidance and actions as the project's version has them; useful material is always current."""
    materials = list(UsefulMaterial.objects.filter(stage__number=step.stage, rules__slug=step.slug).order_by("order", "name"))
    if project.methodology_version_id is not None and step.stage == 1:
        rule = rules_for(project).get(step.slug)
        return StepGuidance(rule, list(rule.actions), materials) if rule else None
    rule = Rule.objects.for_stage(step.stage).filter(slug=step.slug).prefetch_related("actions").first()
    if rule is None:
        return None
    return StepGuidance(rule, [action.text for action in rule.actions.all()], materials)
