"""The body rows of an item table, built in Python.

A list may hold 500 items; rendering each cell through the template engine
made a 200-item step page several times slower than a 5-item one. Every
value is escaped with html.escape (what Django's escape does, without the
lazy-string machinery that dominated the cost here).
"""

from html import escape

from django import template
from django.core.paginator import Paginator
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

from stage1.core.bidi import isolate
from stage1.projects.display import display, field_label
from stage1.projects.models.items import Raci
from stage1.projects.rows import LIST_PAGE_SIZE

register = template.Library()

LIMIT = 160


def _cell(value: str, none: str) -> str:
    if not value:
        return none
    return escape(value if len(value) <= LIMIT else value[: LIMIT - 1] + "…")


def _button(action: str, text: str, hidden: str) -> str:
    return (
        f'<button type="submit" name="action" value="{action}" class="stage1-button-link govuk-link">'
        f'{text}<span class="govuk-visually-hidden"> {hidden}</span></button>'
    )


def _row_words() -> dict[str, str]:
    return {
        "change": escape(gettext("Change")),
        "remove": escape(gettext("Remove")),
        "up": escape(gettext("Move up")),
        "down": escape(gettext("Move down")),
        "insert": escape(gettext("Insert after")),
    }


def _row_buttons(kind, pk: int, hidden: str, *, first: bool, last: bool, words: dict[str, str]) -> str:
    """One item's buttons in the step form: Change and Remove (unless the list has its own editor), Move and Insert for ordered lists.

    `hidden` (escaped) ends every button's accessible name: the item's kind,
    number in the list and text ("Remove journey step 3: Pay the fee"), so two
    items with the same text never share a button name. The first and last
    of a list (or of a path's journey steps) cannot move further.
    """
    verbs = ("change", "remove") if not kind.editor_url_name else ()
    if kind.ordered and not first:
        verbs += ("up",)
    if kind.ordered and not last:
        verbs += ("down",)
    if kind.ordered and kind.position_scope:
        verbs += ("insert",)
    slug, key = escape(kind.slug), int(pk)
    return "".join(_button(f"{verb}:{slug}:{key}", words[verb], hidden) for verb in verbs)


@register.simple_tag
def row_buttons(kind, item, number: int, first: bool, last: bool):
    """The buttons of an item changed in its row on the step page, where Change opens "More details"."""
    words = {**_row_words(), "change": escape(gettext("More details"))}
    hidden = f"{escape(str(kind.label))} {number}: {escape(str(item))}"
    # Safe: every word and name went through html.escape.
    return mark_safe(_row_buttons(kind, item.pk, hidden, first=first, last=last, words=words))  # noqa: S308  # nosec B308, B703


@register.simple_tag
def list_page(rows, number: int):
    """Page `number` of a table's rows, LIST_PAGE_SIZE a page (the last page for a number past the end).

    `numbers`: the page numbers to offer, with an ellipsis for the ones left out, as the History does.
    """
    paginator = Paginator(rows, LIST_PAGE_SIZE)
    page = paginator.get_page(number)
    page.numbers = list(paginator.get_elided_page_range(page.number, on_each_side=1, on_ends=1))
    return page


@register.simple_tag
def item_table_rows(kind, rows, editable: bool, page):
    """The rows of the `page` of one list shown (list_page); with `editable`, each row's buttons (_row_buttons).

    Numbers, and whether an item can move further up or down, come from the
    whole list: the first row of page 2 is item 51 and can still move up.
    """
    none = f'<span class="govuk-hint">{escape(gettext("None"))}</span>'
    # Once per table, not per row: a list may hold 500 items.
    words = _row_words()
    slug, label = escape(kind.slug), escape(str(kind.label))
    headers = [escape(str(field_label(kind.model, column))) for column in kind.columns]
    has_buttons = not kind.editor_url_name or kind.ordered
    # First and last of each scope (each path's journey steps) cannot move further up or down.
    scopes = [tuple(getattr(item, f"{name}_id") for name in kind.position_scope) for item, _values in rows]
    html = []
    for number in range(page.start_index(), page.end_index() + 1):
        item, values = rows[number - 1]
        first = number == 1 or scopes[number - 2] != scopes[number - 1]
        last = number == len(rows) or scopes[number] != scopes[number - 1]
        name = escape(values[0]) if values else ""
        cells = [f'<th scope="row" class="govuk-table__header stage1-prose">{_cell(values[0], none)}</th>']
        # data-label: the column's header, shown before the value when the table stacks on a phone.
        cells += [
            f'<td class="govuk-table__cell stage1-prose" data-label="{header}">{_cell(value, none)}</td>'
            for header, value in zip(headers[1:], values[1:], strict=True)
        ]
        if editable and has_buttons:
            shown = _row_buttons(kind, item.pk, f"{label} {number}: {name}", first=first, last=last, words=words)
            cells.append(f'<td class="govuk-table__cell stage1-row-actions">{shown}</td>')
        html.append(f'<tr class="govuk-table__row" id="{slug}-{int(item.pk)}">{"".join(cells)}</tr>')
    # Safe: every value above went through html.escape.
    return mark_safe("\n".join(html))  # noqa: S308  # nosec B308, B703


@register.simple_tag
def item_summary_cards(project, step, kind, items, editable: bool):
    """Every answered field of every item, as GOV.UK summary cards (check your answers)."""
    names = kind.fields
    labels = {name: escape(str(field_label(kind.model, name))) for name in names}
    change = escape(gettext("Change"))
    label = escape(str(kind.label))
    html = []
    for number, item in enumerate(items, start=1):
        values = [(name, display(item, name)) for name in names]
        title = escape(values[0][1]) if values and values[0][1] else str(number)
        actions = ""
        if editable:
            # ?from=check: saving the item comes back here.
            url = (
                reverse(
                    "projects:item_change", kwargs={"slug": project.slug, "step_slug": step.slug, "kind_slug": kind.slug, "pk": item.pk}
                )
                + "?from=check"
            )
            actions = (
                '<ul class="govuk-summary-card__actions"><li class="govuk-summary-card__action">'
                f'<a class="govuk-link" href="{escape(url)}">{change}'
                f'<span class="govuk-visually-hidden"> {label} {number}: {title}</span></a></li></ul>'
            )
        rows = "".join(
            f'<div class="govuk-summary-list__row"><dt class="govuk-summary-list__key">{labels[name]}</dt>'
            f'<dd class="govuk-summary-list__value stage1-prose">{escape(value)}</dd></div>'
            for name, value in values[1:]
            if value
        )
        html.append(
            '<div class="govuk-summary-card"><div class="govuk-summary-card__title-wrapper">'
            f'<h4 class="govuk-summary-card__title">{title}</h4>{actions}</div>'
            f'<div class="govuk-summary-card__content"><dl class="govuk-summary-list">{rows}</dl></div></div>'
        )
    # Safe: every value, label and address above went through html.escape.
    return mark_safe("".join(html))  # noqa: S308  # nosec B308, B703


@register.simple_tag
def roles_by_decision(rows):
    """A RACI's assignments as one line per decision: (decision, [(role, names) for R, A, C, I]), in the list's order."""
    letters = [letter for letter, _label in Raci.choices]
    labels = dict(Raci.choices)
    grouped: dict[int, tuple[object, dict[str, list[str]]]] = {}
    for item, _values in rows:
        decision, names = grouped.setdefault(item.decision_id, (item.decision, {letter: [] for letter in letters}))
        names[item.responsibility].append(isolate(item.stakeholder))
    return [(decision, [(labels[letter], ", ".join(names[letter])) for letter in letters]) for decision, names in grouped.values()]
