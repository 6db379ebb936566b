"""Errors on the kiosk keep the kiosk's layout: no public navigation or search, and the reset.

The 429 page (the self-check rate limit), the 400 page and the 500 and 503 pages a kiosk
screen can meet all lead only to kiosk pages and load kiosk.js, so the screen still starts
over for the next person.
"""

import pytest
from django.db import OperationalError

import articles.views
from tests.kiosk.test_pages import PageParts

pytestmark = pytest.mark.usefixtures("site_content")

CHECK = "/kiosk/self-check/check/"


def assert_kiosk_layout(response):
    parts = PageParts(response.content.decode())
    assert any(src.endswith(".js") and "kiosk" in src for src in parts.scripts), parts.scripts
    assert parts.actions == [] or all(a.startswith("/kiosk/") for a in parts.actions), parts.actions
    leaving = [h for h in parts.hrefs if not (h.startswith("/kiosk/") or h.startswith("#"))]
    assert leaving == [], leaving
    assert "/search/" not in response.content.decode()


def test_the_self_check_rate_limit_page_is_a_kiosk_page(client, settings):
    settings.RATE_LIMITS = {"selfcheck": (["/self-check/", "/kiosk/self-check/"], 1, 600)}
    client.post(CHECK, {"emergency": "none"})
    response = client.post(CHECK, {"emergency": "none"})
    assert response.status_code == 429
    assert "Please wait a few minutes" in response.content.decode()
    assert_kiosk_layout(response)


def test_the_public_rate_limit_page_keeps_the_public_layout(client, settings):
    settings.RATE_LIMITS = {"selfcheck": (["/self-check/", "/kiosk/self-check/"], 1, 600)}
    client.post("/self-check/check/", {"emergency": "none"})
    response = client.post("/self-check/check/", {"emergency": "none"})
    assert response.status_code == 429
    assert 'action="/search/"' in response.content.decode()


@pytest.mark.parametrize(
    ("error", "status", "words"),
    [
        (OperationalError("database is down"), 503, "temporarily unavailable"),
        (RuntimeError("bug"), 500, "went wrong"),
    ],
)
def test_the_kiosks_500_and_503_pages_are_kiosk_pages(client, monkeypatch, error, status, words):
    def broken(*args, **kwargs):
        raise error

    monkeypatch.setattr(articles.views, "topics_with", broken)
    client.raise_request_exception = False
    response = client.get("/kiosk/articles/")
    assert response.status_code == status
    html = response.content.decode()
    assert words in html
    assert 'href="/"' not in html
    assert 'data-reset-url="/kiosk/reset/"' in html
    assert_kiosk_layout(response)


def test_a_bad_request_on_the_kiosk_is_a_kiosk_page(client):
    response = client.post(CHECK, {f"field{i}": "x" for i in range(500)})
    assert response.status_code == 400
    assert_kiosk_layout(response)


def test_the_idle_dialog_is_found_by_an_attribute_content_cannot_carry(client):
    from articles.models import Article

    article = Article.objects.published().first()
    article.body += '\n\n## Idle dialog\n\n<p id="idle-dialog" data-idle-dialog="1">Raw</p>\n'
    article.save()
    html = client.get(f"/kiosk/articles/{article.slug}/").content.decode()
    assert html.count("data-idle-dialog") == 1
    assert html.count('id="idle-dialog"') == 1  # the dialog's own
    assert 'id="section-idle-dialog"' in html
