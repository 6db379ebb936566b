"""Search stays within the page's language, and finds Spanish words however they are typed.

Runs on SQLite and, with DATABASE_URL naming one, on PostgreSQL: both must answer alike.
Spanish items are indexed as `index.update` indexes any item, with the item's language.
"""

import datetime

import pytest
from django.urls import reverse
from django.utils import translation

from articles.models import FAQ, Article, Topic
from search import index
from search.engine import SNIPPET_WORDS, START, STOP, excerpt, search
from search.models import SearchEntry
from search.query import ENGLISH_SQLITE, SPANISH, fold, matches, roots

pytestmark = pytest.mark.django_db


@pytest.fixture
def topic():
    return Topic.objects.create(slug="testing", title="Testing")


@pytest.fixture
def make_article(topic):
    """An article in the language: published, in the search index with that language."""

    def make(slug, title, body="Some text.", language="en", summary="A summary."):
        article = Article.objects.create(
            slug=slug,
            title=title,
            summary=summary,
            body=body,
            topic=topic,
            status="published",
            updated=datetime.date(2026, 11, 1),
        )
        article.language = language
        index.update(article)
        return article

    return make


def titles(query, language):
    return [result.title for result in search(query, language)]


# --- within the language ---------------------------------------------------------------------


def test_an_entry_records_the_language_of_its_item(make_article):
    make_article("english", "Injections")
    make_article("spanish", "Inyecciones", language="es")
    assert dict(SearchEntry.objects.values_list("title", "language")) == {
        "Injections": "en",
        "Inyecciones": "es",
    }


def test_an_item_from_before_languages_is_english(topic):
    FAQ.objects.create(slug="faq", question="Quokkas?", answer="Yes.", topic=topic, status="published")
    assert SearchEntry.objects.get().language == "en"


def test_a_spanish_search_finds_spanish_entries_and_an_english_one_english(make_article):
    make_article("english", "Vitamin B12 injections", body="Monthly injections of vitamin B12.")
    make_article(
        "spanish", "Inyecciones de vitamina B12", body="Inyecciones mensuales de vitamina B12.", language="es"
    )
    assert titles("b12", "es") == ["Inyecciones de vitamina B12"]
    assert titles("b12", "en") == ["Vitamin B12 injections"]
    assert titles("inyecciones", "en") == []
    assert titles("injections", "es") == []


def test_a_search_reads_the_active_language(make_article):
    make_article("english", "B12 and cancer")
    make_article("spanish", "B12 y cáncer", language="es")
    with translation.override("es"):
        assert [r.title for r in search("b12")] == ["B12 y cáncer"]
    assert [r.title for r in search("b12")] == ["B12 and cancer"]  # en-gb, the default


def test_an_edit_that_changes_the_language_moves_the_entry(make_article):
    article = make_article("moved", "Anemia")
    assert titles("anemia", "en") == ["Anemia"]
    article.language = "es"
    index.update(article)
    assert titles("anemia", "en") == []
    assert titles("anemia", "es") == ["Anemia"]


def test_a_rebuild_writes_each_entry_with_its_language(make_article):
    make_article("english", "Injections")
    SearchEntry.objects.all().delete()
    index.rebuild()
    assert list(SearchEntry.objects.values_list("title", "language")) == [("Injections", "en")]


def test_a_spanish_entry_leaves_the_index_with_its_item(make_article):
    article = make_article("gone", "Inyecciones", language="es")
    article.delete()
    assert titles("inyecciones", "es") == []


# --- Spanish words -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "text"),
    [
        ("inyeccion", "Las inyecciones mensuales son habituales."),  # no accent, another form
        ("inyecciones", "Una inyección al mes."),
        ("inyección", "Las inyecciones mensuales son habituales."),
        ("cancer", "Algunos tipos de cáncer."),  # no accent
        ("cáncer", "Sobre el cancer, sin tilde."),  # the accent in the query only
        ("CÁNCER", "Algunos tipos de cáncer."),
        ("alimentacion", "Una alimentación variada."),  # stemmed apart with and without the accent
        ("ninos", "En los niños es poco frecuente."),
        ("pastilla", "Unas pastillas al día."),
        ("vitaminas", "La vitamina B12."),
        ("absorcion", "La absorción de la vitamina."),
    ],
)
def test_it_matches_spanish_words_with_or_without_accents_and_in_other_forms(make_article, query, text):
    make_article("target", "Objetivo", body=text, language="es")
    make_article("other", "Otro", body="Nada que ver aquí.", language="es")
    assert titles(query, "es") == ["Objetivo"]


def test_spanish_stop_words_are_not_required(make_article):
    make_article("target", "Objetivo", body="Inyecciones mensuales.", language="es")
    make_article("other", "Otro", body="Las pastillas de cada día.", language="es")
    assert titles("las inyecciones de la", "es") == ["Objetivo"]


def test_a_spanish_search_ranks_a_title_match_first(make_article):
    make_article("in-body", "Tercero", body="Hablamos del cansancio y la anemia.", language="es")
    make_article("in-title", "Anemia y B12", language="es")
    assert titles("anemia", "es") == ["Anemia y B12", "Tercero"]


def test_a_spanish_snippet_marks_the_words_as_written(make_article):
    make_article(
        "snippet", "Tratamiento", body="Le pondrán una inyección cada mes; los niños también.", language="es"
    )
    [result] = search("inyeccion ninos", "es")
    assert "<mark>inyección</mark>" in result.snippet
    assert "<mark>niños</mark>" in result.snippet


def test_a_spanish_snippet_escapes_everything_else(make_article):
    make_article("escaped", "Escapado", body='Dosis "medidas" & <b>inyecciones</b>.', language="es")
    [result] = search("inyecciones", "es")
    assert "<mark>inyecciones</mark>" in result.snippet
    assert "<b>" not in result.snippet


@pytest.mark.parametrize(
    ("query", "roots_found"),
    [
        ("La inyección de vitamina", ["inyeccio", "vitami"]),
        ("inyeccion INYECCIONES inyección", ["inyeccio"]),
        ("el de la los", []),
        ("¿Qué es la B12?", ["b12"]),
    ],
)
def test_spanish_roots_are_folded_stemmed_and_without_stop_words(query, roots_found):
    assert roots(query, SPANISH) == roots_found


def test_english_roots_are_as_they_were():
    assert roots("the café injections", ENGLISH_SQLITE) == ["café", "injec"]


def test_folding_drops_accents_and_the_tilde():
    assert fold("Inyección, CÁNCER, niño, pingüino") == "Inyeccion, CANCER, nino, pinguino"


@pytest.mark.parametrize(
    ("word", "found"),
    [("Inyecciones", True), ("inyección", True), ("inyectable", False), ("cáncer", False)],
)
def test_a_word_of_a_text_is_matched_as_the_query_matched_it(word, found):
    assert matches(word, ["inyeccio"], SPANISH) is found


def test_an_excerpt_is_short_starts_near_the_match_and_says_what_it_left_out():
    text = ("Palabras de relleno aquí. " * 40) + "Por fin, las inyecciones. " + ("Más relleno. " * 40)
    snippet = excerpt(text, ["inyeccio"], SPANISH)
    assert f"{START}inyecciones{STOP}" in snippet
    assert snippet.startswith("…")
    assert snippet.endswith("…")
    assert len(snippet.split()) <= SNIPPET_WORDS + 1


def test_an_excerpt_without_a_match_is_the_opening_words():
    assert excerpt("Una alimentación variada.", ["inyeccio"], SPANISH) == "Una alimentación variada."
    assert excerpt("", ["inyeccio"], SPANISH) == ""


def test_an_excerpt_keeps_the_text_whole_at_its_ends():
    assert excerpt("¿Inyecciones?", ["inyeccio"], SPANISH) == f"¿{START}Inyecciones{STOP}?"


# --- the search page -------------------------------------------------------------------------


def test_the_spanish_search_page_lists_spanish_results_only(client, make_article):
    make_article("english", "B12 and cancer", language="en")
    make_article("spanish", "B12 y cáncer", language="es")
    with translation.override("es"):
        html = client.get(reverse("search:results"), {"q": "b12"}).content.decode()
    assert "B12 y cáncer" in html
    assert "B12 and cancer" not in html


def test_the_search_form_on_a_spanish_page_sends_to_the_spanish_search(client):
    with translation.override("es"):
        action = reverse("search:results")
        html = client.get(action).content.decode()
    assert f'<form class="search-form" action="{action}" method="get" role="search"' in html


def test_the_spanish_page_for_no_results_is_in_spanish(client, make_article):
    make_article("spanish", "B12 y cáncer", language="es")
    with translation.override("es"):
        html = client.get(reverse("search:results"), {"q": "zzxqv"}).content.decode()
    assert "No hemos encontrado nada para «zzxqv»." in html


def test_the_page_for_no_results_suggests_topics_in_its_own_language(client):
    english = Topic.objects.create(slug="english-topic", title="English topic")
    spanish = Topic.objects.create(slug="tema", title="Tema en español", language="es")
    for slug, topic, language in (("en-article", english, "en"), ("es-article", spanish, "es")):
        Article.objects.create(
            slug=slug,
            title=slug,
            body="Text.",
            topic=topic,
            status="published",
            updated=datetime.date(2026, 11, 1),
            language=language,
        )
    with translation.override("es"):
        spanish_page = client.get(reverse("search:results"), {"q": "zzxqv"}).content.decode()
    english_page = client.get(reverse("search:results"), {"q": "zzxqv"}).content.decode()
    assert "Tema en español" in spanish_page
    assert "English topic" not in spanish_page
    assert "English topic" in english_page
    assert "Tema en español" not in english_page


def test_a_rebuild_keeps_spanish_items_spanish(topic):
    Article.objects.create(
        slug="inyecciones",
        title="Inyecciones",
        body="Texto.",
        topic=topic,
        status="published",
        updated=datetime.date(2026, 11, 1),
        language="es",
    )
    SearchEntry.objects.all().delete()
    index.rebuild()
    assert titles("inyeccion", "es") == ["Inyecciones"]


# --- many matches ----------------------------------------------------------------------------


def test_many_matches_give_one_page_of_the_best(make_article):
    for n in range(45):
        make_article(f"body-{n:02}", f"Artículo {n:02}", body="Habla de las inyecciones.", language="es")
    make_article("title", "Inyecciones", language="es")
    found = titles("inyecciones", "es")
    assert len(found) == 20
    assert found[0] == "Inyecciones"
