"""System checks on the site's own settings, reported by `manage.py check` with an id.

`SITE_URL` is what search engines, shared links and the kiosk's QR codes are told the site
is called, so `check --deploy` (which `make serve` runs before starting) warns when it
points at the server itself, at a host the site does not answer to, or at plain http on a
site that redirects to https.
"""

import ipaddress
from urllib.parse import urlsplit

from django.conf import settings
from django.core.checks import Tags, Warning, register
from django.http.request import validate_host

LOCAL_NAMES = {"localhost", "localhost.localdomain", ""}


def _is_local(host):
    if host in LOCAL_NAMES or host.endswith(".localhost"):
        return True
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return False
    return address.is_loopback or address.is_unspecified or address.is_link_local


@register(Tags.security, deploy=True)
def check_site_url(app_configs, **kwargs):
    parts = urlsplit(settings.SITE_URL)
    host = (parts.hostname or "").lower()
    problems = []
    if parts.scheme not in ("http", "https") or not host:
        return [
            Warning(
                f"SITE_URL {settings.SITE_URL!r} is not an address such as https://b12facts.example.org.",
                hint="Set SITE_URL to the site's public address.",
                id="site_config.W001",
            )
        ]
    if _is_local(host):
        problems.append(
            Warning(
                f"SITE_URL points at this machine ({settings.SITE_URL}): canonical links, the sitemap "
                "and the kiosk's QR codes would lead nowhere for anyone else.",
                hint="Set SITE_URL to the site's public address, e.g. https://b12facts.example.org.",
                id="site_config.W002",
            )
        )
    elif not validate_host(host, settings.ALLOWED_HOSTS):
        problems.append(
            Warning(
                f"SITE_URL's host {host!r} is not in DJANGO_ALLOWED_HOSTS, so the site would refuse "
                "the address it gives out.",
                hint="Add it to DJANGO_ALLOWED_HOSTS, or correct SITE_URL.",
                id="site_config.W003",
            )
        )
    if parts.scheme == "http" and getattr(settings, "SECURE_SSL_REDIRECT", False):
        problems.append(
            Warning(
                "SITE_URL uses http:// but the site redirects every request to https://.",
                hint="Write SITE_URL with https://.",
                id="site_config.W004",
            )
        )
    return problems
