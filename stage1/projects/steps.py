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

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from stage1.projects import forms
from stage1.projects import models as project_models
from stage1.projects.registry import CharterSection, ItemKind, Status, Step, StepRegistry, user_fields

__all__ = ["STEPS", "CharterSection", "ItemKind", "Status", "Step", "StepRegistry", "user_fields"]


INDICATOR = ItemKind(
    "indicator",
    project_models.SuccessIndicator,
    forms.SuccessIndicatorForm,
    ("indicator", "baseline", "target", "target_date"),
    add_label=_("Add a success indicator"),
    in_place_fields=("indicator", "baseline", "target"),
    edit_in_place=True,
    ordered=True,
)
MILESTONE = ItemKind(
    "milestone",
    project_models.Milestone,
    forms.MilestoneForm,
    ("name", "owner", "target_date", "deliverable", "depends_on", "review_gate"),
    select_related=("owner_member", "owner_stakeholder"),
    prefetch_related=("depends_on",),
    add_label=_("Add a milestone"),
    in_place_fields=("name", "owner_member", "deliverable"),
    ordered=True,
    charter_template="charter/items/milestone.html",
    register=True,
    counted=ngettext_lazy("%(count)s milestone", "%(count)s milestones", "count"),
    print_labels={"owner_member": _("Owner (team)"), "owner_stakeholder": _("Owner (stakeholder)")},
)
STAKEHOLDER = ItemKind(
    "stakeholder",
    project_models.Stakeholder,
    forms.StakeholderForm,
    ("name", "organisation", "kind", "interest", "influence", "contact_point"),
    add_label=_("Add a stakeholder"),
    in_place_fields=("name", "organisation", "kind"),
    charter_template="charter/items/stakeholder.html",
    register=True,
    csv_import=True,
    counted=ngettext_lazy("%(count)s stakeholder", "%(count)s stakeholders", "count"),
    print_labels={"role": _("Role"), "contact_point": _("Contact point"), "engagement_channel": _("Engagement")},
)
DECISION = ItemKind(
    "decision",
    project_models.KeyDecision,
    forms.KeyDecisionForm,
    ("title", "due_date"),
    add_label=_("Add a key decision"),
    in_place_fields=("title",),
    edit_in_place=True,
    print_labels={"due_date": _("Due")},
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
    editor_url_name="projects:raci_grid",
    # One line per decision, who is R, A, C and I: the grid's content at a glance.
    list_template="projects/includes/raci_list.html",
    charter_template="charter/items/raci.html",
)
TEAM_MEMBER = ItemKind(
    "team-member",
    project_models.TeamMember,
    forms.TeamMemberForm,
    ("name", "role", "organisation", "allocation", "start_date", "end_date"),
    select_related=("organisation",),
    add_label=_("Add a team member"),
    in_place_fields=("name", "role", "organisation"),
    charter_template="charter/items/in_annex.html",
    register=True,
    counted=ngettext_lazy("%(count)s team member", "%(count)s team members", "count"),
    print_labels={"allocation": _("Time (%)"), "start_date": _("Start"), "end_date": _("End")},
)
INTEROP_POINT = ItemKind(
    "interop-point",
    project_models.InteropPoint,
    forms.InteropPointForm,
    ("partner", "data_exchanged", "direction", "eif_layer", "legal_basis", "agreement_status", "owner"),
    select_related=("partner", "owner"),
    add_label=_("Add an interoperability point"),
    in_place_fields=("partner", "data_exchanged", "direction"),
    charter_template="charter/items/in_annex.html",
    register=True,
    counted=ngettext_lazy("%(count)s interoperability point", "%(count)s interoperability points", "count"),
    print_labels={
        "partner": _("Partner"),
        "eif_layer": _("EIF layer"),
        "standard": _("Standard or API"),
        "building_block": _("Building block or register"),
        "agreement_status": _("Agreement"),
        "owner": _("Owner"),
    },
)
USER_GROUP = ItemKind(
    "user-group",
    project_models.UserGroup,
    forms.UserGroupForm,
    ("name", "staff", "size", "exclusion_risk"),
    add_label=_("Add a user group"),
    in_place_fields=("name", "size"),
    print_labels={"staff": _("Staff"), "size": _("Size"), "accessibility_needs": _("Accessibility needs")},
)
RESEARCH = ItemKind(
    "research",
    project_models.ResearchActivity,
    forms.ResearchActivityForm,
    ("method", "held_on", "participants", "findings"),
    add_label=_("Add a research activity"),
    in_place_fields=("method", "participants"),
    print_labels={"participants": _("People")},
)
USER_PATH = ItemKind(
    "user-path",
    project_models.UserPath,
    forms.UserPathForm,
    ("name", "user_group"),
    select_related=("user_group",),
    add_label=_("Add a user path"),
    print_labels={"name": _("Journey")},
    in_place_fields=("name", "user_group"),
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
    in_place_fields=("path", "description", "channel"),
    ordered=True,
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
    "plan",
    _("The steps"),
    project_models.PlanStep,
    forms.step_form_for(project_models.PlanStep),
    items=(MILESTONE,),
    required_fields=("phases", "funding_source"),
    required_items={"milestone": 1},
    charter=(CharterSection("plan", _("Steps and milestones"), ("phases", "building_blocks", "funding_source"), ("milestone",)),),
)
STAKEHOLDERS = Step(
    "stakeholders",
    _("The stakeholders"),
    project_models.StakeholdersStep,
    forms.StakeholdersStepForm,
    items=(STAKEHOLDER, DECISION, RACI),
    required_fields=("engagement_approach",),
    # Chosen among the stakeholders, so asked after the list; readiness asks for it (stage1.evaluation.readiness).
    fields_after_items=("sponsor",),
    required_items={"stakeholder": 1, "decision": 1, "raci": 1},
    charter=(
        CharterSection("stakeholders", _("Stakeholders and RACI"), ("sponsor", "engagement_approach"), ("stakeholder", "decision", "raci")),
    ),
)
TEAM = Step(
    "team",
    _("The team"),
    project_models.TeamStep,
    forms.TeamStepForm,
    items=(TEAM_MEMBER,),
    required_fields=("lead", "governance"),
    fields_after_items=("lead",),
    required_items={"team-member": 1},
    charter=(CharterSection("team", _("Team and governance"), ("lead", "governance", "meeting_rhythm"), ("team-member",)),),
)
INTEROPERABILITY = Step(
    "interoperability",
    _("Interoperability points"),
    project_models.InteroperabilityStep,
    forms.step_form_for(project_models.InteroperabilityStep),
    items=(INTEROP_POINT,),
    required_fields=("approach",),
    required_items={"interop-point": 1},
)
USER_PATHS = Step(
    "user-paths",
    _("Users and user paths"),
    project_models.UserPathsStep,
    forms.step_form_for(project_models.UserPathsStep),
    items=(USER_GROUP, RESEARCH, USER_PATH, JOURNEY_STEP),
    required_fields=("involvement",),
    required_items={"user-group": 1, "research": 1, "user-path": 1, "journey-step": 1},
)


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
    # get_or_create: two first visits at the same moment make one row.
    record, _created = step.model.objects.select_related(*record_relations(step)).get_or_create(project=project)
    return record


def ensure_step_records(project) -> None:
    """Create the records of every step the project does not have yet; a new project gets them all at once."""
    for step in STEPS:
        step.model.objects.get_or_create(project=project)


def record_relations(step: Step) -> tuple[str, ...]:
    return tuple(
        fld.name
        for fld in step.model._meta.get_fields()
        if isinstance(fld, models.ForeignKey) and fld.name not in ("project", "updated_by")
    )
