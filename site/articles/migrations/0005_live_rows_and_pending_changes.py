"""Carry existing databases into the live-row-and-pending-change model.

- Plain pages were always public once loaded: every existing page is published.
- `in_review` is no longer a row status. An article or FAQ in review was off the site (that
  is what the old status meant), so it stays off: its row becomes a draft and its text an
  open change awaiting review, submitted by whoever saved it last, when they saved it.
- FAQs and pages now carry the review fields (and pages a status) in their files, so a row
  the sync wrote and nobody edited since must still look unedited: its sync fingerprint is
  recomputed with the new fields where it matched the old ones.

Published and archived rows keep their status; nothing is deleted.
"""

import datetime
import hashlib
import json

from django.db import migrations

ARTICLE_FIELDS = (
    "slug", "title", "summary", "topic", "order", "status", "updated", "references", "related",
    "last_reviewed", "next_review_due", "reviewed_by", "body",
)
OLD_FAQ_FIELDS = ("slug", "question", "topic", "order", "status", "references", "answer")
FAQ_FIELDS = (
    "slug", "question", "topic", "order", "status", "references", "last_reviewed", "next_review_due",
    "reviewed_by", "answer",
)
OLD_PAGE_FIELDS = ("slug", "title", "summary", "updated", "body")
PAGE_FIELDS = (
    "slug", "title", "summary", "status", "updated", "last_reviewed", "next_review_due", "reviewed_by", "body",
)
WORKFLOW_FIELDS = ("status", "last_reviewed", "next_review_due", "reviewed_by")


def fingerprint(fields):
    # As articles.models.fingerprint, copied so this migration never changes with the model.
    encoded = json.dumps(fields, sort_keys=True, default=str, ensure_ascii=False)
    return hashlib.sha256(encoded.encode()).hexdigest()


def fields_of(row, names, **overrides):
    values = {name: row.topic.slug if name == "topic" else getattr(row, name) for name in names}
    values.update(overrides)
    return values


def as_json(values):
    return {k: v.isoformat() if isinstance(v, datetime.date) else v for k, v in values.items()}


def refresh(row, old_fields, new_fields):
    if row.synced_fingerprint and row.synced_fingerprint == fingerprint(old_fields):
        row.synced_fingerprint = fingerprint(new_fields)


def carry_forward(apps, schema_editor):
    Article = apps.get_model("articles", "Article")
    FAQ = apps.get_model("articles", "FAQ")
    Page = apps.get_model("articles", "Page")
    Revision = apps.get_model("articles", "Revision")
    ContentType = apps.get_model("contenttypes", "ContentType")

    for page in Page.objects.all():
        old = fields_of(page, OLD_PAGE_FIELDS)
        page.status = "published"
        refresh(page, old, fields_of(page, PAGE_FIELDS))
        page.save(update_fields=["status", "synced_fingerprint"])
    apps.get_model("articles", "HistoricalPage").objects.update(status="published")

    for model, old_names, new_names in ((Article, ARTICLE_FIELDS, ARTICLE_FIELDS), (FAQ, OLD_FAQ_FIELDS, FAQ_FIELDS)):
        content_type = ContentType.objects.get_for_model(model)
        history = apps.get_model("articles", f"Historical{model.__name__}")
        for row in model.objects.select_related("topic"):
            old = fields_of(row, old_names)
            if row.status == "in_review":
                last = history.objects.filter(id=row.pk).order_by("-history_date").first()
                user = last.history_user if last else None
                Revision.objects.create(
                    content_type=content_type,
                    object_id=row.pk,
                    state="in_review",
                    data=as_json({k: v for k, v in fields_of(row, new_names).items() if k not in WORKFLOW_FIELDS}),
                    created_by=user,
                    created_at=row.modified_at,
                    saved_by=user,
                    saved_at=row.modified_at,
                    submitted_by=user,
                    submitted_at=row.modified_at,
                )
                row.status = "draft"
            refresh(row, old, fields_of(row, new_names))
            # update(), not save(): the row's text and modified_at stay as they were.
            model.objects.filter(pk=row.pk).update(status=row.status, synced_fingerprint=row.synced_fingerprint)


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0004_revisions_and_signoff"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(carry_forward, migrations.RunPython.noop)]
