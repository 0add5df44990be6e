import importlib
import unicodedata
from datetime import timedelta
from unittest import skipUnless

import time_machine
from django.apps import apps
from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import override

from articles import querysets
from articles.models import Article
from articles.views import search_words
from consent.texts import current_digest
from newsroom.validators import REFUSED
from tests.articles.test_structured_data import parse
from tests.factories import make_article, make_image, make_section

on_postgresql = skipUnless(connection.vendor == "postgresql", "full-text search is PostgreSQL's")
on_sqlite = skipUnless(connection.vendor == "sqlite", "PostgreSQL reads queries as websearch")


def search_url(language="sv"):
    with override(language):
        return reverse("articles:search")


def found(response):
    return [article.slug for article in response.context["articles"]]


def title(response):
    html = response.content.decode()
    return html[html.index("<title>") + 7 : html.index("</title>")]


class SearchTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.section = make_section()
        now = timezone.now()
        cls.in_headline = make_article(
            section=cls.section,
            slug="rubrik",
            headline="Vargen syns i Värmland",
            published_at=now - timedelta(days=3),
        )
        cls.in_lede = make_article(
            section=cls.section,
            slug="ingress",
            lede="Ett rovdjur sågs nära skolan i morse.",
            published_at=now - timedelta(days=2),
        )
        cls.in_body = make_article(
            section=cls.section,
            slug="brodtext",
            body="Jägarna säger att vargen har synts förut.",
            published_at=now - timedelta(days=1),
        )
        cls.english = make_article(
            section=cls.section,
            language="en",
            slug="wolf",
            headline="Wolf seen in Värmland",
            body="The wolf vargen was seen.",
        )
        cls.draft = make_article(
            section=cls.section,
            slug="utkast",
            headline="Vargen i utkastet",
            status=Article.Status.DRAFT,
        )
        cls.scheduled = make_article(
            section=cls.section,
            slug="schemalagd",
            headline="Vargen i morgon",
            published_at=now + timedelta(hours=2),
        )

    def search(self, query, language="sv", **params):
        response = self.client.get(search_url(language), {"q": query, **params})
        self.assertEqual(response.status_code, 200)
        return response

    def test_finds_published_articles_by_headline_lede_and_body(self):
        self.assertEqual(set(found(self.search("vargen"))), {"rubrik", "brodtext"})
        self.assertEqual(found(self.search("skolan")), ["ingress"])
        self.assertEqual(found(self.search("jägarna")), ["brodtext"])

    def test_swedish_letters_match_in_either_case(self):
        make_article(section=self.section, slug="aland", headline="Val på Åland i höst")
        make_article(section=self.section, slug="alg", lede="ÄLGJAKTEN börjar i Norrland.")
        make_article(section=self.section, slug="oland", body="Bron till öland stängs.")
        for query, expected in (
            ("åland", ["aland"]),
            ("ÅLAND", ["aland"]),
            ("Åland", ["aland"]),
            ("älgjakten", ["alg"]),
            ("Älgjakten NORRLAND", ["alg"]),
            ("ÖLAND", ["oland"]),
            ("Öland bron", ["oland"]),
            ("VAL PÅ", ["aland"]),
        ):
            with self.subTest(query=query):
                self.assertEqual(found(self.search(query)), expected)

    @on_sqlite
    def test_no_character_of_the_readers_words_is_a_wildcard(self):
        make_article(section=self.section, slug="aland", headline="Val på Åland i höst")
        for query in ("_land", "ål%d", "*land", "?land", "[aå]land", "ål*d", "Å[a-z]and"):
            with self.subTest(query=query):
                self.assertEqual(found(self.search(query)), [])
        make_article(section=self.section, slug="tecken", headline="Regeln 5*5 gäller [barn]?")
        for query in ("5*5", "[BARN]?", "GÄLLER"):
            with self.subTest(query=query):
                self.assertEqual(found(self.search(query)), ["tecken"])

    def test_headline_matches_rank_first_whatever_the_case(self):
        make_article(section=self.section, slug="i-text", body="Färjan till ÅLAND går.")
        make_article(
            section=self.section,
            slug="i-rubrik",
            headline="Åland väljer",
            published_at=timezone.now() - timedelta(days=30),
        )
        self.assertEqual(found(self.search("åland")), ["i-rubrik", "i-text"])

    def test_headline_matches_rank_before_body_matches(self):
        self.assertEqual(found(self.search("vargen")), ["rubrik", "brodtext"])

    def test_every_word_must_match(self):
        self.assertEqual(found(self.search("vargen jägarna")), ["brodtext"])
        self.assertEqual(found(self.search("vargen giraff")), [])

    def test_searches_only_the_pages_language(self):
        self.assertEqual(found(self.search("wolf", language="en")), ["wolf"])
        self.assertEqual(found(self.search("wolf")), [])

    def test_drafts_and_scheduled_articles_are_not_found(self):
        self.assertNotIn("utkast", found(self.search("utkastet")))
        self.assertEqual(found(self.search("morgon")), [])
        with time_machine.travel(self.scheduled.published_at + timedelta(minutes=1)):
            self.assertEqual(found(self.search("morgon")), ["schemalagd"])

    def test_results_are_cards_and_the_query_is_shown_back_escaped(self):
        response = self.search('<script>alert("x")</script> vargen')
        self.assertNotContains(response, '<script>alert("x")</script>')
        self.assertContains(response, "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; vargen")
        response = self.search("vargen")
        self.assertContains(response, 'value="vargen"')
        self.assertContains(response, 'href="/sv/artiklar/rubrik/"')

    def test_result_pages_are_not_for_search_engines(self):
        for query in ("vargen", ""):
            with self.subTest(query=query):
                response = self.search(query)
                self.assertEqual(response["X-Robots-Tag"], "noindex")
                self.assertContains(response, '<meta name="robots" content="noindex">')

    def test_results_are_paginated_and_pages_keep_the_query(self):
        for n in range(14):
            make_article(section=self.section, slug=f"varg-{n}", headline=f"Vargen nummer {n}")
        first = self.search("vargen")
        self.assertEqual(len(first.context["articles"]), 12)
        self.assertContains(first, 'href="?q=vargen&amp;page=2"')
        second = self.search("vargen", page=2)
        self.assertEqual(len(second.context["articles"]), 4)
        self.assertFalse(set(found(first)) & set(found(second)))
        self.assertEqual(self.client.get(search_url(), {"q": "vargen", "page": 9}).status_code, 404)

    def test_odd_queries_get_a_normal_page(self):
        for query in (
            "",
            "   ",
            "!!!",
            "'\";--",
            "& | ! ( ) :* <-> \\",
            '"unclosed quote',
            "-",
            "a" * 5000,
            "\x1b[31m",
            "🐺",
            "OR AND NOT",
        ):
            with self.subTest(query=query[:20]):
                response = self.search(query)
                self.assertLessEqual(len(response.context["query"]), 200)
                self.assertNotIn("\x00", response.context["query"])

    def test_a_nul_byte_in_the_query_is_refused_before_it_reaches_the_database(self):
        response = self.client.get(search_url(), {"q": "varg\x00en"})
        self.assertEqual(response.status_code, 400)

    def test_non_utf8_query_gets_a_normal_page(self):
        response = self.client.get(f"{search_url()}?q=%FF%FEvarg%C3")
        self.assertEqual(response.status_code, 200)

    def test_punctuation_only_query_is_treated_as_empty(self):
        response = self.search("?!…")
        self.assertEqual(response.context["query"], "")
        self.assertEqual(found(response), [])

    def test_words_pasted_decomposed_fullwidth_or_with_invisible_characters_are_found(self):
        make_article(section=self.section, slug="stromsvik", headline="Bron vid Strömsvik stängs")
        make_article(section=self.section, slug="trump", lede="Trump talade i Ohio.")
        for query, expected in (
            (unicodedata.normalize("NFD", "Strömsvik"), ["stromsvik"]),
            ("ｓｔｒöｍｓｖｉｋ", ["stromsvik"]),
            ("Ｔｒｕｍｐ", ["trump"]),
            ("tr\u00adump", ["trump"]),
            ("Trump\u200b", ["trump"]),
            ("\u2066Strömsvik\u2069", ["stromsvik"]),
        ):
            with self.subTest(query=query):
                self.assertEqual(found(self.search(query)), expected)

    def test_the_readers_words_are_normalised_and_only_format_characters_vanish(self):
        for raw, expected in (
            (unicodedata.normalize("NFD", "Öland"), "Öland"),
            ("Ｔｒｕｍｐ ２０２４", "Trump 2024"),
            ("ﬁsk", "fisk"),
            ("tr\u00adump", "trump"),
            ("väl\u200bfärd", "välfärd"),
            ("varg\x1ben", "varg en"),
            ("varg\u2028en", "varg en"),
            ("\u00ad\u200b", ""),
        ):
            with self.subTest(raw=raw):
                self.assertEqual(search_words(raw, max_length=200), expected)
        self.assertEqual(len(search_words("Ｔ" * 300, max_length=200)), 200)

    def test_a_query_with_nothing_to_find_is_no_search(self):
        current_digest()
        # On PostgreSQL each would match, and rank, every article without the word.
        for query in ("-vargen", "-vargen -jägarna", "- vargen", '-"vargen syns"', "--zzz", "or"):
            with self.subTest(query=query):
                with self.assertNumQueries(1):  # the section menu, as for an empty query
                    response = self.search(query)
                self.assertEqual(response.context["query"], "")
                self.assertEqual(found(response), [])
                self.assertContains(response, 'value=""')

    def test_a_word_after_a_minus_leaves_articles_out(self):
        self.assertEqual(found(self.search("vargen -jägarna")), ["rubrik"])
        self.assertEqual(found(self.search('vargen -"har synts"')), ["rubrik"])
        self.assertEqual(found(self.search("-jägarna vargen")), ["rubrik"])

    def test_words_every_search_leaves_out_ask_for_more_specific_ones(self):
        make_article(section=self.section, slug="och", headline="Varg och björn", body="Och så.")
        make_article(
            section=self.section, language="en", slug="the", headline="The wolf and the bear"
        )
        current_digest()
        for language, query in (
            ("sv", "och"),
            ("sv", "Och det"),
            ("sv", "och -zzz"),
            ("en", "the"),
        ):
            with self.subTest(query=query):
                with self.assertNumQueries(1):  # the section menu: nothing is searched
                    response = self.search(query, language=language)
                self.assertEqual(found(response), [])
                self.assertEqual(response.context["query"], query)
                self.assertContains(response, f"<bdi>{query}</bdi>")
        response = self.search("the", language="en")
        self.assertContains(response, "“<bdi>the</bdi>” is too common a word to search for.")
        self.assertContains(response, "Try more specific words.")
        self.assertEqual(title(response), "Search: the – words too common – Newsroom")
        response = self.search("The and", language="en")
        self.assertContains(response, "“<bdi>The and</bdi>” are too common words to search for.")
        # The language's own list: "the" is a word to find on the Swedish pages.
        self.assertEqual(self.search("the").context["common_words"], [])

    def test_words_every_search_leaves_out_are_left_out_beside_others(self):
        self.assertEqual(found(self.search("vargen och")), ["rubrik", "brodtext"])
        self.assertEqual(found(self.search("Vargen i Värmland")), ["rubrik"])
        self.assertEqual(found(self.search("wolf the", language="en")), ["wolf"])

    def test_the_title_says_how_many_articles_match(self):
        make_article(
            section=self.section, language="en", slug="wolves", body="Two wolves were seen."
        )
        for query, expected in (
            ("wolf", "Search: wolf – 1 article – Newsroom"),
            ("seen", "Search: seen – 2 articles – Newsroom"),
            ("giraffe", "Search: giraffe – no articles – Newsroom"),
            ("", "Search – Newsroom"),
        ):
            with self.subTest(query=query):
                self.assertEqual(title(self.search(query, language="en")), expected)

    def test_a_shared_search_link_is_named_by_its_words_escaped(self):
        for query, language, expected in (
            ("", "sv", "Sök"),
            ("", "en", "Search"),
            ("vargen", "sv", "Sök: vargen"),
            ('"a<b>" & wolf', "en", 'Search: "a<b>" & wolf'),
        ):
            with self.subTest(query=query, language=language):
                response = self.search(query, language=language)
                meta = parse(response).meta
                self.assertEqual(meta["og:title"], [expected])
                self.assertEqual(meta["twitter:title"], [expected])
        self.assertContains(
            response, 'content="Search: &quot;a&lt;b&gt;&quot; &amp; wolf"', count=2
        )

    def test_the_readers_words_are_isolated_from_the_text_around_them(self):
        # Without <bdi>, "שלום 2024!" would read as ”2024 שלום!” in a left-to-right sentence.
        response = self.search("שלום 2024!", language="en")
        self.assertContains(response, "No articles match “<bdi>שלום 2024!</bdi>”.")
        response = self.search("wolf", language="en")
        self.assertContains(response, "One article matches “<bdi>wolf</bdi>”.")
        self.assertContains(self.search("vargen"), "<bdi>vargen</bdi>")
        response = self.search("<b>vargen</b>")
        self.assertContains(response, "<bdi>&lt;b&gt;vargen&lt;/b&gt;</bdi>")

    def test_direction_controls_from_a_link_are_left_out_wherever_the_words_are_shown(self):
        # A crafted link (?q=%E2%80%AE...) would reverse the heading, the title and the box.
        current_digest()
        for query in ("\u202evargen", "varg\u200ben\u2066", "\ufeffvargen\u202a\u2069"):
            with self.subTest(query=query):
                with self.assertNumQueries(3):  # count, articles, the section menu
                    response = self.search(query)
                self.assertEqual(response.context["query"], "vargen")
                self.assertEqual(set(found(response)), {"rubrik", "brodtext"})
                html = response.content.decode()
                self.assertNotRegex(html, REFUSED)
                self.assertEqual(title(response), "Sök: vargen – 2 artiklar – Newsroom")
                self.assertContains(response, "<bdi>vargen</bdi>")
                self.assertContains(response, 'value="vargen"')
                self.assertContains(response, "/sv/sok/?q=vargen")
                self.assertContains(response, "/en/search/?q=vargen")

    def test_right_to_left_words_are_isolated_in_the_title(self):
        # A title cannot hold <bdi>: the isolate characters do its work there, and only where
        # the words are written right to left.
        for query, expected in (
            ("שלום 2024!", "Search: \u2068שלום 2024!\u2069 – no articles – Newsroom"),
            ("مرحبا", "Search: \u2068مرحبا\u2069 – no articles – Newsroom"),
            ("wolf 2024!", "Search: wolf 2024! – no articles – Newsroom"),
        ):
            with self.subTest(query=query):
                self.assertEqual(title(self.search(query, language="en")), expected)
        # The reader's own isolates are not theirs: only the page's pair is left.
        response = self.search("\u2067שלום\u2069", language="en")
        self.assertEqual(title(response), "Search: \u2068שלום\u2069 – no articles – Newsroom")
        self.assertContains(response, "<bdi>שלום</bdi>")

    def test_the_page_has_one_search_form_and_it_is_the_search_landmark(self):
        for query in ("", "vargen", "och", "giraff"):
            with self.subTest(query=query):
                html = self.search(query).content.decode()
                self.assertEqual(html.count('role="search"'), 1)
                self.assertEqual(html.count('type="search"'), 1)
                self.assertNotIn("masthead-search", html)
                self.assertInHTML('<label for="search-query">Sök artiklar</label>', html, count=1)
                self.assertIn('<form class="search-form" role="search"', html)
                # Words in a right-to-left script are shown as typed, in the box too.
                self.assertIn('id="search-query" name="q"', html)
                self.assertRegex(html, r'<input type="search" id="search-query"[^>]* dir="auto">')

    def test_the_first_page_of_results_has_one_address(self):
        for n in range(26):
            make_article(section=self.section, slug=f"varg-{n}", headline=f"Vargen nummer {n}")
        second = self.search("vargen", page=2)
        self.assertContains(second, '<a rel="prev" href="?q=vargen">')
        self.assertNotContains(second, "page=1")
        third = self.search("vargen", page=3)
        self.assertContains(third, '<a rel="prev" href="?q=vargen&amp;page=2">')
        self.assertContains(second, '<a rel="next" href="?q=vargen&amp;page=3">')

    def test_the_first_page_of_a_section_has_one_address(self):
        for n in range(13):
            make_article(section=self.section, slug=f"sida-{n}")
        url = self.section.get_absolute_url()
        second = self.client.get(url, {"page": 2})
        self.assertContains(second, f'<a rel="prev" href="{url}">')
        self.assertNotContains(second, "page=1")
        self.assertContains(self.client.get(url), '<a rel="next" href="?page=2">')

    def test_page_one_asked_for_by_number_redirects_to_its_one_address(self):
        url = self.section.get_absolute_url()
        search = reverse("articles:search")
        for asked, address in [
            (f"{url}?page=1", url),
            (f"{search}?q=vargen&page=1", f"{search}?q=vargen"),
            (f"{search}?page=1", search),
        ]:
            with self.subTest(asked=asked):
                self.assertRedirects(
                    self.client.get(asked), address, status_code=301, fetch_redirect_response=False
                )

    def test_a_page_number_written_another_way_redirects_to_its_one_address(self):
        """Django's paginator reads "02", " 2", "+2" and "２" as 2, and an empty number as 1:
        each a copy of the page at an address of its own, which the page cache would keep,
        one per leading zero: anyone could fill it with copies of one page."""
        for n in range(13):
            make_article(section=self.section, slug=f"sida-{n}", headline=f"Vargen nummer {n}")
        url = self.section.get_absolute_url()
        search = reverse("articles:search")
        for asked, address in [
            (f"{url}?page=", url),
            (f"{url}?page=01", url),
            (f"{url}?page=0002", f"{url}?page=2"),
            (f"{url}?page=%2B2", f"{url}?page=2"),
            (f"{url}?page=%202", f"{url}?page=2"),
            (f"{url}?page=2%0A", f"{url}?page=2"),
            (f"{url}?page=%EF%BC%92", f"{url}?page=2"),
            (f"{search}?q=vargen&page=02", f"{search}?q=vargen&page=2"),
            (f"{search}?page=&q=vargen", f"{search}?q=vargen"),
        ]:
            with self.subTest(asked=asked):
                self.assertRedirects(
                    self.client.get(asked), address, status_code=301, fetch_redirect_response=False
                )
        self.assertEqual(self.client.get(f"{url}?page=2").status_code, 200)
        for bad in ("0", "-1", "00", "3", "abc", "1.0", "last page"):
            with self.subTest(page=bad):
                self.assertEqual(self.client.get(url, {"page": bad}).status_code, 404)

    def test_the_last_page_of_results_by_name_redirects_to_its_number(self):
        for n in range(13):
            make_article(section=self.section, slug=f"sida-{n}", headline=f"Vargen nummer {n}")
        search = reverse("articles:search")
        for asked, address in [
            (f"{search}?q=vargen&page=last", f"{search}?q=vargen&page=2"),
            (f"{search}?q=vargen+nummer+1&page=last", f"{search}?q=vargen+nummer+1"),
        ]:
            with self.subTest(asked=asked):
                self.assertRedirects(self.client.get(asked), address, fetch_redirect_response=False)

    def test_over_long_query_is_shortened(self):
        response = self.search("vargen " + "x" * 400)
        self.assertEqual(len(response.context["query"]), 200)

    def test_search_page_queries_are_fixed(self):
        image = make_image()
        for n in range(20):
            make_article(
                section=self.section, slug=f"bild-{n}", headline="Vargen", lead_image=image
            )
        current_digest()  # the consent version: read once per purge, not for each page
        # count, articles, the section menu: cards name no authors
        with self.assertNumQueries(3):
            self.search("vargen")
        with self.assertNumQueries(1):  # the section menu
            self.search("")

    def test_header_has_a_search_form_in_each_language(self):
        for language in ("sv", "en"):
            with self.subTest(language=language):
                response = self.client.get(f"/{language}/")
                self.assertContains(
                    response,
                    f'<form class="masthead__search" role="search" action="{search_url(language)}" method="get">',
                )
                self.assertContains(response, 'name="q"')


class IgnoredInWordsTests(TestCase):
    """Joiners and soft hyphens split no word: typed or not, in the text or the query."""

    @classmethod
    def setUpTestData(cls):
        cls.section = make_section()
        cls.joined = {
            # Where each is written in real text: a soft hyphen where a long word may break,
            # ZWNJ in Persian (and German typesetting), ZWJ in Indic scripts and emoji.
            "\u00ad": ("Kustbevakningen", "Kust\u00adbevakningen larmar"),
            "\u200c": ("Auflage", "Auf\u200clage höjs"),
            "\u200d": ("Sjöräddningen", "Sjö\u200drädd\u200dningen ryckte ut"),
        }
        for char, (_word, headline) in cls.joined.items():
            make_article(section=cls.section, slug=f"u{ord(char):04x}", headline=headline)
        make_article(section=cls.section, slug="persiska", lede="Hon sa: می\u200cخواهم بروم.")

    def found(self, query):
        return [a.slug for a in Article.objects.published().search(query, language="sv")]

    def test_the_characters_are_one_constant(self):
        self.assertEqual(set(querysets.IGNORED_IN_WORDS), set(self.joined))

    def test_a_word_written_with_one_is_found_without_it(self):
        for char, (word, _headline) in self.joined.items():
            with self.subTest(char=f"U+{ord(char):04X}"):
                self.assertEqual(self.found(word), [f"u{ord(char):04x}"])
                self.assertEqual(self.found(word.lower()), [f"u{ord(char):04x}"])
        self.assertEqual(self.found("میخواهم"), ["persiska"])

    def test_a_word_typed_with_one_is_found_with_or_without_it_in_the_text(self):
        make_article(section=self.section, slug="plain", body="Kustbevakningen och Auflage.")
        for char, (word, _headline) in self.joined.items():
            typed = f"{word[:3]}{char}{word[3:]}"
            with self.subTest(char=f"U+{ord(char):04X}"):
                expected = sorted({f"u{ord(char):04x}", *(["plain"] if char != "\u200d" else [])})
                self.assertEqual(sorted(self.found(typed)), expected)
        self.assertEqual(self.found("می\u200cخواهم"), ["persiska"])
        # A word left out is left out whichever way it is written.
        self.assertEqual(self.found("auflage -kust\u200dbevakningen"), ["u200c"])

    def test_the_search_page_finds_them(self):
        response = self.client.get(search_url("sv"), {"q": "sjöräddningen"})
        self.assertEqual(found(response), ["u200d"])


@on_postgresql
class FullTextSearchTests(TestCase):
    """PostgreSQL: the stored, indexed document and the languages' stemming."""

    @classmethod
    def setUpTestData(cls):
        cls.section = make_section()

    def test_swedish_words_are_found_in_other_forms(self):
        make_article(section=self.section, slug="skog", headline="Skogarna brinner i norr")
        self.assertEqual(
            [a.slug for a in Article.objects.published().search("skogen", language="sv")], ["skog"]
        )

    def test_swedish_definite_forms_and_compounds_are_found_from_their_first_part(self):
        # Snowball keeps "valet", "färjan" and "klimatplanen" whole: the reader's word is a prefix.
        for slug, headline in [
            ("valet", "Valet avgjordes i går"),
            ("farjan", "Färjan ställs in"),
            ("klimat", "Klimatplanen antogs"),
            ("it", "Sveriges IT-strategi"),
        ]:
            make_article(section=self.section, slug=slug, headline=headline)
        results = Article.objects.published()
        for query, expected in [
            ("val", ["valet"]),
            ("färja", ["farjan"]),
            ("klimat", ["klimat"]),
            ("klimat -planen", ["klimat"]),
            # Two letters are too few to stand for every longer word.
            ("it", ["it"]),
        ]:
            with self.subTest(query=query):
                found = results.search(query, language="sv")
                self.assertEqual([a.slug for a in found], expected)
        self.assertEqual(list(results.search("ställ -färja", language="sv")), [])

    def test_english_words_are_found_in_other_forms(self):
        make_article(section=self.section, language="en", slug="forest", body="The forests burn.")
        self.assertEqual(
            [a.slug for a in Article.objects.published().search("forest", language="en")],
            ["forest"],
        )

    def test_english_search_ignores_accents_and_swedish_search_does_not(self):
        make_article(
            section=self.section, language="en", slug="ferry", headline="Ferry to Göteborg delayed"
        )
        make_article(section=self.section, language="en", slug="bridge", lede="Malmo bridge shut")
        make_article(section=self.section, slug="farjan", headline="Färjan till Göteborg dröjer")
        results = Article.objects.published()
        for query, language, expected in [
            ("Goteborg", "en", ["ferry"]),
            ("göteborg", "en", ["ferry"]),
            ("Malmö", "en", ["bridge"]),
            # In Swedish, ö is a letter of its own: "for" is not "för".
            ("goteborg", "sv", []),
            ("Göteborg", "sv", ["farjan"]),
        ]:
            with self.subTest(query=query, language=language):
                found = results.in_language(language).search(query, language=language)
                self.assertEqual([a.slug for a in found], expected)

    def test_the_stored_document_follows_every_save(self):
        article = make_article(section=self.section, slug="byte", headline="Älgen simmar")
        self.assertIsNotNone(Article.objects.get(pk=article.pk).search_vector)
        article.headline = "Björnen klättrar"
        article.save(update_fields=["headline"])
        results = Article.objects.published()
        self.assertFalse(results.search("älgen", language="sv").exists())
        self.assertTrue(results.search("björnen", language="sv").exists())
        article.lede = "Lodjuret smyger"
        article.save()
        self.assertTrue(results.search("lodjuret", language="sv").exists())

    def test_saving_other_fields_leaves_the_document_alone(self):
        article = make_article(section=self.section, slug="status", headline="Uttern dyker")
        before = Article.objects.get(pk=article.pk).search_vector
        article.status = Article.Status.DRAFT
        with CaptureQueriesContext(connection) as queries:
            article.save(update_fields=["status"])
        update = next(q["sql"] for q in queries if q["sql"].startswith('UPDATE "articles_article"'))
        self.assertNotIn("search_vector", update)
        self.assertEqual(Article.objects.get(pk=article.pk).search_vector, before)

    def test_a_query_postgresql_would_answer_without_any_word_finds_nothing(self):
        make_article(section=self.section, slug="varg", headline="Vargen syns")
        make_article(section=self.section, slug="bjorn", headline="Björnen sover")
        results = Article.objects.published()
        # Each would match every article without "zzz", none of them looked up in the index.
        for query in ("-zzz", "vargen or -zzz", "björnen (-zzz or -yyy)"):
            with self.subTest(query=query):
                self.assertEqual(list(results.search(query, language="sv")), [])
        either = results.search("vargen or björnen", language="sv")
        self.assertEqual(sorted(a.slug for a in either), ["bjorn", "varg"])

    def test_migration_0019_makes_the_documents_without_joiners_and_soft_hyphens(self):
        migration = importlib.import_module(
            "articles.migrations.0019_search_ignores_joiners_and_soft_hyphens"
        )
        sv = make_article(section=self.section, slug="kust", headline="Kust\u00adbevakningen")
        en = make_article(section=self.section, language="en", slug="auf", lede="Auf\u200clage")
        saved = dict(Article.objects.values_list("pk", "search_vector"))
        results = Article.objects.published()
        with connection.schema_editor() as schema_editor:
            migration.backwards(apps, schema_editor)
        self.assertFalse(results.search("kustbevakningen", language="sv").exists())
        self.assertFalse(results.search("auflage", language="en").exists())
        with connection.schema_editor() as schema_editor:
            migration.forwards(apps, schema_editor)
        # What Article.save() stores.
        self.assertEqual(dict(Article.objects.values_list("pk", "search_vector")), saved)
        self.assertEqual([a.pk for a in results.search("kustbevakningen", language="sv")], [sv.pk])
        self.assertEqual([a.pk for a in results.search("auflage", language="en")], [en.pk])

    def test_search_uses_the_gin_index(self):
        with connection.cursor() as cursor:
            indexes = connection.introspection.get_constraints(cursor, "articles_article")
        self.assertEqual(indexes["article_search_vector_gin"]["type"], "gin")
        self.assertEqual(indexes["article_search_vector_gin"]["columns"], ["search_vector"])
