"""Reading-level measures for rendered article HTML.

Flesch-Kincaid grade = 0.39 * words/sentences + 11.8 * syllables/words - 15.59, with
syllables counted by pyphen's hyphenation dictionary (what textstat used before it began
downloading a pronunciation corpus at run time). Every block element (paragraph, list item,
heading, table cell) counts as a sentence of its own: a bulleted list is read as short
separate items, not as one run-on sentence.
"""

import re
from dataclasses import dataclass
from functools import cache
from html.parser import HTMLParser

import pyphen

BLOCK_TAGS = {
    "p",
    "li",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "td",
    "th",
    "dt",
    "dd",
    "blockquote",
    "figcaption",
    "summary",
    "div",
    "tr",
    "caption",
}
# The reading grade every article and answer must stay at or below (NIH advice; the content
# tests and the approval check beside the editors' preview hold the text to it).
TARGET_GRADE = 8.0
SENTENCE_END = re.compile(r"[.!?]+(?=\s|$)")
WORD = re.compile(r"[A-Za-zÀ-ÿ0-9µ]+(?:['’][A-Za-z]+)?")


class _BlockText(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.blocks = [[]]

    def handle_starttag(self, tag, attrs):
        if tag in BLOCK_TAGS:
            self.blocks.append([])

    def handle_endtag(self, tag):
        if tag in BLOCK_TAGS:
            self.blocks.append([])

    def handle_data(self, data):
        self.blocks[-1].append(data)


def plain_sentences(html: str) -> list[str]:
    """The sentences of an HTML fragment, one block element at least one sentence."""
    parser = _BlockText()
    parser.feed(html)
    sentences = []
    for parts in parser.blocks:
        block = " ".join("".join(parts).split())
        sentences.extend(s.strip() for s in SENTENCE_END.split(block) if WORD.search(s))
    return sentences


@cache
def _dictionary():
    return pyphen.Pyphen(lang="en_US")


def syllables(word: str) -> int:
    if word.isdigit():
        return 1
    return max(1, len(_dictionary().positions(word.lower())) + 1)


@dataclass(frozen=True)
class Readability:
    words: int
    sentences: int
    syllables: int

    @property
    def grade(self) -> float:
        """Flesch-Kincaid grade level, rounded to one decimal place."""
        if not self.words:
            return 0.0
        return round(0.39 * self.words / self.sentences + 11.8 * self.syllables / self.words - 15.59, 1)


def measure(html: str) -> Readability:
    sentences = plain_sentences(html)
    words = [w for s in sentences for w in WORD.findall(s)]
    return Readability(
        words=len(words),
        sentences=len(sentences),
        syllables=sum(syllables(w) for w in words),
    )
