"""`cached_page`: the one place public pages are cached and answered conditionally.

For an anonymous GET or HEAD without a query string:

1. read the content version (one query);
2. if the browser's ETag or date still matches, answer 304 without calling the view;
3. else serve the page stored under (release, version, path), rendering it only on a miss.

A publish anywhere moves the version on, so the next request on every instance misses the
old key and its old ETag: nothing has to be deleted from any cache for a change to show.
Gzip is done once, when a page is stored, never per request.

Pages are stored only when nothing in them belongs to one visitor: a response that sets a
cookie, touched the session, or used a CSRF token is served but not stored. Editors (anyone
with a session cookie) always get a fresh render, so they see their change at once.
"""

import gzip
import re
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.utils.cache import get_conditional_response, patch_vary_headers
from django.utils.http import http_date

from pagecache.models import ContentVersion
from pagecache.release import release_id

ACCEPTS_GZIP = re.compile(r"\bgzip\b(?!\s*;\s*q=0(\.0*)?\b)")
# Headers a stored page keeps; the middleware adds the security headers on every response.
STORED_HEADERS = {"Content-Type", "Content-Language"}


def cached_page(view):
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not _cacheable_request(request):
            return view(request, *args, **kwargs)
        version, changed_at = ContentVersion.current()
        etag = f'"{release_id()}-{version}"'
        last_modified = int(changed_at.timestamp())
        response = get_conditional_response(request, etag=etag, last_modified=last_modified)
        if response is None:
            key = f"page:{release_id()}:{version}:{request.path}"
            stored = cache.get(key)
            if stored is None:
                response = view(request, *args, **kwargs)
                stored = _storable(request, response)
                if stored is None:
                    return response
                cache.set(key, stored, settings.PAGE_CACHE_SECONDS)
            response = _from_stored(request, stored)
        response.headers["ETag"] = etag
        response.headers["Last-Modified"] = http_date(last_modified)
        # Stored by browsers, but checked with us each time: a publish shows at once.
        response.headers["Cache-Control"] = "no-cache"
        return response

    return wrapper


def _cacheable_request(request):
    return (
        request.method in ("GET", "HEAD")
        and not request.META.get("QUERY_STRING")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
    )


def _storable(request, response):
    """What to keep of a response, or None when it must not be shared between visitors."""
    session = getattr(request, "session", None)
    if (
        response.status_code != 200
        or response.streaming
        or response.cookies
        or (session is not None and session.accessed)
        or request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
    ):
        return None
    if hasattr(response, "render") and not response.is_rendered:
        response.render()
    content = bytes(response.content)
    return {
        "headers": {name: value for name, value in response.headers.items() if name in STORED_HEADERS},
        "content": content,
        "gzip": gzip.compress(content, compresslevel=9, mtime=0),
    }


def _from_stored(request, stored):
    response = HttpResponse(headers=stored["headers"])
    if ACCEPTS_GZIP.search(request.headers.get("Accept-Encoding", "")):
        response.content = stored["gzip"]
        response.headers["Content-Encoding"] = "gzip"
    else:
        response.content = stored["content"]
    patch_vary_headers(response, ["Accept-Encoding"])
    return response
