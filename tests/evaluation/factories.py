"""Projects built for the checklist and charter tests.

`sound_project` fills a project so that no finding check fires; the tests
then break one thing at a time. `answer_all` answers every evaluation
question; `fill_lists` puts n rows in every list with bulk_create.
"""

from datetime import date

from stage1.evaluation.models import Answer, Choice
from stage1.methodology.models import EvaluationQuestion
from stage1.projects.models import (
    InteropPoint,
    JourneyStep,
    KeyDecision,
    Milestone,
    RaciAssignment,
    ResearchActivity,
    Stakeholder,
    SuccessIndicator,
    TeamMember,
    UserGroup,
    UserPath,
)
from stage1.projects.services import project_touch
from stage1.projects.steps import get_step


def record_of(project, step_slug: str):
    return get_step(step_slug).model.objects.get(project=project)


def set_answers(project, step_slug: str, **values) -> None:
    record = record_of(project, step_slug)
    for name, value in values.items():
        setattr(record, name, value)
    record.version += 1
    record.save()


def sound_project(project) -> dict:
    """Fill the project so that every finding check is silent; returns the items by name."""
    set_answers(project, "need", evidence="1,200 complaints in 2026", legal_basis="Parking Regulation 2019/14, art. 6")
    set_answers(project, "objective", decision="go", decided_by="The city board", decided_on=date(2027, 1, 19))
    indicator = SuccessIndicator.objects.create(
        project=project, position=1, indicator="Share of applications online", baseline="0%", target="75%", target_date=date(2027, 12, 31)
    )
    user_rep = Stakeholder.objects.create(
        project=project, position=1, name="Residents' Federation", kind="user_rep", contact_point="federation@example.org"
    )
    dpo = Stakeholder.objects.create(project=project, position=2, name="City DPO", kind="dpo", contact_point="dpo@example.org")
    decision = KeyDecision.objects.create(project=project, position=1, title="Approve the public beta")
    raci = RaciAssignment.objects.create(project=project, position=1, decision=decision, stakeholder=dpo, responsibility="A")
    member = TeamMember.objects.create(project=project, position=1, name="Jonas Weber", role="user_researcher", allocation=60)
    set_answers(project, "team", lead=member, governance="The service owner decides")
    milestone = Milestone.objects.create(
        project=project, position=1, name="Discovery complete", owner_member=member, target_date=date(2027, 2, 26), review_gate=True
    )
    point = InteropPoint.objects.create(
        project=project,
        position=1,
        partner=dpo,
        data_exchanged="Registered address",
        legal_basis="Population Register Act, art. 21",
        agreement_status="signed",
        owner=member,
    )
    group = UserGroup.objects.create(project=project, position=1, name="Mobility Desk staff", staff=True)
    path = UserPath.objects.create(project=project, position=1, name="Decide an application", user_group=group)
    journey_step = JourneyStep.objects.create(project=project, position=1, path=path, description="Opens the application")
    research = ResearchActivity.objects.create(project=project, position=1, method="Interviews", participants=9)
    project_touch(project)
    return {
        "indicator": indicator,
        "user_rep": user_rep,
        "dpo": dpo,
        "decision": decision,
        "raci": raci,
        "member": member,
        "milestone": milestone,
        "point": point,
        "group": group,
        "path": path,
        "journey_step": journey_step,
        "research": research,
    }


def answer_all(project, user, choice: str = Choice.YES, evidence: str = "Seen in the steering board minutes") -> None:
    """Every question answered with `choice`, replacing answers the project already had (the demo has some)."""
    Answer.objects.filter(project=project).delete()
    Answer.objects.bulk_create(
        [Answer(project=project, question=q, choice=choice, evidence=evidence, updated_by=user) for q in EvaluationQuestion.objects.all()]
    )
    project_touch(project)


def fill_lists(project, n: int) -> None:
    """n items in every list of the project, with every cross-reference set; each decision has its one Accountable."""
    from tests.projects.factories import fill_lists as fill_project_lists

    fill_project_lists(project, n)
    RaciAssignment.objects.filter(project=project).update(responsibility="A")
    project_touch(project)


def make_ready(project, user) -> None:
    """Make a complete project (the demo) ready for review: every question answered Yes, a sponsor named, what the
    data says against an answer set aside with a reason."""
    from stage1.evaluation.selectors import checklist_for
    from stage1.projects.steps import STAKEHOLDERS

    answer_all(project, user)
    set_answers(project, STAKEHOLDERS.slug, sponsor=Stakeholder.objects.filter(project=project, kind="political").first())
    for row in checklist_for(project).rows():
        if row.contradiction and row.contradiction.open:
            Answer.objects.filter(pk=row.answer.pk).update(
                contradiction_dismissed_because="Checked by hand", contradiction_dismissed_for=row.choice
            )
    project_touch(project)
    project.refresh_from_db()
