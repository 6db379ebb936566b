"""Spanish under /es/ (and /kiosk/es/): the path names the language, each page links to its twin,
translations come from content/es/ and say when the English has changed since."""

import re
from io import StringIO

import pytest
from django.core.management import call_command

from articles import workflow
from articles.models import FAQ, Article, Page, Topic
from editorial import dashboard

pytestmark = pytest.mark.usefixtures("every_language")

ARTICLE = "high-b12-levels"


def html(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def spanish(model, slug):
    return model.objects.get(language="es", slug=slug)


def english(model, slug):
    return model.objects.get(language="en", slug=slug)


@pytest.mark.parametrize(
    "url",
    [
        "/es/",
        "/es/articles/",
        f"/es/articles/{ARTICLE}/",
        "/es/faq/",
        "/es/about/",
        "/es/self-check/",
        "/es/my-result/",
    ],
)
def test_every_spanish_page_says_it_is_spanish_and_links_its_english_twin(client, url):
    page = html(client, url)
    english_url = url.removeprefix("/es")

    assert '<html lang="es">' in page
    assert f'<link rel="canonical" href="http://127.0.0.1:8000{url}">' in page or "canonical" in page
    assert f'hreflang="es" href="http://127.0.0.1:8000{url}"' in page
    assert f'hreflang="en-GB" href="http://127.0.0.1:8000{english_url}"' in page
    assert f'<a href="{english_url}" lang="en-GB" hreflang="en-GB">English</a>' in page


def test_an_english_page_links_its_spanish_twin_and_keeps_its_address(client):
    page = html(client, f"/articles/{ARTICLE}/")

    assert '<html lang="en-GB">' in page
    assert f'<a href="/es/articles/{ARTICLE}/" lang="es" hreflang="es">Español</a>' in page
    assert english(Article, ARTICLE).title in page


def test_the_spanish_article_is_the_spanish_text_with_spanish_links(client):
    page = html(client, f"/es/articles/{ARTICLE}/")

    assert f"<h1>{spanish(Article, ARTICLE).title}</h1>" in page
    assert english(Article, ARTICLE).title not in page
    # Its related pages and navigation stay in Spanish.
    for other in spanish(Article, ARTICLE).related_articles():
        assert f'href="/es/articles/{other.slug}/"' in page
    assert 'href="/es/self-check/"' in page


def test_english_lists_show_no_spanish_item_and_spanish_lists_no_english_one(client):
    english_list, spanish_list = html(client, "/articles/"), html(client, "/es/articles/")
    english_faq, spanish_faq = html(client, "/faq/"), html(client, "/es/faq/")

    for row in Article.objects.published().in_language("es"):
        assert row.title not in english_list and row.title in spanish_list
    for row in Article.objects.published().in_language("en"):
        assert row.title in english_list and row.title not in spanish_list
    for row in FAQ.objects.published().in_language("es"):
        assert row.question not in english_faq and row.question in spanish_faq


def test_no_page_varies_by_accept_language(client):
    plain = client.get(f"/articles/{ARTICLE}/")
    asked_for_spanish = client.get(f"/articles/{ARTICLE}/", HTTP_ACCEPT_LANGUAGE="es")

    assert asked_for_spanish.content == plain.content
    for response in (plain, asked_for_spanish, client.get("/es/")):
        assert "Accept-Language" not in response.get("Vary", "")


def test_the_interface_is_spanish_on_spanish_pages(client):
    page = html(client, "/es/faq/")

    assert "Preguntas frecuentes" in page or "Preguntas" in page
    assert "Skip to main content" not in page


def test_an_untranslated_page_shows_the_english_with_a_note(client):
    spanish(Article, ARTICLE).delete()

    page = html(client, f"/es/articles/{ARTICLE}/")

    assert english(Article, ARTICLE).title in page
    assert "Esta página aún no está traducida" in page
    assert '<article class="article" lang="en-GB">' in page


def test_a_spanish_page_says_when_its_english_changed_and_the_dashboard_lists_it(client, admin_client):
    translation = spanish(Article, ARTICLE)
    assert "translation-notice" not in html(client, translation.get_absolute_url())
    assert not any(e.title == translation.title for e in dashboard.build().stale_translations)

    original = english(Article, ARTICLE)
    workflow.apply(workflow.SYNC, original, "load", fields={"body": original.body + "\nA new sentence.\n"})

    page = html(client, translation.get_absolute_url())
    notice = re.search(r'<p class="translation-notice">(.*?)</p>', page, re.S).group(1)
    assert "La versión en inglés cambió el" in notice
    assert f'href="/articles/{ARTICLE}/"' in notice
    stale = [e for e in dashboard.build().stale_translations if e.title == translation.title]
    assert len(stale) == 1 and stale[0].original.title == original.title
    assert translation.title in html(admin_client, "/admin/review/")


def test_a_translation_not_yet_reviewed_says_so_in_spanish(client):
    page = html(client, f"/es/articles/{ARTICLE}/")

    assert "Traducción pendiente de revisión por un profesional sanitario hispanohablante" in page


def test_the_sitemap_lists_both_languages(client):
    sitemap = html(client, "/sitemap.xml")

    assert f"/articles/{ARTICLE}/</loc>" in sitemap
    assert f"/es/articles/{ARTICLE}/</loc>" in sitemap
    assert "/es/faq/</loc>" in sitemap and "/es/about/</loc>" in sitemap


def test_the_kiosk_offers_the_languages_and_starting_over_returns_to_english(client):
    home = html(client, "/kiosk/")
    assert 'href="/kiosk/es/" lang="es" hreflang="es">Español</a>' in home

    spanish_home = html(client, "/kiosk/es/")
    assert '<html lang="es" class="kiosk-root">' in spanish_home
    assert 'href="/kiosk/es/faq/"' in spanish_home
    assert 'href="/kiosk/es/reset/"' in spanish_home

    response = client.get("/kiosk/es/reset/")
    assert response.status_code == 302 and response["Location"] == "/kiosk/"


def test_a_spanish_kiosk_article_keeps_its_links_on_the_spanish_kiosk(client):
    page = html(client, f"/kiosk/es/articles/{ARTICLE}/")

    links = set(re.findall(r'href="(/[^"]*)"', page)) - {"/kiosk/", "/kiosk/es/reset/"}
    pages = {link for link in links if not link.startswith("/static/")}
    assert pages and all(
        link.startswith("/kiosk/es/") or link == f"/kiosk/articles/{ARTICLE}/" for link in pages
    )


def sync(content_dir):
    out = StringIO()
    call_command("sync_content", content_dir=content_dir, stdout=out)
    return out.getvalue()


def test_the_sync_reports_a_translation_of_nothing_and_an_item_not_translated(content_copy_every_language):
    folder = content_copy_every_language
    (folder / "es" / "articles" / f"{ARTICLE}.md").rename(folder / "es" / "articles" / "orphan.md")
    text = (folder / "es" / "articles" / "orphan.md").read_text(encoding="utf-8")
    (folder / "es" / "articles" / "orphan.md").write_text(
        text.replace(f"translation_of: {ARTICLE}", "translation_of: no-such-article"), encoding="utf-8"
    )

    out = sync(folder)

    assert "translates 'no-such-article', which content/articles/ does not have; left out" in out
    assert f"nothing translates '{ARTICLE}'" in out
    assert not Article.objects.published().in_language("es").filter(slug__in=[ARTICLE, "orphan"]).exists()


def test_a_translation_cannot_change_what_the_english_cites_or_where_it_sits(content_copy_every_language):
    path = content_copy_every_language / "es" / "articles" / f"{ARTICLE}.md"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("---\n", "---\ntopic: low-b12\n", 1), encoding="utf-8")

    with pytest.raises(Exception, match=r"unknown field"):
        call_command("sync_content", content_dir=content_copy_every_language, stdout=StringIO())


def test_every_translation_takes_its_place_and_sources_from_the_english():
    for model in (Article, FAQ):
        for row in model.objects.in_language("es"):
            original = english(model, row.translation_of)
            assert (row.topic.slug, row.order, row.references) == (
                original.topic.slug,
                original.order,
                original.references,
            )
            assert row.topic.language == "es"
    assert Topic.objects.in_language("es").count() == Topic.objects.in_language("en").count()
    assert Page.objects.in_language("es").count() == Page.objects.in_language("en").count()


def test_an_export_of_unchanged_content_rewrites_no_translation(content_copy_every_language):
    call_command("sync_content", content_dir=content_copy_every_language, stdout=StringIO())
    out = StringIO()

    call_command("export_content", content_dir=content_copy_every_language, stdout=out)

    assert out.getvalue().startswith("0 written"), out.getvalue()


def test_the_take_home_code_of_a_spanish_kiosk_page_opens_the_spanish_page():
    from kiosk.links import kiosk_href, public_path

    assert public_path(f"/kiosk/es/articles/{ARTICLE}/") == f"/es/articles/{ARTICLE}/"
    assert public_path("/kiosk/es/self-check/check/") == "/es/self-check/"
    assert public_path("/kiosk/self-check/check/") == "/self-check/"
    # An English link on a Spanish kiosk page (a page not translated yet) leads to its kiosk twin.
    assert kiosk_href(f"/articles/{ARTICLE}/") == f"/kiosk/articles/{ARTICLE}/"
    assert kiosk_href(f"/es/articles/{ARTICLE}/#x") == f"/kiosk/es/articles/{ARTICLE}/#x"


def test_the_admin_shows_a_translation_against_its_english_and_keeps_its_slug(admin_client):
    translation = spanish(Article, ARTICLE)
    url = f"/admin/articles/article/{translation.pk}/change/"

    page = html(admin_client, url)

    assert "Up to date: made from the English text as it is now" in page
    assert 'name="slug"' not in page and 'name="translation_of"' not in page
    listing = html(admin_client, "/admin/articles/article/?language=es")
    assert translation.title in listing and english(Article, ARTICLE).title not in listing


def test_a_spanish_topic_keeps_its_english_slug_and_order_in_the_admin(admin_client):
    from tests.editorial.helpers import change_url, form_fields

    topic = Topic.objects.get(language="es", slug="b12-and-cancer")
    page = html(admin_client, change_url(topic))
    assert 'name="slug"' not in page and 'name="order"' not in page
    english_page = html(admin_client, change_url(Topic.objects.get(language="en", slug=topic.slug)))
    assert 'name="slug"' in english_page and 'name="order"' in english_page
    # A hand-made POST with a slug and an order changes the title, never the slug or the order.
    fields = form_fields(admin_client, change_url(topic))
    admin_client.post(
        change_url(topic), {**fields, "title": "La B12 y el cáncer hoy", "slug": "otro", "order": 99}
    )
    topic.refresh_from_db()
    assert (topic.title, topic.slug, topic.order) == ("La B12 y el cáncer hoy", "b12-and-cancer", 1)
