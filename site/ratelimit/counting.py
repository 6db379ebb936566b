"""Counting requests per client in fixed windows: in the shared cache, else in the database.

With Redis (`RATE_LIMITS_IN_CACHE`) a count is one INCR, shared by every instance. Without
it, or while it is away, the count is kept in the database, which every process and
instance shares too, so two gunicorn workers do not double a limit. When neither can count,
the request is let through and a line is logged: a limit is there to slow abuse down, never
to turn away someone in the middle of a self-check because a cache or database is down.

The buckets in `RATE_LIMITS_NEVER_STORED` (the self-check, which promises that nothing about
its use is kept) are never counted in the database, where a row, even one keyed by a hash,
would outlive the visit in every backup. Without Redis they are counted in this process's
memory, so each gunicorn process allows the limit once.
"""

import hashlib
import logging
import time
from datetime import timedelta

from django.conf import settings
from django.core.cache import cache
from django.core.cache.backends.locmem import LocMemCache
from django.db import DatabaseError, IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from .client import client_ip
from .models import Count

log = logging.getLogger("b12.ratelimit")

# At most one "could not count" line per this many seconds per process, however many requests.
LOG_EVERY_SECONDS = 60
_last_logged = {}
# This process's own counts, for buckets that are never stored, while Redis is away. (Without
# Redis the default cache is this process's memory already.)
_memory = LocMemCache("ratelimit-memory", {"OPTIONS": {"MAX_ENTRIES": 10_000}})


def client_key(request) -> str:
    """An opaque per-client key for counting requests; the address itself is never stored."""
    address = client_ip(request) or ""
    return hashlib.sha256(f"{settings.SECRET_KEY}:{address}".encode()).hexdigest()[:32]


def over_limit(bucket, request, limit, window) -> bool:
    """Count this request in the current fixed window; True when the client is over `limit`."""
    slot = int(time.time() // window)
    key = f"{bucket}:{client_key(request)}"
    count = None
    if settings.RATE_LIMITS_IN_CACHE:
        try:
            count = _count_in_cache(cache, f"ratelimit:{key}:{slot}", window)
        except ConnectionError:  # the shared cache is down
            _log_once("cache", "Rate limits counted without the shared cache: it is unavailable")
    if count is None and bucket in settings.RATE_LIMITS_NEVER_STORED:
        memory = _memory if settings.RATE_LIMITS_IN_CACHE else cache
        count = _count_in_cache(memory, f"ratelimit:{key}:{slot}", window)
    if count is None:
        try:
            count = _count_in_database(key, slot, window)
        except DatabaseError as error:
            _log_once("database", "Rate limit not applied: nothing could count the request (%s)", error)
            return False
    return count > limit


def _count_in_cache(store, key, window):
    store.add(key, 0, timeout=window + 1)
    try:
        return store.incr(key)
    except ValueError:  # the key expired between add and incr
        store.set(key, 1, timeout=window + 1)
        return 1


def _count_in_database(key, slot, window):
    rows = Count.objects.filter(key=key, window=slot)
    if not rows.update(hits=F("hits") + 1):
        now = timezone.now()
        try:
            with transaction.atomic():
                Count.objects.create(key=key, window=slot, hits=1, expires_at=now + timedelta(seconds=window))
        except IntegrityError:  # another request created it first
            rows.update(hits=F("hits") + 1)
        else:
            # Once per client and window: cheap, and keeps the table to the windows in use.
            Count.objects.filter(expires_at__lt=now).delete()
            return 1
    return rows.values_list("hits", flat=True).first() or 1


def _log_once(topic, message, *args):
    now = time.monotonic()
    if now - _last_logged.get(topic, -LOG_EVERY_SECONDS) >= LOG_EVERY_SECONDS:
        _last_logged[topic] = now
        log.warning(message, *args)
