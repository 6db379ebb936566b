"""The result explainer in each of the site's languages: the English bands and numbers, each
language's words. ExplainerConfig.ready() loads them at start-up; the views ask for the
active language's: `explainer_for(translation.get_language())`. While a translation is stale
the language gets the English (see common.overlay) and its pages say so.
"""

from django.apps import apps

from common.languages import content_code
from common.overlay import Translation
from explainer.definition import Explainer


def for_language(language: str | None) -> tuple[Explainer, Translation | None]:
    """(the explainer in `language`, its translation): the English and None for the site's own
    language and any other it has no translation for."""
    config = apps.get_app_config("explainer")
    found = config.languages.get(content_code(language)) if language else None
    return found or (config.explainer, None)


def explainer_for(language: str | None) -> Explainer:
    return for_language(language)[0]
