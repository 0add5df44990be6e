"""Render anew the stored bodies that link to a part of themselves ("#bakgrund").

Subheadings now have ids, and a link to one leads to it. Article.save() renders a body when
it is saved; the bodies saved before keep their links to nowhere until this migration, which
renders only those with such a link. Other bodies get their subheadings' ids when next saved:
nothing links to them yet. The page cache is purged when any changes.
"""

from django.db import migrations
from django.db.models import Q

from articles.services import article_bodies_render


def render_fragment_links(apps, schema_editor):
    """Write body_html anew for the articles with a link to "#…", where it changes."""
    Article = apps.get_model("articles", "Article")
    article_bodies_render(
        articles=Article.objects.using(schema_editor.connection.alias).filter(
            Q(body__contains="](#") | Q(body__contains="]: #")
        )
    )


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0021_refuse_html_in_plain_text"),
    ]

    operations = [
        migrations.RunPython(render_fragment_links, migrations.RunPython.noop, elidable=True),
    ]
