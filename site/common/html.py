"""Turning stored, sanitised HTML into text: for the search index and for structured data."""

import html

from django.utils.html import strip_tags


def plain_text(rendered_html: str) -> str:
    """Readable text from the stored, sanitised HTML: no tags, entities decoded, one line."""
    spaced = rendered_html.replace("<", " <")  # keep words in neighbouring blocks apart
    return " ".join(html.unescape(strip_tags(spaced)).split())
