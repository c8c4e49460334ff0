"""A project's answers to the methodology's evaluation questions."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from stage1.core.versioning import Versioned
from stage1.methodology.models import EvaluationQuestion
from stage1.projects.models import Project, TeamMember


class Choice(models.TextChoices):
    YES = "yes", _("Yes")
    PARTLY = "partly", _("Partly")
    NO = "no", _("No")
    NOT_APPLICABLE = "na", _("Not applicable")


# Points per answer; "not applicable" is left out of the score entirely.
POINTS = {Choice.YES: 1.0, Choice.PARTLY: 0.5, Choice.NO: 0.0}


class Answer(Versioned):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(EvaluationQuestion, on_delete=models.PROTECT, related_name="answers")
    choice = models.CharField(_("Answer"), max_length=10, choices=Choice.choices, blank=True)
    evidence = models.TextField(_("Evidence"), max_length=3000, blank=True)
    # A "No" or "Partly" the team decided not to act on: why that is acceptable, and who decided.
    risk_accepted_because = models.TextField(_("Why the risk is acceptable"), max_length=2000, blank=True)
    risk_accepted_by = models.CharField(
        _("Accepted by"), max_length=200, blank=True, help_text=_("The name and role of the person who accepted the risk.")
    )
    # What the project's data says against this answer, set aside with a reason. It holds only
    # for the answer it was given for: change the answer and the data is checked again.
    contradiction_dismissed_because = models.TextField(_("Why the answer stands"), max_length=2000, blank=True)
    contradiction_dismissed_for = models.CharField(max_length=10, choices=Choice.choices, blank=True)
    # The question was reworded when the project moved to a newer method version:
    # the answer counts as not given until someone confirms or changes it.
    to_confirm = models.BooleanField(_("To confirm"), default=False)

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        constraints = [models.UniqueConstraint(fields=["project", "question"], name="answer_one_per_project_and_question")]

    def __str__(self) -> str:
        return f"{self.question}: {self.get_choice_display() or '–'}"

    @property
    def needs_plan(self) -> bool:
        """A "No" or "Partly" must be followed by an action or an accepted risk."""
        return self.choice in NEEDS_PLAN and not self.to_confirm

    @property
    def risk_accepted(self) -> bool:
        return bool(self.risk_accepted_because.strip())


# Answers that admit a gap: each needs an action or an accepted risk before the project is ready.
NEEDS_PLAN = frozenset({Choice.NO, Choice.PARTLY})


class ActionQuerySet(models.QuerySet):
    def open(self) -> "ActionQuerySet":
        return self.filter(done_on__isnull=True)


class Action(Versioned):
    """What the team will do about a "No" or "Partly" answer: the project's action plan is made of these."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="actions")
    answer = models.ForeignKey(Answer, on_delete=models.CASCADE, related_name="actions")
    description = models.TextField(_("What will be done"), max_length=2000)
    owner = models.ForeignKey(
        TeamMember,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("Owner"),
        help_text=_("The team member who will see it done."),
    )
    due_on = models.DateField(_("Due date"), null=True, blank=True)
    done_on = models.DateField(_("Done on"), null=True, blank=True)

    objects = ActionQuerySet.as_manager()

    class Meta:
        ordering = ["due_on", "id"]
        verbose_name = _("action")
        verbose_name_plural = _("actions")

    def __str__(self) -> str:
        return self.description[:80]

    @property
    def is_done(self) -> bool:
        return self.done_on is not None
