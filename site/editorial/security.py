"""Who is asking: the client address as the login lockout sees it."""

from django.conf import settings


def client_ip(request):
    """The client's address; behind a trusted proxy, the last address it appended.

    Earlier X-Forwarded-For entries come from the client and can be forged, so only the one
    the proxy itself added is believed, and only when the site is told a proxy is there.
    """
    address = request.META.get("REMOTE_ADDR", "")
    if getattr(settings, "TRUST_X_FORWARDED_FOR", False):
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")[-1].strip()
        address = forwarded or address
    return address or None
