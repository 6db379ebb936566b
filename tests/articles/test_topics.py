"""Topic pages (/topics/<slug>/), and /faq/ and /articles/ as indexes once past their budget."""

import json
import re

import pytest

from articles import lists
from articles.models import FAQ, Article, Status, Topic
from tests.seo.schema import problems

TOPIC = "low-b12"
LD_JSON = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)


def html(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def public(model, topic):
    return list(model.objects.published().filter(topic=topic))


def links(page):
    return set(re.findall(r'href="(/[^"#]*)', page))


@pytest.fixture
def faqs_over_budget(monkeypatch):
    monkeypatch.setattr(lists, "FAQS_ON_ONE_PAGE", 5)


@pytest.fixture
def articles_over_budget(monkeypatch):
    monkeypatch.setattr(lists, "ARTICLES_ON_ONE_PAGE", 5)


@pytest.mark.usefixtures("site_content")
class TestTheTopicPage:
    def test_it_shows_the_topics_articles_with_summaries_and_questions_with_answers(self, client):
        topic = Topic.objects.get(language="en", slug=TOPIC)
        page = html(client, f"/topics/{TOPIC}/")
        assert f"<h1>{topic.title}</h1>" in page
        for article in public(Article, topic):
            assert f'href="{article.get_absolute_url()}">{article.title}</a>' in page
            assert article.summary in page
        for faq in public(FAQ, topic):
            assert f'<details class="faq" id="{faq.slug}">' in page
            assert faq.answer_html in page
        other = Article.objects.exclude(topic=topic).first()
        assert other.get_absolute_url() not in page

    def test_it_has_breadcrumbs_home_then_the_topic(self, client):
        page = html(client, f"/topics/{TOPIC}/")
        crumbs = page.split('<nav class="breadcrumbs"', 1)[1].split("</nav>", 1)[0]
        assert re.findall(r'href="([^"]*)"', crumbs) == ["/", f"/topics/{TOPIC}/"]
        assert 'aria-current="page"' in crumbs

    def test_it_is_a_valid_faq_page_of_its_own_questions(self, client, settings):
        settings.SITE_URL = "https://b12.example.org"
        (block,) = LD_JSON.findall(html(client, f"/topics/{TOPIC}/"))
        data = json.loads(block)
        assert problems(data, "FAQPage") == []
        assert data["url"] == f"https://b12.example.org/topics/{TOPIC}/"
        faqs = public(FAQ, Topic.objects.get(language="en", slug=TOPIC))
        assert [q["name"] for q in data["mainEntity"]] == [faq.question for faq in faqs]
        assert data["mainEntity"][0]["url"] == f"https://b12.example.org/topics/{TOPIC}/#{faqs[0].slug}"

    def test_it_leaves_out_what_is_not_published(self, client):
        article = Article.objects.filter(topic__slug=TOPIC).first()
        faq = FAQ.objects.filter(topic__slug=TOPIC).first()
        Article.objects.filter(pk=article.pk).update(status=Status.DRAFT)
        FAQ.objects.filter(pk=faq.pk).update(status=Status.ARCHIVED)
        page = html(client, f"/topics/{TOPIC}/")
        assert f'href="{article.get_absolute_url()}">{article.title}</a>' not in page
        assert f'id="{faq.slug}"' not in page

    @pytest.mark.parametrize("slug", ["no-such-topic", "Low-B12", "low_b12"])
    def test_an_unknown_topic_is_not_found(self, client, slug):
        assert client.get(f"/topics/{slug}/").status_code == 404

    def test_a_topic_with_questions_only_has_its_page(self, client):
        Article.objects.filter(topic__slug=TOPIC).update(status=Status.DRAFT)
        page = html(client, f"/topics/{TOPIC}/")
        assert '<details class="faq"' in page and 'id="topic-articles-title"' not in page

    def test_a_topic_with_nothing_published_is_not_found(self, client):
        Article.objects.filter(topic__slug=TOPIC).update(status=Status.DRAFT)
        FAQ.objects.filter(topic__slug=TOPIC).update(status=Status.DRAFT)
        assert client.get(f"/topics/{TOPIC}/").status_code == 404

    def test_on_the_kiosk_every_link_stays_on_the_kiosk(self, client):
        page = html(client, f"/kiosk/topics/{TOPIC}/")
        assert 'class="breadcrumbs"' not in page and 'class="feedback"' not in page
        assert "Touch a question to open its answer." in page
        pages = {link for link in links(page) if not link.startswith("/static/")}
        assert pages and all(link.startswith("/kiosk/") for link in pages), pages - {
            link for link in pages if link.startswith("/kiosk/")
        }
        assert f"/kiosk/articles/{public(Article, Topic.objects.get(slug=TOPIC))[0].slug}/" in pages

    def test_the_home_page_the_kiosk_the_search_and_an_article_link_to_topic_pages(self, client):
        assert f'href="/topics/{TOPIC}/"' in html(client, "/")
        assert f'href="/kiosk/topics/{TOPIC}/"' in html(client, "/kiosk/")
        assert f'href="/topics/{TOPIC}/"' in html(client, "/search/?q=zzxqv")
        article = Article.objects.filter(topic__slug=TOPIC).first()
        assert f'href="/topics/{TOPIC}/"' in html(client, article.get_absolute_url())
        for url in ["/", "/kiosk/", "/search/?q=zzxqv", article.get_absolute_url()]:
            assert "/articles/#" not in html(client, url), url

    def test_the_home_page_shows_three_articles_a_topic_and_links_the_rest(self, client):
        topic = Topic.objects.get(language="en", slug="b12-and-cancer")
        articles = public(Article, topic)
        assert len(articles) > 3
        page = html(client, "/")
        assert [a.get_absolute_url() in page for a in articles] == [True] * 3 + [False] * (len(articles) - 3)
        assert f'<a href="/topics/{topic.slug}/">All {len(articles)} articles about {topic.title}</a>' in page

    def test_the_sitemap_lists_every_topic_page_with_something_published(self, client, settings):
        settings.SITE_URL = "https://b12.example.org"
        Article.objects.filter(topic__slug="high-b12").update(status=Status.DRAFT)
        FAQ.objects.filter(topic__slug="high-b12").update(status=Status.DRAFT)
        sitemap = html(client, "/sitemap.xml")
        for topic in Topic.objects.exclude(slug="high-b12"):
            assert f"<loc>https://b12.example.org/topics/{topic.slug}/</loc>" in sitemap
        assert "/topics/high-b12/" not in sitemap


@pytest.mark.usefixtures("site_content")
class TestTheListsWithinTheirBudget:
    def test_each_topic_heading_on_the_questions_links_its_page(self, client):
        page = html(client, "/faq/")
        for topic in Topic.objects.all():
            assert f'<h2 id="faq-{topic.slug}"><a href="/topics/{topic.slug}/">{topic.title}</a></h2>' in page
        assert "FAQPage" in page

    def test_each_topic_heading_on_the_article_list_links_its_page(self, client):
        page = html(client, "/articles/")
        for topic in Topic.objects.all():
            assert f'<h2 id="{topic.slug}"><a href="/topics/{topic.slug}/">{topic.title}</a></h2>' in page
        assert Article.objects.published().first().summary in page


@pytest.mark.usefixtures("site_content")
class TestTheListsPastTheirBudget:
    def test_the_questions_become_an_index_of_links_to_each_answer(self, client, faqs_over_budget):
        page = html(client, "/faq/")
        for faq in FAQ.objects.published().select_related("topic"):
            assert f'<li id="{faq.slug}">' in page
            assert f'href="/topics/{faq.topic.slug}/#{faq.slug}">{faq.question}</a>' in page
            assert faq.answer_html not in page
        assert "<details" not in page and "FAQPage" not in page and "faq.js" not in page
        for topic in Topic.objects.all():
            assert f'<h2 id="faq-{topic.slug}"><a href="/topics/{topic.slug}/">' in page

    def test_the_questions_stay_whole_at_the_budget(self, client, monkeypatch):
        monkeypatch.setattr(lists, "FAQS_ON_ONE_PAGE", FAQ.objects.published().count())
        assert "<details" in html(client, "/faq/")

    def test_the_article_list_becomes_an_index_of_titles(self, client, articles_over_budget):
        page = html(client, "/articles/")
        for article in Article.objects.published().select_related("topic"):
            assert f'href="{article.get_absolute_url()}">{article.title}</a>' in page
            assert article.summary not in page
            assert f'<h2 id="{article.topic.slug}"><a href="/topics/{article.topic.slug}/">' in page

    def test_the_kiosks_index_keeps_its_links_on_the_kiosk(self, client, faqs_over_budget):
        page = html(client, "/kiosk/faq/")
        faq = FAQ.objects.published().select_related("topic").first()
        assert f'href="/kiosk/topics/{faq.topic.slug}/#{faq.slug}"' in page
        assert all(link.startswith(("/kiosk/", "/static/")) for link in links(page))


@pytest.mark.usefixtures("every_language")
class TestTopicPagesInSpanish:
    def test_a_spanish_topic_page_shows_the_spanish_items_with_spanish_links(self, client):
        topic = Topic.objects.get(language="es", slug=TOPIC)
        page = html(client, f"/es/topics/{TOPIC}/")
        assert '<html lang="es">' in page and f"<h1>{topic.title}</h1>" in page
        for article in public(Article, topic):
            assert f'href="/es/articles/{article.slug}/">{article.title}</a>' in page
        for faq in public(FAQ, topic):
            assert f'<details class="faq" id="{faq.slug}">' in page and faq.question in page
        english = Topic.objects.get(language="en", slug=TOPIC)
        assert english.title not in page

    def test_the_spanish_kiosk_topic_page_stays_on_the_spanish_kiosk(self, client):
        page = html(client, f"/kiosk/es/topics/{TOPIC}/")
        pages = {link for link in links(page) if not link.startswith("/static/")}
        assert pages - {"/kiosk/", "/kiosk/es/reset/"}
        assert all(link.startswith("/kiosk/es/") for link in pages - {"/kiosk/", f"/kiosk/topics/{TOPIC}/"})

    def test_the_sitemap_lists_the_topic_pages_in_both_languages(self, client):
        sitemap = html(client, "/sitemap.xml")
        assert f"/topics/{TOPIC}/</loc>" in sitemap and f"/es/topics/{TOPIC}/</loc>" in sitemap

    def test_the_budget_counts_each_language_on_its_own(self, client, monkeypatch):
        monkeypatch.setattr(lists, "FAQS_ON_ONE_PAGE", FAQ.objects.published().filter(language="en").count())
        assert "<details" in html(client, "/faq/") and "<details" in html(client, "/es/faq/")
