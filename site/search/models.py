"""The search index: one plain-text entry per published article and FAQ.

Entries are derived data, rewritten whenever their source is saved (see index.py). On
SQLite a full-text table mirrors this one through triggers (migration 0002); on PostgreSQL
the text is searched with django.contrib.postgres directly.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Kind(models.TextChoices):
    ARTICLE = "article", _("Article")
    FAQ = "faq", pgettext_lazy("a kind of search result: a common question and its answer", "Question")


class SearchEntry(models.Model):
    kind = models.CharField(max_length=20, choices=Kind)
    object_id = models.BigIntegerField()
    url = models.CharField(max_length=300)
    title = models.CharField(max_length=300)
    summary = models.TextField(blank=True)
    body = models.TextField(blank=True, help_text="Plain text, no markup.")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["kind", "object_id"], name="one_entry_per_item")]
        verbose_name_plural = "search entries"

    def __str__(self):
        return self.title
