"""The registry entries of the test-only step and item kind: all a new step needs besides its models."""

from django.utils.translation import ngettext_lazy

from stage1.projects.forms import ItemForm, WizardMeta, step_form_for
from stage1.projects.models import Stakeholder
from stage1.projects.steps import CharterSection, ItemKind, Step
from tests.registry_extension.models import BudgetLine, BudgetStep


class BudgetLineForm(ItemForm):
    class Meta(WizardMeta):
        model = BudgetLine
        fields = ["name", "funder", "amount", "note"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.limit_to_project("funder", Stakeholder.objects.all())


BUDGET_LINE = ItemKind(
    "budget-line",
    BudgetLine,
    BudgetLineForm,
    ("name", "funder", "amount"),
    select_related=("funder",),
    add_label="Add a budget line",
    register=True,
    counted=ngettext_lazy("%(count)s budget line", "%(count)s budget lines", "count"),
)

BUDGET = Step(
    "budget",
    "The budget",
    BudgetStep,
    step_form_for(BudgetStep),
    items=(BUDGET_LINE,),
    required_fields=("overview",),
    required_items={"budget-line": 1},
    charter=(CharterSection("budget", "Budget and funding", ("overview", "total"), ("budget-line",)),),
    summary=(("total", "Budget"),),
)
