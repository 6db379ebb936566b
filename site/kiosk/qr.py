"""The "take this page home" QR code: an SVG drawn on the server, so the page needs no script.

The SVG has no inline style (the Content-Security-Policy forbids it): colours are attributes
and its size comes from kiosk.css through its viewBox. It is an image with a title, so
screen readers announce what it is for.
"""

from functools import lru_cache

import segno
from django.conf import settings
from django.utils.translation import gettext

from kiosk.links import public_path

# Medium error correction: survives a smudged screen and glare, and stays few enough modules
# to scan from arm's length.
ERROR_LEVEL = "m"


def public_url(kiosk_path: str) -> str:
    """The address a phone should open for this kiosk page: the public twin, on SITE_URL."""
    return settings.SITE_URL + public_path(kiosk_path)


def make_qr(url: str) -> segno.QRCode:
    return segno.make_qr(url, error=ERROR_LEVEL)


def qr_svg(url: str) -> str:
    """The code as inline SVG, its title in the active language."""
    return _svg(url, gettext("QR code that opens this page on a phone: {url}").format(url=url))


# Keyed by the title as well as the address, so a code drawn for one language is never shown
# with another's title.
@lru_cache(maxsize=256)
def _svg(url: str, title: str) -> str:
    svg = make_qr(url).svg_inline(
        omitsize=True,
        border=4,
        dark="#000",
        light="#fff",
        svgclass="take-home__code",
        lineclass=None,
        title=title,
    )
    return svg.replace("<svg ", '<svg role="img" ', 1)
