"""Prepare the benchmark database and measure what is measured in-process.

Run by bench/run.py with the production settings: creates the bench user,
a project with 5 items in every list and one with 200, a large project for
the charter (200 stakeholders, 100 milestones, 50 interoperability points,
20 user paths) and a scale project (SCALE: 500 stakeholders, 300 milestones,
100 team members, 100 interoperability points, 50 user paths, with a history
of thousands of saved versions), counts SQL queries per page and times PDF
renders as the worker does them. Prints one JSON object on stdout.

`python bench/setup_data.py render-once <project slug>`: render one charter
and exit; bench/run.py runs it in a fresh process to measure the peak memory
of a render.
"""

import gc
import io
import json
import os
import statistics
import sys
import time
import uuid
from contextlib import contextmanager
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
from django.utils import timezone  # noqa: E402
from pypdf import PdfReader  # noqa: E402

from stage1.charter.pdf import html_to_pdf  # noqa: E402
from stage1.charter.services import charter_html, fewer_collections, pdf_of  # noqa: E402
from stage1.projects import models as project_models  # noqa: E402
from stage1.projects.models import Membership, Project, Role  # noqa: E402
from stage1.projects.rows import LIST_PAGE_SIZE  # noqa: E402
from stage1.projects.services import project_create, project_touch  # noqa: E402
from stage1.projects.steps import STEPS  # noqa: E402

RUNS = int(os.environ.get("BENCH_PDF_RUNS", "3"))
# The scale project's render takes seconds: fewer runs, after the warm-up the smaller charters gave.
SCALE_RUNS = int(os.environ.get("BENCH_SCALE_PDF_RUNS", "2"))

LARGE = {"stakeholder": 200, "milestone": 100, "interop-point": 50, "user-path": 20, "journey-step": 100, "raci": 200}
SCALE = {
    "stakeholder": 500,
    "milestone": 300,
    "team-member": 100,
    "interop-point": 100,
    "user-path": 50,
    "journey-step": 250,
    "raci": 500,
}


def fill(project, user, n, *, sizes=None):
    """n items in every list (or the counts in `sizes`, keyed by the registry's item kind slugs), with realistic cross-references."""
    unknown = set(sizes or {}) - {kind.slug for step in STEPS for kind in step.items}
    if unknown:
        raise ValueError(f"not item kinds of the registry: {sorted(unknown)}")
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


def ensure(owner, title, n, sizes=None, *, history=False):
    project = Project.objects.filter(title=title).first()
    if project is None:
        project = project_create(user=owner, title=title, organisation="Bench")
        fill(project, owner, n, sizes=sizes)
        if history:
            give_history(project, owner)
    return project


def give_history(project, user, *, items_a_save=10, edits=3):
    """A history as people make it: the items added a few at a time, then edited again and again, one save each.

    fill() writes with bulk_create, which keeps no history. Here every item gets
    its "added" version, and the items of the longest lists `edits` changed
    versions, in saves of `items_a_save` rows; each save has its own request id
    and time, as saves through the pages do, so the history page has hundreds
    of saves and thousands of rows to page through.
    """
    when = timezone.now() - timedelta(days=60)
    saves = 0

    def save(model, rows, *, update):
        nonlocal when, saves
        when += timedelta(minutes=7)
        saves += 1
        model.history.bulk_history_create(rows, update=update, default_user=user, default_change_reason=uuid.uuid4().hex, default_date=when)

    kinds = [kind for step in STEPS for kind in step.items]
    for kind in kinds:
        rows = list(kind.model.objects.filter(project=project).order_by("pk"))
        for start in range(0, len(rows), items_a_save):
            save(kind.model, rows[start : start + items_a_save], update=False)
    changed = {project_models.Stakeholder: "engagement_channel", project_models.Milestone: "deliverable"}
    for model, name in changed.items():
        rows = list(model.objects.filter(project=project).order_by("pk"))
        for edit in range(1, edits + 1):
            for row in rows:
                setattr(row, name, f"{getattr(row, name).split(' (')[0]} (review {edit})")
            model.objects.bulk_update(rows, [name])
            for start in range(0, len(rows), items_a_save):
                save(model, rows[start : start + items_a_save], update=True)
    return saves


def session_cookie(user) -> str:
    store = SessionStore()
    store[SESSION_KEY] = str(user.pk)
    store[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    store.set_expiry(3600 * 4)
    store.save()
    return store.session_key


def count_queries(client, url) -> tuple[int, int]:
    """Queries of the first read of a page since the project changed (it builds the cached parts), and of the next one."""
    counts = []
    for _ in range(2):
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url, HTTP_HOST="127.0.0.1")
        assert response.status_code == 200, (url, response.status_code)
        counts.append(len(queries))
    return counts[0], counts[1]


def timed(func, runs, *, warm=True):
    """The median seconds of `runs` calls, and what the last one returned."""
    if warm:
        func()  # warm: fonts and templates load on the first render
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        result = func()
        times.append(time.perf_counter() - started)
    return statistics.median(times), result


def pdf_of_in_two_parts(html: str) -> tuple[bytes, float, float]:
    """pdf_of, and its seconds split into laying out the pages and writing the PDF that follows.

    The split says which part of a render a cache of laid-out pages could ever save: every page
    is drawn and written again after any change, since each page's footer prints the content
    fingerprint, the version and "Page X of Y".
    """
    layout = []

    @contextmanager
    def timed_layout():
        with fewer_collections():
            started = time.perf_counter()
            yield
            layout.append(time.perf_counter() - started)

    started = time.perf_counter()
    pdf = html_to_pdf(html, laying_out=timed_layout)
    total = time.perf_counter() - started
    return pdf, layout[0], total - layout[0]


def timed_render(html: str, runs: int, *, warm: bool) -> dict:
    """Median seconds of `runs` renders as pdf_of makes them, whole and split into laying out and writing."""
    if warm:
        pdf_of(html)
    measured = [pdf_of_in_two_parts(html) for _ in range(runs)]
    return {
        "render_seconds": statistics.median(layout + writing for _, layout, writing in measured),
        "layout_seconds": statistics.median(layout for _, layout, _ in measured),
        "writing_seconds": statistics.median(writing for _, _, writing in measured),
        "pages": page_count(measured[-1][0]),
        "pages_html_bytes": len(html),
        "runs": runs,
    }


def page_count(pdf: bytes) -> int:
    return len(PdfReader(io.BytesIO(pdf)).pages)


# About a dozen pages of WeasyPrint's floor document.
FLOOR_PARAGRAPHS = 120


def weasyprint_floor() -> dict:
    """What WeasyPrint itself costs a page on this machine, in this run: plain paragraphs, nothing of ours but the type.

    The document has the charter's stylesheet (so its fonts, size, measure,
    running header and page numbers) and is rendered as the charter is
    (pdf_of: PDF/UA-1, tagged), but holds only paragraphs of plain text: no
    table, list or heading. The charters' renders are reported against as
    many pages at this cost, which says what part of a render is the
    renderer's own price on this machine and what part the charter's content.
    """
    sentence = "Plain text set in the charter's own type, size and measure, with nothing else on the page"
    paragraph = f"<p>{' '.join([sentence] * 5)}.</p>"
    html = (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>WeasyPrint floor</title>'
        f'<link rel="stylesheet" href="stage1-asset:charter.css"></head><body>{paragraph * FLOOR_PARAGRAPHS}</body></html>'
    )
    seconds, pdf = timed(lambda: pdf_of(html), RUNS)
    pages = page_count(pdf)
    return {"seconds": seconds, "pages": pages, "seconds_per_page": seconds / pages}


def main():
    User = get_user_model()
    owner = User.objects.get(username="demo-owner")
    demo = Project.objects.get(memberships__user=owner, memberships__role=Role.OWNER, title__icontains="parking")
    five = ensure(owner, "Bench five items", 5)
    big = ensure(owner, "Bench two hundred items", 200)
    large = ensure(owner, "Bench large charter", 20, sizes=LARGE)
    scale = ensure(owner, "Bench scale project", 20, sizes=SCALE, history=True)
    for project in (five, big, large, scale):
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

    # As in the worker: what start-up loaded is frozen out of the collector's sight, and pdf_of
    # raises its threshold during the render.
    gc.collect()
    gc.freeze()
    pdf = {}
    for label, project, runs, warm in (
        ("demo project", demo, RUNS, True),
        ("large project", large, RUNS, True),
        ("scale project", scale, SCALE_RUNS, False),
    ):
        pdf[label] = timed_render(charter_html(project), runs, warm=warm)
    floor = weasyprint_floor()

    print(
        json.dumps(
            {
                "session": session_cookie(owner),
                "session_cookie_name": settings.SESSION_COOKIE_NAME,
                "demo": demo.slug,
                "five": five.slug,
                "big": big.slug,
                "large": large.slug,
                "scale": scale.slug,
                "scale_sizes": SCALE,
                "large_sizes": LARGE,
                "scale_history_rows": history_rows(scale),
                "five_language": five.language,
                "list_page_size": LIST_PAGE_SIZE,
                "quiet_seconds": settings.STAGE1_CHARTER_QUIET_SECONDS,
                # Read again (what every later visitor costs) and read first after a change (builds the cached parts).
                "queries": {label: again for label, (first, again) in pages.items()},
                "queries_first": {label: first for label, (first, again) in pages.items()},
                "pdf": pdf,
                "pdf_floor": floor,
                "pdf_runs": RUNS,
            }
        )
    )


def history_rows(project) -> int:
    return sum(kind.model.history.filter(project_id=project.pk).count() for step in STEPS for kind in step.items)


def resident_bytes() -> int:
    """This process's resident memory now (VmRSS)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) * 1024
    raise RuntimeError("no VmRSS in /proc/self/status")


def render_once(slug: str) -> None:
    """What the worker does for one charter, without storing it: build the HTML, render it with fewer collections.

    Prints what the process held before the render began (started as the worker starts), so the
    report can say how much of the peak the render itself adds.
    """
    gc.collect()
    gc.freeze()
    before = resident_bytes()
    pdf_of(charter_html(Project.objects.get(slug=slug)))
    print(json.dumps({"before_render_bytes": before}))


if __name__ == "__main__":
    if sys.argv[1:2] == ["render-once"]:
        render_once(sys.argv[2])
    else:
        main()
