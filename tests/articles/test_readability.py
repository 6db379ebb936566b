"""The reading measures: Spanish syllables and INFLESZ, and the text both languages read."""

import pytest

from articles.readability import measure, plain_sentences, spanish_syllables
from articles.rendering import render_markdown

# Syllable counts from the Real Academia's division of each word.
SPANISH_SYLLABLES = {
    "murciélago": 4,  # mur-cié-la-go: ié is one syllable
    "día": 2,  # dí-a: the accent on í breaks the diphthong
    "ciudad": 2,  # ciu-dad: two weak vowels share a syllable
    "país": 2,  # pa-ís
    "guerra": 2,  # gue-rra: the u of gue is not spoken
    "queso": 2,  # que-so
    "guía": 2,  # guí-a: silent u, then a broken diphthong
    "química": 3,  # quí-mi-ca
    "pingüino": 3,  # pin-güi-no: ü is spoken and joins the i
    "cigüeña": 3,  # ci-güe-ña
    "hoy": 1,  # y at the end of a word is a vowel
    "muy": 1,
    "y": 1,
    "Paraguay": 3,  # Pa-ra-guay: a triphthong
    "mayo": 2,  # ma-yo: y before a vowel is a consonant
    "inyección": 3,  # in-yec-ción
    "tranvía": 3,  # tran-ví-a
    "leer": 2,  # le-er: two strong vowels never share a syllable
    "aeropuerto": 5,  # a-e-ro-puer-to
    "oír": 2,  # o-ír
    "continúa": 4,  # con-ti-nú-a
    "reúne": 3,  # re-ú-ne
    "búho": 2,  # bú-ho: h does not part vowels, the accent does
    "ahora": 3,  # a-ho-ra
    "huevo": 2,  # hue-vo
    "noche": 2,  # no-che: ch is a consonant
    "cuidado": 3,  # cui-da-do
    "averiguáis": 4,  # a-ve-ri-guáis
    "análisis": 4,
    "hemoglobina": 5,
    "oxígeno": 4,
    "llueve": 2,
}


@pytest.mark.parametrize(("word", "count"), SPANISH_SYLLABLES.items())
def test_spanish_syllables_are_counted_as_the_word_is_divided(word, count):
    assert spanish_syllables(word) == count


def test_a_number_or_an_abbreviation_without_vowels_counts_as_one_syllable():
    assert spanish_syllables("2026") == 1
    assert spanish_syllables("B12") == 1


def test_inflesz_is_the_szigriszt_pazos_formula():
    # 3 words, 1 sentence, 5 syllables (el, ga-to, co-me): 206.835 - 62.3 * 5/3 - 3 = 100.0
    easy = measure("<p>El gato come.</p>", "es")
    assert (easy.words, easy.sentences, easy.syllables) == (3, 1, 5)
    assert easy.inflesz == 100.0
    # 6 words, 2 sentences, 16 syllables: 206.835 - 62.3 * 16/6 - 3 = 37.7
    hard = measure("<p>La hemoglobina transporta oxígeno.</p><p>Hoy llueve.</p>", "es")
    assert (hard.words, hard.sentences, hard.syllables) == (6, 2, 16)
    assert hard.inflesz == 37.7


def test_the_spanish_measure_counts_spanish_syllables_and_the_english_one_english():
    text = "<p>La vitamina ayuda.</p>"
    assert measure(text, "es").syllables == 1 + 4 + 3
    assert measure(text).syllables == measure(text, "en").syllables


def test_markdown_headings_links_and_lists_are_read_as_text_in_both_languages():
    html = render_markdown(
        "## Qué hacer\n\nLea [la guía](/es/articles/your-b12-result/) hoy.\n\n- pregunte\n- apunte\n"
    ).html
    assert plain_sentences(html) == ["Qué hacer", "Lea la guía hoy", "pregunte", "apunte"]
    result = measure(html, "es")
    assert (result.words, result.sentences) == (8, 4)
    assert "/es/" not in " ".join(plain_sentences(html))


def test_an_empty_text_is_not_hard():
    assert measure("", "es").inflesz == 100.0
