"""What search engines and link previews read: robots.txt, sitemap.xml, canonical and meta tags."""

import re
from xml.etree import ElementTree

import pytest

from articles.models import Article, Page

pytestmark = pytest.mark.usefixtures("site_content")

SITEMAP_NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}


@pytest.fixture(autouse=True)
def public_address(settings):
    settings.SITE_URL = "https://b12.example.org"


def parse(xml):
    return ElementTree.fromstring(xml)  # noqa: S314 (the site's own sitemap, in a test)


def sitemap_urls(client):
    response = client.get("/sitemap.xml", headers={"host": "localhost"})
    assert response.status_code == 200
    tree = parse(response.content)
    return {loc.text for loc in tree.findall("sm:url/sm:loc", SITEMAP_NS)}


def test_robots_txt_keeps_crawlers_out_of_the_kiosk_and_admin_and_lists_the_sitemap(client):
    response = client.get("/robots.txt")
    lines = response.content.decode().splitlines()
    assert response.status_code == 200
    assert response.headers["Content-Type"].startswith("text/plain")
    assert lines[0] == "User-agent: *"
    assert "Disallow: /kiosk/" in lines and "Disallow: /admin/" in lines
    assert "Disallow: /search/" in lines and "Disallow: /es/search/" in lines
    assert "Sitemap: https://b12.example.org/sitemap.xml" in lines
    assert "Disallow: /" not in lines  # the public pages stay open


def test_the_sitemap_lists_every_public_page_at_the_public_address(client):
    urls = sitemap_urls(client)
    expected = {
        "https://b12.example.org/",
        "https://b12.example.org/articles/",
        "https://b12.example.org/faq/",
    }
    expected |= {f"https://b12.example.org{a.get_absolute_url()}" for a in Article.objects.published()}
    expected |= {f"https://b12.example.org{p.get_absolute_url()}" for p in Page.objects.all()}
    assert expected <= urls
    assert all(url.startswith("https://b12.example.org/") for url in urls)


def test_the_sitemap_leaves_out_unpublished_articles(client):
    Article.objects.filter(slug="low-b12-and-cancer").update(status="draft")
    assert "https://b12.example.org/articles/low-b12-and-cancer/" not in sitemap_urls(client)


def test_the_sitemap_gives_each_article_its_last_change(client):
    tree = parse(client.get("/sitemap.xml").content)
    for url in tree.findall("sm:url", SITEMAP_NS):
        loc = url.find("sm:loc", SITEMAP_NS).text
        if "/articles/low-b12-and-cancer/" in loc:
            lastmod = url.find("sm:lastmod", SITEMAP_NS).text
            assert lastmod == Article.objects.get(slug="low-b12-and-cancer").updated.isoformat()
            return
    pytest.fail("the article is not in the sitemap")


def test_an_article_has_a_canonical_address_description_and_open_graph_tags(client):
    article = Article.objects.get(slug="low-b12-and-cancer")
    html = client.get(article.get_absolute_url(), headers={"host": "localhost"}).content.decode()
    url = "https://b12.example.org/articles/low-b12-and-cancer/"
    assert f'<link rel="canonical" href="{url}">' in html
    assert f'<meta name="description" content="{article.summary}">' in html
    assert f'<meta property="og:url" content="{url}">' in html
    assert f'<meta property="og:title" content="{article.title}">' in html
    assert f'<meta property="og:description" content="{article.summary}">' in html
    assert '<meta property="og:type" content="article">' in html


@pytest.mark.parametrize("url", ["/", "/articles/", "/faq/", "/about/", "/glossary/"])
def test_every_public_page_has_one_canonical_and_a_description(client, url):
    html = client.get(url).content.decode()
    assert html.count('rel="canonical"') == 1
    assert f'href="https://b12.example.org{url}"' in html
    description = re.search(r'<meta name="description" content="([^"]+)">', html)
    assert description and len(description.group(1)) > 30


def test_search_results_ask_not_to_be_indexed(client):
    assert 'name="robots" content="noindex"' in client.get("/search/", {"q": "b12"}).content.decode()


@pytest.fixture
def small_sitemap_files(monkeypatch):
    """Files of at most 5 addresses, so today's content needs a sitemap index."""
    from seo import sitemaps, views

    monkeypatch.setattr(views, "ADDRESSES_IN_ONE_FILE", 5)
    monkeypatch.setattr(sitemaps.SiteSitemap, "limit", 5)


def test_past_one_file_the_sitemap_is_an_index_of_files_that_list_every_address(client, small_sitemap_files):
    response = client.get("/sitemap.xml", headers={"host": "localhost"})
    tree = parse(response.content)
    assert tree.tag == "{http://www.sitemaps.org/schemas/sitemap/0.9}sitemapindex"
    files = [loc.text for loc in tree.findall("sm:sitemap/sm:loc", SITEMAP_NS)]
    assert files and all(url.startswith("https://b12.example.org/sitemap-") for url in files)
    listed = []
    for url in files:
        part = client.get(url.removeprefix("https://b12.example.org"), headers={"host": "localhost"})
        assert part.status_code == 200
        urls = [loc.text for loc in parse(part.content).findall("sm:url/sm:loc", SITEMAP_NS)]
        assert 0 < len(urls) <= 5
        listed += urls
    assert len(listed) == len(set(listed))
    assert {f"https://b12.example.org{a.get_absolute_url()}" for a in Article.objects.published()} <= set(
        listed
    )
    assert "https://b12.example.org/faq/" in listed


def test_a_sitemap_file_that_does_not_exist_is_not_found(client, small_sitemap_files):
    assert client.get("/sitemap-nothing.xml").status_code == 404
    assert client.get("/sitemap-articles.xml?p=999").status_code == 404
