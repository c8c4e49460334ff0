"""Prepare the benchmark database and measure what is measured in-process.

Run by bench/run.py with the production settings: creates the bench user,
a project with 5 items in every list and one with 200, a large project for
the charter (200 stakeholders, 100 milestones, 50 interoperability points,
20 user paths), counts SQL queries per page and times PDF renders.
Prints one JSON object on stdout.
"""

import json
import os
import statistics
import sys
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "stage1.settings")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, get_user_model  # noqa: E402
from django.contrib.sessions.backends.db import SessionStore  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import reverse  # noqa: E402

from stage1.charter.pdf import html_to_pdf  # noqa: E402
from stage1.charter.services import charter_html  # noqa: E402
from stage1.projects import models as project_models  # noqa: E402
from stage1.projects.models import Membership, Project, Role  # noqa: E402
from stage1.projects.services import project_create, project_touch  # noqa: E402
from stage1.projects.steps import STEPS  # noqa: E402

RUNS = int(os.environ.get("BENCH_PDF_RUNS", "5"))


def fill(project, user, n, *, sizes=None):
    """n items in every list (or the counts in `sizes`), with realistic cross-references."""
    size = (sizes or {}).get
    day = date(2027, 1, 1)
    stakeholders = project_models.Stakeholder.objects.bulk_create(
        project_models.Stakeholder(
            project=project,
            position=i,
            name=f"Body {i}",
            organisation=f"Organisation {i}",
            kind="public_body",
            role="Provides data and signs off the exchange.",
            interest="high",
            influence="medium",
            contact_point=f"contact{i}@example.org",
            engagement_channel="Monthly board",
            updated_by=user,
        )
        for i in range(1, size("stakeholder", n) + 1)
    )
    members = project_models.TeamMember.objects.bulk_create(
        project_models.TeamMember(
            project=project,
            position=i,
            name=f"Member {i}",
            role="developer",
            organisation=stakeholders[i % len(stakeholders)],
            allocation=50,
            start_date=day,
            updated_by=user,
        )
        for i in range(1, size("team-member", n) + 1)
    )
    decisions = project_models.KeyDecision.objects.bulk_create(
        project_models.KeyDecision(project=project, position=i, title=f"Decision {i}", due_date=day, updated_by=user)
        for i in range(1, size("decision", n) + 1)
    )
    project_models.RaciAssignment.objects.bulk_create(
        project_models.RaciAssignment(
            project=project,
            position=i,
            decision=decisions[i % len(decisions)],
            stakeholder=stakeholders[i - 1],
            responsibility="RACI"[i % 4],
            updated_by=user,
        )
        for i in range(1, min(size("raci", n), len(stakeholders)) + 1)
    )
    milestones = project_models.Milestone.objects.bulk_create(
        project_models.Milestone(
            project=project,
            position=i,
            name=f"Milestone {i}",
            description="Deliver the next increment.",
            owner_member=members[i % len(members)],
            target_date=day + timedelta(days=7 * i),
            deliverable="Working software",
            review_gate=i % 5 == 0,
            updated_by=user,
        )
        for i in range(1, size("milestone", n) + 1)
    )
    through = project_models.Milestone.depends_on.through
    through.objects.bulk_create(through(from_milestone=b, to_milestone=a) for a, b in zip(milestones, milestones[1:], strict=False))
    project_models.SuccessIndicator.objects.bulk_create(
        project_models.SuccessIndicator(
            project=project, position=i, indicator=f"Indicator {i}", baseline="10 %", target="80 %", target_date=day, updated_by=user
        )
        for i in range(1, size("indicator", n) + 1)
    )
    project_models.InteropPoint.objects.bulk_create(
        project_models.InteropPoint(
            project=project,
            position=i,
            partner=stakeholders[i % len(stakeholders)],
            partner_system="Register",
            data_exchanged="Address and vehicle data",
            direction="in",
            purpose="Check eligibility",
            legal_basis="Decree 12/2026",
            eif_layer="technical",
            standard="REST API",
            agreement_status="signed",
            owner=members[i % len(members)],
            updated_by=user,
        )
        for i in range(1, size("interop-point", n) + 1)
    )
    groups = project_models.UserGroup.objects.bulk_create(
        project_models.UserGroup(project=project, position=i, name=f"Group {i}", needs="As a resident I need a permit.", updated_by=user)
        for i in range(1, size("user-group", n) + 1)
    )
    project_models.ResearchActivity.objects.bulk_create(
        project_models.ResearchActivity(
            project=project, position=i, method="Interviews", held_on=day, participants=8, findings="People queue.", updated_by=user
        )
        for i in range(1, size("research", n) + 1)
    )
    paths = project_models.UserPath.objects.bulk_create(
        project_models.UserPath(project=project, position=i, user_group=groups[i % len(groups)], name=f"Journey {i}", updated_by=user)
        for i in range(1, size("user-path", n) + 1)
    )
    project_models.JourneyStep.objects.bulk_create(
        project_models.JourneyStep(
            project=project,
            position=i,
            path=paths[i % len(paths)],
            description=f"Step {i}",
            channel="online",
            pain_point="Slow.",
            updated_by=user,
        )
        for i in range(1, size("journey-step", n) + 1)
    )
    project_touch(project)


def ensure(owner, title, n, sizes=None):
    project = Project.objects.filter(title=title).first()
    if project is None:
        project = project_create(user=owner, title=title, organisation="Bench")
        fill(project, owner, n, sizes=sizes)
    return project


def session_cookie(user) -> str:
    store = SessionStore()
    store[SESSION_KEY] = str(user.pk)
    store[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    store.set_expiry(3600 * 4)
    store.save()
    return store.session_key


def count_queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, HTTP_HOST="127.0.0.1")
    assert response.status_code == 200, (url, response.status_code)
    return len(queries)


def timed(func, runs):
    func()  # warm: fonts and templates load on the first render
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        func()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main():
    User = get_user_model()
    owner = User.objects.get(username="demo-owner")
    demo = Project.objects.get(memberships__user=owner, memberships__role=Role.OWNER, title__icontains="parking")
    five = ensure(owner, "Bench five items", 5)
    big = ensure(owner, "Bench two hundred items", 200)
    large = ensure(
        owner,
        "Bench large charter",
        20,
        sizes={"stakeholder": 200, "milestone": 100, "interop-point": 50, "user-path": 20, "journey-step": 100, "raci": 200},
    )
    for project in (five, big, large):
        Membership.objects.get_or_create(project=project, user=owner, defaults={"role": Role.OWNER})

    client = Client()
    client.force_login(owner)
    pages = {}
    for label, project in (("5 items", five), ("200 items", big)):
        pages[f"task list ({label})"] = count_queries(client, reverse("projects:task_list", kwargs={"slug": project.slug}))
        for step in STEPS:
            url = reverse("projects:step", kwargs={"slug": project.slug, "step_slug": step.slug})
            pages[f"step {step.slug} ({label})"] = count_queries(client, url)
        pages[f"check your answers ({label})"] = count_queries(client, reverse("projects:check_answers", kwargs={"slug": project.slug}))
        pages[f"checklist ({label})"] = count_queries(client, reverse("evaluation:checklist", kwargs={"slug": project.slug}))

    pdf = {}
    for label, project in (("demo project", demo), ("large project", large)):
        html = charter_html(project)
        pdf[label] = {"render_seconds": timed(lambda html=html: html_to_pdf(html), RUNS), "pages_html_bytes": len(html)}

    print(
        json.dumps(
            {
                "session": session_cookie(owner),
                "session_cookie_name": settings.SESSION_COOKIE_NAME,
                "demo": demo.slug,
                "five": five.slug,
                "big": big.slug,
                "large": large.slug,
                "queries": pages,
                "pdf": pdf,
                "pdf_runs": RUNS,
            }
        )
    )


if __name__ == "__main__":
    main()
