"""Who is asking: the one place the client's address is worked out.

Used by the rate limits and by django-axes (AXES_CLIENT_IP_CALLABLE), so a lockout and a
limit always count the same visitor.

Behind proxies, each proxy appends the address it received the request from to
X-Forwarded-For, so the right-most entries are written by proxies and everything to their
left by whoever sent the request, who can write anything. With TRUSTED_PROXY_COUNT proxies
in front (nginx alone: 1; a CDN and nginx: 2), the client is the entry that many places from
the right. The header is believed only when the request itself comes from one of
TRUSTED_PROXY_ADDRESSES: reached directly, an instance ignores it.
"""

import ipaddress
from functools import lru_cache

from django.conf import settings


def client_ip(request) -> str | None:
    peer = request.META.get("REMOTE_ADDR", "")
    hops = settings.TRUSTED_PROXY_COUNT
    if hops > 0 and _is_trusted_proxy(peer, tuple(settings.TRUSTED_PROXY_ADDRESSES)):
        forwarded = [entry.strip() for entry in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        forwarded = [entry for entry in forwarded if entry]
        if forwarded:
            # Fewer entries than proxies: the request came through fewer of them, and the
            # left-most entry is the first one a proxy wrote.
            candidate = _address(forwarded[-min(hops, len(forwarded))])
            if candidate is not None:
                return candidate
    return _address(peer) or peer or None


def _address(text):
    try:
        return str(ipaddress.ip_address(text))
    except ValueError:
        return None


@lru_cache(maxsize=256)
def _is_trusted_proxy(peer, trusted):
    if "*" in trusted:
        return True
    try:
        address = ipaddress.ip_address(peer)
    except ValueError:
        return False
    for entry in trusted:
        try:
            if address in ipaddress.ip_network(entry, strict=False):
                return True
        except ValueError:
            continue
    return False
