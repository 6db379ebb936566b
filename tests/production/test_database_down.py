"""With its database gone, the site answers calmly: a 503 page and an honest health check."""

import json

import pytest

from tests.server import get, manage, production_env, running_server

DEAD_DATABASES = {
    # Nothing listens on port 1, so the connection is refused at once.
    "postgresql": {"DATABASE_URL": "postgres://postgres@127.0.0.1:1/none"},
    "sqlite": {"DATABASE_URL": "", "SQLITE_PATH": "/nonexistent-folder/db.sqlite3"},
}


@pytest.mark.parametrize("database", DEAD_DATABASES.values(), ids=DEAD_DATABASES.keys())
def test_public_pages_answer_503_with_the_emergency_number_when_the_database_is_down(static_root, database):
    env = production_env(STATIC_ROOT=str(static_root), EMERGENCY_NUMBER="112", **database)
    with running_server(env) as url:
        for path in ["/", "/articles/", "/articles/low-b12-and-cancer/", "/faq/", "/about/"]:
            status, headers, body = get(url + path)
            assert status == 503, path
            assert "temporarily unavailable" in body
            assert "call 112" in body
            assert "Traceback" not in body and "OperationalError" not in body
            assert headers["Retry-After"] == "60"

        # The self-check needs no database, so it keeps working.
        assert get(url + "/self-check/")[0] == 200

        status, _, body = get(url + "/healthz")
        assert status == 503
        assert json.loads(body)["database"] == "down"


def test_healthz_says_down_when_the_sqlite_file_is_removed_from_under_the_server(static_root, tmp_path):
    database = tmp_path / "site.sqlite3"
    env = production_env(STATIC_ROOT=str(static_root), DATABASE_URL="", SQLITE_PATH=str(database))
    assert manage("migrate", "--noinput", env=env).returncode == 0
    with running_server(env) as url:
        assert get(url + "/healthz")[0] == 200
        get(url + "/")  # the worker now holds a connection to the file
        database.rename(tmp_path / "moved-away.sqlite3")
        status, _, body = get(url + "/healthz")
        assert status == 503, body
        assert json.loads(body) == {"status": "down", "database": "down", "cache": "ok"}
