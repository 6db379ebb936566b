"""Public content pages. Markdown was rendered when the content was saved; views only look up.

Every page here is served through `cached_page` (see pagecache.middleware for how a publish
reaches every app instance at once).

The same views serve the kiosk: config/urls.py mounts this URLconf again under /kiosk/ with
the kiosk's base template and `kiosk=True`, as it does the self-check. The templates extend
`base_template` and branch on `kiosk` for what differs there: no breadcrumbs or feedback
form, and links styled as large buttons. Links are reversed in the namespace the request came
in on, so a kiosk page links to kiosk pages.
"""

from django.shortcuts import get_object_or_404, render

from pagecache.decorators import cached_page

from .models import FAQ, Article, Page
from .queries import topics_with


def _render(request, template, base_template, kiosk, **context):
    return render(request, template, {**context, "base_template": base_template, "kiosk": kiosk})


def _articles_by_topic(request, template, base_template, kiosk):
    topics = topics_with("articles", Article.objects.published())
    return _render(request, template, base_template, kiosk, topics=topics)


@cached_page
def home(request, base_template="base.html", kiosk=False):
    return _articles_by_topic(request, "articles/home.html", base_template, kiosk)


@cached_page
def article_list(request, base_template="base.html", kiosk=False):
    return _articles_by_topic(request, "articles/article_list.html", base_template, kiosk)


@cached_page
def article_detail(request, slug, base_template="base.html", kiosk=False):
    article = get_object_or_404(Article.objects.published().select_related("topic"), slug=slug)
    return _render(request, "articles/article_detail.html", base_template, kiosk, article=article)


@cached_page
def faq_list(request, base_template="base.html", kiosk=False):
    topics = topics_with("faqs", FAQ.objects.published())
    return _render(request, "articles/faq_list.html", base_template, kiosk, topics=topics)


@cached_page
def page_detail(request, slug, base_template="base.html", kiosk=False):
    page = get_object_or_404(Page.objects.published(), slug=slug)
    return _render(request, "articles/page_detail.html", base_template, kiosk, page=page)
