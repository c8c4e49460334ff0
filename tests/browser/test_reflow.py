"""Every page type of a filled project reflows at 320 CSS pixels (WCAG 1.4.10) and passes axe-core.

The pages are derived from the step registry and the URL configuration: a step
or an item kind added to the registry is walked without changing this file.
Each test visits every page and reports every failing page at once.
"""

import pytest
from django.urls import NoReverseMatch, reverse
from playwright.sync_api import expect

from stage1.demo.project import ensure_demo_project
from stage1.evaluation.models import Action
from stage1.members.services import invitation_create
from stage1.projects.models import Role
from stage1.projects.steps import STEPS
from tests.browser.conftest import axe_check, login, screenshot

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

NARROW = {"width": 320, "height": 640}
WIDE = {"width": 1280, "height": 800}

# Unbroken text as people paste it: it must wrap, not widen the page.
LONG_ADDRESS = "https://www.example.org/services/residents-parking/permits/applications/guidance-for-applicants-and-their-households"
LONG_EMAIL = "permits.and.parking.enforcement.team.of.the.mobility.department@example.org"
LONG_ORGANISATION = "City-of-Lorem-Mobility-and-Transport-Infrastructure-Directorate"


@pytest.fixture
def demo(methodology, owner, editor, viewer):
    """The demo project, with a few unbroken strings where people paste them."""
    project = ensure_demo_project(owner=owner, editor=editor, viewer=viewer)
    project.description = f"{project.description} {LONG_ADDRESS}"
    project.organisation = LONG_ORGANISATION
    project.save(update_fields=["description", "organisation"])
    first = project.stakeholders.first()
    project.stakeholders.filter(pk=first.pk).update(contact_point=LONG_EMAIL)
    invitation_create(project=project, email=LONG_EMAIL, role=Role.EDITOR, invited_by=owner)
    return project


def _url(name: str, **kwargs) -> str | None:
    """The page's address, or None for a page this version of the service does not have."""
    try:
        return reverse(name, kwargs=kwargs)
    except NoReverseMatch:
        return None


def project_pages(project, owner) -> list[tuple[str, str]]:
    """(label, address) of every page type of the project, as its owner sees them."""
    slug = project.slug
    pages = [
        ("project list", reverse("projects:list")),
        ("task list", reverse("projects:task_list", kwargs={"slug": slug})),
    ]
    for step in STEPS:
        pages.append((f"step {step.slug}", reverse("projects:step", kwargs={"slug": slug, "step_slug": step.slug})))
        for kind in step.items:
            where = {"slug": slug, "step_slug": step.slug, "kind_slug": kind.slug}
            pages.append((f"add {kind.slug}", reverse("projects:item_add", kwargs=where)))
            item = kind.queryset(project).first()
            assert item is not None, f"the filled project has no {kind.label}: add one to the demo project"
            pages.append((f"change {kind.slug}", reverse("projects:item_change", kwargs={**where, "pk": item.pk})))
    optional = [("RACI grid", _url("projects:raci_grid", slug=slug))]
    pages += [(label, url) for label, url in optional if url is not None]

    first_step = STEPS[0]
    saved = first_step.model.history.filter(project_id=project.pk).latest("history_date", "history_id")
    member = project.memberships.exclude(user=owner).first()
    invitation = project.invitations.pending().first()
    pages += [
        ("check your answers", reverse("projects:check_answers", kwargs={"slug": slug})),
        ("checklist", reverse("evaluation:checklist", kwargs={"slug": slug})),
        ("checklist version", reverse("evaluation:version", kwargs={"slug": slug})),
    ]
    pages += [(f"checklist rule {step.slug}", reverse("evaluation:rule", kwargs={"slug": slug, "rule_slug": step.slug})) for step in STEPS]
    planned = Action.objects.filter(project=project).select_related("answer__question__rule").first()
    question = planned.answer.question
    pages += [
        ("action plan", reverse("evaluation:actions", kwargs={"slug": slug})),
        (
            "an answer with its actions",
            reverse("evaluation:answer", kwargs={"slug": slug, "rule_slug": question.rule.slug, "question_id": question.pk}),
        ),
        ("change an action", reverse("evaluation:action_change", kwargs={"slug": slug, "action_id": planned.pk})),
        ("review and approval", reverse("review:review", kwargs={"slug": slug})),
        ("comments on a step", reverse("comments:page", kwargs={"slug": slug, "target": "step", "target_slug": first_step.slug})),
        ("comments on a rule", reverse("comments:page", kwargs={"slug": slug, "target": "rule", "target_slug": first_step.slug})),
    ]
    pages += [
        ("history", reverse("history:project", kwargs={"slug": slug})),
        (
            "restore a step",
            reverse("history:restore_step", kwargs={"slug": slug, "step_slug": first_step.slug, "history_id": saved.history_id}),
        ),
        ("members", reverse("members:list", kwargs={"slug": slug})),
        ("add a member", reverse("members:add", kwargs={"slug": slug})),
        ("change a role", reverse("members:role", kwargs={"slug": slug, "member_pk": member.pk})),
        ("remove a member", reverse("members:remove", kwargs={"slug": slug, "member_pk": member.pk})),
        ("cancel an invitation", reverse("members:invitation_cancel", kwargs={"slug": slug, "invitation_pk": invitation.pk})),
        ("archive", reverse("members:archive", kwargs={"slug": slug})),
        ("delete", reverse("members:delete", kwargs={"slug": slug})),
        ("charter preview", reverse("charter:preview", kwargs={"slug": slug})),
        ("import a project", reverse("exchange:import_project")),
        ("import stakeholders", reverse("exchange:import_stakeholders", kwargs={"slug": slug})),
        ("new project", reverse("projects:new")),
        ("page not found", reverse("projects:task_list", kwargs={"slug": "no-such-project"})),
    ]
    return pages


# The elements that reach past the right edge, or whose text does, innermost last: what to fix.
WIDEST = """() => {
  const edge = document.documentElement.clientWidth;
  return [...document.body.querySelectorAll('*')]
    .filter(e => {
      const box = e.getBoundingClientRect();
      const clipped = getComputedStyle(e).overflowX !== 'visible';
      return box.right > edge + 0.5 || (!clipped && box.left + e.scrollWidth > edge + 0.5);
    })
    .slice(-4)
    .map(e => `${e.tagName.toLowerCase()}${e.id ? '#' + e.id : ''}${e.classList.length ? '.' + [...e.classList].join('.') : ''}`
      + ` (right edge ${Math.round(e.getBoundingClientRect().right)} px)`);
}"""


def test_no_page_of_a_filled_project_scrolls_sideways_at_320_pixels(page, live_server, demo, owner):
    page.set_viewport_size(NARROW)
    login(page, live_server, owner)
    failures = []
    for label, url in project_pages(demo, owner):
        page.goto(live_server.url + url)
        scroll_width, client_width = page.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
        if scroll_width > client_width:
            shot = screenshot(page, f"reflow-{label.replace(' ', '-')}")
            widest = "; ".join(page.evaluate(WIDEST))
            failures.append(f"- {label} ({url}): {scroll_width} px wide in a {client_width} px window. Past the edge: {widest}. See {shot}")
    assert not failures, "Pages that scroll sideways at 320 px:\n" + "\n".join(failures)


@pytest.mark.parametrize("viewport", [NARROW, WIDE], ids=["320px", "1280px"])
def test_every_page_of_a_filled_project_passes_axe(page, live_server, demo, owner, viewport):
    page.set_viewport_size(viewport)
    login(page, live_server, owner)
    failures = []
    for label, url in project_pages(demo, owner):
        page.goto(live_server.url + url)
        try:
            axe_check(page)
        except pytest.fail.Exception as failure:
            failures.append(f"{label}: {failure}")
    assert not failures, "\n".join(failures)


# What a screen reader announces for a link or button (its text includes the
# visually hidden part), and where it leads: a link's address, or the form a
# button submits with the name and value it adds.
NAMES_AND_TARGETS = """() => [...document.querySelectorAll('a[href], button, input[type=submit]')]
  .filter(e => e.checkVisibility())
  .map(e => {
    const label = e.getAttribute('aria-labelledby');
    const name = e.getAttribute('aria-label')
      || (label && label.split(/\\s+/).map(id => document.getElementById(id)?.textContent || '').join(' '))
      || e.textContent || e.value || '';
    let target = e.href;
    if (!target) {
      const action = e.getAttribute('formaction') || e.form?.getAttribute('action') || location.pathname;
      target = `${e.form?.method || 'get'} ${action} ${e.name || ''}=${e.name ? e.value : ''}`;
    }
    return [name.trim().replace(/\\s+/g, ' '), target];
  })"""


def test_links_and_buttons_that_share_a_name_lead_to_the_same_place(page, live_server, demo, owner):
    pages = [(f"step {step.slug}", reverse("projects:step", kwargs={"slug": demo.slug, "step_slug": step.slug})) for step in STEPS]
    pages += [
        ("history", reverse("history:project", kwargs={"slug": demo.slug})),
        ("members", reverse("members:list", kwargs={"slug": demo.slug})),
    ]
    login(page, live_server, owner)
    failures = []
    for label, url in pages:
        page.goto(live_server.url + url)
        targets: dict[str, set[str]] = {}
        for name, target in page.evaluate(NAMES_AND_TARGETS):
            targets.setdefault(name, set()).add(target)
        for name, found in sorted(targets.items()):
            if len(found) > 1:
                failures.append(f"- {label} ({url}): {len(found)} different targets are all called “{name}”: {', '.join(sorted(found))}")
    assert not failures, "Links or buttons whose name does not say which item they act on:\n" + "\n".join(failures)


def test_a_stacked_table_is_still_a_table_with_its_headers_for_screen_readers(page, live_server, demo, owner):
    page.set_viewport_size(NARROW)
    login(page, live_server, owner)
    page.goto(live_server.url + reverse("projects:list"))

    table = page.get_by_role("table", name="Projects you are a member of")
    organisation = table.get_by_role("cell", name=demo.organisation, exact=True)
    expect(table.get_by_role("columnheader", name="Organisation")).to_have_count(1)
    expect(table.get_by_role("rowheader", name=demo.title)).to_be_visible()
    # The label drawn above the cell on a narrow screen is not part of its name (checked by exact=True above).
    expect(organisation).to_be_visible()
    assert organisation.evaluate("e => getComputedStyle(e, '::before').content").startswith('"Organisation"')
    assert page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")
