"""Ranked full-text search over the search entries: FTS5 on SQLite, tsvector on PostgreSQL.

Both rank a match in the title above one in the summary above one in the body, require
every root first and fall back to any root, and return a snippet around the match with the
matched words between private-use marker characters; `highlight` turns those into <mark>
after escaping everything else.
"""

from dataclasses import dataclass

from django.db import connection
from django.db.models import F
from django.db.models.expressions import RawSQL
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from articles.models import FAQ, Article
from search.models import Kind, SearchEntry
from search.query import roots

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


def search(text: str) -> list[Result]:
    algorithm = "english" if connection.vendor == "postgresql" else "porter"
    found = roots(text, algorithm)
    if not found:
        return []
    run = _postgres if connection.vendor == "postgresql" else _sqlite
    rows = run(found, all_terms=True)
    if not rows and len(found) > 1:
        rows = run(found, all_terms=False)
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


def _sqlite(found, all_terms):
    match = (" AND " if all_terms else " OR ").join(f'"{root}"*' for root in found)
    sql = f"""
        SELECT e.kind, e.object_id, e.title, e.url,
               snippet(search_fts, 2, '{START}', '{STOP}', '…', {SNIPPET_WORDS}),
               snippet(search_fts, 1, '{START}', '{STOP}', '…', {SNIPPET_WORDS}),
               e.summary
        FROM search_fts JOIN search_searchentry e ON e.id = search_fts.rowid
        WHERE search_fts MATCH %s
        ORDER BY bm25(search_fts, 10.0, 4.0, 1.0), e.title
        LIMIT {LIMIT * 2}
    """  # noqa: S608 (only constants are formatted in; the match goes as a parameter)
    with connection.cursor() as cursor:
        cursor.execute(sql, [match])
        return [(k, i, t, u, _best_snippet(b, s, p)) for k, i, t, u, b, s, p in cursor.fetchall()]


def _postgres(found, all_terms):
    from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank, SearchVectorField

    raw = (" & " if all_terms else " | ").join(f"{root}:*" for root in found)
    # The roots are already stems: 'simple' keeps them as they are.
    query = SearchQuery(raw, search_type="raw", config="simple")
    # The weighted document (title A, summary B, body C) is a stored, indexed column kept in
    # step by the database itself (migration 0003); the model does not declare it, since
    # SQLite has no such column.
    document = RawSQL('"search_searchentry"."document"', [], output_field=SearchVectorField())
    marks = {"start_sel": START, "stop_sel": STOP, "config": "english"}
    words = {"max_words": SNIPPET_WORDS, "min_words": SNIPPET_WORDS // 2}
    entries = (
        SearchEntry.objects.annotate(document=document)
        .filter(document=query)
        .annotate(
            rank=SearchRank(F("document"), query),
            body_snippet=SearchHeadline("body", query, **marks, **words),
            summary_snippet=SearchHeadline("summary", query, **marks, **words),
        )
        .order_by("-rank", "title")[: LIMIT * 2]
    )
    return [
        (e.kind, e.object_id, e.title, e.url, _best_snippet(e.body_snippet, e.summary_snippet, e.summary))
        for e in entries
    ]
