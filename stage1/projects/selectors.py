"""Reads for the wizard, each with a fixed number of queries whatever the size of the lists."""

from dataclasses import dataclass, field
from functools import cached_property

from django.db.models import Count, IntegerField, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils.functional import SimpleLazyObject
from django.utils.translation import get_language

from stage1.methodology.models import MethodologyVersion, Rule, Stage, UsefulMaterial
from stage1.methodology.versions import frozen_rules
from stage1.projects.derived import cached, code_fingerprint, project_cached
from stage1.projects.models import Project
from stage1.projects.steps import STEPS, ItemKind, Status, Step, record_for, record_relations


@dataclass
class StepProgress:
    step: Step
    record: object
    counts: dict[str, int]
    rule: Rule | None = None

    # Read many times per page (each step's tag, the counts of completed steps, readiness): computed once.
    @cached_property
    def status(self) -> Status:
        return self.step.status(self.record, self.counts)

    @cached_property
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

    def of(self, step: Step) -> StepProgress:
        return next(s for s in self.steps if s.step is step)

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


def _count_annotations() -> dict:
    """Annotations of a Project query with how many items each list holds: count_<n> for the n-th kind of STEPS.kinds()."""
    # Aliased: a kind's slug may also be the name of a field of the project (a reverse relation).
    return {
        f"count_{index}": Coalesce(
            Subquery(
                kind.model.objects.filter(project=OuterRef("pk")).order_by().values("project").annotate(n=Count("pk")).values("n"),
                output_field=IntegerField(),
            ),
            Value(0),
        )
        for index, kind in enumerate(STEPS.kinds())
    }


def item_counts(project) -> dict[str, int]:
    """How many items each list of the project holds, in one query."""
    row = Project.objects.filter(pk=project.pk).values(**_count_annotations()).get()
    return {kind.slug: row[f"count_{index}"] for index, kind in enumerate(STEPS.kinds())}


def cached_item_counts(project) -> dict[str, int]:
    """item_counts() for the project's revision: no query once known."""
    return project_cached(project, "item-counts", lambda: item_counts(project))


def version_rules(version_id: int) -> list:
    """A published methodology version's rules and questions (frozen_rules), read once per process.

    A version's content never changes once published, so it is kept by its id,
    the language its texts are read in and the code's fingerprint (which
    decides the shape of what is kept).
    Versions frozen before questions had data check keys read the keys from the
    live questions: those are not kept.
    """

    def compute():
        content = MethodologyVersion.objects.values_list("content", flat=True).get(pk=version_id)
        if any("key" not in q for q in content.get("questions", [])):
            return ("live-keys", None)
        return ("frozen", frozen_rules(content))

    # Frozen texts are read in the active language (or its fallback): one entry per language.
    _how, rules = cached(f"version-rules:{version_id}:{get_language()}:{code_fingerprint()}", compute)
    return rules


def version_meta(version_id: int) -> MethodologyVersion:
    """A published version without its content (its number, stage and date), read once per process: it never changes."""
    return cached(f"version-meta:{version_id}:{code_fingerprint()}", lambda: MethodologyVersion.objects.defer("content").get(pk=version_id))


def rules_by_slug(stage_number: int = 1) -> dict[str, Rule]:
    return {rule.slug: rule for rule in Rule.objects.for_stage(stage_number)}


def rules_for(project) -> dict:
    """The rules as the project's methodology version recorded them (live rules for a project without one).

    A project follows a version of Stage 1's method; the rules of later
    stages, when an app adds their steps, are read live.
    """
    frozen = version_rules(project.methodology_version_id) if project.methodology_version_id else None
    if frozen is not None:
        rules = {rule.slug: rule for rule, _questions in frozen}
    elif project.methodology_version_id is not None:
        rules = {rule.slug: rule for rule, _questions in frozen_rules(project.methodology_version.content)}
    else:
        rules = rules_by_slug()
    for stage_number in STEPS.stages():
        if stage_number != 1:
            rules.update(rules_by_slug(stage_number))
    return rules


def _load_progress(project) -> dict:
    """Each step's record (with what it refers to) and the counts of its lists, in one query: what progress is computed from.

    A step added after the project was created may have no record yet: None.
    """
    # Every step record hangs off the project by a one-to-one relation: one row of the project carries them all.
    project_fields = {step.slug: step.model._meta.get_field("project") for step in STEPS}
    accessors = {slug: project_field.remote_field.get_accessor_name() for slug, project_field in project_fields.items()}
    joins = [f"{accessors[step.slug]}__{name}" for step in STEPS for name in record_relations(step)]
    row = Project.objects.filter(pk=project.pk).select_related(*accessors.values(), *joins).annotate(**_count_annotations()).get()
    counts = {kind.slug: getattr(row, f"count_{index}") for index, kind in enumerate(STEPS.kinds())}
    loaded = {}
    for step in STEPS:
        # A missing reverse one-to-one raises RelatedObjectDoesNotExist, an AttributeError.
        record = getattr(row, accessors[step.slug], None)
        if record is not None:
            # The project row read here is not the caller's: kept with the record it would only be copied into the cache.
            project_fields[step.slug].delete_cached_value(record)
        loaded[step.slug] = (record, {kind.slug: counts[kind.slug] for kind in step.items})
    return loaded


def _progress_loaded(project) -> dict:
    """_load_progress() as of the project's revision: read once per revision."""
    return project_cached(project, "progress", lambda: _load_progress(project))


def progress_records(project) -> dict[str, object]:
    """Each step's record as of the project's revision, by step slug (the ones progress keeps); None for a step without one."""
    return {slug: record for slug, (record, _counts) in _progress_loaded(project).items()}


def step_record(project, step: Step):
    """The step's answers as of the project's revision: from the records progress keeps per revision, or record_for."""
    record = _progress_loaded(project)[step.slug][0]
    return record if record is not None else record_for(project, step)


def project_progress(project) -> ProjectProgress:
    """The project's progress through the steps, with each step's rule; read once per revision of the project.

    Every record and item count it is computed from bumps the revision when it changes.
    """
    loaded = _progress_loaded(project)
    progress = ProjectProgress(
        [
            # A step added after the project was created has no record yet: it is not started.
            StepProgress(step, loaded[step.slug][0] or step.model(project_id=project.pk), loaded[step.slug][1])
            for step in STEPS
        ]
    )
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


def list_page_of(project, kind: ItemKind, item, *, page_size: int) -> int:
    """The page of its list on the step page that shows `item` (page_size rows a page), in the list's own order."""
    keys = list(kind.model.objects.filter(project=project).order_by(*kind.ordering).values_list("pk", flat=True))
    return keys.index(item.pk) // page_size + 1 if item.pk in keys else 1


class StepItems:
    """A step's lists, each loaded only when something reads it.

    A page whose item tables come from the derived cache never loads them;
    on a miss the whole step is loaded at once (step_items).
    """

    def __init__(self, project, step: Step):
        self.project, self.step = project, step
        self._all: dict[str, list] | None = None
        self._single: dict[str, list] = {}

    def all(self) -> dict[str, list]:
        if self._all is None:
            self._all = {kind.slug: items for kind, items in step_items(self.project, self.step)}
        return self._all

    def of(self, kind: ItemKind, *, limit: int | None = None) -> list:
        """One list alone (a short list changed in its rows), without loading the others; at most `limit` items."""
        if self._all is not None:
            return self._all[kind.slug][:limit]
        if kind.slug not in self._single:
            self._single[kind.slug] = list(kind.queryset(self.project)[:limit])
        return self._single[kind.slug]

    def lazy(self, kind: ItemKind, build=list):
        """build(items) of one list, computed on first use (a template's {% if %} or loop)."""
        return SimpleLazyObject(lambda: build(self.all()[kind.slug]))


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
