"""The languages the site is written in, as content and search store them.

Django names the default language by its settings code (`en-gb`); content rows, content
folders and search entries name a language by its plain code (`en`, `es`). This module is the
one place that maps between them.
"""

from django.conf import settings
from django.utils import translation

DEFAULT = "en"


def content_code(django_code: str | None) -> str:
    """The plain code of a Django language code: `en-gb` -> `en`, `es` -> `es`."""
    return (django_code or settings.LANGUAGE_CODE).split("-")[0].lower()


def current() -> str:
    """The language of the page being served, as content stores it."""
    return content_code(translation.get_language())


def codes() -> list[str]:
    """Every language the site serves, the default first."""
    return [content_code(code) for code, _name in settings.LANGUAGES]


def django_code(code: str) -> str:
    """The Django language code to activate for a plain code: `en` -> `en-gb`."""
    for django_code_, _name in settings.LANGUAGES:
        if content_code(django_code_) == code:
            return django_code_
    raise LookupError(f"{code!r} is not in settings.LANGUAGES")


def from_path(path: str) -> str:
    """The language a path is in: its first segment, after /kiosk/, names any but the default.

    The path alone decides, never a cookie or `Accept-Language`, so one address is always one
    page and the page cache needs no other key (docs/adr/004-languages.md).
    """
    segments = path.lstrip("/").split("/")
    if segments[0] == "kiosk":
        segments = segments[1:]
    first = segments[0] if segments else ""
    return first if first in codes() and first != DEFAULT else DEFAULT


def html_tag(django_code_: str) -> str:
    """The BCP 47 tag of a Django language code, as `lang` and `hreflang` write it: `en-GB`, `es`."""
    base, _, region = django_code_.partition("-")
    return f"{base}-{region.upper()}" if region else base
