"""Writing the database back to the content folder, in the format described in content/README.md.

The files are written so that reading them back gives exactly the fields the rows hold, and
each exported row's `synced_fingerprint` is then set to match: an export followed by a sync
changes nothing. Unchanged items are written byte for byte as the sync's own files are laid
out, so `git diff` shows only what editors changed. Each file is replaced atomically (a temp
file in the same folder, then a rename), so a reader never sees half a file.
"""

import datetime
import json
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from django.db import transaction

from articles import references, sources
from articles.content_files import ContentError, Problem, read_content
from articles.models import FAQ, Article, Page, Status, Topic, fingerprint


@dataclass
class ExportReport:
    written: list = field(default_factory=list)
    unchanged: list = field(default_factory=list)
    removed: list = field(default_factory=list)
    not_in_database: list = field(default_factory=list)

    def lines(self):
        yield f"{len(self.written)} written, {len(self.unchanged)} unchanged, {len(self.removed)} removed (archived)."
        for path in self.written:
            yield f"  wrote {path}"
        for path in self.removed:
            yield f"  removed {path}"
        for path in self.not_in_database:
            yield f"  left {path}: nothing in the database has its slug"


def scalar(value) -> str:
    """One YAML value as the content files write it: plain where plain reads back the same."""
    if value is None or value == "":
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, datetime.date)):
        return str(value)
    text = str(value)
    try:
        if yaml.safe_load(f"k: {text}") == {"k": text} and text == text.strip():
            return text
    except yaml.YAMLError:
        pass
    return quoted(text)


def quoted(text: str) -> str:
    # A JSON string is a valid double-quoted YAML string.
    return json.dumps(text, ensure_ascii=False)


def front_matter_line(name, value) -> str:
    rendered = scalar(value)
    return f"{name}: {rendered}" if rendered else f"{name}:"


def flow_list(items) -> str:
    items = list(items)
    if not items:
        return "[]"
    if all(scalar(item) == item and not set(item) & set(",[]{}") for item in items):
        return f"[{', '.join(items)}]"
    return f"[{', '.join(quoted(str(item)) for item in items)}]"


def document(front_matter: list[str], body: str) -> str:
    return "---\n" + "\n".join(front_matter) + "\n---\n\n" + body


def article_file(article: Article) -> str:
    f = article.content_fields()
    lines = [
        front_matter_line("title", f["title"]),
        front_matter_line("summary", f["summary"]),
        front_matter_line("topic", f["topic"]),
        front_matter_line("order", f["order"]),
        front_matter_line("status", f["status"]),
        front_matter_line("updated", f["updated"]),
        f"references: {flow_list(f['references'])}",
        f"related: {flow_list(f['related'])}",
        front_matter_line("last_reviewed", f["last_reviewed"]),
        front_matter_line("next_review_due", f["next_review_due"]),
        front_matter_line("reviewed_by", f["reviewed_by"]),
    ]
    return document(lines, f["body"])


def faq_file(faq: FAQ) -> str:
    f = faq.content_fields()
    lines = [front_matter_line(name, f[name]) for name in ("question", "topic", "order", "status")]
    lines.append(f"references: {flow_list(f['references'])}")
    return document(lines, f["answer"])


def page_file(page: Page) -> str:
    f = page.content_fields()
    lines = [front_matter_line("title", f["title"])]
    if f["summary"]:
        lines.append(front_matter_line("summary", f["summary"]))
    lines.append(front_matter_line("updated", f["updated"]))
    return document(lines, f["body"])


def topics_file(topics) -> str:
    lines = []
    for topic in topics:
        f = topic.content_fields()
        lines.append(f"- slug: {scalar(f['slug'])}")
        lines.append(f"  {front_matter_line('title', f['title'])}")
        if f["description"]:
            lines.append(f"  {front_matter_line('description', f['description'])}")
        lines.append(f"  {front_matter_line('order', f['order'])}")
    return "\n".join(lines) + "\n"


def write_atomically(path: Path, text: str) -> bool:
    """Replace `path` with `text` unless it already holds exactly that; True when written."""
    data = text.encode("utf-8")
    if path.exists() and path.read_bytes() == data:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temp_name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as temp:
            temp.write(data)
            temp.flush()
            os.fsync(temp.fileno())
        os.chmod(temp_name, 0o644)
        os.replace(temp_name, path)
    except BaseException:
        Path(temp_name).unlink(missing_ok=True)
        raise
    return True


def _mark_synced(rows):
    for row in rows:
        wanted = row.content_fingerprint()
        if row.synced_fingerprint != wanted:
            # No save(): the export changes no content, so no revision and no new modified_at.
            type(row).objects.filter(pk=row.pk).update(synced_fingerprint=wanted)


def _files_for(topics, articles, faqs, pages):
    """{relative path: text} for everything that has a file; archived items have none."""
    files = {Path("topics.yaml"): topics_file(topics)}
    for folder, rows, render in (("articles", articles, article_file), ("faqs", faqs, faq_file)):
        for row in rows:
            if row.status != Status.ARCHIVED:
                files[Path(folder) / f"{row.slug}.md"] = render(row)
    for page in pages:
        files[Path("pages") / f"{page.slug}.md"] = page_file(page)
    return files


def _known_sources(root: Path):
    """The source ids the exported files may cite: the target folder's list, else the site's."""
    if (root / references.FILE_NAME).exists():
        try:
            return references.load(root)
        except references.ReferencesError as error:
            raise ContentError([Problem(root / references.FILE_NAME, str(error))]) from error
    return sources.catalogue()


def _check_round_trip(files, rows_by_kind, known_sources):
    """Read the files back as the sync would; raise ContentError unless every row comes back the same."""
    with tempfile.TemporaryDirectory() as staging:
        root = Path(staging) / "content"
        for relative, text in files.items():
            (root / relative).parent.mkdir(parents=True, exist_ok=True)
            (root / relative).write_text(text, encoding="utf-8")
        content = read_content(root, known_sources)
        problems = []
        for kind, rows in rows_by_kind.items():
            items = getattr(content, kind)
            for row in rows:
                if row.slug in items and fingerprint(items[row.slug]) != row.content_fingerprint():
                    where = Path("content") / ("topics.yaml" if kind == "topics" else f"{kind}/{row.slug}.md")
                    problems.append(Problem(where, "would not read back exactly as it is in the database"))
        if problems:
            raise ContentError(problems)


def export_content(root: Path) -> ExportReport:
    """Write topics, articles, FAQs and pages to `root`; archived items' files are removed.

    Everything is written to a scratch folder and read back first: if the sync could not load
    the result (say a related link points at an archived article), ContentError is raised and
    nothing in `root` changes.
    """
    root = Path(root)
    report = ExportReport()
    with transaction.atomic():
        topics = list(Topic.objects.order_by("order", "slug"))
        articles = list(Article.objects.select_related("topic").order_by("slug"))
        faqs = list(FAQ.objects.select_related("topic").order_by("slug"))
        pages = list(Page.objects.order_by("slug"))
        live = {
            "topics": topics,
            "articles": [a for a in articles if a.status != Status.ARCHIVED],
            "faqs": [f for f in faqs if f.status != Status.ARCHIVED],
            "pages": pages,
        }
        files = _files_for(topics, articles, faqs, pages)
        _check_round_trip(files, live, _known_sources(root))

        for relative, text in files.items():
            path = root / relative
            (report.written if write_atomically(path, text) else report.unchanged).append(path)
        for folder, rows in (("articles", articles), ("faqs", faqs)):
            for row in rows:
                path = root / folder / f"{row.slug}.md"
                # The format has no "archived": an archived item is one whose file is gone.
                if row.status == Status.ARCHIVED and path.exists():
                    path.unlink()
                    report.removed.append(path)
            known = {row.slug for row in rows}
            report.not_in_database += [p for p in sorted((root / folder).glob("*.md")) if p.stem not in known]
        _mark_synced([*topics, *articles, *faqs, *pages])
    return report
