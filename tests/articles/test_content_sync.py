"""sync_content: idempotent, all-or-nothing, and clear about what it did and why it stopped."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from articles import workflow
from articles.content_files import ContentError, read_content
from articles.models import FAQ, Article, Page, Topic

pytestmark = pytest.mark.django_db


def sync(content_dir, *args):
    out = StringIO()
    call_command("sync_content", *args, content_dir=content_dir, stdout=out)
    return out.getvalue()


def snapshot():
    return {
        "articles": sorted(Article.objects.values_list("slug", "title", "status", "body")),
        "faqs": sorted(FAQ.objects.values_list("slug", "question", "answer")),
        "topics": sorted(Topic.objects.values_list("slug", "title")),
    }


def write_article(content_dir, slug, front_matter, body="Some text.\n"):
    path = content_dir / "articles" / f"{slug}.md"
    path.write_text(f"---\n{front_matter}---\n\n{body}", encoding="utf-8")
    return path


GOOD = (
    "title: A new page\nsummary: One. Two.\ntopic: b12-and-cancer\nupdated: 2026-11-21\nstatus: published\n"
)


def test_it_loads_every_published_article_and_faq(content_copy):
    out = sync(content_copy)
    files = len(list((content_copy / "articles").glob("*.md")))
    assert Article.objects.count() == files
    assert f"Articles: {files} created" in out
    assert FAQ.objects.count() == len(list((content_copy / "faqs").glob("*.md")))


def test_it_changes_nothing_the_second_time(content_copy):
    sync(content_copy)
    before = snapshot()
    out = sync(content_copy)
    assert "0 created, 0 updated" in out
    assert "Nothing changed" in out
    assert snapshot() == before


def test_it_updates_an_article_whose_file_changed(content_copy):
    sync(content_copy)
    write_article(content_copy, "extra", GOOD)
    sync(content_copy)
    write_article(content_copy, "extra", GOOD.replace("A new page", "A better title"))
    out = sync(content_copy)
    assert "Articles: 0 created, 1 updated" in out
    assert Article.objects.get(slug="extra").title == "A better title"


@pytest.mark.parametrize(
    "front_matter, body, expected",
    [
        ("title: fine\n  summary: indented: wrongly\n", "x", "extra.md:3: the YAML cannot be read"),
        (GOOD.replace("title: A new page\n", ""), "x", "extra.md [title]: is required"),
        (GOOD.replace("b12-and-cancer", "astrology"), "x", "[topic]: unknown topic 'astrology'"),
        (GOOD + "sumary: typo\n", "x", "[sumary]: unknown field"),
        (GOOD.replace("2026-11-21", "21/11/2026"), "x", "[updated]: must be a date"),
        (GOOD + "status: live\n", "x", None),  # duplicate key: YAML keeps the last, which is invalid
        (GOOD + "related: [no-such-article]\n", "x", "related article 'no-such-article' does not exist"),
        (GOOD + "slug: low-b12-and-cancer\n", "x", "slug 'low-b12-and-cancer' is already used"),
        (GOOD + "slug: ../../etc/passwd\n", "x", "is not a valid slug"),
        (
            GOOD + "references: [nice-ng239, no-such-source]\n",
            "x",
            "extra.md [references]: 'no-such-source' is not a source id in references.yaml",
        ),
        (GOOD + "references: nice-ng239\n", "x", "[references]: must be a list of source ids"),
        (GOOD + "references: [nice-ng239, nice-ng239]\n", "x", "'nice-ng239' is cited more than once"),
    ],
    ids=[
        "broken yaml",
        "missing title",
        "unknown topic",
        "unknown field",
        "bad date",
        "bad status",
        "missing related",
        "duplicate slug",
        "path in slug",
        "unknown source",
        "sources not a list",
        "source twice",
    ],
)
def test_one_bad_file_stops_the_run_names_the_file_and_changes_nothing(
    content_copy, front_matter, body, expected
):
    sync(content_copy)
    before = snapshot()
    (content_copy / "articles" / "low-b12-and-cancer.md").write_text(
        (content_copy / "articles" / "low-b12-and-cancer.md")
        .read_text()
        .replace("title:", "title: Changed", 1)
    )
    write_article(content_copy, "extra", front_matter, body)
    with pytest.raises(CommandError) as raised:
        sync(content_copy)
    message = str(raised.value)
    assert "nothing was changed" in message
    assert "content/articles/extra.md" in message
    if expected:
        assert expected in message
    assert snapshot() == before


def test_it_reports_every_problem_at_once(content_copy):
    write_article(content_copy, "one", "title: [\n")
    write_article(content_copy, "two", GOOD.replace("b12-and-cancer", "nope"))
    with pytest.raises(ContentError) as raised:
        read_content(content_copy)
    assert {p.path.name for p in raised.value.problems} == {"one.md", "two.md"}


def test_a_file_without_front_matter_is_named(content_copy):
    (content_copy / "faqs" / "loose.md").write_text("Just an answer\n")
    with pytest.raises(ContentError, match=r"content/faqs/loose.md:1: must start with front matter"):
        read_content(content_copy)


def test_a_file_that_is_not_text_is_named(content_copy):
    (content_copy / "articles" / "binary.md").write_bytes(b"---\ntitle: \xff\xfe\n---\n")
    with pytest.raises(ContentError, match=r"binary.md: is not UTF-8 text"):
        read_content(content_copy)


def test_a_removed_file_archives_its_article_and_says_so(content_copy):
    write_article(content_copy, "extra", GOOD)
    sync(content_copy)
    (content_copy / "articles" / "extra.md").unlink()
    out = sync(content_copy)
    assert "1 archived" in out
    assert Article.objects.get(slug="extra").status == "archived"
    assert "1 archived" not in sync(content_copy)


def test_an_article_written_in_the_admin_is_not_archived(content_copy):
    sync(content_copy)
    Article.objects.create(
        slug="admin-only", title="T", summary="S", topic=Topic.objects.first(), updated="2026-11-21", body="b"
    )
    sync(content_copy)
    assert Article.objects.get(slug="admin-only").status == "draft"


def test_a_file_change_to_a_live_article_changed_in_the_admin_waits_for_review(content_copy):
    sync(content_copy)
    article = Article.objects.get(slug="low-b12-and-cancer")
    article.body = "Edited in the admin.\n"
    article.save()
    path = content_copy / "articles" / "low-b12-and-cancer.md"
    path.write_text(path.read_text().replace("## ", "## Changed ", 1))
    out = sync(content_copy)
    assert "Sent article 'low-b12-and-cancer' for review" in out
    assert "1 sent for review" in out
    assert Article.objects.get(slug="low-b12-and-cancer").body == "Edited in the admin.\n"
    assert "## Changed" in workflow.open_change(article).data["body"]
    assert "Nothing changed" in sync(content_copy)

    sync(content_copy, "--force")
    assert "Changed" in Article.objects.get(slug="low-b12-and-cancer").body


def test_it_keeps_a_draft_edited_in_the_admin_and_reports_the_conflict(content_copy):
    write_article(content_copy, "extra", GOOD.replace("status: published", "status: draft"))
    sync(content_copy)
    Article.objects.filter(slug="extra").update(title="Edited in the admin")
    write_article(
        content_copy,
        "extra",
        GOOD.replace("status: published", "status: draft").replace("A new page", "From the file"),
    )
    assert "Kept article 'extra'" in sync(content_copy)
    assert Article.objects.get(slug="extra").title == "Edited in the admin"


def test_an_untouched_admin_save_is_not_a_conflict(content_copy):
    sync(content_copy)
    article = Article.objects.get(slug="low-b12-and-cancer")
    article.body = article.body.replace("\n", "\r\n")  # what a browser textarea submits
    article.save()
    assert not Article.objects.get(pk=article.pk).changed_since_sync
    assert "Nothing changed" in sync(content_copy)


def test_a_question_citing_an_unknown_source_is_refused_naming_the_file_and_field(content_copy):
    (content_copy / "faqs" / "new-question.md").write_text(
        "---\nquestion: Q?\ntopic: high-b12\nreferences: [arendt-2031]\n---\n\nA.\n"
    )
    with pytest.raises(ContentError) as raised:
        read_content(content_copy)
    assert "content/faqs/new-question.md [references]: 'arendt-2031' is not a source id" in str(raised.value)


def test_a_broken_references_file_stops_the_sync_and_says_where(content_copy):
    (content_copy / "references.yaml").write_text("- id: x\n  citation: A.\n  status: gone\n  cite_for: t\n")
    with pytest.raises(ContentError, match=r"content/references.yaml: .*status must be one of"):
        read_content(content_copy)


def test_questions_keep_their_sources_in_the_order_cited(content_copy):
    sync(content_copy)
    faq = FAQ.objects.get(slug="what-if-i-get-a-temperature-during-chemotherapy")
    assert faq.references == ["nice-cg151", "christie-fever", "enherts-acute-oncology"]
    assert [ref.id for ref in faq.sources()] == faq.references


@pytest.mark.parametrize(
    ("folder", "front_matter", "field"),
    [
        ("articles", GOOD, "body"),
        ("faqs", "question: Q?\ntopic: high-b12\nreferences: [nice-ng239]\n", "answer"),
        ("pages", "title: A page\nupdated: 2026-11-21\n", "body"),
    ],
)
def test_a_body_that_would_take_minutes_to_render_is_refused_naming_its_file_and_field(
    content_copy, folder, front_matter, field
):
    (content_copy / folder / "slow.md").write_text(f"---\n{front_matter}---\n\n{'[' * 30_000}\n")
    with pytest.raises(ContentError) as raised:
        read_content(content_copy)
    assert f"content/{folder}/slow.md [{field}]:" in str(raised.value)


def test_a_summary_longer_than_the_admin_allows_is_refused_as_the_admin_refuses_it(content_copy):
    write_article(content_copy, "extra", GOOD.replace("summary: One. Two.", "summary: " + "word " * 130))
    with pytest.raises(ContentError, match=r"extra.md \[summary\]: is longer than 600 characters"):
        read_content(content_copy)


def test_a_file_in_review_is_loaded_as_a_draft_waiting_for_a_reviewer(content_copy):
    write_article(content_copy, "extra", GOOD.replace("status: published", "status: in_review"))
    sync(content_copy)
    article = Article.objects.get(slug="extra")
    assert article.status == "draft"
    assert workflow.open_change(article).state == "in_review"
    assert "Nothing changed" in sync(content_copy)


def test_a_file_cannot_take_a_live_page_back_to_a_draft(content_copy):
    write_article(content_copy, "extra", GOOD)
    sync(content_copy)
    write_article(content_copy, "extra", GOOD.replace("status: published", "status: draft"))
    with pytest.raises(CommandError, match=r"extra.md \[status\]: says draft, but the article is live"):
        sync(content_copy)
    assert Article.objects.get(slug="extra").status == "published"


def test_a_returning_file_puts_its_archived_article_back(content_copy):
    write_article(content_copy, "extra", GOOD)
    sync(content_copy)
    path = content_copy / "articles" / "extra.md"
    text = path.read_text()
    path.unlink()
    sync(content_copy)
    path.write_text(text.replace("A new page", "Back again"))
    sync(content_copy)
    assert Article.objects.get(slug="extra").status == "published"
    assert Article.objects.get(slug="extra").title == "Back again"


def test_pages_are_published_from_their_files_and_archived_when_removed(content_copy):
    sync(content_copy)
    assert set(Page.objects.published().values_list("slug", flat=True)) == {"about", "glossary", "privacy"}
    (content_copy / "pages" / "glossary.md").unlink()
    assert "Pages: 0 created, 0 updated, 2 unchanged, 1 archived." in sync(content_copy)
    assert Page.objects.get(slug="glossary").status == "archived"


def test_a_review_line_without_its_date_is_refused(content_copy):
    write_article(content_copy, "extra", GOOD + "reviewed_by: Dr Someone\n")
    with pytest.raises(ContentError, match=r"extra.md \[reviewed_by\]: fill in both"):
        read_content(content_copy)
