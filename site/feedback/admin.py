"""Reader feedback for editors: read-only, filterable by page."""

from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html, format_html_join

from .models import Feedback

RECENT_COMMENTS = 10


@admin.register(Feedback)
class FeedbackAdmin(admin.ModelAdmin):
    list_display = ["created_on", "about", "helpful", "comment"]
    list_filter = ["helpful", "created_on", "article", "faq"]
    search_fields = ["comment"]
    list_select_related = ["article", "faq"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


def feedback_summary(item, field):
    """Counts and the latest comments for one page, for its change form."""
    if item is None or item.pk is None:
        return "None yet."
    answers = Feedback.objects.filter(**{field: item})
    tally = answers.tally()
    comments = answers.exclude(comment="").values_list("created_on", "comment")[:RECENT_COMMENTS]
    url = reverse("admin:feedback_feedback_changelist") + f"?{field}__id__exact={item.pk}"
    listed = format_html_join("", "<li><time>{}</time>: {}</li>", ((f"{d:%d %b %Y}", c) for d, c in comments))
    return format_html(
        '<p>Helpful: <strong>{}</strong> yes, <strong>{}</strong> no. <a href="{}">All feedback on this page</a></p>'
        '<ul class="feedback-comments">{}</ul>',
        tally["yes"],
        tally["no"],
        url,
        listed or format_html("<li>{}</li>", "No comments yet."),
    )
