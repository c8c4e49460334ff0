"""A long list on a step page is read a page at a time, and turning a page never loses what was typed.

Each list's table shows LIST_PAGE_SIZE rows; its pages are GOV.UK pagination,
buttons in the step form (what was typed is saved first, as with an item's
Change button) and links for those who only read. Every figure below comes
from LIST_PAGE_SIZE and the rows the project holds.
"""

import re
from html import unescape

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils.html import escape

from stage1.projects.models import KeyDecision, Milestone, Project, Stakeholder
from stage1.projects.rows import LIST_PAGE_SIZE
from tests.projects.factories import fill_lists, item_post, record_of, step_post, unchanged_answers
from tests.projects.helpers import hidden_base_version, item_add_url, item_change_url, item_remove_url, step_url, text_of

pytestmark = pytest.mark.django_db

# Two full pages and a short third one.
LONG = LIST_PAGE_SIZE * 2 + 3
PAGES = 3


@pytest.fixture
def long_project(project):
    fill_lists(project, LONG)
    return project


def ordered_keys(model, project) -> list[int]:
    return list(model.objects.filter(project=project).order_by("position", "id").values_list("pk", flat=True))


def page_slice(keys: list[int], number: int) -> list[int]:
    return keys[(number - 1) * LIST_PAGE_SIZE : number * LIST_PAGE_SIZE]


def shown_rows(response, kind_slug: str) -> list[int]:
    return [int(pk) for pk in re.findall(rf'<tr class="govuk-table__row" id="{kind_slug}-(\d+)"', text_of(response))]


def list_part(response, kind_slug: str) -> str:
    """The HTML of one list on the step page, from its heading to the next list (or the end)."""
    page = text_of(response)
    start = page.index(f'<div id="{kind_slug}-list"')
    following = re.compile(r'<div id="[a-z-]+-list" class="stage1-item-list"').search(page, start + 1)
    return page[start : following.start() if following else len(page)]


def test_a_long_list_shows_its_first_page_and_says_which_rows(long_project, owner_client):
    response = owner_client.get(step_url(long_project, "stakeholders"))

    assert shown_rows(response, "stakeholder") == page_slice(ordered_keys(Stakeholder, long_project), 1)
    assert shown_rows(response, "decision") == page_slice(ordered_keys(KeyDecision, long_project), 1)
    assert f"Showing 1 to {LIST_PAGE_SIZE} of {LONG}" in list_part(response, "stakeholder")


@pytest.mark.parametrize("persona", ["owner_client", "viewer_client"])
def test_every_page_shows_its_rows_and_the_last_page_the_rest(long_project, persona, request):
    client = request.getfixturevalue(persona)
    keys = ordered_keys(Stakeholder, long_project)
    shown = []
    for number in range(1, PAGES + 1):
        response = client.get(step_url(long_project, "stakeholders") + f"?stakeholder-page={number}")
        assert response.status_code == 200
        rows = shown_rows(response, "stakeholder")
        assert rows == page_slice(keys, number)
        first, last = (number - 1) * LIST_PAGE_SIZE + 1, (number - 1) * LIST_PAGE_SIZE + len(rows)
        assert f"Showing {first} to {last} of {LONG}" in list_part(response, "stakeholder")
        shown += rows
    assert shown == keys, "the pages together show every item once, in order"


@pytest.mark.parametrize(("asked", "shown"), [("999", PAGES), ("0", 1), ("-1", 1), ("two", 1), ("", 1), ("²", 1)])
def test_a_page_that_does_not_exist_shows_the_nearest_one(long_project, viewer_client, asked, shown):
    response = viewer_client.get(step_url(long_project, "stakeholders"), {"stakeholder-page": asked})

    assert response.status_code == 200
    assert shown_rows(response, "stakeholder") == page_slice(ordered_keys(Stakeholder, long_project), shown)


def test_each_list_turns_its_pages_on_its_own_and_links_keep_the_others(long_project, viewer_client):
    response = viewer_client.get(step_url(long_project, "stakeholders") + "?stakeholder-page=2&decision-page=3")

    assert shown_rows(response, "stakeholder") == page_slice(ordered_keys(Stakeholder, long_project), 2)
    assert shown_rows(response, "decision") == page_slice(ordered_keys(KeyDecision, long_project), 3)
    # A reader's links to the stakeholders' pages keep the decisions where they are, and the other way round.
    assert 'href="?decision-page=3&amp;stakeholder-page=3#stakeholder-list"' in list_part(response, "stakeholder")
    assert 'href="?stakeholder-page=2&amp;decision-page=2#decision-list"' in list_part(response, "decision")


def test_readers_get_links_and_writers_buttons_that_save_first(long_project, owner_client, editor_client, viewer_client):
    url = step_url(long_project, "stakeholders") + "?stakeholder-page=2"
    read = list_part(viewer_client.get(url), "stakeholder")
    assert 'href="?stakeholder-page=3#stakeholder-list"' in read
    assert 'value="page:stakeholder:3"' not in read
    for client in (owner_client, editor_client):
        written = list_part(client.get(url), "stakeholder")
        assert 'value="page:stakeholder:3"' in written
        assert 'value="page:stakeholder:1"' in written
        assert 'href="?stakeholder-page=3' not in written
    # The current page is marked, not offered.
    assert 'aria-current="page" aria-label="Stakeholders, page 2"' in read


def test_buttons_name_their_list_so_two_paginations_never_share_a_name(long_project, owner_client):
    response = owner_client.get(step_url(long_project, "stakeholders"))
    for kind_slug, items in (("stakeholder", "stakeholders"), ("decision", "key decisions")):
        part = list_part(response, kind_slug)
        assert f'aria-label="Pages: {items.capitalize()}"' in part
        assert f'aria-label="Next page: {items}"' in part
        assert f'aria-label="{items.capitalize()}, page 2"' in part


def test_a_short_list_has_no_pages(project, owner_client):
    fill_lists(project, LIST_PAGE_SIZE)
    part = list_part(owner_client.get(step_url(project, "stakeholders")), "stakeholder")

    assert "govuk-pagination" not in part
    assert "Showing" not in part
    assert len(re.findall(r'<tr class="govuk-table__row" id="stakeholder-', part)) == LIST_PAGE_SIZE


def test_numbers_and_moves_come_from_the_whole_list(long_project, owner_client):
    keys = ordered_keys(Milestone, long_project)
    page_two = owner_client.get(step_url(long_project, "plan") + "?milestone-page=2")
    first_on_page = keys[LIST_PAGE_SIZE]
    # Item 51 can still move up (to page 1), and its buttons say it is item 51.
    assert f'value="up:milestone:{first_on_page}"' in text_of(page_two)
    assert f"milestone {LIST_PAGE_SIZE + 1}: " in text_of(page_two)
    page_one = owner_client.get(step_url(long_project, "plan"))
    assert f'value="down:milestone:{keys[LIST_PAGE_SIZE - 1]}"' in text_of(page_one)
    assert f'value="up:milestone:{keys[0]}"' not in text_of(page_one)


def test_turning_a_page_with_nothing_typed_saves_nothing(long_project, owner_client):
    record = record_of(long_project, "stakeholders")
    revision = long_project.revision
    history = type(record).history.filter(project_id=long_project.pk).count()
    data = {**unchanged_answers(long_project, "stakeholders"), "action": "page:stakeholder:2"}

    response = owner_client.post(step_url(long_project, "stakeholders") + "?decision-page=3", data)

    assert response.status_code == 302
    assert response["Location"] == step_url(long_project, "stakeholders") + "?decision-page=3&stakeholder-page=2#stakeholder-list"
    assert Project.objects.get(pk=long_project.pk).revision == revision
    assert record_of(long_project, "stakeholders").version == record.version
    assert type(record).history.filter(project_id=long_project.pk).count() == history
    followed = owner_client.get(response["Location"])
    assert shown_rows(followed, "stakeholder") == page_slice(ordered_keys(Stakeholder, long_project), 2)
    assert shown_rows(followed, "decision") == page_slice(ordered_keys(KeyDecision, long_project), 3)


def test_turning_a_page_saves_what_was_typed_first(long_project, owner_client):
    typed = "Every stakeholder hears from us once a month"
    data = step_post(long_project, "stakeholders", action="page:stakeholder:3", engagement_approach=typed)

    response = owner_client.post(step_url(long_project, "stakeholders") + "?from=check", data)

    assert response.status_code == 302
    assert response["Location"] == step_url(long_project, "stakeholders") + "?from=check&stakeholder-page=3#stakeholder-list"
    assert record_of(long_project, "stakeholders").engagement_approach == typed
    followed = owner_client.get(response["Location"])
    assert "were saved" in text_of(followed)
    assert shown_rows(followed, "stakeholder") == page_slice(ordered_keys(Stakeholder, long_project), 3)


def test_an_answer_that_cannot_be_saved_keeps_the_page_and_the_text(long_project, owner_client):
    typed = "Monthly letters to every stakeholder"
    record = record_of(long_project, "stakeholders")
    data = step_post(long_project, "stakeholders", action="page:stakeholder:3", engagement_approach=typed, sponsor="999999999")

    response = owner_client.post(step_url(long_project, "stakeholders") + "?stakeholder-page=2", data)

    assert response.status_code == 200
    assert "There is a problem" in text_of(response)
    assert escape(typed) in text_of(response)
    assert shown_rows(response, "stakeholder") == page_slice(ordered_keys(Stakeholder, long_project), 2)
    assert record_of(long_project, "stakeholders").version == record.version


@pytest.mark.parametrize("action", ["page:milestone:2", "page:stakeholder:two", "page:stakeholder:"])
def test_a_page_button_for_another_list_or_no_page_stays_on_the_step(long_project, owner_client, action):
    data = {**unchanged_answers(long_project, "stakeholders"), "action": action}

    response = owner_client.post(step_url(long_project, "stakeholders"), data)

    assert response.status_code == 302
    assert response["Location"].startswith(step_url(long_project, "stakeholders"))
    assert "-page=" not in response["Location"]


def test_the_raci_is_paged_by_key_decision(long_project, viewer_client):
    titles = list(KeyDecision.objects.filter(project=long_project).order_by("position", "id").values_list("title", flat=True))
    url = step_url(long_project, "stakeholders")

    first = list_part(viewer_client.get(url), "raci")
    second = list_part(viewer_client.get(url + "?raci-page=2"), "raci")

    assert f">{titles[0]}<" in first and f">{titles[LIST_PAGE_SIZE]}<" not in first
    assert f">{titles[LIST_PAGE_SIZE]}<" in second and f">{titles[0]}<" not in second
    assert f"Showing {LIST_PAGE_SIZE + 1} to {2 * LIST_PAGE_SIZE} of {LONG}" in second


def test_each_page_is_kept_and_a_new_item_shows_at_once(long_project, owner_client):
    last_page = step_url(long_project, "stakeholders") + f"?stakeholder-page={PAGES}"
    first_read = owner_client.get(last_page)
    with CaptureQueriesContext(connection) as again:
        second_read = owner_client.get(last_page)
    assert text_of(second_read).count("govuk-table__row") == text_of(first_read).count("govuk-table__row")
    assert shown_rows(second_read, "stakeholder") == shown_rows(first_read, "stakeholder")
    assert not any("projects_stakeholder" in query["sql"] for query in again.captured_queries), "a kept page loads no item"
    assert shown_rows(owner_client.get(step_url(long_project, "stakeholders")), "stakeholder") != shown_rows(first_read, "stakeholder")

    added_response = owner_client.post(item_add_url(long_project, "stakeholders", "stakeholder"), item_post(long_project, "stakeholder"))
    assert added_response.status_code == 302
    added = Stakeholder.objects.filter(project=long_project).latest("pk")
    assert shown_rows(owner_client.get(last_page), "stakeholder")[-1] == added.pk


# --- An item's page, opened from page 2, comes back to the page that shows the item ------------------


def back_link_of(response) -> str:
    return unescape(re.search(r'<a href="([^"]+)" class="govuk-back-link"', text_of(response)).group(1))


def test_change_from_a_later_page_comes_back_to_that_page_with_the_other_lists_kept(long_project, owner_client):
    keys = ordered_keys(Stakeholder, long_project)
    item = Stakeholder.objects.get(pk=keys[LIST_PAGE_SIZE + 1])
    step_page = step_url(long_project, "stakeholders") + "?stakeholder-page=2&decision-page=3"
    data = {**unchanged_answers(long_project, "stakeholders"), "action": f"change:stakeholder:{item.pk}"}

    opened = owner_client.post(step_page, data)

    assert opened.status_code == 302
    change_url = item_change_url(long_project, "stakeholders", "stakeholder", item.pk)
    assert opened["Location"] == change_url + "?stakeholder-page=2&decision-page=3"
    change_page = owner_client.get(opened["Location"])
    back_link = re.search(r'<a href="([^"]+)" class="govuk-back-link"', text_of(change_page))
    assert (
        back_link
        and unescape(back_link.group(1)) == step_url(long_project, "stakeholders") + "?decision-page=3&stakeholder-page=2#stakeholder-list"
    )

    saved = owner_client.post(
        opened["Location"], {"name": "Renamed on page two", "kind": item.kind, "base_version": hidden_base_version(change_page)}
    )

    assert saved.status_code == 302
    followed = owner_client.get(saved["Location"])
    assert shown_rows(followed, "stakeholder") == page_slice(keys, 2)
    assert shown_rows(followed, "decision") == page_slice(ordered_keys(KeyDecision, long_project), 3)
    assert "Renamed on page two" in list_part(followed, "stakeholder")


def test_an_item_added_from_the_first_page_is_shown_on_the_page_that_holds_it(long_project, owner_client):
    response = owner_client.post(item_add_url(long_project, "stakeholders", "stakeholder"), item_post(long_project, "stakeholder"))

    assert response.status_code == 302
    keys = ordered_keys(Stakeholder, long_project)
    added = Stakeholder.objects.filter(project=long_project).latest("pk")
    holding_page = keys.index(added.pk) // LIST_PAGE_SIZE + 1
    assert holding_page > 1
    assert f"stakeholder-page={holding_page}" in response["Location"]
    assert added.pk in shown_rows(owner_client.get(response["Location"]), "stakeholder")


def test_removing_the_only_item_of_the_last_page_comes_back_to_the_page_before(project, owner_client):
    fill_lists(project, LIST_PAGE_SIZE + 1)
    keys = ordered_keys(Stakeholder, project)
    last = Stakeholder.objects.get(pk=keys[-1])
    url = item_remove_url(project, "stakeholders", "stakeholder", last.pk) + "?stakeholder-page=2"

    page = owner_client.get(url)
    assert "stakeholder-page=2" in back_link_of(page)
    removed = owner_client.post(url, {"base_version": last.version})

    assert removed.status_code == 302
    assert "stakeholder-page=2" in removed["Location"]
    followed = owner_client.get(removed["Location"])
    assert followed.status_code == 200
    # The page the item was on is gone: the address shows the last page there is, which holds every row left.
    assert shown_rows(followed, "stakeholder") == keys[:-1]


def test_an_item_page_carries_only_page_numbers_of_the_step_s_own_lists(long_project, owner_client):
    item = Stakeholder.objects.filter(project=long_project).first()
    url = item_change_url(long_project, "stakeholders", "stakeholder", item.pk)

    page = owner_client.get(url + "?milestone-page=2&decision-page=two&raci-page=0&from=elsewhere&stakeholder-page=3")

    back_link = back_link_of(page)
    # The item is on page 1 whatever the address said; the others are not this step's lists or not page numbers.
    assert back_link == step_url(long_project, "stakeholders") + "#stakeholder-list"
