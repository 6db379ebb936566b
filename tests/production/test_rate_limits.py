"""Public form posts and admin logins are rate-limited per client, with a readable 429 page.

Counts are shared by every process and instance (Redis, else the database); when nothing
can count, a request is let through and the fact logged.
"""

import logging
from datetime import timedelta

import pytest
from django.db import OperationalError
from django.utils import timezone

from ratelimit import counting
from ratelimit.models import Count
from tests.server import Visitor, free_port, manage, production_env, running_server

pytestmark = pytest.mark.django_db


@pytest.fixture
def in_the_database(settings):
    """Counting as without Redis, whatever the profile's cache."""
    settings.RATE_LIMITS_IN_CACHE = False


@pytest.fixture
def tight_limits(settings):
    settings.RATE_LIMITS = {
        "selfcheck": (["/self-check/", "/kiosk/self-check/"], 3, 600),
        "feedback": (["/feedback/"], 2, 3600),
        "login": (["/admin/login/"], 2, 600),
    }


@pytest.mark.parametrize(
    "path, limit", [("/self-check/", 3), ("/kiosk/self-check/", 3), ("/feedback/", 2), ("/admin/login/", 2)]
)
def test_posts_over_the_limit_get_a_readable_429(client, tight_limits, path, limit):
    for _ in range(limit):
        assert client.post(path, {"x": "1"}).status_code != 429
    response = client.post(path, {"x": "1"})
    assert response.status_code == 429
    assert "Please wait a few minutes" in response.content.decode()
    assert int(response["Retry-After"]) > 0


def test_reading_pages_is_never_limited(client, tight_limits):
    for _ in range(10):
        assert client.get("/admin/login/").status_code == 200


def test_each_client_has_its_own_count(client, tight_limits):
    for _ in range(3):
        client.post("/admin/login/", REMOTE_ADDR="10.0.0.1")
    assert client.post("/admin/login/", REMOTE_ADDR="10.0.0.2").status_code != 429


def test_behind_a_trusted_proxy_the_forwarded_address_is_counted(client, tight_limits, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    for _ in range(3):
        client.post("/admin/login/", HTTP_X_FORWARDED_FOR="198.51.100.7")
    assert client.post("/admin/login/", HTTP_X_FORWARDED_FOR="198.51.100.7").status_code == 429
    assert client.post("/admin/login/", HTTP_X_FORWARDED_FOR="198.51.100.8").status_code != 429


def test_the_request_log_has_no_address_query_or_form_data(client, caplog):
    with caplog.at_level(logging.INFO, logger="b12.requests"):
        client.post("/feedback/?q=secret-symptom", {"comment": "private words"}, REMOTE_ADDR="203.0.113.9")
    lines = [r.getMessage() for r in caplog.records if r.name == "b12.requests"]
    assert len(lines) == 1
    assert lines[0].startswith("POST /feedback/ ")
    assert "secret-symptom" not in lines[0] and "private" not in lines[0] and "203.0.113.9" not in lines[0]


def test_without_redis_every_process_shares_one_count(static_root, tmp_path):
    # Two gunicorn workers, each with its own memory cache, used to count a limit each.
    env = production_env(
        STATIC_ROOT=str(static_root),
        DATABASE_URL="",
        REDIS_URL="",
        SQLITE_PATH=str(tmp_path / "site.sqlite3"),
        RATE_LIMIT_FEEDBACK="20",
    )
    for command in (["migrate", "--noinput"], ["sync_content"]):
        assert manage(*command, env=env).returncode == 0
    with running_server(env, workers=2) as url:
        # Each on a new connection, as separate visits are, so both workers take some.
        statuses = [
            Visitor(url).post("/feedback/article/low-b12-and-cancer/", {"helpful": "yes"})[0]
            for _ in range(30)
        ]
    assert statuses.count(302) == 20
    assert statuses.count(429) == 10


def test_with_redis_away_the_limit_is_still_counted_in_the_database(client, tight_limits, settings, caplog):
    settings.CACHES = {
        "default": {
            "BACKEND": "config.cache.FailSoftRedisCache",
            "LOCATION": f"redis://127.0.0.1:{free_port()}/0",
        }
    }
    settings.RATE_LIMITS_IN_CACHE = True
    counting._last_logged.clear()
    with caplog.at_level(logging.WARNING, logger="b12.ratelimit"):
        statuses = [client.post("/admin/login/", {"x": "1"}).status_code for _ in range(4)]
    assert statuses[-1] == 429 and 429 not in statuses[:2]
    lines = [r.getMessage() for r in caplog.records if r.name == "b12.ratelimit"]
    assert lines == ["Rate limits counted without the shared cache: it is unavailable"]
    assert Count.objects.exists()


def test_when_nothing_can_count_the_request_goes_through_and_it_is_logged_once(
    client, tight_limits, in_the_database, monkeypatch, caplog
):
    def broken(*args):
        raise OperationalError("database is locked")

    monkeypatch.setattr(counting, "_count_in_database", broken)
    counting._last_logged.clear()
    with caplog.at_level(logging.WARNING, logger="b12.ratelimit"):
        statuses = [client.post("/admin/login/", {"x": "1"}).status_code for _ in range(5)]
    assert 429 not in statuses
    lines = [r.getMessage() for r in caplog.records if r.name == "b12.ratelimit"]
    assert len(lines) == 1 and "database is locked" in lines[0]


@pytest.mark.parametrize("path", ["/self-check/check/", "/kiosk/self-check/check/"])
def test_the_self_checks_limit_is_never_written_to_the_database_but_still_applies(
    client, tight_limits, in_the_database, path
):
    statuses = [client.post(path, {"emergency": "none"}).status_code for _ in range(4)]
    assert statuses[-1] == 429 and 429 not in statuses[:3]
    assert not Count.objects.exists()


def test_old_counts_are_removed_once_their_window_has_passed(client, tight_limits, in_the_database):
    Count.objects.create(key="login:old", window=1, hits=9, expires_at=timezone.now() - timedelta(minutes=1))
    client.post("/admin/login/", {"x": "1"})
    assert not Count.objects.filter(key="login:old").exists()
    assert Count.objects.count() == 1


def test_no_address_is_stored_with_a_count(client, tight_limits, in_the_database):
    client.post("/admin/login/", {"x": "1"}, REMOTE_ADDR="203.0.113.9")
    (count,) = Count.objects.all()
    assert "203.0.113.9" not in count.key
