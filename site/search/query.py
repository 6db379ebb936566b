"""Turning what someone typed into search terms, the same way for every database.

Only runs of letters and digits survive: quotes, `*`, `-`, `NEAR(`, brackets, NUL bytes,
direction marks and emoji are separators, never syntax, so no input can reach the database
as an operator. Each word becomes a *root*: its stem (the stemmer the database's own index
uses), matched as a prefix. Plain stemming joins "injection" and "injections" (both
"inject"), but Porter leaves derived forms a letter apart ("absorb" and "absorption" become
"absorb" and "absorpt"), so a root of six letters or more is matched without its last letter.

Spanish words are folded before they are stemmed: accents and other marks are dropped
("inyección" -> "inyeccion", "cáncer" -> "cancer"), because many people type Spanish without
them, and the index folds the text the same way (see migration 0004).
"""

import re
import threading
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

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
# PostgreSQL's Spanish stop words (the Snowball project's list), likewise.
_SPANISH_STOP_WORDS = """de la que el en y a los del se las por un para con no una su al lo como más pero sus
    le ya o este sí porque esta entre cuando muy sin sobre también me hasta hay donde quien desde
    todo nos durante todos uno les ni contra otros ese eso ante ellos e esto mí antes algunos qué
    unos yo otro otras otra él tanto esa estos mucho quienes nada muchos cual poco ella estar estas
    algunas algo nosotros mi mis tú te ti tu tus ellas nosotras vosostros vosostras os mío mía míos
    mías tuyo tuya tuyos tuyas suyo suya suyos suyas nuestro nuestra nuestros nuestras vuestro
    vuestra vuestros vuestras esos esas estoy estás está estamos estáis están esté estés estemos
    estéis estén estaré estarás estará estaremos estaréis estarán estaría estarías estaríamos
    estaríais estarían estaba estabas estábamos estabais estaban estuve estuviste estuvo estuvimos
    estuvisteis estuvieron estuviera estuvieras estuviéramos estuvierais estuvieran estuviese
    estuvieses estuviésemos estuvieseis estuviesen estando estado estada estados estadas estad he
    has ha hemos habéis han haya hayas hayamos hayáis hayan habré habrás habrá habremos habréis
    habrán habría habrías habríamos habríais habrían había habías habíamos habíais habían hube
    hubiste hubo hubimos hubisteis hubieron hubiera hubieras hubiéramos hubierais hubieran hubiese
    hubieses hubiésemos hubieseis hubiesen habiendo habido habida habidos habidas soy eres es somos
    sois son sea seas seamos seáis sean seré serás será seremos seréis serán sería serías seríamos
    seríais serían era eras éramos erais eran fui fuiste fue fuimos fuisteis fueron fuera fueras
    fuéramos fuerais fueran fuese fueses fuésemos fueseis fuesen sintiendo sentido sentida sentidos
    sentidas siente sentid tengo tienes tiene tenemos tenéis tienen tenga tengas tengamos tengáis
    tengan tendré tendrás tendrá tendremos tendréis tendrán tendría tendrías tendríamos tendríais
    tendrían tenía tenías teníamos teníais tenían tuve tuviste tuvo tuvimos tuvisteis tuvieron
    tuviera tuvieras tuviéramos tuvierais tuvieran tuviese tuvieses tuviésemos tuvieseis tuviesen
    teniendo tenido tenida tenidos tenidas tened"""


def fold(text: str) -> str:
    """The text without accents or other marks: "Inyección" -> "Inyeccion", "niño" -> "nino"."""
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


SPANISH_STOP_WORDS = frozenset(fold(_SPANISH_STOP_WORDS).split())  # noqa: SIM905 (as above)


@dataclass(frozen=True)
class Words:
    """How one language's words become roots: which stemmer, which stop words, folded or not."""

    stemmer: str
    stop_words: frozenset[str]
    folded: bool = False


ENGLISH_SQLITE = Words("porter", STOP_WORDS)  # FTS5's porter tokenizer
ENGLISH_POSTGRES = Words("english", STOP_WORDS)  # PostgreSQL's english configuration
SPANISH = Words("spanish", SPANISH_STOP_WORDS, folded=True)


def clean(text: str) -> str:
    """The query as it is shown back: bounded in length, control characters removed."""
    text = (text or "")[:MAX_QUERY_CHARS]
    return " ".join("".join(c for c in text if c.isprintable()).split())


_stemmers = threading.local()


@lru_cache(maxsize=20_000)
def stem(algorithm: str, word: str) -> str:
    """A word's stem, remembered.

    Each thread has stemmers of its own: a Snowball stemmer keeps its state while it works.
    """
    stemmer = getattr(_stemmers, algorithm, None)
    if stemmer is None:
        stemmer = snowballstemmer.stemmer(algorithm)
        setattr(_stemmers, algorithm, stemmer)
    return stemmer.stemWord(word)


def _normalised(text: str, words: Words) -> str:
    text = text.casefold()
    return fold(text) if words.folded else text


def roots(text: str, words: Words = ENGLISH_SQLITE) -> list[str]:
    """The distinct search roots of a query, in the order typed."""
    text = _normalised(clean(text), words)
    found = []
    for word in WORD.findall(text):
        if word in words.stop_words:
            continue
        root = stem(words.stemmer, word[:MAX_WORD_CHARS])
        if len(root) >= 6:
            root = root[:-1]
        if root not in found:
            found.append(root)
    return found[:MAX_TERMS]


def matches(word: str, found: list[str], words: Words) -> bool:
    """Whether the roots find this word of a text: its stem, or the word itself, starts with one.

    The word as written counts too, since the database's stemmer may cut a word shorter or
    longer than this one does, and a root is a prefix of most forms of its word.
    """
    word, its_stem = _forms(word, words)
    return any(word.startswith(root) or its_stem.startswith(root) for root in found)


@lru_cache(maxsize=20_000)
def _forms(word: str, words: Words) -> tuple[str, str]:
    """A word of a text as roots are compared with it: normalised, and its stem (texts share words)."""
    word = _normalised(word, words)[:MAX_WORD_CHARS]
    return word, stem(words.stemmer, word)
