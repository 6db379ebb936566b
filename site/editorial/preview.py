"""The admin's live preview: the same renderer and sanitiser as the public pages."""

from articles.rendering import render_markdown


def markdownify(text: str) -> str:
    """HTML for the markdownx preview pane (settings.MARKDOWNX_MARKDOWNIFY_FUNCTION)."""
    return render_markdown(text).html
