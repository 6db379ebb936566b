"""The public content pages."""

import pytest

from articles.models import FAQ, Article, Topic

pytestmark = pytest.mark.usefixtures("site_content")


def test_the_home_page_answers_the_question_and_links_every_topic(client):
    response = client.get("/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Is vitamin B12 linked to cancer?" in html
    for topic in Topic.objects.all():
        articles = list(Article.objects.published().filter(topic=topic))
        assert f'<a href="{topic.get_absolute_url()}">{topic.title}</a>' in html
        for article in articles[:3]:
            assert article.get_absolute_url() in html
        for article in articles[3:]:
            assert article.get_absolute_url() not in html
        if len(articles) > 3:
            assert f"All {len(articles)} articles about {topic.title}</a>" in html


def test_the_article_list_groups_articles_by_topic(client):
    html = client.get("/articles/").content.decode()
    for article in Article.objects.published().select_related("topic"):
        assert article.title in html
        assert f'id="{article.topic.slug}"' in html


def test_an_article_page_has_contents_sources_review_line_and_related_pages(client):
    article = Article.objects.get(slug="low-b12-and-cancer")
    html = client.get(article.get_absolute_url()).content.decode()
    assert f"<h1>{article.title}</h1>" in html
    assert "On this page" in html
    assert "Sources" in html and article.sources()[0].citation in html
    assert "Page last updated" in html
    assert "not yet been signed off by a clinical reviewer" in html
    for other in article.related_articles():
        assert other.get_absolute_url() in html


def test_a_real_review_is_shown_with_its_dates(client):
    article = Article.objects.get(slug="low-b12-and-cancer")
    article.last_reviewed, article.next_review_due, article.reviewed_by = (
        "2026-11-01",
        "2027-11-01",
        "Dr A Reviewer",
    )
    article.save()
    html = client.get(article.get_absolute_url()).content.decode()
    assert "Last reviewed: <time" in html and "1 November 2026</time> by Dr A Reviewer" in html
    assert "Next review due:" in html


def test_an_article_shows_each_source_in_full_with_its_address(client):
    article = Article.objects.get(slug="b12-and-folate")
    html = client.get(article.get_absolute_url()).content.decode()
    sources = html.split('<section class="references"', 1)[1].split("</section>", 1)[0]
    for ref in article.sources():
        assert ref.citation in sources and f'href="{ref.url}"' in sources
    devalia = next(ref for ref in article.sources() if ref.id == "devalia-2014")
    assert f"Note: {devalia.note}" in sources


def test_a_page_shows_what_its_emergency_box_rests_on(client):
    html = client.get("/articles/high-b12-levels/").content.decode()
    assert "The emergency box on this page is based on:" in html
    assert "Getting a fever or developing an infection?" in html


def test_each_question_lists_its_own_sources(client):
    html = client.get("/faq/").content.decode()
    faq = FAQ.objects.get(slug="why-am-i-having-b12-injections-with-pemetrexed")
    answer = html.split(f'id="{faq.slug}"', 1)[1].split("</details>", 1)[0]
    assert f'id="sources-{faq.slug}"' in answer
    assert faq.sources()[0].citation in answer


def test_the_emergency_box_shows_the_emergency_number_of_the_moment_without_a_resync(client, settings):
    settings.EMERGENCY_NUMBER = "112"
    html = client.get("/articles/your-b12-result/").content.decode()
    box = html.split('id="emergency-box"', 1)[1].split("</div>", 1)[0]
    assert 'href="tel:112">112</a> now for any of these' in box
    assert "call 112" in box and "999" not in box


def test_every_faq_has_its_own_anchor(client):
    html = client.get("/faq/").content.decode()
    for faq in FAQ.objects.published():
        assert f'<details class="faq" id="{faq.slug}">' in html


@pytest.mark.parametrize("status", ["draft", "archived"])
def test_an_unpublished_article_is_not_shown(client, status):
    Article.objects.filter(slug="low-b12-and-cancer").update(status=status)
    assert client.get("/articles/low-b12-and-cancer/").status_code == 404
    assert "/articles/low-b12-and-cancer/" not in client.get("/articles/").content.decode()


@pytest.mark.parametrize(
    "url", ["/articles/no-such-article/", "/no-such-page/", "/articles/%00/", "/articles/a/b/c/", "/%ff/"]
)
def test_an_unknown_address_gets_the_site_404_page(client, url):
    response = client.get(url)
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


def test_a_crashing_view_gets_the_calm_500_page_without_a_traceback(client, settings):
    settings.ROOT_URLCONF = "tests.articles.broken_urls"
    client.raise_request_exception = False
    response = client.get("/broken/")
    html = response.content.decode()
    assert response.status_code == 500
    assert "Sorry, something went wrong" in html
    assert "database exploded" not in html and "Traceback" not in html


def test_the_500_handler_renders_the_calm_page(rf):
    from config.views import server_error

    response = server_error(rf.get("/"))
    html = response.content.decode()
    assert response.status_code == 500
    assert "Sorry, something went wrong" in html and "In an emergency, call" in html
    assert "Traceback" not in html


def test_pages_carry_no_inline_script_or_style(client):
    for url in ["/", "/articles/", "/articles/low-b12-and-cancer/", "/faq/", "/nope/"]:
        html = client.get(url).content.decode()
        assert "<script>" not in html and "style=" not in html and "<style" not in html


def test_responses_carry_a_strict_content_security_policy(client):
    csp = client.get("/").headers["Content-Security-Policy"]
    assert "default-src 'self'" in csp and "unsafe-inline" not in csp and "object-src 'none'" in csp


NEW_ARTICLES = {
    "your-b12-result": "borderline",
    "b12-and-cancer-treatment": "pemetrexed",
    "pregnancy-breastfeeding-and-babies": "breastfeeding",
    "after-stomach-or-bowel-surgery": "gastrectomy",
}


@pytest.mark.parametrize(("slug", "word"), NEW_ARTICLES.items())
def test_each_new_article_is_on_its_topic_page_in_search_the_sitemap_and_the_kiosk(client, slug, word):
    url = f"/articles/{slug}/"
    assert client.get(url).status_code == 200
    topic = Article.objects.get(slug=slug).topic
    assert url in client.get(topic.get_absolute_url()).content.decode()
    assert url in client.get("/search/", {"q": word}).content.decode()
    assert url in client.get("/sitemap.xml").content.decode()
    assert f"/kiosk{url}" in client.get("/kiosk/articles/").content.decode()
    assert client.get(f"/kiosk{url}").status_code == 200
