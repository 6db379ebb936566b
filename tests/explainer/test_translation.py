"""The result explainer in Spanish: content/es/result-explainer.yaml holds only words, laid over
the English bands and numbers (common.overlay). Every number, band and source is the same in
both languages, a translation that tries to change one is refused by name, and a stale one is
not shown: the English stands in, with a note in Spanish."""

import dataclasses
import re
from fractions import Fraction

import pytest
import yaml
from django.apps import apps
from django.utils import translation

from common import overlay
from explainer import engine, languages
from explainer.forms import Flags
from explainer.loader import FILE_NAME, ExplainerError, load, load_translation
from explainer.presenters import result_page
from tests.explainer.pages import text_of

URL = "/my-result/"
URL_ES = "/es/my-result/"
UPDATING = "La versión en español se está actualizando; mientras tanto, se muestra en inglés."
UNREVIEWED = "Traducción pendiente de revisión por un profesional sanitario hispanohablante."
# What an English page never shows: the note, or either sentence in English.
NOTE_MARKS = ("translation-notice", "is being updated", "Translation not yet reviewed")
# A result on each side of every edge, in each test's own unit and in the other family's.
ENTRIES = [
    engine.Entry(test, unit, Fraction(value), lab_range)
    for test, unit, values in (
        ("total", "ng/L", ("100", "180", "250", "350", "351", "900", "2500")),
        ("total", "pmol/L", ("100", "132.84", "700", "900")),
        ("active", "pmol/L", ("10", "25", "40", "70", "71", "300")),
    )
    for value in values
    for lab_range in (None, (Fraction(200), Fraction(600)))
]
FLAGS = Flags(on_b12=True, pregnant=True, nerve=True)

pytestmark = pytest.mark.django_db


def english():
    return apps.get_app_config("explainer").explainer


def spanish():
    return apps.get_app_config("explainer").languages["es"]


def shape(explainer):
    """Everything in the explainer but its words: what every language must share."""
    return {
        "header": (
            explainer.version,
            explainer.updated,
            explainer.last_reviewed,
            explainer.next_review_due,
            explainer.reviewed_by,
        ),
        "tests": {
            t.id: (t.scale, sorted(t.band_names), t.sources, t.high_sources) for t in explainer.tests.values()
        },
        "outcomes": {
            o.id: (o.sources, [link.url for link in o.articles], len(o.next), len(o.ask))
            for o in explainer.outcomes.values()
        },
        "notes": {n.id: (n.sources, n.link.url if n.link else None) for n in explainer.notes.values()},
        "lines": (len(explainer.bring), len(explainer.ask)),
        "high": (
            explainer.high_result.sources,
            len(explainer.high_result.causes),
            len(explainer.high_result.cancer),
        ),
    }


def words(explainer):
    """(where, text) for every word a reader meets, the names of tests and bands included."""
    yield from explainer.texts()
    for test in explainer.tests.values():
        yield f"tests: {test.id}: name", test.name
        for band_id, name in test.band_names.items():
            yield f"tests: {test.id}: {band_id}", name
    for outcome in explainer.outcomes.values():
        for link in outcome.articles:
            yield f"outcomes: {outcome.id}: {link.url}", link.title
    for note in explainer.notes.values():
        if note.link:
            yield f"notes: {note.id}: link", note.link.title


# --- the numbers are the same in every language ---------------------------------------------------


def test_the_spanish_explainer_has_the_english_bands_numbers_and_sources():
    es, translated = spanish()

    assert not translated.is_stale
    assert es is not english()
    assert shape(es) == shape(english())
    assert es.tests["total"].scale == english().tests["total"].scale


def test_the_shape_tells_a_changed_edge_apart():
    """The comparison above can fail: a band edge moved is a different shape."""
    test = english().tests["total"]
    scale = dataclasses.replace(test.scale, largest=test.scale.largest + 1)
    moved = dataclasses.replace(
        english(), tests={**english().tests, "total": dataclasses.replace(test, scale=scale)}
    )
    assert shape(moved) != shape(english())


def test_every_result_reads_the_same_in_spanish_with_the_same_numbers():
    es, _ = spanish()
    numbers = ("value", "unit", "conversion", "basis_is_lab", "lab_range", "position", "high_mark")

    for entry in ENTRIES:
        ours, theirs = es.read(entry), english().read(entry)
        assert ours == theirs, entry
        with translation.override("es"):
            page = result_page(es, ours, FLAGS)
            english_page = result_page(english(), theirs, FLAGS)
        assert {k: page[k] for k in numbers} == {k: english_page[k] for k in numbers}, entry
        assert [(b["lower"], b["upper"], b["current"]) for b in page["bands"]] == [
            (b["lower"], b["upper"], b["current"]) for b in english_page["bands"]
        ]
        assert page["outcome"].id == english_page["outcome"].id
        assert page["outcome"].title != english_page["outcome"].title
        assert page["sources"] == english_page["sources"]


def test_every_spanish_text_is_there_and_differs_from_the_english():
    ours, theirs = list(words(spanish()[0])), list(words(english()))

    assert [where for where, _ in ours] == [where for where, _ in theirs]
    for (where, spanish_text), (_, english_text) in zip(ours, theirs, strict=True):
        assert spanish_text.strip(), where
        assert spanish_text != english_text, where


def test_the_explainer_in_each_language():
    es, translated = spanish()
    assert languages.explainer_for("es") is es
    assert languages.for_language("es") == (es, translated)
    assert languages.explainer_for("en-gb") is english()
    assert languages.for_language(None) == (english(), None)
    assert overlay.stale_overlays() == []


# --- a translation can change words, nothing else -------------------------------------------------


@pytest.fixture
def content(content_copy_every_language):
    """A writable copy of the content folder, its translations included."""
    return content_copy_every_language


def changed(content, change):
    path = content / "es" / FILE_NAME
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data["texts"])
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return content


def total_bands(texts):
    return texts["tests"]["total"]["scale"]["bands"]


REFUSED = {
    "a band edge": (
        lambda t: total_bands(t)["low"].update({"below": 200}),
        "texts: tests: total: scale: bands 'low': below: is not a text in the English file",
    ),
    "the largest number": (
        lambda t: t["tests"]["total"]["scale"].update({"largest": 5000}),
        "texts: tests: total: scale: largest: is not a text in the English file",
    ),
    "a unit": (
        lambda t: t["tests"]["active"]["scale"].update({"unit": "ng/L"}),
        "texts: tests: active: scale: unit: is not a text in the English file",
    ),
    "a source": (
        lambda t: t["outcomes"]["low"].update({"sources": ["arendt-2013"]}),
        "texts: outcomes: low: sources[0]: is not a text in the English file",
    ),
    "a band the English does not have": (
        lambda t: total_bands(t).update({"very_low": {"name": "Muy baja"}}),
        "texts: tests: total: scale: bands: 'very_low' is not an id in the English file",
    ),
    "an outcome the English does not have": (
        lambda t: t["outcomes"].update({"very_low": {"title": "Muy baja"}}),
        "texts: outcomes: very_low: is not in the English file",
    ),
    "a number for a text": (
        lambda t: t["outcomes"]["low"].update({"title": 180}),
        "texts: outcomes: low: title: must be text, not int 180",
    ),
    "a question the English does not ask": (
        lambda t: t["ask"].append("¿Una pregunta más?"),
        "texts: ask: has 3 texts, the English file 2",
    ),
}


@pytest.mark.parametrize("name", list(REFUSED))
def test_a_translation_that_changes_more_than_words_is_refused_by_name(content, name):
    change, message = REFUSED[name]
    changed(content, change)

    with pytest.raises(ExplainerError, match=re.escape(message)) as refused:
        load_translation(content, "es", english())
    assert str(content / "es" / FILE_NAME) in str(refused.value)


def test_the_translated_words_pass_the_english_checks_too(content):
    changed(content, lambda t: t["notes"]["pregnant"].update({"text": "You have low B12."}))

    with pytest.raises(ExplainerError, match="notes: pregnant: text: 'You have' reads as a diagnosis"):
        load_translation(content, "es", english())


# --- a stale translation is not shown ------------------------------------------------------------


def test_when_the_english_changes_the_spanish_explainer_is_the_english_one(content):
    english_file = content / FILE_NAME
    english_file.write_text(english_file.read_text(encoding="utf-8") + "# changed\n", encoding="utf-8")
    loaded = load(content)

    explainer, translated = load_translation(content, "es", loaded)

    assert explainer is loaded
    assert translated.is_stale
    assert translated.english_version == overlay.version(english_file) != translated.source_version
    assert translated.label == "content/es/result-explainer.yaml"


def test_when_a_text_is_missing_the_spanish_explainer_is_the_english_one(content):
    changed(content, lambda t: t["high_result"]["cancer"].pop())

    explainer, translated = load_translation(content, "es", english())

    assert explainer is english()
    assert translated.missing == ("high_result: cancer[3]",)


@pytest.fixture
def stale(monkeypatch):
    config = apps.get_app_config("explainer")
    _, translated = config.languages["es"]
    behind = dataclasses.replace(translated, source_version="0" * 12)
    monkeypatch.setitem(config.languages, "es", (config.explainer, behind))
    monkeypatch.setattr(overlay, "_loaded", {})
    overlay.register(behind)


def test_a_stale_translation_shows_the_english_explainer_with_one_spanish_sentence(client, stale):
    form = client.get(URL_ES)
    result = client.post(URL_ES, {"test": "total", "unit": "ng/L", "value": "250"})

    for response in (form, result):
        text = text_of(response)
        assert text.count(UPDATING) == 1
        assert UNREVIEWED not in text
    assert english().outcomes["indeterminate"].summary in text_of(result)
    [(file, reason)] = overlay.stale_overlays()
    assert file == "content/es/result-explainer.yaml"
    assert "the English file has changed" in reason


# --- the pages -----------------------------------------------------------------------------------


def test_the_spanish_form_says_the_translation_awaits_a_clinicians_review(client):
    spanish_page, english_page = client.get(URL_ES), client.get(URL)

    assert UNREVIEWED in text_of(spanish_page)
    assert UPDATING not in text_of(spanish_page)
    assert not any(mark in english_page.content.decode() for mark in NOTE_MARKS)


def test_a_spanish_result_gives_the_english_reading_in_spanish(client):
    es, _ = spanish()
    fields = {"test": "total", "unit": "pg/mL", "value": "2500", "on_b12": "on"}
    response, english_response = client.post(URL_ES, fields), client.post(URL, fields)
    text = text_of(response)

    assert response.context["reading"] == english_response.context["reading"]
    assert response.context["outcome"] is es.outcomes["high"]
    assert es.outcomes["high"].summary in text
    assert es.notes["on_b12"].title in text
    assert es.high_result.cancer_title in text
    assert es.tests["total"].band_names["not_low"] in text
    assert english().outcomes["high"].summary not in text
    assert UNREVIEWED in text
    assert not any(mark in english_response.content.decode() for mark in NOTE_MARKS)
