"""Content for tests that need "an article" or "a question", not the curated wording.

Tests about behaviour (caching, the kiosk layout, links, feedback) build what they need here,
so rewording an article in content/ never breaks them. Tests about the content itself (its
reading level, its links, its sources) keep reading content/.
"""

import datetime

import factory
from factory.django import DjangoModelFactory

from articles.models import FAQ, Article, Page, Status, Topic


class TopicFactory(DjangoModelFactory):
    class Meta:
        model = Topic
        django_get_or_create = ("slug",)

    slug = factory.Sequence(lambda n: f"topic-{n}")
    title = factory.Sequence(lambda n: f"Topic {n}")
    description = "What this topic covers."
    order = factory.Sequence(int)


class ArticleFactory(DjangoModelFactory):
    class Meta:
        model = Article

    slug = factory.Sequence(lambda n: f"article-{n}")
    title = factory.Sequence(lambda n: f"Article {n}")
    summary = "One plain sentence about this article."
    topic = factory.SubFactory(TopicFactory)
    order = factory.Sequence(int)
    status = Status.PUBLISHED
    updated = datetime.date(2026, 11, 1)
    body = "## What it is\n\nPlain words about the subject.\n\n## What to do next\n\nTalk to a clinician.\n"


class FAQFactory(DjangoModelFactory):
    class Meta:
        model = FAQ

    slug = factory.Sequence(lambda n: f"question-{n}")
    question = factory.Sequence(lambda n: f"Question {n}?")
    topic = factory.SubFactory(TopicFactory)
    order = factory.Sequence(int)
    status = Status.PUBLISHED
    answer = "A short answer. Ask a clinician what it means for you.\n"


class PageFactory(DjangoModelFactory):
    class Meta:
        model = Page

    slug = factory.Sequence(lambda n: f"page-{n}")
    title = factory.Sequence(lambda n: f"Page {n}")
    summary = "What this page is for."
    updated = datetime.date(2026, 11, 1)
    body = "## About\n\nPlain words.\n"
    status = Status.PUBLISHED
