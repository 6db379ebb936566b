"""Public pages come from the cache, answer conditional requests, and change on publish."""

import gzip

import pytest
from django.core.cache.backends.locmem import LocMemCache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles.models import FAQ, Article
from articles.sync import sync_content
from pagecache.middleware import LocalPages
from pagecache.models import ContentVersion
from tests.factories import ArticleFactory, FAQFactory, PageFactory

pytestmark = pytest.mark.usefixtures("content")

SLUG = "an-article"
TITLE = "An article about B12"
ARTICLE = f"/articles/{SLUG}/"
CACHED_URLS = ["/", "/articles/", ARTICLE, "/faq/", "/a-page/"]


@pytest.fixture
def content(db):
    """What the cached pages show, made for these tests: the curated wording may change freely."""
    article = ArticleFactory(slug=SLUG, title=TITLE)
    ArticleFactory(topic=article.topic)
    FAQFactory(topic=article.topic)
    PageFactory(slug="a-page")


@pytest.fixture
def renders(monkeypatch):
    """Counts template renders of the public pages."""
    count = {"n": 0}
    import articles.views

    real = articles.views.render

    def counting(*args, **kwargs):
        count["n"] += 1
        return real(*args, **kwargs)

    monkeypatch.setattr(articles.views, "render", counting)
    return count


def queries_for(client, url, **headers):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, headers=headers)
    return response, len(captured.captured_queries)


@pytest.mark.parametrize("url", CACHED_URLS)
def test_it_serves_a_repeat_visit_from_the_cache_with_one_query(client, url, renders):
    first = client.get(url)
    second, queries = queries_for(client, url)
    assert first.status_code == second.status_code == 200
    assert second.content == first.content
    assert renders["n"] == 1
    assert queries == 1  # the content version, nothing else


@pytest.mark.parametrize("url", CACHED_URLS)
def test_it_answers_304_without_rendering_when_the_etag_still_matches(client, url, renders):
    etag = client.get(url).headers["ETag"]
    response, queries = queries_for(client, url, if_none_match=etag)
    assert response.status_code == 304
    assert response.content == b""
    assert renders["n"] == 1
    assert queries == 1


def test_it_answers_304_to_if_modified_since(client, renders):
    last_modified = client.get(ARTICLE).headers["Last-Modified"]
    response = client.get(ARTICLE, headers={"if_modified_since": last_modified})
    assert response.status_code == 304
    assert renders["n"] == 1


@pytest.mark.parametrize("visit", ["first", "repeat"])
def test_browsers_check_back_every_time_and_a_shared_cache_after_a_minute(client, visit):
    response = client.get(ARTICLE)
    if visit == "repeat":
        response = client.get(ARTICLE)
    assert response.headers["Cache-Control"] == "public, max-age=0, s-maxage=60, must-revalidate"
    assert response.headers["ETag"]
    assert response.headers["Vary"] == "Accept-Encoding"


def test_without_a_shared_cache_interval_everyone_checks_back_every_time(client, settings):
    settings.SHARED_CACHE_SECONDS = 0
    assert client.get(ARTICLE).headers["Cache-Control"] == "no-cache"


def test_an_editors_view_of_a_public_page_is_kept_by_no_shared_cache(admin_client):
    response = admin_client.get(ARTICLE)
    assert response.status_code == 200
    assert "private" in response.headers["Cache-Control"]
    assert "public" not in response.headers["Cache-Control"]
    assert "s-maxage" not in response.headers["Cache-Control"]


@pytest.mark.parametrize(
    "url", ["/my-result/", "/feedback/article/an-article/", "/no-such-page/", "/admin/login/"]
)
def test_pages_for_one_visitor_or_errors_are_never_shared(client, url):
    response = client.get(url)
    cache_control = response.headers.get("Cache-Control", "")
    assert "private" in cache_control or "no-store" in cache_control, (url, cache_control)
    assert "public" not in cache_control and "s-maxage" not in cache_control


@pytest.mark.parametrize("visit", ["first", "repeat"])
def test_a_kiosk_page_is_kept_by_no_one(client, visit):
    response = client.get(f"/kiosk{ARTICLE}")
    if visit == "repeat":
        response = client.get(f"/kiosk{ARTICLE}")
    assert response.status_code == 200
    cache_control = response.headers["Cache-Control"]
    assert "no-store" in cache_control and "private" in cache_control
    assert "public" not in cache_control and "s-maxage" not in cache_control


def test_a_publish_changes_the_page_and_its_etag_at_once(client):
    before = client.get(ARTICLE)
    article = Article.objects.get(slug=SLUG)
    article.title = "A new title for this page"
    article.save()
    after = client.get(ARTICLE, headers={"if_none_match": before.headers["ETag"]})
    assert after.status_code == 200
    assert after.headers["ETag"] != before.headers["ETag"]
    assert "A new title for this page" in after.content.decode()


def test_unpublishing_an_article_removes_it_from_the_cached_list(client):
    assert ARTICLE in client.get("/articles/").content.decode()
    article = Article.objects.get(slug=SLUG)
    article.status = "in_review"
    article.save()
    assert ARTICLE not in client.get("/articles/").content.decode()
    assert client.get(ARTICLE).status_code == 404


def test_a_change_to_a_question_reaches_the_cached_faq_page(client):
    client.get("/faq/")
    faq = FAQ.objects.published().first()
    faq.question = "A freshly edited question?"
    faq.save()
    assert "A freshly edited question?" in client.get("/faq/").content.decode()


@pytest.mark.usefixtures("site_content")
def test_archiving_through_the_sync_reaches_the_cached_pages(client, content_copy):
    assert "/articles/low-b12-and-cancer/" in client.get("/articles/").content.decode()
    (content_copy / "articles" / "low-b12-and-cancer.md").unlink()
    for path in (content_copy / "articles").glob("*.md"):
        text = path.read_text().replace("low-b12-and-cancer, ", "").replace(", low-b12-and-cancer", "")
        path.write_text(text.replace("[low-b12-and-cancer]", "[]"))
    sync_content(content_copy)
    assert Article.objects.get(slug="low-b12-and-cancer").status == "archived"
    assert "/articles/low-b12-and-cancer/" not in client.get("/articles/").content.decode()


def test_a_publish_through_one_instance_shows_on_another_with_its_own_memory_cache(client, monkeypatch):
    # Given two app instances, each with its own in-process cache, both holding the page
    instance_a = (LocMemCache("instance-a", {}), LocalPages())
    instance_b = (LocMemCache("instance-b", {}), LocalPages())

    def serve_from(instance):
        monkeypatch.setattr("pagecache.middleware.cache", instance[0])
        monkeypatch.setattr("pagecache.middleware._local", instance[1])

    for instance in (instance_a, instance_b):
        serve_from(instance)
        assert TITLE in client.get(ARTICLE).content.decode()
    # When an editor publishes a change through instance A
    serve_from(instance_a)
    article = Article.objects.get(slug=SLUG)
    article.title = "Published through instance A"
    article.save()
    # Then instance B's very next request shows it, though nothing was removed from B's caches
    serve_from(instance_b)
    assert "Published through instance A" in client.get(ARTICLE).content.decode()


def test_the_version_time_is_the_stored_moment_in_utc_whatever_the_database():
    stored = ContentVersion.objects.get(pk=1).changed_at
    version, changed_at = ContentVersion.current()
    assert changed_at.utcoffset() is not None
    assert changed_at == stored


def test_every_save_and_delete_of_public_content_moves_the_version_on():
    version = ContentVersion.current()[0]
    faq = FAQ.objects.first()
    faq.save()
    assert ContentVersion.current()[0] == version + 1
    faq.delete()
    assert ContentVersion.current()[0] == version + 2


def test_it_sends_gzip_to_browsers_that_accept_it(client):
    plain = client.get(ARTICLE)
    zipped = client.get(ARTICLE, headers={"accept_encoding": "gzip, deflate, br"})
    assert zipped.headers["Content-Encoding"] == "gzip"
    assert gzip.decompress(zipped.content) == plain.content
    assert "Content-Encoding" not in plain.headers
    refused = client.get(ARTICLE, headers={"accept_encoding": "gzip;q=0, identity"})
    assert "Content-Encoding" not in refused.headers


def test_a_query_string_gets_a_fresh_render_that_is_not_stored(client, renders):
    client.get(ARTICLE + "?utm_source=leaflet")
    client.get(ARTICLE + "?utm_source=leaflet")
    assert renders["n"] == 2


def test_editors_signed_in_always_get_a_fresh_page(client, renders, django_user_model):
    editor = django_user_model.objects.create_user("editor", password="a long password 123")
    client.force_login(editor)
    client.get(ARTICLE)
    response = client.get(ARTICLE)
    assert renders["n"] == 2
    assert "ETag" not in response.headers


def test_an_unknown_article_is_not_stored(client, monkeypatch):
    import articles.views

    lookups = []
    real = articles.views._in_language_or_original

    def counting(queryset, slug):
        lookups.append(slug)
        return real(queryset, slug)

    monkeypatch.setattr(articles.views, "_in_language_or_original", counting)
    for _ in range(2):
        assert client.get("/articles/no-such-article/").status_code == 404
    assert lookups == ["no-such-article"] * 2, "the second 404 came from the cache"
    # A page that exists is looked up once, then answered from the cache: the count would show it.
    client.get(ARTICLE)
    client.get(ARTICLE)
    assert lookups[2:] == [SLUG]


@pytest.fixture
def private_pages(settings):
    from tests.pagecache import urls

    settings.ROOT_URLCONF = "tests.pagecache.urls"
    urls.calls.clear()
    return urls.calls


@pytest.mark.parametrize("url", ["/token/", "/session/", "/cookie/", "/no-store/", "/language/"])
def test_a_page_that_holds_something_of_one_visitor_is_never_shared(client, private_pages, url):
    client.get(url)
    client.get(url)
    assert private_pages == [url, url]


def test_a_page_the_same_for_everyone_is_rendered_once(client, private_pages):
    client.get("/plain/")
    client.get("/plain/")
    assert private_pages == ["/plain/"]


def test_a_cache_hit_carries_the_same_security_headers_as_a_fresh_render(client):
    fresh = client.get(ARTICLE)
    hit = client.get(ARTICLE)
    for header in ("Content-Security-Policy", "X-Frame-Options", "X-Content-Type-Options", "Referrer-Policy"):
        assert hit.headers[header] == fresh.headers[header]


def test_a_test_that_changes_a_setting_never_gets_a_page_made_under_the_old_one(client, settings):
    # tests/conftest.py empties the cache on every change of settings: the site never changes
    # them while it serves, so production code has no hook for it.
    assert "In an emergency, call 999" in client.get(ARTICLE).content.decode()
    settings.EMERGENCY_NUMBER = "112"
    assert "In an emergency, call 112" in client.get(ARTICLE).content.decode()


def test_a_cached_page_still_answers_when_the_version_cannot_be_read(client, monkeypatch):
    from django.db import OperationalError

    def broken():
        raise OperationalError("database is down")

    monkeypatch.setattr(ContentVersion, "current", broken)
    response = client.get("/self-check/")
    assert response.status_code == 200
    assert "ETag" not in response.headers


def test_a_database_restored_to_an_old_version_number_never_gets_the_pages_of_the_first(client):
    client.get(ARTICLE)
    version = ContentVersion.current()[0]
    article = Article.objects.get(slug=SLUG)
    article.title = "Written after a restore"
    article.save()
    ContentVersion.objects.update(version=version)  # the same number, at a new moment
    assert "Written after a restore" in client.get(ARTICLE).content.decode()


def test_the_local_copy_keeps_only_the_most_used_pages():
    pages = LocalPages(size=2)
    pages.put("a", 1)
    pages.put("b", 2)
    pages.get("a")
    pages.put("c", 3)
    assert (pages.get("a"), pages.get("b"), pages.get("c")) == (1, None, 3)


def test_a_very_long_address_makes_a_safe_cache_key(client, recwarn):
    assert client.get("/articles/" + "a" * 600 + "/").status_code == 404
    assert not [w for w in recwarn if "Cache key" in str(w.message)]
