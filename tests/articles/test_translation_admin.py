import re

from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.articles.test_admin import make_editor
from tests.factories import article_form_data, make_article


class OriginalTextTests(TestCase):
    """A translation's change form shows its original's text, to translate without switching tabs."""

    @classmethod
    def setUpTestData(cls):
        cls.editor = make_editor()
        cls.original = make_article(
            headline="Riksdagen röstade om budgeten",
            lede="Budgeten gick igenom.",
            # Stored by a command, unchecked: whatever it holds is shown as text.
            body="Första stycket.\n\n## Bakgrund\n\nTre < fyra & <b>fet</b>",
        )
        cls.translation = make_article(
            language="en",
            section=cls.original.section,
            headline="Parliament voted on the budget",
            translation_of=cls.original,
        )

    def setUp(self):
        self.client.force_login(self.editor)

    def change_url(self, article):
        return reverse("admin:articles_article_change", args=[article.pk])

    def test_a_translations_form_shows_its_originals_text_marked_with_its_language(self):
        response = self.client.get(
            self.change_url(self.translation), headers={"accept-language": "en"}
        )
        self.assertContains(response, '<details class="original-text" open>')
        self.assertContains(response, "<summary>The Swedish original</summary>", html=True)
        self.assertContains(
            response,
            '<dd lang="sv" class="original-headline">Riksdagen röstade om budgeten</dd>',
            html=True,
        )
        self.assertContains(
            response, '<dd lang="sv" class="original-lede">Budgeten gick igenom.</dd>', html=True
        )
        # The Markdown as typed, escaped: no markup of the editor's reaches the page.
        self.assertContains(
            response,
            '<dd lang="sv" class="original-body">Första stycket.\n\n## Bakgrund\n\n'
            "Tre &lt; fyra &amp; &lt;b&gt;fet&lt;/b&gt;</dd>",
        )
        self.assertContains(response, f'href="{self.change_url(self.original)}"')

    def test_the_original_text_comes_before_the_translations_fields(self):
        page = self.client.get(self.change_url(self.translation)).content.decode()
        self.assertLess(page.index('class="original-text"'), page.index('name="headline"'))

    def test_an_original_or_a_new_article_shows_no_original_text(self):
        for url in [self.change_url(self.original), reverse("admin:articles_article_add")]:
            with self.subTest(url=url):
                self.assertNotContains(self.client.get(url), "original-text")

    def test_the_original_costs_the_form_one_query(self):
        url = self.change_url(self.translation)
        self.client.get(url)  # content types, cached from then on
        # Session, user, article, permissions (2), byline, authors (2), live?, the original,
        # section, the original as the autocomplete's choice, the versions in other languages.
        with self.assertNumQueries(13):
            self.client.get(url)

    def test_a_refused_save_shows_the_original_again_without_reading_it_once_more(self):
        url = self.change_url(self.translation)
        data = article_form_data(self.translation, headline="")
        with CaptureQueriesContext(connection) as queries:
            response = self.client.post(url, data, headers={"accept-language": "en"})
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "<summary>The Swedish original</summary>", html=True)
        self.assertContains(response, "Riksdagen röstade om budgeten")
        # Read by the form's validation (Article.clean()): not once more for the panel.
        reads = [
            query["sql"]
            for query in queries
            if query["sql"].startswith('SELECT "articles_article"."id"')
            and re.search(rf'WHERE "articles_article"."id" = {self.original.pk}\b', query["sql"])
        ]
        self.assertEqual(len(reads), 1, reads)
