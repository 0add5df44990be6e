"""Text stored before the invisible characters were refused reaches no place machines read.

Titles, meta and Open Graph tags, feed links, structured data, alt text, feeds and sitemaps are
read by search engines, social networks and feed readers, which show what they read without the
page's markup around it: a right-to-left override stored in an old headline would reverse it
there. The text readers see on the page is left as it was stored (and escaped as ever).
"""

import json
import xml.etree.ElementTree as ET
from html.parser import HTMLParser

from django.contrib.sites.models import Site
from django.test import SimpleTestCase, TestCase
from django.utils.translation import override

from articles.models import Article, Author, Image, Section
from consent.texts import current_digest
from newsroom.validators import REFUSED, without_invisible_characters
from newsroom.xmltext import xml_text
from tests.factories import make_article, make_author, make_image, make_section
from tests.test_hostile_input import scan_html, url_in

RLO, LRI, PDI, ZWSP, BOM, VT = "\u202e", "\u2066", "\u2069", "\u200b", "\ufeff", "\x0b"
# Persian spelling (a zero width non-joiner) and an emoji sequence (zero width joiners): allowed
# in editors' text, and kept.
PERSIAN = "می\u200cخواهم"
FAMILY = "👨\u200d👩\u200d👧"

HEADLINE = f"Valet{RLO} <b>avgjort</b> & {PERSIAN}{ZWSP} {FAMILY}{VT}slut{BOM}"
CLEAN_HEADLINE = f"Valet <b>avgjort</b> & {PERSIAN} {FAMILY} slut"
LEDE = f"{LRI}Ingressen\x1b om{PDI}\x85valet"
CLEAN_LEDE = "Ingressen om valet"
ALT = f"Valvaka{ZWSP} i Malmö{RLO}"
CLEAN_ALT = "Valvaka i Malmö"
CREDIT = f"Foto: Anna{BOM} Berg"
CAPTION = f"Bildtext{RLO}"
AUTHOR = f"Anna{RLO} Berg"
SECTION = f"Inrikes{ZWSP}"


class Head(HTMLParser):
    """The parts of a page machines read: <title>, meta tags, link titles, JSON-LD, alt text."""

    def __init__(self, html):
        super().__init__(convert_charrefs=True)
        self.title, self.meta, self.link_titles, self.json_ld, self.alts = "", {}, [], [], []
        self._in = None
        self.feed(html)
        self.close()

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "title":
            self._in = "title"
        elif tag == "script" and attributes.get("type") == "application/ld+json":
            self._in = "json_ld"
        elif tag == "meta" and "content" in attributes:
            key = attributes.get("property") or attributes.get("name")
            if key:
                self.meta[key] = attributes["content"]
        elif tag == "link" and "title" in attributes:
            self.link_titles.append(attributes["title"])
        elif tag == "img":
            self.alts.append(attributes.get("alt"))

    def handle_endtag(self, tag):
        self._in = None

    def handle_data(self, data):
        if self._in == "title":
            self.title += data
        elif self._in == "json_ld":
            self.json_ld.append(json.loads(data))

    def read_by_machines(self):
        return [
            self.title,
            *self.meta.values(),
            *self.link_titles,
            json.dumps(self.json_ld, ensure_ascii=False),
            *self.alts,
        ]


class WithoutInvisibleCharactersTests(SimpleTestCase):
    def test_refused_characters_go_and_line_breaks_pasted_from_word_become_spaces(self):
        self.assertEqual(without_invisible_characters(HEADLINE), CLEAN_HEADLINE)
        self.assertEqual(
            without_invisible_characters(f"Rad ett{VT}Rad två\x0cslut"), "Rad ett Rad två slut"
        )
        self.assertEqual(without_invisible_characters(LEDE), CLEAN_LEDE)

    def test_text_the_validator_accepts_is_left_as_it_is(self):
        for text in (
            f"{PERSIAN} {FAMILY}",
            "ראיון עם שרה\u200f (2024)",
            "Riks\u00addags\u00adhuset",
            "Rad ett\tkolumn\r\nRad två",
        ):
            with self.subTest(text=text):
                self.assertEqual(without_invisible_characters(text), text)

    def test_xml_text_leaves_them_out_too(self):
        self.assertEqual(xml_text(f"{HEADLINE}\ufffe"), CLEAN_HEADLINE)


class StoredTextTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.image = make_image()
        cls.section = make_section(slug="inrikes", name_sv="Inrikes", name_en="Sweden")
        cls.author = make_author(name="Anna Berg", slug="anna-berg")
        cls.article = make_article(
            section=cls.section,
            authors=[cls.author],
            slug="valet",
            lead_image=cls.image,
            lead_image_caption="Bildtext",
        )
        # As a script or an import before the validators would have stored them: not checked.
        Article.objects.filter(pk=cls.article.pk).update(
            headline=HEADLINE, lede=LEDE, lead_image_caption=CAPTION
        )
        Image.objects.filter(pk=cls.image.pk).update(alt_text=ALT, credit=CREDIT)
        Author.objects.filter(pk=cls.author.pk).update(name=AUTHOR)
        Section.objects.filter(pk=cls.section.pk).update(name_sv=SECTION)

    def setUp(self):
        # The consent version (the cookie table) is read once per purge, not for each page; the
        # site (feeds' addresses) once per process.
        current_digest()
        Site.objects.get_current()

    def get(self, url, queries):
        with self.assertNumQueries(queries):
            response = self.client.get(url)
        self.assertEqual(response.status_code, 200)
        return response

    def assert_none_read_by_machines(self, head):
        for text in head.read_by_machines():
            with self.subTest(text=text):
                self.assertNotRegex(text, REFUSED)

    def test_the_article_page_tells_machines_the_text_without_them(self):
        # article with section and image, authors, its translation, the section menu
        response = self.get("/sv/artiklar/valet/", 4)
        head = Head(response.content.decode())
        self.assert_none_read_by_machines(head)
        self.assertEqual(head.title, f"{CLEAN_HEADLINE} – Newsroom")
        for key in ("og:title", "twitter:title"):
            self.assertEqual(head.meta[key], CLEAN_HEADLINE)
        for key in ("description", "og:description", "twitter:description"):
            self.assertEqual(head.meta[key], CLEAN_LEDE)
        for key in ("og:image:alt", "twitter:image:alt"):
            self.assertEqual(head.meta[key], CLEAN_ALT)
        self.assertEqual(head.meta["article:section"], "Inrikes")
        self.assertEqual(head.alts, [CLEAN_ALT])
        [data] = head.json_ld
        self.assertEqual(data["headline"], CLEAN_HEADLINE)
        self.assertEqual(data["description"], CLEAN_LEDE)
        self.assertEqual(data["author"][0]["name"], "Anna Berg")
        self.assertEqual(data["articleSection"], "Inrikes")
        self.assertEqual(data["image"]["caption"], "Bildtext")
        self.assertEqual(data["image"]["creditText"], "Foto: Anna Berg")
        # What readers see is as stored, and escaped: the headline's tag is text.
        html = response.content.decode()
        self.assertEqual(scan_html(html).problems, [])
        self.assertIn("&lt;b&gt;avgjort&lt;/b&gt; &amp;", html)
        self.assertNotIn("<b>avgjort", html)
        self.assertIn(AUTHOR, html)

    def test_the_section_page_tells_machines_the_name_without_them(self):
        # section (with the languages it has articles in), count, articles, the section menu
        response = self.get(self.section.url_in("sv"), 4)
        head = Head(response.content.decode())
        self.assert_none_read_by_machines(head)
        self.assertEqual(head.title, "Inrikes – Newsroom")
        self.assertIn("Inrikes – Newsroom (RSS)", head.link_titles)
        self.assertIn("Inrikes", head.meta["og:title"])
        self.assertIn("Inrikes", head.meta["description"])
        self.assertEqual(head.alts, [CLEAN_ALT])

    def test_the_author_page_tells_machines_the_name_without_them(self):
        # author, count, articles, the languages the author writes in, the section menu
        response = self.get(url_in("sv", "articles:author", slug="anna-berg"), 5)
        head = Head(response.content.decode())
        self.assert_none_read_by_machines(head)
        self.assertEqual(head.title, "Anna Berg – Newsroom")
        self.assertIn("Artiklar av Anna Berg – Newsroom (RSS)", head.link_titles)
        self.assertEqual(head.meta["og:title"], "Anna Berg")
        self.assertIn("Anna Berg", head.meta["description"])
        # Readers see the name as stored.
        self.assertContains(response, AUTHOR)

    def test_feeds_and_the_news_sitemap_carry_the_text_without_them(self):
        for url, queries in (
            (url_in("sv", "articles:feed_rss"), 2),
            (url_in("sv", "articles:feed_atom"), 2),
            (self.section.url_in("sv", "articles:section_feed_rss"), 3),
            (url_in("sv", "articles:author_feed_atom", slug="anna-berg"), 3),
            ("/sitemap-news.xml", 2),  # count, articles
        ):
            with self.subTest(url=url):
                response = self.get(url, queries)
                content = response.content.decode()
                self.assertNotRegex(content, REFUSED)
                # Our own response, parsed to see that it is well-formed.
                ET.fromstring(response.content)  # noqa: S314
                self.assertIn("slut", content)

    def test_english_alt_text_is_cleaned_too(self):
        Image.objects.filter(pk=self.image.pk).update(alt_text_en=f"Election{RLO} night")
        english = make_article(
            language="en", slug="the-election", section=self.section, lead_image=self.image
        )
        with override("en"):
            response = self.client.get(english.get_absolute_url())
        head = Head(response.content.decode())
        self.assertEqual(head.alts, ["Election night"])
        self.assertEqual(head.meta["og:image:alt"], "Election night")
