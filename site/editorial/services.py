"""The editorial workflow: draft → in review → published, and who may move content along it.

Editors write and submit for review; only clinical reviewers (who hold the publish
permission) publish. Editors only read topics and plain pages, which go live as soon as
they are saved.

`check_save` is the one check for every write to content from the admin: the change and add
forms, a restore from the history, the list actions (through `publish` and
`submit_for_review`) and any hand-made POST to any of them. It asks first whether the person
may write this kind of content at all, then whether the move is theirs to make. The admin's
own permission checks come before it on most routes, but not on all (django-simple-history's
restore lets anyone who may read save), so nothing else is relied on.
"""

import calendar
import datetime
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_permission_codename
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from articles import sources
from articles.models import FAQ, Article, Status

PUBLISH_PERMISSIONS = {Article: "articles.publish_article", FAQ: "articles.publish_faq"}
# Set only by a reviewer's sign-off, never typed in.
REVIEW_FIELDS = ("last_reviewed", "next_review_due", "reviewed_by")
# Moving content to these statuses changes what the public sees, so it is the reviewers' call.
PUBLIC_STATUSES = (Status.PUBLISHED, Status.ARCHIVED)
EDIT_PERMISSIONS = (
    "articles.add_article",
    "articles.change_article",
    "articles.add_faq",
    "articles.change_faq",
)
DUE_SOON_DAYS = 30


def can_write(user, model, adding=False) -> bool:
    """May add (or change) this kind of content at all, whatever its status."""
    opts = model._meta
    codename = get_permission_codename("add" if adding else "change", opts)
    return user.is_active and user.has_perm(f"{opts.app_label}.{codename}")


def has_workflow(model) -> bool:
    """Content with a status that only clinical reviewers may make public."""
    return model in PUBLISH_PERMISSIONS


def can_publish(user, model) -> bool:
    permission = PUBLISH_PERMISSIONS.get(model)
    return bool(permission) and user.is_active and user.has_perm(permission)


def can_edit_content(user) -> bool:
    """May use the editor's tools (preview, image upload)."""
    return user.is_active and user.is_staff and any(user.has_perm(p) for p in EDIT_PERMISSIONS)


def reviewer_name(user) -> str:
    """The name shown on the public page: the full name, else the username."""
    return user.get_full_name().strip() or user.get_username()


def add_months(day: datetime.date, months: int) -> datetime.date:
    """The same day `months` later, or the month's last day when it is shorter (31 Jan → 28 Feb)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return day.replace(year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1]))


def status_choices(user, model, current=None):
    """The statuses this user may choose. Keeping the current status is never a move."""
    allowed = {Status.DRAFT, Status.IN_REVIEW}
    if can_publish(user, model):
        allowed.update(PUBLIC_STATUSES)
    if current:
        allowed.add(current)
    return [(value, label) for value, label in Status.choices if value in allowed]


def content_changed(before, after) -> bool:
    """Whether the text or settings changed, leaving aside the workflow's own fields."""
    after.normalise_text()
    ignored = {"status", *REVIEW_FIELDS}
    old, new = before.content_fields(), after.content_fields()
    return any(old[name] != new[name] for name in old if name not in ignored)


def check_save(user, before, after):
    """Refuse a save this person may not make: the one check for every write from the admin.

    `before` is the row as stored (None when adding); `after` is what is about to be saved.
    Raises PermissionDenied with a sentence the editor can act on.
    """
    model = type(after)
    if not can_write(user, model, adding=before is None):
        plural = model._meta.verbose_name_plural
        raise PermissionDenied(
            f"You can read {plural} but not change them: they go live as soon as they are saved. "
            "Ask a clinical reviewer to make the change."
        )
    if not has_workflow(model) or can_publish(user, model):
        return
    old_status = before.status if before is not None else None
    if after.status in PUBLIC_STATUSES and after.status != old_status:
        raise PermissionDenied(
            "Only a clinical reviewer can publish or archive. Submit it for review instead."
        )
    if after.status == Status.PUBLISHED and content_changed(before, after):
        raise PermissionDenied(
            "This page is published, so a change to it needs a clinical reviewer. Choose "
            "“In review” to send your change for sign-off; the page leaves the public site until "
            "a reviewer publishes it again."
        )


def record_review(item, user, today=None):
    """Stamp a reviewer's sign-off on an article (FAQs carry no review line)."""
    if not isinstance(item, Article):
        return
    today = today or timezone.localdate()
    item.last_reviewed = today
    item.reviewed_by = reviewer_name(user)
    item.next_review_due = add_months(today, settings.REVIEW_INTERVAL_MONTHS)


def apply_review(user, before, after, today=None):
    """A reviewer saving an item as published signs it off, when it is new to the public or changed."""
    if (
        not has_workflow(type(after))
        or after.status != Status.PUBLISHED
        or not can_publish(user, type(after))
    ):
        return
    if before is None or before.status != Status.PUBLISHED or content_changed(before, after):
        record_review(after, user, today)


def _stored(item):
    """The row as it is in the database now, locked until the transaction ends where it can be."""
    return type(item)._default_manager.select_for_update().filter(pk=item.pk).first()


@transaction.atomic
def publish(item, user, today=None):
    """Approve and publish one item, recording the review. Reviewers only.

    One transaction: the row, its history record, its search entry and the content version
    (pagecache) are committed together or not at all.
    """
    if not can_publish(user, type(item)):
        raise PermissionDenied("Only a clinical reviewer can publish.")
    before = _stored(item)
    item.status = Status.PUBLISHED
    check_save(user, before, item)
    record_review(item, user, today)
    item._change_reason = "Approved and published"
    item.save()


@transaction.atomic
def submit_for_review(item, user) -> bool:
    """Send a draft to the reviewers; False when it was not a draft."""
    if item.status != Status.DRAFT:
        return False
    before = _stored(item)
    item.status = Status.IN_REVIEW
    check_save(user, before, item)
    item._change_reason = "Submitted for review"
    item.save()
    return True


@dataclass
class Citations:
    """One page and the sources on it that need an editor's eye."""

    item: Article | FAQ
    kind: str
    sources: list


def citations_to_check():
    """(pages citing a superseded source, pages citing an id references.yaml does not hold).

    Archived pages are left out: nobody reads them.
    """
    superseded, unknown = [], []
    for kind, model in (("Article", Article), ("FAQ", FAQ)):
        for item in model.objects.exclude(status=Status.ARCHIVED).select_related("topic"):
            old = [ref for ref in item.sources() if ref.superseded]
            if old:
                superseded.append(Citations(item, kind, old))
            missing = sources.unknown(item.references)
            if missing:
                unknown.append(Citations(item, kind, missing))
    return superseded, unknown


@dataclass
class Dashboard:
    awaiting_articles: list
    awaiting_faqs: list
    overdue: list
    due_soon: list
    never_reviewed: list
    today: datetime.date
    superseded_citations: list
    unknown_citations: list

    @property
    def awaiting_count(self):
        return len(self.awaiting_articles) + len(self.awaiting_faqs)


def review_dashboard(today=None) -> Dashboard:
    """What needs a reviewer: items waiting for sign-off, and published articles due for review."""
    today = today or timezone.localdate()
    published = Article.objects.published().select_related("topic")
    superseded, unknown = citations_to_check()
    return Dashboard(
        awaiting_articles=list(Article.objects.filter(status=Status.IN_REVIEW).order_by("modified_at")),
        awaiting_faqs=list(FAQ.objects.filter(status=Status.IN_REVIEW).order_by("modified_at")),
        overdue=list(published.filter(next_review_due__lt=today).order_by("next_review_due")),
        due_soon=list(
            published.filter(
                next_review_due__gte=today,
                next_review_due__lte=today + datetime.timedelta(days=DUE_SOON_DAYS),
            ).order_by("next_review_due")
        ),
        never_reviewed=list(published.filter(last_reviewed__isnull=True).order_by("title")),
        today=today,
        superseded_citations=superseded,
        unknown_citations=unknown,
    )
