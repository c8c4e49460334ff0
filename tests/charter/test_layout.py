"""The charter as a sponsor reads it on paper, on the demo project and on a large one.

The large project is the benchmark's (bench/setup_data.py): 200 stakeholders
and 20 key decisions, each stakeholder with a RACI role. Both charters are
rendered once for the module; the tests read each page's text as
pdftotext -layout prints it, and the HTML the PDF was made from.
"""

import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from unittest import mock

import pytest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from weasyprint import HTML

from bench.setup_data import fill
from stage1.charter.context import charter_context, sponsor_for
from stage1.charter.pdf import AllowlistFetcher, html_to_pdf
from stage1.charter.services import charter_document, charter_render
from stage1.demo.project import ensure_demo_project
from stage1.projects.models import KeyDecision, Project, TeamMember
from stage1.projects.models.items import Raci, StakeholderType
from stage1.projects.services import project_create
from stage1.projects.snapshot import load_snapshot
from stage1.projects.steps import DECISION, RACI, STAKEHOLDER, STEPS
from tests.charter.conftest import module_data
from tests.charter.pdfs import body_lines, elements_text, font_sizes, layout_pages, normal, pdf_text, reader
from tests.evaluation.factories import fill_lists, set_answers
from tests.tasks import follow_until_ready

pytestmark = pytest.mark.django_db

# The benchmark's large charter, as far as the RACI goes: every stakeholder has a role for one of 20 decisions.
LARGE = {"stakeholder": 200, "decision": 20, "raci": 200}
FEWEST_LINES = 5
RTL_OVERRIDE = "\u202e"
MM_PER_PX = 25.4 / 96


@dataclass(frozen=True)
class Charter:
    name: str
    pdf: bytes
    html: str
    fingerprint: str
    pages: list[str]
    signatories: list[dict]
    decisions: list[str]
    accountable: dict[str, list[str]]

    def body(self, number: int) -> list[str]:
        return body_lines(self.pages[number - 1], first_page=number == 1)

    def headings(self, *tags: str) -> list[str]:
        return [text for _tag, text in elements_text(self.html, *tags)]


def _charter(name: str, project) -> Charter:
    project = Project.objects.get(pk=project.pk)
    snapshot = load_snapshot(project)
    accountable = {
        decision.title: [
            row.stakeholder.name
            for row in snapshot.items_of(RACI)
            if row.decision_id == decision.pk and row.responsibility == Raci.ACCOUNTABLE
        ]
        for decision in snapshot.items_of(DECISION)
    }
    signatories = charter_context(project)["signatories"]
    document = charter_document(project)
    rendered = charter_render(project=project)
    assert rendered.fingerprint == document.fingerprint
    return Charter(
        name, rendered.pdf, document.html, rendered.fingerprint, layout_pages(rendered.pdf), signatories, list(accountable), accountable
    )


@pytest.fixture(scope="module")
def charters(django_db_setup, django_db_blocker) -> dict[str, Charter]:
    with module_data(django_db_blocker) as people:
        demo = ensure_demo_project(**people)
        large = project_create(user=people["owner"], title="Bench large charter", organisation="Bench")
        fill(large, people["owner"], LARGE["decision"], sizes=LARGE)
        return {"demo": _charter("demo", demo), "large": _charter("large", large)}


@pytest.fixture(params=["demo", "large"])
def charter(request, charters) -> Charter:
    return charters[request.param]


def test_the_large_charter_has_what_the_benchmark_fills_in(charters):
    large = charters["large"]

    assert len(large.decisions) == LARGE["decision"]
    assert sum(len(names) for names in large.accountable.values()) > 0
    assert len(reader(large.pdf).pages) > len(reader(charters["demo"].pdf).pages)


# The sign-off


def _page_of(charter: Charter, line: str) -> int:
    pages = [number for number in range(1, len(charter.pages) + 1) if line in charter.body(number)]
    assert len(pages) == 1, (line, pages)
    return pages[0]


def test_the_page_with_the_sign_off_heading_holds_every_signature_row(charter):
    heading = next(text for text in charter.headings("h2") if text.endswith("Sign-off"))
    page = "\n".join(charter.body(_page_of(charter, heading)))

    for signatory in charter.signatories:
        row = re.search(rf"^{re.escape(str(signatory['label']))}\b.*$", page, flags=re.MULTILINE)
        assert row, signatory
        # Names wrap within their column: every word of the name is on the page.
        assert set(signatory["name"].split()) <= set(page.split()), signatory
    assert f"content fingerprint {charter.fingerprint}" in normal(page)


def test_the_sign_off_names_who_prepared_it_the_sponsor_and_the_accountable_lead(charters):
    demo = charters["demo"]

    labels = [str(signatory["label"]) for signatory in demo.signatories]
    assert labels == ["Prepared by", "Sponsor", "Accountable lead"]
    assert all(signatory["name"] for signatory in demo.signatories)


def _boxes(box):
    yield box
    for child in getattr(box, "children", ()):
        yield from _boxes(child)


def test_every_signature_row_has_boxes_large_enough_to_sign_by_hand(methodology, project):
    document = HTML(string=charter_document(project).html, base_url=None, url_fetcher=AllowlistFetcher()).render()
    laid_out = [box for page in document.pages for box in _boxes(page._page_box) if box.element_tag == "div"]
    signature = [box for box in laid_out if "signature-box" in (box.element.get("class") or "")]
    date = [box for box in laid_out if "date-box" in (box.element.get("class") or "")]
    rows = len(charter_context(project)["signatories"])

    assert len(signature) == len(date) == rows
    for box in signature:
        assert box.border_width() * MM_PER_PX >= 60 and box.border_height() * MM_PER_PX >= 14
    for box in date:
        assert box.border_width() * MM_PER_PX >= 30 and box.border_height() * MM_PER_PX >= 14


# Pages


def _section_headings(charter: Charter) -> set[str]:
    return set(charter.headings("h2"))


def test_no_page_but_the_last_of_a_section_has_fewer_than_five_lines_of_text(charter):
    sections = _section_headings(charter)
    short = []
    for number in range(1, len(charter.pages)):
        following = charter.body(number + 1)
        ends_a_section = bool(following) and following[0] in sections
        if len(charter.body(number)) < FEWEST_LINES and not ends_a_section:
            short.append((number, charter.body(number)))

    assert short == []


def test_the_check_for_short_pages_sees_a_page_that_starts_a_section(charter):
    # What makes the test above meaningful: sections do start pages (the contents, the checklist, the annexes).
    sections = _section_headings(charter)
    starts = [number for number in range(2, len(charter.pages) + 1) if charter.body(number)[0] in sections]
    assert len(starts) >= 2 + len(STEPS.registers())


def test_the_contents_are_on_one_page_of_their_own(charter):
    contents = _page_of(charter, "Contents")
    entries = [line for line in charter.body(contents) if re.search(r"\.{3,}\s*\d+$", line)]

    # Every numbered section and every annex, and nothing else on that page.
    assert len(entries) == len(charter.body(contents)) - 1
    assert len(entries) == len([text for text in charter.headings("h2") if re.match(r"^(\d+\.|Annex [A-Z]:)", text)])


def _ends_with_heading(lines: list[str], headings: set[str]) -> bool:
    last = normal(lines[-1])
    if last in headings:
        return True
    # A heading wrapped over the last two lines.
    return len(lines) > 1 and normal(f"{lines[-2]} {lines[-1]}") in headings


def test_no_heading_is_the_last_line_of_a_page(charter):
    headings = set(charter.headings("h2", "h3", "h4", "dt"))
    table_heads = {normal(text) for text in charter.headings("thead")}
    stranded = [
        (number, charter.body(number)[-2:])
        for number in range(1, len(charter.pages) + 1)
        if charter.body(number) and (_ends_with_heading(charter.body(number), headings) or normal(charter.body(number)[-1]) in table_heads)
    ]

    assert stranded == []


def test_the_stranded_heading_check_finds_the_headings_on_the_pages(charter):
    # Every h2 of the document is a line of some page, as the check above expects them.
    lines = {normal(line) for number in range(1, len(charter.pages) + 1) for line in charter.body(number)}
    assert set(charter.headings("h2")) <= lines


# The RACI


def _raci_text(charter: Charter) -> str:
    text = pdf_text(charter.pdf)
    start = text.index("Roles for each key decision (RACI)")
    return text[start : text.index("Team and governance", start)]


def test_the_raci_shows_every_decision_and_every_accountable_stakeholder(charter):
    raci = _raci_text(charter)
    blocks = re.split(r"^(?=" + "|".join(re.escape(title) + r"(?: –|$)" for title in charter.decisions) + ")", raci, flags=re.MULTILINE)

    for title, names in charter.accountable.items():
        block = next((b for b in blocks if re.match(re.escape(title) + r"(?: –|\s*$)", b, flags=re.MULTILINE)), None)
        assert block is not None, title
        accountable = normal(block[block.index("Accountable") : block.index("Consulted")])
        for name in names:
            assert re.search(rf"{re.escape(name)}\b", accountable), (title, name)
    assert sum(len(names) for names in charter.accountable.values()) > 0


def test_the_large_raci_is_never_clipped_at_200_stakeholders_and_20_decisions(charters):
    large = charters["large"]
    raci = _raci_text(large)

    assert len(large.decisions) == LARGE["decision"]
    for title in large.decisions:
        assert re.search(rf"^{re.escape(title)}\b(?!\d)", raci, flags=re.MULTILINE), title
    with_a_role = {normal(name) for name in re.findall(r"Body\s+\d+", raci)}
    assert len(with_a_role) == LARGE["raci"]


# Text size and labels


def test_annex_text_is_at_least_8_5_points(charter):
    first = _page_of(charter, next(text for text in charter.headings("h2") if text.startswith("Annex A:")))
    sizes = [size for number in range(first, len(charter.pages) + 1) for size, _text in font_sizes(charter.pdf, number)]

    assert sizes
    assert min(sizes) >= 8.5


def test_register_columns_are_headed_with_the_registry_print_labels(charter):
    heads = normal(" ".join(charter.headings("thead")))

    for kind in STEPS.registers():
        for name, label in kind.print_labels.items():
            assert str(label) in heads, (kind.slug, name)
    assert "Or owner among the stakeholders" not in heads


# Right-to-left text


@pytest.fixture
def rtl_project(methodology, project, owner):
    """A project whose first indicator and first stakeholder are typed with a right-to-left override."""
    fill_lists(project, 2)
    kind = STEPS.kind("indicator")
    indicator = kind.queryset(project).first()
    indicator.indicator, indicator.baseline = f"{RTL_OVERRIDE}reversed words", ""
    indicator.save()
    stakeholder = STAKEHOLDER.queryset(project).first()
    stakeholder.name = f"{RTL_OVERRIDE}turned around"
    stakeholder.save()
    return Project.objects.get(pk=project.pk)


def test_a_right_to_left_override_does_not_reverse_the_text_around_it(rtl_project):
    text = "\n".join(layout_pages(html_to_pdf(charter_document(rtl_project).html)))

    # The value itself reads right to left, as typed; the words after it keep their order.
    assert "sdrow desrever" in text
    assert "has no baseline or no target date." in text
    assert ".etad tegrat on ro enilesab on sah" not in text


def test_messages_quoting_user_text_isolate_it_in_the_pages(rtl_project, owner_client):
    response = owner_client.get(reverse("evaluation:checklist", kwargs={"slug": rtl_project.slug}))

    assert "“\u2068\u202ereversed words\u2069” has no baseline" in response.text


# The fingerprint


def test_two_renders_of_the_same_content_have_the_same_fingerprint(charters):
    demo = charters["demo"]

    assert re.fullmatch(r"[0-9a-f]{16}", demo.fingerprint)
    assert demo.fingerprint != charters["large"].fingerprint


def test_every_page_prints_the_fingerprint_in_its_footer(charter):
    for page in charter.pages:
        footer = [line for line in page.splitlines() if line.strip()][-1]
        assert f"Fingerprint {charter.fingerprint}" in footer


def test_the_fingerprint_is_stable_across_renders_and_changes_with_the_content(methodology, project):
    first = charter_document(project)
    again = charter_document(Project.objects.get(pk=project.pk))
    decision = KeyDecision.objects.create(project=project, position=1, title="Choose the payment provider")
    changed = charter_document(Project.objects.get(pk=project.pk))
    decision.title = "Choose the payment provider."
    decision.save()
    changed_again = charter_document(Project.objects.get(pk=project.pk))

    assert again.fingerprint == first.fingerprint
    assert len({first.fingerprint, changed.fingerprint, changed_again.fingerprint}) == 3


def test_the_fingerprint_leaves_out_the_time_the_charter_was_generated(methodology, project):
    first = charter_document(project)
    later = timezone.now() + timedelta(days=3, hours=5)
    with mock.patch("stage1.charter.context.timezone.now", return_value=later):
        again = charter_document(Project.objects.get(pk=project.pk))

    assert first.html != again.html
    assert again.fingerprint == first.fingerprint


def test_the_pdf_download_sends_the_fingerprint_it_prints(methodology, project, owner_client, worker):
    response = follow_until_ready(owner_client, reverse("charter:pdf", kwargs={"slug": project.slug}))

    fingerprint = response["X-Charter-Fingerprint"]
    assert re.fullmatch(r"[0-9a-f]{16}", fingerprint)
    assert f"Fingerprint {fingerprint}" in pdf_text(response.content)


# Document label, sponsor and who prepared it


def test_the_charter_calls_itself_a_draft_and_never_prints_the_save_counter(charters):
    demo = charters["demo"]
    cover = "\n".join(demo.body(1))

    assert re.search(r"^Version\s+Draft 0\.1$", cover, flags=re.MULTILINE)
    assert "Revision" not in pdf_text(demo.pdf)


def test_the_sponsor_is_the_stakeholder_the_team_names_on_the_stakeholders_step(methodology, project):
    fill_lists(project, 4)
    stakeholders = list(STAKEHOLDER.queryset(project))
    # A political stakeholder is not taken as sponsor unless the team names them.
    stakeholders[1].kind = StakeholderType.POLITICAL
    stakeholders[1].save()
    set_answers(project, "stakeholders", sponsor=stakeholders[2])

    snapshot = load_snapshot(Project.objects.get(pk=project.pk))
    signed = charter_context(Project.objects.get(pk=project.pk))["signatories"][1]

    assert sponsor_for(snapshot) == stakeholders[2]
    assert (signed["name"], signed["role"]) == (stakeholders[2].name, stakeholders[2].organisation)


def test_without_a_named_sponsor_the_sponsor_row_is_left_to_fill_in_by_hand(methodology, project):
    fill_lists(project, 2)

    signed = charter_context(Project.objects.get(pk=project.pk))["signatories"][1]

    assert sponsor_for(load_snapshot(project)) is None
    assert (str(signed["label"]), signed["name"]) == ("Sponsor", "")


def test_prepared_by_is_the_owner_as_a_team_member_when_the_names_match(methodology, project, owner):
    TeamMember.objects.create(project=project, position=1, name=owner.get_full_name().upper(), role="service_owner")

    prepared = charter_context(Project.objects.get(pk=project.pk))["signatories"][0]

    assert prepared["name"] == owner.get_full_name().upper()
    assert prepared["role"] == "Service owner"


def test_prepared_by_falls_back_to_the_owner_account_without_a_role(methodology, project, owner):
    prepared = charter_context(project)["signatories"][0]

    assert prepared == {"label": prepared["label"], "name": owner.get_full_name(), "role": ""}


def test_approvals_given_in_the_app_are_printed_in_the_sign_off(methodology, project):
    context = charter_context(project)
    when = datetime(2027, 3, 4, 10, 15, tzinfo=timezone.get_current_timezone())
    context["approvals"] = [{"name": "Irene Voss", "role": "Deputy Mayor", "decided_at": when}]

    html = render_to_string("charter/charter.html", context)

    assert "Irene Voss" in html
    assert "Approved in Stage 1 on 4 March 2027, 10:15" in html
