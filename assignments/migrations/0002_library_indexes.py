"""Indexes for the library page (PostgreSQL only; SQLite development
databases are small and use the LIKE fallback for search).

* ``assignment_library_cover``: the published rows in "newest" order with every
  column the library filters, sorts and checks visibility on, so listing,
  filtering and counting are index-only scans instead of reading the wide
  heap rows (search document and vector);
* ``assignment_library_search``: GIN on the search vector of published rows
  only, so a search needs no bitmap of the status indexes;
* ``(level_id, assignment_id)`` / ``(sector_id, assignment_id)`` on the link
  tables: the level and sector filters read only the index.
"""

from django.db import migrations

INDEXES = {
    "assignment_library_cover": (
        "ON assignments_assignment (published_at DESC, id DESC) INCLUDE (status, owner_school_id, sharing_scope, "
        "client_kind, duration_weeks, leerjaar_min, leerjaar_max, fits_tt, rating_avg, rating_count, adoption_count, "
        "competencies) WHERE status = 'published'"
    ),
    "assignment_library_search": "ON assignments_assignment USING gin (search_vector) WHERE status = 'published'",
    "assignment_levels_level_assignment": "ON assignments_assignment_levels (level_id, assignment_id)",
    "assignment_sectors_sector_assignment": "ON assignments_assignment_sectors (sector_id, assignment_id)",
}


def create_indexes(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for name, definition in INDEXES.items():
            schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {name} {definition}")


def drop_indexes(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for name in INDEXES:
            schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("assignments", "0001_initial")]

    operations = [migrations.RunPython(create_indexes, drop_indexes, elidable=False)]
