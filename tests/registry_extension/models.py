"""A step and an item kind that the product does not have: what a developer adding an 8th step would write."""

from django.db import models

from stage1.projects.models import Project, Stakeholder
from stage1.projects.models.base import line, text
from stage1.projects.models.items import Item
from stage1.projects.models.steps import StepRecord


class BudgetStep(StepRecord):
    project = models.OneToOneField(Project, on_delete=models.CASCADE, related_name="budget_step")
    overview = text("How the service is paid for", max_length=2000)
    total = models.PositiveIntegerField("Total budget in euros", null=True, blank=True)

    class Meta:
        verbose_name = "budget"


class BudgetLine(Item):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="budget_lines")
    name = models.CharField("Budget line", max_length=200)
    funder = models.ForeignKey(Stakeholder, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name="Funder")
    amount = models.PositiveIntegerField("Amount in euros", null=True, blank=True)
    note = line("Note")

    class Meta:
        verbose_name = "budget line"
        verbose_name_plural = "budget lines"
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return self.name
