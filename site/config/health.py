"""/healthz: whether this instance can serve, for load balancers and monitoring.

- 200 `{"status": "ok", "database": "ok", "cache": "ok"}`: all well.
- 200 `{"status": "degraded", "database": "ok", "cache": "down"}`: Redis is away. Pages are
  rendered without it (slower, never wrong), so the instance stays in rotation: every
  instance shares the one Redis, and taking them all out would turn a slowdown into an outage.
- 503 `{"status": "down", "database": "down", …}`: no database, so no pages (the self-check
  still works). Take the instance out of rotation.

The database is checked on a connection of its own with a query on a real table, so an
instance whose SQLite file was removed, or whose database lost its tables, is not reported
healthy because `SELECT 1` still works on a connection opened earlier.
"""

import logging

from django.core.cache import cache
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.migrations.recorder import MigrationRecorder
from django.http import JsonResponse
from django.views.decorators.cache import never_cache

log = logging.getLogger("b12.health")


def database_ok() -> bool:
    connection = connections.create_connection(DEFAULT_DB_ALIAS)
    try:
        with connection.cursor() as cursor:
            table = connection.ops.quote_name(MigrationRecorder.Migration._meta.db_table)
            cursor.execute(f"SELECT 1 FROM {table} LIMIT 1")  # noqa: S608 (a table name of ours)
            return cursor.fetchone() is not None
    except Exception as error:
        log.warning("Health check: the database is unavailable (%s)", error)
        return False
    finally:
        connection.close()


def cache_ok() -> bool:
    try:
        if hasattr(cache, "ping"):  # the shared Redis (config.cache): ask it directly
            return cache.ping()
        cache.set("healthz", "ok", timeout=10)
        return cache.get("healthz") == "ok"
    except Exception as error:
        log.warning("Health check: the cache is unavailable (%s)", error)
        return False


@never_cache
def healthz(request):
    database, shared_cache = database_ok(), cache_ok()
    if not database:
        status, code = "down", 503
    elif not shared_cache:
        status, code = "degraded", 200
    else:
        status, code = "ok", 200
    body = {
        "status": status,
        "database": "ok" if database else "down",
        "cache": "ok" if shared_cache else "down",
    }
    return JsonResponse(body, status=code)
