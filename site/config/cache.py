"""The shared Redis cache, made optional: losing it costs speed, never an answer.

Django's RedisCache raises redis' ConnectionError from every call while Redis is away, and
nothing that uses the cache (the page cache, the kiosk's link rewriting, the cached_db
sessions, django's own helpers) expects that. This backend turns every failure into what a
cache is allowed to do anyway: a miss on reads, a write that did not stick, an add that
did not happen. The one exception is `incr`, whose callers (the rate limits) must know that
a count was not made, so it raises `CacheUnavailable` instead of inventing a number.

After a failure the backend does not try Redis again for `RETRY_SECONDS`: a Redis that
times out instead of refusing would otherwise add its timeout to every request. It logs one
line when Redis goes away and one when it is back, not one per call. `/healthz` asks
`ping()`, which bypasses all of this and says how Redis really is.

Django makes one backend object per thread, so what is known about the connection (down
since when, which keys went stale) is kept per process and Redis address, in `_Link`, and
shared by the threads.

A write that did not reach Redis leaves Redis holding an older copy of that key, which it
would serve again once it is back (after a network cut, unlike a restart, Redis keeps its
data). For a session that older copy can be a sign-in the editor has since ended, so every
key whose write failed is deleted from Redis as soon as this process reaches it again.

`clear()` removes this site's keys only (those under its KEY_PREFIX). Django's own clears the
whole Redis database, which other sites or test runs sharing that Redis also use.
"""

import logging
import re
import threading
import time

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache
from redis.exceptions import RedisError

log = logging.getLogger("b12.cache")

RETRY_SECONDS = 5.0
# Keys whose write failed, remembered for deletion; beyond this many, the oldest are dropped.
MAX_STALE_KEYS = 10_000


class CacheUnavailable(ConnectionError):
    """The shared cache could not be reached, so the operation was not done.

    A built-in ConnectionError, so code below config (the rate limits) can catch it without
    importing this module.
    """


class _Link:
    """What this process knows about its connection to one Redis, shared by its threads."""

    def __init__(self):
        self.lock = threading.Lock()
        self.retry_at = 0.0
        self.down = False
        self.stale = {}  # (key, version) -> None, oldest first
        # Held by the one thread that tries Redis again after an outage.
        self.reconnecting = threading.Lock()


_links = {}
_links_lock = threading.Lock()


def _link_for(location):
    with _links_lock:
        return _links.setdefault(location, _Link())


class FailSoftRedisCache(RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._link = _link_for(tuple(self._servers))

    # -- the state of the connection ------------------------------------------------------------

    @property
    def is_down(self) -> bool:
        """True while failures are being answered without asking Redis."""
        return self._link.down

    def _went_down(self, error):
        link = self._link
        with link.lock:
            link.retry_at = time.monotonic() + RETRY_SECONDS
            first = not link.down
            link.down = True
        if first:
            log.warning(
                "Redis cache unavailable (%s): serving without it, trying again every %g s",
                error,
                RETRY_SECONDS,
            )

    def _reconnect(self) -> bool:
        """Try Redis again after an outage; True when it answers and holds nothing stale.

        Stale keys are deleted before anything is read again, so no thread is ever served
        one. Only one thread tries at a time; the others carry on without the cache.
        """
        link = self._link
        if not link.reconnecting.acquire(blocking=False):
            return False
        try:
            self._cache.get_client(write=True).ping()
            with link.lock:
                stale = list(link.stale)
            for key, version in stale:
                super().delete(key, version)
            with link.lock:
                for entry in stale:
                    link.stale.pop(entry, None)
                link.down = False
        except RedisError as error:
            self._went_down(error)
            return False
        finally:
            link.reconnecting.release()
        log.warning("Redis cache available again")
        return True

    def _remember_stale(self, keys, version):
        link = self._link
        with link.lock:
            for key in keys:
                link.stale[(key, version)] = None
            while len(link.stale) > MAX_STALE_KEYS:
                del link.stale[next(iter(link.stale))]

    def _attempt(self, operation, *args, **kwargs):
        """Run `operation` against Redis; raise CacheUnavailable if it cannot be done."""
        link = self._link
        if link.down and (time.monotonic() < link.retry_at or not self._reconnect()):
            raise CacheUnavailable("the shared cache is down")
        try:
            return operation(*args, **kwargs)
        except RedisError as error:
            self._went_down(error)
            raise CacheUnavailable(str(error)) from error

    def _soft(self, fallback, operation, *args, **kwargs):
        try:
            return self._attempt(operation, *args, **kwargs)
        except CacheUnavailable:
            return fallback

    def _write(self, keys, version, fallback, operation, *args):
        try:
            return self._attempt(operation, *args)
        except CacheUnavailable:
            self._remember_stale(keys, version)
            return fallback

    def ping(self) -> bool:
        """Whether Redis answers now. Used by /healthz: it asks even while an outage is assumed."""
        if self._link.down:
            return self._reconnect()
        try:
            return bool(self._cache.get_client(write=True).ping())
        except RedisError as error:
            self._went_down(error)
            return False

    # -- the cache API: reads miss, writes are skipped, incr says it could not count ----------

    def get(self, key, default=None, version=None):
        return self._soft(default, super().get, key, default, version)

    def get_many(self, keys, version=None):
        return self._soft({}, super().get_many, keys, version)

    def has_key(self, key, version=None):
        return self._soft(False, super().has_key, key, version)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._write([key], version, None, super().set, key, value, timeout, version)

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._write([key], version, False, super().add, key, value, timeout, version)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._write([key], version, False, super().touch, key, timeout, version)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        return self._write(list(data), version, list(data), super().set_many, data, timeout, version)

    def delete(self, key, version=None):
        return self._write([key], version, False, super().delete, key, version)

    def delete_many(self, keys, version=None):
        keys = list(keys)
        return self._write(keys, version, None, super().delete_many, keys, version)

    def clear(self):
        return self._soft(None, self._clear_own_keys)

    def _clear_own_keys(self):
        client = self._cache.get_client(write=True)
        # Keys are "<prefix>:<version>:<key>"; glob characters in the prefix are matched as written.
        pattern = re.sub(r"([*?\[\]\\])", r"\\\1", self.key_prefix) + ":*"
        batch = []
        for key in client.scan_iter(match=pattern, count=1000):
            batch.append(key)
            if len(batch) == 1000:
                client.delete(*batch)
                batch = []
        if batch:
            client.delete(*batch)

    def incr(self, key, delta=1, version=None):
        return self._attempt(super().incr, key, delta, version)

    def decr(self, key, delta=1, version=None):
        return self._attempt(super().decr, key, delta, version)
