"""The full-text index beside texts_searchdocument, in the form the database vendor offers.

Hand-written, guarded by vendor: SQLite gets a contentless FTS5 virtual table keyed by the
document id, PostgreSQL a tsvector column with a GIN index (see fazhi.texts.search.backends for
why). Neither is a Django field, so makemigrations never sees them. The SQL is written out here,
not imported, so that this migration means the same thing whatever the code becomes.
"""

from django.db import migrations

SQL = {
    "sqlite": (
        [
            "CREATE VIRTUAL TABLE texts_search_index USING fts5(tokens, content='', detail=none, columnsize=0, "
            "tokenize='unicode61 remove_diacritics 0')"
        ],
        ["DROP TABLE IF EXISTS texts_search_index"],
    ),
    "postgresql": (
        [
            "ALTER TABLE texts_searchdocument ADD COLUMN search_vector tsvector",
            "CREATE INDEX texts_searchdocument_vector_gin ON texts_searchdocument USING gin (search_vector)",
        ],
        [
            "DROP INDEX IF EXISTS texts_searchdocument_vector_gin",
            "ALTER TABLE texts_searchdocument DROP COLUMN IF EXISTS search_vector",
        ],
    ),
}


def _run(schema_editor, which: int) -> None:
    vendor = schema_editor.connection.vendor
    if vendor not in SQL:
        raise RuntimeError(f"full-text search supports SQLite and PostgreSQL, not {vendor}")
    for statement in SQL[vendor][which]:
        schema_editor.execute(statement)


def create_index(apps, schema_editor):
    _run(schema_editor, 0)


def drop_index(apps, schema_editor):
    _run(schema_editor, 1)


class Migration(migrations.Migration):
    dependencies = [("texts", "0001_initial")]

    operations = [migrations.RunPython(create_index, drop_index, elidable=False)]
