"""SQLite: a trigram index of article text, so that search looks rows up instead of reading all.

An FTS5 external-content table over headline, lede and body (the text stays in the article
table), kept by triggers whatever writes the rows: save(), update(), bulk_create(), raw deletes.
PostgreSQL searches its own GIN-indexed document (0005) and gets nothing here.

A later migration that makes Django remake articles_article on SQLite (most AlterField and
RemoveField operations: new table, copy, drop, rename) drops these triggers with the old table;
tests/articles/test_search_sqlite_index.py then fails, and that migration must create them again.
"""

from django.db import migrations

TRIGGERS = (
    "articles_article_fts_insert",
    "articles_article_fts_delete",
    "articles_article_fts_update",
)

# The recipe of the FTS5 documentation for external content: remove a row's old text with the
# 'delete' command, which must be given exactly what was indexed, then index the new text.
# Trigram: substrings as GLOB matches them; Unicode case folded, diacritics kept (before 3.45).
CREATE = (
    """
    CREATE VIRTUAL TABLE articles_article_fts USING fts5(
        headline, lede, body,
        content='articles_article', content_rowid='id', tokenize='trigram'
    )
    """,
    """
    CREATE TRIGGER articles_article_fts_insert AFTER INSERT ON articles_article BEGIN
        INSERT INTO articles_article_fts(rowid, headline, lede, body)
        VALUES (new.id, new.headline, new.lede, new.body);
    END
    """,
    """
    CREATE TRIGGER articles_article_fts_delete AFTER DELETE ON articles_article BEGIN
        INSERT INTO articles_article_fts(articles_article_fts, rowid, headline, lede, body)
        VALUES ('delete', old.id, old.headline, old.lede, old.body);
    END
    """,
    # Only when the text changes: status, counters and publication times leave the index alone.
    """
    CREATE TRIGGER articles_article_fts_update
    AFTER UPDATE OF id, headline, lede, body ON articles_article BEGIN
        INSERT INTO articles_article_fts(articles_article_fts, rowid, headline, lede, body)
        VALUES ('delete', old.id, old.headline, old.lede, old.body);
        INSERT INTO articles_article_fts(rowid, headline, lede, body)
        VALUES (new.id, new.headline, new.lede, new.body);
    END
    """,
    # The articles already there.
    "INSERT INTO articles_article_fts(articles_article_fts) VALUES ('rebuild')",
)


def create_search_index(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        for statement in CREATE:
            schema_editor.execute(statement)


def drop_search_index(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        for trigger in TRIGGERS:
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {trigger}")
        schema_editor.execute("DROP TABLE IF EXISTS articles_article_fts")


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0009_article_text_nfc"),
    ]

    operations = [
        migrations.RunPython(create_search_index, drop_search_index),
    ]
