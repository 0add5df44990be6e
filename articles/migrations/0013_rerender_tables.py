"""Render anew the stored bodies that hold a Markdown table, which are now rendered as tables.

Article.save() renders a body when it is saved, so the bodies saved before tables were rendered
keep a paragraph of pipes until this migration, which renders only those. The page cache is
purged when any changes, so no copy of an article page keeps the old body.
"""

from django.db import migrations

from articles.markup import render_markdown
from newsroom.cache import page_cache_purge

BATCH_SIZE = 500


def render_tables(apps, schema_editor):
    """Write body_html anew for the articles whose body now renders a table, and only those.

    The historical model has no custom save(): body_html is made by the function save() uses.
    bulk_update() leaves updated_at (the admin's edit-conflict check) and the revision history
    alone: the body the editor wrote is unchanged.
    """
    Article = apps.get_model("articles", "Article")
    db = schema_editor.connection.alias
    # No table without a pipe: only those bodies are read and rendered.
    articles = (
        Article.objects.using(db)
        .filter(body__contains="|")
        .only("language", "body", "body_html")
        .order_by("pk")
    )
    changed_any = False
    # Batches by key rather than one cursor: the table is written to while it is read.
    last_pk = 0
    while batch := list(articles.filter(pk__gt=last_pk)[:BATCH_SIZE]):
        last_pk = batch[-1].pk
        changed = []
        for article in batch:
            html = render_markdown(article.body, language=article.language)
            # The renderer escapes every "<" an editor types, so "<table" is one it made.
            if "<table" in html and html != article.body_html:
                article.body_html = html
                changed.append(article)
        if changed:
            Article.objects.using(db).bulk_update(changed, ["body_html"], batch_size=100)
            changed_any = True
    if changed_any:
        page_cache_purge()


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0012_image_credit_en"),
    ]

    operations = [
        migrations.RunPython(render_tables, migrations.RunPython.noop, elidable=True),
    ]
