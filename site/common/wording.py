"""Wording that reads as a diagnosis: one pattern for every check that needs it.

The site explains and routes people to care; it never tells anyone what is wrong with them.
Loaders of reviewable text (the self-check rules, the result explainer) refuse text that
matches `DIAGNOSTIC`, and tests run rendered pages through `diagnostic_phrase`.

Articles, questions and pages are held to `PAGE_DIAGNOSTIC`, which is narrower: an article
may say "this means for testing" or name "diagnosis and management" in a guideline's title,
but never tells the reader what they have. The content tests and the approval check beside
the editors' preview (articles.checklist) both use it.

Each language has its own lists, chosen by `language` ("en" unless named). The Spanish lists
follow the English ones in spirit: the formal "usted" statements a page might use to tell the
reader what they have ("usted tiene", "esto significa que tiene", "su diagnóstico es"), and
the subject-less "tiene anemia" Spanish allows, but not a condition ("si tiene...") or a
person described ("una persona que tiene..."), and not "tiene que" ("has to"), which gives
advice rather than a diagnosis.

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


# Conditions a Spanish sentence may say someone "tiene" (has). Words, not a list of illnesses:
# what matters is that a page never says the reader has one.
_ES_CONDITION = (
    r"(?:una? |la )?(?:anemia|d[eé]ficit|deficiencia|carencia|falta de|c[aá]ncer|neuropat[ií]a"
    r"|(?:vitamina )?B12 baja)\b"
)
# "tiene <condition>" with no subject reads as "you have" unless a condition or a person
# described comes before it: "si tiene anemia", "cuando tiene", "quien tiene", "alguien que tiene".
_ES_SUBJECTLESS_HAS = (
    r"(?<!\bsi )(?<!\bsi no )(?<!\bcuando )(?<!\bquien )(?<!\bquien no )(?<!\bque )(?<!\bque no )"
    rf"\b(?:no )?tiene {_ES_CONDITION}"
)
# What a page may never say. "tiene que" (has to) is advice, not a diagnosis.
_ES_PAGE = (
    r"\busted (?:no )?tiene\b(?! que\b)|\b(?:no )?tiene usted\b(?! que\b)"
    r"|\bpadece\b|\busted (?:no )?sufre\b|\bsufre usted\b"
    r"|\b(?:esto|eso) (?:significa|quiere decir) que (?:usted )?(?:no )?(?:tiene|padece|sufre|le falta)\b"
    r"|\ba usted (?:no )?le falta\b|\bsu diagn[oó]stico es\b|\bdiagn[oó]stico:"
    r"|\busted (?:es|está) (?:deficiente|an[eé]mic[oa])\b|\bestá an[eé]mic[oa]\b"
    rf"|\basí que (?:usted )?(?:no )?tiene {_ES_CONDITION}|{_ES_SUBJECTLESS_HAS}"
)
SPANISH_PAGE_DIAGNOSTIC = re.compile(_ES_PAGE, re.IGNORECASE)
# What the reviewable data files may never say: the page list and, as in English, any form of
# "diagnóstico", "esto significa", "sufre" and "you may have" ("puede que tenga").
SPANISH_DIAGNOSTIC = re.compile(
    _ES_PAGE + r"|\bdiagn[oó]stic|\b(?:esto|eso) (?:significa|quiere decir)\b"
    r"|\bsufre\b|\b(?:probablemente|seguramente|quizás?) (?:usted )?(?:tiene|tenga|padece|padezca|sufre)\b"
    r"(?! que\b)|\b(?:puede|es probable|es posible) que (?:usted )?(?:tenga|padezca|sufra)\b(?! que\b)",
    re.IGNORECASE,
)
# The Spanish disclaimer, allowed for the same reason as the English one.
SPANISH_DISCLAIMER = re.compile(r"\bno (?:es )?un diagn[oó]stico\b", re.IGNORECASE)

# Per language: the pattern for reviewable data files, its disclaimer, and the page pattern.
BROAD = {"en": DIAGNOSTIC, "es": SPANISH_DIAGNOSTIC}
DISCLAIMERS = {"en": DISCLAIMER, "es": SPANISH_DISCLAIMER}


def diagnostic_phrase(text: str, language: str = "en") -> str:
    """The first words of `text` that read as a diagnosis, or "" when there are none."""
    plain = DISCLAIMERS[language].sub(" ", " ".join(text.replace("\u2019", "'").split()))
    found = BROAD[language].search(plain)
    return found.group() if found else ""


PAGE_DIAGNOSTIC = re.compile(
    r"\byou(?:'ve| have) got\b|\byou have\b|\byou(?: do not|\s+don't|\s+don’t) have\b|"
    r"\bthis means you\b|\bdiagnosis:|\byou are suffering\b|\byou(?:'re| are) (?:deficient|anaemic)\b",
    re.IGNORECASE,
)


PAGES = {"en": PAGE_DIAGNOSTIC, "es": SPANISH_PAGE_DIAGNOSTIC}


def page_diagnostic_phrases(text: str, language: str = "en") -> list[str]:
    """Every phrase in a page's text that tells the reader what they have."""
    return PAGES[language].findall(" ".join(text.split()))
