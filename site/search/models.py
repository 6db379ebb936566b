"""The search index: one plain-text entry per published article and FAQ.

Entries are derived data, rewritten whenever their source is saved (see index.py). Each
records the language of its item, and a search looks only at entries in the page's language.
On SQLite a full-text table per stemming (English, Spanish) mirrors this one through triggers;
on PostgreSQL a stored document column, built with the language's text-search configuration,
is searched with django.contrib.postgres (migrations 0002 to 0004).
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
    language = models.CharField(max_length=8, default="en", help_text="The language of the item: en, es.")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["kind", "object_id"], name="one_entry_per_item")]
        indexes = [models.Index(fields=["language"], name="search_entry_language")]
        verbose_name_plural = "search entries"

    def __str__(self):
        return self.title
