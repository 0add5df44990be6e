import re
from importlib import import_module
from types import SimpleNamespace
from unittest import mock

from django.db import connection
from django.db.migrations.loader import MigrationLoader
from django.test import SimpleTestCase, TestCase, override_settings
from django.test.utils import CaptureQueriesContext
from django.utils.translation import gettext, override

from articles.markup import markup_readers_would_not_get, render_markdown
from articles.models import Article
from tests.factories import make_article


class RenderMarkdownTests(SimpleTestCase):
    def test_script_tags_are_escaped(self):
        html = render_markdown("Före <script>alert('x')</script> efter")
        self.assertNotIn("<script", html)
        self.assertIn("&lt;script&gt;", html)

    def test_event_handler_attributes_cannot_be_injected(self):
        html = render_markdown('<img src="x" onerror="alert(1)">\n\n<p onclick="x()">hej</p>')
        self.assertNotIn("<img", html)
        self.assertNotIn("<p onclick", html)
        self.assertIn("&lt;img", html)

    def test_javascript_links_are_not_rendered_as_links(self):
        html = render_markdown("[klicka](javascript:alert(1))")
        self.assertNotIn("href", html)

    def test_paragraphs_subheadings_links_lists_and_quotes(self):
        html = render_markdown(
            "Ett stycke.\n\n## Rubrik\n\n- ett\n- två\n\n> Ett citat\n\n[Riksdagen](https://www.riksdagen.se)"
        )
        self.assertInHTML("<p>Ett stycke.</p>", html)
        self.assertInHTML('<h2 id="avsnitt-rubrik">Rubrik</h2>', html)
        self.assertInHTML("<ul><li>ett</li><li>två</li></ul>", html)
        self.assertInHTML("<blockquote><p>Ett citat</p></blockquote>", html)
        self.assertInHTML('<a href="https://www.riksdagen.se">Riksdagen</a>', html)

    def test_an_indented_paragraph_is_a_paragraph_not_code(self):
        # Text pasted from an e-mail is often indented: it is prose, and "quotes" in it are typeset.
        html = render_markdown('Före.\n\n    Inklistrat "stycke" med indrag.', language="sv")
        self.assertInHTML("<p>Inklistrat ”stycke” med indrag.</p>", html)
        self.assertNotIn("<pre", html)

    def test_a_top_level_heading_becomes_a_subheading(self):
        self.assertInHTML('<h2 id="avsnitt-rubrik">Rubrik</h2>', render_markdown("# Rubrik"))

    def test_subheading_levels_never_skip_one(self):
        # A screen reader's list of headings is the article's outline: after the headline (h1)
        # comes an h2, and a subheading is at most one level below the one before it.
        html = render_markdown("### Först\n\n#### Under\n\n## Sedan\n\n#### Djupt\n\n# Sist")
        levels = re.findall(r"<h([1-6])", html)
        self.assertEqual(levels, ["2", "3", "2", "3", "2"])
        self.assertInHTML('<h2 id="avsnitt-forst">Först</h2>', html)
        self.assertInHTML('<h3 id="avsnitt-djupt">Djupt</h3>', html)

    def test_each_subheading_has_an_id_from_its_words_apart_from_the_pages_own(self):
        html = render_markdown("## Bakgrund\n\n## Åtgärder i år\n\n### Bakgrund\n\n## محمد")
        self.assertInHTML('<h2 id="avsnitt-bakgrund">Bakgrund</h2>', html)
        self.assertInHTML('<h2 id="avsnitt-atgarder-i-ar">Åtgärder i år</h2>', html)
        self.assertInHTML('<h3 id="avsnitt-bakgrund-2">Bakgrund</h3>', html)
        self.assertInHTML('<h2 id="avsnitt-rubrik">محمد</h2>', html)

    def test_a_link_to_a_subheading_leads_to_it(self):
        html = render_markdown(
            "Se [bakgrunden](#bakgrund), [åtgärderna](#Åtgärder-i-år) och [sidan](#main)."
            "\n\n## Bakgrund\n\n## Åtgärder i år"
        )
        self.assertInHTML('<a href="#avsnitt-bakgrund">bakgrunden</a>', html)
        self.assertInHTML('<a href="#avsnitt-atgarder-i-ar">åtgärderna</a>', html)
        # A fragment that is no subheading's is left as written.
        self.assertInHTML('<a href="#main">sidan</a>', html)

    def test_an_english_bodys_subheadings_and_links_to_them_have_english_ids(self):
        html = render_markdown("See [the background](#background).\n\n## Background", language="en")
        self.assertInHTML('<h2 id="section-background">Background</h2>', html)
        self.assertInHTML('<a href="#section-background">the background</a>', html)
        self.assertNotIn("avsnitt", html)

    def test_images_in_the_text_are_not_loaded_from_other_hosts(self):
        self.assertNotIn("<img", render_markdown("![bild](https://tracker.example/pixel.png)"))

    def test_quotes_follow_the_language(self):
        self.assertIn("”citat”", render_markdown('"citat"', language="sv"))
        self.assertIn("“quote”", render_markdown('"quote"', language="en"))


RESULTS = """\
| Parti | Röster | Andel |
| :-- | --: | :-: |
| Gröna <b>listan</b> | 1 204 | 31 % |
| Bygdepartiet | 987 | 25 % |
"""


class TableTests(SimpleTestCase):
    def test_a_pipe_table_is_a_table_whose_header_cells_head_their_columns(self):
        html = render_markdown("| Parti | Röster |\n| --- | --- |\n| Bygdepartiet | 987 |")
        self.assertInHTML(
            "<table><thead><tr>"
            '<th scope="col">Parti</th><th scope="col">Röster</th>'
            "</tr></thead><tbody><tr><td>Bygdepartiet</td><td>987</td></tr></tbody></table>",
            html,
        )

    def test_html_typed_in_a_cell_is_escaped(self):
        html = render_markdown(
            "| Namn | Kommentar |\n| --- | --- |\n"
            '| <script>alert(1)</script> | <img src=x onerror="alert(1)"> |'
        )
        self.assertNotIn("<script", html)
        self.assertNotIn("<img", html)
        self.assertInHTML("<td>&lt;script&gt;alert(1)&lt;/script&gt;</td>", html)

    def test_markdown_in_a_cell_is_rendered(self):
        html = render_markdown("| Källa |\n| --- |\n| **[SCB](https://www.scb.se)** |")
        self.assertInHTML('<td><strong><a href="https://www.scb.se">SCB</a></strong></td>', html)

    def test_columns_are_aligned_as_the_delimiter_row_says(self):
        html = render_markdown(RESULTS)
        self.assertInHTML('<th scope="col" style="text-align:left">Parti</th>', html)
        self.assertInHTML('<th scope="col" style="text-align:right">Röster</th>', html)
        self.assertInHTML('<th scope="col" style="text-align:center">Andel</th>', html)
        self.assertInHTML('<td style="text-align:right">1 204</td>', html)
        self.assertInHTML('<td style="text-align:center">31 %</td>', html)

    def test_a_table_scrolls_in_a_named_region_the_keyboard_reaches(self):
        html = render_markdown(RESULTS, language="en")
        self.assertRegex(
            html,
            r'(?s)^<div class="table-scroll" role="region" tabindex="0" aria-label="Table">\n'
            r"<table>.*</table>\n</div>\n$",
        )

    def test_the_region_is_named_in_the_articles_language_not_the_editors(self):
        with override("sv"):
            swedish_name = gettext("Table")
            english = render_markdown(RESULTS, language="en")
        with override("en"):
            swedish = render_markdown(RESULTS, language="sv")
        self.assertIn('aria-label="Table"', english)
        self.assertIn(f'aria-label="{swedish_name}"', swedish)

    def test_each_table_of_a_body_with_several_has_a_region_name_of_its_own(self):
        # Two regions of one name are one landmark to a screen reader's list of them (axe:
        # landmark-unique): the tables are numbered, in the article's language.
        with override("en"):
            quoted = "> " + RESULTS.replace("\n", "\n> ")
            html = render_markdown(f"{RESULTS}\nText.\n\n{quoted}", language="sv")
        names = re.findall(r'aria-label="([^"]*)"', html)
        with override("sv"):
            numbered = gettext("Table %(number)s")
        self.assertEqual(names, [numbered % {"number": n} for n in (1, 2)])
        # The next body rendered numbers its own tables from 1.
        again = render_markdown(f"{RESULTS}\n\n{RESULTS}", language="sv")
        self.assertEqual(re.findall(r'aria-label="([^"]*)"', again), names)

    def test_text_with_pipes_but_no_delimiter_row_stays_a_paragraph(self):
        html = render_markdown("Ja | Nej | Vet ej")
        self.assertInHTML("<p>Ja | Nej | Vet ej</p>", html)
        self.assertNotIn("table", html)


class InspectorTableTests(SimpleTestCase):
    """The body check reads a table's cells as the renderer does."""

    def test_a_picture_and_html_in_a_cell_are_found(self):
        images, links, _nowhere, html, _cells = markup_readers_would_not_get(
            "| Bild | Text |\n| --- | --- |\n| ![logga](https://t.example/a.png) | <b>fet</b> |"
        )
        self.assertEqual(images, ["https://t.example/a.png"])
        self.assertEqual(html, ["<b>", "</b>"])
        self.assertEqual(links, [])

    def test_what_a_cell_boundary_takes_out_of_a_code_span_is_found(self):
        # A pipe ends a cell even inside backticks: the picture and the tag are not code on
        # the page but text of the second cell, where readers see them as typed.
        images, _links, _nowhere, html, _cells = markup_readers_would_not_get(
            "| A | B |\n| --- | --- |\n| `x | ![logga](https://t.example/b.png) <i>` |"
        )
        self.assertEqual(images, ["https://t.example/b.png"])
        self.assertEqual(html, ["<i>"])

    def test_cells_right_of_the_last_column_are_found(self):
        *_others, cells = markup_readers_would_not_get(
            "| Parti | Röster |\n| --- | --: |\n| S | 1 200 | 30 % | *borta* |\n"
            "| M | 900 |\n"
            "Kd | 300 | 8 %\n"
        )
        self.assertEqual(cells, ["30 %", "*borta*", "8 %"])

    def test_a_full_table_escaped_pipes_and_quoted_tables_leave_nothing_out(self):
        for text in (
            "| A | B |\n| --- | --- |\n| 1 | 2 |\n| 3 |",
            "| A | B |\n| --- | --- |\n| 1 | 2 \\| 3 |",
            "> | A | B |\n> | --- | --- |\n> | 1 | 2 |",
            "- punkt\n\n  | A | B |\n  | --- | --- |\n  | 1 | 2 |",
            "Ja | Nej | Vet ej",
        ):
            with self.subTest(text=text):
                self.assertEqual(markup_readers_would_not_get(text)[4], [])

    def test_cells_in_a_quoted_table_are_found(self):
        *_others, cells = markup_readers_would_not_get("> | A |\n> | --- |\n> | 1 | 2 |")
        self.assertEqual(cells, ["2"])

    def test_cells_are_read_from_their_own_row_whatever_separators_the_text_above_holds(self):
        # Text pasted from a word processor or a web page can hold a line or page separator,
        # which Markdown (and the renderer) reads as part of a line, not as a line break.
        for separator in ("\u2028", "\u2029", "\x0c", "\x0b", "\x85", "\x1e"):
            with self.subTest(separator=repr(separator)):
                *_others, cells = markup_readers_would_not_get(
                    f"Källa:{separator}SCB\n\n| A | B |\n| --- | --- |\n| 1 | 2 |\n| 3 | 4 | 5 |"
                )
                self.assertEqual(cells, ["5"])


@override_settings(NEWSROOM_PAGE_CACHE_SECONDS=300)
class InspectorLinkTests(SimpleTestCase):
    """The body check finds the links that lead nowhere, however they are written."""

    def test_a_host_and_port_without_a_scheme_leads_nowhere(self):
        # A browser reads "www.riksbank.se:" as the address's scheme, one it does not know.
        _images, links, nowhere, _html, _cells = markup_readers_would_not_get(
            "Se [räntan](www.riksbank.se:8080/ranta) och <www.riksbank.se:8080/x>."
        )
        self.assertEqual(links, [])
        self.assertEqual(nowhere, ["www.riksbank.se:8080/ranta", "www.riksbank.se:8080/x"])

    def test_addresses_with_a_scheme_lead_somewhere(self):
        _images, _links, nowhere, _html, _cells = markup_readers_would_not_get(
            "[a](https://www.riksbank.se:8080/x) [b](tel:0812345678) [c](mailto:red@example.se) "
            "<https://www.riksbank.se:443> <tel:+46812345678>"
        )
        self.assertEqual(nowhere, [])


class RenderStoredTablesMigrationTests(TestCase):
    """Migration 0013 renders anew the bodies stored before tables were rendered."""

    @classmethod
    def setUpClass(cls):
        # The models as the migration sees them: historical, without Article's own save().
        state = MigrationLoader(connection).project_state(("articles", "0013_rerender_tables"))
        cls.migration_apps = state.apps
        super().setUpClass()

    @classmethod
    def setUpTestData(cls):
        cls.with_table = make_article(slug="med-tabell", body=RESULTS)
        cls.without_table = make_article(slug="utan-tabell", body="Ja | Nej | Vet ej")
        # As the renderer made them before tables: the table a paragraph of pipes.
        Article.objects.filter(pk=cls.with_table.pk).update(
            body_html="<p>| Parti | Röster | Andel |\n| :-- | --: | :-: |</p>\n"
        )
        Article.objects.filter(pk=cls.without_table.pk).update(body_html="<p>som förut</p>\n")

    def run_migration(self):
        migration = import_module("articles.migrations.0013_rerender_tables")
        migration.render_tables(self.migration_apps, SimpleNamespace(connection=connection))

    def test_a_stored_body_with_a_table_is_rendered_anew(self):
        self.run_migration()
        self.with_table.refresh_from_db()
        self.assertEqual(self.with_table.body_html, render_markdown(RESULTS))

    def test_other_bodies_and_bodies_already_rendered_are_not_written(self):
        self.run_migration()
        self.without_table.refresh_from_db()
        self.assertEqual(self.without_table.body_html, "<p>som förut</p>\n")
        with CaptureQueriesContext(connection) as queries:
            self.run_migration()
        self.assertEqual([q["sql"] for q in queries if q["sql"].startswith("UPDATE")], [])

    def test_no_cached_page_keeps_the_old_body(self):
        path = self.with_table.get_absolute_url()
        self.assertNotContains(self.client.get(path), "<table>")
        self.run_migration()
        self.assertContains(self.client.get(path), "<table>")


class RenderNumberedTablesMigrationTests(TestCase):
    """Migration 0017 renders anew the bodies with several tables, now numbered."""

    @classmethod
    def setUpClass(cls):
        state = MigrationLoader(connection).project_state(
            ("articles", "0017_rerender_numbered_tables")
        )
        cls.migration_apps = state.apps
        super().setUpClass()

    def test_a_stored_body_with_two_tables_gets_them_numbered(self):
        body = f"{RESULTS}\nText.\n\n{RESULTS}"
        article = make_article(slug="tva-tabeller", body=body)
        # As the renderer made them before: both tables named alike.
        unnumbered = render_markdown(RESULTS) + "<p>Text.</p>\n" + render_markdown(RESULTS)
        Article.objects.filter(pk=article.pk).update(body_html=unnumbered)
        migration = import_module("articles.migrations.0017_rerender_numbered_tables")
        migration.render_tables(self.migration_apps, SimpleNamespace(connection=connection))
        article.refresh_from_db()
        self.assertEqual(article.body_html, render_markdown(body))
        self.assertNotEqual(article.body_html, unnumbered)


class RenderFragmentLinksMigrationTests(TestCase):
    """Migration 0022 renders anew the bodies that link to a subheading of their own."""

    @classmethod
    def setUpClass(cls):
        state = MigrationLoader(connection).project_state(
            ("articles", "0022_rerender_fragment_links")
        )
        cls.migration_apps = state.apps
        super().setUpClass()

    def test_a_stored_body_linking_to_its_subheading_gets_the_link_and_the_id(self):
        body = "Se [bakgrunden](#bakgrund).\n\n## Bakgrund\n\nText."
        linked = make_article(slug="med-lank", body=body)
        other = make_article(slug="utan-lank", body="## Bakgrund\n\nText.")
        # As the renderer made them before: no ids.
        Article.objects.filter(pk=linked.pk).update(
            body_html='<p>Se <a href="#bakgrund">bakgrunden</a>.</p>\n<h2>Bakgrund</h2>\n'
        )
        Article.objects.filter(pk=other.pk).update(body_html="<h2>Bakgrund</h2>\n")
        migration = import_module("articles.migrations.0022_rerender_fragment_links")
        migration.render_fragment_links(self.migration_apps, SimpleNamespace(connection=connection))
        linked.refresh_from_db()
        other.refresh_from_db()
        self.assertEqual(linked.body_html, render_markdown(body))
        self.assertIn('href="#avsnitt-bakgrund"', linked.body_html)
        self.assertEqual(other.body_html, "<h2>Bakgrund</h2>\n")


class RenderHeadingIdsAndLevelsMigrationTests(TestCase):
    """Migration 0024 renders anew English bodies with Swedish ids and bodies that skip a level."""

    @classmethod
    def setUpClass(cls):
        state = MigrationLoader(connection).project_state(
            ("articles", "0024_rerender_heading_ids_and_levels")
        )
        cls.migration_apps = state.apps
        super().setUpClass()

    def migrate(self):
        migration = import_module("articles.migrations.0024_rerender_heading_ids_and_levels")
        with mock.patch("articles.services.page_cache_purge") as purge:
            migration.render_heading_ids_and_levels(
                self.migration_apps, SimpleNamespace(connection=connection)
            )
        return purge

    def test_an_english_body_gets_english_ids_and_the_page_cache_is_purged(self):
        body = "See [the background](#background).\n\n## Background\n\nText."
        english = make_article(slug="background", language="en", body=body)
        swedish = make_article(slug="bakgrund", body="## Bakgrund\n\nText.")
        # As the renderer made them before: Swedish ids in both languages.
        before = '<p>See <a href="#avsnitt-background">the background</a>.</p>\n'
        before += '<h2 id="avsnitt-background">Background</h2>\n<p>Text.</p>\n'
        Article.objects.filter(pk=english.pk).update(body_html=before)
        swedish_html = Article.objects.get(pk=swedish.pk).body_html
        purge = self.migrate()
        english.refresh_from_db()
        self.assertEqual(english.body_html, render_markdown(body, language="en"))
        self.assertIn('<h2 id="section-background">', english.body_html)
        self.assertIn('href="#section-background"', english.body_html)
        self.assertEqual(Article.objects.get(pk=swedish.pk).body_html, swedish_html)
        purge.assert_called_once_with()

    def test_nothing_changed_purges_nothing(self):
        make_article(slug="no-headings", language="en", body="Text.")
        make_article(slug="bakgrund", body="## Bakgrund\n\nText.")
        self.migrate().assert_not_called()

    def test_a_stored_body_with_a_skipped_level_gets_its_outline_mended(self):
        body = "Text.\n\n### Bakgrund\n\nMer text."
        skipping = make_article(slug="hoppar", body=body)
        other = make_article(slug="hela", body="## Bakgrund\n\nText.")
        # As the renderer made them before: "###" an h3 right after the headline.
        before = '<p>Text.</p>\n<h3 id="avsnitt-bakgrund">Bakgrund</h3>\n<p>Mer text.</p>\n'
        Article.objects.filter(pk=skipping.pk).update(body_html=before)
        Article.objects.filter(pk=other.pk).update(body_html="<h2>Bakgrund</h2>\n")
        purge = self.migrate()
        skipping.refresh_from_db()
        other.refresh_from_db()
        self.assertEqual(skipping.body_html, render_markdown(body))
        self.assertIn('<h2 id="avsnitt-bakgrund">Bakgrund</h2>', skipping.body_html)
        # Only bodies with a "###" subheading are rendered anew.
        self.assertEqual(other.body_html, "<h2>Bakgrund</h2>\n")
        purge.assert_called_once_with()
