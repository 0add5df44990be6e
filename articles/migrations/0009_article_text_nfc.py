"""Compose (NFC) the text of articles saved before Article.save() did, so search finds them."""

import unicodedata

from django.db import migrations

from articles.markup import render_markdown
from articles.querysets import search_document

TEXT_FIELDS = ("headline", "lede", "body", "lead_image_caption")
BATCH_SIZE = 500


def is_composed(article):
    return all(unicodedata.is_normalized("NFC", getattr(article, f)) for f in TEXT_FIELDS)


def compose_article_text(apps, schema_editor):
    """Rewrite only the articles whose text changes, with what Article.save() derives from it.

    A historical model has no custom save(): body_html and (on PostgreSQL) the search document
    are computed here with the functions save() uses. bulk_update() leaves updated_at (the
    admin's edit-conflict check) and the revision history alone: the text reads the same.
    """
    Article = apps.get_model("articles", "Article")
    db = schema_editor.connection.alias
    postgresql = schema_editor.connection.vendor == "postgresql"
    derived = ["body_html", "search_vector"] if postgresql else ["body_html"]
    articles = Article.objects.using(db).only("language", *TEXT_FIELDS).order_by("pk")
    # Batches by key rather than one cursor: the table is written to while it is read.
    last_pk = 0
    while batch := list(articles.filter(pk__gt=last_pk)[:BATCH_SIZE]):
        last_pk = batch[-1].pk
        changed = [article for article in batch if not is_composed(article)]
        for article in changed:
            for field in TEXT_FIELDS:
                setattr(article, field, unicodedata.normalize("NFC", getattr(article, field)))
            article.body_html = render_markdown(article.body, language=article.language)
            if postgresql:
                article.search_vector = search_document(
                    language=article.language,
                    headline=article.headline,
                    lede=article.lede,
                    body=article.body,
                )
        if changed:
            Article.objects.using(db).bulk_update(changed, [*TEXT_FIELDS, *derived], batch_size=100)


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0008_article_section_listing_index"),
    ]

    operations = [
        migrations.RunPython(compose_article_text, migrations.RunPython.noop, elidable=True),
    ]
