"""The one place public pages are cached and answered conditionally.

For an anonymous GET or HEAD without a query string, to a view marked `@cached_page`:

1. read the content version (one query);
2. if the browser's ETag or date still matches, answer 304 without calling the view;
3. else serve the page stored under (release, version, path), rendering it only on a miss.

A publish anywhere moves the version on, so the next request on every instance misses the
old key and its old ETag: nothing has to be deleted from any cache for a change to show, and
per-process memory caches stay correct with several app instances.

The middleware sits just inside whitenoise: a hit skips the session, CSRF, auth, messages
and history middleware, which a shared page never needs. What the middleware further in
adds (the CSP, X-Frame-Options) is stored with the page; headers the outer middleware adds
(security headers, the request log) are applied to every answer. Gzip is done once, when a
page is stored, never per request.

A page is stored only when nothing in it belongs to one visitor: a response that sets a
cookie, varies on the cookie (or on any header but Accept-Encoding, which the key does not
hold), used a CSRF token or says `no-store`/`private` is served but not stored. Editors
(anyone with a session cookie) always get a fresh render.

The host is checked against ALLOWED_HOSTS before anything is answered from the cache, as
CommonMiddleware would check it further in. The cache itself is optional: with Redis away
(config.cache) a read is a miss and a write is skipped, so a page is rendered, never a 500.
"""

import gzip
import hashlib
import threading
from collections import OrderedDict
from functools import lru_cache

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError
from django.http import HttpResponse
from django.urls import Resolver404, resolve
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date

from pagecache.models import ContentVersion
from pagecache.release import release_id

# Set here on every answer, or meaningless once stored.
NOT_STORED_HEADERS = {
    "content-length",
    "content-encoding",
    "vary",
    "etag",
    "last-modified",
    "cache-control",
    "expires",
    "date",
    "set-cookie",
}


class LocalPages:
    """The most used pages of this process, in front of the configured cache.

    Saves a trip to Redis and the unpickling of the page on most hits. It needs no
    invalidation: keys carry the content version, so an old entry is simply never asked for
    again and falls off the end.
    """

    def __init__(self, size=256):
        self.size = size
        self.pages = OrderedDict()
        self.lock = threading.Lock()

    def get(self, key):
        with self.lock:
            stored = self.pages.get(key)
            if stored is not None:
                self.pages.move_to_end(key)
            return stored

    def put(self, key, stored):
        with self.lock:
            self.pages[key] = stored
            self.pages.move_to_end(key)
            while len(self.pages) > self.size:
                self.pages.popitem(last=False)

    def clear(self):
        with self.lock:
            self.pages.clear()


_local = LocalPages()


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not _cacheable_request(request):
            return _private_unless_said(self.get_response(request))
        # Raises DisallowedHost (a 400) for a host the site does not answer to.
        request.get_host()
        try:
            version, changed_at = ContentVersion.current()
        except DatabaseError:
            # A page that needs no database (the self-check) must not start needing one here.
            return self.get_response(request)
        # The time of the change as well as its number: a database restored from a backup
        # counts from an old number again, but never at an old moment.
        state = f"{release_id()}-{version}-{changed_at.timestamp():.6f}"
        etag = f'"{state}"'
        last_modified = int(changed_at.timestamp())
        response = get_conditional_response(request, etag=etag, last_modified=last_modified)
        if response is None:
            # Hashed: an address can be longer, or hold more, than a cache key may.
            key = f"page:{state}:{hashlib.md5(request.path.encode(), usedforsecurity=False).hexdigest()}"
            stored = _local.get(key) or cache.get(key)
            if stored is None:
                response = self.get_response(request)
                stored = _storable(request, response)
                if stored is None:
                    return _private_unless_said(response)
                cache.set(key, stored, settings.PAGE_CACHE_SECONDS)
            _local.put(key, stored)
            response = _from_stored(request, stored)
        response.headers["ETag"] = etag
        response.headers["Last-Modified"] = _http_date(last_modified)
        response.headers["Vary"] = "Accept-Encoding"
        response.headers["Cache-Control"] = _shared_cache_control()
        return response


def _shared_cache_control():
    """How long others may keep a page every visitor sees alike.

    Browsers keep it but check with us each time (`max-age=0` and the ETag), so a publish
    shows at once to a visitor who reloads. A shared cache in front (nginx, a CDN) may answer
    from its copy for SHARED_CACHE_SECONDS and then checks the ETag too: a surge of visitors
    reaches the site once per page per interval, and a publish reaches them within it.
    """
    seconds = settings.SHARED_CACHE_SECONDS
    if seconds <= 0:
        return "no-cache"
    return f"public, max-age=0, s-maxage={seconds}, must-revalidate"


def _private_unless_said(response):
    """Anything not served as a shared page is for one visitor only, unless its view says so.

    An editor's view of a public page, a form with its CSRF token, an error page: none may be
    kept by a shared cache in front of the site.
    """
    if not response.has_header("Cache-Control"):
        patch_cache_control(response, private=True)
    return response


@lru_cache(maxsize=16)
def _http_date(timestamp):
    return http_date(timestamp)


def _cacheable_request(request):
    if request.method not in ("GET", "HEAD") or request.META.get("QUERY_STRING"):
        return False
    if settings.SESSION_COOKIE_NAME in request.COOKIES:
        return False
    match = _cached_view_match(getattr(request, "urlconf", None) or settings.ROOT_URLCONF, request.path_info)
    return match is not None


@lru_cache(maxsize=4096)  # a URL conf never changes while the process runs
def _cached_view_match(urlconf, path_info):
    try:
        match = resolve(path_info, urlconf)
    except Resolver404:
        return None
    return match if getattr(match.func, "cached_page", False) else None


def _storable(request, response):
    """What to keep of a response, or None when it must not be shared between visitors."""
    cache_control = response.get("Cache-Control", "")
    if (
        response.status_code != 200
        or response.streaming
        or response.cookies
        or request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        or _varies_on_more_than_encoding(response)
        or "no-store" in cache_control
        or "private" in cache_control
    ):
        return None
    content = bytes(response.content)
    return {
        "headers": {k: v for k, v in response.headers.items() if k.lower() not in NOT_STORED_HEADERS},
        "content": content,
        "gzip": gzip.compress(content, compresslevel=9, mtime=0),
    }


def _varies_on_more_than_encoding(response):
    varies = {name.strip().lower() for name in response.get("Vary", "").split(",") if name.strip()}
    return bool(varies - {"accept-encoding"})


@lru_cache(maxsize=64)  # browsers send a handful of different values
def accepts_gzip(accept_encoding: str) -> bool:
    """Whether an Accept-Encoding header (RFC 9110 §12.5.3) lets the gzip copy be sent.

    Codings are case-insensitive and may carry a weight: `q=0` refuses one, any other weight
    accepts it, and `*` stands for every coding not named. Gzip is sent unless the browser
    refuses it, or names `identity` with a higher weight.
    """
    weights = {}
    for part in accept_encoding.split(","):
        coding, *params = part.split(";")
        coding = coding.strip().lower()
        if not coding:
            continue
        weight = 1.0
        for param in params:
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    weight = float(value.strip())
                except ValueError:
                    weight = 0.0
        weights[coding] = max(weight, weights.get(coding, 0.0))
    gzip_weight = weights.get("gzip", weights.get("x-gzip", weights.get("*", 0.0)))
    return gzip_weight > 0 and gzip_weight >= weights.get("identity", 0.0)


def _from_stored(request, stored):
    zipped = accepts_gzip(request.META.get("HTTP_ACCEPT_ENCODING", ""))
    content = stored["gzip"] if zipped else stored["content"]
    response = HttpResponse(content, headers=stored["headers"])
    if zipped:
        response.headers["Content-Encoding"] = "gzip"
    response.headers["Content-Length"] = str(len(content))
    return response
