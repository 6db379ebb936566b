"""The editors' admin for topics, articles, FAQs and pages (shared behaviour: admin_base)."""

from django.conf import settings
from django.contrib import admin
from django.contrib.contenttypes.models import ContentType
from django.db.models import OuterRef, Subquery
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html

from articles import signoff
from articles.models import FAQ, Article, Page, Topic
from articles.readability import TARGET_GRADE, TARGET_INFLESZ, measure
from articles.revisions import Revision
from articles.states import ChangeState, Status
from common import languages
from feedback.admin import feedback_summary

from .admin_base import EditorialAdmin, WorkflowAdmin
from .forms import ArticleAdminForm, FAQAdminForm, PageAdminForm, TopicAdminForm

LANGUAGE_NAMES = [(languages.content_code(code), name) for code, name in settings.LANGUAGES]


class LanguageFilter(admin.SimpleListFilter):
    title = "language"
    parameter_name = "language"

    def lookups(self, request, model_admin):
        return LANGUAGE_NAMES

    def queryset(self, request, queryset):
        return queryset.filter(language=self.value()) if self.value() else queryset


class ReviewFilter(admin.SimpleListFilter):
    """Published items by their clinical review, as the review dashboard files them."""

    title = "clinical review"
    parameter_name = "review"

    def lookups(self, request, model_admin):
        return REVIEW_STANDINGS

    def queryset(self, request, queryset):
        if self.value() not in dict(REVIEW_STANDINGS):
            return queryset
        today = timezone.localdate()
        return queryset.filter(status=Status.PUBLISHED).filter(signoff.standing_filter(self.value(), today))


REVIEW_STANDINGS = [
    ("overdue", "Overdue for review"),
    ("due_soon", f"Due within {signoff.DUE_SOON_DAYS} days"),
    ("never", "Never signed off"),
]


@admin.display(description="Language", ordering="language")
def language_name(obj):
    return dict(LANGUAGE_NAMES).get(obj.language, obj.language)


admin.site.site_header = "B12 Facts: editors"
admin.site.site_title = "B12 Facts editors"
admin.site.index_title = "Content and review"


class KeepsEnglishSlug:
    """A translation keeps the English item's slug: changing it would cut the link between them."""

    locked_in_translation = ("slug",)

    def get_readonly_fields(self, request, obj=None):
        fields = super().get_readonly_fields(request, obj)
        if obj is not None and obj.is_translation:
            return [*fields, *self.locked_in_translation]
        return fields

    def get_prepopulated_fields(self, request, obj=None):
        return {} if obj is not None and obj.is_translation else super().get_prepopulated_fields(request, obj)


@admin.register(Topic)
class TopicAdmin(KeepsEnglishSlug, EditorialAdmin):
    # A topic's translation is its words; its place among the topics is the English topic's.
    locked_in_translation = ("slug", "order")
    form = TopicAdminForm
    list_display = ["title", language_name, "slug", "order"]
    list_filter = [LanguageFilter]
    prepopulated_fields = {"slug": ["title"]}
    fields = ["title", "slug", "description", "order", "version"]


class ClinicalAdmin(KeepsEnglishSlug, WorkflowAdmin):
    """The sign-off and the reading level, shown; neither typed in. A translation also shows
    which English item it translates and whether that has changed since."""

    TRANSLATION_SECTION = (
        "Translation",
        {"fields": ["translation_of", "source_version", "translation_state"]},
    )
    locked_in_translation = ("slug", "translation_of")

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if obj is not None and obj.is_translation:
            return [*fieldsets, self.TRANSLATION_SECTION]
        return fieldsets

    @admin.display(description="Compared with the English")
    def translation_state(self, obj):
        if obj is None or not obj.is_translation:
            return ""
        original = obj.original()
        if original is None:
            return f"No English item has the slug “{obj.translation_of}”."
        current = original.text_version()
        if current == obj.source_version:
            return f"Up to date: made from the English text as it is now (version {current})."
        return (
            f"Behind: the English changed on {date_format(original.changed_on, 'j F Y')}. Bring the text up "
            f"to date, then set the source version to {current}."
        )

    def get_queryset(self, request):
        # The open change's state for the list, in the same query as the rows.
        changes = Revision.objects.open().filter(
            content_type=ContentType.objects.get_for_model(self.model), object_id=OuterRef("pk")
        )
        return super().get_queryset(request).annotate(change_state=Subquery(changes.values("state")[:1]))

    @admin.display(description="Where it stands", ordering="status")
    def standing(self, obj):
        live = {Status.DRAFT: "Draft", Status.PUBLISHED: "Live", Status.ARCHIVED: "Taken down"}[obj.status]
        state = getattr(obj, "change_state", None)
        if not state or (obj.status == Status.DRAFT and state == ChangeState.DRAFT):
            return live
        return f"{live}, change {ChangeState(state).label.lower()}"

    @admin.display(description="Clinical sign-off")
    def sign_off(self, obj):
        row = getattr(obj, "_row", obj)
        if row is None or not row.last_reviewed:
            return "Not yet signed off by a clinical reviewer."
        due = f"; next review due {date_format(row.next_review_due, 'j F Y')}" if row.next_review_due else ""
        return f"Last reviewed {date_format(row.last_reviewed, 'j F Y')} by {row.reviewed_by}{due}."

    @admin.display(description="Reading level")
    def reading_level(self, obj):
        html = getattr(obj, "body_html", None) or getattr(obj, "answer_html", "")
        if obj is None or not html:
            return "Shown once the text is saved."
        if obj.is_translation:
            result = measure(html, obj.language)
            verdict = "on target" if result.inflesz >= TARGET_INFLESZ else "harder than the target"
            return format_html(
                "INFLESZ {score} (Szigriszt-Pazos; aim for {target} or more: {verdict}) · {words} words",
                score=result.inflesz,
                target=f"{TARGET_INFLESZ:g}",
                verdict=verdict,
                words=f"{result.words:,}",
            )
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
    list_display = [
        "title",
        language_name,
        "topic",
        "standing",
        "reading_grade",
        "word_count",
        "updated",
        "next_review_due",
    ]
    list_filter = ["status", ReviewFilter, LanguageFilter, "topic"]
    search_fields = ["title", "summary", "body"]
    prepopulated_fields = {"slug": ["title"]}
    readonly_fields = ["reading_level", "sign_off", "reader_feedback", "translation_state"]
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

    @admin.display(description="Reading level")
    def reading_grade(self, obj):
        if obj.is_translation:
            return f"INFLESZ {measure(obj.body_html, obj.language).inflesz}"
        return measure(obj.body_html).grade

    @admin.display(description="Words")
    def word_count(self, obj):
        return measure(obj.body_html).words


@admin.register(FAQ)
class FAQAdmin(ClinicalAdmin):
    form = FAQAdminForm
    markdown_fields = ["answer"]
    list_display = ["question", language_name, "topic", "standing", "order", "next_review_due"]
    list_filter = ["status", ReviewFilter, LanguageFilter, "topic"]
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
    readonly_fields = ["reading_level", "sign_off", "reader_feedback", "translation_state"]
    prepopulated_fields = {"slug": ["question"]}
    history_list_display = ["status"]

    @admin.display(description="Readers said")
    def reader_feedback(self, obj):
        return feedback_summary(obj, "faq")


@admin.register(Page)
class PageAdmin(ClinicalAdmin):
    form = PageAdminForm
    markdown_fields = ["body"]
    list_display = ["title", language_name, "slug", "standing", "updated", "next_review_due"]
    list_filter = ["status", ReviewFilter, LanguageFilter]
    prepopulated_fields = {"slug": ["title"]}
    fields = ["title", "slug", "summary", "updated", "body", "reading_level", "sign_off", "version"]
    readonly_fields = ["reading_level", "sign_off", "translation_state"]
    history_list_display = ["status"]
