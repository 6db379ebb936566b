"""The content folder's format, read and written in one place (described in content/README.md).

Reading: every file is parsed, and its fields are checked by the same forms the admin uses
(articles.forms); then come the checks that need the whole folder: a slug used twice, a
topic topics.yaml does not list, a related article that does not exist. Everything is read
and checked before anything is written, so one bad file stops the run with a message
naming the file, the line where known and the field, and the database is left as it was.

Reading again: the sync passes what each file gave the last time (`synced`), for rows
nobody has changed since. A file whose key (`file_key`: its bytes, and everything its checks
read besides: the checking code, the sources, the topics, for a translation the English item)
is the one recorded is not parsed and checked again; its item is the row's. So a re-run costs
what changed, and a file, the code or a file the checks read that changed is checked in full.

Writing: each item is laid out as the folder's own files are, so an export of unchanged
content rewrites nothing and `git diff` shows only what editors changed. The export reads
what it wrote back through the reader before anything reaches the folder (articles.export).
"""

import datetime
import functools
import hashlib
import json
import re
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

import yaml

from common import languages

from . import references as sources_file
from .forms import file_form
from .models import FAQ, Article, Page, Topic
from .rendering import normalise_source
from .states import FILE_STATUSES
from .validators import is_content_slug

FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?)^---[ \t]*\r?\n?(.*)\Z", re.S | re.M)
MAX_FILE_BYTES = 1024 * 1024
# Folder, model, and the field the text below the front matter goes into.
KINDS = {"articles": (Article, "body"), "faqs": (FAQ, "answer"), "pages": (Page, "body")}
TOPICS_FILE = "topics.yaml"


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
    """Everything in the content folder, as plain data keyed by slug (fields as content_fields())."""

    topics: dict = field(default_factory=dict)
    articles: dict = field(default_factory=dict)
    faqs: dict = field(default_factory=dict)
    pages: dict = field(default_factory=dict)
    language: str = languages.DEFAULT
    # What the sync reports without stopping: a translation of nothing, an item not translated.
    notes: list = field(default_factory=list)
    # (folder, slug): the key of the file the item came from (see `file_key`).
    file_keys: dict = field(default_factory=dict)
    # (folder, slug) of the items taken as they were at the last sync, not read again.
    unchanged: set = field(default_factory=set)


# A translation's own fields besides its words; everything else is the English item's.
TRANSLATION_OWN = (
    "translation_of",
    "source_version",
    "status",
    "updated",
    *("last_reviewed", "next_review_due", "reviewed_by"),
)
SOURCE_VERSION = re.compile(r"[0-9a-f]{12}")


def translation_file_fields(model) -> tuple:
    """What a translation's file holds, in the order it is written: its words and its own fields."""
    if model is Topic:
        return ("slug", *model.WORDS)
    *words, text = model.WORDS
    own = tuple(name for name in TRANSLATION_OWN if name in model.FILE_FIELDS + model.TRANSLATION_FIELDS)
    return ("slug", *words, *own, text)


def _message(name, error, value) -> str:
    """A form's error as the files' messages say it: short, naming the wrong value."""
    if error.code == "required":
        return "the answer (below the front matter) is empty" if name == "answer" else "is required"
    if error.code == "invalid_choice":
        return f"must be one of {', '.join(FILE_STATUSES)}, not {value!r}"
    if name == "slug" and error.code == "invalid":
        return f"{value!r} is not a valid slug: use lower-case letters, digits and single hyphens"
    if error.code == "invalid" and name in ("updated", "last_reviewed", "next_review_due"):
        return f"must be a date written YYYY-MM-DD, not {value!r}"
    if error.code == "max_length":
        return f"is longer than {error.params['limit_value']} characters"
    if error.code == "invalid" and name == "order":
        return f"must be a whole number, not {value!r}"
    return " ".join(error.messages).rstrip(".") if name != "references" else error.messages[0].rstrip(".")


@functools.cache
def checks_version() -> str:
    """The code a file is read and checked with: the site's Python and the libraries it uses."""
    digest = hashlib.sha256()
    for package in ("django", "markdown", "nh3", "pyyaml"):
        digest.update(f"{package} {metadata.version(package)}\n".encode())
    for path in sorted(Path(__file__).resolve().parent.parent.rglob("*.py")):
        digest.update(path.read_bytes())
    return digest.hexdigest()


def file_key(*parts) -> str:
    """A hash of a file's bytes and what its checks read besides (text or bytes, in order)."""
    digest = hashlib.sha256()
    for part in parts:
        data = part if isinstance(part, bytes) else str(part).encode()
        digest.update(len(data).to_bytes(8, "big") + data)
    return digest.hexdigest()


class _Reader:
    def __init__(self, root: Path, known_sources=None, language=languages.DEFAULT, synced=None):
        self.root = root
        self.language = language
        self.notes: list[str] = []
        self.problems: list[Problem] = []
        self.known_sources = known_sources if known_sources is not None else self.sources_file()
        self.paths: dict[tuple[str, str], Path] = {}  # (folder, slug) -> the file that defined it
        # (folder, slug) -> (file key, item) as the last sync loaded them: see the module's notes.
        self.synced = synced or {}
        self.keys: dict[tuple[str, str], str] = {}
        self.unchanged: set[tuple[str, str]] = set()
        topic_files = [self.root / TOPICS_FILE]
        if language != languages.DEFAULT:
            topic_files.append(self.root.parent / TOPICS_FILE)
        self.context = file_key(
            checks_version(),
            language,
            repr(sorted(self.known_sources.items())),
            *(path.read_bytes() if path.is_file() else b"" for path in topic_files),
        )

    def problem(self, path, message, line=None, field=None):
        self.problems.append(Problem(self._relative(path), message, line, field))

    def _relative(self, path):
        try:
            return path.relative_to(self.root.parent)
        except ValueError:
            return path

    # -- files --------------------------------------------------------------------------------

    def read_bytes(self, path):
        if path.stat().st_size > MAX_FILE_BYTES:
            self.problem(path, f"file is larger than {MAX_FILE_BYTES // 1024} KB")
            return None
        return path.read_bytes()

    def read_text(self, path, data=None):
        data = self.read_bytes(path) if data is None else data
        if data is None:
            return None
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError as error:
            self.problem(path, f"is not UTF-8 text (byte {error.start})")
            return None

    def as_synced(self, path, key):
        """The item a file gave at the last sync, if the file and what it is checked against are the same."""
        synced = self.synced.get((path.parent.name, path.stem))
        if synced is None or synced[0] != key:
            return None
        self.keys[(path.parent.name, path.stem)] = key
        self.unchanged.add((path.parent.name, path.stem))
        return dict(synced[1])

    def remember(self, path, key, item):
        # Keyed by the file's name: an item whose slug is not its file's name is always read.
        if item is not None and item["slug"] == path.stem:
            self.keys[(path.parent.name, path.stem)] = key
        return item

    def load_yaml(self, path, text, line_offset=0):
        try:
            return yaml.safe_load(text), True
        except yaml.YAMLError as error:
            mark = getattr(error, "problem_mark", None)
            line = mark.line + 1 + line_offset if mark else None
            reason = getattr(error, "problem", None) or str(error)
            self.problem(path, f"the YAML cannot be read: {reason}", line=line)
            return None, False

    def front_matter(self, path, data):
        """(metadata dict, markdown body) or None."""
        text = self.read_text(path, data)
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

    # -- one item -----------------------------------------------------------------------------

    def item(self, path, model, meta, text=None):
        """One item's fields checked by its kind's form, as content_fields() gives them; None if bad.

        `text` is {field: the markdown below the front matter} for a markdown file.
        """
        form_class = file_form(model)
        allowed = set(form_class.base_fields) - set(text or ())
        ok = True
        if self.language == languages.DEFAULT:
            allowed -= set(model.TRANSLATION_FIELDS)
        for name in meta:
            if name not in allowed:
                self.problem(path, f"unknown field (allowed: {', '.join(sorted(allowed))})", field=str(name))
                ok = False
        given = {**self.defaults(model, form_class), **meta, **(text or {})}
        data = {name: self.form_value(name, value) for name, value in given.items()}
        if any(value is _NOT_TEXT for value in data.values()):
            for name in [name for name, value in data.items() if value is _NOT_TEXT]:
                self.problem(path, "must be plain text", field=name)
            return None
        form = form_class(data=data, known_sources=self.known_sources)
        if not form.is_valid():
            for name, errors in form.errors.as_data().items():
                for error in errors:
                    self.problem(
                        path, _message(name, error, meta.get(name)), field=None if name == "__all__" else name
                    )
            return None
        if not ok:
            return None
        instance = form.instance
        if "topic" in form.cleaned_data:
            instance.topic = Topic(slug=form.cleaned_data["topic"])  # checked against topics.yaml later
        if "status" in form.cleaned_data:
            instance.status = form.cleaned_data["status"]
        instance.language = self.language
        instance.normalise_text()
        return instance.content_fields()

    @staticmethod
    def defaults(model, form_class):
        """What a file may leave out: the model's default for each field that has one."""
        found = {}
        for field_ in model._meta.concrete_fields:
            if field_.name in form_class.base_fields and field_.has_default():
                found[field_.name] = field_.get_default()
        return found

    @staticmethod
    def form_value(name, value):
        """A YAML value as a form field takes it: text fields refuse lists and mappings."""
        if name in ("references", "related"):
            return json.dumps(value if value is not None else [], default=str)
        if value is None:
            return ""
        if isinstance(value, (list, dict)):
            return _NOT_TEXT
        if isinstance(value, bool):
            return str(value).lower()
        return value

    def topics(self):
        path = self.root / TOPICS_FILE
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
        for index, entry in enumerate(data, 1):
            if not isinstance(entry, dict):
                self.problem(path, f"topic {index} must be 'field: value' lines")
                continue
            topic = self.item(path, Topic, entry)
            if topic is None:
                continue
            if not is_content_slug(str(topic["slug"])):
                self.problem(path, f"{topic['slug']!r} is not a valid slug", field="slug")
            elif topic["slug"] in topics:
                self.problem(path, f"topic {topic['slug']!r} is listed twice", field="slug")
            else:
                topics[topic["slug"]] = topic
        return topics

    def markdown_files(self, folder):
        directory = self.root / folder
        return sorted(directory.glob("*.md")) if directory.is_dir() else []

    def markdown_item(self, path, topics):
        data = self.read_bytes(path)
        if data is None:
            return None
        key = file_key(self.context, data)
        return self.as_synced(path, key) or self.remember(path, key, self.checked_item(path, data, topics))

    def checked_item(self, path, data, topics):
        model, text_field = KINDS[path.parent.name]
        parsed = self.front_matter(path, data)
        if parsed is None:
            return None
        meta, body = parsed
        slug = meta.get("slug") or path.stem
        if not isinstance(slug, str) or not is_content_slug(slug):
            self.problem(
                path,
                f"{slug!r} is not a valid slug: use lower-case letters, digits and single hyphens",
                field="slug",
            )
            return None
        item = self.item(path, model, {**meta, "slug": slug}, text={text_field: body})
        if item is not None and "topic" in item and item["topic"] not in topics:
            self.problem(path, f"unknown topic {item['topic']!r} (see content/{TOPICS_FILE})", field="topic")
            return None
        return item

    def add(self, items, path, item):
        if item is None:
            return
        key = (path.parent.name, item["slug"])
        if key in self.paths:
            other = self._relative(self.paths[key])
            self.problem(path, f"slug {item['slug']!r} is already used by {other}", field="slug")
            return
        items[item["slug"]] = item
        self.paths[key] = path

    # -- a translation ----------------------------------------------------------------------------

    def translated_topics(self, english):
        """The topics file of a language folder: each names an English topic and gives its words."""
        topics = {}
        for slug, topic in self.topics().items():
            if slug not in english:
                self.notes.append(
                    f"{self._relative(self.root / TOPICS_FILE)}: topic {slug!r} translates no English topic; left out"
                )
            else:
                topics[slug] = {**topic, "order": english[slug]["order"]}
        return topics

    def translation(self, path, english_items):
        """A translated item: its words and own fields from the file, the rest from the English item."""
        data = self.read_bytes(path)
        if data is None:
            return None
        english = english_items.get(path.stem)
        key = file_key(self.context, json.dumps(english, sort_keys=True, default=str), data)
        return self.as_synced(path, key) or self.remember(
            path, key, self.checked_translation(path, data, english_items)
        )

    def checked_translation(self, path, data, english_items):
        model, text_field = KINDS[path.parent.name]
        parsed = self.front_matter(path, data)
        if parsed is None:
            return None
        meta, body = parsed
        allowed = set(translation_file_fields(model)) - {text_field}
        unknown = [name for name in meta if name not in allowed]
        for name in unknown:
            self.problem(path, f"unknown field (allowed: {', '.join(sorted(allowed))})", field=str(name))
        source = meta.get("translation_of")
        slug = meta.get("slug") or path.stem
        version = meta.get("source_version")
        if unknown:
            return None
        if source not in english_items:
            self.notes.append(
                f"{self._relative(path)}: translates {source!r}, which content/{path.parent.name}/ does not have; left out"
            )
            return None
        if slug != source:
            self.problem(path, f"a translation keeps the English slug {source!r}", field="slug")
            return None
        if not (isinstance(version, str) and SOURCE_VERSION.fullmatch(version)):
            self.problem(
                path, "must be the 12 hex digits of the English text it was made from", field="source_version"
            )
            return None
        english = english_items[source]
        inherited = {name: value for name, value in english.items() if name not in allowed | {text_field}}
        own_defaults = {name: english[name] for name in ("status", "updated") if name in english}
        given = {**inherited, **own_defaults, **meta, "slug": slug}
        return self.item(path, model, given, text={text_field: body})

    def check_related(self, articles):
        for slug, article in articles.items():
            for other in article["related"]:
                if other not in articles:
                    path = self.paths.get(("articles", slug), self.root / "articles" / f"{slug}.md")
                    self.problem(path, f"related article {other!r} does not exist", field="related")


_NOT_TEXT = object()


def read_content(root: Path, known_sources=None, synced=None) -> Content:
    """Parse and check the whole content folder; raise ContentError listing every problem.

    Cited source ids are checked against `known_sources` when given, else against the
    folder's own references.yaml. `synced`: see the module's notes.
    """
    root = Path(root)
    if not root.is_dir():
        raise ContentError([Problem(root, "the content folder does not exist")])
    reader = _Reader(root, known_sources, synced=synced)
    content = Content(topics=reader.topics())
    for folder in KINDS:
        for path in reader.markdown_files(folder):
            reader.add(getattr(content, folder), path, reader.markdown_item(path, content.topics))
    reader.check_related(content.articles)
    if reader.problems:
        raise ContentError(reader.problems)
    content.file_keys, content.unchanged = reader.keys, reader.unchanged
    return content


def read_translations(
    root: Path, language: str, english: Content, known_sources=None, synced=None
) -> Content:
    """A language's folder (content/es/) read onto the English content, checked as strictly.

    A translation of an item the English does not have, and an English item with no
    translation, are notes for the sync's report, not problems: the English page is shown.
    """
    root = Path(root)
    if known_sources is None:
        known_sources = _Reader(root.parent).known_sources
    reader = _Reader(root, known_sources, language, synced)
    content = Content(topics=reader.translated_topics(english.topics), language=language)
    for folder in KINDS:
        english_items = getattr(english, folder)
        items = getattr(content, folder)
        for path in reader.markdown_files(folder):
            reader.add(items, path, reader.translation(path, english_items))
        for slug in sorted(set(english_items) - set(items)):
            reader.notes.append(
                f"content/{root.name}/{folder}/: nothing translates {slug!r}; its page in this language is the English one"
            )
    for folder in ("articles", "faqs"):
        for slug, item in getattr(content, folder).items():
            if item["topic"] not in content.topics:
                path = reader.paths[(folder, slug)]
                reader.problem(
                    path, f"topic {item['topic']!r} is not in {root.name}/{TOPICS_FILE}", field="topic"
                )
    if reader.problems:
        raise ContentError(reader.problems)
    content.notes = reader.notes
    content.file_keys, content.unchanged = reader.keys, reader.unchanged
    return content


def read_all(root: Path, known_sources=None, only=None, synced=None) -> list[Content]:
    """The content folder and every language folder in it (content/es/), English first.

    `only` names the languages wanted; English is read whatever it says (translations build
    on it), and returned only when wanted. `synced` maps a language to what its files gave at
    the last sync (see the module's notes).
    """
    synced = synced or {}
    english = read_content(root, known_sources, synced.get(languages.DEFAULT))
    found = [english]
    for code in languages.codes():
        if only and code not in only:
            continue
        if code != languages.DEFAULT and (Path(root) / code).is_dir():
            found.append(read_translations(Path(root) / code, code, english, known_sources, synced.get(code)))
    return [content for content in found if not only or content.language in only]


# -- writing --------------------------------------------------------------------------------------


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


def item_file(model, fields: dict) -> str:
    """A markdown item's file: front matter in the model's FILE_FIELDS order, then its text."""
    text_field = model.FILE_FIELDS[-1]
    lines = []
    for name in model.FILE_FIELDS[1:-1]:
        value = fields[name]
        if name in ("references", "related"):
            lines.append(f"{name}: {flow_list(value)}")
        elif name == "summary" and not value:
            continue  # a page may have none
        else:
            lines.append(front_matter_line(name, value))
    return "---\n" + "\n".join(lines) + "\n---\n\n" + fields[text_field]


def translation_file(model, fields: dict) -> str:
    """A translated item's file: its words and own fields (translation_file_fields), then its text."""
    *front, text_field = translation_file_fields(model)[1:]
    lines = [
        front_matter_line(name, fields[name])
        for name in front
        if not (name == "summary" and not fields[name])
    ]
    return "---\n" + "\n".join(lines) + "\n---\n\n" + fields[text_field]


def topics_file(topics, with_order=True) -> str:
    """topics.yaml: each topic's slug, words and order. A language folder's file has no order:
    a translated topic sits where the English one does."""
    lines = []
    for f in topics:
        lines.append(f"- slug: {scalar(f['slug'])}")
        lines.append(f"  {front_matter_line('title', f['title'])}")
        if f["description"]:
            lines.append(f"  {front_matter_line('description', f['description'])}")
        if with_order:
            lines.append(f"  {front_matter_line('order', f['order'])}")
    return "\n".join(lines) + "\n"


def file_path(folder: str, slug: str) -> Path:
    return Path(folder) / f"{slug}.md"
