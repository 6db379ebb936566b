"""The sources the running site cites: `content/references.yaml` under CONTENT_DIR, read once.

Pages store only source ids; the citation, address and any "superseded" note are looked up
here when a page is shown, so a corrected citation reaches every page that cites it without
a re-sync. The file is checked at start-up (apps.py), like the self-check's rules.
"""

from functools import cache
from pathlib import Path

from django.conf import settings

from . import references
from .references import Reference


@cache
def _load(path: str) -> dict[str, Reference]:
    return references.load(path)


def catalogue() -> dict[str, Reference]:
    return _load(str(Path(settings.CONTENT_DIR)))


def cited(ids) -> list[Reference]:
    """The sources behind `ids`, in the order cited.

    An id the file no longer holds is left out rather than failing the page; the review
    dashboard lists such pages (see editorial.dashboard).
    """
    known = catalogue()
    return [known[item] for item in ids or [] if isinstance(item, str) and item in known]


def unknown(ids) -> list:
    known = catalogue()
    return [item for item in ids or [] if not (isinstance(item, str) and item in known)]
