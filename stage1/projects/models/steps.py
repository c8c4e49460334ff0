"""The step-level answers of the seven golden rules: one row per project and step.

Repeatable things (stakeholders, milestones...) live in items.py; these hold
the single answers each step asks for.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from stage1.core.versioning import Versioned
from stage1.projects.models.base import line, text
from stage1.projects.models.project import Project


class StepRecord(Versioned):
    project = models.OneToOneField(Project, on_delete=models.CASCADE, related_name="+")

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return str(self._meta.verbose_name).capitalize()


class NeedStep(StepRecord):
    project = models.OneToOneField(Project, on_delete=models.CASCADE, related_name="need_step")
    problem = text(_("What is the problem?"), help_text=_("Describe the problem, not a solution. What goes wrong for people today?"))
    affected = text(_("Who is affected?"), max_length=2000, help_text=_("The groups of people or organisations who have this problem."))
    affected_count = line(_("How many are affected?"), help_text=_("An estimate with its unit, for example '120,000 applicants a year'."))
    evidence = text(_("Evidence of the need"), help_text=_("Complaints, call volumes, research findings, audit reports."))
    current_workarounds = text(_("How people cope today"), help_text=_("What they do now, online and offline, and what it costs them."))
    overlapping_services = text(_("Existing services that overlap"), max_length=2000)
    policy_intent = text(_("Policy intent"), max_length=2000, help_text=_("The policy this service delivers."))
    legal_basis = text(_("Legal basis"), max_length=2000, help_text=_("The law or regulation that allows or requires it."))
    constraints = text(_("Constraints"), max_length=2000, help_text=_("Budget, deadlines, legal or technical limits you must work within."))
    cost_of_doing_nothing = text(_("Cost of doing nothing"), max_length=2000)
    requested_by = line(_("Who asked for this service?"))


class GoDecision(models.TextChoices):
    PENDING = "pending", _("Not decided yet")
    GO = "go", _("Go")
    NO_GO = "no_go", _("No go")


class ObjectiveStep(StepRecord):
    project = models.OneToOneField(Project, on_delete=models.CASCADE, related_name="objective_step")
    vision = line(_("Vision in one line"), max_length=300, help_text=_("What will be true for users when the service works."))
    strategic_objectives = text(_("Strategic objectives"), max_length=3000)
    strategy_alignment = text(_("Alignment with national strategy"), max_length=2000)
    first_results = text(
        _("First results within about six months"), max_length=2000, help_text=_("What you will be able to show, and how you will know.")
    )
    concept_name = line(_("Service name"), help_text=_("A name that says what the service does, in users' words."))
    concept_offer = text(_("What the service offers"), max_length=2000)
    concept_users = text(_("Who it is for"), max_length=2000)
    concept_channels = line(_("Channels"), max_length=300, help_text=_("For example: website, phone, front desk, post."))
    decision = models.CharField(_("Go / no-go decision"), max_length=10, choices=GoDecision.choices, default=GoDecision.PENDING)
    decided_by = line(_("Who decided"))
    decided_on = models.DateField(_("Date of the decision"), null=True, blank=True)


class PlanStep(StepRecord):
    project = models.OneToOneField(Project, on_delete=models.CASCADE, related_name="plan_step")
    phases = text(_("Phases"), max_length=2000, help_text=_("The main phases, for example discovery, alpha, beta, live."))
    building_blocks = text(_("Building blocks to reuse"), max_length=2000, help_text=_("Shared platforms, components or registers."))
    funding_source = line(_("Funding source"), max_length=300)


class StakeholdersStep(StepRecord):
    project = models.OneToOneField(Project, on_delete=models.CASCADE, related_name="stakeholders_step")
    engagement_approach = text(_("How you will keep stakeholders involved"), max_length=3000)
    # The person who answers for the service's direction and funding and signs the charter.
    sponsor = models.ForeignKey(
        "projects.Stakeholder",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("Sponsor"),
        help_text=_("The person who answers for the service and signs the project charter. Add them as a stakeholder first."),
    )


class TeamStep(StepRecord):
    project = models.OneToOneField(Project, on_delete=models.CASCADE, related_name="team_step")
    lead = models.ForeignKey(
        "projects.TeamMember",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="lead_of",
        verbose_name=_("Accountable lead"),
        help_text=_("The one person accountable for the service. Add team members first."),
    )

    governance = text(_("Governance"), max_length=3000, help_text=_("Who decides what, and how decisions are escalated."))
    meeting_rhythm = line(_("Meeting rhythm"), max_length=300, help_text=_("For example: weekly team review, monthly steering board."))

    class Meta:
        verbose_name = _("the team's accountable lead")
        verbose_name_plural = _("the team's accountable lead")


class InteroperabilityStep(StepRecord):
    project = models.OneToOneField(Project, on_delete=models.CASCADE, related_name="interoperability_step")
    approach = text(_("Overall approach to data exchange"), max_length=3000, help_text=_("The once-only principle, registers to reuse."))


class UserPathsStep(StepRecord):
    project = models.OneToOneField(Project, on_delete=models.CASCADE, related_name="user_paths_step")
    involvement = text(_("How users will stay involved"), max_length=3000, help_text=_("Research rounds, user panels, testing."))
