"""Topics, articles, FAQs and plain pages.

Each keeps its markdown source and the sanitised HTML rendered from it on save, so no request
ever renders markdown. `synced_fingerprint` remembers what the content sync last wrote: when
the row's current fingerprint differs from it, someone changed the row in the admin since,
and the sync must not overwrite that change without being told to.

The row is what the public sees. A change to a published item waits beside it in a
`Revision` (articles.revisions) until a clinical reviewer approves it; articles.workflow is
the only code that moves either on.
"""

import hashlib
import json

from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.urls import reverse
from django.utils import translation
from simple_history.models import HistoricalRecords

from common import languages

from .boxes import EMERGENCY_SOURCES, has_emergency_box
from .rendering import normalise_source, one_line, render_markdown
from .sources import cited
from .states import Status

__all__ = ["FAQ", "Article", "Page", "Revision", "Status", "Topic", "fingerprint"]
from .validators import validate_content_slug

REFERENCES_HELP = (
    'Source ids from content/references.yaml, in the order cited, for example ["nice-ng239", "arendt-2013"].'
)

SLUG_HELP = "Lower-case letters, digits and hyphens; it becomes the page address."
# A summary is shown under the title and in lists: one or two sentences, not a second body.
SUMMARY_MAX_LENGTH = 600


def text_version(text: str) -> str:
    """The version of an item's text a translation names: 12 hex digits of its SHA-256."""
    return hashlib.sha256(normalise_source(text).encode()).hexdigest()[:12]


class LanguageQuerySet(models.QuerySet):
    def in_language(self, code=None):
        """The rows in one language: the page being served's, unless `code` names another."""
        return self.filter(language=code or languages.current())


class PublishedQuerySet(LanguageQuerySet):
    def published(self):
        return self.filter(status=Status.PUBLISHED)

    def public(self):
        """What a public page in the active language lists: published rows in that language."""
        return self.published().in_language()


def fingerprint(fields: dict) -> str:
    """A stable hash of a content item's fields, as written in (or read from) its file."""
    encoded = json.dumps(fields, sort_keys=True, default=str, ensure_ascii=False)
    return hashlib.sha256(encoded.encode()).hexdigest()


def slug_per_language():
    # A slug names one item per language: /articles/x/ and /es/articles/x/ are two rows.
    return models.UniqueConstraint(
        fields=["language", "slug"], name="%(app_label)s_%(class)s_slug_per_language"
    )


class SyncedContent(models.Model):
    """What every item loaded from `content/` shares."""

    slug = models.SlugField(max_length=120, help_text=SLUG_HELP, validators=[validate_content_slug])
    # The language the row is written in (docs/adr/004-languages.md). A translation names the
    # default-language item it translates (same slug today) and the version of that item's
    # text it was made from, so it knows when the original has changed since.
    language = models.CharField(max_length=8, default=languages.DEFAULT, db_index=True, editable=False)
    translation_of = models.SlugField(
        max_length=120, blank=True, help_text="For a translation: the slug of the English item it translates."
    )
    source_version = models.CharField(
        max_length=12,
        blank=True,
        help_text="For a translation: the version of the English text it was made from.",
    )
    synced_fingerprint = models.CharField(max_length=64, blank=True, editable=False)
    # The file the sync last loaded this row from, as a hash of its bytes and of everything its
    # checks read (articles.content_files.file_key). While the row is as the sync left it, a
    # file with the same key is not read and checked again: a re-run costs what changed.
    synced_file = models.CharField(max_length=64, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    modified_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        self.normalise_text()
        # The stored HTML holds a few words of its own (a callout's title): in the row's language.
        with translation.override(languages.django_code(self.language)):
            self.render()
        super().save(*args, **kwargs)

    def normalise_text(self):
        """Tidy the text fields the way they are stored (also used to compare before saving)."""

    def render(self):
        """Store the HTML of the markdown fields: rendered once here, never per request."""

    # The fields a content file holds, in the order the file writes them.
    FILE_FIELDS: tuple = ()

    # What a translation's file holds besides: the item it translates and from which version.
    TRANSLATION_FIELDS = ("translation_of", "source_version")

    @property
    def is_translation(self) -> bool:
        return self.language != languages.DEFAULT

    def file_fields(self) -> tuple:
        if not self.is_translation:
            return self.FILE_FIELDS
        slug, *rest = self.FILE_FIELDS
        return (slug, *self.TRANSLATION_FIELDS, *rest)

    def content_fields(self) -> dict:
        """The fields a content file holds, in the form the file holds them."""
        return {name: self.file_value(name) for name in self.file_fields()}

    def file_value(self, name):
        if name == "topic":
            return self.topic.slug
        return getattr(self, name)

    def set_file_values(self, values: dict, topics=None):
        """Take the fields in `values` (as content_fields gives them); `topics` maps slug to Topic."""
        for name, value in values.items():
            if name == "topic":
                self.topic = (
                    topics[value]
                    if topics is not None
                    else Topic.objects.get(slug=value, language=self.language)
                )
            else:
                # A change keeps dates as text (JSON); the row holds them as dates.
                setattr(self, name, self._meta.get_field(name).to_python(value))

    def reverse_in_language(self, name, *args) -> str:
        """The address of a page about this row, in the row's language (/es/... for Spanish)."""
        with translation.override(languages.django_code(self.language)):
            return reverse(name, args=args)

    def original(self):
        """For a translation, the default-language item it translates (None if there is none)."""
        if not self.is_translation:
            return None
        return type(self).objects.filter(language=languages.DEFAULT, slug=self.translation_of).first()

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
    objects = LanguageQuerySet.as_manager()

    class Meta:
        ordering = ["order", "title"]
        constraints = [slug_per_language()]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return self.reverse_in_language("articles:topic", self.slug)

    FILE_FIELDS = ("slug", "title", "description", "order")
    # A topic's translation is its words; its order is the English topic's.
    TRANSLATION_FIELDS = ()
    WORDS = ("title", "description")

    def normalise_text(self):
        self.title, self.description = one_line(self.title), one_line(self.description)


class Reviewed(SyncedContent):
    """Clinical content: signed off by a clinical reviewer, and live only once approved.

    `status` says only whether the public sees the row. The three review fields are set by
    a reviewer's approval (articles.workflow), never typed in; a content file may carry them
    only as a reviewer left them.
    """

    status = models.CharField(max_length=20, choices=Status, default=Status.DRAFT)
    last_reviewed = models.DateField(null=True, blank=True)
    next_review_due = models.DateField(null=True, blank=True)
    reviewed_by = models.CharField(max_length=200, blank=True)
    # When the live page comes down, if a reviewer set a time (`manage.py publish_scheduled`).
    take_down_at = models.DateTimeField(null=True, blank=True, editable=False)
    # Its changes, past and pending; deleting an item (superusers only) deletes them with it.
    revisions = GenericRelation("articles.Revision")

    objects = PublishedQuerySet.as_manager()

    class Meta:
        abstract = True

    # What the workflow sets, never an editor: kept out of a pending change.
    WORKFLOW_FIELDS = ("status", "last_reviewed", "next_review_due", "reviewed_by")

    def normalise_text(self):
        super().normalise_text()
        self.reviewed_by = one_line(self.reviewed_by)

    def editable_fields(self) -> dict:
        """The fields a pending change holds: the file's fields but the workflow's own."""
        return {k: v for k, v in self.content_fields().items() if k not in self.WORKFLOW_FIELDS}

    @property
    def is_live(self) -> bool:
        return self.status == Status.PUBLISHED

    def text_version(self) -> str:
        return text_version(getattr(self, self.WORDS[-1]))

    @property
    def changed_on(self):
        """The day the text last changed, as the page says it."""
        return getattr(self, "updated", None) or self.modified_at.date()


def mark_behind(rows):
    """Set `behind_original` on each row: the original a translation has fallen behind, else None.

    One query for the lot, so a list of translated answers costs the same as one page.
    """
    translations = [row for row in rows if row.is_translation]
    for row in rows:
        row.behind_original = None
    if not translations:
        return rows
    model = type(translations[0])
    wanted = {row.translation_of for row in translations}
    originals = {row.slug: row for row in model.objects.filter(language=languages.DEFAULT, slug__in=wanted)}
    for row in translations:
        original = originals.get(row.translation_of)
        if original is not None and original.text_version() != row.source_version:
            row.behind_original = original
    return rows


class MarkdownPage(Reviewed):
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
        super().normalise_text()


class Article(MarkdownPage):
    title = models.CharField(max_length=200)
    summary = models.TextField(
        max_length=SUMMARY_MAX_LENGTH,
        help_text="One or two plain sentences, shown under the title and in lists.",
    )
    topic = models.ForeignKey(Topic, on_delete=models.PROTECT, related_name="articles")
    order = models.IntegerField(default=0)
    updated = models.DateField(help_text="When the text last changed.")
    references = models.JSONField(default=list, blank=True, help_text=REFERENCES_HELP)
    related = models.JSONField(default=list, blank=True, help_text="Slugs of related articles.")

    history = HistoricalRecords()

    FILE_FIELDS = (
        "slug",
        "title",
        "summary",
        "topic",
        "order",
        "status",
        "updated",
        "references",
        "related",
        "last_reviewed",
        "next_review_due",
        "reviewed_by",
        "body",
    )
    # What a translation's file says in its own words; the rest is the English item's.
    WORDS = ("title", "summary", "body")

    class Meta:
        ordering = ["topic__order", "order", "title"]
        constraints = [slug_per_language()]
        # Editors write; only clinical reviewers may put an article in front of the public.
        permissions = [("publish_article", "Can approve and publish articles")]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return self.reverse_in_language("articles:detail", self.slug)

    def sources(self):
        """The cited sources, full citation and all, from content/references.yaml."""
        return cited(self.references)

    def emergency_box_sources(self):
        """What the shared emergency box rests on, when this article shows it."""
        return cited(EMERGENCY_SOURCES) if has_emergency_box(self.body_html) else []

    def related_articles(self):
        """The published related articles, in the order the author listed them."""
        found = {
            a.slug: a
            for a in Article.objects.published().in_language(self.language).filter(slug__in=self.related)
        }
        return [found[slug] for slug in self.related if slug in found]


class FAQ(Reviewed):
    question = models.CharField(max_length=300)
    topic = models.ForeignKey(Topic, on_delete=models.PROTECT, related_name="faqs")
    order = models.IntegerField(default=0)
    answer = models.TextField(help_text="Markdown.")
    answer_html = models.TextField(editable=False)
    references = models.JSONField(default=list, blank=True, help_text=REFERENCES_HELP)

    history = HistoricalRecords()

    FILE_FIELDS = (
        "slug",
        "question",
        "topic",
        "order",
        "status",
        "references",
        "last_reviewed",
        "next_review_due",
        "reviewed_by",
        "answer",
    )
    WORDS = ("question", "answer")

    class Meta:
        ordering = ["topic__order", "order", "question"]
        constraints = [slug_per_language()]
        verbose_name = "FAQ"
        verbose_name_plural = "FAQs"
        permissions = [("publish_faq", "Can approve and publish FAQs")]

    def __str__(self):
        return self.question

    def get_absolute_url(self):
        return self.reverse_in_language("articles:faq") + f"#{self.slug}"

    def render(self):
        self.answer_html = render_markdown(self.answer).html

    def normalise_text(self):
        self.question = one_line(self.question)
        self.answer = normalise_source(self.answer)
        super().normalise_text()

    def sources(self):
        return cited(self.references)


class Page(MarkdownPage):
    """A plain page such as About or Privacy."""

    title = models.CharField(max_length=200)
    summary = models.TextField(blank=True, max_length=SUMMARY_MAX_LENGTH)
    updated = models.DateField()

    history = HistoricalRecords()

    FILE_FIELDS = (
        "slug",
        "title",
        "summary",
        "status",
        "updated",
        "last_reviewed",
        "next_review_due",
        "reviewed_by",
        "body",
    )
    WORDS = ("title", "summary", "body")

    class Meta:
        ordering = ["title"]
        constraints = [slug_per_language()]
        permissions = [("publish_page", "Can approve and publish pages")]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return self.reverse_in_language("articles:page", self.slug)


# The pending changes live in their own module; imported here so Django finds the model.
from .revisions import Revision  # noqa: E402
