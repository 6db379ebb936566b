from django import template
from django.conf import settings
from django.utils.safestring import mark_safe

from kiosk import links, qr

register = template.Library()


@register.simple_tag
def kiosk_config():
    """The kiosk's timings and options, for the base template's data- attributes."""
    return {
        "idle_seconds": settings.KIOSK_IDLE_SECONDS,
        "countdown_seconds": settings.KIOSK_COUNTDOWN_SECONDS,
        # Without JavaScript nothing can tell whether someone is still there, so the page
        # starts over after the whole time the dialog would have allowed.
        "noscript_seconds": settings.KIOSK_IDLE_SECONDS + settings.KIOSK_COUNTDOWN_SECONDS,
        "printing": settings.KIOSK_PRINTING,
    }


@register.inclusion_tag("kiosk/includes/take_home.html", takes_context=True)
def take_home(context):
    """The QR code that opens the public twin of the current kiosk page on a phone."""
    path = context["request"].path
    url = qr.public_url(path)
    return {
        "url": url,
        # Self-check pages open the start of the check: answers never travel in an address.
        "whole_check": links.public_path(path) == links.SELFCHECK_PUBLIC,
        # What a person would type: the address without its scheme.
        "short_url": url.split("://", 1)[-1],
        "svg": mark_safe(qr.qr_svg(url)),  # noqa: S308 (drawn by segno from our own URL)
        "printing": settings.KIOSK_PRINTING,
    }
