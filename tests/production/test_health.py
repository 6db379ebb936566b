"""/healthz for load balancers: ok, degraded (no cache: still serving) or down (no database).

The contract, as docs/deploy.md gives it:
- 200 {"status": "ok", "database": "ok", "cache": "ok"}
- 200 {"status": "degraded", "database": "ok", "cache": "down"}: keep the instance in rotation
- 503 {"status": "down", "database": "down", ...}: take it out
"""

import json
import logging
import sqlite3

import pytest
from django.db import connections
from django.db.backends.sqlite3.base import DatabaseWrapper as SQLiteWrapper

from config import health

pytestmark = pytest.mark.django_db


def break_the_cache(monkeypatch, reason="cache down"):
    """Every way the health check asks the cache (a write and a read, or Redis' PING) now fails."""
    from django.core.cache import cache

    def broken(*args, **kwargs):
        raise ConnectionError(reason)

    monkeypatch.setattr(cache, "set", broken)
    monkeypatch.setattr(cache, "ping", broken, raising=False)


def healthz(client):
    response = client.get("/healthz")
    return response.status_code, json.loads(response.content)


def test_it_reports_database_and_cache_ok(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert json.loads(response.content) == {"status": "ok", "database": "ok", "cache": "ok"}
    assert "no-cache" in response["Cache-Control"]


def test_a_cache_outage_is_reported_as_degraded_with_a_status_that_keeps_the_instance_serving(
    client, monkeypatch
):
    break_the_cache(monkeypatch)
    assert healthz(client) == (200, {"status": "degraded", "database": "ok", "cache": "down"})


def test_a_database_without_the_sites_tables_is_down_though_select_1_works(client, monkeypatch, tmp_path):
    # Given a database that answers but is empty: what SQLite makes of a file removed from under
    # the server (it creates a new, empty one)
    empty = tmp_path / "recreated.sqlite3"
    sqlite3.connect(empty).close()
    settings_dict = {
        **connections.settings["default"],
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": str(empty),
        "OPTIONS": {},
    }
    monkeypatch.setattr(connections, "create_connection", lambda alias: SQLiteWrapper(settings_dict, alias))
    status, body = healthz(client)
    assert status == 503
    assert body["status"] == "down" and body["database"] == "down"


def test_the_database_is_checked_on_a_connection_of_its_own_which_is_closed_afterwards(monkeypatch):
    opened, closed = [], []
    real_create = connections.create_connection

    def recording(alias):
        connection = real_create(alias)
        opened.append(connection)
        real_close = connection.close
        connection.close = lambda: (closed.append(connection), real_close())
        return connection

    monkeypatch.setattr(connections, "create_connection", recording)
    assert health.database_ok()
    assert len(opened) == 1
    assert opened[0] is not connections["default"]
    assert closed == opened


def test_an_unavailable_database_or_cache_is_logged_with_its_reason(client, monkeypatch, caplog):
    break_the_cache(monkeypatch, "no route to the cache")
    with caplog.at_level(logging.WARNING, logger="b12.health"):
        client.get("/healthz")
    assert any("no route to the cache" in record.getMessage() for record in caplog.records)
