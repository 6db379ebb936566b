"""The rules of test_content_rules, held to the Spanish texts in content/es/.

The Spanish files are read and rendered here as the content sync renders the English ones, so
the rules hold whatever the site serves: reading level (INFLESZ instead of a grade), no
diagnosis (the Spanish list of common.wording), links that lead to Spanish items and anchors
that exist, the shared emergency box and its tiers, and the safety sentences the clinical
read asked for, in the words the translation gives them.
"""

import re
from dataclasses import dataclass
from functools import cache
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml
from django.conf import settings
from django.urls import Resolver404, resolve
from django.utils import translation

from articles import boxes
from articles.content_files import FRONT_MATTER, KINDS
from articles.readability import TARGET_INFLESZ, measure
from articles.rendering import normalise_source, render_markdown
from common.wording import diagnostic_phrase, page_diagnostic_phrases
from tests.conftest import CONTENT_DIR

SPANISH_DIR = CONTENT_DIR / "es"
SPANISH_DATA_FILES = ["selfcheck.yaml", "selfcheck-cases.yaml", "result-explainer.yaml"]
PREFIX = "/es"


@dataclass(frozen=True)
class Item:
    folder: str
    slug: str
    meta: dict
    source: str
    html: str

    @property
    def name(self):
        return f"{self.folder}/{self.slug}"

    @property
    def published(self):
        return self.meta.get("status") == "published"

    def text(self):
        """What a reader sees of the item: its title or question, its summary and its body."""
        fields = [str(self.meta.get(name) or "") for name in ("title", "question", "summary")]
        return " ".join([*fields, *parse(self.html).text])


class _Page(HTMLParser):
    def __init__(self):
        super().__init__()
        self.hrefs, self.ids, self.text = [], set(), []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in ("a", "img") and (attrs.get("href") or attrs.get("src")):
            self.hrefs.append(attrs.get("href") or attrs["src"])
        if attrs.get("id"):
            self.ids.add(attrs["id"])

    def handle_data(self, data):
        self.text.append(data)


def parse(html):
    parser = _Page()
    parser.feed(html)
    return parser


def read_item(folder, path):
    match = FRONT_MATTER.match(path.read_text(encoding="utf-8").lstrip("\ufeff"))
    meta = yaml.safe_load(match.group(1))
    source = normalise_source(match.group(2))
    # Callouts without a title take theirs from the catalogue: render as the Spanish page would.
    with translation.override("es"):
        html = render_markdown(source).html
    return Item(folder, meta.get("slug") or path.stem, meta, source, html)


@cache
def spanish(folder):
    return {
        item.slug: item
        for item in (read_item(folder, p) for p in sorted((SPANISH_DIR / folder).glob("*.md")))
    }


def published(*folders):
    return [item for folder in folders or KINDS for item in spanish(folder).values() if item.published]


# -- reading level ------------------------------------------------------------------------------


def report_scores(capsys, title, scores):
    with capsys.disabled():
        print(f"\nINFLESZ of each Spanish {title} (target {TARGET_INFLESZ:g} or more):")
        for name, r in sorted(scores.items(), key=lambda item: item[1].inflesz):
            print(f"  {r.inflesz:5.1f}  {r.words:5d} words  {r.sentences:4d} sentences  {name}")
    return {name: r.inflesz for name, r in scores.items() if r.inflesz < TARGET_INFLESZ}


@pytest.mark.parametrize(("folder", "minimum"), [("articles", 14), ("faqs", 30), ("pages", 3)])
def test_every_published_spanish_text_reads_at_inflesz_55_or_more(capsys, folder, minimum):
    scores = {item.slug: measure(item.html, "es") for item in published(folder)}
    too_hard = report_scores(capsys, folder, scores)
    all_scores = ", ".join(f"{slug} {r.inflesz}" for slug, r in sorted(scores.items()))
    assert not too_hard, (
        f"content/es/{folder}/ below INFLESZ {TARGET_INFLESZ:g}: {too_hard} (all: {all_scores})"
    )
    assert len(scores) >= minimum


def test_the_spanish_emergency_box_reads_at_inflesz_55_or_more():
    with translation.override("es"):
        box = boxes.emergency_box()
    assert "Llame ahora" in box, "the emergency box is not in Spanish: is the catalogue compiled?"
    assert measure(box, "es").inflesz >= TARGET_INFLESZ


def test_the_reading_check_would_catch_hard_spanish():
    hard = (
        "<p>La determinación sérica de cobalamina constituye habitualmente la exploración "
        "complementaria inicial, aunque su sensibilidad diagnóstica resulta considerablemente "
        "limitada en determinadas circunstancias fisiológicas, farmacológicas y patológicas.</p>"
    )
    assert measure(hard, "es").inflesz < TARGET_INFLESZ
    plain = "<p>Un resultado alto no es cáncer. Es una señal. Pregunte a su médico por qué.</p>"
    assert measure(plain, "es").inflesz >= TARGET_INFLESZ


# -- no diagnosis -------------------------------------------------------------------------------


def test_no_spanish_article_question_or_page_uses_diagnostic_phrasing():
    found = {item.name: page_diagnostic_phrases(item.text(), "es") for item in published()}
    assert {name: phrases for name, phrases in found.items() if phrases} == {}


def strings(value, where):
    if isinstance(value, str):
        yield where, value
    elif isinstance(value, dict):
        for key, inner in value.items():
            yield from strings(inner, f"{where}.{key}")
    elif isinstance(value, list):
        for index, inner in enumerate(value):
            yield from strings(inner, f"{where}[{index}]")


@pytest.mark.parametrize("name", SPANISH_DATA_FILES)
def test_no_spanish_self_check_or_explainer_text_reads_as_a_diagnosis(name):
    texts = list(strings(yaml.safe_load((SPANISH_DIR / name).read_text(encoding="utf-8"))["texts"], "texts"))
    found = {where: phrase for where, text in texts if (phrase := diagnostic_phrase(text, "es"))}
    assert found == {}, f"content/es/{name}: {found}"
    assert len(texts) >= 100


DIAGNOSES = [
    "Usted tiene anemia perniciosa.",
    "Así que tiene déficit de B12.",
    "Tiene anemia perniciosa.",
    "Tiene la B12 baja.",
    "Usted no tiene cáncer.",
    "No tiene cáncer.",
    "Tiene usted una carencia de B12.",
    "Esto significa que tiene la B12 baja.",
    "Esto quiere decir que le falta B12.",
    "A usted le falta B12.",
    "Su diagnóstico es un déficit de B12.",
    "Diagnóstico: déficit de B12",
    "Usted sufre un déficit de B12.",
    "Padece anemia perniciosa.",
    "Usted está anémica.",
]
HARMLESS = [
    "Si tiene preguntas, hable con su médico.",
    "Si tiene anemia, su médico le explicará el tratamiento.",
    "Si tiene riesgo de B12 baja, avise antes al equipo.",
    "Si no tiene cáncer, un resultado alto suele tener otra causa.",
    "Una persona que tiene cáncer puede necesitar más B12.",
    "Quien tiene anemia perniciosa necesita inyecciones de por vida.",
    "Usted tiene que hablar con su médico antes de dejar un medicamento.",
    "El cuerpo no tiene suficiente B12.",
    "Un resultado alto tiene sus propias causas.",
    "Si nota hormigueo, consulte con un profesional sanitario.",
]


@pytest.mark.parametrize("sentence", DIAGNOSES)
def test_the_spanish_phrase_checks_would_catch_a_diagnosis(sentence):
    assert page_diagnostic_phrases(sentence, "es")
    assert diagnostic_phrase(sentence, "es")


@pytest.mark.parametrize("sentence", HARMLESS)
def test_the_spanish_phrase_checks_let_a_condition_or_advice_pass(sentence):
    assert page_diagnostic_phrases(sentence, "es") == []
    assert diagnostic_phrase(sentence, "es") == ""


def test_the_spanish_data_file_check_is_wider_than_the_page_check():
    # As in English: data files may not name a diagnosis or say "this means" at all, except
    # to say they are not one.
    for sentence in [
        "Esto significa que debe pedir cita.",
        "Puede que tenga la B12 baja.",
        "El diagnóstico.",
    ]:
        assert diagnostic_phrase(sentence, "es") and not page_diagnostic_phrases(sentence, "es"), sentence
    assert diagnostic_phrase("Esta página no es un diagnóstico.", "es") == ""
    assert diagnostic_phrase("Tiene la B12 baja, y esto no es un diagnóstico.", "es") == "Tiene la B12 baja"
    assert diagnostic_phrase("Usted tiene la B12 baja; no es un diagnóstico.", "es") == "Usted tiene"


# -- sources, review, links ---------------------------------------------------------------------


def test_no_spanish_item_names_a_reviewer_without_a_review_date():
    for item in [*spanish("articles").values(), *spanish("faqs").values(), *spanish("pages").values()]:
        assert bool(item.meta.get("reviewed_by")) == bool(item.meta.get("last_reviewed")), item.name


def test_no_spanish_text_carries_raw_html():
    # The English texts are markdown only; a translation writes what its source writes.
    raw = re.compile(r"<\s*/?\s*[a-zA-Z!]")
    found = [item.name for item in published() if raw.search(item.source)]
    assert found == []


def test_every_spanish_faq_answer_links_somewhere():
    for item in published("faqs"):
        assert parse(item.html).hrefs, item.name


def test_every_spanish_myth_links_to_a_spanish_article():
    sections = spanish("articles")["myths-and-facts"].html.split("<h2")[1:]
    myths = [s for s in sections if "Mito" in s.split("</h2>")[0]]
    assert len(myths) >= 8
    for section in myths:
        assert any(h.startswith(f"{PREFIX}/articles/") for h in parse(section).hrefs), section[:80]


def spanish_target(href):
    """(the Spanish item an address names or None, the English address it mirrors)."""
    path = href.partition("#")[0]
    english = path[len(PREFIX) :]
    match = resolve(english)
    folder = {"articles:detail": "articles", "articles:page": "pages"}.get(match.view_name)
    if folder is None:
        return None, english
    target = spanish(folder).get(match.kwargs["slug"])
    return (target if target and target.published else None), english


def test_every_link_in_the_spanish_texts_leads_to_a_spanish_address_and_anchor_that_exist(
    client, site_content
):
    english_pages = {}
    wrong = []
    for item in published():
        for href in parse(item.html).hrefs:
            if href.startswith(("http://", "https://", "mailto:", "tel:")):
                continue
            if href.startswith("/static/"):
                if not (Path(settings.BASE_DIR) / href.lstrip("/")).is_file():
                    wrong.append(f"{item.name} shows missing {href}")
                continue
            if not href.startswith(f"{PREFIX}/"):
                wrong.append(f"{item.name} links to {href}, not a Spanish address under {PREFIX}/")
                continue
            anchor = href.partition("#")[2]
            try:
                target, english = spanish_target(href)
            except Resolver404:
                wrong.append(f"{item.name} links to {href}, which no page answers")
                continue
            if target is not None:
                ids = parse(target.html).ids
            elif english == "/faq/":
                ids = set(spanish("faqs"))
            else:
                if english not in english_pages:
                    response = client.get(english)
                    english_pages[english] = (response.status_code, parse(response.content.decode()).ids)
                status, ids = english_pages[english]
                if status != 200:
                    wrong.append(f"{item.name} links to {href}, whose English page answers {status}")
                    continue
            if resolve(english).view_name in ("articles:detail", "articles:page") and target is None:
                wrong.append(f"{item.name} links to {href}, which has no published Spanish text")
            elif anchor and anchor not in ids:
                wrong.append(f"{item.name} links to missing anchor {href}")
    assert not wrong, "\n".join(wrong)


def test_the_link_check_would_catch_a_link_to_a_missing_item():
    assert spanish_target("/es/articles/no-such-article/")[0] is None
    assert spanish_target("/es/glossary/#anemia")[0] is spanish("pages")["glossary"]
    assert spanish_target("/es/faq/") == (None, "/faq/")


# -- the emergency box and the help tiers -------------------------------------------------------


WHEN_TO_GET_HELP = "cuando-pedir-ayuda"


def test_every_spanish_article_names_the_shared_emergency_box_once_under_when_to_get_help():
    for item in published("articles"):
        assert item.html.count(boxes.EMERGENCY_PLACEHOLDER) == 1, item.name
        help_section = item.html.split(f'id="{WHEN_TO_GET_HELP}"', 1)[-1].split("<h2", 1)[0]
        assert f'id="{WHEN_TO_GET_HELP}"' in item.html, item.name
        assert boxes.EMERGENCY_PLACEHOLDER in help_section, item.name


def spanish_box_items():
    with translation.override("es"):
        box = boxes.emergency_box()
    return [re.sub(r"<[^>]+>", "", item).strip() for item in re.findall(r"<li>(.*?)</li>", box, re.S)]


def test_no_spanish_article_carries_its_own_emergency_box_or_a_copy_of_its_signs():
    items = [item for item in spanish_box_items() if item]
    assert len(items) >= 12
    for article in published("articles"):
        assert "callout--emergency" not in article.html, f"{article.name} has its own emergency box"
        copied = [line for line in items if line in article.html]
        assert not copied, f"{article.name} copies the emergency box: {copied}"


def callouts(html, tier):
    return re.findall(rf'<div class="callout callout--{tier}">(.*?)</div>', html, re.DOTALL)


# The Spanish words for the signs the help tiers keep in the emergency box only, and those
# they keep in "today" (test_content_rules.EMERGENCY_ONLY and TODAY_ONLY).
EMERGENCY_ONLY = re.compile(
    r"confus|confund|somnolen|cueste (?:mucho )?despertar|dolor (?:en el|de) pecho|vomit\w* sangre"
    r"|pérdida (?:repentina )?de (?:la )?vista|no (?:se )?puede (?:mantener|poner)se en pie|ictus|37[.,]5",
    re.IGNORECASE,
)
OVER_WEEKS = re.compile(
    r"(?:a lo largo|en el curso|durante) de (?:días o )?semanas|durante semanas", re.IGNORECASE
)
TODAY_ONLY = re.compile(
    r"late muy rápido|se acelera|negr|rojo oscuro|amarill|desmay|nubla|borros|óxido nitroso",
    re.IGNORECASE,
)


def test_the_spanish_article_boxes_keep_each_sign_in_its_tier():
    for article in published("articles"):
        for box in callouts(article.html, "urgent") + callouts(article.html, "routine"):
            for line in re.findall(r"<li>(.*?)</li>", box):
                assert not EMERGENCY_ONLY.search(line) or OVER_WEEKS.search(line), f"{article.name}: {line}"
        for box in callouts(article.html, "routine"):
            for line in re.findall(r"<li>(.*?)</li>", box):
                assert not TODAY_ONLY.search(line), f"{article.name}: {line}"


def test_the_spanish_tier_check_would_catch_a_sign_in_the_wrong_tier():
    assert EMERGENCY_ONLY.search("se siente confundido, o los demás notan que no es usted")
    assert EMERGENCY_ONLY.search("dolor en el pecho")
    assert TODAY_ONLY.search("el corazón le late muy rápido estando en reposo")
    assert TODAY_ONLY.search("heces negras y pegajosas")
    # Every English emergency-only sign has its Spanish words in the Spanish box.
    box = " ".join(spanish_box_items())
    for sign in [
        "confusión",
        "somnolencia",
        "cueste mucho despertarle",
        "dolor en el pecho",
        "ictus",
        "37.5",
    ]:
        assert sign in box and EMERGENCY_ONLY.search(sign), sign


# -- what the clinical read asked every page to say ---------------------------------------------

PEMETREXED_PAGES = [
    "b12-injections-and-cancer",
    "myths-and-facts",
    "b12-and-cancer-treatment",
    "b12-and-folate",
    "does-b12-cause-cancer",
    "high-b12-levels",
]
PEMETREXED_FAQS = [
    "are-b12-injections-a-cancer-treatment",
    "should-i-take-b12-during-cancer-treatment",
    "why-am-i-having-b12-injections-with-pemetrexed",
    "can-folic-acid-treat-low-b12",
    "should-i-stop-b12-if-my-result-is-high",
    "i-take-b12-and-my-level-is-very-high",
]
NEVER_STOP = "nunca deje un medicamento que le recetó su equipo de oncología"


def plain_source(item):
    return " ".join(item.source.split()).lower()


def test_pemetrexed_is_named_in_spanish_wherever_the_english_names_it():
    items = [spanish("articles")[slug] for slug in PEMETREXED_PAGES]
    items += [spanish("faqs")[slug] for slug in PEMETREXED_FAQS]
    for item in items:
        assert "pemetrexed" in plain_source(item), item.name


def test_every_spanish_page_on_pemetrexed_says_never_to_stop_a_cancer_medicine():
    on_pemetrexed = [item for item in published("articles", "faqs") if "pemetrexed" in plain_source(item)]
    assert len(on_pemetrexed) >= len(PEMETREXED_PAGES) + len(PEMETREXED_FAQS)
    for item in on_pemetrexed:
        assert NEVER_STOP in plain_source(item), item.name


# The Spanish for the wordings the clinical read retired (test_content_rules.RETIRED_WORDINGS).
RETIRED_WORDINGS = re.compile(
    r"hasta unos 12 años"  # a slow fall after gastrectomy read as a safe delay
    r"|la única (?:forma|manera) de saber"  # a normal result does not always rule out low B12
    r"|evite el óxido nitroso"  # medical gas and air is not to be refused; say "para divertirse"
    r"|identificación y (?:manejo|tratamiento)"  # NICE NG239's title is "diagnosis and management"
    r"|un(?:a)? (?:trabajo|función) real, que es corregir"  # B12 also makes pemetrexed safer
    r"|las pastillas funcionan (?:igual de bien|tan bien) (?:que|como) las inyecciones",  # levels, not symptoms
    re.IGNORECASE,
)


def test_no_spanish_text_brings_back_a_retired_wording():
    for item in published():
        text = " ".join([str(item.meta.get("summary") or ""), *item.source.split()])
        found = RETIRED_WORDINGS.search(text)
        assert not found, f"{item.name}: {found.group(0)}"


def test_the_spanish_retired_wording_check_would_catch_one():
    assert RETIRED_WORDINGS.search("Un análisis de sangre es la única forma de saber si la B12 está baja.")
    assert RETIRED_WORDINGS.search("Las pastillas funcionan igual de bien que las inyecciones.")


def test_every_spanish_page_on_nitrous_oxide_in_hospital_says_to_tell_the_team():
    tell_the_team = re.compile(r"\b(?:avise|cuéntele|dígale)\b[^.]{0,20}\bal equipo\b")
    pages = [item for item in published() if re.search(r"gas y aire|anestesia", plain_source(item))]
    assert len(pages) >= 2
    for item in pages:
        text = plain_source(item)
        assert "para divertirse" in text and tell_the_team.search(text), item.name


def test_spanish_pages_on_symptoms_and_tests_say_a_normal_result_does_not_always_rule_out_low_b12():
    for item in [
        spanish("articles")["symptoms-of-b12-deficiency"],
        spanish("articles")["b12-tests-explained"],
        spanish("articles")["your-b12-result"],
        spanish("faqs")["what-are-the-early-signs-of-low-b12"],
    ]:
        assert re.search(r"no siempre (?:lo )?descarta", plain_source(item)), item.name
