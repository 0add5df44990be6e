"""Render anew the stored bodies that hold a Markdown table, which are now rendered as tables.

Article.save() renders a body when it is saved, so the bodies saved before tables were rendered
keep a paragraph of pipes until this migration, which renders only those. The page cache is
purged when any changes, so no copy of an article page keeps the old body.
"""

from django.db import migrations

from articles.services import article_bodies_render


def render_tables(apps, schema_editor):
    """Write body_html anew for the articles whose body now renders a table, and only those."""
    Article = apps.get_model("articles", "Article")
    article_bodies_render(
        # No table without a pipe: only those bodies are read and rendered.
        articles=Article.objects.using(schema_editor.connection.alias).filter(body__contains="|"),
        # The renderer escapes every "<" an editor types, so "<table" is one it made.
        keep=lambda html: "<table" in html,
    )


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0012_image_credit_en"),
    ]

    operations = [
        migrations.RunPython(render_tables, migrations.RunPython.noop, elidable=True),
    ]
