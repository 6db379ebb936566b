"""With REDIS_URL set and Redis unreachable, every page and form still answers: slower, never a 500.

These run in-process against a Redis address where nothing listens. test_redis_outage.py
stops a real Redis under a running production server.
"""

import json
import logging

import pytest
from django.contrib.auth.models import User

from feedback.models import Feedback
from selfcheck.models import DailyCount
from tests.server import free_port

pytestmark = pytest.mark.usefixtures("site_content")

ARTICLE = "/articles/low-b12-and-cancer/"
PAGES = ["/", "/articles/", ARTICLE, "/faq/", "/about/", "/self-check/", "/kiosk/", "/kiosk/faq/"]
PASSWORD = "a long and unusual passphrase 42"


@pytest.fixture
def redis_gone(settings):
    """The production cache configuration, pointed at a port nothing listens on."""
    settings.CACHES = {
        "default": {
            "BACKEND": "config.cache.FailSoftRedisCache",
            "LOCATION": f"redis://127.0.0.1:{free_port()}/0",
            "KEY_PREFIX": "outage-test",
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
    settings.RATE_LIMITS_IN_CACHE = True


@pytest.fixture
def editor(db):
    return User.objects.create_user("eddie", password=PASSWORD, is_staff=True, is_superuser=True)


@pytest.mark.parametrize("path", PAGES)
def test_public_and_kiosk_pages_render_without_the_cache(client, redis_gone, path):
    first, second = client.get(path), client.get(path)
    assert first.status_code == second.status_code == 200
    assert first.content == second.content


def test_feedback_is_taken_and_counted(client, redis_gone):
    response = client.post("/feedback/article/low-b12-and-cancer/", {"helpful": "yes", "comment": ""})
    assert response.status_code == 302
    assert Feedback.objects.count() == 1


def test_an_emergency_answer_in_the_self_check_still_says_call_now(client, redis_gone, settings):
    settings.EMERGENCY_NUMBER = "112"
    start = client.get("/self-check/check/")
    response = client.post(
        "/self-check/check/", {"state": start.context["state"], "emergency": ["chest_pain"]}
    )
    assert response.status_code == 200
    assert "Call 112 now" in response.content.decode()


def test_a_finished_self_check_is_still_counted(client, redis_gone):
    start = client.get("/self-check/check/")
    client.post("/self-check/check/", {"state": start.context["state"], "emergency": ["chest_pain"]})

    assert [(row.level, row.count) for row in DailyCount.objects.all()] == [("emergency", 1)]


def test_an_editor_signs_in_and_stays_signed_in(client, redis_gone, editor):
    response = client.post("/admin/login/?next=/admin/", {"username": "eddie", "password": PASSWORD})
    assert response.status_code == 302
    assert client.get("/admin/").status_code == 200
    assert client.get("/admin/articles/article/").status_code == 200


def test_a_session_made_before_the_outage_still_works_from_the_database(client, settings, editor):
    client.force_login(editor)  # with the in-process cache
    settings.CACHES = {
        "default": {
            "BACKEND": "config.cache.FailSoftRedisCache",
            "LOCATION": f"redis://127.0.0.1:{free_port()}/0",
        }
    }
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
    assert client.get("/admin/").status_code == 200


def test_a_failed_sign_in_is_still_counted_by_the_lockout(client, redis_gone, editor, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post("/admin/login/?next=/admin/", {"username": "eddie", "password": "wrong"})
    response = client.post("/admin/login/?next=/admin/", {"username": "eddie", "password": PASSWORD})
    assert response.status_code == 429


def test_rate_limits_still_count_in_the_database(client, redis_gone, settings):
    settings.RATE_LIMITS = {"feedback": (["/feedback/"], 2, 3600)}
    statuses = [
        client.post("/feedback/article/low-b12-and-cancer/", {"helpful": "no"}).status_code for _ in range(3)
    ]
    assert statuses == [302, 302, 429]


def test_healthz_reports_the_cache_down_and_the_instance_degraded_but_serving(client, redis_gone):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert json.loads(response.content) == {"status": "degraded", "database": "ok", "cache": "down"}


def test_the_outage_is_logged_once_not_once_per_request(client, redis_gone, caplog):
    with caplog.at_level(logging.WARNING, logger="b12.cache"):
        for path in PAGES * 3:
            client.get(path)
        client.post("/feedback/article/low-b12-and-cancer/", {"helpful": "yes"})
    lines = [r.getMessage() for r in caplog.records if r.name == "b12.cache"]
    assert len(lines) == 1
    assert lines[0].startswith("Redis cache unavailable")


def test_the_self_checks_limit_is_counted_in_memory_never_in_the_database(client, redis_gone, settings):
    from ratelimit.models import Count

    settings.RATE_LIMITS = {"selfcheck": (["/self-check/"], 2, 600)}
    statuses = [
        client.post("/self-check/check/", {"emergency": "none"}, REMOTE_ADDR="198.51.100.77").status_code
        for _ in range(3)
    ]
    assert statuses[-1] == 429 and 429 not in statuses[:2]
    assert not Count.objects.exists()
