"""The editors' admin for topics, articles, FAQs and pages (shared behaviour: editorial.admin_base)."""

from django.contrib import admin
from django.utils.html import format_html

from editorial.admin_base import EditorialAdmin, WorkflowAdmin
from editorial.forms import ArticleForm
from feedback.admin import feedback_summary

from .models import FAQ, Article, Page, Topic
from .readability import measure

READING_GRADE_TARGET = 8

admin.site.site_header = "B12 Facts: editors"
admin.site.site_title = "B12 Facts editors"
admin.site.index_title = "Content and review"


@admin.register(Topic)
class TopicAdmin(EditorialAdmin):
    list_display = ["title", "slug", "order"]
    prepopulated_fields = {"slug": ["title"]}


@admin.register(Article)
class ArticleAdmin(WorkflowAdmin):
    form = ArticleForm
    markdown_fields = ["body"]
    list_display = ["title", "topic", "status", "reading_grade", "word_count", "updated", "next_review_due"]
    list_filter = ["status", "topic"]
    search_fields = ["title", "summary", "body"]
    prepopulated_fields = {"slug": ["title"]}
    readonly_fields = [
        "reading_level",
        "preview_link",
        "last_reviewed",
        "reviewed_by",
        "next_review_due",
        "reader_feedback",
    ]
    fieldsets = [
        (None, {"fields": ["title", "slug", "summary", "topic", "order", "updated", "version"]}),
        ("Text", {"fields": ["body", "reading_level"]}),
        ("Sources and related pages", {"fields": ["references", "related"], "classes": ["collapse"]}),
        (
            "Review and publishing",
            {
                "fields": ["status", "preview_link", "last_reviewed", "reviewed_by", "next_review_due"],
                "description": "Editors submit for review; a clinical reviewer publishes. Publishing "
                "records today's date and the reviewer's name on the page.",
            },
        ),
        ("Was this page helpful?", {"fields": ["reader_feedback"]}),
    ]
    history_list_display = ["status"]

    @admin.display(description="Readers said")
    def reader_feedback(self, obj):
        return feedback_summary(obj, "article")

    @admin.display(description="Reading grade")
    def reading_grade(self, obj):
        return measure(obj.body_html).grade

    @admin.display(description="Words")
    def word_count(self, obj):
        return measure(obj.body_html).words

    @admin.display(description="Reading level")
    def reading_level(self, obj):
        if obj is None or not obj.body_html:
            return "Shown once the article is saved."
        result = measure(obj.body_html)
        verdict = "on target" if result.grade <= READING_GRADE_TARGET else "harder than the target"
        return format_html(
            "Grade {grade} (Flesch-Kincaid; aim for {target} or below: {verdict}) · {words} words",
            grade=result.grade,
            target=READING_GRADE_TARGET,
            verdict=verdict,
            words=f"{result.words:,}",
        )


@admin.register(FAQ)
class FAQAdmin(WorkflowAdmin):
    markdown_fields = ["answer"]
    list_display = ["question", "topic", "status", "order"]
    list_filter = ["status", "topic"]
    search_fields = ["question", "answer"]
    fields = [
        "question",
        "slug",
        "topic",
        "order",
        "answer",
        "references",
        "status",
        "version",
        "reader_feedback",
    ]
    readonly_fields = ["reader_feedback"]
    prepopulated_fields = {"slug": ["question"]}
    history_list_display = ["status"]

    @admin.display(description="Readers said")
    def reader_feedback(self, obj):
        return feedback_summary(obj, "faq")


@admin.register(Page)
class PageAdmin(EditorialAdmin):
    markdown_fields = ["body"]
    list_display = ["title", "slug", "updated"]
    prepopulated_fields = {"slug": ["title"]}
