"""A re-run of sync_content reads and checks only the files that changed, and loses nothing.

Each test counts the files the reader parses and checks (`checked_item` for the English,
`checked_translation` for a language folder): a skipped file is one the reader took as the
last sync left it.
"""

from io import StringIO

import pytest
from django.core.management import call_command

from articles import content_files
from articles.models import Article
from articles.states import Status

pytestmark = pytest.mark.django_db

ARTICLE = "low-b12-and-cancer"


def sync(content_dir, *args):
    out = StringIO()
    call_command("sync_content", *args, content_dir=content_dir, stdout=out)
    return out.getvalue()


@pytest.fixture
def checked(monkeypatch):
    """The names of the files the reader parsed and checked, English and translations."""
    names = []
    for method in ("checked_item", "checked_translation"):
        original = getattr(content_files._Reader, method)

        def counting(self, path, *args, _original=original):
            names.append(f"{self.language}/{path.parent.name}/{path.stem}")
            return _original(self, path, *args)

        monkeypatch.setattr(content_files._Reader, method, counting)
    return names


def files(content_dir):
    return sorted(content_dir.glob("**/*.md"))


def append(path, text):
    path.write_text(path.read_text(encoding="utf-8").rstrip("\n") + f"\n\n{text}\n", encoding="utf-8")


def test_a_first_load_checks_every_file_and_a_rerun_none(content_copy_every_language, checked):
    content = content_copy_every_language
    sync(content)
    markdown = [p for p in files(content) if p.parent.name in content_files.KINDS]
    assert len(checked) == len(markdown)
    checked.clear()
    out = sync(content)
    assert checked == []
    assert "Nothing changed" in out


def test_one_changed_file_is_the_only_one_read_and_written(content_copy_every_language, checked):
    content = content_copy_every_language
    sync(content)
    checked.clear()
    append(content / "articles" / f"{ARTICLE}.md", "One more sentence.")
    out = sync(content)
    # The Spanish translation inherits from the English item: it is checked again with it.
    assert sorted(checked) == [f"en/articles/{ARTICLE}", f"es/articles/{ARTICLE}"]
    assert "Articles: 0 created, 1 updated" in out
    assert "One more sentence." in Article.objects.get(slug=ARTICLE, language="en").body


NEW_SOURCE = """- id: a-new-source
  citation: A new source.
  status: current
  cite_for: Nothing yet."""


def test_what_every_file_is_checked_against_makes_them_all_read_again(content_copy, checked, monkeypatch):
    sync(content_copy)
    every = len(checked)
    for change in (
        lambda: append(content_copy / "topics.yaml", "# a comment"),
        lambda: append(content_copy / "references.yaml", NEW_SOURCE),
        lambda: monkeypatch.setattr(content_files, "checks_version", lambda: "other code"),
    ):
        change()
        checked.clear()
        sync(content_copy)
        assert len(checked) == every


def test_an_admin_edit_is_kept_and_its_file_read_again(content_copy, checked):
    sync(content_copy)
    Article.objects.filter(slug=ARTICLE).update(title="Edited in the admin")
    checked.clear()
    out = sync(content_copy)
    assert checked == [f"en/articles/{ARTICLE}"]
    assert Article.objects.get(slug=ARTICLE).title == "Edited in the admin"
    assert f"'{ARTICLE}'" in out


def test_a_file_that_comes_back_is_read_and_put_back(content_copy, checked):
    path = content_copy / "articles" / "extra.md"
    text = "---\ntitle: A new page\nsummary: One. Two.\ntopic: b12-and-cancer\nupdated: 2026-11-21\nstatus: published\n---\n\nText.\n"
    path.write_text(text, encoding="utf-8")
    sync(content_copy)
    path.unlink()
    sync(content_copy)
    assert Article.objects.get(slug="extra").status == Status.ARCHIVED
    path.write_text(text, encoding="utf-8")
    checked.clear()
    sync(content_copy)
    assert checked == ["en/articles/extra"]
    assert Article.objects.get(slug="extra").status == Status.PUBLISHED


def test_a_file_waiting_for_review_is_read_every_time(content_copy, checked):
    path = content_copy / "articles" / f"{ARTICLE}.md"
    path.write_text(path.read_text(encoding="utf-8").replace("status: published", "status: in_review"))
    sync(content_copy)
    checked.clear()
    sync(content_copy)
    assert checked == [f"en/articles/{ARTICLE}"]


def test_a_bad_file_still_stops_a_rerun(content_copy):
    sync(content_copy)
    append(content_copy / "articles" / f"{ARTICLE}.md", "[a link](javascript:alert(1))")
    (content_copy / "faqs" / "new-question.md").write_text("no front matter\n", encoding="utf-8")
    with pytest.raises(Exception, match="new-question"):
        sync(content_copy)
