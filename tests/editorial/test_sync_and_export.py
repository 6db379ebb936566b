"""The content files and the admin live side by side: neither silently overwrites the other."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from articles import workflow
from articles.content_files import read_content
from articles.models import FAQ, Article, Page, Topic
from articles.states import ChangeState

from .helpers import article_form, change_url

pytestmark = pytest.mark.django_db


def sync(content_dir, *args):
    out = StringIO()
    call_command("sync_content", *args, content_dir=content_dir, stdout=out)
    return out.getvalue()


def export(content_dir, *args):
    out = StringIO()
    call_command("export_content", *args, content_dir=content_dir, stdout=out)
    return out.getvalue()


def files(root):
    return {p.relative_to(root): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def edit_file(content_copy, slug, old, new):
    path = content_copy / "articles" / f"{slug}.md"
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new, 1))


def approve_in_the_admin(editor, reviewer, article, **fields):
    workflow.apply(editor, article, "submit", fields=fields)
    workflow.apply(reviewer, article, "publish")


def test_an_editors_pending_change_does_not_stop_the_file_loading(content_copy, editor_client):
    sync(content_copy)
    article = Article.objects.get(slug="low-b12-and-cancer")
    editor_client.post(change_url(article), article_form(article, "submit", body="Pending in the admin.\n"))
    edit_file(content_copy, "low-b12-and-cancer", "order: ", "order: 1")
    assert "Articles: 0 created, 1 updated" in sync(content_copy)
    assert workflow.open_change(article).data["body"] == "Pending in the admin.\n"


def test_a_file_change_to_an_item_changed_in_the_admin_waits_for_review_beside_the_live_page(
    content_copy, editor, reviewer
):
    sync(content_copy)
    article = Article.objects.get(slug="low-b12-and-cancer")
    approve_in_the_admin(editor, reviewer, article, title="Approved in the admin")
    edit_file(content_copy, "low-b12-and-cancer", "title: ", "title: Revised ")
    out = sync(content_copy)
    assert "Sent article 'low-b12-and-cancer' for review" in out
    row = Article.objects.get(pk=article.pk)
    assert row.title == "Approved in the admin"
    change = workflow.open_change(row)
    assert change.state == ChangeState.IN_REVIEW and change.created_by is None
    assert change.data["title"].startswith("Revised ")
    # Running it again finds the change there and changes nothing.
    assert "Nothing changed" in sync(content_copy)


def test_the_sync_keeps_an_item_with_a_change_in_progress_in_the_admin(content_copy, editor, reviewer):
    sync(content_copy)
    article = Article.objects.get(slug="low-b12-and-cancer")
    approve_in_the_admin(editor, reviewer, article, title="Approved in the admin")
    workflow.apply(editor, article, "edit", fields={"title": "Being written"})
    edit_file(content_copy, "low-b12-and-cancer", "title: ", "title: Revised ")
    assert "it has a change in progress in the admin" in sync(content_copy)
    assert workflow.open_change(article).data["title"] == "Being written"


def test_sync_force_loads_the_file_over_the_admins_approved_change(content_copy, editor, reviewer):
    sync(content_copy)
    article = Article.objects.get(slug="low-b12-and-cancer")
    approve_in_the_admin(editor, reviewer, article, title="Approved in the admin")
    sync(content_copy, "--force")
    assert Article.objects.get(pk=article.pk).title != "Approved in the admin"


def test_an_untouched_admin_save_is_not_mistaken_for_an_edit(content_copy, editor_client):
    sync(content_copy)
    article = Article.objects.get(slug="low-b12-and-cancer")
    data = article_form(article)
    data["body"] = data["body"].replace("\n", "\r\n")  # as a browser sends a textarea
    editor_client.post(change_url(article), data)
    assert workflow.open_change(article) is None
    assert "Nothing changed" in sync(content_copy)


def test_a_reviewers_sign_off_is_kept_by_the_sync_until_exported(content_copy, reviewer):
    sync(content_copy)
    article = Article.objects.get(slug="high-b12-levels")
    workflow.apply(reviewer, article, "take_down")
    workflow.apply(reviewer, article, "put_back")
    assert "Kept article 'high-b12-levels'" in sync(content_copy)
    export(content_copy)
    assert "Nothing changed" in sync(content_copy)
    assert Article.objects.get(pk=article.pk).reviewed_by == "Rita Reviewer"
    assert "reviewed_by: Rita Reviewer" in (content_copy / "articles" / "high-b12-levels.md").read_text()


def test_export_of_freshly_synced_content_rewrites_no_file(content_copy):
    sync(content_copy)
    before = files(content_copy)
    assert "0 written" in export(content_copy)
    assert files(content_copy) == before


def test_export_then_sync_changes_nothing_after_admin_edits(content_copy, editor, reviewer):
    sync(content_copy)
    article = Article.objects.get(slug="low-b12-and-cancer")
    approve_in_the_admin(
        editor,
        reviewer,
        article,
        title="Can low B12 be a sign of cancer: what to know",
        summary='A "quoted" summary: with a colon, #hash and yes.',
        related=["high-b12-levels"],
    )
    faq = FAQ.objects.get(slug="do-vegans-need-b12")
    approve_in_the_admin(editor, reviewer, faq, question="Do vegans: need B12?")
    topic = Topic.objects.get(slug="high-b12")
    workflow.apply(reviewer, topic, "edit", fields={"description": "null"})
    page = Page.objects.get(slug="about")
    approve_in_the_admin(editor, reviewer, page, summary="")
    new = Article(
        slug="written-in-the-admin",
        title="2026-11-21",
        summary="true",
        topic=topic,
        updated="2026-11-21",
        body="Hi.\n",
    )
    workflow.apply(editor, new, "add")

    assert "written" in export(content_copy)
    assert "Nothing changed" in sync(content_copy)
    content = read_content(content_copy)
    assert (
        content.articles["low-b12-and-cancer"]["summary"]
        == 'A "quoted" summary: with a colon, #hash and yes.'
    )
    assert content.articles[new.slug]["title"] == "2026-11-21"
    assert content.articles[new.slug]["status"] == "draft"
    assert content.topics["high-b12"]["description"] == "null"
    assert content.faqs["do-vegans-need-b12"]["reviewed_by"] == "Rita Reviewer"


def test_export_writes_live_text_and_with_pending_the_changes_awaiting_review(content_copy, tmp_path, editor):
    sync(content_copy)
    article = Article.objects.get(slug="low-b12-and-cancer")
    workflow.apply(editor, article, "submit", fields={"title": "Waiting for a reviewer"})
    assert "0 written" in export(content_copy)
    pending = tmp_path / "pending"
    export(pending, "--pending")
    text = (pending / "articles" / "low-b12-and-cancer.md").read_text()
    assert "title: Waiting for a reviewer" in text and "status: in_review" in text
    # The pending files load back as the same change, beside the live page: a round trip.
    (pending / "references.yaml").write_bytes((content_copy / "references.yaml").read_bytes())
    assert "Nothing changed" in sync(pending)
    assert Article.objects.get(pk=article.pk).title != "Waiting for a reviewer"


def test_export_removes_the_file_of_an_archived_article_so_the_sync_agrees(content_copy, reviewer):
    sync(content_copy)
    old = Article(
        slug="old-news",
        title="Old",
        summary="S.",
        topic=Topic.objects.first(),
        updated="2026-01-01",
        body="x",
    )
    workflow.apply(reviewer, old, "add")
    export(content_copy)
    assert (content_copy / "articles" / "old-news.md").exists()
    workflow.apply(reviewer, old, "withdraw")
    out = export(content_copy)
    assert not (content_copy / "articles" / "old-news.md").exists()
    assert "removed" in out
    assert "Nothing changed" in sync(content_copy)


def test_export_refuses_and_writes_nothing_when_the_sync_could_not_load_the_result(content_copy, reviewer):
    sync(content_copy)
    workflow.apply(
        reviewer, Article.objects.get(slug="myths-and-facts"), "take_down"
    )  # still related elsewhere
    Article.objects.filter(slug="b12-and-folate").update(order=99)
    before = files(content_copy)
    with pytest.raises(CommandError, match="related article 'myths-and-facts' does not exist"):
        export(content_copy)
    assert files(content_copy) == before


def test_export_writes_each_file_by_replacing_it_and_leaves_no_temporary_files(content_copy, monkeypatch):
    import os

    sync(content_copy)
    Article.objects.filter(slug="b12-and-folate").update(order=99)
    replaced = []
    real_replace = os.replace
    monkeypatch.setattr(os, "replace", lambda src, dst: (replaced.append((src, dst)), real_replace(src, dst)))
    export(content_copy)
    assert [str(dst) for _, dst in replaced] == [str(content_copy / "articles" / "b12-and-folate.md")]
    assert not [p for p in content_copy.rglob("*.tmp")]


def test_export_leaves_a_file_the_database_does_not_know_and_says_so(content_copy):
    sync(content_copy)
    stray = content_copy / "faqs" / "not-loaded-yet.md"
    stray.write_text("---\nquestion: Q?\ntopic: high-b12\n---\n\nA.\n")
    assert "not-loaded-yet.md: nothing in the database has its slug" in export(content_copy)
    assert stray.exists()


def test_after_an_export_a_change_made_in_the_file_is_loaded_not_kept_out(content_copy, editor, reviewer):
    sync(content_copy)
    article = Article.objects.get(slug="high-b12-levels")
    approve_in_the_admin(editor, reviewer, article, title="High B12 results")
    export(content_copy)
    edit_file(content_copy, "high-b12-levels", "order: ", "order: 1")
    out = sync(content_copy)
    assert "Kept" not in out and "for review" not in out
    assert Article.objects.get(pk=article.pk).order == int(f"1{article.order}")
