"""Site-wide request handling: extra security headers, a privacy-safe request log, rate limits."""

import logging
import time

from django.conf import settings

from config.views import too_many_requests
from ratelimit.counting import over_limit

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
                    if over_limit(bucket, request, limit, window):
                        return too_many_requests(request, window)
                    break
        return self.get_response(request)
