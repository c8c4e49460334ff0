"""The one ordered registry of wizard steps and their repeatable items.

Everything that walks the wizard (task list, step pages, item pages, check
your answers, progress, history, findings, the charter, the JSON and CSV
exports) reads this registry; adding or reordering a step is one entry in
STEPS, and nothing else names a step or an item kind by hand. A step's slug
is also its golden rule's slug in the methodology, which supplies the
title, guidance and evaluation questions. Each step says how it prints in
the charter (CharterSection); each item kind says how its list prints
(charter_template) and whether it is a register (annex and CSV).

docs/architecture.md has the recipes: add an item kind, add a step.
"""

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from enum import Enum

from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from stage1.projects import forms
from stage1.projects import models as project_models


def user_fields(form_class) -> tuple[str, ...]:
    """The fields a person fills in a wizard form, in form order (not the hidden base_version)."""
    return tuple(name for name in form_class.base_fields if name != "base_version")


@dataclass(frozen=True)
class ItemKind:
    slug: str
    model: type[models.Model]
    form_class: type[forms.ItemForm]
    columns: tuple[str, ...]
    select_related: tuple[str, ...] = ()
    prefetch_related: tuple[str, ...] = ()
    ordering: tuple[str, ...] = ("position", "id")
    hint: str = ""
    # The full "Add a …" sentence: articles differ per word and per language.
    add_label: str = ""
    # Fields whose value groups positions, e.g. journey steps are numbered per path.
    position_scope: tuple[str, ...] = ()
    # How the list prints in its step's charter section: a template given the
    # kind, its items and its annex; "charter/items/table.html" prints every field.
    charter_template: str = "charter/items/table.html"
    # A register is printed in full on a landscape annex of the charter and
    # can be downloaded as a CSV file.
    register: bool = False
    # Registers that a CSV file can add to (lists without cross-references).
    csv_import: bool = False
    # "3 stakeholders" in the charter's executive summary; None: not counted there.
    counted: Promise | None = None

    def count_label(self, count: int) -> str:
        return self.counted % {"count": count} if self.counted is not None else ""

    @property
    def label(self) -> str:
        return self.model._meta.verbose_name

    @property
    def fields(self) -> tuple[str, ...]:
        return user_fields(self.form_class)

    @property
    def label_plural(self) -> str:
        return self.model._meta.verbose_name_plural

    def queryset(self, project, *, already_loaded=()):
        """The project's items in order, with their references; those in `already_loaded` are attached by the caller."""
        # updated_at is never shown in lists; not loading it spares a conversion per row.
        qs = self.model.objects.filter(project=project).order_by(*self.ordering).defer("updated_at")
        related = [name for name in self.select_related if name not in already_loaded]
        if related:
            qs = qs.select_related(*related)
        if self.prefetch_related:
            qs = qs.prefetch_related(*self.prefetch_related)
        return qs


class Status(Enum):
    NOT_STARTED = "not_started"
    IN_PROGRESS = "in_progress"
    COMPLETED = "completed"

    @property
    def label(self) -> str:
        return {
            Status.NOT_STARTED: _("Not started"),
            Status.IN_PROGRESS: _("In progress"),
            Status.COMPLETED: _("Completed"),
        }[self]


@dataclass(frozen=True)
class CharterSection:
    """A numbered section of the charter: some of a step's answers, then some of its lists."""

    anchor: str
    title: str
    fields: tuple[str, ...] = ()
    items: tuple[str, ...] = ()  # item kind slugs, printed as each kind declares


# eq=False: a step is one entry of the registry, equal only to itself, and
# hashable (findings and caches key on it) although it holds a dict.
@dataclass(frozen=True, eq=False)
class Step:
    slug: str
    title: str
    model: type[models.Model]
    form_class: type[forms.StepForm]
    items: tuple[ItemKind, ...] = ()
    required_fields: tuple[str, ...] = ()
    # Item kind slug -> how many the step needs before it can be complete.
    required_items: dict[str, int] = field(default_factory=dict)
    template: str = "projects/step.html"
    # How the step prints in the charter. None: one section titled like the
    # step, with every answer and every list. Every answer and list must be
    # in exactly one section (a test checks it), so a new field cannot vanish.
    charter: tuple[CharterSection, ...] | None = None
    # Answers quoted in the charter's executive summary, in this order, as
    # (field, the short label the summary prints before it).
    summary: tuple[tuple[str, str], ...] = ()

    @property
    def fields(self) -> tuple[str, ...]:
        return user_fields(self.form_class)

    @property
    def charter_sections(self) -> tuple[CharterSection, ...]:
        if self.charter is not None:
            return self.charter
        return (CharterSection(self.slug, self.title, self.fields, tuple(kind.slug for kind in self.items)),)

    def item(self, slug: str) -> ItemKind | None:
        return next((kind for kind in self.items if kind.slug == slug), None)

    def missing(self, record, counts: dict[str, int]) -> list[str]:
        """What still stops the step being complete, in words for the user."""
        gaps = []
        for name in self.required_fields:
            model_field = self.model._meta.get_field(name)
            # attname reads a foreign key's id without a query.
            if getattr(record, model_field.attname) in ("", None):
                gaps.append(_("Answer “%(question)s”") % {"question": model_field.verbose_name})
        for slug, minimum in self.required_items.items():
            if counts.get(slug, 0) < minimum:
                gaps.append(_("Add at least one %(item)s") % {"item": self.item(slug).label})
        return gaps

    def status(self, record, counts: dict[str, int]) -> Status:
        touched = record.version > 1 or any(counts.get(kind.slug, 0) for kind in self.items)
        if not touched:
            return Status.NOT_STARTED
        return Status.IN_PROGRESS if self.missing(record, counts) else Status.COMPLETED


INDICATOR = ItemKind(
    "indicator",
    project_models.SuccessIndicator,
    forms.SuccessIndicatorForm,
    ("indicator", "baseline", "target", "target_date"),
    add_label=_("Add a success indicator"),
)
MILESTONE = ItemKind(
    "milestone",
    project_models.Milestone,
    forms.MilestoneForm,
    ("name", "owner", "target_date", "deliverable", "depends_on", "review_gate"),
    select_related=("owner_member", "owner_stakeholder"),
    prefetch_related=("depends_on",),
    add_label=_("Add a milestone"),
    charter_template="charter/items/milestone.html",
    register=True,
    counted=ngettext_lazy("%(count)s milestone", "%(count)s milestones", "count"),
)
STAKEHOLDER = ItemKind(
    "stakeholder",
    project_models.Stakeholder,
    forms.StakeholderForm,
    ("name", "organisation", "kind", "interest", "influence", "contact_point"),
    add_label=_("Add a stakeholder"),
    charter_template="charter/items/stakeholder.html",
    register=True,
    csv_import=True,
    counted=ngettext_lazy("%(count)s stakeholder", "%(count)s stakeholders", "count"),
)
DECISION = ItemKind(
    "decision", project_models.KeyDecision, forms.KeyDecisionForm, ("decision", "due_date"), add_label=_("Add a key decision")
)
RACI = ItemKind(
    "raci",
    project_models.RaciAssignment,
    forms.RaciAssignmentForm,
    ("decision", "stakeholder", "responsibility"),
    select_related=("decision", "stakeholder"),
    ordering=("decision__position", "decision__id", "stakeholder__position", "stakeholder__id"),
    hint=_("For each key decision, who is Responsible, Accountable, Consulted or Informed. Each decision has one Accountable."),
    add_label=_("Add a RACI assignment"),
    charter_template="charter/items/raci.html",
)
TEAM_MEMBER = ItemKind(
    "team-member",
    project_models.TeamMember,
    forms.TeamMemberForm,
    ("name", "role", "organisation", "allocation", "start_date", "end_date"),
    select_related=("organisation",),
    add_label=_("Add a team member"),
    charter_template="charter/items/in_annex.html",
    register=True,
    counted=ngettext_lazy("%(count)s team member", "%(count)s team members", "count"),
)
INTEROP_POINT = ItemKind(
    "interop-point",
    project_models.InteropPoint,
    forms.InteropPointForm,
    ("partner", "data_exchanged", "direction", "eif_layer", "legal_basis", "agreement_status", "owner"),
    select_related=("partner", "owner"),
    add_label=_("Add an interoperability point"),
    charter_template="charter/items/in_annex.html",
    register=True,
    counted=ngettext_lazy("%(count)s interoperability point", "%(count)s interoperability points", "count"),
)
USER_GROUP = ItemKind(
    "user-group",
    project_models.UserGroup,
    forms.UserGroupForm,
    ("name", "staff", "size", "exclusion_risk"),
    add_label=_("Add a user group"),
)
RESEARCH = ItemKind(
    "research",
    project_models.ResearchActivity,
    forms.ResearchActivityForm,
    ("method", "held_on", "participants", "findings"),
    add_label=_("Add a research activity"),
)
USER_PATH = ItemKind(
    "user-path",
    project_models.UserPath,
    forms.UserPathForm,
    ("name", "user_group"),
    select_related=("user_group",),
    add_label=_("Add a user path"),
    # Printed with its journey steps, as one numbered journey per path.
    charter_template="charter/items/journeys.html",
    counted=ngettext_lazy("%(count)s user path", "%(count)s user paths", "count"),
)
JOURNEY_STEP = ItemKind(
    "journey-step",
    project_models.JourneyStep,
    forms.JourneyStepForm,
    ("path", "description", "channel", "pain_point"),
    select_related=("path",),
    ordering=("path__position", "path__id", "position", "id"),
    hint=_("The steps of each user path in order, from before the service to after it."),
    add_label=_("Add a journey step"),
    position_scope=("path",),
    # Printed inside its path by the user paths' template.
    charter_template="",
)


NEED = Step(
    "need",
    _("The need"),
    project_models.NeedStep,
    forms.step_form_for(project_models.NeedStep),
    required_fields=("problem", "affected", "evidence", "current_workarounds"),
    summary=(("problem", _("The problem")),),
)
OBJECTIVE = Step(
    "objective",
    _("The objective"),
    project_models.ObjectiveStep,
    forms.step_form_for(project_models.ObjectiveStep),
    items=(INDICATOR,),
    required_fields=("vision", "strategic_objectives", "first_results", "concept_name", "concept_offer"),
    required_items={"indicator": 1},
    charter=(
        CharterSection(
            "objective",
            _("Objectives and indicators"),
            ("vision", "strategic_objectives", "strategy_alignment", "first_results"),
            ("indicator",),
        ),
        CharterSection(
            "concept",
            _("Service concept and scope"),
            ("concept_name", "concept_offer", "concept_users", "concept_channels", "decision", "decided_by", "decided_on"),
        ),
    ),
    summary=(
        ("vision", _("Vision")),
        ("concept_name", _("The service")),
        ("concept_offer", _("What it offers")),
        ("decision", _("Go / no-go decision")),
    ),
)
PLAN = Step(
    "steps",
    _("The steps"),
    project_models.PlanStep,
    forms.step_form_for(project_models.PlanStep),
    items=(MILESTONE,),
    required_fields=("phases", "funding_source"),
    required_items={"milestone": 1},
    charter=(CharterSection("steps", _("Steps and milestones"), ("phases", "building_blocks", "funding_source"), ("milestone",)),),
)
STAKEHOLDERS = Step(
    "stakeholders",
    _("The stakeholders"),
    project_models.StakeholderStep,
    forms.step_form_for(project_models.StakeholderStep),
    items=(STAKEHOLDER, DECISION, RACI),
    required_fields=("engagement_approach",),
    required_items={"stakeholder": 1, "decision": 1, "raci": 1},
    charter=(CharterSection("stakeholders", _("Stakeholders and RACI"), ("engagement_approach",), ("stakeholder", "decision", "raci")),),
)
TEAM = Step(
    "team",
    _("The team"),
    project_models.TeamStep,
    forms.TeamStepForm,
    items=(TEAM_MEMBER,),
    required_fields=("lead", "governance"),
    required_items={"team-member": 1},
    charter=(CharterSection("team", _("Team and governance"), ("lead", "governance", "meeting_rhythm"), ("team-member",)),),
)
INTEROPERABILITY = Step(
    "interoperability",
    _("Interoperability points"),
    project_models.InteropStep,
    forms.step_form_for(project_models.InteropStep),
    items=(INTEROP_POINT,),
    required_fields=("approach",),
    required_items={"interop-point": 1},
)
USER_PATHS = Step(
    "user-paths",
    _("Users and user paths"),
    project_models.UserPathStep,
    forms.step_form_for(project_models.UserPathStep),
    items=(USER_GROUP, RESEARCH, USER_PATH, JOURNEY_STEP),
    required_fields=("involvement",),
    required_items={"user-group": 1, "research": 1, "user-path": 1, "journey-step": 1},
)


class StepRegistry(Sequence):
    """The steps in wizard order. Modules import the one instance, STEPS, and read it at call time."""

    def __init__(self, steps: tuple[Step, ...]):
        self._set(steps)

    def _set(self, steps: tuple[Step, ...]) -> None:
        slugs = [step.slug for step in steps]
        kinds = [kind.slug for step in steps for kind in step.items]
        if len(set(slugs)) != len(slugs) or len(set(kinds)) != len(kinds):
            raise ValueError("Step and item kind slugs must be unique.")
        self._steps = steps
        self._by_slug = {step.slug: step for step in steps}
        self._kinds = {kind.slug: kind for step in steps for kind in step.items}
        self._step_of_kind = {kind.slug: step for step in steps for kind in step.items}

    def __getitem__(self, index):
        return self._steps[index]

    def __len__(self) -> int:
        return len(self._steps)

    def __iter__(self) -> Iterator[Step]:
        return iter(self._steps)

    @property
    def key(self) -> tuple:
        """What the registry holds, by slug: caches of what is derived from it (the JSON schema) key on this."""
        return tuple((step.slug, tuple(kind.slug for kind in step.items)) for step in self._steps)

    def get(self, slug: str) -> Step | None:
        return self._by_slug.get(slug)

    def kinds(self) -> tuple[ItemKind, ...]:
        return tuple(self._kinds.values())

    def kind(self, slug: str) -> ItemKind | None:
        return self._kinds.get(slug)

    def step_of(self, kind: ItemKind) -> Step:
        return self._step_of_kind[kind.slug]

    def registers(self) -> tuple[ItemKind, ...]:
        """Item kinds printed as annexes and downloadable as CSV, in wizard order."""
        return tuple(kind for kind in self._kinds.values() if kind.register)

    @contextmanager
    def extended_with(self, *steps: Step):
        """Add steps at the end for the duration of a block: how tests prove a new step needs no other change."""
        saved = self._steps
        self._set(saved + steps)
        try:
            yield self
        finally:
            self._set(saved)


STEPS = StepRegistry((NEED, OBJECTIVE, PLAN, STAKEHOLDERS, TEAM, INTEROPERABILITY, USER_PATHS))


def get_step(slug: str) -> Step | None:
    return STEPS.get(slug)


def next_step(step: Step) -> Step | None:
    index = STEPS.index(step)
    return STEPS[index + 1] if index + 1 < len(STEPS) else None


def record_for(project, step: Step):
    """The step's own answers, created empty the first time anything asks for them.

    Records are made on demand, not only when a project is created, so a step
    added to the registry later works at once for every existing project.
    """
    relations = _record_relations(step)
    record = step.model.objects.select_related(*relations).filter(project=project).first()
    if record is None:
        # get_or_create: two first visits at the same moment make one row.
        record, _created = step.model.objects.get_or_create(project=project)
    return record


def ensure_step_records(project) -> None:
    """Create the records of every step the project does not have yet; a new project gets them all at once."""
    for step in STEPS:
        step.model.objects.get_or_create(project=project)


def _record_relations(step: Step) -> tuple[str, ...]:
    return tuple(
        fld.name
        for fld in step.model._meta.get_fields()
        if isinstance(fld, models.ForeignKey) and fld.name not in ("project", "updated_by")
    )
