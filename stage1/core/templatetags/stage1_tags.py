from django import template

register = template.Library()


@register.filter
def minutes(delta) -> int:
    """A timedelta as whole minutes, rounded up."""
    if delta is None:
        return 0
    return max(1, -(-int(delta.total_seconds()) // 60))
