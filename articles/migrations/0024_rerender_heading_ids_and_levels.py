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

from articles.markup import render_markdown
from newsroom.cache import page_cache_purge

BATCH_SIZE = 500


def render_heading_ids_and_levels(apps, schema_editor):
    """Write body_html anew for the articles whose subheadings render differently now."""
    Article = apps.get_model("articles", "Article")
    db = schema_editor.connection.alias
    articles = (
        Article.objects.using(db)
        .filter(Q(language="en", body_html__contains=' id="avsnitt-') | Q(body__contains="###"))
        .only("language", "body", "body_html")
        .order_by("pk")
    )
    changed_any = False
    last_pk = 0
    while batch := list(articles.filter(pk__gt=last_pk)[:BATCH_SIZE]):
        last_pk = batch[-1].pk
        changed = []
        for article in batch:
            html = render_markdown(article.body, language=article.language)
            if html != article.body_html:
                article.body_html = html
                changed.append(article)
        if changed:
            Article.objects.using(db).bulk_update(changed, ["body_html"], batch_size=100)
            changed_any = True
    if changed_any:
        page_cache_purge()


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0023_refuse_html_in_names"),
    ]

    operations = [
        migrations.RunPython(
            render_heading_ids_and_levels, migrations.RunPython.noop, elidable=True
        ),
    ]
