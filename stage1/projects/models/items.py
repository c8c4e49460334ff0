"""Repeatable items of the steps, and the cross-references between them.

Cross-references use SET_NULL so removing, say, a stakeholder never removes
someone else's work: the referring item stays and shows as incomplete.
Children that only exist inside their parent (a path's journey steps, a
decision's RACI rows) cascade, and the removal page says so first.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from stage1.core.versioning import Versioned
from stage1.projects.models.base import MEDIUM, line, text
from stage1.projects.models.project import Project


class Item(Versioned):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="+")
    position = models.PositiveIntegerField(default=0)

    class Meta:
        abstract = True
        ordering = ["position", "id"]


class Level(models.TextChoices):
    LOW = "low", _("Low")
    MEDIUM = "medium", _("Medium")
    HIGH = "high", _("High")


class SuccessIndicator(Item):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="indicators")
    indicator = models.CharField(
        _("Indicator"), max_length=300, help_text=_("What you will measure, for example 'share of applications made online'.")
    )
    baseline = line(_("Baseline"), help_text=_("The value today, with its unit."))
    target = line(_("Target"), help_text=_("The value you aim for."))
    target_date = models.DateField(_("Target date"), null=True, blank=True)

    class Meta(Item.Meta):
        verbose_name = _("success indicator")
        verbose_name_plural = _("success indicators")

    def __str__(self) -> str:
        return self.indicator


class StakeholderType(models.TextChoices):
    POLITICAL = "political", _("Political leadership")
    PUBLIC_BODY = "public_body", _("Public body")
    SUPPLIER = "supplier", _("Supplier")
    REGULATOR = "regulator", _("Regulator")
    DPO = "dpo", _("Data protection officer")
    USER_REP = "user_rep", _("User representative")
    OTHER = "other", _("Other")


class Stakeholder(Item):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="stakeholders")
    name = models.CharField(_("Name"), max_length=200, help_text=_("A person, team or body."))
    organisation = line(_("Organisation"))
    kind = models.CharField(_("Type"), max_length=20, choices=StakeholderType.choices, default=StakeholderType.PUBLIC_BODY)
    role = text(_("Role and responsibility"), max_length=2000)
    interest = models.CharField(_("Interest"), max_length=10, choices=Level.choices, blank=True)
    influence = models.CharField(_("Influence"), max_length=10, choices=Level.choices, blank=True)
    contact_point = line(_("Single contact point"), help_text=_("Name and email or phone of the one person to contact."))
    engagement_channel = line(_("Engagement channel and frequency"), help_text=_("For example: monthly steering board."))
    commitment = line(_("Commitment"), max_length=300, help_text=_("For example: memorandum of understanding signed on 3 March."))

    class Meta(Item.Meta):
        verbose_name = _("stakeholder")
        verbose_name_plural = _("stakeholders")

    def __str__(self) -> str:
        return f"{self.name} ({self.organisation})" if self.organisation else self.name


class KeyDecision(Item):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="decisions")
    title = models.CharField(_("Decision"), max_length=300, help_text=_("A decision the project needs, for example 'approve the budget'."))
    due_date = models.DateField(_("Needed by"), null=True, blank=True)

    class Meta(Item.Meta):
        verbose_name = _("key decision")
        verbose_name_plural = _("key decisions")

    def __str__(self) -> str:
        return self.title


class Raci(models.TextChoices):
    RESPONSIBLE = "R", _("Responsible")
    ACCOUNTABLE = "A", _("Accountable")
    CONSULTED = "C", _("Consulted")
    INFORMED = "I", _("Informed")


class RaciAssignment(Item):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="raci")
    decision = models.ForeignKey(KeyDecision, on_delete=models.CASCADE, related_name="assignments", verbose_name=_("Decision"))
    stakeholder = models.ForeignKey(Stakeholder, on_delete=models.CASCADE, related_name="assignments", verbose_name=_("Stakeholder"))
    responsibility = models.CharField(_("Responsibility"), max_length=1, choices=Raci.choices)

    class Meta(Item.Meta):
        verbose_name = _("RACI assignment")
        verbose_name_plural = _("RACI assignments")
        constraints = [models.UniqueConstraint(fields=["decision", "stakeholder"], name="raci_one_per_decision_and_stakeholder")]

    def __str__(self) -> str:
        return f"{self.stakeholder.name}: {self.get_responsibility_display()} – {self.decision.title}"


class TeamRole(models.TextChoices):
    SERVICE_OWNER = "service_owner", _("Service owner")
    PRODUCT_OWNER = "product_owner", _("Product owner")
    DELIVERY_MANAGER = "delivery_manager", _("Delivery manager")
    USER_RESEARCHER = "user_researcher", _("User researcher")
    DESIGNER = "designer", _("Designer")
    DEVELOPER = "developer", _("Developer")
    BUSINESS_ANALYST = "business_analyst", _("Business analyst")
    LEGAL_POLICY = "legal_policy", _("Legal or policy adviser")
    DPO = "dpo", _("Data protection officer")
    PROCUREMENT = "procurement", _("Procurement")
    OTHER = "other", _("Other")


class TeamMember(Item):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="team_members")
    name = models.CharField(_("Name"), max_length=200)
    organisation = models.ForeignKey(
        Stakeholder,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="team_members",
        verbose_name=_("Organisation"),
        help_text=_("The stakeholder they come from. Add it on the stakeholders step if it is missing."),
    )
    role = models.CharField(_("Role"), max_length=20, choices=TeamRole.choices)
    skills = line(_("Skills"), max_length=MEDIUM)
    allocation = models.PositiveSmallIntegerField(
        _("Percentage of time on the project"), null=True, blank=True, help_text=_("A whole number from 1 to 100.")
    )
    start_date = models.DateField(_("From"), null=True, blank=True)
    end_date = models.DateField(_("To"), null=True, blank=True)
    decision_authority = line(_("Decision authority"), max_length=300, help_text=_("What they can decide on their own."))

    class Meta(Item.Meta):
        verbose_name = _("team member")
        verbose_name_plural = _("team members")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(allocation__isnull=True) | models.Q(allocation__gte=1, allocation__lte=100),
                name="team_member_allocation_percentage",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} – {self.get_role_display()}"


class Milestone(Item):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="milestones")
    name = models.CharField(_("Name"), max_length=200)
    description = text(_("Description"), max_length=2000)
    owner_member = models.ForeignKey(
        TeamMember, on_delete=models.SET_NULL, null=True, blank=True, related_name="milestones", verbose_name=_("Owner in the team")
    )
    owner_stakeholder = models.ForeignKey(
        Stakeholder,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="milestones",
        verbose_name=_("Or owner among the stakeholders"),
    )
    target_date = models.DateField(_("Target date"), null=True, blank=True)
    deliverable = line(_("Deliverable"), max_length=300)
    depends_on = models.ManyToManyField("self", symmetrical=False, blank=True, related_name="dependents", verbose_name=_("Depends on"))
    review_gate = models.BooleanField(_("Review gate"), default=False, help_text=_("A go / no-go review happens at the end of this step."))

    class Meta(Item.Meta):
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")

    def __str__(self) -> str:
        return self.name

    @property
    def owner(self):
        return self.owner_member or self.owner_stakeholder


class Direction(models.TextChoices):
    INBOUND = "in", _("We receive data")
    OUTBOUND = "out", _("We send data")
    BOTH = "both", _("Both ways")


class EifLayer(models.TextChoices):
    LEGAL = "legal", _("Legal")
    ORGANISATIONAL = "organisational", _("Organisational")
    SEMANTIC = "semantic", _("Semantic")
    TECHNICAL = "technical", _("Technical")


class AgreementStatus(models.TextChoices):
    NOT_NEEDED = "not_needed", _("Not needed")
    TO_START = "to_start", _("Needed, not started")
    IN_PROGRESS = "in_progress", _("Being negotiated")
    SIGNED = "signed", _("Signed")


class InteropPoint(Item):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="interop_points")
    partner = models.ForeignKey(
        Stakeholder, on_delete=models.SET_NULL, null=True, blank=True, related_name="interop_points", verbose_name=_("Partner body")
    )
    partner_system = line(_("Partner system"))
    data_exchanged = text(_("Data exchanged"), max_length=2000)
    direction = models.CharField(_("Direction"), max_length=4, choices=Direction.choices, default=Direction.INBOUND)
    purpose = text(_("Purpose"), max_length=2000)
    legal_basis = text(_("Legal basis"), max_length=2000)
    eif_layer = models.CharField(_("Main interoperability layer"), max_length=20, choices=EifLayer.choices, blank=True)
    standard = line(_("Standard, API or vocabulary"), max_length=300)
    building_block = line(_("Reusable building block or base register"), max_length=300)
    agreement_status = models.CharField(_("Agreement or service level"), max_length=20, choices=AgreementStatus.choices, blank=True)
    owner = models.ForeignKey(
        TeamMember, on_delete=models.SET_NULL, null=True, blank=True, related_name="interop_points", verbose_name=_("Owner in the team")
    )

    class Meta(Item.Meta):
        verbose_name = _("interoperability point")
        verbose_name_plural = _("interoperability points")

    def __str__(self) -> str:
        partner = self.partner.name if self.partner else _("no partner yet")
        return f"{partner}: {self.data_exchanged[:60]}"


class UserGroup(Item):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="user_groups")
    name = models.CharField(_("Name"), max_length=200)
    staff = models.BooleanField(_("Staff users"), default=False, help_text=_("People who work in the public body and use the service."))
    size = line(_("How many"), max_length=100)
    needs = text(_("Needs"), max_length=3000, help_text=_("As a … I need … so that …"))
    accessibility_needs = text(_("Accessibility and assisted digital needs"), max_length=2000)
    exclusion_risk = models.CharField(_("Risk of exclusion"), max_length=10, choices=Level.choices, blank=True)

    class Meta(Item.Meta):
        verbose_name = _("user group")
        verbose_name_plural = _("user groups")

    def __str__(self) -> str:
        return self.name


class ResearchActivity(Item):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="research")
    method = models.CharField(_("Method"), max_length=200, help_text=_("For example: interviews, survey, contextual observation."))
    held_on = models.DateField(_("Date"), null=True, blank=True)
    participants = models.PositiveIntegerField(_("Number of people"), null=True, blank=True)
    findings = text(_("Findings"), max_length=3000)

    class Meta(Item.Meta):
        verbose_name = _("research activity")
        verbose_name_plural = _("research activities")

    def __str__(self) -> str:
        return self.method


class UserPath(Item):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="user_paths")
    user_group = models.ForeignKey(
        UserGroup, on_delete=models.SET_NULL, null=True, blank=True, related_name="paths", verbose_name=_("User group")
    )
    name = models.CharField(
        _("Goal of the journey"), max_length=200, help_text=_("What the user wants to get done, for example 'renew a permit'.")
    )

    class Meta(Item.Meta):
        verbose_name = _("user path")
        verbose_name_plural = _("user paths")

    def __str__(self) -> str:
        return self.name


class Channel(models.TextChoices):
    ONLINE = "online", _("Online")
    PHONE = "phone", _("Phone")
    IN_PERSON = "in_person", _("In person")
    POST = "post", _("Post")
    OTHER = "other", _("Other")


class JourneyStep(Item):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="journey_steps")
    path = models.ForeignKey(UserPath, on_delete=models.CASCADE, related_name="journey_steps", verbose_name=_("User path"))
    description = models.CharField(_("What happens"), max_length=300)
    channel = models.CharField(_("Channel"), max_length=10, choices=Channel.choices, default=Channel.ONLINE)
    pain_point = text(_("Pain point"), max_length=2000)

    class Meta(Item.Meta):
        verbose_name = _("journey step")
        verbose_name_plural = _("journey steps")

    def __str__(self) -> str:
        return self.description
