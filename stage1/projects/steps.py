"""The one ordered registry of wizard steps and their repeatable items.

Everything that walks the wizard (task list, step pages, item pages, check
your answers, progress) reads this registry; adding or reordering a step is
one entry in STEPS. A step's slug is also its golden rule's slug in the
methodology, which supplies the title, guidance and material.
"""

from dataclasses import dataclass, field
from enum import Enum

from django.db import models
from django.utils.translation import gettext_lazy as _

from stage1.projects import forms as f
from stage1.projects import models as m


def user_fields(form_class) -> tuple[str, ...]:
    """The fields a person fills in a wizard form, in form order (not the hidden base_version)."""
    return tuple(name for name in form_class.base_fields if name != "base_version")


@dataclass(frozen=True)
class ItemKind:
    slug: str
    model: type[models.Model]
    form_class: type[f.ItemForm]
    columns: tuple[str, ...]
    select_related: tuple[str, ...] = ()
    prefetch_related: tuple[str, ...] = ()
    ordering: tuple[str, ...] = ("position", "id")
    hint: str = ""
    # The full "Add a …" sentence: articles differ per word and per language.
    add_label: str = ""
    # Fields whose value groups positions, e.g. journey steps are numbered per path.
    position_scope: tuple[str, ...] = ()

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
class Step:
    slug: str
    title: str
    model: type[models.Model]
    form_class: type[f.StepForm]
    items: tuple[ItemKind, ...] = ()
    required_fields: tuple[str, ...] = ()
    # Item kind slug -> how many the step needs before it can be complete.
    required_items: dict[str, int] = field(default_factory=dict)
    template: str = "projects/step.html"

    @property
    def fields(self) -> tuple[str, ...]:
        return user_fields(self.form_class)

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
    m.SuccessIndicator,
    f.SuccessIndicatorForm,
    ("indicator", "baseline", "target", "target_date"),
    add_label=_("Add a success indicator"),
)
MILESTONE = ItemKind(
    "milestone",
    m.Milestone,
    f.MilestoneForm,
    ("name", "owner", "target_date", "deliverable", "depends_on", "review_gate"),
    select_related=("owner_member", "owner_stakeholder"),
    prefetch_related=("depends_on",),
    add_label=_("Add a milestone"),
)
STAKEHOLDER = ItemKind(
    "stakeholder",
    m.Stakeholder,
    f.StakeholderForm,
    ("name", "organisation", "kind", "interest", "influence", "contact_point"),
    add_label=_("Add a stakeholder"),
)
DECISION = ItemKind("decision", m.KeyDecision, f.KeyDecisionForm, ("decision", "due_date"), add_label=_("Add a key decision"))
RACI = ItemKind(
    "raci",
    m.RaciAssignment,
    f.RaciAssignmentForm,
    ("decision", "stakeholder", "responsibility"),
    select_related=("decision", "stakeholder"),
    ordering=("decision__position", "decision__id", "stakeholder__position", "stakeholder__id"),
    hint=_("For each key decision, who is Responsible, Accountable, Consulted or Informed. Each decision has one Accountable."),
    add_label=_("Add a RACI assignment"),
)
TEAM_MEMBER = ItemKind(
    "team-member",
    m.TeamMember,
    f.TeamMemberForm,
    ("name", "role", "organisation", "allocation", "start_date", "end_date"),
    select_related=("organisation",),
    add_label=_("Add a team member"),
)
INTEROP_POINT = ItemKind(
    "interop-point",
    m.InteropPoint,
    f.InteropPointForm,
    ("partner", "data_exchanged", "direction", "eif_layer", "legal_basis", "agreement_status", "owner"),
    select_related=("partner", "owner"),
    add_label=_("Add an interoperability point"),
)
USER_GROUP = ItemKind(
    "user-group", m.UserGroup, f.UserGroupForm, ("name", "staff", "size", "exclusion_risk"), add_label=_("Add a user group")
)
RESEARCH = ItemKind(
    "research",
    m.ResearchActivity,
    f.ResearchActivityForm,
    ("method", "held_on", "participants", "findings"),
    add_label=_("Add a research activity"),
)
USER_PATH = ItemKind(
    "user-path", m.UserPath, f.UserPathForm, ("name", "user_group"), select_related=("user_group",), add_label=_("Add a user path")
)
JOURNEY_STEP = ItemKind(
    "journey-step",
    m.JourneyStep,
    f.JourneyStepForm,
    ("path", "description", "channel", "pain_point"),
    select_related=("path",),
    ordering=("path__position", "path__id", "position", "id"),
    hint=_("The steps of each user path in order, from before the service to after it."),
    add_label=_("Add a journey step"),
    position_scope=("path",),
)


STEPS: tuple[Step, ...] = (
    Step(
        "need",
        _("The need"),
        m.NeedStep,
        f.step_form_for(m.NeedStep),
        required_fields=("problem", "affected", "evidence", "current_workarounds"),
    ),
    Step(
        "objective",
        _("The objective"),
        m.ObjectiveStep,
        f.step_form_for(m.ObjectiveStep),
        items=(INDICATOR,),
        required_fields=("vision", "strategic_objectives", "first_results", "concept_name", "concept_offer"),
        required_items={"indicator": 1},
    ),
    Step(
        "steps",
        _("The steps"),
        m.PlanStep,
        f.step_form_for(m.PlanStep),
        items=(MILESTONE,),
        required_fields=("phases", "funding_source"),
        required_items={"milestone": 1},
    ),
    Step(
        "stakeholders",
        _("The stakeholders"),
        m.StakeholderStep,
        f.step_form_for(m.StakeholderStep),
        items=(STAKEHOLDER, DECISION, RACI),
        required_fields=("engagement_approach",),
        required_items={"stakeholder": 1, "decision": 1, "raci": 1},
    ),
    Step(
        "team",
        _("The team"),
        m.TeamStep,
        f.TeamStepForm,
        items=(TEAM_MEMBER,),
        required_fields=("lead", "governance"),
        required_items={"team-member": 1},
    ),
    Step(
        "interoperability",
        _("Interoperability points"),
        m.InteropStep,
        f.step_form_for(m.InteropStep),
        items=(INTEROP_POINT,),
        required_fields=("approach",),
        required_items={"interop-point": 1},
    ),
    Step(
        "user-paths",
        _("Users and user paths"),
        m.UserPathStep,
        f.step_form_for(m.UserPathStep),
        items=(USER_GROUP, RESEARCH, USER_PATH, JOURNEY_STEP),
        required_fields=("involvement",),
        required_items={"user-group": 1, "research": 1, "user-path": 1, "journey-step": 1},
    ),
)

STEPS_BY_SLUG = {step.slug: step for step in STEPS}


def get_step(slug: str) -> Step | None:
    return STEPS_BY_SLUG.get(slug)


def next_step(step: Step) -> Step | None:
    index = STEPS.index(step)
    return STEPS[index + 1] if index + 1 < len(STEPS) else None


def record_for(project, step: Step):
    """The step's own answers; every project has one row per step from creation."""
    return step.model.objects.select_related(*_record_relations(step)).get(project=project)


def _record_relations(step: Step) -> tuple[str, ...]:
    return tuple(
        fld.name
        for fld in step.model._meta.get_fields()
        if isinstance(fld, models.ForeignKey) and fld.name not in ("project", "updated_by")
    )
