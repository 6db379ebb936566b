"""Loading the content folder into the database.

The run is all or nothing: the files are read and checked first (content_files), then every
write happens in one transaction, each through the editorial workflow (articles.workflow)
acting as the content sync. A file can create an item, load its text onto a live page,
publish a draft, put back an item whose file returned, or take down one whose file is gone;
a move the workflow's table does not allow (a file saying `draft` for a live page) stops
the run like any bad file, and nothing changes.

An item edited in the admin since the last sync is never overwritten without `force`:

- a live item: the file's text becomes a change awaiting review, made by the sync, beside
  the live page (a rerun finds it there and changes nothing);
- a draft, or a live item with a change already in progress in the admin: it is kept and
  reported.

A file saying `status: in_review` asks for the same thing: its text waits for a reviewer.

A re-run reads again only what changed: each row remembers the key of the file it was loaded
from (`synced_file`), and a file with the same key, for a row nobody has changed since, is
taken as it was (articles.content_files explains the key). The rows are fetched once per kind
and language, not one query per file.
"""

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction

from common import languages
from common.languages import DEFAULT

from . import workflow
from .content_files import KINDS as FOLDERS
from .content_files import Content, ContentError, Problem, file_path, read_all
from .models import FAQ, Article, Page, Topic, fingerprint
from .revisions import apply_data
from .states import ChangeState, Status

# Plural (for the counts), singular (for messages about one item), and the content folder.
KINDS = {"topics": "topic", "articles": "article", "FAQs": "FAQ", "pages": "page"}
MODELS = {"articles": Article, "FAQs": FAQ, "pages": Page}
FOLDER_OF = {"articles": "articles", "FAQs": "faqs", "pages": "pages"}
assert set(FOLDER_OF.values()) == set(FOLDERS)


@dataclass
class SyncReport:
    counts: dict = field(default_factory=lambda: {kind: Counter() for kind in KINDS})
    notes: list = field(default_factory=list)

    def count(self, kind, outcome):
        self.counts[kind][outcome] += 1

    @property
    def changed(self):
        return sum(
            c["created"] + c["updated"] + c["archived"] + c["for review"] for c in self.counts.values()
        )

    def lines(self):
        for kind in KINDS:
            c = self.counts[kind]
            parts = [f"{c['created']} created", f"{c['updated']} updated", f"{c['unchanged']} unchanged"]
            if kind != "topics":
                parts.append(f"{c['archived']} archived")
            if c["for review"]:
                parts.append(f"{c['for review']} sent for review")
            if c["conflict"]:
                parts.append(f"{c['conflict']} kept because they were edited in the admin")
            yield f"{kind[0].upper()}{kind[1:]}: {', '.join(parts)}."
        yield from self.notes
        if not self.changed:
            yield "Nothing changed: the database already matches the content folder."


def _mark_synced(row, wanted, file_key=""):
    """Remember what the sync wrote, and from which file (blank: read the file again next time)."""
    if (row.synced_fingerprint, row.synced_file) != (wanted, file_key):
        # update(): remembering what the sync wrote is bookkeeping, not an edit of the row.
        type(row).objects.filter(pk=row.pk).update(synced_fingerprint=wanted, synced_file=file_key)
        row.synced_fingerprint, row.synced_file = wanted, file_key


def _rows(language):
    """Each kind's rows in `language`, by slug: one query per kind (with the topic it names)."""
    found = {}
    for kind, model in MODELS.items():
        rows = model.objects.filter(language=language)
        if any(field.name == "topic" for field in model._meta.fields):
            rows = rows.select_related("topic")
        found[kind] = {row.slug: row for row in rows}
    return found


def _as_synced(rows):
    """(folder, slug) -> (file key, item) for the rows as the sync left them: see the module's notes."""
    return {
        (FOLDER_OF[kind], slug): (row.synced_file, row.content_fields())
        for kind, by_slug in rows.items()
        for slug, row in by_slug.items()
        if row.synced_file and row.synced_fingerprint == row.content_fingerprint()
    }


def _sync_topic(report, item, force, language):
    wanted = fingerprint(item)
    row = Topic.objects.filter(slug=item["slug"], language=language).first()
    if row is None:
        row = Topic(slug=item["slug"], language=language)
        row.set_file_values(item)
        workflow.apply(workflow.SYNC, row, "add")
        report.count("topics", "created")
    elif row.content_fingerprint() == wanted:
        report.count("topics", "unchanged")
    elif row.changed_since_sync and not force:
        report.count("topics", "conflict")
        report.notes.append(_kept("topic", item["slug"]))
        return row
    else:
        workflow.apply(workflow.SYNC, row, "load", fields=item)
        report.count("topics", "updated")
    _mark_synced(row, wanted)
    return row


def _kept(noun, slug, why="it was changed in the admin since the last sync"):
    return (
        f"Kept {noun} {slug!r}: {why}. Run export_content to write it to the files, "
        "or sync_content --force to replace it with the file."
    )


class _Item:
    """One markdown file's item on its way into the database."""

    def __init__(self, report, kind, item, force, topics, language, row=None, file_key=""):
        self.report, self.kind, self.item, self.force, self.topics = report, kind, item, force, topics
        self.language, self.row = language, row
        self.model = MODELS[kind]
        self.noun = KINDS[kind]
        self.for_review = item["status"] == ChangeState.IN_REVIEW
        # What the row holds when the file is loaded: a file "in review" is a draft until approved.
        self.wanted = {**item, "status": Status.DRAFT} if self.for_review else item
        # A file waiting for review is read every time: the sync may have a review to open.
        self.file_key = "" if self.for_review else file_key

    def apply(self, row, move, **kwargs):
        try:
            return workflow.apply(workflow.SYNC, row, move, **kwargs)
        except workflow.Refused as refused:
            self.refuse(str(refused))

    def refuse(self, message):
        folder = Path("content") if self.language == DEFAULT else Path("content") / self.language
        path = folder / file_path(FOLDER_OF[self.kind], self.item["slug"])
        raise ContentError([Problem(path, message, field="status")])

    def sync(self):
        row = self.row
        if row is None:
            return self.create()
        if self.for_review and row.status != Status.DRAFT:
            return self.propose(row)
        if row.content_fingerprint() == fingerprint(self.wanted):
            if self.for_review:
                self.submit(row)
            _mark_synced(row, fingerprint(self.wanted), self.file_key)
            return self.report.count(self.kind, "unchanged")
        if row.changed_since_sync and not self.force:
            if row.status == Status.DRAFT:
                self.report.notes.append(_kept(self.noun, self.item["slug"]))
                return self.report.count(self.kind, "conflict")
            return self.propose(row)
        self.load(row)
        _mark_synced(row, fingerprint(self.wanted), self.file_key)
        self.report.count(self.kind, "updated")

    def fields(self):
        return {k: v for k, v in self.wanted.items() if k not in ("slug", "status")}

    def create(self):
        row = self.model(slug=self.item["slug"], language=self.language)
        row.set_file_values(self.fields(), self.topics)
        self.apply(row, "add")
        self.go_to(row, self.wanted["status"])
        if self.for_review:
            self.submit(row)
        _mark_synced(row, fingerprint(self.wanted), self.file_key)
        self.report.count(self.kind, "created")

    def load(self, row):
        target = self.wanted["status"]
        if row.status == Status.ARCHIVED:
            self.apply(row, "put_back" if target == Status.PUBLISHED else "reopen")
            row.refresh_from_db()
        if row.status == Status.PUBLISHED:
            if target != Status.PUBLISHED:
                self.refuse(
                    f"says {target}, but the {self.noun} is live: a file cannot take a live page back to "
                    "a draft. Remove the file to take the page down, or keep it published"
                )
            self.apply(row, "load", fields=self.fields())
        else:
            self.apply(row, "edit", fields=self.fields())
            self.go_to(row, target)
            if self.for_review:
                self.submit(row)

    def go_to(self, row, target):
        if target == Status.PUBLISHED and row.status != Status.PUBLISHED:
            self.apply(row, "publish")

    def submit(self, row):
        change = workflow.open_change(row)
        if workflow.change_state(row, change) == ChangeState.DRAFT:
            self.apply(row, "submit")

    def propose(self, row):
        """The file's text waits for a clinical reviewer beside the live page."""
        editable = {k: v for k, v in self.item.items() if k not in row.WORKFLOW_FIELDS}
        change = workflow.open_change(row)
        proposed = apply_data(row, editable).editable_fields()
        if change is not None:
            if workflow.working_copy(row, change).editable_fields() == proposed:
                return self.report.count(self.kind, "unchanged")
            if change.created_by is not None or change.state != ChangeState.IN_REVIEW:
                self.report.notes.append(
                    _kept(self.noun, self.item["slug"], "it has a change in progress in the admin")
                )
                return self.report.count(self.kind, "conflict")
            self.apply(row, "edit", fields=editable)
        elif row.editable_fields() == proposed:
            self.report.notes.append(_kept(self.noun, self.item["slug"]))
            return self.report.count(self.kind, "conflict")
        else:
            self.apply(row, "submit", fields=editable)
        self.report.notes.append(
            f"Sent {self.noun} {self.item['slug']!r} for review: the live page was changed in the admin "
            "since the last sync, so the file's text waits beside it for a clinical reviewer "
            "(sync_content --force loads the file at once)."
        )
        self.report.count(self.kind, "for review")


def apply_content(contents: list[Content] | Content, force: bool = False) -> SyncReport:
    """Load each language's content, English first (a translation's topic is found by its slug)."""
    report = SyncReport()
    with transaction.atomic():
        for content in [contents] if isinstance(contents, Content) else contents:
            # Fetched again inside the transaction: an admin edit made while the files were
            # read is seen, and kept, rather than compared against a stale row.
            _apply_language(report, content, force, _rows(content.language))
    return report


def _apply_language(report, content, force, rows):
    language = content.language
    topics = {slug: _sync_topic(report, item, force, language) for slug, item in content.topics.items()}
    for kind, folder in FOLDER_OF.items():
        present = getattr(content, folder)
        for slug, item in present.items():
            if (folder, slug) in content.unchanged:
                # The file and the row are as the last sync left them: nothing to compare.
                report.count(kind, "unchanged")
                continue
            key = content.file_keys.get((folder, slug), "")
            _Item(report, kind, item, force, topics, language, rows[kind].get(slug), key).sync()
        _archive_removed(report, kind, MODELS[kind].objects.filter(language=language), present)
    report.notes.extend(content.notes)


def _archive_removed(report, kind, rows, present):
    """Archive rows that came from a file which is no longer there.

    Rows never synced from a file (written in the admin) are left alone.
    """
    gone = rows.exclude(slug__in=present).exclude(synced_fingerprint="").exclude(status=Status.ARCHIVED)
    for row in gone:
        workflow.apply(workflow.SYNC, row, "take_down" if row.status == Status.PUBLISHED else "withdraw")
        row.refresh_from_db()
        # Archiving is the sync's own change, not an admin edit: if the file comes back,
        # it simply updates the row again.
        _mark_synced(row, row.content_fingerprint())
        report.count(kind, "archived")


def sync_content(root: Path, force: bool = False, only=None) -> SyncReport:
    """Read, check and load the content folder. Raises ContentError and changes nothing on bad files.

    `only` names the languages to load (English is always read: translations build on it);
    the others' rows are left as they are.
    """
    unknown = set(only or ()) - set(languages.codes())
    if unknown:
        raise ContentError([Problem(Path(root), f"no language {', '.join(sorted(unknown))} (see LANGUAGES)")])
    synced = {code: _as_synced(_rows(code)) for code in languages.codes()}
    return apply_content(read_all(root, only=only, synced=synced), force=force)
