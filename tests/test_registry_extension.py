"""A step and an item kind added to the registry work at once, everywhere, for projects that already exist.

The models of the 8th step ("The budget") and its list ("budget lines") live
in the test-only app tests.registry_extension; registering them is the one
entry a developer would add to STEPS. The demo project is created before the
step exists, so it has no record for it: every page must cope.
"""

import dataclasses
import json

import pytest
from django.urls import reverse

from stage1.demo.project import ensure_demo_project
from stage1.exchange.export import project_export
from stage1.exchange.imports import project_import
from stage1.exchange.schema import build_schema
from stage1.methodology.models import Rule, Stage
from stage1.projects.models import Project, Stakeholder
from stage1.projects.steps import STEPS, Status
from tests.projects.helpers import hidden_base_version, text_of
from tests.registry_extension.models import BudgetLine, BudgetStep
from tests.registry_extension.registry import BUDGET, BUDGET_LINE

OVERVIEW = "Paid from the digital fund of the city, 2027 to 2029."


@pytest.fixture
def demo(methodology, owner, editor, viewer):
    return ensure_demo_project(owner=owner, editor=editor, viewer=viewer)


@pytest.fixture
def extended(demo):
    assert not BudgetStep.objects.filter(project=demo).exists(), "the project must predate the step"
    with STEPS.extended_with(BUDGET):
        yield demo


def _page(client, name: str, **kwargs):
    response = client.get(reverse(name, kwargs=kwargs))
    assert response.status_code == 200, f"{name} answered {response.status_code}"
    return response


def _fill_the_budget_step(client, project) -> BudgetLine:
    url = reverse("projects:step", kwargs={"slug": project.slug, "step_slug": BUDGET.slug})
    page = client.get(url)
    assert page.status_code == 200
    assert "The budget" in text_of(page)
    response = client.post(url, {"base_version": hidden_base_version(page), "overview": OVERVIEW, "total": "250000", "action": "return"})
    assert response.status_code == 302, text_of(response)[:2000]
    funder = Stakeholder.objects.filter(project=project).order_by("position").first()
    add = reverse("projects:item_add", kwargs={"slug": project.slug, "step_slug": BUDGET.slug, "kind_slug": BUDGET_LINE.slug})
    response = client.post(add, {"base_version": "0", "name": "Platform hosting", "funder": str(funder.pk), "amount": "40000"})
    assert response.status_code == 302, text_of(response)[:2000]
    return BudgetLine.objects.get(project=project)


def test_the_registry_without_the_extra_step_does_not_know_it():
    assert STEPS.get(BUDGET.slug) is None
    assert STEPS.kind(BUDGET_LINE.slug) is None


def test_the_project_list_and_task_list_show_the_new_step_as_not_started(extended, owner_client):
    listing = _page(owner_client, "projects:list")
    assert f"of {len(STEPS)}" in text_of(listing)
    task_list = _page(owner_client, "projects:task_list", slug=extended.slug)
    assert "The budget" in text_of(task_list)
    assert "Not started" in text_of(task_list)


def test_a_viewer_reads_the_new_step_before_anyone_saved_it(extended, viewer_client):
    page = _page(viewer_client, "projects:step", slug=extended.slug, step_slug=BUDGET.slug)
    assert "The budget" in text_of(page)


def test_the_new_step_is_filled_and_shows_everywhere(extended, owner_client):
    line = _fill_the_budget_step(owner_client, extended)

    record = BudgetStep.objects.get(project=extended)
    assert (record.overview, record.total) == (OVERVIEW, 250000)
    assert line.funder is not None and line.amount == 40000
    progress = [p for p in _page(owner_client, "projects:task_list", slug=extended.slug).context["progress"].steps if p.step is BUDGET]
    assert progress[0].status is Status.COMPLETED

    answers = text_of(_page(owner_client, "projects:check_answers", slug=extended.slug))
    assert OVERVIEW in answers and "Platform hosting" in answers
    _page(owner_client, "evaluation:checklist", slug=extended.slug)
    history = text_of(_page(owner_client, "history:project", slug=extended.slug))
    assert "Platform hosting" in history

    charter = text_of(_page(owner_client, "charter:preview", slug=extended.slug))
    assert "Budget and funding" in charter
    assert OVERVIEW in charter
    assert "Platform hosting" in charter
    # A register: printed in full as the last annex, after the product's own.
    letter = chr(ord("A") + len(STEPS.registers()) - 1)
    assert f"Annex {letter}: Budget lines" in charter
    assert "1 budget line" in charter

    csv_response = _page(owner_client, "exchange:export_csv", slug=extended.slug, kind_slug=BUDGET_LINE.slug)
    assert "Platform hosting" in csv_response.content.decode("utf-8-sig")


def test_the_new_step_goes_through_a_json_export_and_import(extended, owner_client, owner):
    _fill_the_budget_step(owner_client, extended)
    response = _page(owner_client, "exchange:export_json", slug=extended.slug)
    document = json.loads(response.content)
    assert document["steps"][BUDGET.slug]["overview"] == OVERVIEW
    assert [line["name"] for line in document["items"][BUDGET_LINE.slug]] == ["Platform hosting"]
    assert BUDGET.slug in build_schema()["properties"]["steps"]["properties"]

    imported = project_import(user=owner, content=response.content).project

    assert BudgetStep.objects.get(project=imported).overview == OVERVIEW
    copy = BudgetLine.objects.select_related("funder").get(project=imported)
    assert copy.funder.project_id == imported.pk
    assert copy.funder.name == BudgetLine.objects.select_related("funder").get(project=extended).funder.name
    again = project_export(Project.objects.get(pk=imported.pk))
    assert again["steps"] == document["steps"] and again["items"] == document["items"]


def test_what_is_derived_from_the_registry_follows_it_in_and_out():
    steps_in_schema = build_schema()["properties"]["steps"]["properties"]
    assert BUDGET.slug not in steps_in_schema
    with STEPS.extended_with(BUDGET):
        assert BUDGET.slug in build_schema()["properties"]["steps"]["properties"]
        assert STEPS.registers()[-1] is BUDGET_LINE
    assert BUDGET.slug not in build_schema()["properties"]["steps"]["properties"]
    assert BUDGET_LINE not in STEPS.registers()


def test_an_app_for_a_later_stage_registers_its_steps_and_they_show_under_that_stage(demo, owner_client):
    """What a later stage of the guide is: its methodology rows, and its steps registered from its app's ready()."""
    stage = Stage.objects.create(number=2, slug="design", title="Design the service")
    Rule.objects.create(
        stage=stage,
        number=1,
        slug=BUDGET.slug,
        title="The budget is agreed",
        summary="Agree who pays for what.",
        guidance="Start from the business case.",
    )
    later = dataclasses.replace(BUDGET, stage=2)
    with STEPS.extended_with():  # undoes the registration below when the test ends
        STEPS.register(later)
        STEPS.register(later)  # an app's ready() may run twice: registering is idempotent
        assert [step.slug for step in STEPS].count(later.slug) == 1
        assert STEPS.stages() == (1, 2)

        task_list = text_of(_page(owner_client, "projects:task_list", slug=demo.slug))
        step_page = text_of(_page(owner_client, "projects:step", slug=demo.slug, step_slug=later.slug))

    assert task_list.index("Define the strategy") < task_list.index("Design the service") < task_list.index("The budget is agreed")
    assert "Agree who pays for what." in task_list
    assert "Start from the business case." in step_page
    assert STEPS.get(later.slug) is None
