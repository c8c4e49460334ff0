"""Register tables of the charter, built in Python.

A large project prints hundreds of rows; building them here instead of in
the template engine keeps the HTML step short. Every value is escaped.
"""

from html import escape

from django.utils.safestring import SafeString, mark_safe

from stage1.core.bidi import isolate
from stage1.projects.display import display


def _value(item, name: str) -> str:
    """The shown value; each of several references isolated, so one typed right to left never reorders the others."""
    model_field = next((f for f in item._meta.many_to_many if f.name == name), None)
    if model_field is not None:
        return ", ".join(isolate(related) for related in getattr(item, name).all())
    return display(item, name)


def register_table(kind, items, *, numbered: bool = True, css_class: str = "register") -> SafeString:
    """All fields of every item as one table with a header row that repeats on each page."""
    names = kind.fields
    head = "".join(f'<th scope="col">{escape(str(kind.print_label(name)))}</th>' for name in names)
    number_head = '<th scope="col" class="col-number">#</th>' if numbered else ""
    rows = []
    for number, item in enumerate(items, start=1):
        cells = [f'<td class="col-number">{number}</td>'] if numbered else []
        for index, name in enumerate(names):
            value = escape(_value(item, name)) or "–"
            cells.append(f'<th scope="row">{value}</th>' if index == 0 else f"<td>{value}</td>")
        rows.append(f"<tr>{''.join(cells)}</tr>")
    caption = escape(str(kind.label_plural).capitalize())
    html = (
        f'<table class="{escape(css_class)}"><caption class="visually-hidden">{caption}</caption>'
        f"<thead><tr>{number_head}{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"
    )
    # Safe: every value and label above went through html.escape.
    return mark_safe(html)  # noqa: S308  # nosec B308, B703
