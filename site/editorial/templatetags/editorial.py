from django import template

register = template.Library()


@register.filter
def minutes(delta):
    """A timedelta as "30 minutes" (the lockout page's cool-off)."""
    if not delta:
        return ""
    count = max(1, round(delta.total_seconds() / 60))
    return f"{count} minute{'s' if count != 1 else ''}"
