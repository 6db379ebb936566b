"""Topics, articles, FAQs and plain pages.

Each keeps its markdown source and the sanitised HTML rendered from it on save, so no request
ever renders markdown. `synced_fingerprint` remembers what the content sync last wrote: when
the row's current fingerprint differs from it, someone changed the row in the admin since,
and the sync must not overwrite that change without being told to.
"""

import hashlib
import json

from django.db import models
from django.urls import reverse
from simple_history.models import HistoricalRecords

from .boxes import EMERGENCY_SOURCES, has_emergency_box
from .rendering import normalise_source, one_line, render_markdown
from .sources import cited
from .validators import validate_content_slug

REFERENCES_HELP = (
    'Source ids from content/references.yaml, in the order cited, for example ["nice-ng239", "arendt-2013"].'
)

SLUG_HELP = "Lower-case letters, digits and hyphens; it becomes the page address."


class Status(models.TextChoices):
    DRAFT = "draft", "Draft"
    IN_REVIEW = "in_review", "In review"
    PUBLISHED = "published", "Published"
    ARCHIVED = "archived", "Archived"


class PublishedQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=Status.PUBLISHED)


def fingerprint(fields: dict) -> str:
    """A stable hash of a content item's fields, as written in (or read from) its file."""
    encoded = json.dumps(fields, sort_keys=True, default=str, ensure_ascii=False)
    return hashlib.sha256(encoded.encode()).hexdigest()


class SyncedContent(models.Model):
    """What every item loaded from `content/` shares."""

    slug = models.SlugField(
        max_length=120, unique=True, help_text=SLUG_HELP, validators=[validate_content_slug]
    )
    synced_fingerprint = models.CharField(max_length=64, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    modified_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        self.normalise_text()
        self.render()
        super().save(*args, **kwargs)

    def normalise_text(self):
        """Tidy the text fields the way they are stored (also used to compare before saving)."""

    def render(self):
        """Store the HTML of the markdown fields: rendered once here, never per request."""

    def content_fields(self) -> dict:
        """The fields a content file holds, in the form the file holds them."""
        raise NotImplementedError

    def content_fingerprint(self) -> str:
        return fingerprint(self.content_fields())

    @property
    def changed_since_sync(self) -> bool:
        return bool(self.synced_fingerprint) and self.synced_fingerprint != self.content_fingerprint()


class Topic(SyncedContent):
    title = models.CharField(max_length=200)
    description = models.CharField(max_length=300, blank=True)
    order = models.IntegerField(default=0)

    history = HistoricalRecords()

    class Meta:
        ordering = ["order", "title"]

    def __str__(self):
        return self.title

    def normalise_text(self):
        self.title, self.description = one_line(self.title), one_line(self.description)

    def content_fields(self):
        return {
            "slug": self.slug,
            "title": self.title,
            "description": self.description,
            "order": self.order,
        }


class MarkdownPage(SyncedContent):
    """Content whose body is a markdown page with a contents list: articles and plain pages."""

    body = models.TextField(help_text="Markdown.")
    body_html = models.TextField(editable=False)
    toc_html = models.TextField(editable=False, blank=True)

    class Meta:
        abstract = True

    def render(self):
        rendered = render_markdown(self.body)
        self.body_html, self.toc_html = rendered.html, rendered.toc_html

    def normalise_text(self):
        self.title, self.summary = one_line(self.title), one_line(self.summary)
        self.body = normalise_source(self.body)


class Article(MarkdownPage):
    title = models.CharField(max_length=200)
    summary = models.TextField(help_text="One or two plain sentences, shown under the title and in lists.")
    topic = models.ForeignKey(Topic, on_delete=models.PROTECT, related_name="articles")
    order = models.IntegerField(default=0)
    status = models.CharField(max_length=20, choices=Status, default=Status.DRAFT)
    updated = models.DateField(help_text="When the text last changed.")
    references = models.JSONField(default=list, blank=True, help_text=REFERENCES_HELP)
    related = models.JSONField(default=list, blank=True, help_text="Slugs of related articles.")
    last_reviewed = models.DateField(null=True, blank=True)
    next_review_due = models.DateField(null=True, blank=True)
    reviewed_by = models.CharField(max_length=200, blank=True)

    objects = PublishedQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["topic__order", "order", "title"]
        # Editors write; only clinical reviewers may put an article in front of the public.
        permissions = [("publish_article", "Can approve and publish articles")]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("articles:detail", args=[self.slug])

    def normalise_text(self):
        super().normalise_text()
        self.reviewed_by = one_line(self.reviewed_by)

    def content_fields(self):
        return {
            "slug": self.slug,
            "title": self.title,
            "summary": self.summary,
            "topic": self.topic.slug,
            "order": self.order,
            "status": self.status,
            "updated": self.updated,
            "references": self.references,
            "related": self.related,
            "last_reviewed": self.last_reviewed,
            "next_review_due": self.next_review_due,
            "reviewed_by": self.reviewed_by,
            "body": self.body,
        }

    def sources(self):
        """The cited sources, full citation and all, from content/references.yaml."""
        return cited(self.references)

    def emergency_box_sources(self):
        """What the shared emergency box rests on, when this article shows it."""
        return cited(EMERGENCY_SOURCES) if has_emergency_box(self.body_html) else []

    def related_articles(self):
        """The published related articles, in the order the author listed them."""
        found = {a.slug: a for a in Article.objects.published().filter(slug__in=self.related)}
        return [found[slug] for slug in self.related if slug in found]


class FAQ(SyncedContent):
    question = models.CharField(max_length=300)
    topic = models.ForeignKey(Topic, on_delete=models.PROTECT, related_name="faqs")
    order = models.IntegerField(default=0)
    status = models.CharField(max_length=20, choices=Status, default=Status.DRAFT)
    answer = models.TextField(help_text="Markdown.")
    answer_html = models.TextField(editable=False)
    references = models.JSONField(default=list, blank=True, help_text=REFERENCES_HELP)

    objects = PublishedQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["topic__order", "order", "question"]
        verbose_name = "FAQ"
        verbose_name_plural = "FAQs"
        permissions = [("publish_faq", "Can approve and publish FAQs")]

    def __str__(self):
        return self.question

    def get_absolute_url(self):
        return reverse("articles:faq") + f"#{self.slug}"

    def render(self):
        self.answer_html = render_markdown(self.answer).html

    def normalise_text(self):
        self.question = one_line(self.question)
        self.answer = normalise_source(self.answer)

    def content_fields(self):
        return {
            "slug": self.slug,
            "question": self.question,
            "topic": self.topic.slug,
            "order": self.order,
            "status": self.status,
            "references": self.references,
            "answer": self.answer,
        }

    def sources(self):
        return cited(self.references)


class Page(MarkdownPage):
    """A plain page such as About or Privacy, always public once loaded."""

    title = models.CharField(max_length=200)
    summary = models.TextField(blank=True)
    updated = models.DateField()

    history = HistoricalRecords()

    class Meta:
        ordering = ["title"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("articles:page", args=[self.slug])

    def content_fields(self):
        return {
            "slug": self.slug,
            "title": self.title,
            "summary": self.summary,
            "updated": self.updated,
            "body": self.body,
        }
