"""sitemap.xml: every public page in every language, with absolute addresses on SITE_URL (never the
request's host). A translated article or page is listed at its own address (/es/...)."""

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.db.models import Max, Q
from django.urls import NoReverseMatch, reverse
from django.utils import timezone, translation

from articles.models import FAQ, Article, Page, Status, Topic
from common import languages


class SiteSitemap(Sitemap):
    def get_protocol(self, protocol=None):
        return urlsplit(settings.SITE_URL).scheme

    def get_domain(self, site=None):
        return urlsplit(settings.SITE_URL).netloc


class ArticleSitemap(SiteSitemap):
    def items(self):
        return Article.objects.published().order_by("language", "slug")

    def lastmod(self, article):
        return article.updated


class PageSitemap(SiteSitemap):
    def items(self):
        return Page.objects.published().order_by("language", "slug")

    def lastmod(self, page):
        return page.updated


class TopicSitemap(SiteSitemap):
    """Each topic's page, in every language, when it has something published to show."""

    def items(self):
        published_articles = Q(articles__status=Status.PUBLISHED)
        published_questions = Q(faqs__status=Status.PUBLISHED)
        topics = Topic.objects.annotate(
            latest_article=Max("articles__updated", filter=published_articles),
            latest_question=Max("faqs__modified_at", filter=published_questions),
        )
        return topics.filter(Q(latest_article__isnull=False) | Q(latest_question__isnull=False)).order_by(
            "language", "slug"
        )

    def lastmod(self, topic):
        # Dates throughout, as for articles.
        question = timezone.localdate(topic.latest_question) if topic.latest_question else None
        return max(filter(None, [topic.latest_article, question]))


class SectionSitemap(SiteSitemap):
    """Home, the article list, the questions, the self-check and the result explainer, in every language."""

    def items(self):
        return [(name, code) for code in languages.codes() for name in SECTIONS if _routed(name)]

    def location(self, item):
        name, code = item
        with translation.override(languages.django_code(code)):
            return reverse(name)

    def lastmod(self, item):
        name, code = item
        if name == "articles:faq":
            latest = FAQ.objects.published().in_language(code).aggregate(latest=Max("modified_at"))["latest"]
            return timezone.localdate(latest) if latest else None  # dates throughout, as for articles
        if name in ("articles:home", "articles:list"):
            return Article.objects.published().in_language(code).aggregate(latest=Max("updated"))["latest"]
        return None


SECTIONS = ["articles:home", "articles:list", "articles:faq", "selfcheck:start", "explainer:start"]


def _routed(name):
    try:
        reverse(name)
    except NoReverseMatch:  # a section not mounted in this configuration
        return False
    return True


SITEMAPS = {
    "sections": SectionSitemap,
    "topics": TopicSitemap,
    "articles": ArticleSitemap,
    "pages": PageSitemap,
}
