import xml.etree.ElementTree as ET
from datetime import timedelta
from unittest import mock

import time_machine
from django.contrib.sites.models import Site
from django.test import TestCase
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import override

from articles.models import Article
from articles.sitemaps import ArticleSitemap
from tests.factories import make_article, make_author, make_section

HOUR = timedelta(hours=1)

NS = {
    "sm": "http://www.sitemaps.org/schemas/sitemap/0.9",
    "xhtml": "http://www.w3.org/1999/xhtml",
    "news": "http://www.google.com/schemas/sitemap-news/0.9",
}


def parse_xml(response):
    """The response's XML root; fails the test when the document is not well-formed."""
    return ET.fromstring(response.content)  # noqa: S314 (our own output)


def urls(root):
    """{location: {hreflang: href}} of a urlset."""
    return {
        url.findtext("sm:loc", namespaces=NS): {
            link.get("hreflang"): link.get("href")
            for link in url.findall("xhtml:link", NS)
            if link.get("rel") == "alternate"
        }
        for url in root.findall("sm:url", NS)
    }


class SitemapTestCase(TestCase):
    def setUp(self):
        # contrib's sitemap view asks for the current Site; keep it cached for query counts.
        Site.objects.get_current()

    def get_xml(self, url, **params):
        response = self.client.get(url, params)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response["Content-Type"], "application/xml")
        return parse_xml(response)


class SitemapIndexTests(SitemapTestCase):
    @classmethod
    def setUpTestData(cls):
        make_article()

    def test_index_lists_every_sitemap_on_the_requests_host(self):
        root = self.get_xml("/sitemap.xml")
        self.assertEqual(root.tag, f"{{{NS['sm']}}}sitemapindex")
        locations = [s.findtext("sm:loc", namespaces=NS) for s in root.findall("sm:sitemap", NS)]
        self.assertEqual(
            locations,
            [
                "http://testserver/sitemap-pages.xml",
                "http://testserver/sitemap-sections.xml",
                "http://testserver/sitemap-authors.xml",
                "http://testserver/sitemap-articles-sv.xml",
                "http://testserver/sitemap-articles-en.xml",
                "http://testserver/sitemap-news.xml",
            ],
        )
        for location in locations:
            with self.subTest(location=location):
                self.get_xml(location.removeprefix("http://testserver"))

    def test_index_links_every_page_of_a_long_sitemap(self):
        Article.objects.bulk_create(
            Article(
                language="sv",
                headline=f"Rubrik {n}",
                slug=f"massor-{n}",
                lede="",
                body="",
                section=make_section(),
                status=Article.Status.PUBLISHED,
                published_at=timezone.now() - timedelta(days=3),
            )
            for n in range(5)
        )
        with mock.patch.object(ArticleSitemap, "limit", 2):
            root = self.get_xml("/sitemap.xml")
        locations = [s.findtext("sm:loc", namespaces=NS) for s in root.findall("sm:sitemap", NS)]
        base = "http://testserver/sitemap-articles-sv.xml"
        self.assertEqual(
            [loc for loc in locations if loc.startswith(base)],
            [base, f"{base}?p=2", f"{base}?p=3"],
        )

    def test_index_and_sitemaps_are_not_themselves_indexed(self):
        self.assertIn("noindex", self.client.get("/sitemap.xml")["X-Robots-Tag"])
        self.assertIn("noindex", self.client.get("/sitemap-articles-sv.xml")["X-Robots-Tag"])

    def test_sitemaps_are_revalidated_by_their_content_not_their_newest_date(self):
        # A removed article or alternate leaves the newest lastmod as it was: a crawler asking
        # If-Modified-Since would keep a sitemap listing an unpublished article.
        for url in ("/sitemap-articles-sv.xml", "/sitemap-news.xml", "/sitemap-sections.xml"):
            with self.subTest(url=url):
                response = self.client.get(url)
                self.assertNotIn("Last-Modified", response)
                self.assertIn("ETag", response)

    def test_unknown_sitemap_and_empty_pages_are_not_found(self):
        self.assertEqual(self.client.get("/sitemap-drafts.xml").status_code, 404)
        self.assertEqual(self.client.get("/sitemap-articles-sv.xml?p=9").status_code, 404)
        self.assertEqual(self.client.get("/sitemap-articles-sv.xml?p=x").status_code, 404)

    def test_sitemaps_and_robots_txt_answer_only_reading_methods(self):
        for url in ("/sitemap.xml", "/sitemap-news.xml", "/robots.txt"):
            with self.subTest(url=url):
                self.assertEqual(self.client.head(url).status_code, 200)
                self.assertEqual(self.client.generic("TRACE", url).status_code, 405)

    def test_index_queries_are_fixed(self):
        for number in (0, 30):
            for _ in range(number):
                make_article(language="en")
            # the languages with published articles (the all-news list's pages), sections,
            # authors; for each language's articles and for news: latest change, count
            with self.subTest(articles=number), self.assertNumQueries(9):
                self.client.get("/sitemap.xml")

    def test_robots_txt_points_at_the_sitemap_index(self):
        response = self.client.get("/robots.txt")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response["Content-Type"], "text/plain; charset=utf-8")
        lines = response.content.decode().splitlines()
        self.assertIn("User-agent: *", lines)
        self.assertIn("Sitemap: http://testserver/sitemap.xml", lines)
        # Nothing is disallowed: a crawler must fetch a page to read its noindex.
        self.assertIn("Disallow:", lines)
        self.assertFalse([line for line in lines if line.startswith("Disallow: /")])

    def test_no_sitemap_lists_admin_consent_or_search_pages(self):
        locations = []
        for name in ("pages", "sections", "articles-sv", "articles-en", "news"):
            root = self.get_xml(f"/sitemap-{name}.xml")
            locations += [
                url.findtext("sm:loc", namespaces=NS) for url in root.findall("sm:url", NS)
            ]
        unwanted = ["/admin/"]
        for language in ("sv", "en"):
            with override(language):
                unwanted += [
                    reverse("consent:settings"),
                    reverse("consent:choose"),
                    reverse("articles:search"),
                ]
        for location in locations:
            for path in unwanted:
                self.assertNotIn(path, location)


class ArticleSitemapTests(SitemapTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.section = make_section(slug="inrikes")
        cls.swedish = make_article(section=cls.section, slug="hamnen")
        cls.english = make_article(
            section=cls.section, language="en", slug="the-harbour", translation_of=cls.swedish
        )
        cls.alone = make_article(section=cls.section, slug="bara-svenska")
        cls.draft = make_article(section=cls.section, slug="utkast", status=Article.Status.DRAFT)
        cls.scheduled = make_article(
            section=cls.section, slug="schemalagd", published_at=timezone.now() + timedelta(hours=2)
        )
        # A published Swedish article whose English translation is still a draft.
        cls.half = make_article(section=cls.section, slug="halvklar")
        make_article(
            section=cls.section,
            language="en",
            slug="half-done",
            translation_of=cls.half,
            status=Article.Status.DRAFT,
        )

    def test_articles_of_one_language_with_their_translations_as_alternates(self):
        found = urls(self.get_xml("/sitemap-articles-sv.xml"))
        self.assertEqual(
            found["http://testserver/sv/artiklar/hamnen/"],
            {
                "sv": "http://testserver/sv/artiklar/hamnen/",
                "en": "http://testserver/en/articles/the-harbour/",
                "x-default": "http://testserver/sv/artiklar/hamnen/",
            },
        )
        self.assertEqual(found["http://testserver/sv/artiklar/bara-svenska/"], {})
        self.assertEqual(found["http://testserver/sv/artiklar/halvklar/"], {})
        english = urls(self.get_xml("/sitemap-articles-en.xml"))
        self.assertEqual(list(english), ["http://testserver/en/articles/the-harbour/"])
        self.assertEqual(
            english["http://testserver/en/articles/the-harbour/"]["x-default"],
            "http://testserver/sv/artiklar/hamnen/",
        )

    def test_nothing_unpublished_is_listed(self):
        text = "".join(
            self.client.get(url).content.decode()
            for url in ("/sitemap-articles-sv.xml", "/sitemap-articles-en.xml", "/sitemap-news.xml")
        )
        for slug in ("utkast", "schemalagd", "half-done"):
            with self.subTest(slug=slug):
                self.assertNotIn(slug, text)

    def test_scheduled_article_appears_at_its_time(self):
        with time_machine.travel(self.scheduled.published_at + timedelta(minutes=1)):
            found = urls(self.get_xml("/sitemap-articles-sv.xml"))
        self.assertIn("http://testserver/sv/artiklar/schemalagd/", found)

    def test_every_address_has_its_last_modification_time(self):
        root = self.get_xml("/sitemap-articles-sv.xml")
        Article.objects.filter(pk=self.swedish.pk).update(
            updated_at=timezone.make_aware(timezone.datetime(2030, 1, 2, 3, 4, 5))
        )
        for url in root.findall("sm:url", NS):
            self.assertTrue(url.findtext("sm:lastmod", namespaces=NS))
        root = self.get_xml("/sitemap-articles-sv.xml")
        lastmods = {
            url.findtext("sm:loc", namespaces=NS): url.findtext("sm:lastmod", namespaces=NS)
            for url in root.findall("sm:url", NS)
        }
        self.assertEqual(
            lastmods["http://testserver/sv/artiklar/hamnen/"], "2030-01-02T03:04:05+01:00"
        )
        index = self.get_xml("/sitemap.xml")
        sitemaps = {
            s.findtext("sm:loc", namespaces=NS): s.findtext("sm:lastmod", namespaces=NS)
            for s in index.findall("sm:sitemap", NS)
        }
        self.assertEqual(
            sitemaps["http://testserver/sitemap-articles-sv.xml"], "2030-01-02T03:04:05+01:00"
        )


class PageAndSectionSitemapTests(SitemapTestCase):
    @classmethod
    def setUpTestData(cls):
        both = make_section(slug="kultur", name_en="Culture", position=1)
        swedish = make_section(slug="inrikes", name_en="Sweden", position=0)
        english = make_section(slug="utrikes", name_en="World", position=2)
        unpublished = make_section(slug="sport", name_en="Sports", position=3)
        make_section(slug="tom", name_en="Empty", position=4)
        make_article(section=both)
        make_article(section=both, language="en")
        make_article(section=swedish)
        make_article(section=english, language="en")
        make_article(section=unpublished, status=Article.Status.DRAFT)
        make_article(section=unpublished, language="en", published_at=timezone.now() + HOUR)

    def test_front_pages_in_both_languages_with_alternates(self):
        found = urls(self.get_xml("/sitemap-pages.xml"))
        alternates = {
            "sv": "http://testserver/sv/",
            "en": "http://testserver/en/",
            "x-default": "http://testserver/sv/",
        }
        all_news = {
            "sv": "http://testserver/sv/nyheter/",
            "en": "http://testserver/en/news/",
            "x-default": "http://testserver/sv/nyheter/",
        }
        self.assertEqual(
            found,
            {
                "http://testserver/sv/": alternates,
                "http://testserver/en/": alternates,
                "http://testserver/sv/nyheter/": all_news,
                "http://testserver/en/news/": all_news,
            },
        )

    def test_page_sitemap_queries_are_fixed(self):
        for number in (0, 20):
            with self.subTest(articles=number):
                for _ in range(number):
                    make_article(language="en")
                # the languages with published articles
                with self.assertNumQueries(1):
                    self.client.get("/sitemap-pages.xml")

    def test_all_news_is_listed_only_in_the_languages_it_has_articles_in(self):
        # An empty list is noindex: no sitemap offers it, nor names it as an alternate.
        Article.objects.filter(language="en").update(status=Article.Status.DRAFT)
        found = urls(self.get_xml("/sitemap-pages.xml"))
        self.assertEqual(
            found["http://testserver/sv/nyheter/"],
            {"sv": "http://testserver/sv/nyheter/", "x-default": "http://testserver/sv/nyheter/"},
        )
        self.assertNotIn("http://testserver/en/news/", found)
        Article.objects.all().delete()
        found = urls(self.get_xml("/sitemap-pages.xml"))
        self.assertEqual(list(found), ["http://testserver/sv/", "http://testserver/en/"])
        for location in ("http://testserver/sv/nyheter/", "http://testserver/en/news/"):
            self.assertContains(self.client.get(location), '<meta name="robots" content="noindex">')

    def test_section_pages_in_the_languages_they_have_published_articles_in(self):
        found = urls(self.get_xml("/sitemap-sections.xml"))
        both = {
            "sv": "http://testserver/sv/sektion/kultur/",
            "en": "http://testserver/en/section/culture/",
            "x-default": "http://testserver/sv/sektion/kultur/",
        }
        swedish = {
            "sv": "http://testserver/sv/sektion/inrikes/",
            "x-default": "http://testserver/sv/sektion/inrikes/",
        }
        english = {"en": "http://testserver/en/section/world/"}
        self.assertEqual(
            found,
            {
                "http://testserver/sv/sektion/inrikes/": swedish,
                "http://testserver/sv/sektion/kultur/": both,
                "http://testserver/en/section/culture/": both,
                "http://testserver/en/section/world/": english,
            },
        )
        for location in found:
            response = self.client.get(location)
            self.assertEqual(response.status_code, 200)
            self.assertNotContains(response, 'name="robots"')

    def test_section_sitemap_queries_are_fixed(self):
        for number in (1, 20):
            with self.subTest(sections=number):
                for _ in range(number):
                    section = make_section()
                    make_article(section=section)
                    make_article(section=section, language="en")
                # the sections, with the languages they have published articles in
                with self.assertNumQueries(1):
                    self.client.get("/sitemap-sections.xml")


class AuthorSitemapTests(SitemapTestCase):
    @classmethod
    def setUpTestData(cls):
        both, swedish, unpublished = (
            make_author(slug="bada-spraken"),
            make_author(slug="bara-svenska"),
            make_author(slug="opublicerad"),
        )
        make_article(authors=[both, swedish])
        make_article(authors=[both], language="en")
        make_article(authors=[unpublished], status=Article.Status.DRAFT)
        make_article(authors=[unpublished], published_at=timezone.now() + timedelta(hours=1))

    def test_author_pages_in_the_languages_they_have_written_in(self):
        found = urls(self.get_xml("/sitemap-authors.xml"))
        both = {
            "sv": "http://testserver/sv/skribenter/bada-spraken/",
            "en": "http://testserver/en/authors/bada-spraken/",
            "x-default": "http://testserver/sv/skribenter/bada-spraken/",
        }
        swedish = {
            "sv": "http://testserver/sv/skribenter/bara-svenska/",
            "x-default": "http://testserver/sv/skribenter/bara-svenska/",
        }
        self.assertEqual(
            found,
            {
                "http://testserver/sv/skribenter/bada-spraken/": both,
                "http://testserver/en/authors/bada-spraken/": both,
                "http://testserver/sv/skribenter/bara-svenska/": swedish,
            },
        )
        for location in found:
            self.assertEqual(self.client.get(location).status_code, 200)

    def test_author_sitemap_queries_are_fixed(self):
        for number in (1, 20):
            with self.subTest(authors=number):
                for _ in range(number):
                    make_article(authors=[make_author(), make_author()])
                # the authors, with the languages they have written in
                with self.assertNumQueries(1):
                    self.client.get("/sitemap-authors.xml")


class NewsSitemapTests(SitemapTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.now = timezone.make_aware(timezone.datetime(2025, 11, 10, 12, 0))
        section = make_section()
        cls.fresh = make_article(
            section=section,
            slug="farsk",
            headline="Färsk & het",
            published_at=cls.now - timedelta(hours=47),
        )
        cls.english = make_article(
            section=section, language="en", slug="fresh", published_at=cls.now - timedelta(hours=1)
        )
        cls.old = make_article(
            section=section, slug="gammal", published_at=cls.now - timedelta(hours=49)
        )
        cls.scheduled = make_article(
            section=section, slug="senare", published_at=cls.now + timedelta(hours=1)
        )
        cls.draft = make_article(
            section=section,
            slug="utkast",
            published_at=cls.now - timedelta(hours=1),
            status=Article.Status.DRAFT,
        )

    def news(self):
        root = self.get_xml("/sitemap-news.xml")
        return {url.findtext("sm:loc", namespaces=NS): url for url in root.findall("sm:url", NS)}

    def test_articles_of_the_last_48_hours_in_the_google_news_format(self):
        with time_machine.travel(self.now, tick=False):
            found = self.news()
        self.assertEqual(
            list(found),
            ["http://testserver/en/articles/fresh/", "http://testserver/sv/artiklar/farsk/"],
        )
        news = found["http://testserver/sv/artiklar/farsk/"].find("news:news", NS)
        self.assertEqual(news.findtext("news:publication/news:name", namespaces=NS), "Newsroom")
        self.assertEqual(news.findtext("news:publication/news:language", namespaces=NS), "sv")
        self.assertEqual(
            news.findtext("news:publication_date", namespaces=NS), "2025-11-08T13:00:00+01:00"
        )
        self.assertEqual(news.findtext("news:title", namespaces=NS), "Färsk & het")
        english = found["http://testserver/en/articles/fresh/"]
        self.assertEqual(
            english.findtext("news:news/news:publication/news:language", namespaces=NS), "en"
        )

    def test_the_window_moves_with_time(self):
        with time_machine.travel(self.now + timedelta(hours=2), tick=False):
            found = self.news()
        self.assertEqual(
            list(found),
            ["http://testserver/sv/artiklar/senare/", "http://testserver/en/articles/fresh/"],
        )

    def test_an_empty_news_sitemap_is_still_a_sitemap(self):
        with time_machine.travel(self.now + timedelta(days=30), tick=False):
            self.assertEqual(self.news(), {})

    def test_a_headline_holding_a_control_character_xml_cannot_carry_still_makes_a_sitemap(self):
        # Saved before editors' text was checked for them, or by a script: a line break pasted
        # from Word is a vertical tab. The sitemap leaves them out, as the feeds do.
        Article.objects.filter(pk=self.fresh.pk).update(headline="Färsk\x0bnyhet\x1f & het")
        with time_machine.travel(self.now, tick=False):
            response = self.client.get("/sitemap-news.xml")
        self.assertEqual(response.status_code, 200)
        self.assertNotRegex(response.content, rb"[\x00-\x08\x0b\x0c\x0e-\x1f]")
        root = parse_xml(response)
        titles = [title.text for title in root.iter(f"{{{NS['news']}}}title")]
        self.assertIn("Färsk nyhet & het", titles)


class LargeSitemapTests(SitemapTestCase):
    """A sitemap page costs the same queries whatever the size of the archive."""

    @classmethod
    def setUpTestData(cls):
        cls.section = make_section()

    def add_articles(self, number, *, start):
        published_at = timezone.now() - timedelta(days=3)
        originals = Article.objects.bulk_create(
            Article(
                language="sv",
                headline=f"Rubrik {n}",
                slug=f"artikel-{n}",
                lede="Ingress",
                body="Text",
                section=self.section,
                status=Article.Status.PUBLISHED,
                published_at=published_at + timedelta(seconds=n),
            )
            for n in range(start, start + number)
        )
        # Every other article has an English translation.
        Article.objects.bulk_create(
            Article(
                language="en",
                headline=f"Headline {article.pk}",
                slug=f"article-{article.pk}",
                lede="Lede",
                body="Text",
                section=self.section,
                status=Article.Status.PUBLISHED,
                published_at=published_at,
                translation_of=article,
            )
            for article in originals[::2]
        )

    def test_sitemap_page_queries_are_fixed(self):
        with mock.patch.object(ArticleSitemap, "limit", 50):
            for total in (120, 1200):
                self.add_articles(
                    total - Article.objects.filter(language="sv").count(), start=total
                )
                for page in (1, 2):
                    with self.subTest(articles=total, page=page):
                        # count, the page of articles (translations come in the same query)
                        with self.assertNumQueries(2):
                            response = self.client.get("/sitemap-articles-sv.xml", {"p": page})
                        found = urls(parse_xml(response))
                        self.assertEqual(len(found), 50)
                        with_alternates = [alt for alt in found.values() if alt]
                        self.assertEqual(len(with_alternates), 25)
