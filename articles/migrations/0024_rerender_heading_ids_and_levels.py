"""Render anew the stored bodies whose subheadings changed: ids in English, levels in all.

Two changes to subheadings: their ids begin with a word of the article's language ("section-…"
in English, where they were Swedish "avsnitt-…"), and they skip no level of the page's outline
("### " with no "## " before it is an h2). Article.save() renders a body when it is saved; the
bodies saved before keep the old ids and the outline's gaps until this migration, which renders
only the English bodies with an "avsnitt-" id and the bodies with a subheading below h2 ("###"),
and writes only the ones that change. The page cache is purged when any changes.
"""

from django.db import migrations
from django.db.models import Q

from articles.services import article_bodies_render


def render_heading_ids_and_levels(apps, schema_editor):
    """Write body_html anew for the articles whose subheadings render differently now."""
    Article = apps.get_model("articles", "Article")
    article_bodies_render(
        articles=Article.objects.using(schema_editor.connection.alias).filter(
            Q(language="en", body_html__contains=' id="avsnitt-') | Q(body__contains="###")
        )
    )


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0023_refuse_html_in_names"),
    ]

    operations = [
        migrations.RunPython(
            render_heading_ids_and_levels, migrations.RunPython.noop, elidable=True
        ),
    ]
