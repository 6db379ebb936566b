"""Loading the content folder into the database.

The run is all or nothing: the files are read and checked first (content_files), then every
write happens in one transaction. An item edited in the admin since the last sync is kept
and reported as a conflict unless `force` is given. Articles whose file was removed are
archived, never deleted, so their history and feedback survive.
"""

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction

from .content_files import Content, read_content
from .models import FAQ, Article, Page, Status, Topic, fingerprint

# Plural (for the counts) and singular (for messages about one item).
KINDS = {"topics": "topic", "articles": "article", "FAQs": "FAQ", "pages": "page"}


@dataclass
class SyncReport:
    counts: dict = field(default_factory=lambda: {kind: Counter() for kind in KINDS})
    conflicts: list = field(default_factory=list)

    def count(self, kind, outcome):
        self.counts[kind][outcome] += 1

    @property
    def changed(self):
        return sum(c["created"] + c["updated"] + c["archived"] for c in self.counts.values())

    def lines(self):
        for kind in KINDS:
            c = self.counts[kind]
            parts = [f"{c['created']} created", f"{c['updated']} updated", f"{c['unchanged']} unchanged"]
            if kind == "articles" or c["archived"]:
                parts.append(f"{c['archived']} archived")
            if c["conflict"]:
                parts.append(f"{c['conflict']} kept because they were edited in the admin")
            yield f"{kind[0].upper()}{kind[1:]}: {', '.join(parts)}."
        yield from self.conflicts
        if not self.changed:
            yield "Nothing changed: the database already matches the content folder."


def _apply(report, kind, model, item, force, assign):
    """Create or update one row from its file; return the row."""
    wanted = fingerprint(item)
    row = model.objects.filter(slug=item["slug"]).first()
    if row is None:
        row = model(slug=item["slug"])
        assign(row, item)
        row.synced_fingerprint = wanted
        row.save()
        report.count(kind, "created")
        return row
    current = row.content_fingerprint()
    if current == wanted:
        if row.synced_fingerprint != wanted:
            model.objects.filter(pk=row.pk).update(synced_fingerprint=wanted)
        report.count(kind, "unchanged")
        return row
    if row.changed_since_sync and not force:
        report.count(kind, "conflict")
        report.conflicts.append(
            f"Kept {KINDS[kind]} {item['slug']!r}: it was changed in the "
            "admin since the last sync. Run export_content to write it to the files, "
            "or sync_content --force to replace it with the file."
        )
        return row
    assign(row, item)
    row.synced_fingerprint = wanted
    row.save()
    report.count(kind, "updated")
    return row


def _assign_fields(row, item, topics=None):
    for name, value in item.items():
        if name == "topic":
            row.topic = topics[value]
        elif name != "slug":
            setattr(row, name, value)


def apply_content(content: Content, force: bool = False) -> SyncReport:
    report = SyncReport()
    with transaction.atomic():
        topics = {
            slug: _apply(report, "topics", Topic, item, force, _assign_fields)
            for slug, item in content.topics.items()
        }

        def assign_with_topic(row, item):
            _assign_fields(row, item, topics)

        for item in content.articles.values():
            _apply(report, "articles", Article, item, force, assign_with_topic)
        for item in content.faqs.values():
            _apply(report, "FAQs", FAQ, item, force, assign_with_topic)
        for item in content.pages.values():
            _apply(report, "pages", Page, item, force, _assign_fields)
        _archive_removed(report, "articles", Article, content.articles)
        _archive_removed(report, "FAQs", FAQ, content.faqs)
    return report


def _archive_removed(report, kind, model, present):
    """Archive rows that came from a file which is no longer there.

    Rows never synced from a file (written in the admin) are left alone.
    """
    gone = (
        model.objects.exclude(slug__in=present).exclude(synced_fingerprint="").exclude(status=Status.ARCHIVED)
    )
    for row in gone:
        row.status = Status.ARCHIVED
        # Archiving is the sync's own change, not an admin edit: if the file comes back,
        # it simply updates the row again.
        row.synced_fingerprint = row.content_fingerprint()
        row.save()
        report.count(kind, "archived")


def sync_content(root: Path, force: bool = False) -> SyncReport:
    """Read, check and load the content folder. Raises ContentError and changes nothing on bad files."""
    return apply_content(read_content(root), force=force)
