"""Render anew the stored bodies whose subheadings skip a level.

Subheadings no longer skip a level ("### " with no "## " before it is an h2). Article.save()
renders a body when it is saved; the bodies saved before keep their outline's gaps until this
migration, which renders only those with a subheading below h2 ("###"), and writes only the ones
that change. The page cache is purged when any changes.
"""

from django.db import migrations

from articles.markup import render_markdown
from newsroom.cache import page_cache_purge

BATCH_SIZE = 500


def render_heading_levels(apps, schema_editor):
    """Write body_html anew for the articles with a "###" subheading, where it changes."""
    Article = apps.get_model("articles", "Article")
    db = schema_editor.connection.alias
    articles = (
        Article.objects.using(db)
        .filter(body__contains="###")
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
        ("articles", "0024_rerender_english_heading_ids"),
    ]

    operations = [
        migrations.RunPython(render_heading_levels, migrations.RunPython.noop, elidable=True),
    ]
