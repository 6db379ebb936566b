"""The self-check in Spanish: content/es/selfcheck.yaml and selfcheck-cases.yaml hold only words,
laid over the English rules (common.overlay). The rules are the same in every language, a
translation that tries to change more is refused by name, and a stale one is not shown: the
English stands in, with a note in Spanish."""

import dataclasses
import re

import pytest
import yaml
from django.apps import apps
from django.core.exceptions import ImproperlyConfigured

from common import overlay
from common.datafile import DataFileError
from selfcheck import cases as case_file
from selfcheck import engine, languages
from selfcheck.definition import DefinitionError, load, load_translation
from tests.pages import text_of
from tests.selfcheck.loaded import site_definition
from tests.selfcheck.test_definition import all_texts
from tests.selfcheck.walk import walk

START = "/self-check/"
HOW_WE_TEST = "/self-check/how-we-test/"
# The same pages in Spanish: the path alone names the language.
START_ES = "/es/self-check/"
CHECK_ES = "/es/self-check/check/"
HOW_WE_TEST_ES = "/es/self-check/how-we-test/"
ROUTINE = [
    {"emergency": "none"},
    {"urgent": "none"},
    {"symptoms": "none", "other_signs": "none"},
    {"risks": ["metformin"], "age": "from_16_to_64"},
]
# The sentences the Spanish pages show about their translation (locale/es/LC_MESSAGES/django.po).
UPDATING = "La versión en español se está actualizando; mientras tanto, se muestra en inglés."
UNREVIEWED = "Traducción pendiente de revisión por un profesional sanitario hispanohablante."
# What an English page never shows: the note, or either sentence in English.
NOTE_MARKS = ("translation-notice", "is being updated", "Translation not yet reviewed")

pytestmark = pytest.mark.django_db


def spanish():
    return apps.get_app_config("selfcheck").languages["es"]


def shape(definition):
    """Everything in a definition but its words: what every language must share."""
    return {
        "header": (
            definition.version,
            definition.updated,
            definition.last_reviewed,
            definition.next_review_due,
            definition.reviewed_by,
        ),
        "steps": [
            (
                step.id,
                bool(step.intro),
                [
                    (
                        q.id,
                        q.kind,
                        q.required,
                        q.ask_if,
                        q.floor,
                        bool(q.hint),
                        bool(q.none_label),
                        [(o.id, bool(o.hint)) for o in q.options],
                    )
                    for q in step.questions
                ],
            )
            for step in definition.steps
        ],
        "rules": [(r.id, r.level, r.when, r.advice) for r in definition.rules],
        "basis": definition.basis,
        "results": {
            level: (
                result.level,
                [link.url for link in result.articles],
                [len(getattr(result, name)) for name in ("do", "bring", "ask", "safety_net")],
            )
            for level, result in definition.results.items()
        },
        "advice": {a.id: a.link.url if a.link else None for a in definition.advice.values()},
    }


def is_sentence(text):
    """Words a translator must have translated; not a guideline's name such as "NICE NG239 1.2.5"."""
    return len(re.findall(r"\b[a-z]{2,}\b", text)) >= 2


# --- the rules are the same in every language ---------------------------------------------------


def test_the_spanish_check_has_the_english_rules_and_only_its_words_differ():
    english, es = site_definition(), spanish()

    assert es.translation is not None and not es.translation.is_stale
    assert es.definition is not english
    assert shape(es.definition) == shape(english)
    assert es.definition.rules == english.rules
    assert es.definition.steps[0].title != english.steps[0].title


def test_the_shape_tells_a_changed_rule_or_floor_apart():
    """The comparison above can fail: a level or a floor changed is a different shape."""
    english = site_definition()
    rule = dataclasses.replace(english.rules[0], level=engine.ROUTINE)
    step = english.steps[0]
    question = dataclasses.replace(step.questions[0], floor=engine.SOON)
    floored = dataclasses.replace(english, steps=(dataclasses.replace(step, questions=(question,)),))

    assert shape(dataclasses.replace(english, rules=(rule, *english.rules[1:]))) != shape(english)
    assert shape(floored) != shape(english)


def test_every_answer_alone_and_every_case_gets_the_same_level_in_spanish():
    english, es = site_definition(), spanish().definition

    for question in english.questions:
        for option in question.options:
            answers = {question.id: {option.id}}
            assert es.evaluate(answers) == english.evaluate(answers), (question.id, option.id)
    for case in apps.get_app_config("selfcheck").cases.cases:
        assert es.evaluate(case.answers) == english.evaluate(case.answers), case.number
    for step in english.steps:
        for level in engine.LEVELS:
            assert es.can_rise_after(step.id, level) == english.can_rise_after(step.id, level)


def test_every_spanish_text_is_there_and_every_sentence_is_translated():
    english, es = list(all_texts(site_definition())), list(all_texts(spanish().definition))

    assert [where for where, _ in es] == [where for where, _ in english]
    for (where, english_text), (_, spanish_text) in zip(english, es, strict=True):
        assert bool(spanish_text.strip()) == bool(english_text.strip()), where
        if is_sentence(english_text):
            assert spanish_text != english_text, where


def test_the_spanish_cases_are_the_english_cases_in_other_words():
    english, es = apps.get_app_config("selfcheck").cases, spanish()

    assert not es.cases_translation.is_stale
    assert es.cases is not english
    assert es.cases_definition is es.definition
    assert [(g.id, len(g.cases)) for g in es.cases.groups] == [(g.id, len(g.cases)) for g in english.groups]
    for ours, theirs in zip(es.cases.cases, english.cases, strict=True):
        assert (ours.number, ours.group, ours.answers, ours.lowest, ours.highest) == (
            theirs.number,
            theirs.group,
            theirs.answers,
            theirs.lowest,
            theirs.highest,
        )
        assert ours.description and ours.description != theirs.description
        assert ours.source.strip()
        if is_sentence(theirs.source):
            assert ours.source != theirs.source, ours.number


def test_the_shipped_translations_name_todays_english_files():
    english = site_definition()
    for translated in (spanish().translation, spanish().cases_translation):
        assert translated.source_version == translated.english_version
        assert translated.missing == ()
    assert overlay.stale_overlays() == []
    assert languages.definition_for("es") is spanish().definition
    assert languages.definition_for("en-gb") is english
    assert languages.definition_for(None) is english


# --- a translation can change words, nothing else -------------------------------------------------


@pytest.fixture
def content(content_copy_every_language):
    """A writable copy of the content folder, its translations included."""
    return content_copy_every_language


def changed(content, change, name="selfcheck.yaml"):
    """The copy's Spanish file `name`, after `change` edited its texts."""
    path = content / "es" / name
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data["texts"])
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return content


def emergency_question(texts):
    return texts["steps"]["emergency"]["questions"]["emergency"]


REFUSED = {
    "an option the English does not have": (
        lambda t: emergency_question(t)["options"].update({"chest_ache": {"label": "Dolor"}}),
        "texts: steps 'emergency': questions 'emergency': options: 'chest_ache' is not an id in the English file",
    ),
    "a field the English does not have": (
        lambda t: emergency_question(t)["options"]["chest_pain"].update({"colour": "rojo"}),
        "options 'chest_pain': colour: is not in the English file",
    ),
    "a number for a text": (
        lambda t: t["results"]["emergency"].update({"title": 999}),
        "texts: results: emergency: title: must be text, not int 999",
    ),
    "an empty text": (
        lambda t: t["results"]["urgent"].update({"summary": " "}),
        "texts: results: urgent: summary: is empty",
    ),
    "a floor": (
        lambda t: emergency_question(t).update({"floor": "routine"}),
        "questions 'emergency': floor: is not a text in the English file; a translation changes only words",
    ),
    "a rule's level": (
        lambda t: t.update({"rules": {"stroke-or-tia-signs": {"level": "routine"}}}),
        "texts: rules 'stroke-or-tia-signs': level: is not a text in the English file",
    ),
    "a link's address": (
        lambda t: t["results"]["urgent"]["articles"][0].update({"url": "/es/articles/otro/"}),
        "texts: results: urgent: articles[0]: url: is not a text in the English file",
    ),
    "a line the English does not have": (
        lambda t: t["results"]["emergency"]["do"].append("Una línea más."),
        "texts: results: emergency: do: has 5 texts, the English file 4",
    ),
    "a number to call left out": (
        lambda t: t["results"]["emergency"].update({"title": "Llame ahora"}),
        "texts: results: emergency: title: must keep the English text's placeholders ({emergency_number})",
    ),
    "a number to call added": (
        lambda t: t["results"]["routine"].update({"title": "Llame al {crisis_line}"}),
        "texts: results: routine: title: must keep the English text's placeholders (no placeholders)",
    ),
}


@pytest.mark.parametrize("name", list(REFUSED))
def test_a_translation_that_changes_more_than_words_is_refused_by_name(content, name):
    change, message = REFUSED[name]
    changed(content, change)

    with pytest.raises(DefinitionError, match=re.escape(message)) as refused:
        load_translation(content, "es", site_definition())
    assert str(content / "es" / "selfcheck.yaml") in str(refused.value)


def test_the_translated_words_pass_the_english_checks_too(content):
    """The merged file goes through the same builder: wording that reads as a diagnosis is refused."""
    changed(content, lambda t: t["results"]["routine"].update({"summary": "This means you have low B12."}))

    with pytest.raises(DefinitionError, match="results: routine: summary: 'This means' reads as a diagnosis"):
        load_translation(content, "es", site_definition())


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        (
            "translation_of",
            "result-explainer.yaml",
            "translation_of: 'result-explainer.yaml' is not 'selfcheck.yaml'",
        ),
        ("source_version", 123456789012, "source_version: must be the first 12 hex digits"),
        ("reviewed_by", "Dr A", "reviewed_by and last_reviewed: fill in both"),
        ("texts", ["a list"], "texts: expected a mapping"),
    ],
)
def test_a_translation_with_a_wrong_header_is_refused(content, field, value, message):
    path = content / "es" / "selfcheck.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data[field] = value
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")

    with pytest.raises(DefinitionError, match=re.escape(message)):
        load_translation(content, "es", site_definition())


def test_the_cases_translation_changes_only_words_too(content):
    def change(texts):
        texts["groups"]["emergency-signs"]["cases"][0]["lowest"] = "routine"

    changed(content, change, case_file.FILE_NAME)
    english = apps.get_app_config("selfcheck").cases

    with pytest.raises(case_file.CasesError, match=r"cases\[0\]: lowest: is not a text in the English file"):
        case_file.load_translation(content, "es", site_definition(), english)


# --- a stale translation is not shown ------------------------------------------------------------


def test_when_the_english_changes_the_spanish_check_is_the_english_one(content):
    english_file = content / "selfcheck.yaml"
    english_file.write_text(english_file.read_text(encoding="utf-8") + "# changed\n", encoding="utf-8")
    # Texts that no longer fit are not even read: the translator looks at them again first.
    changed(content, lambda t: emergency_question(t)["options"].update({"gone": {"label": "x"}}))
    english = load(english_file)

    definition, translated = load_translation(content, "es", english)

    assert definition is english
    assert translated.is_stale
    assert translated.source_version == "a66465e0db35" != translated.english_version
    assert translated.english_version == overlay.version(english_file)
    assert "the English file has changed since this translation" in translated.stale_reason


def test_when_a_text_is_missing_the_spanish_check_is_the_english_one(content):
    changed(content, lambda t: emergency_question(t).pop("hint"))
    english = site_definition()

    definition, translated = load_translation(content, "es", english)

    assert definition is english
    assert translated.missing == ("steps 'emergency': questions 'emergency': hint",)
    assert translated.stale_reason == (
        "an English text has no translation: steps 'emergency': questions 'emergency': hint"
    )


def test_without_a_translation_file_the_check_is_in_english(content_copy):
    assert not (content_copy / "es").exists()
    definition, translated = load_translation(content_copy, "es", site_definition())

    assert definition is site_definition()
    assert translated.stale_reason == "there is no translation of this file yet"


def test_a_stale_translation_lets_the_site_start_and_is_listed_for_the_editors(
    content, settings, monkeypatch
):
    english_file = content / case_file.FILE_NAME
    english_file.write_text(english_file.read_text(encoding="utf-8") + "# changed\n", encoding="utf-8")
    config = apps.get_app_config("selfcheck")
    for name in ("definition", "cases", "languages"):
        monkeypatch.setattr(config, name, getattr(config, name))  # put back after the test
    monkeypatch.setattr(overlay, "_loaded", {})
    settings.CONTENT_DIR = content

    config.ready()

    es = config.languages["es"]
    assert not es.translation.is_stale and es.definition is not config.definition
    # The cases page words answers with the definition: both in English, never half of each.
    assert es.cases is config.cases and es.cases_definition is config.definition
    [(file, reason)] = overlay.stale_overlays()
    assert file == "content/es/selfcheck-cases.yaml"
    assert "the English file has changed" in reason


def test_a_broken_translation_stops_the_site_at_start_up_naming_it(content, settings):
    changed(content, lambda t: t["results"]["emergency"].update({"title": 999}))
    settings.CONTENT_DIR = content
    config = apps.get_app_config("selfcheck")
    loaded = config.languages

    with pytest.raises(
        ImproperlyConfigured, match=r"The self-check cannot start: .*es/selfcheck\.yaml: texts"
    ):
        config.ready()
    assert config.languages is loaded


# --- the pages -----------------------------------------------------------------------------------


def has_note(response):
    page = response.content.decode()
    return any(mark in page for mark in NOTE_MARKS)


def test_the_spanish_start_page_says_the_translation_awaits_a_clinicians_review(client):
    spanish_page, english_page = client.get(START_ES), client.get(START)

    assert UNREVIEWED in text_of(spanish_page)
    assert UPDATING not in text_of(spanish_page)
    assert not has_note(english_page)


def test_a_signed_off_translation_says_nothing_about_itself(client, monkeypatch):
    es = spanish()
    signed = dataclasses.replace(
        es.translation, reviewed_by="Dra. Ejemplo", last_reviewed=es.definition.updated
    )
    monkeypatch.setitem(
        apps.get_app_config("selfcheck").languages, "es", dataclasses.replace(es, translation=signed)
    )
    assert not has_note(client.get(START_ES))


def test_a_spanish_step_asks_the_english_question_in_spanish(client):
    es = spanish().definition
    response = client.get(CHECK_ES)
    step = es.steps[0]

    assert response.context["step"] is step
    assert f"<h1>{step.title}</h1>" in response.content.decode()
    text = text_of(response)
    for option in step.questions[0].options:
        assert option.label in text
    assert site_definition().steps[0].title not in text
    assert UNREVIEWED not in text


def test_a_spanish_result_gives_the_english_level_in_spanish(client):
    es, english = spanish().definition, site_definition()
    response = walk(client, ROUTINE, url=CHECK_ES)
    text = text_of(response)

    assert response.context["level"] == walk(client, ROUTINE).context["level"] == engine.ROUTINE
    assert es.results["routine"].summary in text
    assert es.question("risks").option("metformin").summary in text
    assert english.results["routine"].summary not in text
    assert UNREVIEWED in text


def test_spanish_answers_walk_the_same_pages_to_the_same_levels(client):
    """A case from each group, answered page by page in Spanish."""
    english = apps.get_app_config("selfcheck").cases
    for group in english.groups:
        case = group.cases[-1]
        response = walk(client, case.posts(site_definition()), url=CHECK_ES)
        assert response.context["level"] == site_definition().evaluate(case.answers).level, case.number


def test_the_spanish_how_we_test_page_shows_the_spanish_cases_with_the_same_verdicts(client):
    spanish_page, english_page = client.get(HOW_WE_TEST_ES), client.get(HOW_WE_TEST)
    text = text_of(spanish_page)

    for key in ("total", "under", "over"):
        assert spanish_page.context[key] == english_page.context[key]
    assert spanish().cases.cases[0].description in text
    assert apps.get_app_config("selfcheck").cases.cases[0].description not in text
    assert UNREVIEWED in text


@pytest.fixture
def stale(monkeypatch):
    """The Spanish check as the site has it when the English changed after the translation."""
    config = apps.get_app_config("selfcheck")
    es = config.languages["es"]
    behind = dataclasses.replace(es.translation, source_version="0" * 12)
    monkeypatch.setitem(
        config.languages,
        "es",
        languages.InLanguage(
            config.definition, behind, config.definition, config.cases, es.cases_translation
        ),
    )
    return config


def test_a_stale_translation_shows_the_english_check_with_one_spanish_sentence(client, stale):
    english = stale.definition
    start, step = client.get(START_ES), client.get(CHECK_ES)
    result = walk(client, ROUTINE, url=CHECK_ES)

    for response in (start, step, result):
        text = text_of(response)
        assert text.count(UPDATING) == 1
        assert UNREVIEWED not in text
    assert english.steps[0].title in text_of(step)
    assert english.results["routine"].summary in text_of(result)
    assert result.context["level"] == engine.ROUTINE
    assert UPDATING in text_of(client.get(HOW_WE_TEST_ES))


def test_a_stale_translation_leaves_the_english_pages_alone(client, stale):
    assert not has_note(client.get(START))
    assert not has_note(walk(client, ROUTINE))


# --- the shared overlay, on its own ---------------------------------------------------------------

ENGLISH = {
    "version": 1,
    "steps": [
        {"id": "a", "title": "First", "questions": [{"id": "q", "label": "Which?", "floor": "soon"}]},
        {"id": "b", "title": "Second", "questions": []},
    ],
    "links": [{"title": "Read", "url": "/read/"}, {"title": "More", "url": "/more/"}],
    "do": ["Call {emergency_number}.", "Rest."],
}
FIELDS = ("title", "label", "do")


def test_apply_lays_texts_by_id_and_by_position_and_reports_what_is_missing():
    texts = {
        "steps": {"b": {"title": "Segundo"}, "a": {"questions": {"q": {"label": "¿Cuál?"}}}},
        "links": [{"title": "Leer"}],
        "do": ["Llame al {emergency_number}."],
    }

    merged, missing = overlay.apply(ENGLISH, texts, FIELDS)

    assert merged == {
        "version": 1,
        "steps": [
            {"id": "a", "title": "First", "questions": [{"id": "q", "label": "¿Cuál?", "floor": "soon"}]},
            {"id": "b", "title": "Segundo", "questions": []},
        ],
        "links": [{"title": "Leer", "url": "/read/"}, {"title": "More", "url": "/more/"}],
        "do": ["Llame al {emergency_number}.", "Rest."],
    }
    assert missing == ("steps 'a': title", "links[1]: title", "do[1]")
    assert ENGLISH["steps"][0]["questions"][0]["label"] == "Which?"  # the English is left as it was


@pytest.mark.parametrize(
    ("texts", "message"),
    [
        ({"version": 2}, "texts: version: is not a text in the English file"),
        ({"steps": {"c": {"title": "x"}}}, "texts: steps: 'c' is not an id in the English file"),
        ({"steps": [{"title": "x"}]}, "texts: steps: expected the items by id"),
        ({"steps": {"a": {"id": "z"}}}, "texts: steps 'a': id: is not a text in the English file"),
        ({"steps": {"a": {"questions": {"q": {"floor": "urgent"}}}}}, "questions 'q': floor: is not a text"),
        ({"links": [{}, {}, {}]}, "texts: links: has 3 items, the English file 2"),
        ({"links": [{"url": "/x/"}]}, "texts: links[0]: url: is not a text in the English file"),
        ({"do": "Llame."}, "texts: do: expected a list of texts"),
        ({"do": [1.5]}, "texts: do[0]: must be text, not float 1.5"),
        ({"steps": {"a": {"title": None}}}, "texts: steps 'a': title: must be text, not nothing"),
        ({"extra": "x"}, "texts: extra: is not in the English file"),
    ],
)
def test_apply_refuses_anything_but_words_naming_the_place(texts, message):
    with pytest.raises(DataFileError, match=re.escape(message)):
        overlay.apply(ENGLISH, texts, FIELDS)


def test_the_version_is_the_start_of_the_sha256_of_the_file(tmp_path):
    path = tmp_path / "file.yaml"
    path.write_bytes(b"abc")
    assert overlay.version(path) == "ba7816bf8f01"
