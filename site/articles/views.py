"""Public content pages. Markdown was rendered when the content was saved; views only look up.

Every page here is served through `cached_page` (see pagecache.middleware for how a publish
reaches every app instance at once).

The same views serve the kiosk: config/urls.py mounts this URLconf again under /kiosk/ with
the kiosk's base template and `kiosk=True`, as it does the self-check. The templates extend
`base_template` and branch on `kiosk` for what differs there: no breadcrumbs or feedback
form, and links styled as large buttons. Links are reversed in the namespace the request came
in on, so a kiosk page links to kiosk pages.

/faq/ and /articles/ list everything on one page while it fits their budget (articles.lists);
past it each becomes an index of topics, and each topic's page holds its answers and summaries.
"""

from django.http import Http404
from django.shortcuts import render

from common import languages
from pagecache.decorators import cached_page

from . import lists
from .models import FAQ, Article, Page, mark_behind
from .queries import listed_articles, public_topic, topics_with


def _render(request, template, base_template, kiosk, **context):
    return render(request, template, {**context, "base_template": base_template, "kiosk": kiosk})


def _in_language_or_original(queryset, slug):
    """The page in the language being served; failing that the original, with `untranslated` set.

    An address in another language always works: with no translation yet, it shows the English
    page with a note, rather than a dead end.
    """
    found = queryset.in_language().filter(slug=slug).first()
    if found is None and languages.current() != languages.DEFAULT:
        found = queryset.in_language(languages.DEFAULT).filter(slug=slug).first()
        if found is not None:
            found.untranslated = True
    if found is None:
        raise Http404
    mark_behind([found])
    return found


@cached_page
def home(request, base_template="base.html", kiosk=False):
    topics = lists.first_articles(topics_with("articles", listed_articles()))
    return _render(request, "articles/home.html", base_template, kiosk, topics=topics)


@cached_page
def article_list(request, base_template="base.html", kiosk=False):
    topics = topics_with("articles", listed_articles())
    index = sum(len(topic.items) for topic in topics) > lists.ARTICLES_ON_ONE_PAGE
    return _render(request, "articles/article_list.html", base_template, kiosk, topics=topics, index=index)


@cached_page
def article_detail(request, slug, base_template="base.html", kiosk=False):
    article = _in_language_or_original(Article.objects.published().select_related("topic"), slug)
    return _render(request, "articles/article_detail.html", base_template, kiosk, article=article)


@cached_page
def faq_list(request, base_template="base.html", kiosk=False):
    questions = FAQ.objects.public()
    # Counted first: an index shows no answer, so it leaves them in the database.
    index = questions.count() > lists.FAQS_ON_ONE_PAGE
    topics = topics_with("faqs", questions.defer("answer", "answer_html") if index else questions)
    if not index:
        mark_behind([faq for topic in topics for faq in topic.items])
    return _render(request, "articles/faq_list.html", base_template, kiosk, topics=topics, index=index)


@cached_page
def topic_detail(request, slug, base_template="base.html", kiosk=False):
    topic = public_topic(slug)
    if topic is None:
        raise Http404
    mark_behind(topic.public_questions)
    return _render(request, "articles/topic_detail.html", base_template, kiosk, topic=topic)


@cached_page
def page_detail(request, slug, base_template="base.html", kiosk=False):
    page = _in_language_or_original(Page.objects.published(), slug)
    return _render(request, "articles/page_detail.html", base_template, kiosk, page=page)
