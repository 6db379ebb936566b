"""On PostgreSQL, each entry's weighted text-search document, stored and indexed.

Without it every search computed to_tsvector over every entry, twice (to filter and to rank):
a full scan whose time grew with the content (make bench-scale: 4 s a search at 100x).
A generated column keeps the document in step with the row without any code, and a GIN
index answers the prefix queries the search sends. On SQLite this migration does nothing:
the FTS5 table of 0002 is its index.
"""

from django.db import migrations

CREATE = [
    """ALTER TABLE search_searchentry ADD COLUMN document tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('english', coalesce(title, '')), 'A')
        || setweight(to_tsvector('english', coalesce(summary, '')), 'B')
        || setweight(to_tsvector('english', coalesce(body, '')), 'C')
    ) STORED""",
    "CREATE INDEX search_searchentry_document ON search_searchentry USING gin (document)",
]
DROP = [
    "DROP INDEX IF EXISTS search_searchentry_document",
    "ALTER TABLE search_searchentry DROP COLUMN IF EXISTS document",
]


def run(statements):
    def apply(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for statement in statements:
            schema_editor.execute(statement)

    return apply


class Migration(migrations.Migration):
    dependencies = [("search", "0002_sqlite_fulltext")]

    operations = [migrations.RunPython(run(CREATE), run(DROP), elidable=False)]
