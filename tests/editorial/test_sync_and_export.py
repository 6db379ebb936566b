"""The content files and the admin live side by side: neither silently overwrites the other."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from articles.content_files import read_content
from articles.models import FAQ, Article, Page, Topic
from editorial import services

from .helpers import article_form, change_url

pytestmark = pytest.mark.django_db


def sync(content_dir, *args):
    out = StringIO()
    call_command("sync_content", *args, content_dir=content_dir, stdout=out)
    return out.getvalue()


def export(content_dir):
    out = StringIO()
    call_command("export_content", content_dir=content_dir, stdout=out)
    return out.getvalue()


def files(root):
    return {p.relative_to(root): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def edit_in_the_admin(client, article, body):
    response = client.post(change_url(article), article_form(article, body=body, status="in_review"))
    assert response.status_code == 302
    assert Article.objects.get(pk=article.pk).body == body


def test_sync_keeps_an_article_edited_in_the_admin(content_copy, editor_client):
    sync(content_copy)
    article = Article.objects.get(slug="low-b12-and-cancer")
    edit_in_the_admin(editor_client, article, "Edited in the admin.\n")
    out = sync(content_copy)
    assert "Kept article 'low-b12-and-cancer'" in out
    assert Article.objects.get(pk=article.pk).body == "Edited in the admin.\n"


def test_sync_force_replaces_the_admin_edit_with_the_file(content_copy, editor_client):
    sync(content_copy)
    article = Article.objects.get(slug="low-b12-and-cancer")
    edit_in_the_admin(editor_client, article, "Edited in the admin.\n")
    sync(content_copy, "--force")
    assert Article.objects.get(pk=article.pk).body != "Edited in the admin.\n"


def test_an_untouched_admin_save_is_not_mistaken_for_an_edit(content_copy, editor_client):
    sync(content_copy)
    article = Article.objects.get(slug="low-b12-and-cancer")
    data = article_form(article)
    data["body"] = data["body"].replace("\n", "\r\n")  # as a browser sends a textarea
    editor_client.post(change_url(article), data)
    assert "Nothing changed" in sync(content_copy)


def test_a_reviewers_sign_off_is_kept_by_the_sync_until_exported(content_copy, reviewer):
    sync(content_copy)
    article = Article.objects.get(slug="high-b12-levels")
    services.publish(article, reviewer)
    assert "Kept article 'high-b12-levels'" in sync(content_copy)
    export(content_copy)
    assert "Nothing changed" in sync(content_copy)
    assert Article.objects.get(pk=article.pk).reviewed_by == "Rita Reviewer"
    assert "reviewed_by: Rita Reviewer" in (content_copy / "articles" / "high-b12-levels.md").read_text()


def test_export_of_freshly_synced_content_rewrites_no_file(content_copy):
    sync(content_copy)
    before = files(content_copy)
    out = export(content_copy)
    assert "0 written" in out
    assert files(content_copy) == before


def test_export_then_sync_changes_nothing_after_admin_edits(content_copy, editor_client, reviewer_client):
    sync(content_copy)
    article = Article.objects.get(slug="low-b12-and-cancer")
    editor_client.post(
        change_url(article),
        article_form(
            article,
            title="Can low B12 be a sign of cancer: what to know",
            summary='A "quoted" summary: with a colon, #hash and yes.',
            body="## New\n\nText with a [link](/faq/).\n",
            references='["nhs-stroke", "nice-ng239"]',
            related='["high-b12-levels"]',
            status="in_review",
        ),
    )
    faq = FAQ.objects.get(slug="do-vegans-need-b12")
    faq.question, faq.answer = "Do vegans: need B12?", "Yes.\n"
    faq.save()
    topic = Topic.objects.get(slug="high-b12")
    topic.description = "null"
    topic.save()
    page = Page.objects.get(slug="about")
    page.summary = ""
    page.save()
    new = Article.objects.create(
        slug="written-in-the-admin",
        title="2026-11-21",
        summary="true",
        topic=topic,
        updated="2026-11-21",
        body="Hi.\n",
    )

    out = export(content_copy)
    assert "written" in out
    assert "Nothing changed" in sync(content_copy)
    content = read_content(content_copy)
    assert (
        content.articles["low-b12-and-cancer"]["summary"]
        == 'A "quoted" summary: with a colon, #hash and yes.'
    )
    assert content.articles[new.slug]["title"] == "2026-11-21"
    assert content.topics["high-b12"]["description"] == "null"


def test_export_removes_the_file_of_an_archived_article_so_the_sync_agrees(content_copy, topic):
    sync(content_copy)
    Article.objects.create(
        slug="old-news",
        title="Old",
        summary="S.",
        topic=Topic.objects.first(),
        updated="2026-01-01",
        body="x",
    )
    export(content_copy)
    assert (content_copy / "articles" / "old-news.md").exists()
    Article.objects.filter(slug="old-news").update(status="archived")
    out = export(content_copy)
    assert not (content_copy / "articles" / "old-news.md").exists()
    assert "removed" in out
    assert "Nothing changed" in sync(content_copy)


def test_export_refuses_and_writes_nothing_when_the_sync_could_not_load_the_result(content_copy):
    sync(content_copy)
    Article.objects.filter(slug="myths-and-facts").update(status="archived")  # still a related link elsewhere
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


def test_after_an_export_a_change_made_in_the_file_is_loaded_not_kept_out(content_copy, reviewer):
    sync(content_copy)
    article = Article.objects.get(slug="high-b12-levels")
    services.publish(article, reviewer)
    export(content_copy)
    path = content_copy / "articles" / "high-b12-levels.md"
    path.write_text(path.read_text().replace("order: ", "order: 1", 1))
    out = sync(content_copy)
    assert "Kept" not in out
    assert Article.objects.get(pk=article.pk).order == int(f"1{article.order}")
