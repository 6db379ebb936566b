"""Turning what someone typed into search terms, the same way for every database.

Only runs of letters and digits survive: quotes, `*`, `-`, `NEAR(`, brackets, NUL bytes,
direction marks and emoji are separators, never syntax, so no input can reach the database
as an operator. Each word becomes a *root*: its stem (the stemmer the database's own index
uses), matched as a prefix. Plain stemming joins "injection" and "injections" (both
"inject"), but Porter leaves derived forms a letter apart ("absorb" and "absorption" become
"absorb" and "absorpt"), so a root of six letters or more is matched without its last letter.
"""

import re
from functools import cache

import snowballstemmer

MAX_QUERY_CHARS = 200
MAX_TERMS = 10
MAX_WORD_CHARS = 40
# Letters and digits of any script; the underscore is a separator too.
WORD = re.compile(r"[^\W_]+")
# PostgreSQL's English stop words, dropped on every database so both answer alike.
_STOP_WORDS = """i me my myself we our ours ourselves you your yours yourself yourselves he him his himself
    she her hers herself it its itself they them their theirs themselves what which who whom this
    that these those am is are was were be been being have has had having do does did doing a an
    the and but if or because as until while of at by for with about against between into through
    during before after above below to from up down in out on off over under again further then
    once here there when where why how all any both each few more most other some such no nor not
    only own same so than too very s t can will just don should now"""
STOP_WORDS = frozenset(_STOP_WORDS.split())  # noqa: SIM905 (a list literal would be unreadable)


def clean(text: str) -> str:
    """The query as it is shown back: bounded in length, control characters removed."""
    text = (text or "")[:MAX_QUERY_CHARS]
    return " ".join("".join(c for c in text if c.isprintable()).split())


@cache
def _stemmer(algorithm):
    return snowballstemmer.stemmer(algorithm)


def roots(text: str, algorithm: str = "porter") -> list[str]:
    """The distinct search roots of a query, in the order typed."""
    stem = _stemmer(algorithm).stemWord
    found = []
    for word in WORD.findall(clean(text).casefold()):
        if word in STOP_WORDS:
            continue
        root = stem(word[:MAX_WORD_CHARS])
        if len(root) >= 6:
            root = root[:-1]
        if root not in found:
            found.append(root)
    return found[:MAX_TERMS]
