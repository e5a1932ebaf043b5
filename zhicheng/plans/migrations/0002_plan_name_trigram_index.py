"""计划名称 search is a substring search (LIKE '%…%'): on PostgreSQL a trigram GIN index serves it.

SQLite has no such index; its full scan of 10,000 short names stays in the low milliseconds
(bench/plans.py prints both).
"""

from typing import Any

from django.db import migrations


def create_trigram_index(apps: Any, schema_editor: Any) -> None:
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    schema_editor.execute(
        "CREATE INDEX IF NOT EXISTS plan_name_trgm_idx ON plans_reviewplan "
        "USING gin (name gin_trgm_ops)"
    )


def drop_trigram_index(apps: Any, schema_editor: Any) -> None:
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("DROP INDEX IF EXISTS plan_name_trgm_idx")


class Migration(migrations.Migration):
    dependencies = [("plans", "0001_initial")]

    operations = [migrations.RunPython(create_trigram_index, drop_trigram_index)]
