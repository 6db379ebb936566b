"""What every response under /kiosk/ gets, whichever app's view produced it.

The kiosk serves the public site's views in its own layout (articles, questions, pages, the
self-check, the result explainer), so these rules live here rather than on each view:

- `KioskMiddleware`, outside the page cache, for every answer, a cached one too: nothing is
  kept by the browser (`no-store`), no cookie other than the session and CSRF ones is set,
  and a page that does not exist leads back to the kiosk home page instead of a dead end.
- `KioskLinksMiddleware`, inside the page cache, keeps every link on the kiosk (kiosk.links):
  a page is rewritten before the page cache stores it, so a cached page is never parsed again.
"""

import logging

from django.conf import settings
from django.shortcuts import redirect
from django.utils.cache import add_never_cache_headers

from kiosk.links import KIOSK_PREFIX, is_kiosk_path, rewrite

logger = logging.getLogger(__name__)


class KioskMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if not is_kiosk_path(request.path):
            return response
        if response.status_code == 404 and request.path != KIOSK_PREFIX:
            response = redirect(KIOSK_PREFIX)
        # Whatever a shared page allowed others, a kiosk page is kept by no one.
        del response["Cache-Control"]
        add_never_cache_headers(response)
        drop_other_cookies(response)
        return response


class KioskLinksMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if is_kiosk_path(request.path) and is_html(response):
            rewrite_links(request, response)
        return response


def is_html(response):
    return not response.streaming and response.get("Content-Type", "").startswith("text/html")


def rewrite_links(request, response):
    if response.get("Content-Encoding"):
        # Nothing inside the page cache compresses; a page that comes here compressed cannot
        # be read, so say so rather than let it pass unnoticed.
        logger.error("Kiosk page %s sent with its links unchecked: it is compressed", request.path)
        return
    response.content = rewrite(response.content.decode(response.charset)).encode(response.charset)
    if response.has_header("Content-Length"):
        response["Content-Length"] = str(len(response.content))


def drop_other_cookies(response):
    allowed = {settings.SESSION_COOKIE_NAME, settings.CSRF_COOKIE_NAME}
    for name in set(response.cookies) - allowed:
        # Clearing a cookie the browser already holds is fine; setting a new one is not.
        if response.cookies[name]["max-age"] != 0:
            del response.cookies[name]
