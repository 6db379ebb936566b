"""The shared boxes articles name instead of copying: today, the emergency box.

An article writes `!!! emergency-box` under "When to get help"; the renderer stores an empty
placeholder (articles.rendering) and the page fills it in here, each time it is shown. So the
box has one text (templates/articles/includes/emergency_box.html), and the emergency number
is the EMERGENCY_NUMBER setting of the moment, with no re-sync when it changes.
"""

from django.conf import settings
from django.template.loader import render_to_string

from .rendering import shared_box_placeholder

EMERGENCY_PLACEHOLDER = shared_box_placeholder("emergency")
EMERGENCY_TEMPLATE = "articles/includes/emergency_box.html"
# What the box's text rests on, listed under every article that shows it.
EMERGENCY_SOURCES = (
    "nhs-stroke",
    "bcuhb-stroke-fast",
    "nhs-rectal-bleeding",
    "royal-free-ces",
    "nice-ng234",
    "nice-cg151",
    "christie-fever",
    "enherts-acute-oncology",
)


def has_emergency_box(html: str) -> bool:
    return EMERGENCY_PLACEHOLDER in (html or "")


def emergency_box(kiosk: bool = False) -> str:
    return render_to_string(
        EMERGENCY_TEMPLATE,
        {
            "emergency_number": settings.EMERGENCY_NUMBER,
            "crisis_line": settings.CRISIS_LINE,
            "kiosk": kiosk,
        },
    )


def fill_shared_boxes(html: str, kiosk: bool = False) -> str:
    """Stored article HTML with each shared box's placeholder replaced by the box itself."""
    if not has_emergency_box(html):
        return html
    return html.replace(EMERGENCY_PLACEHOLDER, emergency_box(kiosk=kiosk))
