"""The interface's translations: a complete Spanish catalogue, every public template's words
marked for translation, and pages that, with Spanish active, show no English interface string.

The content (articles, questions, the self-check's and the explainer's YAML) has its own
Spanish texts in content/es/ and is not translated here, so the pages below still show English
content: the checks look for the interface's own English sentences, taken from the catalogue.
"""

import functools
import html
import re
from pathlib import Path
from types import SimpleNamespace

import polib
import pytest
from django.conf import settings
from django.template.base import Lexer, TokenType
from django.template.loader import render_to_string
from django.utils import translation

from config import views as error_views
from tests.selfcheck.walk import walk
from tools import compilemessages

ROOT = Path(settings.BASE_DIR)
PO = ROOT / "locale" / "es" / "LC_MESSAGES" / "django.po"
TEMPLATES = ROOT / "templates"
# The editors' own screens stay in English; the review reminder they are e-mailed is translated.
ENGLISH_ONLY = ("admin", "editorial")
TRANSLATED_ANYWAY = {"editorial/reminder_email.txt"}
# Attributes for <body>, no words: what kiosk.js reads.
NOT_TEXT = {"kiosk/includes/screen_data.html"}

PERCENT = re.compile(r"%\(\w+\)[sd]|%[sd]")
BRACES = re.compile(r"\{\w*\}")
TAGS = re.compile(r"<[!/]?[A-Za-z][^>]*>")
ENTITIES = re.compile(r"&#?\w+;")


def catalogue():
    return polib.pofile(str(PO))


def forms(entry):
    """Every translated form of an entry: its msgstr, or each plural form."""
    return list(entry.msgstr_plural.values()) if entry.msgid_plural else [entry.msgstr]


# --- the catalogue ---------------------------------------------------------------------------


def test_every_spanish_entry_is_translated_and_none_is_fuzzy_or_obsolete():
    po = catalogue()

    assert len(po) > 300
    assert [e.msgid for e in po.untranslated_entries()] == []
    assert [e.msgid for e in po.fuzzy_entries()] == []
    assert [e.msgid for e in po.obsolete_entries()] == []
    assert not po.metadata_is_fuzzy
    assert po.metadata["Language"] == "es"
    for entry in po:
        assert all(text.strip() for text in forms(entry)), entry.msgid


def test_the_plural_entries_have_every_form_spanish_needs():
    po = catalogue()
    nplurals = int(re.search(r"nplurals=(\d+)", po.metadata["Plural-Forms"]).group(1))
    plurals = [e for e in po if e.msgid_plural]

    assert plurals
    for entry in plurals:
        assert sorted(entry.msgstr_plural) == list(range(nplurals)), entry.msgid


@pytest.mark.parametrize(
    "pattern", [PERCENT, BRACES, TAGS, ENTITIES], ids=["percent", "braces", "tags", "entities"]
)
def test_placeholders_tags_and_entities_are_kept_exactly(pattern):
    wrong = []
    for entry in catalogue():
        expected = sorted(pattern.findall(entry.msgid))
        if entry.msgid_plural:
            expected = sorted(set(expected) | set(pattern.findall(entry.msgid_plural)))
        for text in forms(entry):
            found = (
                sorted(set(pattern.findall(text))) if entry.msgid_plural else sorted(pattern.findall(text))
            )
            if found != (sorted(set(expected)) if entry.msgid_plural else expected):
                wrong.append((entry.msgid, text))
    assert wrong == []


def test_a_translation_that_drops_a_placeholder_is_caught():
    """The check above can fail: a msgstr without its placeholder is not the msgid's shape."""
    entry = polib.POEntry(msgid="Call %(number)s now", msgstr="Llame ahora")
    assert sorted(PERCENT.findall(entry.msgid)) != sorted(PERCENT.findall(entry.msgstr))


# --- compiling -------------------------------------------------------------------------------


def test_the_catalogue_compiles_to_a_mo_that_gettext_reads(tmp_path):
    import gettext

    po = tmp_path / "es" / "LC_MESSAGES" / "django.po"
    po.parent.mkdir(parents=True)
    po.write_bytes(PO.read_bytes())

    written = compilemessages.compile_messages(locale=tmp_path)
    with (po.with_suffix(".mo")).open("rb") as mo:
        compiled = gettext.GNUTranslations(mo)

    assert written == [po.with_suffix(".mo")]
    assert compiled.gettext("Start again") == "Empezar de nuevo"
    assert compiled.pgettext("the language tag of a page's html element", "en-GB") == "es"
    one = "%(counter)s result for “%(query)s”."
    many = "%(counter)s results for “%(query)s”."
    assert compiled.ngettext(one, many, 1) == "%(counter)s resultado para «%(query)s»."
    assert compiled.ngettext(one, many, 3) == "%(counter)s resultados para «%(query)s»."
    # Up to date now: nothing is compiled again until the .po changes.
    assert compilemessages.compile_messages(locale=tmp_path) == []
    assert not compilemessages.out_of_date(po)


def test_fuzzy_and_untranslated_entries_are_left_out_of_the_mo(tmp_path):
    import gettext

    po = polib.POFile()
    po.metadata = {"Content-Type": "text/plain; charset=UTF-8", "Language": "es"}
    po.append(polib.POEntry(msgid="Back", msgstr="Volver"))
    po.append(polib.POEntry(msgid="Continue", msgstr="Seguir", flags=["fuzzy"]))
    po.append(polib.POEntry(msgid="Search", msgstr=""))
    path = tmp_path / "django.po"
    po.save(str(path))

    with compilemessages.compile_file(path).open("rb") as mo:
        compiled = gettext.GNUTranslations(mo)

    assert compiled.gettext("Back") == "Volver"
    assert compiled.gettext("Continue") == "Continue"
    assert compiled.gettext("Search") == "Search"


def test_the_tests_run_with_the_compiled_spanish_catalogue():
    assert not compilemessages.out_of_date(PO)
    with translation.override("es"):
        assert translation.gettext("Skip to main content") == "Ir al contenido principal"


# --- settings --------------------------------------------------------------------------------


def test_english_and_spanish_are_the_languages_and_the_path_alone_chooses():
    assert settings.LANGUAGE_CODE == "en-gb"
    assert [code for code, _ in settings.LANGUAGES] == ["en-gb", "es"]
    assert ROOT / "locale" in [Path(p) for p in settings.LOCALE_PATHS]
    # LocaleMiddleware would add Vary: Accept-Language, which the page cache refuses.
    assert "django.middleware.locale.LocaleMiddleware" not in settings.MIDDLEWARE


# --- every public template's words are marked --------------------------------------------------


def public_templates():
    for path in sorted(TEMPLATES.rglob("*")):
        name = path.relative_to(TEMPLATES).as_posix()
        if (
            path.suffix in (".html", ".txt")
            and name not in NOT_TEXT
            and (name.split("/")[0] not in ENGLISH_ONLY or name in TRANSLATED_ANYWAY)
        ):
            yield name


# Blocks whose text is a class name or a mode, never words a person reads.
NOT_WORDS_BLOCKS = {"body_class", "idle_mode"}
READ_ATTRIBUTES = re.compile(r'\b(?:aria-label|alt|title|placeholder)="([^"]*)"')


def unmarked_words(source: str) -> list[str]:
    """The words in a template that reach a reader without passing through translation: text
    outside {% translate %} and {% blocktranslate %}, in the page or in aria-label, alt, title
    or placeholder attributes. Tags, variables and comments are not words."""
    parts, skipping = [], []
    for token in Lexer(source).tokenize():
        content = token.contents.split()
        name = content[0] if content else ""
        if token.token_type == TokenType.BLOCK:
            if name in ("blocktranslate", "blocktrans", "comment") or (
                name == "block" and len(content) > 1 and content[1] in NOT_WORDS_BLOCKS
            ):
                skipping.append(name)
            elif skipping and name in ("endblocktranslate", "endblocktrans", "endcomment", "endblock"):
                skipping.pop()
            parts.append("\x00")
        elif token.token_type == TokenType.VAR:
            parts.append("\x00")
        elif token.token_type == TokenType.TEXT and not skipping:
            parts.append(token.contents)
    page = "".join(parts)
    found = [
        value for value in READ_ATTRIBUTES.findall(page) if re.search(r"[A-Za-z]", value.replace("\x00", ""))
    ]
    text = ENTITIES.sub(" ", TAGS.sub(" ", page)).replace("\x00", " ")
    found += [word for word in text.split() if re.search(r"[A-Za-z]", word)]
    return found


@pytest.mark.parametrize("name", list(public_templates()))
def test_every_word_a_reader_sees_in_a_public_template_is_marked_for_translation(name):
    assert unmarked_words((TEMPLATES / name).read_text()) == []


def test_an_unmarked_word_is_found():
    source = '{% load i18n %}<p class="x">{% translate "Back" %}</p><nav aria-label="Main">Home {{ x }}</nav>'
    assert unmarked_words(source) == ["Main", "Home"]
    assert unmarked_words("{% blocktranslate %}Call {{ n }}{% endblocktranslate %}{# Note #}") == []


# --- pages with Spanish active -----------------------------------------------------------------


@functools.cache
def english_content() -> str:
    """All the English content's text, its whitespace collapsed: a phrase the content also uses
    may rightly stay on these pages, whose content rows are still the English ones."""
    files = [p for p in (ROOT / "content").rglob("*") if p.suffix in (".md", ".yaml") and "es" not in p.parts]
    return " ".join(" ".join(p.read_text() for p in files).split())


@functools.cache
def english_phrases() -> frozenset:
    """The interface's English, in pieces of three words or more between placeholders and tags,
    that the content does not also use: none of them may be left on a page shown in Spanish."""
    phrases = set()
    for entry in catalogue():
        if entry.msgstr == entry.msgid:
            continue
        for msgid in filter(None, (entry.msgid, entry.msgid_plural)):
            for piece in re.split(r"%\(\w+\)[sd]|\{\w*\}|<[^>]*>|&\w+;", msgid):
                piece = piece.strip(" .,:;?!()“”‘’'\"–-")
                if len(piece.split()) >= 3 and piece not in english_content():
                    phrases.add(piece)
    return frozenset(phrases)


# A few short interface words, each as it appears in the markup, that must not survive either.
ENGLISH_MARKUP = [
    # (the link to the English page rightly says lang="en-GB")
    '<html lang="en-GB"',
    ">Search</button>",
    "Skip to main content",
    "<strong>In an emergency",
    "Start again",
    "Start over",
    "Print this page",
    ">Home<",
    ">Continue<",
    ">Back<",
    ">Sources<",
    "There is a problem",
    "Page last updated",
    'aria-label="Main"',
    'content="en_GB"',
]


def readable(page: str) -> str:
    """What a person or a screen reader meets: the text, and the attributes read out."""
    page = re.sub(r"<(script|style)\b.*?</\1>", " ", page, flags=re.DOTALL)
    attributes = " ".join(re.findall(r'\b(?:aria-label|alt|title|placeholder|content)="([^"]*)"', page))
    return html.unescape(" ".join(TAGS.sub(" ", page).split()) + " " + attributes)


def assert_spanish(page: str):
    text = readable(page)
    left = sorted(phrase for phrase in english_phrases() if phrase in text)
    left += [word for word in ENGLISH_MARKUP if word in page]
    assert left == [], left


ARTICLE = "low-b12-and-cancer"
ENGLISH_ADDRESSES = [
    "/",
    "/articles/",
    f"/articles/{ARTICLE}/",
    "/faq/",
    "/topics/low-b12/",
    "/about/",
    "/self-check/",
    "/self-check/check/",
    "/self-check/how-we-test/",
    "/my-result/",
    "/search/",
    "/search/?q=injection",
    "/search/?q=zzqqxx",
    "/no-such-page/",
    f"/feedback/article/{ARTICLE}/thanks/",
    "/kiosk/",
    "/kiosk/articles/",
    f"/kiosk/articles/{ARTICLE}/",
    "/kiosk/faq/",
    "/kiosk/topics/low-b12/",
    "/kiosk/self-check/",
    "/kiosk/self-check/check/",
    "/kiosk/my-result/",
]


def in_spanish(url: str) -> str:
    """The Spanish address of an English one: /es/... on the site, /kiosk/es/... on the kiosk."""
    if url.startswith("/kiosk/"):
        return "/kiosk/es/" + url.removeprefix("/kiosk/")
    return "/es" + url


SPANISH_GETS = [in_spanish(url) for url in ENGLISH_ADDRESSES]


@pytest.mark.parametrize("url", SPANISH_GETS)
def test_a_page_shown_in_spanish_has_no_english_interface_string(client, every_language, url):
    response = client.get(url)
    page = response.content.decode()

    assert response.status_code in (200, 404)
    assert '<html lang="es"' in page
    assert_spanish(page)


NOTHING_URGENT = [{"emergency": "none"}, {"urgent": "none"}]
ROUTINE = [
    *NOTHING_URGENT,
    {"symptoms": "none", "other_signs": "none"},
    {"risks": ["metformin"], "age": "from_16_to_64"},
]
TOTAL = {"test": "total", "unit": "pg/mL"}
SPANISH_POSTS = {
    "self-check result": ("/es/self-check/check/", ROUTINE),
    "self-check emergency": ("/es/self-check/check/", [{"emergency": ["chest_pain"]}]),
    "self-check, nothing ticked": ("/es/self-check/check/", [{}]),
    "self-check, none and a sign": ("/es/self-check/check/", [{"emergency": ["none", "chest_pain"]}]),
    "kiosk self-check result": ("/kiosk/es/self-check/check/", ROUTINE),
    "explainer, NICE bands": ("/es/my-result/", {**TOTAL, "value": "250"}),
    "explainer, just below": ("/es/my-result/", {**TOTAL, "value": "179.999"}),
    "explainer, very high": (
        "/es/my-result/",
        {**TOTAL, "value": "2500", "on_b12": "on", "pregnant": "on", "nerve": "on"},
    ),
    "explainer, lab range": (
        "/es/my-result/",
        {**TOTAL, "value": "250", "lab_low": "200", "lab_high": "900"},
    ),
    "explainer, lab range edge": (
        "/es/my-result/",
        {**TOTAL, "value": "200", "lab_low": "200", "lab_high": "900"},
    ),
    "explainer, below lab range": (
        "/es/my-result/",
        {**TOTAL, "value": "150", "lab_low": "200", "lab_high": "900"},
    ),
    "explainer, active": (
        "/es/my-result/",
        {"test": "active", "unit": "pmol/L", "value": "20", "nerve": "on"},
    ),
    "explainer, pmol": ("/es/my-result/", {**TOTAL, "unit": "pmol/L", "value": "900"}),
    "explainer, mistakes": (
        "/es/my-result/",
        {"test": "active", "unit": "pg/mL", "value": "1,200", "lab_low": "9"},
    ),
    "explainer, empty": ("/es/my-result/", {}),
    "kiosk explainer key": ("/kiosk/es/my-result/", {"key": "5", "focus": "lab_low"}),
    "kiosk explainer mistakes": ("/kiosk/es/my-result/", {"action": "explain", "value": "abc"}),
    "feedback refused": (f"/es/feedback/article/{ARTICLE}/", {"comment": "x" * 600}),
    "self-check, unreadable answers": ("/es/self-check/check/", {"state": "not-a-state"}),
}


@pytest.mark.parametrize("name", list(SPANISH_POSTS))
def test_a_form_answered_in_spanish_has_no_english_interface_string(client, every_language, name):
    url, posted = SPANISH_POSTS[name]
    if isinstance(posted, list):
        response = (
            walk(client, posted, url=url)
            if posted != [{}]
            else client.post(url, {"state": client.get(url).context["state"]})
        )
    else:
        response = client.post(url, posted, HTTP_ORIGIN="http://testserver")
    page = response.content.decode()

    assert response.status_code in (200, 400)
    assert '<html lang="es"' in page
    assert_spanish(page)


@pytest.mark.parametrize("kiosk", [False, True], ids=["public", "kiosk"])
def test_the_error_pages_in_spanish_have_no_english_interface_string(rf, db, kiosk):
    prefix = "/kiosk" if kiosk else ""
    with translation.override("es"):
        pages = [
            error_views.bad_request(rf.get(f"{prefix}/x/"), None),
            error_views.too_many_requests(rf.get(f"{prefix}/x/"), 60),
            error_views.too_many_requests(rf.get(f"{prefix}/x/"), 300),
            error_views.server_error(rf.get(f"{prefix}/x/")),
        ]
        for name in ("503.html", "500.html"):
            pages.append(
                SimpleNamespace(
                    content=render_to_string(
                        ("kiosk/" if kiosk else "") + name, {"emergency_number": "999"}
                    ).encode()
                )
            )
        fallback = error_views.fallback_page("999")
    for page in pages:
        assert_spanish(page.content.decode())
    assert_spanish(fallback)
    assert "<html lang='es'>" in fallback
    assert "1 minuto" in pages[1].content.decode()
    assert "unos 5 minutos" in pages[2].content.decode()


def test_the_review_reminder_in_spanish_has_no_english_interface_string():
    entry = SimpleNamespace(
        title="B12 tests explained",
        kind="Article",
        signoff=SimpleNamespace(next_review_due=None, last_reviewed=None, reviewed_by="Dr A"),
    )
    board = SimpleNamespace(overdue=[entry], due_soon=[entry], awaiting=[1, 2])
    with translation.override("es"):
        text = render_to_string(
            "editorial/reminder_email.txt",
            {"name": "Ana", "board": board, "site_url": "https://x", "days": 30},
        )

    assert "Hola, Ana:" in text
    assert "2 cambios están esperando una decisión" in text
    assert_spanish(text)


def test_the_kiosk_qr_code_is_titled_in_the_language_it_is_shown_in():
    from kiosk import qr

    with translation.override("es"):
        spanish = qr.qr_svg("https://example.org/")
    english = qr.qr_svg("https://example.org/")

    assert "Código QR que abre esta página en un teléfono" in spanish
    assert "QR code that opens this page on a phone" in english


def test_dates_are_written_in_spanish_order_on_a_spanish_page(client, every_language):
    text = readable(client.get("/es/self-check/").content.decode())

    assert re.search(r"Última actualización de la página: \d{1,2} de [a-z]+ de \d{4}", text), text
