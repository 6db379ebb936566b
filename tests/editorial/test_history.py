"""Every save is kept, can be read as a diff, and can be restored as a new change."""

import pytest

from articles import workflow
from articles.models import Article
from articles.revisions import Revision

from .helpers import article_form, change_url, form_fields

pytestmark = pytest.mark.django_db


def test_every_save_of_a_change_is_recorded_with_who_made_it(editor_client, editor, live):
    editor_client.post(change_url(live), article_form(live, body="Second.\n"))
    editor_client.post(change_url(live), article_form(live, body="Third.\n"))
    records = list(Revision.history.order_by("-history_id"))
    assert [r.data["body"] for r in records[:2]] == ["Third.\n", "Second.\n"]
    assert records[0].history_user == editor


def test_every_save_of_a_draft_is_recorded_on_the_row(editor_client, editor, draft):
    editor_client.post(change_url(draft), article_form(draft, body="Second.\n"))
    records = list(draft.history.all())
    assert records[0].body == "Second.\n" and records[0].history_user == editor


def test_the_history_page_lists_changes_and_versions_with_links_to_their_differences(editor_client, live):
    editor_client.post(change_url(live), article_form(live, title="A better title"))
    html = editor_client.get(f"/admin/articles/article/{live.pk}/history/").content.decode()
    change_record = Revision.history.first()
    page_record = live.history.first()
    assert f"/admin/articles/article/{live.pk}/changes/{change_record.history_id}/" in html
    assert f"/admin/articles/article/{live.pk}/history/{page_record.history_id}/changes/" in html
    assert "Changes on their way to the public" in html and "Versions of the article" in html
    assert "style=" not in html.split('id="change-records"')[1]


def test_the_changes_page_shows_a_readable_line_diff(editor_client, live):
    body = live.body + "\n## Next\n\nMore.\n"
    editor_client.post(change_url(live), article_form(live, body=body, title="Renamed"))
    record = Revision.history.first()
    response = editor_client.get(f"/admin/articles/article/{live.pk}/changes/{record.history_id}/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "<del>A draft</del> → <ins>Renamed</ins>" in html
    assert "<td><ins>## Next</ins></td>" in html
    assert "Body html" not in html  # derived fields are not shown


def test_restoring_an_old_version_of_a_live_page_makes_it_a_pending_change(editor_client, live):
    original = live.history.earliest()
    workflow.apply(workflow.SYNC, live, "load", fields={"body": "A mistake loaded from a file.\n"})
    restore_url = f"{change_url(live)}?restore=page-{original.history_id}"
    form = form_fields(editor_client, restore_url)
    assert "Plain words about B12." in form["body"]
    response = editor_client.post(restore_url, {**form, "_move": "edit"})
    assert response.status_code == 302
    assert Article.objects.get(pk=live.pk).body == "A mistake loaded from a file.\n"
    assert workflow.open_change(live).data["body"] == original.body


def test_restoring_an_earlier_save_of_a_change(editor_client, live):
    editor_client.post(change_url(live), article_form(live, body="First try.\n"))
    first = Revision.history.first()
    editor_client.post(change_url(live), article_form(live, body="Second try.\n"))
    restore_url = f"{change_url(live)}?restore=change-{first.history_id}"
    response = editor_client.post(restore_url, {**form_fields(editor_client, restore_url), "_move": "edit"})
    assert response.status_code == 302
    assert workflow.open_change(live).data["body"] == "First try.\n"


@pytest.mark.parametrize("restore", ["page-abc", "change-999999", "other-1", "page-"])
def test_a_restore_of_a_version_that_does_not_exist_is_a_404(editor_client, live, restore):
    assert editor_client.get(f"{change_url(live)}?restore={restore}").status_code == 404


def test_a_restore_keeps_the_current_sync_fingerprint(editor_client, draft):
    Article.objects.filter(pk=draft.pk).update(synced_fingerprint="from-the-last-sync")
    old = draft.history.last()
    restore_url = f"{change_url(draft)}?restore=page-{old.history_id}"
    editor_client.post(restore_url, {**form_fields(editor_client, restore_url), "_move": "edit"})
    assert Article.objects.get(pk=draft.pk).synced_fingerprint == "from-the-last-sync"


def test_a_word_fixed_in_a_long_paragraph_is_picked_out_in_the_diff(editor_client, live):
    body = live.body.replace("Plain words about B12.", "Plainer words about B12.")
    editor_client.post(change_url(live), article_form(live, body=body))
    record = Revision.history.first()
    html = editor_client.get(
        f"/admin/articles/article/{live.pk}/changes/{record.history_id}/"
    ).content.decode()
    assert '<del><strong class="diff-word">Plain</strong> words about B12.</del>' in html
    assert '<ins><strong class="diff-word">Plainer</strong> words about B12.</ins>' in html
