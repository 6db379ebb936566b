"""The admin's live preview: the same renderer and sanitiser as the public pages, on a time budget.

The renderer turns away every input known to be slow (articles.rendering.markdown_problem);
the budget is for the ones nobody knows yet. The preview is rendered in a process of its own
(one per app process, started on the first preview) that is stopped and replaced when it
takes longer than settings.PREVIEW_SECONDS: a thread cannot be stopped, a process can. The
editor then reads a sentence in the preview pane instead of waiting on a stuck worker.
"""

import atexit
import logging
import multiprocessing
import threading
from html import escape

import django
from django.conf import settings

from articles.boxes import fill_shared_boxes
from articles.rendering import render_markdown

log = logging.getLogger("b12.preview")

TOO_SLOW = (
    "This text takes too long to preview, so it cannot be published as it is. Look for a long run "
    "of the same character, such as “[”, or lists inside lists, and remove it."
)
FAILED = "The preview could not be shown. Save your text somewhere safe and reload the page."


class TooSlow(Exception):
    """The work did not finish within its time budget, and was stopped."""


_pool = None
_pool_lock = threading.Lock()


def _renderer():
    """The preview process, started (and waited for) on first use, so its start-up is not billed."""
    global _pool
    with _pool_lock:
        if _pool is None:
            # spawn, not fork: the app process has threads, and forking those is unsafe.
            # The renderer translates its own labels, and translations need the app registry.
            pool = multiprocessing.get_context("spawn").Pool(processes=1, initializer=django.setup)
            pool.apply(abs, (0,))
            _pool = pool
        return _pool


def _stop(pool):
    global _pool
    with _pool_lock:
        if _pool is pool:
            _pool = None
    pool.terminate()


@atexit.register
def _stop_on_exit():
    if _pool is not None:
        _stop(_pool)


def run_with_budget(function, args, seconds):
    """`function(*args)` in the preview process; TooSlow if it takes longer than `seconds`."""
    pool = _renderer()
    pending = pool.apply_async(function, args)
    try:
        return pending.get(timeout=seconds)
    except multiprocessing.TimeoutError:
        _stop(pool)
        raise TooSlow from None


def _render(text):
    rendered = render_markdown(text)
    return rendered.html, rendered.problem


def message(sentence):
    return f'<p class="preview-problem" role="alert">{escape(sentence)}</p>'


def markdownify(text: str) -> str:
    """HTML for the markdownx preview pane (settings.MARKDOWNX_MARKDOWNIFY_FUNCTION).

    Shared boxes are filled in as the public page fills them, so an editor who writes
    `!!! emergency-box` sees the box itself.
    """
    try:
        html, problem = run_with_budget(_render, (text,), settings.PREVIEW_SECONDS)
    except TooSlow:
        log.warning("Preview stopped after %s s (%s characters)", settings.PREVIEW_SECONDS, len(text))
        return message(TOO_SLOW)
    except Exception:
        log.exception("Preview failed")
        return message(FAILED)
    html = fill_shared_boxes(html)
    return message(problem) + html if problem else html
