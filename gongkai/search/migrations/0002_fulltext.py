"""The full-text index on each database: FTS5 kept in step by triggers on SQLite, a GIN
index over to_tsvector('simple', tokens) on PostgreSQL."""

from django.db import migrations

SQLITE = [
    "CREATE VIRTUAL TABLE gksearch_fts USING fts5(tokens, content='gksearch_searchentry', content_rowid='id')",
    """CREATE TRIGGER gksearch_fts_insert AFTER INSERT ON gksearch_searchentry BEGIN
         INSERT INTO gksearch_fts(rowid, tokens) VALUES (new.id, new.tokens); END""",
    """CREATE TRIGGER gksearch_fts_delete AFTER DELETE ON gksearch_searchentry BEGIN
         INSERT INTO gksearch_fts(gksearch_fts, rowid, tokens) VALUES ('delete', old.id, old.tokens); END""",
    """CREATE TRIGGER gksearch_fts_update AFTER UPDATE ON gksearch_searchentry BEGIN
         INSERT INTO gksearch_fts(gksearch_fts, rowid, tokens) VALUES ('delete', old.id, old.tokens);
         INSERT INTO gksearch_fts(rowid, tokens) VALUES (new.id, new.tokens); END""",
]
SQLITE_REVERSE = ["DROP TRIGGER gksearch_fts_insert", "DROP TRIGGER gksearch_fts_delete",
                  "DROP TRIGGER gksearch_fts_update", "DROP TABLE gksearch_fts"]
POSTGRES = ["CREATE INDEX gksearch_tokens_gin ON gksearch_searchentry USING GIN (to_tsvector('simple', tokens))"]
POSTGRES_REVERSE = ["DROP INDEX gksearch_tokens_gin"]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)
    return run


class Migration(migrations.Migration):
    dependencies = [("gksearch", "0001_initial")]
    operations = [migrations.RunPython(_run({"sqlite": SQLITE, "postgresql": POSTGRES}),
                                       _run({"sqlite": SQLITE_REVERSE, "postgresql": POSTGRES_REVERSE}))]
