"""Values every template may need, taken from settings in one place."""

from django.conf import settings
from django.urls import translate_url
from django.utils import translation

from common import languages


def site(request):
    return {
        "site_name": settings.SITE_NAME,
        "site_url": settings.SITE_URL,
        "emergency_number": settings.EMERGENCY_NUMBER,
        "urgent_care_number": settings.URGENT_CARE_NUMBER,
        "crisis_line": settings.CRISIS_LINE,
    }


def language_versions(request):
    """This page's address in every language, for hreflang links and the language link.

    Every public address exists in every language (an untranslated page shows the English
    with a note), so the same view and arguments reversed under each language is its twin.
    """
    current = translation.get_language()
    versions = []
    for code, name in settings.LANGUAGES:
        versions.append(
            {
                "code": code,
                "tag": languages.html_tag(code),
                "name": name,
                "url": translate_url(request.path, code),
                "current": code == current,
            }
        )
    return {"language_versions": versions, "html_lang": languages.html_tag(current)}
