"""Reading and checking the files in `content/` (the format is described in content/README.md).

Everything is parsed and checked before anything is written, so one bad file stops the run
with a message naming the file, the line where known and the field, and the database is left
as it was. Parsing is separate from the database so it can be tested on its own.
"""

import datetime
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from . import references as sources_file
from .rendering import normalise_source, one_line
from .validators import is_content_slug

STATUSES = ("draft", "in_review", "published")
FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?)^---[ \t]*\r?\n?(.*)\Z", re.S | re.M)
MAX_FILE_BYTES = 1024 * 1024


@dataclass
class Problem:
    path: Path
    message: str
    line: int | None = None
    field: str | None = None

    def __str__(self):
        where = f"{self.path}:{self.line}" if self.line else str(self.path)
        about = f" [{self.field}]" if self.field else ""
        return f"{where}{about}: {self.message}"


class ContentError(Exception):
    """The content folder has problems; nothing was changed."""

    def __init__(self, problems):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


@dataclass
class Content:
    """Everything in the content folder, as plain data keyed by slug."""

    topics: dict = field(default_factory=dict)
    articles: dict = field(default_factory=dict)
    faqs: dict = field(default_factory=dict)
    pages: dict = field(default_factory=dict)


class _Reader:
    def __init__(self, root: Path, known_sources=None):
        self.root = root
        self.problems: list[Problem] = []
        self.known_sources = known_sources if known_sources is not None else self.sources_file()
        self.sources: dict[tuple[str, str], Path] = {}  # (folder, slug) -> the file that defined it

    def problem(self, path, message, line=None, field=None):
        self.problems.append(Problem(self._relative(path), message, line, field))

    def _relative(self, path):
        try:
            return path.relative_to(self.root.parent)
        except ValueError:
            return path

    # -- files --------------------------------------------------------------------------------

    def read_text(self, path):
        if path.stat().st_size > MAX_FILE_BYTES:
            self.problem(path, f"file is larger than {MAX_FILE_BYTES // 1024} KB")
            return None
        try:
            return path.read_text(encoding="utf-8")
        except UnicodeDecodeError as error:
            self.problem(path, f"is not UTF-8 text (byte {error.start})")
            return None

    def load_yaml(self, path, text, line_offset=0):
        try:
            return yaml.safe_load(text), True
        except yaml.YAMLError as error:
            mark = getattr(error, "problem_mark", None)
            line = mark.line + 1 + line_offset if mark else None
            reason = getattr(error, "problem", None) or str(error)
            self.problem(path, f"the YAML cannot be read: {reason}", line=line)
            return None, False

    def front_matter(self, path):
        """(metadata dict, markdown body, line where the body starts) or None."""
        text = self.read_text(path)
        if text is None:
            return None
        match = FRONT_MATTER.match(text.lstrip("\ufeff"))
        if not match:
            self.problem(path, "must start with front matter between two '---' lines", line=1)
            return None
        meta, ok = self.load_yaml(path, match.group(1), line_offset=1)
        if not ok:
            return None
        if not isinstance(meta, dict):
            self.problem(path, "the front matter must be 'field: value' lines", line=2)
            return None
        return meta, normalise_source(match.group(2))

    # -- fields -------------------------------------------------------------------------------

    def check_fields(self, path, meta, allowed, required):
        ok = True
        for name in meta:
            if name not in allowed:
                self.problem(path, f"unknown field (allowed: {', '.join(sorted(allowed))})", field=str(name))
                ok = False
        for name in required:
            value = meta.get(name)
            if value is None or (isinstance(value, str) and not value.strip()):
                self.problem(path, "is required", field=name)
                ok = False
        return ok

    def text(self, path, meta, name, max_length=300):
        value = meta.get(name)
        if value is None:
            return ""
        if not isinstance(value, (str, int, float)):
            self.problem(path, "must be plain text", field=name)
            return ""
        value = one_line(str(value))
        if len(value) > max_length:
            self.problem(path, f"is longer than {max_length} characters", field=name)
        return value

    def integer(self, path, meta, name):
        value = meta.get(name, 0)
        if value is None:
            return 0
        if isinstance(value, bool) or not isinstance(value, int):
            self.problem(path, f"must be a whole number, not {value!r}", field=name)
            return 0
        return value

    def date(self, path, meta, name):
        value = meta.get(name)
        if value in (None, ""):
            return None
        if isinstance(value, datetime.datetime):
            return value.date()
        if isinstance(value, datetime.date):
            return value
        try:
            return datetime.date.fromisoformat(str(value))
        except ValueError:
            self.problem(path, f"must be a date written YYYY-MM-DD, not {value!r}", field=name)
            return None

    def status(self, path, meta):
        value = meta.get("status") or "draft"
        if value not in STATUSES:
            self.problem(path, f"must be one of {', '.join(STATUSES)}, not {value!r}", field="status")
        return value

    def slug(self, path, meta):
        value = meta.get("slug") or path.stem
        if not is_content_slug(value):
            self.problem(
                path,
                f"{value!r} is not a valid slug: use lower-case letters, digits and single hyphens",
                field="slug",
            )
            return None
        return value

    def sources_file(self):
        """The ids pages may cite: references.yaml beside the content (empty when there is none)."""
        path = self.root / sources_file.FILE_NAME
        if not path.exists():
            return {}
        try:
            return sources_file.load(self.root)
        except sources_file.ReferencesError as error:
            self.problems.append(Problem(self._relative(path), str(error).split(": ", 1)[-1]))
            return {}

    def references(self, path, meta):
        try:
            return sources_file.check_ids(meta.get("references"), self.known_sources)
        except sources_file.ReferencesError as error:
            self.problem(path, str(error), field="references")
            return []

    def slug_list(self, path, meta, name):
        value = meta.get(name) or []
        if not isinstance(value, list) or not all(isinstance(s, str) for s in value):
            self.problem(path, "must be a list of slugs", field=name)
            return []
        return value

    # -- kinds of file ------------------------------------------------------------------------

    def topics(self):
        path = self.root / "topics.yaml"
        if not path.exists():
            self.problem(path, "is missing: articles and FAQs need topics")
            return {}
        text = self.read_text(path)
        data, ok = self.load_yaml(path, text or "")
        if not ok or text is None:
            return {}
        if not isinstance(data, list):
            self.problem(path, "must be a list of topics")
            return {}
        topics = {}
        for index, item in enumerate(data, 1):
            if not isinstance(item, dict):
                self.problem(path, f"topic {index} must be 'field: value' lines")
                continue
            if not self.check_fields(
                path, item, {"slug", "title", "description", "order"}, ["slug", "title"]
            ):
                continue
            slug = str(item["slug"])
            if not is_content_slug(slug):
                self.problem(path, f"{slug!r} is not a valid slug", field="slug")
            elif slug in topics:
                self.problem(path, f"topic {slug!r} is listed twice", field="slug")
            else:
                topics[slug] = {
                    "slug": slug,
                    "title": self.text(path, item, "title", 200),
                    "description": self.text(path, item, "description"),
                    "order": self.integer(path, item, "order"),
                }
        return topics

    def markdown_files(self, folder):
        directory = self.root / folder
        return sorted(directory.glob("*.md")) if directory.is_dir() else []

    def add(self, items, path, item):
        if item is None:
            return
        key = (path.parent.name, item["slug"])
        if key in self.sources:
            other = self._relative(self.sources[key])
            self.problem(path, f"slug {item['slug']!r} is already used by {other}", field="slug")
            return
        items[item["slug"]] = item
        self.sources[key] = path

    def article(self, path, topics):
        parsed = self.front_matter(path)
        if parsed is None:
            return None
        meta, body = parsed
        allowed = {
            "slug",
            "title",
            "summary",
            "topic",
            "order",
            "status",
            "updated",
            "references",
            "related",
            "last_reviewed",
            "next_review_due",
            "reviewed_by",
        }
        ok = self.check_fields(path, meta, allowed, ["title", "summary", "topic", "updated"])
        slug = self.slug(path, meta)
        topic = meta.get("topic")
        if topic and topic not in topics:
            self.problem(path, f"unknown topic {topic!r} (see content/topics.yaml)", field="topic")
            ok = False
        item = {
            "slug": slug,
            "title": self.text(path, meta, "title", 200),
            "summary": self.text(path, meta, "summary", 600),
            "topic": topic,
            "order": self.integer(path, meta, "order"),
            "status": self.status(path, meta),
            "updated": self.date(path, meta, "updated"),
            "references": self.references(path, meta),
            "related": self.slug_list(path, meta, "related"),
            "last_reviewed": self.date(path, meta, "last_reviewed"),
            "next_review_due": self.date(path, meta, "next_review_due"),
            "reviewed_by": self.text(path, meta, "reviewed_by", 200),
            "body": body,
        }
        return item if ok and slug else None

    def faq(self, path, topics):
        parsed = self.front_matter(path)
        if parsed is None:
            return None
        meta, body = parsed
        ok = self.check_fields(
            path, meta, {"slug", "question", "topic", "order", "status", "references"}, ["question", "topic"]
        )
        slug = self.slug(path, meta)
        topic = meta.get("topic")
        if topic and topic not in topics:
            self.problem(path, f"unknown topic {topic!r} (see content/topics.yaml)", field="topic")
            ok = False
        if not body.strip():
            self.problem(path, "the answer (below the front matter) is empty", field="answer")
            ok = False
        item = {
            "slug": slug,
            "question": self.text(path, meta, "question"),
            "topic": topic,
            "order": self.integer(path, meta, "order"),
            "status": self.status(path, meta),
            "references": self.references(path, meta),
            "answer": body,
        }
        return item if ok and slug else None

    def page(self, path):
        parsed = self.front_matter(path)
        if parsed is None:
            return None
        meta, body = parsed
        ok = self.check_fields(path, meta, {"slug", "title", "summary", "updated"}, ["title", "updated"])
        slug = self.slug(path, meta)
        item = {
            "slug": slug,
            "title": self.text(path, meta, "title", 200),
            "summary": self.text(path, meta, "summary", 600),
            "updated": self.date(path, meta, "updated"),
            "body": body,
        }
        return item if ok and slug else None

    def check_related(self, articles):
        for slug, article in articles.items():
            for other in article["related"]:
                if other not in articles:
                    path = self.root / "articles" / f"{slug}.md"
                    self.problem(path, f"related article {other!r} does not exist", field="related")


def read_content(root: Path, known_sources=None) -> Content:
    """Parse and check the whole content folder; raise ContentError listing every problem.

    Cited source ids are checked against `known_sources` when given, else against the
    folder's own references.yaml.
    """
    root = Path(root)
    if not root.is_dir():
        raise ContentError([Problem(root, "the content folder does not exist")])
    reader = _Reader(root, known_sources)
    content = Content(topics=reader.topics())
    for path in reader.markdown_files("articles"):
        reader.add(content.articles, path, reader.article(path, content.topics))
    for path in reader.markdown_files("faqs"):
        reader.add(content.faqs, path, reader.faq(path, content.topics))
    for path in reader.markdown_files("pages"):
        reader.add(content.pages, path, reader.page(path))
    reader.check_related(content.articles)
    if reader.problems:
        raise ContentError(reader.problems)
    return content
