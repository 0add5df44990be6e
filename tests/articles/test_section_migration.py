from importlib import import_module
from types import SimpleNamespace

from django.db import connection
from django.db.migrations.loader import MigrationLoader
from django.test import TestCase

from articles.models import Section

MIGRATION = "0014_section_slug_en"


class EnglishSlugMigrationTests(TestCase):
    """Migration 0014 gives existing sections English slugs made from their English names."""

    @classmethod
    def setUpClass(cls):
        state = MigrationLoader(connection).project_state(("articles", MIGRATION))
        cls.migration_apps = state.apps
        super().setUpClass()

    def section(self, slug, name_en):
        # As the migration finds them: no English slug yet (a placeholder, overwritten).
        return Section.objects.create(slug=slug, slug_en=f"placeholder-{slug}", name_en=name_en)

    def english_slugs(self):
        migration = import_module(f"articles.migrations.{MIGRATION}")
        migration.fill_english_slugs(self.migration_apps, SimpleNamespace(connection=connection))
        return dict(Section.objects.values_list("slug", "slug_en"))

    def test_english_slugs_come_from_the_english_names(self):
        self.section("utrikes", "World")
        self.section("inrikes", "Sweden")
        self.section("sport", "Sport")
        self.section("noje", "Nöje & Café")
        self.assertEqual(
            self.english_slugs(),
            {"utrikes": "world", "inrikes": "sweden", "sport": "sport", "noje": "noje-cafe"},
        )

    def test_english_slugs_are_made_unique(self):
        self.section("nyheter", "News")
        self.section("senaste", "News")
        self.section("snabbt", "News")
        self.assertEqual(sorted(self.english_slugs().values()), ["news", "news-2", "news-3"])

    def test_another_sections_swedish_slug_is_not_taken(self):
        # /en/section/culture/ was the English page of the section whose Swedish slug it is.
        self.section("culture", "Culture club")
        self.section("kultur", "Culture")
        slugs = self.english_slugs()
        self.assertEqual(slugs["kultur"], "culture-2")
        self.assertEqual(slugs["culture"], "culture-club")

    def test_a_section_without_a_usable_english_name_keeps_its_address(self):
        self.section("blandat", "")
        self.section("ovrigt", "!!!")
        self.assertEqual(self.english_slugs(), {"blandat": "blandat", "ovrigt": "ovrigt"})

    def test_long_names_give_slugs_that_fit(self):
        # As long as a name may be (80 characters): longer than a slug may be.
        name = ("A very long English name for a section " * 3)[:80]
        self.section("lang", name)
        self.section("langre", name)
        slugs = self.english_slugs()
        self.assertTrue(all(len(slug) <= 50 for slug in slugs.values()), slugs)
        self.assertEqual(len(set(slugs.values())), 2)
        self.assertTrue(slugs["langre"].endswith("-2"))
