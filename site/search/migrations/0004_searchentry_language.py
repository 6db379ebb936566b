"""Each search entry records its language, and the full-text index follows it.

SQLite: FTS5 has no Spanish stemmer, and its porter tokenizer would stem Spanish with English
rules, so Spanish entries get a table of their own, `search_fts_es`, that only lowercases
words and drops their accents; the query folds and stems its words with the Snowball Spanish
stemmer and matches them as prefixes ("inyeccion" -> "inyeccio*" finds "inyecciones"). The
English table `search_fts` keeps every other entry. Both tables read their text from
search_searchentry, and each holds only its own rows: never send them FTS5's 'rebuild'
command, which would fill each with every row.

PostgreSQL: the document is built with the `spanish` configuration for Spanish entries and
`english` for every other one. The Spanish text is folded first by translate(), a plain
immutable function, so no extension (unaccent) is needed: the spanish stemmer keeps "ñ" and
stems some accented endings differently from unaccented ones ("alimentación" -> "aliment",
"alimentacion" -> "alimentacion"), and people often type Spanish without accents. The
folding is the query's own (search.query.fold), for every Latin letter that folds to one
letter.

On either database, the old objects are dropped before the field is added: SQLite adds a
field by rebuilding the table, which would drop the triggers with it.
"""

import unicodedata

from django.db import migrations, models

# 0002 and 0003 as they were, for going back.
ENGLISH_FTS = """CREATE VIRTUAL TABLE search_fts USING fts5(
    title, summary, body,
    content='search_searchentry', content_rowid='id',
    tokenize='porter unicode61 remove_diacritics 2'
)"""
OLD_SQLITE = [
    ENGLISH_FTS,
    """CREATE TRIGGER search_fts_insert AFTER INSERT ON search_searchentry BEGIN
        INSERT INTO search_fts(rowid, title, summary, body) VALUES (new.id, new.title, new.summary, new.body);
    END""",
    """CREATE TRIGGER search_fts_delete AFTER DELETE ON search_searchentry BEGIN
        INSERT INTO search_fts(search_fts, rowid, title, summary, body)
        VALUES ('delete', old.id, old.title, old.summary, old.body);
    END""",
    """CREATE TRIGGER search_fts_update AFTER UPDATE ON search_searchentry BEGIN
        INSERT INTO search_fts(search_fts, rowid, title, summary, body)
        VALUES ('delete', old.id, old.title, old.summary, old.body);
        INSERT INTO search_fts(rowid, title, summary, body) VALUES (new.id, new.title, new.summary, new.body);
    END""",
    "INSERT INTO search_fts(search_fts) VALUES ('rebuild')",
]
OLD_POSTGRES = [
    """ALTER TABLE search_searchentry ADD COLUMN document tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('english', coalesce(title, '')), 'A')
        || setweight(to_tsvector('english', coalesce(summary, '')), 'B')
        || setweight(to_tsvector('english', coalesce(body, '')), 'C')
    ) STORED""",
    "CREATE INDEX search_searchentry_document ON search_searchentry USING gin (document)",
]

DROP_SQLITE = [
    "DROP TRIGGER IF EXISTS search_fts_update",
    "DROP TRIGGER IF EXISTS search_fts_delete",
    "DROP TRIGGER IF EXISTS search_fts_insert",
    "DROP TABLE IF EXISTS search_fts",
    "DROP TABLE IF EXISTS search_fts_es",
]
DROP_POSTGRES = [
    "DROP INDEX IF EXISTS search_searchentry_document",
    "ALTER TABLE search_searchentry DROP COLUMN IF EXISTS document",
]


def fts_statements(table, tokenizer, condition):
    """An FTS5 table over the entries that meet the condition, and the triggers that keep it."""
    columns = "title, summary, body"

    def values(row):
        return f"{row}.id, {row}.title, {row}.summary, {row}.body"

    def when(row):
        return condition.format(row=row)

    return [
        f"""CREATE VIRTUAL TABLE {table} USING fts5(
            {columns}, content='search_searchentry', content_rowid='id', tokenize='{tokenizer}'
        )""",
        f"""CREATE TRIGGER {table}_insert AFTER INSERT ON search_searchentry WHEN {when("new")} BEGIN
            INSERT INTO {table}(rowid, {columns}) VALUES ({values("new")});
        END""",
        f"""CREATE TRIGGER {table}_delete AFTER DELETE ON search_searchentry WHEN {when("old")} BEGIN
            INSERT INTO {table}({table}, rowid, {columns}) VALUES ('delete', {values("old")});
        END""",
        # An update may move an entry from one table to the other.
        f"""CREATE TRIGGER {table}_update AFTER UPDATE ON search_searchentry BEGIN
            INSERT INTO {table}({table}, rowid, {columns}) SELECT 'delete', {values("old")} WHERE {when("old")};
            INSERT INTO {table}(rowid, {columns}) SELECT {values("new")} WHERE {when("new")};
        END""",
        f"""INSERT INTO {table}(rowid, {columns})
            SELECT id, {columns} FROM search_searchentry WHERE {when("search_searchentry")}""",
    ]


NEW_SQLITE = [
    *fts_statements("search_fts", "porter unicode61 remove_diacritics 2", "{row}.language <> 'es'"),
    *fts_statements("search_fts_es", "unicode61 remove_diacritics 2", "{row}.language = 'es'"),
]
DROP_NEW_SQLITE = [
    f"DROP TRIGGER IF EXISTS {table}_{event}"
    for table in ("search_fts", "search_fts_es")
    for event in ("update", "delete", "insert")
] + ["DROP TABLE IF EXISTS search_fts", "DROP TABLE IF EXISTS search_fts_es"]


def folding():
    """translate()'s two arguments: each Latin letter with marks, and the letter without them.

    The same folding as search.query.fold, which drops every combining mark after NFKD; a
    letter that folds to two (the ligature "ǆ") is left alone, as translate() maps one to one.
    """
    marked, plain = [], []
    for code in (*range(0x00C0, 0x0250), *range(0x1E00, 0x1F00)):
        letter = chr(code)
        folded = "".join(c for c in unicodedata.normalize("NFKD", letter) if not unicodedata.combining(c))
        if folded != letter and len(folded) == 1:
            marked.append(letter)
            plain.append(folded)
    return "".join(marked), "".join(plain)


def document_sql():
    marked, plain = folding()
    assert "'" not in marked + plain  # letters only: safe to write into the statement

    def weighted(column, weight):
        spanish = f"to_tsvector('spanish', translate(coalesce({column}, ''), '{marked}', '{plain}'))"
        english = f"to_tsvector('english', coalesce({column}, ''))"
        return f"setweight(CASE WHEN language = 'es' THEN {spanish} ELSE {english} END, '{weight}')"

    return f"""ALTER TABLE search_searchentry ADD COLUMN document tsvector GENERATED ALWAYS AS (
        {weighted("title", "A")} || {weighted("summary", "B")} || {weighted("body", "C")}
    ) STORED"""


NEW_POSTGRES = [
    document_sql(),
    "CREATE INDEX search_searchentry_document ON search_searchentry USING gin (document)",
]


def run(sqlite, postgres):
    def apply(apps, schema_editor):
        statements = {"sqlite": sqlite, "postgresql": postgres}.get(schema_editor.connection.vendor, [])
        for statement in statements:
            schema_editor.execute(statement)

    return apply


class Migration(migrations.Migration):
    dependencies = [("search", "0003_postgres_document")]

    operations = [
        migrations.RunPython(run(DROP_SQLITE, DROP_POSTGRES), run(OLD_SQLITE, OLD_POSTGRES), elidable=False),
        migrations.AddField(
            model_name="searchentry",
            name="language",
            field=models.CharField(default="en", help_text="The language of the item: en, es.", max_length=8),
        ),
        migrations.AddIndex(
            model_name="searchentry",
            index=models.Index(fields=["language"], name="search_entry_language"),
        ),
        migrations.RunPython(run(NEW_SQLITE, NEW_POSTGRES), run(DROP_NEW_SQLITE, DROP_POSTGRES), elidable=False),
    ]
