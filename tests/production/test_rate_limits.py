"""Public form posts and admin logins are rate-limited per client, with a readable 429 page."""

import logging

import pytest

pytestmark = pytest.mark.django_db


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
    settings.TRUST_X_FORWARDED_FOR = True
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
