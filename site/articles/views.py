"""Public content pages. Markdown was rendered when the content was saved; views only look up.

Every page here is served through `cached_page`: see pagecache.decorators for how a publish
reaches every app instance at once.
"""

from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, render

from pagecache.decorators import cached_page

from .models import FAQ, Article, Page, Topic


def topics_with(related_name, queryset):
    """Topics that have at least one published item, each with those items prefetched."""
    topics = Topic.objects.prefetch_related(Prefetch(related_name, queryset=queryset, to_attr="items"))
    return [topic for topic in topics if topic.items]


@cached_page
def home(request):
    topics = topics_with("articles", Article.objects.published())
    return render(request, "articles/home.html", {"topics": topics})


@cached_page
def article_list(request):
    topics = topics_with("articles", Article.objects.published())
    return render(request, "articles/article_list.html", {"topics": topics})


@cached_page
def article_detail(request, slug):
    article = get_object_or_404(Article.objects.published().select_related("topic"), slug=slug)
    return render(request, "articles/article_detail.html", {"article": article})


@cached_page
def faq_list(request):
    topics = topics_with("faqs", FAQ.objects.published())
    return render(request, "articles/faq_list.html", {"topics": topics})


@cached_page
def page_detail(request, slug):
    page = get_object_or_404(Page.objects.published(), slug=slug)
    return render(request, "articles/page_detail.html", {"page": page})
