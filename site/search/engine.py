"""Ranked full-text search over the search entries: FTS5 on SQLite, tsvector on PostgreSQL.

Both search only the entries in the language of the page (the active language), rank a
match in the title above one in the summary above one in the body, require every root first
and fall back to any root, and return a snippet around the match with the matched words
between private-use marker characters; `highlight` turns those into <mark> after escaping
everything else.
"""

from dataclasses import dataclass

from django.db import connection
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from articles.models import FAQ, Article
from common import languages
from search.models import Kind
from search.query import ENGLISH_POSTGRES, ENGLISH_SQLITE, SPANISH, WORD, Words, matches, roots

START, STOP = "\ue000", "\ue001"
LIMIT = 20
SNIPPET_WORDS = 24


@dataclass(frozen=True)
class Result:
    kind: str
    title: str
    url: str
    snippet: SafeString

    @property
    def kind_label(self):
        return Kind(self.kind).label


def highlight(text: str) -> SafeString:
    """Escape the text, then mark what the database marked."""
    return mark_safe(escape(text).replace(START, "<mark>").replace(STOP, "</mark>"))  # noqa: S308


@dataclass(frozen=True)
class Index:
    """Where one language's entries are indexed, and how a query's words become its roots."""

    name: str  # the FTS5 table on SQLite, the text-search configuration on PostgreSQL
    words: Words


# A language without a line of its own is indexed and searched as English is (migration 0004),
# though still only among its own entries.
INDEXES = {
    "sqlite": {"es": Index("search_fts_es", SPANISH)},
    "postgresql": {"es": Index("spanish", SPANISH)},
}
DEFAULT_INDEXES = {
    "sqlite": Index("search_fts", ENGLISH_SQLITE),
    "postgresql": Index("english", ENGLISH_POSTGRES),
}


# The content language of the page being served: "en-gb" pages show "en" content.
active_language = languages.current


def index_for(language: str) -> Index:
    return INDEXES[connection.vendor].get(language, DEFAULT_INDEXES[connection.vendor])


def search(text: str, language: str | None = None) -> list[Result]:
    """The published entries in the language (the active one unless named) that match the text."""
    language = language or active_language()
    index = index_for(language)
    found = roots(text, index.words)
    if not found:
        return []
    run = _postgres if connection.vendor == "postgresql" else _sqlite
    rows = run(found, language, index, all_terms=True)
    if not rows and len(found) > 1:
        rows = run(found, language, index, all_terms=False)
    return _published_only(rows)


def _published_only(rows):
    """Drop entries whose item stopped being published by a change that sent no signal.

    Asks only about the items found (at most a few dozen), not every published one.
    """
    found = {kind: [object_id for k, object_id, *_ in rows if k == kind] for kind in (Kind.ARTICLE, Kind.FAQ)}
    live = {
        kind: set(model.objects.published().filter(pk__in=found[kind]).values_list("pk", flat=True))
        if found[kind]
        else set()
        for kind, model in ((Kind.ARTICLE, Article), (Kind.FAQ, FAQ))
    }
    return [
        Result(kind=kind, title=title, url=url, snippet=highlight(snippet))
        for kind, object_id, title, url, snippet in rows
        if object_id in live[kind]
    ][:LIMIT]


def _best_snippet(body, summary, plain_summary):
    for text in (body, summary):
        if text and START in text:
            return text
    return plain_summary or body


def _sqlite(found, language, index, all_terms):
    table = index.name
    match = (" AND " if all_terms else " OR ").join(f'"{root}"*' for root in found)
    sql = f"""
        SELECT e.kind, e.object_id, e.title, e.url,
               snippet({table}, 2, '{START}', '{STOP}', '…', {SNIPPET_WORDS}),
               snippet({table}, 1, '{START}', '{STOP}', '…', {SNIPPET_WORDS}),
               e.summary
        FROM {table} JOIN search_searchentry e ON e.id = {table}.rowid
        WHERE {table} MATCH %s AND e.language = %s
        ORDER BY bm25({table}, 10.0, 4.0, 1.0), e.title
        LIMIT {LIMIT * 2}
    """  # noqa: S608 (only constants are formatted in; the match and language go as parameters)
    with connection.cursor() as cursor:
        cursor.execute(sql, [match, language])
        return [(k, i, t, u, _best_snippet(b, s, p)) for k, i, t, u, b, s, p in cursor.fetchall()]


# The weighted document (title A, summary B, body C) is a stored, GIN-indexed column kept in
# step by the database itself, built with the configuration of the entry's language
# (migrations 0003 and 0004); the model does not declare it, since SQLite has no such column.
# The roots are already stems: 'simple' keeps them as they are. Only the best matches are
# read whole, and only those that will be shown (`place` up to LIMIT; the rest are spares in
# case some were unpublished) get a snippet: ranking every match is cheap with the stored
# document, making a headline (which parses the whole text) for every match is not.
POSTGRES_SQL = """
    SELECT e.kind, e.object_id, e.title, e.url, e.summary, {snippets}
    FROM (
        SELECT id, row_number() OVER (ORDER BY rank DESC, title) AS place
        FROM (
            SELECT id, title, ts_rank(document, to_tsquery('simple', %(match)s)) AS rank
            FROM search_searchentry
            WHERE language = %(language)s AND document @@ to_tsquery('simple', %(match)s)
            ORDER BY rank DESC, title
            LIMIT %(limit)s
        ) AS ranked
    ) AS best
    JOIN search_searchentry e ON e.id = best.id
    ORDER BY best.place
"""
HEADLINE = (
    "CASE WHEN best.place <= %(shown)s THEN "
    "ts_headline(%(config)s::regconfig, e.{column}, to_tsquery('simple', %(match)s), %(options)s) END"
)
HEADLINES = f"{HEADLINE.format(column='body')}, {HEADLINE.format(column='summary')}"
HEADLINE_OPTIONS = (
    f"StartSel='{START}', StopSel='{STOP}', MaxWords={SNIPPET_WORDS}, MinWords={SNIPPET_WORDS // 2}"
)


def _postgres(found, language, index, all_terms):
    # A folded document (Spanish) gets its snippets here rather than from ts_headline: see `excerpt`.
    in_python = index.words.folded
    params = {
        "match": (" & " if all_terms else " | ").join(f"{root}:*" for root in found),
        "language": language,
        "limit": LIMIT * 2,
        "shown": LIMIT,
        "config": index.name,
        "options": HEADLINE_OPTIONS,
    }
    with connection.cursor() as cursor:
        cursor.execute(POSTGRES_SQL.format(snippets="e.body, e.summary" if in_python else HEADLINES), params)
        rows = cursor.fetchall()
    if in_python:
        rows = [
            (*row, *(_excerpts(body, summary, found, index.words) if place < LIMIT else (None, None)))
            for place, (*row, body, summary) in enumerate(rows)
        ]
    return [
        (kind, object_id, title, url, _best_snippet(body_snippet, summary_snippet, summary))
        for kind, object_id, title, url, summary, body_snippet, summary_snippet in rows
    ]


def _excerpts(body, summary, found, words):
    """The body's excerpt, and the summary's only when the body has no match (see _best_snippet)."""
    body_excerpt = excerpt(body, found, words)
    return body_excerpt, None if START in body_excerpt else excerpt(summary, found, words)


def excerpt(text: str, found: list[str], words: Words) -> str:
    """About SNIPPET_WORDS words of the text around its matches, each match marked.

    For a document folded before it is stemmed: PostgreSQL's headline parses the text as
    written, and without the unaccent extension its spanish stemmer keeps "ñ" ("niños" ->
    "niñ", where the folded document holds "nin"), so it would not mark every word the search
    matched. Here a word is marked the way the query matched it (search.query.matches). With
    no match, the text's opening words, as a headline gives.
    """
    tokens = list(WORD.finditer(text))
    if not tokens:
        return text
    # Each distinct word is matched once: a text repeats its words.
    matched = {word for word in {token.group() for token in tokens} if matches(word, found, words)}
    hits = {i for i, token in enumerate(tokens) if token.group() in matched}
    start = _window_start(sorted(hits), len(tokens))
    end = min(len(tokens), start + SNIPPET_WORDS)
    # Whole at either end of the text, so "¿" and the last full stop stay.
    pieces, position = [], tokens[start].start() if start else 0
    for i in sorted(hits & set(range(start, end))):
        token = tokens[i]
        pieces += [text[position : token.start()], START, token.group(), STOP]
        position = token.end()
    if end < len(tokens):
        return ("…" if start else "") + "".join(pieces) + text[position : tokens[end - 1].end()] + "…"
    return ("…" if start else "") + "".join(pieces) + text[position:]


def _window_start(hits: list[int], length: int) -> int:
    """Where a window of SNIPPET_WORDS words holding the most matches starts, a little before them."""
    if not hits:
        return 0
    # One pass: for each hit, how many hits lie in the window that starts at it (the first densest wins).
    densest, most, end = hits[0], 0, 0
    for start, first in enumerate(hits):
        while end < len(hits) and hits[end] < first + SNIPPET_WORDS:
            end += 1
        if end - start > most:
            densest, most = first, end - start
    return max(0, min(densest - SNIPPET_WORDS // 4, length - SNIPPET_WORDS))
