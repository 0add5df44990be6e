"""PostgreSQL: English search ignores accents, so "Goteborg" finds "Göteborg".

English readers meet Swedish names, and often type them without å, ä or ö. The English
configuration gets the unaccent dictionary (a trusted extension: the database's owner may
create it) before its stemmer, for documents and queries alike. Swedish keeps its accents:
å, ä and ö are letters of their own there ("for" is not "för").
"""

from django.contrib.postgres.operations import UnaccentExtension
from django.contrib.postgres.search import SearchVector
from django.db import migrations

CONFIG = "english_unaccent"


def english_documents(apps, schema_editor, config):
    """Every English article's document anew, with the configuration search reads it with."""
    Article = apps.get_model("articles", "Article")
    Article.objects.using(schema_editor.connection.alias).filter(language="en").update(
        search_vector=SearchVector("headline", weight="A", config=config)
        + SearchVector("lede", weight="B", config=config)
        + SearchVector("body", weight="C", config=config)
    )


def create_configuration(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f"CREATE TEXT SEARCH CONFIGURATION {CONFIG} (COPY = english)")
    # The token types that can hold a letter outside ASCII; ASCII words have no accent to drop.
    schema_editor.execute(
        f"ALTER TEXT SEARCH CONFIGURATION {CONFIG} "
        "ALTER MAPPING FOR hword, hword_part, word WITH unaccent, english_stem"
    )
    english_documents(apps, schema_editor, CONFIG)


def drop_configuration(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    english_documents(apps, schema_editor, "english")
    schema_editor.execute(f"DROP TEXT SEARCH CONFIGURATION IF EXISTS {CONFIG}")


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0010_article_search_sqlite"),
    ]

    operations = [
        # Nothing on SQLite: Django's extension operations run on PostgreSQL only.
        UnaccentExtension(),
        migrations.RunPython(create_configuration, drop_configuration),
    ]
