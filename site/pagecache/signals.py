"""Which saves move the content version on.

Every model whose rows appear on a cached page is listed here. A save or delete through the
ORM (the admin, the review workflow, the content sync and its archiving) bumps the version;
a bulk `QuerySet.update()` sends no signal, so code that changes public content in bulk calls
`ContentVersion.bump()` itself.
"""

from django.apps import apps
from django.db.models.signals import post_delete, post_save

from pagecache.models import ContentVersion

# app_label.ModelName of everything shown on cached pages.
PUBLIC_CONTENT = ["articles.Topic", "articles.Article", "articles.FAQ", "articles.Page"]


def content_changed(sender, raw=False, **kwargs):
    if not raw:  # loaddata writes fixtures without meaning a publish
        ContentVersion.bump()


def connect():
    for label in PUBLIC_CONTENT:
        model = apps.get_model(label)
        post_save.connect(content_changed, sender=model, dispatch_uid=f"pagecache-save-{label}")
        post_delete.connect(content_changed, sender=model, dispatch_uid=f"pagecache-delete-{label}")
