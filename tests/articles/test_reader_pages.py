import re
from datetime import UTC, datetime
from html import unescape

import time_machine
from django.test import TestCase

from articles.models import Article
from articles.services import article_publish
from tests.factories import make_article, make_section


def title(response):
    return unescape(re.search(r"<title>(.*?)</title>", response.content.decode(), re.S).group(1))


def language_switcher(response):
    """Where the masthead's link to the other language leads."""
    link = re.search(r'class="masthead__language" href="([^"]*)"', response.content.decode())
    return unescape(link.group(1))


class SearchLanguageSwitcherTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        section = make_section()
        for n in range(13):
            make_article(section=section, slug=f"varg-{n}", headline=f"Vargen nummer {n}")

    def test_switching_language_keeps_the_query(self):
        response = self.client.get("/sv/sok/", {"q": "vargen"})
        self.assertEqual(language_switcher(response), "/en/search/?q=vargen")
        response = self.client.get("/en/search/", {"q": "wolf"})
        self.assertEqual(language_switcher(response), "/sv/sok/?q=wolf")

    def test_the_query_is_encoded_and_escaped_in_the_switcher(self):
        response = self.client.get("/sv/sok/", {"q": 'Åland & "co" <b>'})
        self.assertEqual(
            language_switcher(response), "/en/search/?q=%C3%85land+%26+%22co%22+%3Cb%3E"
        )
        self.assertNotContains(response, "<b>")

    def test_a_later_page_switches_to_the_first_page_of_the_other_languages_results(self):
        # The other language's results are other articles: its page 2 is no counterpart of ours.
        response = self.client.get("/sv/sok/", {"q": "vargen", "page": 2})
        self.assertEqual(response.context["page_obj"].number, 2)
        self.assertEqual(language_switcher(response), "/en/search/?q=vargen")

    def test_without_a_query_the_switcher_leads_to_the_other_search_page(self):
        self.assertEqual(language_switcher(self.client.get("/sv/sok/")), "/en/search/")
        self.assertEqual(language_switcher(self.client.get("/sv/sok/?q=+")), "/en/search/")


class NotFoundLanguageSwitcherTests(TestCase):
    def test_a_missing_page_switches_to_the_other_languages_front_page(self):
        # The same address in the other language is missing too.
        for url, front in [("/sv/artiklar/finns-inte/", "/en/"), ("/en/articles/gone/", "/sv/")]:
            with self.subTest(url=url):
                response = self.client.get(url)
                self.assertEqual(response.status_code, 404)
                self.assertEqual(language_switcher(response), front)


class PageTitleTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        section = make_section(slug="utrikes", name_sv="Utrikes", name_en="World")
        for n in range(13):
            make_article(section=section, slug=f"varg-{n}", headline=f"Vargen nummer {n}")
            make_article(
                section=section, language="en", slug=f"wolf-{n}", headline=f"Wolf number {n}"
            )

    def assert_titles(self, cases):
        for url, expected in cases.items():
            with self.subTest(url=url):
                self.assertEqual(title(self.client.get(url)), expected)

    def test_later_pages_of_a_section_say_their_number_in_the_title(self):
        self.assert_titles(
            {
                "/sv/sektion/utrikes/": "Utrikes – Newsroom",
                "/sv/sektion/utrikes/?page=2": "Utrikes – sida 2 – Newsroom",
                "/en/section/world/": "World – Newsroom",
                "/en/section/world/?page=2": "World – page 2 – Newsroom",
            }
        )

    def test_later_pages_of_search_results_say_their_number_in_the_title(self):
        self.assert_titles(
            {
                "/sv/sok/?q=vargen": "Sök: vargen – 13 artiklar – Newsroom",
                "/sv/sok/?q=vargen&page=2": "Sök: vargen – 13 artiklar – sida 2 – Newsroom",
                "/en/search/?q=wolf": "Search: wolf – 13 articles – Newsroom",
                "/en/search/?q=wolf&page=2": "Search: wolf – 13 articles – page 2 – Newsroom",
            }
        )


# HTML's valid global date and time string: seconds may have one to three decimals, no more.
HTML_DATETIME = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d{1,3})?)?(Z|[+-]\d\d:?\d\d)")


class TimeElementTests(TestCase):
    """<time datetime> values are ones HTML accepts, however precise the stored time is."""

    @classmethod
    def setUpTestData(cls):
        # "Publish" with no time set, and a substantive update, store the moment of the click,
        # to the microsecond.
        with time_machine.travel(datetime(2026, 3, 2, 8, 5, 7, 123456, tzinfo=UTC), tick=False):
            cls.article = make_article(
                section=make_section(slug="inrikes"),
                status=Article.Status.DRAFT,
                published_at=None,
                slug="pendeltag",
            )
            article_publish(article=cls.article)
        cls.article.substantive_update_at = datetime(2026, 3, 2, 9, 15, 0, 987654, tzinfo=UTC)
        cls.article.save()

    def test_published_and_updated_times_have_at_most_three_decimals(self):
        with time_machine.travel(datetime(2026, 3, 3, tzinfo=UTC)):
            pages = ["/sv/artiklar/pendeltag/", "/sv/", "/sv/sektion/inrikes/"]
            for url in pages:
                with self.subTest(url=url):
                    html = self.client.get(url).content.decode()
                    values = re.findall(r'<time datetime="([^"]*)"', html)
                    self.assertTrue(values)
                    for value in values:
                        self.assertRegex(value, rf"^{HTML_DATETIME.pattern}$")
            html = self.client.get(pages[0]).content.decode()
            self.assertIn('<time datetime="2026-03-02T09:05:07+01:00">', html)
            self.assertIn('<time datetime="2026-03-02T10:15:00+01:00">', html)
