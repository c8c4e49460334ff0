"""The demo projects loaded by `make run`: the same mechanics for each, the content in stage1.demo.content_*.

Every step is answered and every list has a few rows, so the task list, check
your answers and the charter can be tried on something that looks real. Each
project is created through the same services the pages use, once: a later
call finds it by its address and leaves it as it is.
"""

from django.db import transaction

from stage1.demo import content_en, content_pt
from stage1.demo.answers import answer_demo_checklist
from stage1.demo.content import (
    INDICATOR_FIELDS,
    INTEROP_FIELDS,
    JOURNEY_STEP_FIELDS,
    RESEARCH_FIELDS,
    STAKEHOLDER_FIELDS,
    TEAM_FIELDS,
    USER_GROUP_FIELDS,
    DemoContent,
)
from stage1.demo.review import make_ready_for_review, tell_review_story
from stage1.projects.models import (
    InteropPoint,
    JourneyStep,
    KeyDecision,
    Membership,
    Milestone,
    Project,
    RaciAssignment,
    ResearchActivity,
    Role,
    Stakeholder,
    SuccessIndicator,
    TeamMember,
    UserGroup,
    UserPath,
)
from stage1.projects.services import project_create, project_touch
from stage1.projects.steps import STEPS, record_for

# Every demo, in the order `load_demo` creates them.
DEMOS = (content_en.DEMO, content_pt.DEMO)
# The English demo's title and address, which tests and the README name.
TITLE = content_en.DEMO.title
SLUG = content_en.DEMO.slug


def ensure_demo_project(*, owner, editor, viewer, sponsor=None):
    """The English demo project (see ensure_demo)."""
    return ensure_demo(content_en.DEMO, owner=owner, editor=editor, viewer=viewer, sponsor=sponsor)


def ensure_demo(demo: DemoContent, *, owner, editor, viewer, sponsor=None):
    """Create the demo project once; later calls leave it as it is. Returns it.

    Without a sponsor the project is left as its checklist answers leave it
    (the English one mid-way, a draft with a few questions open); with one,
    the rest of the checklist is answered, the sponsor becomes its approver
    and the demo's review story follows, if it has one (stage1.demo.review).
    """
    existing = Project.objects.filter(slug=demo.slug).first()
    if existing is not None:
        return existing
    with transaction.atomic():
        project = project_create(
            user=owner, title=demo.title, organisation=demo.organisation, description=demo.description, language=demo.language
        )
        Membership.objects.create(project=project, user=editor, role=Role.EDITOR)
        Membership.objects.create(project=project, user=viewer, role=Role.VIEWER)
        team = _fill(project, demo, owner=owner, editor=editor)
        answer_demo_checklist(project, owner, team=team, checklist=demo.checklist)
        project_touch(project)
        if sponsor is not None:
            make_ready_for_review(project, owner=owner, sponsor=sponsor, team=team, later=demo.later)
            if demo.review is not None:
                tell_review_story(project, demo.review, owner=owner, editor=editor, sponsor=sponsor)
    project.refresh_from_db()
    return project


def _create(model, project, user, rows, **shared):
    """Create one item per dict in rows, numbered 1..n."""
    return [model.objects.create(project=project, position=n, updated_by=user, **shared, **row) for n, row in enumerate(rows, 1)]


def _rows(fields, rows):
    return [dict(zip(fields, row, strict=True)) for row in rows]


def _keyed(model, project, user, fields, rows):
    """Create items from tuples whose first value is a key for cross-references; return them by key."""
    created = _create(model, project, user, _rows(fields, [row[1:] for row in rows]))
    return {row[0]: item for row, item in zip(rows, created, strict=True)}


def _fill(project, demo: DemoContent, *, owner, editor) -> dict:
    """Fill every step; returns the team members by key."""
    _create(SuccessIndicator, project, owner, _rows(INDICATOR_FIELDS, demo.indicators))
    stakeholders = _keyed(Stakeholder, project, owner, STAKEHOLDER_FIELDS, demo.stakeholders)
    _fill_decisions(project, owner, demo, stakeholders)
    team_rows = [(key, name, stakeholders[organisation], *rest) for key, name, organisation, *rest in demo.team]
    team = _keyed(TeamMember, project, owner, TEAM_FIELDS, team_rows)
    _fill_milestones(project, owner, demo, stakeholders, team)
    interop_rows = [(stakeholders[partner], *rest, team[member]) for partner, *rest, member in demo.interop]
    _create(InteropPoint, project, editor, _rows(INTEROP_FIELDS, interop_rows))
    _fill_users(project, editor, demo)
    answers = {
        **demo.step_answers,
        "team": {**demo.step_answers["team"], "lead": team[demo.lead]},
        "stakeholders": {**demo.step_answers["stakeholders"], "sponsor": stakeholders[demo.sponsor]},
    }
    for step_slug, values in answers.items():
        record = record_for(project, STEPS.get(step_slug))
        for name, value in values.items():
            setattr(record, name, value)
        # Version 2: saved once after creation, so the step counts as started.
        record.version = 2
        record.updated_by = editor if step_slug in ("interoperability", "user-paths") else owner
        record.save()
    return team


def _fill_decisions(project, user, demo: DemoContent, stakeholders):
    decisions = _keyed(KeyDecision, project, user, ("title", "due_date"), [row[:3] for row in demo.decisions])
    raci = [
        {"decision": decisions[key], "stakeholder": stakeholders[who], "responsibility": letter}
        for key, *_rest, letters in demo.decisions
        for who, letter in letters.items()
    ]
    _create(RaciAssignment, project, user, raci)


def _fill_milestones(project, user, demo: DemoContent, stakeholders, team):
    rows = [
        {
            "name": name,
            "description": description,
            # Owner keys name either a team member or a stakeholder, never both.
            "owner_member": team.get(owner),
            "owner_stakeholder": stakeholders.get(owner),
            "target_date": target,
            "deliverable": deliverable,
            "review_gate": gate,
        }
        for _key, name, description, owner, target, deliverable, _depends_on, gate in demo.milestones
    ]
    milestones = dict(zip((row[0] for row in demo.milestones), _create(Milestone, project, user, rows), strict=True))
    for key, *_rest, depends_on, _gate in demo.milestones:
        milestones[key].depends_on.set([milestones[other] for other in depends_on])


def _fill_users(project, user, demo: DemoContent):
    groups = _keyed(UserGroup, project, user, USER_GROUP_FIELDS, demo.user_groups)
    _create(ResearchActivity, project, user, _rows(RESEARCH_FIELDS, demo.research))
    paths = _create(UserPath, project, user, [{"user_group": groups[group], "name": goal} for group, goal, _steps in demo.paths])
    for path, (_group, _goal, steps) in zip(paths, demo.paths, strict=True):
        # Journey steps are numbered within their path.
        _create(JourneyStep, project, user, _rows(JOURNEY_STEP_FIELDS, steps), path=path)
