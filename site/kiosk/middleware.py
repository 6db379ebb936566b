"""What every response under /kiosk/ gets, whichever app's view produced it.

The kiosk also serves the self-check's views, so these rules live here rather than on each
view: nothing is kept by the browser (`no-store`), no cookie other than the session and
CSRF ones is set, a page that does not exist leads back to the kiosk home page instead of a
dead end, and pages from other apps get their links made kiosk-safe (their templates are
shared with the public site, so they link to public pages and to `tel:`).
"""

import gzip

from django.conf import settings
from django.shortcuts import redirect
from django.utils.cache import add_never_cache_headers

from kiosk.links import KIOSK_PREFIX, is_kiosk_path, rewrite


class KioskMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if not is_kiosk_path(request.path):
            return response
        if response.status_code == 404 and request.path != KIOSK_PREFIX:
            response = redirect(KIOSK_PREFIX)
        elif served_by_another_app(request) and is_html(response):
            rewrite_links(response)
        add_never_cache_headers(response)
        drop_other_cookies(response)
        return response


def served_by_another_app(request):
    match = request.resolver_match
    return match is not None and match.app_name != "kiosk"


def is_html(response):
    return not response.streaming and response.get("Content-Type", "").startswith("text/html")


def rewrite_links(response):
    content = response.content
    encoding = response.get("Content-Encoding", "")
    if encoding == "gzip":
        # A page from the page cache comes compressed; the kiosk is one screen on a local
        # network, so it gets the rewritten page uncompressed.
        content = gzip.decompress(content)
        del response["Content-Encoding"]
    elif encoding:
        return
    # Not `kiosk_html`: these pages carry a CSRF token and the check's state, so each one is
    # unique and caching it would only fill the cache.
    response.content = rewrite(content.decode(response.charset)).encode(response.charset)
    if response.has_header("Content-Length"):
        response["Content-Length"] = str(len(response.content))


def drop_other_cookies(response):
    allowed = {settings.SESSION_COOKIE_NAME, settings.CSRF_COOKIE_NAME}
    for name in set(response.cookies) - allowed:
        # Clearing a cookie the browser already holds is fine; setting a new one is not.
        if response.cookies[name]["max-age"] != 0:
            del response.cookies[name]
