"""content/es/ mirrors content/: each Spanish item names an English item that exists and the
English version it was translated from, every English item has a Spanish text, and the topics
are the same.

A translation whose English has changed since it was written is allowed (the site says so on
the page), so whether a translation is current is not checked here: only the folder's shape.
"""

import re

import pytest
import yaml

from articles.content_files import FRONT_MATTER, KINDS, TOPICS_FILE
from tests.conftest import CONTENT_DIR

SPANISH_DIR = CONTENT_DIR / "es"
VERSION = re.compile(r"[0-9a-f]{12}")


def front_matter(path):
    match = FRONT_MATTER.match(path.read_text(encoding="utf-8").lstrip("\ufeff"))
    assert match, f"{path} does not start with front matter"
    meta = yaml.safe_load(match.group(1))
    assert isinstance(meta, dict), f"{path}: the front matter is not 'field: value' lines"
    return meta


def english_slugs(folder):
    return {front_matter(path).get("slug") or path.stem for path in (CONTENT_DIR / folder).glob("*.md")}


def spanish_items(folder):
    paths = sorted((SPANISH_DIR / folder).glob("*.md"))
    assert paths, f"content/es/{folder}/ holds no translations"
    return {path.name: front_matter(path) for path in paths}


@pytest.mark.parametrize("folder", KINDS)
def test_every_spanish_item_names_an_english_item_that_exists(folder):
    english = english_slugs(folder)

    unknown = {
        name: meta.get("translation_of")
        for name, meta in spanish_items(folder).items()
        if meta.get("translation_of") not in english
    }

    assert unknown == {}, f"content/es/{folder}/: translation_of names no item in content/{folder}/"


@pytest.mark.parametrize("folder", KINDS)
def test_every_spanish_item_names_its_source_version_in_twelve_lowercase_hex_digits(folder):
    # A version of digits only is read by YAML as a number: it must be quoted to stay a string.
    wrong = {
        name: meta.get("source_version")
        for name, meta in spanish_items(folder).items()
        if not (isinstance(meta.get("source_version"), str) and VERSION.fullmatch(meta["source_version"]))
    }

    assert wrong == {}, f"content/es/{folder}/: source_version must be 12 lowercase hex digits"


@pytest.mark.parametrize("folder", KINDS)
def test_every_english_item_has_a_spanish_text(folder):
    translated = {meta.get("translation_of") for meta in spanish_items(folder).values()}

    untranslated = sorted(english_slugs(folder) - translated)

    assert untranslated == [], f"content/{folder}/: no file in content/es/{folder}/ translates these"


def test_the_spanish_topics_are_the_english_topics():
    def slugs(path):
        return sorted(topic["slug"] for topic in yaml.safe_load(path.read_text(encoding="utf-8")))

    assert slugs(SPANISH_DIR / TOPICS_FILE) == slugs(CONTENT_DIR / TOPICS_FILE)
