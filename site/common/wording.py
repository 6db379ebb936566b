"""Wording that reads as a diagnosis: one pattern for every check that needs it.

The site explains and routes people to care; it never tells anyone what is wrong with them.
Loaders of reviewable text (the self-check rules, the result explainer) refuse text that
matches `DIAGNOSTIC`, and tests run rendered pages through `diagnostic_phrase`.

Articles, questions and pages are held to `PAGE_DIAGNOSTIC`, which is narrower: an article
may say "this means for testing" or name "diagnosis and management" in a guideline's title,
but never tells the reader what they have. The content tests and the approval check beside
the editors' preview (articles.checklist) both use it.

Plain Python with no Django, so any loader can use it at start-up.
"""

import re

DIAGNOSTIC = re.compile(
    r"\byou(?:'ve| have| do not have| don't have| haven't)\b|\bdiagnos|\bthis means\b"
    r"|\byou(?: are|'re) suffering\b|\byou(?: probably| likely| may| might) (?:have|be suffering)\b",
    re.IGNORECASE,
)
# The one sentence that may name a diagnosis, because it says the page is not one. Without
# this exception the pattern's "diagnos" would forbid the disclaimer the pages must carry.
DISCLAIMER = re.compile(r"\b(?:this|it) is not a diagnosis\b", re.IGNORECASE)


def diagnostic_phrase(text: str) -> str:
    """The first words of `text` that read as a diagnosis, or "" when there are none."""
    plain = DISCLAIMER.sub(" ", text.replace("\u2019", "'"))
    found = DIAGNOSTIC.search(plain)
    return found.group() if found else ""


PAGE_DIAGNOSTIC = re.compile(
    r"\byou(?:'ve| have) got\b|\byou have\b|\byou(?: do not|\s+don't|\s+don’t) have\b|"
    r"\bthis means you\b|\bdiagnosis:|\byou are suffering\b|\byou(?:'re| are) (?:deficient|anaemic)\b",
    re.IGNORECASE,
)


def page_diagnostic_phrases(text: str) -> list[str]:
    """Every phrase in a page's text that tells the reader what they have."""
    return PAGE_DIAGNOSTIC.findall(text)
