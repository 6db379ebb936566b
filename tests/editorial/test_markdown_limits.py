"""Markdown an editor types cannot stall a worker or crash a save: refused with a sentence instead."""

import time

import pytest
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings

from editorial import preview
from tests.articles.test_rendering_limits import markdown_text

from .conftest import BODY
from .helpers import article_form, change_url

pytestmark = pytest.mark.django_db

PREVIEW = "/admin/editor/markdownify/"
SLOW = {"deep lists": "- " * 1000 + "x", "a run of [": "[" * 8000, "headings on every line": "## h\n" * 8000}


@pytest.mark.parametrize("body", SLOW.values(), ids=SLOW.keys())
def test_a_save_with_markdown_that_cannot_be_rendered_is_refused_with_a_sentence(editor_client, draft, body):
    started = time.monotonic()
    response = editor_client.post(change_url(draft), article_form(draft, body=body))
    assert time.monotonic() - started < 5
    assert response.status_code == 200  # the form again, with the reason
    assert "would take too long to show" in response.content.decode() or "nested" in response.content.decode()
    draft.refresh_from_db()
    assert draft.body == BODY


def test_a_faq_answer_is_checked_the_same_way(editor_client, topic):
    from articles.models import FAQ

    faq = FAQ.objects.create(slug="q", question="Q?", topic=topic, answer="A.\n")
    data = {
        "question": "Q?",
        "slug": "q",
        "topic": topic.pk,
        "order": 0,
        "answer": "1. " * 1000 + "x",
        "status": "draft",
        "version": faq.modified_at.isoformat(),
        "_save": "Save",
    }
    response = editor_client.post(f"/admin/articles/faq/{faq.pk}/change/", data)
    assert response.status_code == 200 and "nested" in response.content.decode()


@pytest.mark.parametrize("body", SLOW.values(), ids=SLOW.keys())
def test_the_preview_says_why_instead_of_stalling_or_failing(editor_client, body):
    started = time.monotonic()
    response = editor_client.post(PREVIEW, {"content": body})
    assert time.monotonic() - started < 10  # including the preview process's first start
    assert response.status_code == 200
    assert 'class="preview-problem" role="alert"' in response.content.decode()


def test_the_preview_stops_work_that_overruns_its_budget_and_carries_on_afterwards():
    started = time.monotonic()
    with pytest.raises(preview.TooSlow):
        preview.run_with_budget(time.sleep, (30,), 0.5)
    assert time.monotonic() - started < 10
    assert preview.run_with_budget(abs, (-3,), 5) == 3


def test_a_preview_that_overruns_shows_a_sentence(editor_client, monkeypatch):
    def too_slow(*args):
        raise preview.TooSlow

    monkeypatch.setattr(preview, "run_with_budget", too_slow)
    response = editor_client.post(PREVIEW, {"content": "Some text."})
    assert response.status_code == 200
    assert "takes too long to preview" in response.content.decode()


def test_the_preview_renders_ordinary_markdown_as_before(editor_client):
    response = editor_client.post(PREVIEW, {"content": "## Signs\n\n**Bold** and [a link](/faq/)."})
    html = response.content.decode()
    assert '<h2 id="signs">Signs</h2>' in html and "<strong>Bold</strong>" in html
    assert "preview-problem" not in html


@hypothesis_settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(text=markdown_text)
def test_no_preview_answers_500_or_takes_longer_than_its_budget(editor_client, settings, text):
    editor_client.raise_request_exception = False
    started = time.monotonic()
    response = editor_client.post(PREVIEW, {"content": text})
    assert response.status_code == 200
    assert time.monotonic() - started < settings.PREVIEW_SECONDS + 5
