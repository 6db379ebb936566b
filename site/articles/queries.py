"""Queries several views share: the public pages, and the kiosk's home page."""

from django.db.models import Prefetch

from .models import Topic


def topics_with(related_name, queryset):
    """Topics that have at least one item of `queryset`, each with those items as `.items`.

    `related_name` is the topic's side of the relation: "articles" or "faqs".
    """
    topics = Topic.objects.in_language().prefetch_related(
        Prefetch(related_name, queryset=queryset, to_attr="items")
    )
    return [topic for topic in topics if topic.items]
