"""The side-by-side preview: the live page and the working copy in the public template, a diff,
the checklist; for staff only, never cached, and without JavaScript."""

import html
import re

import pytest

from articles import workflow
from articles.models import Article

from .helpers import article_form, change_url

pytestmark = pytest.mark.django_db


def frames(response):
    """The public pages shown side by side (the srcdoc of each frame), by title."""
    page = response.content.decode()
    return {
        title: html.unescape(doc)
        for title, doc in re.findall(r'<iframe[^>]*title="([^"]+)"[^>]*srcdoc="([^"]*)"', page)
    }


def preview_url(item):
    return f"/admin/articles/{item._meta.model_name}/{item.pk}/preview/"


def test_the_preview_shows_the_live_page_beside_the_pending_change_with_a_diff(editor, editor_client, live):
    workflow.apply(editor, live, "submit", fields={"body": live.body + "\nA pending sentence.\n"})
    response = editor_client.get(preview_url(live))
    shown = frames(response)
    live_page = shown["The live page, as the public sees it now"]
    pending = shown["The page as it would be published"]
    assert "<h1>A draft</h1>" in live_page and "A pending sentence." not in live_page
    assert "A pending sentence." in pending
    assert 'id="emergency-box"' in pending  # the shared box, filled in as the public sees it
    assert "<ins>A pending sentence.</ins>" in response.content.decode()
    assert 'class="feedback"' not in pending


def test_the_preview_renders_the_unsaved_form_and_saves_nothing(editor_client, live):
    data = article_form(live, title="Typed but not saved")
    response = editor_client.post(preview_url(live), data)
    assert "<h1>Typed but not saved</h1>" in frames(response)["The page as it would be published"]
    assert Article.objects.get(pk=live.pk).title == "A draft"
    assert workflow.open_change(live) is None


def test_the_preview_of_a_new_item_needs_no_save(editor_client, topic):
    data = {
        "title": "Brand new",
        "slug": "brand-new",
        "summary": "S.",
        "topic": topic.pk,
        "order": 0,
        "updated": "2026-11-01",
        "body": "## Hello\n\nText.\n",
        "references": "[]",
        "related": "[]",
    }
    response = editor_client.post("/admin/articles/article/add/preview/", data)
    assert "<h1>Brand new</h1>" in frames(response)["The page as it would be published"]
    assert "Not on the site yet." in response.content.decode()
    assert not Article.objects.filter(slug="brand-new").exists()


def test_a_form_with_problems_is_previewed_with_the_problems_listed(editor_client, live):
    response = editor_client.post(preview_url(live), article_form(live, references='["no-such-source"]'))
    assert response.status_code == 200
    assert "is not a source id" in response.content.decode()


def test_the_preview_is_private_not_indexed_and_for_staff_only(client, editor_client, live):
    response = editor_client.get(preview_url(live))
    assert "private" in response["Cache-Control"] and "no-store" in response["Cache-Control"]
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    anonymous = client.get(preview_url(live))
    assert anonymous.status_code == 302 and "/admin/login/" in anonymous["Location"]


def test_the_preview_frames_are_sandboxed_and_the_page_has_no_inline_script_or_style(editor_client, live):
    page = editor_client.get(preview_url(live)).content.decode()
    for frame in re.findall(r"<iframe[^>]*>", page):
        # Styles load as on the public site; no script in the frame ever runs.
        assert ' sandbox="allow-same-origin" ' in frame and "allow-scripts" not in frame
    outside = re.sub(r'srcdoc="[^"]*"', "", page)
    assert "<script>" not in outside and "style=" not in outside


def test_the_preview_button_works_without_javascript(editor_client, live):
    form = editor_client.get(change_url(live)).content.decode()
    button = re.search(r"<button[^>]*formaction=[^>]*>Preview</button>", form).group()
    assert 'formtarget="_blank"' in button and "formnovalidate" in button


def test_the_preview_lists_the_checklist(editor_client, live):
    response = editor_client.post(
        preview_url(live), article_form(live, body="## Help\n\n[click here](/faq/)\n")
    )
    page = response.content.decode()
    assert "Blocks approval:</span> The shared emergency box" in page
    assert "Check:</span> Link text that makes sense on its own" in page


def test_a_question_is_previewed_open_in_the_public_questions_page(editor_client, faq):
    response = editor_client.get(preview_url(faq))
    pending = frames(response)["The page as it would be published"]
    assert f'<details class="faq" id="{faq.slug}" open>' in pending


def test_the_preview_of_the_unsaved_form_reads_the_stored_row_outside_a_transaction(
    transactional_db, editor_client, live, monkeypatch
):
    # PostgreSQL refuses to lock rows outside a transaction; the preview saves nothing, so it locks nothing.
    from articles import workflow as module

    def refuse_outside_a_transaction(item):
        from django.db import transaction

        assert transaction.get_connection().in_atomic_block, "a lock outside a transaction"
        return real(item)

    real = module.locked
    monkeypatch.setattr(module, "locked", refuse_outside_a_transaction)
    response = editor_client.post(preview_url(live), article_form(live, title="Unsaved"))
    assert "<h1>Unsaved</h1>" in frames(response)["The page as it would be published"]
