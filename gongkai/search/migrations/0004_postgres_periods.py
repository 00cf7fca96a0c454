"""PostgreSQL: the GIN index also holds each entry's period (`models.postgres_document`),
so that a query can read the common bigrams' posting lists for given periods only."""

from django.db import migrations

FORWARD = [
    "DROP INDEX IF EXISTS gksearch_tokens_gin",
    "CREATE INDEX gksearch_document_gin ON gksearch_searchentry USING GIN "
    "(to_tsvector('simple', tokens || ' t' || ((id >> 31) / 2592000)::text))",
]
BACKWARD = [
    "DROP INDEX IF EXISTS gksearch_document_gin",
    "CREATE INDEX gksearch_tokens_gin ON gksearch_searchentry USING GIN (to_tsvector('simple', tokens))",
]


def _run(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for statement in statements:
                schema_editor.execute(statement)
    return run


class Migration(migrations.Migration):
    dependencies = [("gksearch", "0003_sort_key")]
    operations = [migrations.RunPython(_run(FORWARD), _run(BACKWARD))]
