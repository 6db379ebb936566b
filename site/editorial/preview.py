"""The admin's live preview: the same renderer and sanitiser as the public pages."""

from articles.boxes import fill_shared_boxes
from articles.rendering import render_markdown


def markdownify(text: str) -> str:
    """HTML for the markdownx preview pane (settings.MARKDOWNX_MARKDOWNIFY_FUNCTION).

    Shared boxes are filled in as the public page fills them, so an editor who writes
    `!!! emergency-box` sees the box itself.
    """
    return fill_shared_boxes(render_markdown(text).html)
