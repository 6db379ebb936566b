"""Reading-level measures for rendered article HTML, one per language.

English: Flesch-Kincaid grade = 0.39 * words/sentences + 11.8 * syllables/words - 15.59, with
syllables counted by pyphen's hyphenation dictionary (what textstat used before it began
downloading a pronunciation corpus at run time).

Spanish: INFLESZ, the Szigriszt-Pazos perspicuity = 206.835 - 62.3 * syllables/words -
words/sentences, read on the INFLESZ scale (below 40 very hard, 40-55 somewhat hard, 55-65
normal, 65-80 fairly easy, above 80 very easy). Spanish spelling says how a word is spoken, so
its syllables are counted from the vowels (`spanish_syllables`) rather than from a dictionary.

Both read the text the same way: every block element (paragraph, list item, heading, table
cell) counts as a sentence of its own, so a bulleted list is read as short separate items, not
as one run-on sentence.
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
# The INFLESZ score every Spanish article, answer and page must reach: "normal" on the INFLESZ
# scale, the level its authors advise for text written for patients.
TARGET_INFLESZ = 55.0
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


# Spanish vowels by the part they play in a syllable. An accent on i or u makes it carry its own
# syllable (día, país), so those count with the strong vowels; a, e, o never share a syllable
# with each other (le-er, a-é-re-o); an unaccented i or u (or ü) joins the vowels beside it
# (ciu-dad, cuer-po, Pa-ra-guay).
SPANISH_STRONG = frozenset("aeoáéóíúàèòìù")
SPANISH_VOWELS = re.compile(r"[aeoáéóíúàèòìùiuüï]+")
# The u of que, qui, gue, gui is written, not spoken (queso, guerra, guía); ü is spoken (pingüino).
SILENT_U = re.compile(r"(?<=[qg])u(?=[eiéí])")
# An h is not spoken and does not part the vowels around it (ahora, prohibir); ch is a sound.
SILENT_H = re.compile(r"(?<!c)h")
# y at the end of a word is a vowel (hoy, muy, y); anywhere else it is a consonant (mayo, yo).
FINAL_Y = re.compile(r"y$")


def spanish_syllables(word: str) -> int:
    """How many syllables a Spanish word has: one per group of vowels, strong vowels apart."""
    if word.isdigit():
        return 1
    spoken = FINAL_Y.sub("i", SILENT_H.sub("", SILENT_U.sub("", word.lower())))
    # Each strong vowel in a group is a syllable; a group of weak vowels alone is one.
    groups = SPANISH_VOWELS.findall(spoken)
    return max(1, sum(max(1, sum(letter in SPANISH_STRONG for letter in group)) for group in groups))


SYLLABLE_COUNTERS = {"en": syllables, "es": spanish_syllables}


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

    @property
    def inflesz(self) -> float:
        """Szigriszt-Pazos perspicuity (the INFLESZ score), rounded to one decimal place.

        Only meaningful when the syllables were counted the Spanish way (`measure(html, "es")`).
        Higher is easier; a text with no words has nothing hard in it.
        """
        if not self.words:
            return 100.0
        return round(206.835 - 62.3 * self.syllables / self.words - self.words / self.sentences, 1)


def measure(html: str, language: str = "en") -> Readability:
    """Words, sentences and syllables of an HTML fragment, syllables counted for `language`."""
    count = SYLLABLE_COUNTERS[language]
    sentences = plain_sentences(html)
    words = [w for s in sentences for w in WORD.findall(s)]
    return Readability(
        words=len(words),
        sentences=len(sentences),
        syllables=sum(count(w) for w in words),
    )
