import unicodedata
from importlib import import_module
from types import SimpleNamespace

from django.core.exceptions import ValidationError
from django.db import connection
from django.db.migrations.loader import MigrationLoader
from django.test import TestCase
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.translation import override

from articles.models import Article
from tests.factories import make_article, make_section


def nfd(text):
    return unicodedata.normalize("NFD", text)


def search(client, query):
    with override("sv"):
        response = client.get(reverse("articles:search"), {"q": query})
    return [article.slug for article in response.context["articles"]]


class ComposedTextTests(TestCase):
    """Text pasted in decomposed form (macOS, PDFs) is stored composed, as search spells it."""

    @classmethod
    def setUpTestData(cls):
        cls.section = make_section()

    def test_decomposed_text_is_stored_composed(self):
        article = make_article(
            section=self.section,
            headline=nfd("Färjan till Strömsvik"),
            lede=nfd("Öborna väntar."),
            body=nfd("Hamnen i Strömsvik öppnar."),
            lead_image_caption=nfd("Kajen i Strömsvik"),
        )
        article.refresh_from_db()
        self.assertEqual(article.headline, "Färjan till Strömsvik")
        self.assertEqual(article.lede, "Öborna väntar.")
        self.assertEqual(article.body, "Hamnen i Strömsvik öppnar.")
        self.assertEqual(article.lead_image_caption, "Kajen i Strömsvik")
        self.assertIn("Strömsvik", article.body_html)

    def test_composing_keeps_compatibility_characters_the_editor_typed(self):
        # NFC, not NFKC: a ligature, fullwidth letters and a superscript stay as written.
        headline = nfd("Ｔ２ ﬁnalen i Strömsvik, 10² åskådare")
        article = make_article(section=self.section, headline=headline)
        article.refresh_from_db()
        self.assertEqual(article.headline, "Ｔ２ ﬁnalen i Strömsvik, 10² åskådare")

    def test_saving_only_the_body_stores_it_composed(self):
        article = make_article(section=self.section)
        article.body = nfd("Bron till Öland stängs.")
        article.save(update_fields=["body"])
        article.refresh_from_db()
        self.assertEqual(article.body, "Bron till Öland stängs.")
        self.assertIn("Öland", article.body_html)

    def test_validation_sees_the_composed_length(self):
        # A few letters (Devanagari with nukta, among others) compose into two characters:
        # the length limit must apply to what is stored, or the database refuses the save.
        article = make_article(section=self.section)
        article.headline = "\u0958" * 150
        with self.assertRaises(ValidationError) as caught:
            article.full_clean()
        self.assertIn("headline", caught.exception.message_dict)


class DecomposedTextSearchTests(TestCase):
    """On SQLite (substring match) and PostgreSQL (search vector) alike."""

    @classmethod
    def setUpTestData(cls):
        section = make_section()
        make_article(section=section, slug="rubrik", headline=nfd("Färja till Strömsvik"))
        make_article(section=section, slug="ingress", lede=nfd("Öborna i Kåsedalen väntar."))
        make_article(section=section, slug="brodtext", body=nfd("Hamnen i Löttorp öppnar."))

    def test_article_pasted_decomposed_is_found_by_the_composed_word(self):
        for query, expected in (
            ("Strömsvik", ["rubrik"]),
            ("kåsedalen", ["ingress"]),
            ("LÖTTORP", ["brodtext"]),
        ):
            with self.subTest(query=query):
                self.assertEqual(search(self.client, query), expected)

    def test_body_saved_alone_is_found_by_the_composed_word(self):
        article = make_article(slug="uppdaterad")
        article.body = nfd("Bron till Mörbylånga stängs.")
        article.save(update_fields=["body"])
        self.assertEqual(search(self.client, "Mörbylånga"), ["uppdaterad"])


class ComposeStoredTextMigrationTests(TestCase):
    """Migration 0009 composes articles stored before save() did."""

    @classmethod
    def setUpClass(cls):
        # The models as the migration sees them: historical, without Article's own save().
        state = MigrationLoader(connection).project_state(("articles", "0009_article_text_nfc"))
        cls.migration_apps = state.apps
        super().setUpClass()

    @classmethod
    def setUpTestData(cls):
        cls.composed = make_article(slug="redan", headline="Redan i Strömsvik")
        cls.pasted = make_article(slug="inklistrad")
        # As articles saved before this change may be: decomposed, bypassing save().
        Article.objects.filter(pk=cls.pasted.pk).update(
            headline=nfd("Färja till Strömsvik"),
            lede=nfd("Öborna väntar."),
            body=nfd("Hamnen i Strömsvik öppnar."),
            lead_image_caption=nfd("Kajen"),
            body_html=f"<p>{nfd('Hamnen i Strömsvik öppnar.')}</p>\n",
        )
        if connection.vendor == "postgresql":
            Article.objects.filter(pk=cls.pasted.pk).update(search_vector=None)

    def run_migration(self):
        migration = import_module("articles.migrations.0009_article_text_nfc")
        migration.compose_article_text(self.migration_apps, SimpleNamespace(connection=connection))

    def test_existing_decomposed_articles_are_composed_and_found(self):
        self.run_migration()
        article = Article.objects.get(pk=self.pasted.pk)
        self.assertEqual(article.headline, "Färja till Strömsvik")
        self.assertEqual(article.lede, "Öborna väntar.")
        self.assertEqual(article.body, "Hamnen i Strömsvik öppnar.")
        self.assertEqual(article.lead_image_caption, "Kajen")
        self.assertEqual(article.body_html, "<p>Hamnen i Strömsvik öppnar.</p>\n")
        self.assertEqual(set(search(self.client, "Strömsvik")), {"inklistrad", "redan"})

    def test_articles_already_composed_are_not_written(self):
        self.run_migration()
        with CaptureQueriesContext(connection) as queries:
            self.run_migration()
        writes = [q["sql"] for q in queries if q["sql"].startswith("UPDATE")]
        self.assertEqual(writes, [])
