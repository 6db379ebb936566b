"""Site-wide request handling: extra security headers, a privacy-safe request log, rate limits."""

import hashlib
import logging
import time

from django.conf import settings
from django.core.cache import cache
from django.shortcuts import render

request_log = logging.getLogger("b12.requests")

# Features the site never uses, denied to every origin including its own.
PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "accelerometer", "autoplay", "camera", "display-capture", "encrypted-media", "fullscreen",
        "geolocation", "gyroscope", "hid", "idle-detection", "magnetometer", "microphone", "midi",
        "payment", "picture-in-picture", "publickey-credentials-get", "screen-wake-lock", "serial",
        "usb", "xr-spatial-tracking", "interest-cohort", "browsing-topics",
    )
)  # fmt: skip


class SecurityHeadersMiddleware:
    """Headers Django does not set itself."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        response.headers.setdefault("Cross-Origin-Resource-Policy", "same-origin")
        return response


class RequestLogMiddleware:
    """One line per request: method, path, status, time. No address, query string or form data,
    since any of them could say something personal (a search for a symptom, say)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        started = time.monotonic()
        response = self.get_response(request)
        elapsed = (time.monotonic() - started) * 1000
        request_log.info("%s %s %s %.1fms", request.method, request.path, response.status_code, elapsed)
        return response


def client_key(request):
    """An opaque per-client key for counting requests; the address itself is never stored."""
    address = request.META.get("REMOTE_ADDR", "")
    if settings.TRUST_X_FORWARDED_FOR:
        # The proxy in front appends the address it saw; earlier entries are the client's to forge.
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")[-1].strip()
        address = forwarded or address
    return hashlib.sha256(f"{settings.SECRET_KEY}:{address}".encode()).hexdigest()[:32]


def rate_limited(bucket, request, limit, window):
    """Count this request in a fixed window; True when the client is over the limit."""
    slot = int(time.time() // window)
    key = f"ratelimit:{bucket}:{client_key(request)}:{slot}"
    cache.add(key, 0, timeout=window + 1)
    try:
        count = cache.incr(key)
    except ValueError:  # the key expired between add and incr
        cache.set(key, 1, timeout=window + 1)
        count = 1
    return count > limit


class RateLimitMiddleware:
    """Limit POSTs to the public forms and the admin login (settings.RATE_LIMITS).

    Kept in one place rather than on each view, so a new form under a limited path is covered
    without anyone remembering to decorate it.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method == "POST":
            for bucket, (prefixes, limit, window) in settings.RATE_LIMITS.items():
                if request.path.startswith(tuple(prefixes)):
                    if rate_limited(bucket, request, limit, window):
                        response = render(
                            request, "429.html", {"retry_minutes": max(1, window // 60)}, status=429
                        )
                        response["Retry-After"] = str(window)
                        return response
                    break
        return self.get_response(request)
