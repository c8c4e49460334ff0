"""The demo project that `make run` loads: complete, consistent and created only once."""

import pytest
from django.db.models import Count, Q

from stage1.demo.project import ensure_demo_project
from stage1.projects.models import InteropPoint, JourneyStep, Membership, Milestone, RaciAssignment, Role, TeamMember, UserPath
from stage1.projects.selectors import project_progress
from stage1.projects.steps import STEPS

ITEM_KINDS = [kind for step in STEPS for kind in step.items]


@pytest.fixture
def demo(owner, editor, viewer):
    return ensure_demo_project(owner=owner, editor=editor, viewer=viewer)


def _item_counts():
    return {kind.slug: kind.model.objects.count() for kind in ITEM_KINDS}


def test_calling_it_twice_returns_the_same_project_and_creates_nothing_more(demo, owner, editor, viewer):
    before = _item_counts()
    revision = demo.revision

    again = ensure_demo_project(owner=owner, editor=editor, viewer=viewer)

    assert again.pk == demo.pk
    assert again.revision == revision
    assert _item_counts() == before
    assert Membership.objects.filter(project=demo).count() == 3


def test_every_step_of_the_demo_project_is_completed(demo):
    progress = project_progress(demo)

    assert progress.all_complete, {item.step.slug: item.missing for item in progress.steps}
    assert all(item.record.version > 1 for item in progress.steps)


@pytest.mark.parametrize("kind", ITEM_KINDS, ids=lambda kind: kind.slug)
def test_every_list_of_the_demo_project_has_at_least_three_items(demo, kind):
    assert kind.model.objects.filter(project=demo).count() >= 3


def test_every_answer_and_item_passes_model_validation(demo):
    # Lengths and choices: PostgreSQL would refuse an over-long value that SQLite stores.
    for step in STEPS:
        step.model.objects.get(project=demo).full_clean()
    for kind in ITEM_KINDS:
        for item in kind.model.objects.filter(project=demo):
            item.full_clean()


def test_items_are_numbered_from_one_in_each_list(demo):
    for kind in ITEM_KINDS:
        if kind.model is JourneyStep:
            continue
        positions = list(kind.model.objects.filter(project=demo).order_by("position").values_list("position", flat=True))
        assert positions == list(range(1, len(positions) + 1)), kind.slug
    for path in UserPath.objects.filter(project=demo):
        positions = list(path.journey_steps.order_by("position").values_list("position", flat=True))
        assert positions == list(range(1, len(positions) + 1)), path.name


def test_the_owner_created_it_and_the_editor_and_viewer_have_their_roles(demo, owner, editor, viewer):
    roles = dict(Membership.objects.filter(project=demo).values_list("user", "role"))

    assert roles == {owner.pk: Role.OWNER, editor.pk: Role.EDITOR, viewer.pk: Role.VIEWER}


def test_every_raci_decision_has_exactly_one_accountable_and_others_involved(demo):
    for decision in demo.decisions.annotate(
        accountable=Count("assignments", filter=Q(assignments__responsibility="A")), involved=Count("assignments")
    ):
        assert decision.accountable == 1, decision.decision
        assert decision.involved >= 3, decision.decision


def test_every_milestone_has_one_owner_never_two(demo):
    for milestone in Milestone.objects.filter(project=demo):
        assert (milestone.owner_member is None) != (milestone.owner_stakeholder is None), milestone.name


def test_the_team_lead_is_the_service_owner(demo):
    assert demo.team_step.lead.role == "service_owner"


def test_every_cross_reference_points_inside_the_same_project(demo):
    references = [
        demo.team_step.lead,
        *(member.organisation for member in TeamMember.objects.filter(project=demo)),
        *(point.partner for point in InteropPoint.objects.filter(project=demo)),
        *(point.owner for point in InteropPoint.objects.filter(project=demo)),
        *(milestone.owner for milestone in Milestone.objects.filter(project=demo)),
        *(other for milestone in Milestone.objects.filter(project=demo) for other in milestone.depends_on.all()),
        *(row.decision for row in RaciAssignment.objects.filter(project=demo)),
        *(row.stakeholder for row in RaciAssignment.objects.filter(project=demo)),
        *(path.user_group for path in UserPath.objects.filter(project=demo)),
        *(step.path for step in JourneyStep.objects.filter(project=demo)),
    ]

    assert references
    assert all(reference is not None and reference.project_id == demo.pk for reference in references)
