"""Dates to the second, in the reader's language.

Templates name their formats (DATE_FORMAT, DATETIME_FORMAT, SHORT_DATE_FORMAT;
see stage1/formats) so each language writes a date its own way. Django's
date filter takes no other names, and a few places need the seconds (to
tell two saves of the same minute apart) or the time zone: this filter adds
them to the language's date and time.
"""

from django import template
from django.utils.formats import date_format, get_format
from django.utils.timezone import template_localtime

register = template.Library()


@register.filter
def exact_time(value, zone: str = ""):
    """The language's DATETIME_FORMAT with seconds; `exact_time:"T"` adds the time zone's abbreviation, "e" its name."""
    if not value:
        return ""
    pattern = get_format("DATETIME_FORMAT") + ":s" + (f" {zone}" if zone else "")
    # Like the date filter: an aware time is shown in the current time zone.
    return date_format(template_localtime(value), pattern)


@register.filter
def datetime_in_zone(value, zone: str = "e"):
    """The language's DATETIME_FORMAT followed by the time zone (for emails read elsewhere in the world)."""
    if not value:
        return ""
    return date_format(template_localtime(value), get_format("DATETIME_FORMAT") + f" {zone}")
