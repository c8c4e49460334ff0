"""Pieces of the step and item pages that depend on the registry."""

from django import template
from django.utils.html import format_html
from django.utils.translation import gettext as _

from stage1.projects.detours import kind_choosing

register = template.Library()


@register.simple_tag
def reference_button(bound_field, where="", page_step=None):
    """After a choice of items: the button that adds a missing one and comes back (see stage1.projects.detours).

    `where` names the row for people who hear the button out of context; the
    field's label and the row together make every such button's name unique.
    On a step page (`page_step`), a list of the same step is added to right
    there, so its choices get no detour.
    """
    kind = kind_choosing(bound_field.field, bound_field.form)
    if kind is None or kind.editor_url_name or (page_step is not None and kind in page_step.items):
        return ""
    context = _("for “%(field)s”") % {"field": bound_field.label}
    if where:
        context = f"{context}, {where}"
    return format_html(
        '<button type="submit" name="action" value="detour:{}" class="govuk-button govuk-button--secondary stage1-reference-button"'
        ' data-module="govuk-button">{}<span class="govuk-visually-hidden"> {}</span></button>',
        bound_field.html_name,
        kind.add_label,
        context,
    )


@register.simple_tag
def hidden_initial(bound_field):
    """The value the page showed, sent back beside the field so only what the person changed counts as changed."""
    if not bound_field.field.show_hidden_initial:
        return ""
    return bound_field.as_hidden(only_initial=True)
