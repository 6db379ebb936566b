"""A real Redis stopped under a running production server: no 500 anywhere, and an honest /healthz.

The test starts its own redis-server on a free port (never the shared one) and stops it in
the middle of the run. The database is the profile's: a database of the test's own next to
DATABASE_URL's on PostgreSQL, otherwise a SQLite file.
"""

import json
import os
import shutil
import subprocess
import time
import urllib.parse

import psycopg
import pytest
import redis

from config.cache import FailSoftRedisCache
from tests.server import Visitor, form_value, free_port, manage, production_env, running_server

PAGES = [
    "/",
    "/articles/",
    "/articles/low-b12-and-cancer/",
    "/faq/",
    "/about/",
    "/self-check/",
    "/kiosk/",
    "/kiosk/faq/",
    "/kiosk/articles/low-b12-and-cancer/",
]
PASSWORD = "a long and unusual passphrase 42"


class RedisServer:
    """A redis-server of the test's own: nothing saved, on loopback, stopped by its own process id."""

    def __init__(self):
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process = None

    def start(self):
        executable = shutil.which("redis-server")
        assert executable, "the Redis outage tests need redis-server (Debian's redis-server package)"
        self.process = subprocess.Popen(
            [executable, "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        client = redis.Redis(port=self.port)
        deadline = time.monotonic() + 10
        while True:
            try:
                client.ping()
                return
            except redis.ConnectionError:
                assert time.monotonic() < deadline, "redis-server did not start"
                time.sleep(0.05)

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=10)


@pytest.fixture
def redis_server():
    server = RedisServer()
    server.start()
    yield server
    server.stop()


@pytest.fixture
def database(tmp_path):
    """DATABASE_URL/SQLITE_PATH for a fresh database of this test's own, on the profile's engine."""
    configured = os.environ.get("DATABASE_URL", "")
    if not configured.startswith(("postgres://", "postgresql://")):
        yield {"DATABASE_URL": "", "SQLITE_PATH": str(tmp_path / "site.sqlite3")}
        return
    url = urllib.parse.urlsplit(configured)
    name = f"{url.path.lstrip('/') or 'b12'}_redis_outage"
    maintenance = urllib.parse.urlunsplit(url._replace(path="/postgres"))
    with psycopg.connect(maintenance, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}"')
        connection.execute(f'CREATE DATABASE "{name}"')
    yield {"DATABASE_URL": urllib.parse.urlunsplit(url._replace(path=f"/{name}"))}
    with psycopg.connect(maintenance, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def prepared(env):
    for command in (["migrate", "--noinput"], ["sync_content"]):
        result = manage(*command, env=env)
        assert result.returncode == 0, result.stderr
    script = (
        "from django.contrib.auth.models import User; "
        f"User.objects.create_user('eddie', password={PASSWORD!r}, is_staff=True, is_superuser=True)"
    )
    result = manage("shell", "-c", script, env=env)
    assert result.returncode == 0, result.stderr
    return env


def healthz(visitor):
    status, _, body = visitor.get("/healthz")
    return status, json.loads(body)


def emergency_answer(visitor):
    _, _, page = visitor.get("/self-check/check/")
    return visitor.post(
        "/self-check/check/",
        {
            "csrfmiddlewaretoken": form_value(page, "csrfmiddlewaretoken"),
            "state": form_value(page, "state"),
            "emergency": "chest_pain",
        },
    )


def test_stopping_redis_mid_run_costs_no_answer_and_healthz_says_so(
    static_root, redis_server, database, tmp_path
):
    env = prepared(
        production_env(
            STATIC_ROOT=str(static_root),
            REDIS_URL=redis_server.url,
            CACHE_KEY_PREFIX=f"outage-{redis_server.port}",
            **database,
        )
    )
    log_path = tmp_path / "server.log"
    with running_server(env, log_path=log_path) as url:
        # Given a site answering from its Redis cache, and an editor signed in
        public, editor = Visitor(url), Visitor(url)
        for path in PAGES:
            assert public.get(path)[0] == 200, path
        assert healthz(public) == (200, {"status": "ok", "database": "ok", "cache": "ok"})
        assert editor.sign_in("eddie", PASSWORD)[0] == 302
        assert editor.get("/admin/")[0] == 200

        # When Redis stops
        redis_server.stop()

        # Then every form still answers
        feedback = public.post("/feedback/article/low-b12-and-cancer/", {"helpful": "yes", "comment": ""})
        assert feedback[0] == 302
        status, _, page = emergency_answer(Visitor(url))
        assert status == 200 and "Call 999 now" in page
        assert Visitor(url).sign_in("eddie", PASSWORD)[0] == 302
        assert editor.get("/admin/")[0] == 200
        assert editor.get("/admin/articles/article/")[0] == 200

        # And after a publish (the content version moves on), every page is rendered afresh
        assert (
            manage(
                "shell", "-c", "from pagecache.models import ContentVersion; ContentVersion.bump()", env=env
            ).returncode
            == 0
        )
        for path in PAGES:
            status, _, body = public.get(path)
            assert status == 200, f"{path} -> {status}"

        # And /healthz tells the truth with a status that keeps the instance serving
        assert healthz(public) == (200, {"status": "degraded", "database": "ok", "cache": "down"})

        # When Redis is back, so is the cache
        redis_server.start()
        assert healthz(public) == (200, {"status": "ok", "database": "ok", "cache": "ok"})

    log = log_path.read_text()
    assert "Traceback" not in log
    assert " 500 " not in log
    assert log.count("Redis cache unavailable") == 1


def test_a_sign_out_made_while_redis_was_cut_off_is_not_undone_when_it_comes_back(redis_server, monkeypatch):
    # Given a Redis that keeps its data through the outage (a network cut, not a restart)
    monkeypatch.setattr("config.cache.RETRY_SECONDS", 0.1)
    cache = FailSoftRedisCache(redis_server.url, {"KEY_PREFIX": "cut", "OPTIONS": {"socket_timeout": 0.2}})
    cache.set("session:abc", {"_auth_user_id": "1"})
    direct = redis.Redis(port=redis_server.port)
    # When Redis stops answering for a while, and the session is deleted (a sign-out) meanwhile
    direct.client_pause(1500)
    assert cache.delete("session:abc") is False
    assert cache.is_down
    time.sleep(1.6)
    # Then once Redis answers again, the copy it kept is removed, not served
    assert cache.get("session:abc") is None
    assert not cache.is_down
    assert direct.exists(cache.make_key("session:abc")) == 0


@pytest.mark.parametrize("prefix", ["site-a", "odd*[prefix]?"])
def test_clearing_the_cache_leaves_other_sites_keys_in_a_shared_redis(redis_server, prefix):
    cache = FailSoftRedisCache(redis_server.url, {"KEY_PREFIX": prefix})
    direct = redis.Redis(port=redis_server.port)
    direct.set("site-b:1:page", "theirs")
    direct.set("unprefixed", "theirs")
    for i in range(2500):  # more than one batch
        cache.set(f"page-{i}", "ours")
    cache.clear()
    assert cache.get("page-1") is None
    assert direct.dbsize() == 2
    assert direct.get("site-b:1:page") == b"theirs"
