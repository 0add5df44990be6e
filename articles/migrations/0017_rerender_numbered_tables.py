"""Render anew the stored bodies that hold more than one table, whose tables are now numbered.

Each table's scrolling box is a region named for screen readers; a body's tables all had the
same name, and are now numbered. Migration 0013's function writes only the bodies whose HTML
changes: those with several tables.
"""

from importlib import import_module

from django.db import migrations


def render_tables(apps, schema_editor):
    import_module("articles.migrations.0013_rerender_tables").render_tables(apps, schema_editor)


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0016_byline_author_protect"),
    ]

    operations = [
        migrations.RunPython(render_tables, migrations.RunPython.noop, elidable=True),
    ]
