from django import template
from django.utils.safestring import mark_safe

from articles.boxes import fill_shared_boxes

register = template.Library()


@register.filter
def with_shared_boxes(html, layout=""):
    """Article HTML with its shared boxes filled in; `"kiosk"` gives the kiosk's version."""
    # The stored HTML was sanitised when it was saved; the box comes from our own template.
    return mark_safe(fill_shared_boxes(str(html), kiosk=layout == "kiosk"))  # noqa: S308
