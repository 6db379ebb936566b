"""The editors' admin for topics, articles, FAQs and pages (shared behaviour: admin_base)."""

from django.contrib import admin
from django.utils.html import format_html

from articles.models import FAQ, Article, Page, Topic
from articles.readability import TARGET_GRADE, measure
from feedback.admin import feedback_summary

from .admin_base import EditorialAdmin, WorkflowAdmin
from .forms import ArticleAdminForm, FAQAdminForm, PageAdminForm, TopicAdminForm

admin.site.site_header = "B12 Facts: editors"
admin.site.site_title = "B12 Facts editors"
admin.site.index_title = "Content and review"


@admin.register(Topic)
class TopicAdmin(EditorialAdmin):
    form = TopicAdminForm
    list_display = ["title", "slug", "order"]
    prepopulated_fields = {"slug": ["title"]}
    fields = ["title", "slug", "description", "order", "version"]


class ClinicalAdmin(WorkflowAdmin):
    """The sign-off and the reading level, shown; neither typed in."""

    @admin.display(description="Clinical sign-off")
    def sign_off(self, obj):
        row = getattr(obj, "_row", obj)
        if row is None or not row.last_reviewed:
            return "Not yet signed off by a clinical reviewer."
        due = f"; next review due {row.next_review_due:%d %B %Y}" if row.next_review_due else ""
        return f"Last reviewed {row.last_reviewed:%d %B %Y} by {row.reviewed_by}{due}."

    @admin.display(description="Reading level")
    def reading_level(self, obj):
        html = getattr(obj, "body_html", None) or getattr(obj, "answer_html", "")
        if obj is None or not html:
            return "Shown once the text is saved."
        result = measure(html)
        verdict = "on target" if result.grade <= TARGET_GRADE else "harder than the target"
        return format_html(
            "Grade {grade} (Flesch-Kincaid; aim for {target} or below: {verdict}) · {words} words",
            grade=result.grade,
            target=f"{TARGET_GRADE:g}",
            verdict=verdict,
            words=f"{result.words:,}",
        )


@admin.register(Article)
class ArticleAdmin(ClinicalAdmin):
    form = ArticleAdminForm
    markdown_fields = ["body"]
    list_display = ["title", "topic", "status", "reading_grade", "word_count", "updated", "next_review_due"]
    list_filter = ["status", "topic"]
    search_fields = ["title", "summary", "body"]
    prepopulated_fields = {"slug": ["title"]}
    readonly_fields = ["reading_level", "sign_off", "reader_feedback"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "summary", "topic", "order", "updated", "version"]}),
        ("Text", {"fields": ["body", "reading_level"]}),
        ("Sources and related pages", {"fields": ["references", "related"], "classes": ["collapse"]}),
        ("Clinical sign-off", {"fields": ["sign_off"]}),
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


@admin.register(FAQ)
class FAQAdmin(ClinicalAdmin):
    form = FAQAdminForm
    markdown_fields = ["answer"]
    list_display = ["question", "topic", "status", "order", "next_review_due"]
    list_filter = ["status", "topic"]
    search_fields = ["question", "answer"]
    fields = [
        "question",
        "slug",
        "topic",
        "order",
        "answer",
        "reading_level",
        "references",
        "sign_off",
        "version",
        "reader_feedback",
    ]
    readonly_fields = ["reading_level", "sign_off", "reader_feedback"]
    prepopulated_fields = {"slug": ["question"]}
    history_list_display = ["status"]

    @admin.display(description="Readers said")
    def reader_feedback(self, obj):
        return feedback_summary(obj, "faq")


@admin.register(Page)
class PageAdmin(ClinicalAdmin):
    form = PageAdminForm
    markdown_fields = ["body"]
    list_display = ["title", "slug", "status", "updated", "next_review_due"]
    list_filter = ["status"]
    prepopulated_fields = {"slug": ["title"]}
    fields = ["title", "slug", "summary", "updated", "body", "reading_level", "sign_off", "version"]
    readonly_fields = ["reading_level", "sign_off"]
    history_list_display = ["status"]
