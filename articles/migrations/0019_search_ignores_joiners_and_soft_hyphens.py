"""Search ignores soft hyphens and zero width (non-)joiners in articles' text.

Search leaves querysets.IGNORED_IN_WORDS out of the reader's words and of the text it searches
("Kust\u00adbevakningen" is found by "kustbevakningen"), so what is stored for it is made anew:

- PostgreSQL: every article's document, from its text without them, as Article.save() now
  makes it.
- SQLite: the trigram index of 0010 read its text from the article table (external content),
  where they stay, and its 'rebuild' would index them again. It becomes a contentless index
  (content=''): the triggers give it each article's text without them, and its 'delete'
  command the same text, computed again from the old row. Nothing reads columns back from the
  index: search only looks up row ids in it, and GLOB reads the article table.

As with 0010: a later migration that makes Django remake articles_article on SQLite drops
these triggers with the old table (tests/articles/test_search_sqlite_index.py then fails), and
must create them again.

Reversible: backwards, PostgreSQL's documents are made from the text as it is, and SQLite gets
0010's index back, rebuilt from the article table.
"""

import importlib

from django.contrib.postgres.search import SearchVector
from django.db import migrations
from django.db.models import F, Func, TextField, Value

# querysets.IGNORED_IN_WORDS when this migration was written: soft hyphen, ZWNJ, ZWJ.
IGNORED = "\u00ad\u200c\u200d"
# Each language's configuration, as querysets.SEARCH_CONFIGS (0011 made english_unaccent).
CONFIGS = {"sv": "swedish", "en": "english_unaccent"}
FIELDS = (("headline", "A"), ("lede", "B"), ("body", "C"))

TRIGGERS = (
    "articles_article_fts_insert",
    "articles_article_fts_delete",
    "articles_article_fts_update",
)


def sqlite_without_ignored(column):
    """SQLite: the column's text without the ignored characters."""
    for char in IGNORED:
        column = f"replace({column}, char({ord(char)}), '')"
    return column


def sqlite_texts(row):
    return ", ".join(sqlite_without_ignored(f"{row}.{field}") for field, _weight in FIELDS)


CREATE_CONTENTLESS = (
    """
    CREATE VIRTUAL TABLE articles_article_fts USING fts5(
        headline, lede, body, content='', tokenize='trigram'
    )
    """,
    f"""
    CREATE TRIGGER articles_article_fts_insert AFTER INSERT ON articles_article BEGIN
        INSERT INTO articles_article_fts(rowid, headline, lede, body)
        VALUES (new.id, {sqlite_texts("new")});
    END
    """,
    # A contentless index is told what it indexed for a row to remove it: the same text again.
    f"""
    CREATE TRIGGER articles_article_fts_delete AFTER DELETE ON articles_article BEGIN
        INSERT INTO articles_article_fts(articles_article_fts, rowid, headline, lede, body)
        VALUES ('delete', old.id, {sqlite_texts("old")});
    END
    """,
    f"""
    CREATE TRIGGER articles_article_fts_update
    AFTER UPDATE OF id, headline, lede, body ON articles_article BEGIN
        INSERT INTO articles_article_fts(articles_article_fts, rowid, headline, lede, body)
        VALUES ('delete', old.id, {sqlite_texts("old")});
        INSERT INTO articles_article_fts(rowid, headline, lede, body)
        VALUES (new.id, {sqlite_texts("new")});
    END
    """,
    # The articles already there ('rebuild' needs a content table).
    f"""
    INSERT INTO articles_article_fts(rowid, headline, lede, body)
    SELECT id, {sqlite_texts("articles_article")} FROM articles_article
    """,
)


def drop_sqlite_index(schema_editor):
    for trigger in TRIGGERS:
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {trigger}")
    schema_editor.execute("DROP TABLE IF EXISTS articles_article_fts")


def documents(apps, schema_editor, *, ignoring):
    """PostgreSQL: every article's search document anew, without the ignored characters or
    (backwards) from the text as it is."""
    Article = apps.get_model("articles", "Article")
    articles = Article.objects.using(schema_editor.connection.alias)

    def text(field):
        if not ignoring:
            return F(field)
        # translate() drops the characters of its second argument that its third has none for.
        return Func(
            F(field), Value(IGNORED), Value(""), function="translate", output_field=TextField()
        )

    for language, config in CONFIGS.items():
        vectors = [
            SearchVector(text(field), weight=weight, config=config) for field, weight in FIELDS
        ]
        articles.filter(language=language).update(search_vector=sum(vectors[1:], vectors[0]))


def forwards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        documents(apps, schema_editor, ignoring=True)
    elif vendor == "sqlite":
        drop_sqlite_index(schema_editor)
        for statement in CREATE_CONTENTLESS:
            schema_editor.execute(statement)


def backwards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        documents(apps, schema_editor, ignoring=False)
    elif vendor == "sqlite":
        drop_sqlite_index(schema_editor)
        external_content = importlib.import_module("articles.migrations.0010_article_search_sqlite")
        external_content.create_search_index(apps, schema_editor)


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0018_refuse_invisible_characters"),
    ]

    operations = [
        migrations.RunPython(forwards, backwards),
    ]
