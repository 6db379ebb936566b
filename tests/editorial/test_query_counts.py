"""Pages that list content ask the database the same number of questions at any size.

A query per row is invisible with the sample content and costs seconds at a hundred times
it. Each page is measured on a small site and again after the content has grown tenfold,
with changes waiting for review and reviews falling due in both, and must not ask more.
"""

import datetime

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles import workflow
from articles.models import FAQ, Article, Page
from pagecache import middleware as page_cache
from tests.factories import ArticleFactory, FAQFactory, PageFactory, TopicFactory

from .conftest import BODY

pytestmark = pytest.mark.django_db

PUBLIC = ["/", "/articles/", "/faq/", "/sitemap.xml", "/search/?q=plain"]
EDITORS = [
    "/admin/articles/article/",
    "/admin/articles/faq/",
    "/admin/articles/page/",
    "/admin/articles/topic/",
    "/admin/review/",
]


def grow(times, editor):
    """`times` topics, each with three articles and three questions, and one plain page each.

    In every topic one article and one question wait for review, and one article is due for
    review next week: the dashboard and the admin lists have something of every kind to show.
    """
    due = timezone.localdate() + datetime.timedelta(days=7)
    for _ in range(times):
        topic = TopicFactory()
        articles = ArticleFactory.create_batch(3, topic=topic, body=BODY, references=["nice-ng239"])
        faqs = FAQFactory.create_batch(3, topic=topic, references=["nice-ng239"])
        PageFactory()
        workflow.apply(editor, articles[0], "submit", fields={"title": articles[0].title + " (revised)"})
        workflow.apply(editor, faqs[0], "submit", fields={"question": "A revised question?"})
        Article.objects.filter(pk=articles[1].pk).update(
            last_reviewed=due - datetime.timedelta(days=365), reviewed_by="Rita Reviewer", next_review_due=due
        )


def queries(client, path):
    # A fresh render each time: a page served from the page cache asks almost nothing.
    page_cache._local.clear()
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)
    assert response.status_code == 200, path
    return len(captured)


def measure(paths, client):
    return {path: queries(client, path) for path in paths}


@pytest.mark.parametrize(("paths", "who"), [(PUBLIC, None), (EDITORS, "reviewer")])
def test_no_list_asks_more_questions_as_the_content_grows(paths, who, editor, reviewer):
    client = Client()
    if who:
        client.force_login(reviewer)
    grow(2, editor)
    small = measure(paths, client)
    grow(18, editor)
    assert Article.objects.count() == 60 and FAQ.objects.count() == 60 and Page.objects.count() == 20
    large = measure(paths, client)
    grown = {path: (small[path], large[path]) for path in paths if large[path] > small[path]}
    assert not grown, f"queries at 2 topics and at 20: {grown}"


# The real content, per language: 4 topics, 14 articles, 30 questions.
REAL_TOPICS = 4


def grow_like_the_site(times, topic=None):
    """`times` the real content in new topics, half with 4 articles and 8 questions, half with 3
    and 7; and `times` a topic's share more in `topic` itself, so its own page grows too."""
    for number in range(REAL_TOPICS * times):
        articles, questions = (4, 8) if number % 2 else (3, 7)
        new = TopicFactory()
        ArticleFactory.create_batch(articles, topic=new, references=["nice-ng239"])
        FAQFactory.create_batch(questions, topic=new, references=["nice-ng239"])
    if topic is not None:
        ArticleFactory.create_batch(4 * times, topic=topic)
        FAQFactory.create_batch(8 * times, topic=topic)


def test_the_lists_and_a_topic_page_ask_no_more_questions_at_ten_times_the_content():
    client = Client()
    topic = TopicFactory()
    grow_like_the_site(1, topic)
    paths = ["/", "/articles/", "/faq/", topic.get_absolute_url()]
    small = measure(paths, client)
    assert "<details" in client.get("/faq/").content.decode()  # one page while small

    grow_like_the_site(9, topic)
    assert Article.objects.count() > 10 * 14 and FAQ.objects.count() > 10 * 30
    large = measure(paths, client)
    assert 'href="/topics/' in client.get("/faq/").content.decode()
    assert "<details" not in client.get("/faq/").content.decode()  # an index past its budget
    grown = {path: (small[path], large[path]) for path in paths if large[path] > small[path]}
    assert not grown, f"queries at the real size and at ten times it: {grown}"
