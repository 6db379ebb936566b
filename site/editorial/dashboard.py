"""What needs a clinical reviewer: the review dashboard (/admin/review/) and the reminders.

Changes awaiting review, sent back or being written; go-live and take-down times; articles,
questions, pages and the reviewable data files overdue for review, due within 30 days or
never signed off; and pages citing a source that is superseded or not in the list.

A handful of queries whatever the number of items: one for the open changes (and one per
kind of item they belong to), one per kind of item for everything else.
"""

import datetime
from dataclasses import dataclass, field
from functools import cached_property

from django.urls import reverse
from django.utils import timezone

from articles import signoff, sources
from articles.models import FAQ, Article, Page, mark_behind
from articles.revisions import Revision
from articles.signoff import SignOff
from articles.states import ChangeState, Status
from common import overlay

KINDS = ((Article, "Article"), (FAQ, "Question"), (Page, "Page"))
# Rows shown in each review list, the most urgent first: the rest are a click away, in the
# admin's lists filtered the same way (editorial.admin.ReviewFilter), so the page stays small
# however much falls due at once.
ROWS_SHOWN = 50


@dataclass
class Entry:
    """One article, question, page or data file on the dashboard."""

    title: str
    kind: str
    item: object = None  # the article, question or page
    path: str = ""  # for a data file: where it is
    file_url: str = ""  # for a data file: the public page it drives
    signoff: SignOff | None = None
    change: Revision | None = None
    when: datetime.datetime | None = None
    sources: list = field(default_factory=list)
    language: str = ""
    original: "Entry | None" = None
    why: str = ""  # for a data file's translation: why the English is shown instead

    # Addresses are worked out when a page shows the entry: a list may hold thousands.
    @cached_property
    def admin_url(self) -> str:
        return self._admin("change") if self.item is not None else ""

    @cached_property
    def preview_url(self) -> str:
        return self._admin("preview") if self.item is not None else ""

    @cached_property
    def public_url(self) -> str:
        if self.item is None:
            return self.file_url
        return self.item.get_absolute_url() if self.item.status == Status.PUBLISHED else ""

    def _admin(self, view):
        opts = self.item._meta
        return reverse(f"admin:{opts.app_label}_{opts.model_name}_{view}", args=[self.item.pk])


@dataclass
class Dashboard:
    today: datetime.date
    awaiting: list = field(default_factory=list)
    sent_back: list = field(default_factory=list)
    in_progress: list = field(default_factory=list)
    going_live: list = field(default_factory=list)
    coming_down: list = field(default_factory=list)
    overdue: list = field(default_factory=list)
    due_soon: list = field(default_factory=list)
    never: list = field(default_factory=list)
    superseded_citations: list = field(default_factory=list)
    unknown_citations: list = field(default_factory=list)
    # Translations whose original has changed since they were made.
    stale_translations: list = field(default_factory=list)

    @property
    def due_count(self):
        return len(self.overdue) + len(self.due_soon)


def title_of(item) -> str:
    return getattr(item, "title", None) or getattr(item, "question", "") or str(item)


def entry(item, kind, **extra) -> Entry:
    return Entry(title=title_of(item), kind=kind, item=item, signoff=SignOff.of(item), **extra)


def _changes(board, kinds):
    changes = (
        Revision.objects.open()
        .select_related("content_type", "created_by", "saved_by", "submitted_by", "decided_by")
        .prefetch_related("item")
    )
    for change in changes:
        item = change.item
        if item is None:
            continue
        kind = kinds[type(item)]
        if change.state == ChangeState.IN_REVIEW:
            board.awaiting.append(
                entry(item, kind, change=change, when=change.submitted_at or change.saved_at)
            )
        elif change.state == ChangeState.CHANGES_REQUESTED:
            board.sent_back.append(entry(item, kind, change=change, when=change.decided_at))
        elif change.state == ChangeState.APPROVED:
            board.going_live.append(entry(item, kind, change=change, when=change.go_live_at))
        else:
            board.in_progress.append(entry(item, kind, change=change, when=change.saved_at))
    for name in ("awaiting", "sent_back", "going_live", "in_progress"):
        getattr(board, name).sort(key=lambda e: e.when or timezone.now())


def _standing(board, item, today):
    place = {"overdue": board.overdue, "due_soon": board.due_soon, "never": board.never}
    found = place.get(item.signoff.standing(today))
    if found is not None:
        found.append(item)


def build(today=None) -> Dashboard:
    today = today or timezone.localdate()
    board = Dashboard(today=today)
    _changes(board, dict(KINDS))
    for model, kind in KINDS:
        rows = model.objects.exclude(status=Status.ARCHIVED)
        if model is not Page:
            rows = rows.select_related("topic")
        rows = list(rows.order_by("pk"))
        for row in mark_behind(rows):
            if row.behind_original is not None:
                original = row.behind_original
                board.stale_translations.append(
                    entry(
                        row,
                        kind,
                        language=row.language,
                        when=original.changed_on,
                        original=entry(original, kind),
                    )
                )
            if row.status == Status.PUBLISHED:
                _standing(board, entry(row, kind), today)
                if row.take_down_at:
                    board.coming_down.append(entry(row, kind, when=row.take_down_at))
            references = getattr(row, "references", None)
            if references:
                old = [ref for ref in sources.cited(references) if ref.superseded]
                if old:
                    board.superseded_citations.append(entry(row, kind, sources=old))
                missing = sources.unknown(references)
                if missing:
                    board.unknown_citations.append(entry(row, kind, sources=missing))
    for data_file in signoff.clinical_files():
        _standing(
            board,
            Entry(
                title=data_file.label,
                kind="Data file",
                path=data_file.path,
                file_url=reverse(data_file.url_name) if data_file.url_name else "",
                signoff=data_file.signoff,
            ),
            today,
        )
    board.overdue.sort(key=lambda e: e.signoff.next_review_due)
    board.due_soon.sort(key=lambda e: e.signoff.next_review_due)
    board.never.sort(key=lambda e: (e.kind, e.title))
    board.coming_down.sort(key=lambda e: e.when)
    for label, why in overlay.stale_overlays():
        board.stale_translations.append(
            Entry(title=label, kind="Data file", path=label, language=label.split("/")[1], why=why)
        )
    board.stale_translations.sort(key=lambda e: (e.language, e.kind, e.title))
    return board
