"""The self-check in each of the site's languages: the English rules, each language's words.

SelfcheckConfig.ready() loads every language once, at start-up, beside the English, and the
views ask for the active one's: `definition_for(translation.get_language())`. While a
translation is stale the language gets the English (see common.overlay) and its pages say so.
"""

from dataclasses import dataclass
from pathlib import Path

from django.apps import apps
from django.conf import settings

from common.languages import content_code
from common.overlay import Translation
from selfcheck import cases
from selfcheck.cases import CaseSet
from selfcheck.definition import Definition, load_translation


@dataclass(frozen=True)
class InLanguage:
    # What the check asks and answers, and the translation of its file (None in English).
    definition: Definition
    translation: Translation | None
    # The published cases and the definition that words their answers: both in the language,
    # or both in English while either translation is stale, never half of each.
    cases_definition: Definition
    cases: CaseSet
    cases_translation: Translation | None


def load(content_dir: Path, definition: Definition, case_set: CaseSet) -> dict[str, InLanguage]:
    """Every language of settings.LANGUAGES but the site's own, by its code as content names it."""
    found = {}
    for language in (content_code(code) for code, _ in settings.LANGUAGES if code != settings.LANGUAGE_CODE):
        translated, translation = load_translation(content_dir, language, definition)
        # Cases name questions and options by id, the same in every language.
        translated_cases, cases_translation = cases.load_translation(
            content_dir, language, definition, case_set
        )
        current = not (translation.is_stale or cases_translation.is_stale)
        found[language] = InLanguage(
            definition=translated,
            translation=translation,
            cases_definition=translated if current else definition,
            cases=translated_cases if current else case_set,
            cases_translation=cases_translation,
        )
    return found


def for_language(language: str | None) -> InLanguage:
    """The self-check in `language` (a code such as translation.get_language() gives); English
    for the site's own language and any other it has no translation for."""
    config = apps.get_app_config("selfcheck")
    found = config.languages.get(content_code(language)) if language else None
    return found or InLanguage(config.definition, None, config.definition, config.cases, None)


def definition_for(language: str | None) -> Definition:
    return for_language(language).definition
