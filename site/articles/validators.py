"""The content-slug rule: the one definition of what a topic, article, FAQ or page slug may be.

A slug becomes a page address (`/articles/<slug>/`, `/faq/#<slug>`, `/<slug>/`) and a part of
other addresses built from it (the feedback form's), so every place that accepts or matches
one uses what is here: the model field (and through it the admin and every ModelForm), the
content files, and the `content-slug` URL converter that every URLconf uses. Django's own
slug rule is laxer (capitals, underscores, `--`, a leading hyphen) and once let the admin
save a slug that no URL pattern could reverse.
"""

from django.core.validators import RegexValidator

# Lower-case letters and digits in groups joined by single hyphens: "b12-tests", never
# "B12-Tests", "b12_tests", "b12--tests" or "-b12".
PATTERN = r"[a-z0-9]+(?:-[a-z0-9]+)*"

MESSAGE = (
    "Use only lower-case letters, digits and single hyphens between them, for example "
    "“b12-tests”: no capitals, underscores, spaces or hyphens at either end."
)

validate_content_slug = RegexValidator(rf"\A{PATTERN}\Z", MESSAGE, code="invalid_content_slug")


def is_content_slug(value) -> bool:
    return isinstance(value, str) and validate_content_slug.regex.fullmatch(value) is not None


class ContentSlugConverter:
    """`<content-slug:slug>` in a URL pattern: matches, and reverses, exactly the slugs above."""

    regex = PATTERN

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value
