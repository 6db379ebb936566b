"""Every save is kept, can be read as a diff, and can be restored."""

import pytest

from articles.models import Article

from .helpers import article_form, change_url

pytestmark = pytest.mark.django_db


def test_every_admin_save_is_recorded_with_who_made_it(editor_client, editor, draft):
    editor_client.post(change_url(draft), article_form(draft, body="Second.\n"))
    editor_client.post(change_url(draft), article_form(draft, body="Third.\n"))
    records = list(draft.history.all())
    assert [r.body for r in records[:3]] == ["Third.\n", "Second.\n", "## What it is\n\nPlain words.\n"]
    assert records[0].history_user == editor


def test_the_history_page_lists_revisions_with_links_to_their_changes(editor_client, draft):
    editor_client.post(change_url(draft), article_form(draft, title="A better title"))
    html = editor_client.get(f"/admin/articles/article/{draft.pk}/history/").content.decode()
    latest = draft.history.first()
    assert f"/admin/articles/article/{draft.pk}/history/{latest.history_id}/changes/" in html
    assert "Show changes" in html and "Restore" in html
    assert "style=" not in html.split('id="change-history"')[1]


def test_the_changes_page_shows_a_readable_line_diff(editor_client, draft):
    body = "## What it is\n\nPlain words.\n\n## Next\n\nMore.\n"
    editor_client.post(change_url(draft), article_form(draft, body=body, title="Renamed"))
    latest = draft.history.first()
    response = editor_client.get(f"/admin/articles/article/{draft.pk}/history/{latest.history_id}/changes/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "<del>A draft</del> → <ins>Renamed</ins>" in html
    assert (
        '<tr class="diff-added"><th scope="row">+<span class="visually-hidden"> added</span></th><td><ins>## Next</ins></td></tr>'
        in html
    )
    assert "Body html" not in html  # derived fields are not shown


def test_restoring_a_version_brings_its_text_back_as_a_new_revision(editor_client, draft):
    original = draft.history.first()
    editor_client.post(change_url(draft), article_form(draft, body="A mistake.\n"))
    restore_url = f"/admin/articles/article/{draft.pk}/history/{original.history_id}/"
    form = editor_client.get(restore_url)
    assert "Plain words." in form.content.decode()
    response = editor_client.post(restore_url, article_form(draft, body=original.body))
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.body == original.body
    assert draft.history.count() == 3


def test_a_restore_keeps_the_current_sync_fingerprint(editor_client, draft):
    Article.objects.filter(pk=draft.pk).update(synced_fingerprint="from-the-last-sync")
    draft.refresh_from_db()
    old = draft.history.last()
    editor_client.post(f"/admin/articles/article/{draft.pk}/history/{old.history_id}/", article_form(draft))
    assert Article.objects.get(pk=draft.pk).synced_fingerprint == "from-the-last-sync"
