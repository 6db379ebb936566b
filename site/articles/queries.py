"""Queries several views share: the public pages, and the kiosk's home page."""

from django.db.models import Prefetch

from .models import FAQ, Article, Topic


def listed_articles():
    """Public articles as a list shows them: titles and summaries, never the text itself."""
    return Article.objects.public().defer("body", "body_html", "toc_html")


def topics_with(related_name, queryset):
    """Topics that have at least one item of `queryset`, each with those items as `.items`.

    `related_name` is the topic's side of the relation: "articles" or "faqs".
    """
    topics = Topic.objects.in_language().prefetch_related(
        Prefetch(related_name, queryset=queryset, to_attr="items")
    )
    return [topic for topic in topics if topic.items]


def public_topic(slug):
    """The topic `slug` in the active language with its public `.public_articles` and
    `.public_questions`; None when there is no such topic or it has neither."""
    topic = (
        Topic.objects.in_language()
        .filter(slug=slug)
        .prefetch_related(
            Prefetch("articles", queryset=listed_articles(), to_attr="public_articles"),
            Prefetch("faqs", queryset=FAQ.objects.public(), to_attr="public_questions"),
        )
        .first()
    )
    if topic is None or not (topic.public_articles or topic.public_questions):
        return None
    return topic
