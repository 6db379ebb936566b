"""Keeping the search entries in step with the content.

Every save of an article or FAQ (the admin, the review workflow, the content sync, archiving)
rewrites or removes its entry, in the same transaction as the save. `rebuild()` rewrites the
whole index from the database, for after a bulk change that sent no signals.
"""

from django.db import transaction
from django.db.models.signals import post_delete, post_save

from articles.models import FAQ, Article, Status
from common.html import plain_text
from search.models import Kind, SearchEntry


def entry_fields(item) -> dict:
    if isinstance(item, Article):
        return {
            "url": item.get_absolute_url(),
            "title": item.title,
            "summary": item.summary,
            "body": plain_text(item.body_html),
            "language": item.language,
        }
    return {
        "url": item.get_absolute_url(),
        "title": item.question,
        "summary": "",
        "body": plain_text(item.answer_html),
        "language": item.language,
    }


def kind_of(item) -> str:
    return Kind.ARTICLE if isinstance(item, Article) else Kind.FAQ


def update(item):
    """Write the item's entry if it is published, remove it otherwise."""
    entries = SearchEntry.objects.filter(kind=kind_of(item), object_id=item.pk)
    if item.status != Status.PUBLISHED:
        entries.delete()
        return
    fields = entry_fields(item)
    changed = entries.exclude(**fields).update(**fields)
    if not changed and not entries.exists():
        SearchEntry.objects.create(kind=kind_of(item), object_id=item.pk, **fields)


def remove(item):
    SearchEntry.objects.filter(kind=kind_of(item), object_id=item.pk).delete()


@transaction.atomic
def rebuild():
    SearchEntry.objects.all().delete()
    for model in (Article, FAQ):
        for item in model.objects.published():
            SearchEntry.objects.create(kind=kind_of(item), object_id=item.pk, **entry_fields(item))


def _saved(sender, instance, raw=False, **kwargs):
    if not raw:
        update(instance)


def _deleted(sender, instance, **kwargs):
    remove(instance)


def connect():
    for model in (Article, FAQ):
        post_save.connect(_saved, sender=model, dispatch_uid=f"search-save-{model.__name__}")
        post_delete.connect(_deleted, sender=model, dispatch_uid=f"search-delete-{model.__name__}")
