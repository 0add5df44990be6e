"""Render anew the stored English bodies whose subheadings have Swedish ids ("avsnitt-…").

Subheadings' ids now begin with a word of the article's language: "section-…" in English.
Article.save() renders a body when it is saved; the English bodies saved before keep
"avsnitt-" until this migration, which renders only those with such an id (links to a
subheading of the body are written anew with it). The page cache is purged when any changes.
"""

from django.db import migrations

from articles.markup import render_markdown
from newsroom.cache import page_cache_purge

BATCH_SIZE = 500


def render_english_heading_ids(apps, schema_editor):
    """Write body_html anew for the English articles with a Swedish subheading id."""
    Article = apps.get_model("articles", "Article")
    db = schema_editor.connection.alias
    articles = (
        Article.objects.using(db)
        .filter(language="en", body_html__contains=' id="avsnitt-')
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
        migrations.RunPython(render_english_heading_ids, migrations.RunPython.noop, elidable=True),
    ]
