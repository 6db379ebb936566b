"""The markdown preview and image upload endpoints the editor's widget calls."""

import pytest
from django.conf import settings
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db

PREVIEW = "/admin/editor/markdownify/"
UPLOAD = "/admin/editor/upload/"


def test_the_widget_posts_to_our_own_views_under_the_names_markdownx_uses():
    assert reverse("markdownx_markdownify") == settings.MARKDOWNX_URLS_PATH == PREVIEW
    assert reverse("markdownx_upload") == settings.MARKDOWNX_UPLOAD_URLS_PATH == UPLOAD


def test_markdownx_own_unprotected_urls_are_not_routed(client):
    assert client.post("/markdownx/markdownify/", {"content": "x"}).status_code == 404
    assert client.post("/markdownx/upload/").status_code == 404


@pytest.mark.parametrize("url", [PREVIEW, UPLOAD])
def test_it_refuses_anonymous_requests(client, url):
    response = client.post(url, {"content": "**hi**"})
    assert response.status_code == 403
    assert b"Sign in" in response.content


@pytest.mark.parametrize("url", [PREVIEW, UPLOAD])
def test_it_refuses_signed_in_people_who_are_not_staff(client, url):
    client.force_login(User.objects.create_user("reader", password="x"))
    assert client.post(url, {"content": "**hi**"}).status_code == 403


@pytest.mark.parametrize("url", [PREVIEW, UPLOAD])
def test_it_refuses_staff_who_may_not_edit_content(client, url):
    client.force_login(User.objects.create_user("clerk", password="x", is_staff=True))
    assert client.post(url, {"content": "**hi**"}).status_code == 403


def test_it_refuses_a_preview_without_the_csrf_token(editor):
    client = Client(enforce_csrf_checks=True)
    client.force_login(editor)
    response = client.post(PREVIEW, {"content": "**hi**"})
    assert response.status_code == 403


def test_it_previews_through_the_public_renderer(editor_client):
    response = editor_client.post(PREVIEW, {"content": "## Heading\n\n!!! urgent\n    - a sign\n"})
    html = response.content.decode()
    assert response.status_code == 200
    assert '<h2 id="heading">Heading</h2>' in html
    assert 'class="callout callout--urgent"' in html
    assert response["Cache-Control"].startswith("max-age=0")


def test_the_preview_shows_the_shared_emergency_box_an_article_names(editor_client, settings):
    settings.EMERGENCY_NUMBER = "112"
    html = editor_client.post(
        PREVIEW, {"content": "## When to get help\n\n!!! emergency-box\n"}
    ).content.decode()
    assert 'id="emergency-box"' in html and 'Call <a href="tel:112">112</a> now' in html


HOSTILE = """
<script>alert(1)</script>
<img src=x onerror="alert(2)">
[click](javascript:alert(3))
<iframe src="https://evil.example"></iframe>
<form action="https://evil.example"><input name=x></form>
<a href="data:text/html,<script>alert(4)</script>">data</a>
<svg onload="alert(5)"></svg>
<style>body{display:none}</style>
"""


def test_it_sanitises_hostile_markdown_in_the_preview(editor_client):
    html = editor_client.post(PREVIEW, {"content": HOSTILE}).content.decode().lower()
    for needle in [
        "<script",
        "onerror",
        "javascript:",
        "<iframe",
        "<form",
        "data:text",
        "<svg",
        "onload",
        "<style",
    ]:
        assert needle not in html


def test_it_only_accepts_posts(editor_client):
    assert editor_client.get(PREVIEW).status_code == 405
    assert editor_client.get(UPLOAD).status_code == 405


def test_a_huge_preview_gets_a_sentence_not_a_crash(editor_client):
    response = editor_client.post(PREVIEW, {"content": "word " * 200_000})
    assert response.status_code == 413
    assert b"too long to preview" in response.content
