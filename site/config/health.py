"""/healthz: whether this instance can reach its database and cache, for load balancers."""

from django.core.cache import cache
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache


def _database_ok():
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except Exception:
        return False


def _cache_ok():
    try:
        cache.set("healthz", "ok", timeout=10)
        return cache.get("healthz") == "ok"
    except Exception:
        return False


@never_cache
def healthz(request):
    database, cache_ok = _database_ok(), _cache_ok()
    body = {"database": "ok" if database else "unavailable", "cache": "ok" if cache_ok else "unavailable"}
    # Without its database an instance cannot serve; a cache outage only makes it slower.
    return JsonResponse(body, status=200 if database else 503)
