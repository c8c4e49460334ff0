"""A project's answers to the methodology's evaluation questions."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from stage1.core.versioning import Versioned
from stage1.methodology.models import EvaluationQuestion
from stage1.projects.models import Project


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

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        constraints = [models.UniqueConstraint(fields=["project", "question"], name="answer_one_per_project_and_question")]

    def __str__(self) -> str:
        return f"{self.question}: {self.get_choice_display() or '–'}"
