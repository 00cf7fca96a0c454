"""Entries keyed by their sort key (newest first = key descending), and FTS5 rebuilt on
that key without positions (detail=none: the search asks only which entries hold every
bigram). The index is derived data: it is rebuilt from the published items."""

import django.db.models.deletion
from django.db import migrations, models

import gongkai.search.models

SQLITE_DROP = ["DROP TRIGGER IF EXISTS gksearch_fts_insert", "DROP TRIGGER IF EXISTS gksearch_fts_delete",
               "DROP TRIGGER IF EXISTS gksearch_fts_update", "DROP TABLE IF EXISTS gksearch_fts"]
SQLITE_CREATE = [
    "CREATE VIRTUAL TABLE gksearch_fts USING fts5(tokens, content='gksearch_searchentry', "
    "content_rowid='id', detail=none)",
    """CREATE TRIGGER gksearch_fts_insert AFTER INSERT ON gksearch_searchentry BEGIN
         INSERT INTO gksearch_fts(rowid, tokens) VALUES (new.id, new.tokens); END""",
    """CREATE TRIGGER gksearch_fts_delete AFTER DELETE ON gksearch_searchentry BEGIN
         INSERT INTO gksearch_fts(gksearch_fts, rowid, tokens) VALUES ('delete', old.id, old.tokens); END""",
    """CREATE TRIGGER gksearch_fts_update AFTER UPDATE ON gksearch_searchentry BEGIN
         INSERT INTO gksearch_fts(gksearch_fts, rowid, tokens) VALUES ('delete', old.id, old.tokens);
         INSERT INTO gksearch_fts(rowid, tokens) VALUES (new.id, new.tokens); END""",
]
POSTGRES_DROP = ["DROP INDEX IF EXISTS gksearch_tokens_gin"]
POSTGRES_CREATE = ["CREATE INDEX gksearch_tokens_gin ON gksearch_searchentry "
                   "USING GIN (to_tsvector('simple', tokens))"]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)
    return run


def reindex(apps, schema_editor):
    from gongkai.search.indexing import index_items

    index_items()


class Migration(migrations.Migration):
    dependencies = [("gksearch", "0002_fulltext"), ("publishing", "0002_channel_stats"), ("portal", "0001_initial")]
    operations = [
        migrations.RunPython(_run({"sqlite": SQLITE_DROP, "postgresql": POSTGRES_DROP}), migrations.RunPython.noop),
        migrations.DeleteModel(name="SearchEntry"),
        migrations.CreateModel(
            name="SearchEntry",
            fields=[
                ("id", gongkai.search.models.SortKeyField(primary_key=True, serialize=False)),
                ("scope", models.CharField(max_length=30)),
                ("department_id", models.BigIntegerField(null=True)),
                ("checklist_number", models.PositiveSmallIntegerField(null=True)),
                ("category_number", models.PositiveSmallIntegerField(null=True)),
                ("published", models.DateTimeField()),
                ("title", models.CharField(max_length=255)),
                ("text", models.TextField()),
                ("tokens", models.TextField()),
                ("page", models.OneToOneField(on_delete=django.db.models.deletion.CASCADE,
                                              related_name="search_entry", to="publishing.disclosureitempage")),
            ],
        ),
        migrations.RunPython(_run({"sqlite": SQLITE_CREATE, "postgresql": POSTGRES_CREATE}),
                             migrations.RunPython.noop),
        migrations.RunPython(reindex, migrations.RunPython.noop),
    ]
