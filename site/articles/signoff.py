"""A clinical reviewer's sign-off: when, by whom, and when the next review falls due.

Articles, FAQs and plain pages carry it on their rows, set only by a reviewer's approval.
The reviewable data files (the self-check's rules and cases, the result explainer) carry it
in their YAML and are registered here by the apps that load them, so the review dashboard
and the reminders can list them without importing those apps.
"""

import calendar
import datetime
from dataclasses import dataclass

from django.db.models import Q

DUE_SOON_DAYS = 30


def add_months(day: datetime.date, months: int) -> datetime.date:
    """The same day `months` later, or the month's last day when it is shorter (31 Jan → 28 Feb)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return day.replace(year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1]))


def reviewer_name(user) -> str:
    """The name shown on the public page: the full name, else the username."""
    return user.get_full_name().strip() or user.get_username()


def stamp(item, name: str, day: datetime.date, interval_months: int):
    """Record a sign-off on `item` (unsaved): `name` reviewed it on `day`."""
    item.last_reviewed = day
    item.reviewed_by = name
    item.next_review_due = add_months(day, interval_months)


@dataclass(frozen=True)
class SignOff:
    last_reviewed: datetime.date | None
    reviewed_by: str
    next_review_due: datetime.date | None

    @classmethod
    def of(cls, item):
        return cls(item.last_reviewed, item.reviewed_by, item.next_review_due)

    @property
    def signed_off(self) -> bool:
        return bool(self.last_reviewed and self.reviewed_by)

    def standing(self, today: datetime.date) -> str:
        """ "never", "overdue", "due_soon" (within DUE_SOON_DAYS) or "current"."""
        if not self.signed_off:
            return "never"
        if self.next_review_due is None:
            return "current"
        if self.next_review_due < today:
            return "overdue"
        if self.next_review_due <= today + datetime.timedelta(days=DUE_SOON_DAYS):
            return "due_soon"
        return "current"


def standing_filter(standing: str, today: datetime.date) -> Q:
    """The rows whose sign-off has this standing, as a database filter: `SignOff.standing`'s
    rules over the columns (tests/editorial/test_dashboard.py checks that the two agree)."""
    never = Q(last_reviewed__isnull=True) | Q(reviewed_by="")
    due = Q(next_review_due__isnull=False) & ~never
    if standing == "never":
        return never
    if standing == "overdue":
        return due & Q(next_review_due__lt=today)
    if standing == "due_soon":
        soon = today + datetime.timedelta(days=DUE_SOON_DAYS)
        return due & Q(next_review_due__gte=today, next_review_due__lte=soon)
    raise ValueError(f"no standing {standing!r}")


@dataclass(frozen=True)
class ClinicalFile:
    """A reviewable data file and its sign-off, as its app loaded it."""

    key: str
    label: str
    path: str
    url_name: str
    updated: datetime.date | None
    signoff: SignOff


_files: dict[str, ClinicalFile] = {}


def register_file(key, label, path, url_name, updated, last_reviewed, reviewed_by, next_review_due):
    """Called by the app that loads a reviewable data file, from its ready()."""
    _files[key] = ClinicalFile(
        key, label, str(path), url_name, updated, SignOff(last_reviewed, reviewed_by or "", next_review_due)
    )


def clinical_files() -> list[ClinicalFile]:
    return sorted(_files.values(), key=lambda f: f.label)
