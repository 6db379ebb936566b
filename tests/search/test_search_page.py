"""The /search/ page and the search box in the header."""

import re

import pytest

pytestmark = pytest.mark.usefixtures("site_content")


def test_it_lists_ranked_results_with_highlighted_snippets(client):
    response = client.get("/search/", {"q": "injections"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "/articles/b12-injections-and-cancer/" in html
    assert "<mark>" in html
    assert 'name="robots" content="noindex"' in html


def test_a_word_finds_its_other_forms_in_the_real_content(client):
    html = client.get("/search/", {"q": "absorb"}).content.decode()
    assert "/articles/causes-of-b12-deficiency/" in html
    assert re.search(r"<mark>absorb\w+</mark>", html)  # absorbed, absorbing


def test_the_page_for_no_results_suggests_topics_the_questions_and_the_self_check(client):
    response = client.get("/search/", {"q": "zzxqv"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Nothing matched “zzxqv”" in html
    assert 'href="/faq/"' in html
    assert 'href="/self-check/"' in html
    assert 'href="/topics/b12-and-cancer/"' in html


def test_an_empty_search_shows_the_form_and_the_topics(client):
    response = client.get("/search/")
    assert response.status_code == 200
    assert "Nothing matched" not in response.content.decode()
    assert 'href="/topics/b12-and-cancer/"' in response.content.decode()


def test_the_query_is_shown_back_escaped(client):
    html = client.get("/search/", {"q": "<img src=x onerror=alert(1)>"}).content.decode()
    assert "<img src=x" not in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html


@pytest.mark.parametrize(
    "query",
    [
        "",
        "a" * 10_000,
        "injections " * 1000,
        "\x00",
        "b12\x00cancer",
        "\u200f\u202eb12\u200e",
        "🧪💉🩸",
        '"',
        '"b12',
        "*",
        "b12*",
        "NEAR(",
        "NEAR(b12 cancer, 2)",
        "AND",
        "b12 AND OR NOT cancer",
        "-",
        "-b12",
        "title:b12",
        "^b12",
        "b12:*",
        "!&|()",
        "'; DROP TABLE articles_article; --",
        "\\",
        "\ud7ff\ue000\ue001",
    ],
)
def test_an_odd_query_gets_a_calm_200(client, query):
    response = client.get("/search/", {"q": query})
    assert response.status_code == 200


def test_a_very_long_query_is_cut_short_rather_than_refused(client):
    html = client.get("/search/", {"q": "injections " + "x" * 10_000}).content.decode()
    assert "x" * 300 not in html


def test_every_public_page_has_a_search_box_that_works_without_javascript(client):
    html = client.get("/articles/low-b12-and-cancer/").content.decode()
    assert '<form class="search-form" action="/search/" method="get" role="search"' in html
    assert 'name="q" type="search"' in html
    assert '<label for="header-q">' in html
