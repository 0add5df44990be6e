"""Render anew the stored bodies that link to a part of themselves ("#bakgrund").

Subheadings now have ids, and a link to one leads to it. Article.save() renders a body when
it is saved; the bodies saved before keep their links to nowhere until this migration, which
renders only those with such a link. Other bodies get their subheadings' ids when next saved:
nothing links to them yet. The page cache is purged when any changes.
"""

from django.db import migrations
from django.db.models import Q

from articles.markup import render_markdown
from newsroom.cache import page_cache_purge

BATCH_SIZE = 500


def render_fragment_links(apps, schema_editor):
    """Write body_html anew for the articles with a link to "#…", where it changes."""
    Article = apps.get_model("articles", "Article")
    db = schema_editor.connection.alias
    articles = (
        Article.objects.using(db)
        .filter(Q(body__contains="](#") | Q(body__contains="]: #"))
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
        ("articles", "0021_refuse_html_in_plain_text"),
    ]

    operations = [
        migrations.RunPython(render_fragment_links, migrations.RunPython.noop, elidable=True),
    ]
