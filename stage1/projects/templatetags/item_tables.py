"""The body rows of an item table, built in Python.

A list may hold 500 items; rendering each cell through the template engine
made a 200-item step page several times slower than a 5-item one. Every
value is escaped with html.escape (what Django's escape does, without the
lazy-string machinery that dominated the cost here).
"""

from html import escape

from django import template
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

from stage1.projects.display import display, field_label

register = template.Library()

LIMIT = 160


def _cell(value: str, none: str) -> str:
    if not value:
        return none
    return escape(value if len(value) <= LIMIT else value[: LIMIT - 1] + "…")


@register.simple_tag
def item_table_rows(kind, rows, editable: bool):
    none = f'<span class="govuk-hint">{escape(gettext("None"))}</span>'
    change, remove = escape(gettext("Change")), escape(gettext("Remove"))
    slug = escape(kind.slug)
    html = []
    for item, values in rows:
        name = escape(values[0]) if values else ""
        cells = [f'<th scope="row" class="govuk-table__header stage1-prose">{_cell(values[0], none)}</th>']
        cells += [f'<td class="govuk-table__cell stage1-prose">{_cell(value, none)}</td>' for value in values[1:]]
        if editable:
            pk = int(item.pk)
            cells.append(
                '<td class="govuk-table__cell stage1-actions">'
                f'<button type="submit" name="action" value="change:{slug}:{pk}" class="stage1-button-link govuk-link">'
                f'{change}<span class="govuk-visually-hidden"> {name}</span></button>'
                f'<button type="submit" name="action" value="remove:{slug}:{pk}" class="stage1-button-link govuk-link">'
                f'{remove}<span class="govuk-visually-hidden"> {name}</span></button></td>'
            )
        html.append(f'<tr class="govuk-table__row">{"".join(cells)}</tr>')
    # Safe: every value above went through html.escape.
    return mark_safe("\n".join(html))  # noqa: S308  # nosec B308, B703


@register.simple_tag
def item_summary_cards(project, step, kind, items, editable: bool):
    """Every answered field of every item, as GOV.UK summary cards (check your answers)."""
    names = kind.fields
    labels = {name: escape(str(field_label(kind.model, name))) for name in names}
    change = escape(gettext("Change"))
    html = []
    for number, item in enumerate(items, start=1):
        values = [(name, display(item, name)) for name in names]
        title = escape(values[0][1]) if values and values[0][1] else str(number)
        actions = ""
        if editable:
            url = reverse(
                "projects:item_change", kwargs={"slug": project.slug, "step_slug": step.slug, "kind_slug": kind.slug, "pk": item.pk}
            )
            actions = (
                '<ul class="govuk-summary-card__actions"><li class="govuk-summary-card__action">'
                f'<a class="govuk-link" href="{escape(url)}">{change}<span class="govuk-visually-hidden"> {title}</span></a></li></ul>'
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
