"""Which saves move the content version on.

The page cache knows no model: each app whose rows appear on cached pages names them, from its
AppConfig.ready(), with `watch(Topic, Article, …)`. A save or delete of a watched row through
the ORM (the admin, the review workflow, the content sync and its archiving) then bumps the
version; a bulk `QuerySet.update()` sends no signal, so code that changes public content in
bulk calls `ContentVersion.bump()` itself.
"""

from django.db.models.signals import post_delete, post_save

from pagecache.models import ContentVersion


def content_changed(sender, raw=False, **kwargs):
    if not raw:  # loaddata writes fixtures without meaning a publish
        ContentVersion.bump()


def watch(*models):
    """Move the content version on whenever a row of one of `models` is saved or deleted."""
    for model in models:
        label = model._meta.label
        post_save.connect(content_changed, sender=model, dispatch_uid=f"pagecache-save-{label}")
        post_delete.connect(content_changed, sender=model, dispatch_uid=f"pagecache-delete-{label}")
