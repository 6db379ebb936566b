"""Serving each language under its own path prefix: English at `/`, Spanish at `/es/`.

Django's `i18n_patterns` and `LocaleMiddleware` would do this, but the middleware falls back on
the `Accept-Language` header and adds `Vary: Accept-Language` to every unprefixed page, which
the page cache refuses. So the language comes from the path alone (common.languages.from_path),
and `LanguagePrefix` is the `LocalePrefixPattern` idea usable inside an `include()` too, so the
kiosk has `/kiosk/es/` as well. Reversing a URL name gives the address in the active language.
"""

import re

from django.urls import URLResolver
from django.utils import translation

from common import languages


class LanguagePrefix:
    """A URL pattern matching the active language's prefix: "" for the default, "es/" for Spanish."""

    converters: dict = {}

    @property
    def language_prefix(self) -> str:
        code = languages.current()
        return "" if code == languages.DEFAULT else f"{code}/"

    @property
    def regex(self):
        # Only reverse() reads this; URL resolvers cache what they build from it per language.
        return re.compile(re.escape(self.language_prefix))

    def match(self, path):
        prefix = self.language_prefix
        if path.startswith(prefix):
            return path.removeprefix(prefix), (), {}
        return None

    def check(self):
        return []

    def describe(self):
        return f"'{self}'"

    def __str__(self):
        return self.language_prefix


def in_every_language(patterns) -> URLResolver:
    """`patterns` served at their own paths in the default language and under `<code>/` in the others."""
    return URLResolver(LanguagePrefix(), list(patterns))


class PathLanguageMiddleware:
    """Activates the language the path names for everything that handles the request."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        code = languages.django_code(languages.from_path(request.path_info))
        with translation.override(code):
            request.LANGUAGE_CODE = code
            return self.get_response(request)
