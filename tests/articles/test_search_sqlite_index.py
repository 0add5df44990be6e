"""SQLite: the trigram index in front of search's GLOB match (migrations 0010 and 0019)."""

import importlib
from datetime import timedelta
from unittest import skipUnless

from django.db import DatabaseError, connection
from django.test import TestCase, TransactionTestCase
from django.utils import timezone

from articles.models import Article
from articles.querysets import trigram_query
from tests.factories import make_article, make_section

INDEX = "articles_article_fts"
CONTENTLESS = importlib.import_module(
    "articles.migrations.0019_search_ignores_joiners_and_soft_hyphens"
)


def indexed(text):
    """Ids of the articles whose headline, lede or body the index finds the text in."""
    phrase = '"{}"'.format(text.replace('"', '""'))
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT rowid FROM articles_article_fts WHERE articles_article_fts MATCH %s", [phrase]
        )
        return {row[0] for row in cursor.fetchall()}


def assert_index_matches_articles():
    # rank 1: the index is compared with the article table's text, not only with itself.
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO articles_article_fts(articles_article_fts, rank)"
            " VALUES ('integrity-check', 1)"
        )


def case_forms(char):
    """The characters glob_anycase() matches for a character of the reader's: its own cases."""
    return {form for form in (char, char.lower(), char.upper()) if len(form) == 1}


def found(query, language="sv"):
    return [
        article.slug for article in Article.objects.published().search(query, language=language)
    ]


@skipUnless(connection.vendor == "sqlite", "the trigram index is SQLite's")
class SearchIndexTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.section = make_section()
        cls.wolf = make_article(
            section=cls.section,
            slug="varg",
            headline="Vargen syns i Värmland",
            body="Jägarna säger att vargen har synts förut.",
        )

    def bulk_articles(self, headlines):
        return Article.objects.bulk_create(
            Article(
                language="sv",
                headline=headline,
                slug=f"bulk-{n}",
                lede="",
                body="",
                section=self.section,
                status=Article.Status.PUBLISHED,
                published_at=timezone.now() - timedelta(hours=1),
            )
            for n, headline in enumerate(headlines)
        )

    def test_a_search_looks_its_words_up_in_the_index_rather_than_reading_every_article(self):
        for query in ("vargen", "vargen jägarna", "i vargen", '"har synts" -björnen'):
            with self.subTest(query=query):
                plan = Article.objects.published().search(query, language="sv").explain()
                self.assertIn(f"SCAN {INDEX} VIRTUAL TABLE INDEX", plan)
                self.assertIn("SEARCH articles_article USING INTEGER PRIMARY KEY", plan)
                # The search page's query: without statistics (ANALYZE), SQLite walks the
                # language index and checks each id against the index's list before any GLOB.
                plan = (
                    Article.objects.published()
                    .in_language("sv")
                    .search(query, language="sv")
                    .explain()
                )
                self.assertIn(f"SCAN {INDEX} VIRTUAL TABLE INDEX", plan)
                self.assertNotRegex(plan, r"SCAN articles_article$")

    def test_words_too_short_for_trigrams_are_still_found_without_the_index(self):
        make_article(section=self.section, slug="norrvik", headline="Norrvik IF vände kvalet")
        self.assertEqual(found("IF"), ["norrvik"])
        self.assertEqual(found("if vände"), ["norrvik"])
        plan = Article.objects.search("IF", language="sv").explain()
        self.assertNotIn(INDEX, plan)

    def test_a_new_article_is_indexed(self):
        article = make_article(section=self.section, slug="alg", lede="Älgen simmar över sjön.")
        self.assertEqual(indexed("älgen"), {article.pk})
        self.assertEqual(found("älgen"), ["alg"])
        assert_index_matches_articles()

    def test_an_edited_article_is_indexed_anew(self):
        article = make_article(section=self.section, slug="alg", headline="Älgen simmar")
        article.headline = "Björnen klättrar"
        article.save()
        self.assertEqual(indexed("älgen"), set())
        self.assertEqual(indexed("björnen"), {article.pk})
        self.assertEqual(found("älgen"), [])
        self.assertEqual(found("björnen"), ["alg"])
        Article.objects.filter(pk=article.pk).update(body="Lodjuret smyger.")
        self.assertEqual(indexed("lodjuret"), {article.pk})
        self.assertEqual(found("lodjuret"), ["alg"])
        Article.objects.filter(pk=article.pk).update(status=Article.Status.DRAFT)
        self.assertEqual(indexed("björnen"), {article.pk})
        assert_index_matches_articles()

    def test_a_deleted_article_leaves_the_index(self):
        self.wolf.delete()
        self.assertEqual(indexed("vargen"), set())
        assert_index_matches_articles()

    def test_bulk_created_and_raw_deleted_articles_are_indexed_and_removed(self):
        created = self.bulk_articles(["Uttern dyker", "Uttern leker"])
        self.assertEqual(indexed("uttern"), {article.pk for article in created})
        self.assertEqual(sorted(found("uttern")), ["bulk-0", "bulk-1"])
        copies = Article.objects.filter(slug__startswith="bulk-")
        copies._raw_delete(copies.db)  # as newsroom/bench.py removes its copies
        self.assertEqual(indexed("uttern"), set())
        assert_index_matches_articles()

    def test_the_index_holds_the_text_without_joiners_and_soft_hyphens(self):
        # Contentless (migration 0019): the triggers give it the text as search reads it, and
        # remove exactly that again.
        article = make_article(
            section=self.section,
            slug="kust",
            headline="Kust\u00adbevakningen",
            lede="Sjö\u200dräddare",
        )
        self.assertEqual(indexed("kustbevakningen"), {article.pk})
        self.assertEqual(indexed("sjöräddare"), {article.pk})
        self.assertEqual(indexed("kust\u00adbev"), set())
        article.headline = "Auf\u200clage"
        article.save()
        self.assertEqual(indexed("kustbevakningen"), set())
        self.assertEqual(indexed("auflage"), {article.pk})
        self.assertEqual(indexed("sjöräddare"), {article.pk})
        Article.objects.filter(pk=article.pk).update(lede="Lotsen")
        self.assertEqual(indexed("sjöräddare"), set())
        article.delete()
        self.assertEqual(indexed("auflage"), set())
        self.assertEqual(indexed("lotsen"), set())
        created = self.bulk_articles(["Fjäll\u00adräddningen"])
        self.assertEqual(indexed("fjällräddningen"), {created[0].pk})
        assert_index_matches_articles()

    def test_the_readers_words_are_looked_up_literally(self):
        headlines = {
            "stjarna": 'Regeln "5*5" gäller [barn]?',
            "citat": "O'Brien säger nej till AND-grinden",
            "near": "NEAR(vargen björnen) och ^start +plus",
            "kolumn": "headline:vargen body:björnen",
            "minus": "IT-strategi för -30 grader",
            "japan": "Besök i 東京都 i maj",
            "grekland": "Val i Ελλάδα",
            "ryssland": "Möte i Москве",
            "israel": "Hälsning: שלום עולם",
        }
        for slug, headline in headlines.items():
            make_article(section=self.section, slug=slug, headline=headline)
        for query, expected in (
            ("5*5", ["stjarna"]),
            ('"5*5"', ["stjarna"]),
            ("[barn]?", ["stjarna"]),
            ("o'brien", ["citat"]),
            ("AND-grinden", ["citat"]),
            ('"near(vargen björnen)"', ["near"]),
            ("^start", ["near"]),
            ("+plus", ["near"]),
            ("headline:vargen", ["kolumn"]),
            ("body:björnen", ["kolumn"]),
            ("it-strategi", ["minus"]),
            ('"för -30"', ["minus"]),
            ("東京都", ["japan"]),
            ("ΕΛΛΆΔΑ", ["grekland"]),
            ("москве", ["ryssland"]),
            ("שלום", ["israel"]),
            ('"unclosed phrase', []),
            ("NEAR AND NOT", []),
            ("* ** ***", []),
            ('"""', []),
        ):
            with self.subTest(query=query):
                self.assertEqual(found(query), expected)

    def test_a_quote_inside_a_phrase_is_a_quote_to_find(self):
        article = make_article(section=self.section, slug="nej", headline='Han sa "nej" igen')
        query = trigram_query(['sa "nej" igen', "ab"])
        self.assertEqual(query, '"sa ""nej"" igen"')
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT rowid FROM articles_article_fts WHERE articles_article_fts MATCH %s",
                [query],
            )
            self.assertEqual(cursor.fetchall(), [(article.pk,)])

    def test_letters_other_than_ascii_match_in_either_case_but_keep_their_marks(self):
        make_article(section=self.section, slug="aland", headline="Val på Åland i höst")
        make_article(section=self.section, slug="stromsvik", lede="STRÖMSVIK bygger en bro.")
        make_article(section=self.section, slug="stromsvik-ascii", body="Stromsvik, Kansas.")
        for query, expected in (
            ("ÅLAND", ["aland"]),
            ("åland", ["aland"]),
            ("strömsvik", ["stromsvik"]),
            ("Stromsvik", ["stromsvik-ascii"]),
            ("aland", []),
        ):
            with self.subTest(query=query):
                self.assertEqual(found(query), expected)
        # The index itself folds case, not marks: "o" and "ö" stay different letters.
        self.assertEqual(len(indexed("ÅLAND")), 1)
        self.assertEqual(len(indexed("strömsvik")), 1)
        self.assertEqual(len(indexed("stromsvik")), 1)
        self.assertEqual(indexed("aland"), set())

    def test_letters_the_index_folds_otherwise_than_glob_are_still_found(self):
        # Turkish dotless ı matches I; Georgian letters match their Mtavruli capitals (Unicode
        # 11), which SQLite's folding table predates.
        make_article(section=self.section, slug="istanbul", headline="Resa till ISTANBUL")
        make_article(section=self.section, slug="georgien", headline="ᲡᲐᲥᲐᲠᲗᲕᲔᲚᲝ väljer")
        self.assertEqual(found("ıstanbul"), ["istanbul"])
        self.assertEqual(found("საქართველო"), ["georgien"])

    def test_every_cased_letter_finds_what_glob_matches(self):
        # Latin, Greek and Cyrillic: the letters the index is trusted with and those it is not.
        letters = [
            chr(code)
            for code in range(0x530)
            if chr(code).isalpha() and len(case_forms(chr(code))) > 1
        ]
        self.bulk_articles(letter * 3 for letter in letters)
        slugs = {letter: f"bulk-{n}" for n, letter in enumerate(letters)}
        for letter in letters:
            expected = sorted(slugs[form] for form in case_forms(letter) if form in slugs)
            with self.subTest(letter=f"U+{ord(letter):04X} {letter}"):
                self.assertEqual(sorted(found(letter * 3)), expected)


@skipUnless(connection.vendor == "sqlite", "the trigram index is SQLite's")
class SearchIndexMigrationTests(TransactionTestCase):
    """The migration's own functions, committed as by `migrate`.

    An FTS5 table dropped and created again in a transaction that is then rolled back (as a
    TestCase would) leaves the connection unable to use it.
    """

    def test_the_migration_indexes_the_articles_already_there(self):
        migration = importlib.import_module("articles.migrations.0010_article_search_sqlite")
        article = make_article(headline="Vargen syns i Värmland")
        with connection.schema_editor() as schema_editor:
            migration.drop_search_index(None, schema_editor)
        with self.assertRaises(DatabaseError):
            indexed("vargen")
        with connection.schema_editor() as schema_editor:
            migration.create_search_index(None, schema_editor)
        self.assertEqual(indexed("vargen"), {article.pk})
        assert_index_matches_articles()
        # As migrate leaves it: the contentless index of 0019.
        with connection.schema_editor() as schema_editor:
            CONTENTLESS.drop_sqlite_index(schema_editor)
            for statement in CONTENTLESS.CREATE_CONTENTLESS:
                schema_editor.execute(statement)

    def test_0019_indexes_the_text_without_joiners_and_soft_hyphens_and_back(self):
        article = make_article(headline="Kust\u00adbevakningen larmar")
        self.assertEqual(indexed("kustbevakningen"), {article.pk})
        with connection.schema_editor() as schema_editor:
            CONTENTLESS.backwards(None, schema_editor)
        # 0010's index: the text as the article table has it.
        self.assertEqual(indexed("kustbevakningen"), set())
        self.assertEqual(indexed("kust\u00adbevakningen"), {article.pk})
        assert_index_matches_articles()
        with connection.schema_editor() as schema_editor:
            CONTENTLESS.forwards(None, schema_editor)
        self.assertEqual(indexed("kustbevakningen"), {article.pk})
        self.assertEqual(indexed("kust\u00adbevakningen"), set())
        article.headline = "Vargen"
        article.save()
        self.assertEqual(indexed("kustbevakningen"), set())
        self.assertEqual(indexed("vargen"), {article.pk})
        assert_index_matches_articles()
