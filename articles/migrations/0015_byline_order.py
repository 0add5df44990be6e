"""Bylines in an order editors choose: Article.authors goes through Byline, with a position.

Every byline is kept, its authors numbered in the order pages showed them until now (by name),
and so are the bylines of every revision (simple-history's rows move from
HistoricalArticle_authors to HistoricalByline, numbered the same way). The rows keep their ids,
so a revision's byline rows still name the rows they were copied from.

Django cannot add through= to a many-to-many field in the database, so the new table is made
and filled first; then the field's state changes and the automatic table is dropped.
"""

import django.db.models.deletion
import simple_history.models
from django.core.management.color import no_style
from django.db import migrations, models


def author_order(authors):
    """A function putting author ids in the order pages listed them: by name, as the database
    sorts names (its collation), then by id. Authors deleted since (in revisions) come last."""
    rank = {
        pk: n for n, pk in enumerate(authors.order_by("name", "pk").values_list("pk", flat=True))
    }

    def ordered(author_ids):
        return sorted(author_ids, key=lambda pk: (pk not in rank, rank.get(pk, 0), pk))

    return ordered


def copy_bylines(apps, schema_editor):
    """Every byline and every revision's byline, numbered in alphabetical order."""
    Article = apps.get_model("articles", "Article")
    Author = apps.get_model("articles", "Author")
    Byline = apps.get_model("articles", "Byline")
    OldByline = Article._meta.get_field("authors").remote_field.through
    HistoricalByline = apps.get_model("articles", "HistoricalByline")
    OldHistoricalByline = apps.get_model("articles", "HistoricalArticle_authors")
    db = schema_editor.connection.alias
    ordered = author_order(Author.objects.using(db))

    rows = {}
    for pk, article_id, author_id in OldByline.objects.using(db).values_list(
        "pk", "article_id", "author_id"
    ):
        rows.setdefault(article_id, {})[author_id] = pk
    Byline.objects.using(db).bulk_create(
        (
            Byline(pk=by_author[author_id], article_id=article_id, author_id=author_id, position=n)
            for article_id, by_author in rows.items()
            for n, author_id in enumerate(ordered(by_author), start=1)
        ),
        batch_size=1000,
    )
    # The ids were given: the next one made must come after them (PostgreSQL's sequence).
    with schema_editor.connection.cursor() as cursor:
        for sql in schema_editor.connection.ops.sequence_reset_sql(no_style(), [Byline]):
            cursor.execute(sql)

    revisions = {}
    for pk, history_id, article_id, author_id in OldHistoricalByline.objects.using(db).values_list(
        "id", "history_id", "article_id", "author_id"
    ):
        revisions.setdefault(history_id, {})[author_id] = (pk, article_id)
    HistoricalByline.objects.using(db).bulk_create(
        (
            HistoricalByline(
                id=by_author[author_id][0],
                history_id=history_id,
                article_id=by_author[author_id][1],
                author_id=author_id,
                position=n,
            )
            for history_id, by_author in revisions.items()
            for n, author_id in enumerate(ordered(by_author), start=1)
        ),
        batch_size=1000,
    )


def copy_bylines_back(apps, schema_editor):
    """Back to the automatic many-to-many rows: the same authors, without their order."""
    Article = apps.get_model("articles", "Article")
    Byline = apps.get_model("articles", "Byline")
    OldByline = Article._meta.get_field("authors").remote_field.through
    HistoricalByline = apps.get_model("articles", "HistoricalByline")
    OldHistoricalByline = apps.get_model("articles", "HistoricalArticle_authors")
    db = schema_editor.connection.alias
    OldByline.objects.using(db).bulk_create(
        (
            OldByline(pk=pk, article_id=article_id, author_id=author_id)
            for pk, article_id, author_id in Byline.objects.using(db).values_list(
                "pk", "article_id", "author_id"
            )
        ),
        batch_size=1000,
    )
    with schema_editor.connection.cursor() as cursor:
        for sql in schema_editor.connection.ops.sequence_reset_sql(no_style(), [OldByline]):
            cursor.execute(sql)
    OldHistoricalByline.objects.using(db).bulk_create(
        (
            OldHistoricalByline(
                id=pk, history_id=history_id, article_id=article_id, author_id=author_id
            )
            for pk, history_id, article_id, author_id in HistoricalByline.objects.using(
                db
            ).values_list("id", "history_id", "article_id", "author_id")
        ),
        batch_size=1000,
    )


def drop_automatic_table(apps, schema_editor):
    Article = apps.get_model("articles", "Article")
    schema_editor.delete_model(Article._meta.get_field("authors").remote_field.through)


def create_automatic_table(apps, schema_editor):
    Article = apps.get_model("articles", "Article")
    schema_editor.create_model(Article._meta.get_field("authors").remote_field.through)


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0014_section_slug_en"),
    ]

    operations = [
        migrations.CreateModel(
            name="Byline",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "position",
                    models.PositiveSmallIntegerField(
                        help_text="1 is the lead reporter, named first.", verbose_name="position"
                    ),
                ),
                (
                    "article",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="bylines",
                        to="articles.article",
                        verbose_name="article",
                    ),
                ),
                (
                    "author",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="bylines",
                        to="articles.author",
                        verbose_name="author",
                    ),
                ),
            ],
            options={
                "verbose_name": "author on the byline",
                "verbose_name_plural": "byline",
                "ordering": ["position", "pk"],
            },
        ),
        migrations.AddConstraint(
            model_name="byline",
            constraint=models.UniqueConstraint(
                fields=("article", "author"), name="unique_author_per_byline"
            ),
        ),
        migrations.CreateModel(
            name="HistoricalByline",
            fields=[
                (
                    "id",
                    models.BigIntegerField(
                        auto_created=True, blank=True, db_index=True, verbose_name="ID"
                    ),
                ),
                (
                    "position",
                    models.PositiveSmallIntegerField(
                        help_text="1 is the lead reporter, named first.", verbose_name="position"
                    ),
                ),
                ("m2m_history_id", models.AutoField(primary_key=True, serialize=False)),
                (
                    "article",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="articles.article",
                        verbose_name="article",
                    ),
                ),
                (
                    "author",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="articles.author",
                        verbose_name="author",
                    ),
                ),
                (
                    "history",
                    models.ForeignKey(
                        db_constraint=False,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        to="articles.historicalarticle",
                    ),
                ),
            ],
            options={
                "verbose_name": "HistoricalByline",
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.RunPython(copy_bylines, copy_bylines_back),
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="article",
                    name="authors",
                    field=models.ManyToManyField(
                        related_name="articles",
                        through="articles.Byline",
                        to="articles.author",
                        verbose_name="authors",
                    ),
                ),
            ],
            database_operations=[
                migrations.RunPython(drop_automatic_table, create_automatic_table),
            ],
        ),
        migrations.DeleteModel(
            name="HistoricalArticle_authors",
        ),
    ]
