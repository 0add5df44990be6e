import re
import uuid
import xml.etree.ElementTree as ET
from datetime import UTC, datetime, timedelta

import time_machine
from django.contrib.sites.models import Site
from django.test import TestCase
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import rfc2822_date, rfc3339_date
from django.utils.translation import override

from articles.models import Article, DigitalSourceType
from articles.services import address_redirect
from consent.texts import current_digest
from tests.factories import make_article, make_author, make_image, make_section

ATOM = "{http://www.w3.org/2005/Atom}"


def feed_url(name, language, **kwargs):
    with override(language):
        return reverse(f"articles:{name}", kwargs=kwargs)


def entry_id(article):
    """The permanent ID feeds give an article: a name-based UUID of its key and creation time."""
    name = f"article/{article.pk}/{article.created_at.astimezone(UTC).isoformat()}"
    return f"urn:uuid:{uuid.uuid5(uuid.UUID('893861cb-1017-4b45-8878-48829d06dd91'), name)}"


class FeedTestCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.section = make_section(slug="utrikes", name_sv="Utrikes", name_en="World")
        cls.other_section = make_section(slug="kultur", name_sv="Kultur", name_en="Culture")
        cls.author = make_author(name="Eva Lindqvist")
        cls.ai_image = make_image(
            source=DigitalSourceType.TRAINED_ALGORITHMIC_MEDIA, credit="Illustration: Newsroom"
        )
        cls.photo = make_image(source=DigitalSourceType.DIGITAL_CAPTURE)
        cls.swedish = make_article(
            section=cls.section,
            authors=[cls.author],
            headline="Toppmöte i Tokyo & <Osaka>",
            slug="toppmote-i-tokyo",
            lead_image=cls.ai_image,
            lead_image_caption="Ledarna möttes i Tokyo.",
            published_at=timezone.now() - timedelta(hours=1),
        )
        cls.english = make_article(
            section=cls.section,
            authors=[cls.author],
            language="en",
            headline="Summit in Tokyo",
            slug="summit-in-tokyo",
            lead_image=cls.ai_image,
            lead_image_caption="The leaders met in Tokyo.",
            translation_of=cls.swedish,
        )
        cls.culture = make_article(
            section=cls.other_section,
            slug="konsert",
            lead_image=cls.photo,
            lead_image_caption="Publiken.",
            published_at=timezone.now() - timedelta(hours=2),
        )
        cls.draft = make_article(section=cls.section, slug="utkast", status=Article.Status.DRAFT)
        cls.scheduled = make_article(
            section=cls.section, slug="schemalagd", published_at=timezone.now() + timedelta(hours=3)
        )

    def setUp(self):
        # contrib's feed view asks for the current Site; keep it cached for query counts.
        Site.objects.get_current()

    def get_feed(self, url):
        response = self.client.get(url)
        self.assertEqual(response.status_code, 200)
        return response, ET.fromstring(response.content)  # noqa: S314 (our own output)


class RssFeedTests(FeedTestCase):
    def items(self, url):
        _response, root = self.get_feed(url)
        return {item.findtext("link"): item for item in root.find("channel").findall("item")}

    def test_language_feed_lists_published_articles_of_its_language(self):
        response, root = self.get_feed(feed_url("feed_rss", "sv"))
        self.assertEqual(response["Content-Type"], "application/rss+xml; charset=utf-8")
        self.assertEqual(root.tag, "rss")
        self.assertEqual(root.get("version"), "2.0")
        channel = root.find("channel")
        self.assertEqual(channel.findtext("title"), "Newsroom")
        self.assertEqual(channel.findtext("link"), "http://testserver/sv/")
        self.assertEqual(channel.findtext("language"), "sv")
        self.assertTrue(channel.findtext("description"))
        links = [item.findtext("link") for item in channel.findall("item")]
        self.assertEqual(
            links,
            [
                "http://testserver/sv/artiklar/toppmote-i-tokyo/",
                "http://testserver/sv/artiklar/konsert/",
            ],
        )
        english = self.items(feed_url("feed_rss", "en"))
        self.assertEqual(list(english), ["http://testserver/en/articles/summit-in-tokyo/"])

    def test_item_has_title_date_author_category_and_guid(self):
        item = self.items(feed_url("feed_rss", "sv"))[
            "http://testserver/sv/artiklar/toppmote-i-tokyo/"
        ]
        # Feed readers read RSS titles as HTML: markup an editor typed stays text.
        self.assertEqual(item.findtext("title"), "Toppmöte i Tokyo &amp; &lt;Osaka&gt;")
        self.assertTrue(item.findtext("pubDate"))
        self.assertEqual(item.findtext("category"), "Utrikes")
        self.assertEqual(
            item.findtext("{http://purl.org/dc/elements/1.1/}creator"), "Eva Lindqvist"
        )
        self.assertEqual(item.findtext("guid"), entry_id(self.swedish))
        self.assertEqual(item.find("guid").get("isPermaLink"), "false")

    def test_lead_image_is_an_enclosure_with_length_and_type_of_its_jpeg(self):
        # Made here: each test has a media directory of its own.
        image = make_image()
        article = make_article(section=self.section, slug="med-bild", lead_image=image)
        item = self.items(feed_url("feed_rss", "sv"))[
            f"http://testserver{article.get_absolute_url()}"
        ]
        enclosures = item.findall("enclosure")
        self.assertEqual(len(enclosures), 1)
        rendition = image.fallback_rendition()
        self.assertEqual(enclosures[0].get("url"), f"http://testserver{rendition.url}")
        self.assertEqual(enclosures[0].get("type"), "image/jpeg")
        self.assertEqual(int(enclosures[0].get("length")), rendition.storage.size(rendition.name))
        self.assertGreater(rendition.storage.size(rendition.name), 0)

    def test_description_has_the_lede_caption_and_swedish_ai_disclosure(self):
        item = self.items(feed_url("feed_rss", "sv"))[
            "http://testserver/sv/artiklar/toppmote-i-tokyo/"
        ]
        description = item.findtext("description")
        self.assertIn("<p>En kort ingress.</p>", description)
        self.assertIn("Ledarna möttes i Tokyo.", description)
        self.assertIn("Bild genererad av AI", description)
        self.assertIn("Illustration: Newsroom", description)
        self.assertIn('alt="En hamn i kvällsljus"', description)

    def test_english_description_has_the_english_disclosure(self):
        item = self.items(feed_url("feed_rss", "en"))[
            "http://testserver/en/articles/summit-in-tokyo/"
        ]
        description = item.findtext("description")
        self.assertIn("The leaders met in Tokyo.", description)
        self.assertIn("Image generated by AI", description)
        self.assertNotIn("Bild genererad av AI", description)

    def test_caption_disclosure_and_credit_are_set_apart_in_a_feed_reader(self):
        # A feed reader shows the description without the site's stylesheet.
        def caption_text(language, link):
            description = self.items(feed_url("feed_rss", language))[link].findtext("description")
            caption = re.search(r"<figcaption>(.*)</figcaption>", description, re.DOTALL)[1]
            return " ".join(re.sub(r"<[^>]+>", "", caption).split())

        self.assertEqual(
            caption_text("sv", "http://testserver/sv/artiklar/toppmote-i-tokyo/"),
            "Ledarna möttes i Tokyo. · Bild genererad av AI · Illustration: Newsroom",
        )
        self.assertEqual(
            caption_text("en", "http://testserver/en/articles/summit-in-tokyo/"),
            "The leaders met in Tokyo. · Image generated by AI · Illustration: Newsroom",
        )
        self.assertEqual(
            caption_text("sv", "http://testserver/sv/artiklar/konsert/"),
            "Publiken. · Foto: Karin Lund/Newsroom",
        )

    def test_photograph_has_a_caption_and_no_disclosure(self):
        item = self.items(feed_url("feed_rss", "sv"))["http://testserver/sv/artiklar/konsert/"]
        self.assertIn("Publiken.", item.findtext("description"))
        self.assertNotIn("AI", item.findtext("description"))

    def test_missing_rendition_file_gives_an_enclosure_of_unknown_length(self):
        # setUpTestData's files were written to another test's media directory.
        item = self.items(feed_url("feed_rss", "sv"))[
            "http://testserver/sv/artiklar/toppmote-i-tokyo/"
        ]
        self.assertEqual(item.find("enclosure").get("length"), "0")

    def test_article_without_image_has_no_enclosure(self):
        article = make_article(section=self.section, slug="utan-bild")
        item = self.items(feed_url("feed_rss", "sv"))[
            f"http://testserver{article.get_absolute_url()}"
        ]
        self.assertEqual(item.findall("enclosure"), [])

    def test_section_feed_lists_only_its_section(self):
        url = feed_url("section_feed_rss", "sv", slug="kultur")
        _response, root = self.get_feed(url)
        self.assertEqual(root.find("channel").findtext("title"), "Kultur – Newsroom")
        self.assertEqual(
            root.find("channel").findtext("link"), "http://testserver/sv/sektion/kultur/"
        )
        self.assertEqual(list(self.items(url)), ["http://testserver/sv/artiklar/konsert/"])
        self.assertEqual(
            self.client.get(feed_url("section_feed_rss", "sv", slug="finns-inte")).status_code, 404
        )

    def test_the_english_section_feed_has_the_english_address(self):
        url = feed_url("section_feed_rss", "en", slug="world")
        self.assertEqual(url, self.section.url_in("en", "articles:section_feed_rss"))
        _response, root = self.get_feed(url)
        channel = root.find("channel")
        self.assertEqual(channel.findtext("link"), "http://testserver/en/section/world/")

    def test_section_feeds_at_the_other_languages_slug_redirect_permanently(self):
        for asked, address in [
            ("/en/section/utrikes/feed/rss/", "/en/section/world/feed/rss/"),
            ("/en/section/utrikes/feed/atom/", "/en/section/world/feed/atom/"),
            ("/sv/sektion/world/flode/rss/", "/sv/sektion/utrikes/flode/rss/"),
        ]:
            with self.subTest(asked=asked):
                response = self.client.get(asked)
                self.assertRedirects(
                    response, address, status_code=301, fetch_redirect_response=False
                )
        self.assertEqual(
            self.client.get(feed_url("section_feed_rss", "en", slug="finns-inte")).status_code, 404
        )

    def test_a_renamed_article_keeps_its_entry_id_in_rss_and_atom(self):
        def ids(name):
            _response, root = self.get_feed(feed_url(name, "sv"))
            if name == "feed_rss":
                return {item.findtext("link"): item.findtext("guid") for item in root.iter("item")}
            return {
                entry.find(f"{ATOM}link").get("href"): entry.findtext(f"{ATOM}id")
                for entry in root.iter(f"{ATOM}entry")
            }

        for name in ("feed_rss", "feed_atom"):
            self.assertEqual(
                ids(name)["http://testserver/sv/artiklar/toppmote-i-tokyo/"],
                entry_id(self.swedish),
            )
        # As the admin renames a published article: a new slug, the old address redirected.
        old_url = self.swedish.get_absolute_url()
        self.swedish.slug = "toppmote-i-tokyo-och-osaka"
        self.swedish.save()
        address_redirect(old_url=old_url, new_url=self.swedish.get_absolute_url())
        for name in ("feed_rss", "feed_atom"):
            with self.subTest(feed=name):
                # Feed readers know the entry: the same story at a new address, not a new one.
                self.assertEqual(
                    ids(name),
                    {
                        "http://testserver/sv/artiklar/toppmote-i-tokyo-och-osaka/": entry_id(
                            self.swedish
                        ),
                        "http://testserver/sv/artiklar/konsert/": entry_id(self.culture),
                    },
                )

    def test_entry_ids_are_the_same_on_every_host_and_differ_between_versions(self):
        on_localhost = {
            item.findtext("guid")
            for item in ET.fromstring(  # noqa: S314 (our own output)
                self.client.get(feed_url("feed_rss", "sv"), headers={"host": "localhost"}).content
            ).iter("item")
        }
        self.assertEqual(on_localhost, {entry_id(self.swedish), entry_id(self.culture)})
        english = self.items(feed_url("feed_rss", "en"))
        [english_id] = [item.findtext("guid") for item in english.values()]
        self.assertEqual(english_id, entry_id(self.english))
        self.assertNotEqual(english_id, entry_id(self.swedish))

    def test_an_entry_id_is_neither_the_sites_domain_nor_changed_by_it(self):
        # Set in admin → Sites after launch, or never: the IDs stay what they were.
        before = self.items(feed_url("feed_rss", "sv"))
        Site.objects.filter(pk=1).update(domain="newsroom.example.se")
        Site.objects.clear_cache()
        after = self.items(feed_url("feed_rss", "sv"))
        self.assertEqual(
            {link: item.findtext("guid") for link, item in before.items()},
            {link: item.findtext("guid") for link, item in after.items()},
        )
        for item in after.values():
            self.assertRegex(item.findtext("guid"), r"^urn:uuid:[0-9a-f-]{36}$")
            self.assertNotIn("example", item.findtext("guid"))

    def test_an_entry_id_is_of_the_article_not_of_its_key_alone(self):
        # A database emptied and filled again gives keys out again: the IDs of its new
        # articles are not those feed readers already hold for the old ones.
        article = make_article(section=self.section, slug="natt")
        first = self.items(feed_url("feed_rss", "sv"))["http://testserver/sv/artiklar/natt/"]
        Article.objects.filter(pk=article.pk).update(
            created_at=datetime(2026, 3, 1, 23, 30, tzinfo=UTC)
        )
        again = self.items(feed_url("feed_rss", "sv"))["http://testserver/sv/artiklar/natt/"]
        self.assertNotEqual(first.findtext("guid"), again.findtext("guid"))

    def test_nothing_unpublished_is_in_a_feed(self):
        for url in (
            feed_url("feed_rss", "sv"),
            feed_url("feed_atom", "sv"),
            feed_url("section_feed_rss", "sv", slug="utrikes"),
        ):
            with self.subTest(url=url):
                text = self.client.get(url).content.decode()
                self.assertNotIn("utkast", text)
                self.assertNotIn("schemalagd", text)

    def test_scheduled_article_appears_at_its_time(self):
        with time_machine.travel(self.scheduled.published_at + timedelta(minutes=1)):
            items = self.items(feed_url("feed_rss", "sv"))
        self.assertIn("http://testserver/sv/artiklar/schemalagd/", items)

    def test_feed_queries_are_fixed(self):
        for extra in (0, 25):
            for n in range(extra):
                make_article(
                    section=self.section,
                    slug=f"extra-{extra}-{n}",
                    lead_image=self.photo,
                    authors=[self.author, make_author()],
                )
            with self.subTest(extra=extra):
                # articles with their section and image, authors
                with self.assertNumQueries(2):
                    self.client.get(feed_url("feed_rss", "sv"))
                with self.assertNumQueries(3):  # and the section
                    self.client.get(feed_url("section_feed_atom", "sv", slug="utrikes"))
                with self.assertNumQueries(3):
                    self.client.get(feed_url("section_feed_rss", "en", slug="world"))

    def test_section_name_is_text_in_rss_and_atom(self):
        make_section(slug="fientlig", name_sv='Kultur <img src=x onerror="alert(1)">')
        _response, root = self.get_feed(feed_url("section_feed_rss", "sv", slug="fientlig"))
        channel = root.find("channel")
        for element in ("title", "description"):
            with self.subTest(element=element):
                self.assertNotIn("<img", channel.findtext(element))
                self.assertIn("&lt;img", channel.findtext(element))
        _response, root = self.get_feed(feed_url("section_feed_atom", "sv", slug="fientlig"))
        self.assertEqual(
            root.findtext(f"{ATOM}title"), 'Kultur <img src=x onerror="alert(1)"> – Newsroom'
        )

    def test_feeds_answer_only_reading_methods(self):
        url = feed_url("feed_rss", "sv")
        self.assertEqual(self.client.head(url).status_code, 200)
        for method in ("TRACE", "PUT", "DELETE"):
            with self.subTest(method=method):
                self.assertEqual(self.client.generic(method, url).status_code, 405)

    def test_a_reader_asking_since_its_last_visit_gets_corrections_and_removals(self):
        url = feed_url("feed_rss", "sv")
        first = self.client.get(url)
        since = first.get("Last-Modified") or "Wed, 01 Jan 2025 00:00:00 GMT"
        # Revalidating an unchanged feed by its ETag costs a 304.
        unchanged = self.client.get(url, headers={"If-None-Match": first["ETag"]})
        self.assertEqual(unchanged.status_code, 304)
        # A corrected headline changes no publication or update time, and neither does taking
        # an article down: a reader asking by date must still get the new feed.
        Article.objects.filter(pk=self.swedish.pk).update(headline="Rättad rubrik")
        corrected = self.client.get(url, headers={"If-Modified-Since": since})
        self.assertContains(corrected, "Rättad rubrik")
        Article.objects.filter(pk=self.swedish.pk).update(status=Article.Status.DRAFT)
        for headers in ({"If-Modified-Since": since}, {"If-None-Match": first["ETag"]}):
            with self.subTest(headers=headers):
                response = self.client.get(url, headers=headers)
                self.assertEqual(response.status_code, 200)
                self.assertNotContains(response, "Rättad rubrik")

    def test_an_empty_feed_keeps_its_date_and_etag_and_revalidates(self):
        # Kultur has nothing in English; the newest English publication dates the empty feed.
        published = self.english.published_at
        for name, date, written in (
            (
                "section_feed_rss",
                lambda root: root.find("channel").findtext("lastBuildDate"),
                rfc2822_date,
            ),
            ("section_feed_atom", lambda root: root.findtext(f"{ATOM}updated"), rfc3339_date),
        ):
            with self.subTest(feed=name):
                url = feed_url(name, "en", slug="culture")
                first, root = self.get_feed(url)
                self.assertEqual(root.findall(f"{ATOM}entry") + root.findall(".//item"), [])
                self.assertEqual(date(root), written(published))
                with time_machine.travel(timezone.now() + timedelta(hours=5)):
                    later, later_root = self.get_feed(url)
                    revalidated = self.client.get(url, headers={"If-None-Match": first["ETag"]})
                self.assertEqual(date(later_root), date(root))
                self.assertEqual(later["ETag"], first["ETag"])
                self.assertEqual(revalidated.status_code, 304)

    def test_feed_is_limited_to_the_latest_twenty(self):
        for n in range(25):
            make_article(section=self.section, slug=f"fler-{n}")
        self.assertEqual(len(self.items(feed_url("feed_rss", "sv"))), 20)


class AtomFeedTests(FeedTestCase):
    def test_atom_feed_has_entries_with_enclosure_links(self):
        image = make_image(source=DigitalSourceType.TRAINED_ALGORITHMIC_MEDIA)
        self.swedish.lead_image = image
        self.swedish.save()
        response, root = self.get_feed(feed_url("feed_atom", "sv"))
        self.assertEqual(response["Content-Type"], "application/atom+xml; charset=utf-8")
        self.assertEqual(root.tag, f"{ATOM}feed")
        self.assertEqual(root.findtext(f"{ATOM}title"), "Newsroom")
        self.assertTrue(root.findtext(f"{ATOM}id"))
        self.assertTrue(root.findtext(f"{ATOM}updated"))
        entries = root.findall(f"{ATOM}entry")
        self.assertEqual(len(entries), 2)
        entry = entries[0]
        self.assertEqual(entry.findtext(f"{ATOM}title"), "Toppmöte i Tokyo & <Osaka>")
        self.assertEqual(entry.find(f"{ATOM}author").findtext(f"{ATOM}name"), "Eva Lindqvist")
        links = {link.get("rel"): link for link in entry.findall(f"{ATOM}link")}
        self.assertEqual(
            links["alternate"].get("href"), "http://testserver/sv/artiklar/toppmote-i-tokyo/"
        )
        rendition = image.fallback_rendition()
        self.assertEqual(links["enclosure"].get("href"), f"http://testserver{rendition.url}")
        self.assertEqual(links["enclosure"].get("type"), "image/jpeg")
        self.assertEqual(
            int(links["enclosure"].get("length")), rendition.storage.size(rendition.name)
        )
        summary = entry.find(f"{ATOM}summary")
        self.assertEqual(summary.get("type"), "html")
        self.assertIn("Bild genererad av AI", summary.text)
        self.assertIn("Ledarna möttes i Tokyo.", summary.text)

    def test_atom_feed_has_an_author_for_entries_without_a_byline(self):
        make_article(section=self.other_section, slug="utan-byline", authors=[])
        _response, root = self.get_feed(feed_url("feed_atom", "sv"))
        # RFC 4287 4.1.1: the feed names an author unless every entry does.
        self.assertEqual(root.find(f"{ATOM}author").findtext(f"{ATOM}name"), "Newsroom")
        entries = {
            entry.find(f"{ATOM}link").get("href"): entry for entry in root.findall(f"{ATOM}entry")
        }
        self.assertIsNone(
            entries["http://testserver/sv/artiklar/utan-byline/"].find(f"{ATOM}author")
        )
        empty = self.get_feed(feed_url("section_feed_atom", "en", slug="culture"))[1]
        self.assertEqual(empty.findall(f"{ATOM}entry"), [])
        self.assertEqual(empty.find(f"{ATOM}author").findtext(f"{ATOM}name"), "Newsroom")

    def test_section_atom_feed(self):
        _response, root = self.get_feed(feed_url("section_feed_atom", "en", slug="world"))
        self.assertEqual(root.findtext(f"{ATOM}title"), "World – Newsroom")
        self.assertEqual(len(root.findall(f"{ATOM}entry")), 1)


class AuthorFeedTests(FeedTestCase):
    """Each author's latest articles in a language, once they have published in either."""

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.colleague = make_author(name="Per Holm", slug="per-holm")
        # Per leads the byline: the feed of Eva's articles names him first all the same.
        cls.shared = make_article(
            section=cls.other_section,
            authors=[cls.colleague, cls.author],
            headline="Gemensam nyhet",
            slug="gemensam",
            lead_image=cls.photo,
            lead_image_caption="Publiken.",
            published_at=timezone.now() - timedelta(hours=3),
        )
        make_article(authors=[cls.author], slug="evas-utkast", status=Article.Status.DRAFT)
        make_article(
            authors=[cls.author],
            slug="evas-schemalagda",
            published_at=timezone.now() + timedelta(hours=3),
        )
        cls.newcomer = make_author(name="Nils Nyman", slug="nils-nyman")
        make_article(authors=[cls.newcomer], slug="nils-utkast", status=Article.Status.DRAFT)

    def author_feed(self, language, kind="rss", author=None):
        slug = (author or self.author).slug
        return feed_url(f"author_feed_{kind}", language, slug=slug)

    def rss_items(self, url):
        _response, root = self.get_feed(url)
        return root.find("channel").findall("item")

    def test_the_feed_lists_the_authors_published_articles_in_its_language(self):
        response, root = self.get_feed(self.author_feed("sv"))
        self.assertEqual(response["Content-Type"], "application/rss+xml; charset=utf-8")
        channel = root.find("channel")
        page = feed_url("author", "sv", slug=self.author.slug)
        self.assertEqual(channel.findtext("link"), f"http://testserver{page}")
        self.assertEqual(channel.findtext("language"), "sv")
        self.assertIn("Eva Lindqvist", channel.findtext("title"))
        self.assertIn("Eva Lindqvist", channel.findtext("description"))
        self.assertEqual(
            [item.findtext("link") for item in channel.findall("item")],
            [
                "http://testserver/sv/artiklar/toppmote-i-tokyo/",
                "http://testserver/sv/artiklar/gemensam/",
            ],
        )
        english = self.rss_items(self.author_feed("en"))
        self.assertEqual(
            [item.findtext("link") for item in english],
            ["http://testserver/en/articles/summit-in-tokyo/"],
        )

    def test_the_english_feed_is_titled_articles_by_the_author(self):
        _response, root = self.get_feed(self.author_feed("en"))
        channel = root.find("channel")
        self.assertEqual(channel.findtext("title"), "Articles by Eva Lindqvist – Newsroom")
        self.assertEqual(
            channel.findtext("description"),
            "The latest articles by Eva Lindqvist from Newsroom.",
        )
        self.assertEqual(
            channel.findtext("link"), f"http://testserver/en/authors/{self.author.slug}/"
        )
        self.assertEqual(
            channel.find(f"{ATOM}link").get("href"),
            f"http://testserver/en/authors/{self.author.slug}/feed/rss/",
        )

    def test_items_are_those_of_the_other_feeds(self):
        items = {item.findtext("link"): item for item in self.rss_items(self.author_feed("sv"))}
        item = items["http://testserver/sv/artiklar/toppmote-i-tokyo/"]
        self.assertEqual(item.findtext("title"), "Toppmöte i Tokyo &amp; &lt;Osaka&gt;")
        self.assertEqual(item.findtext("category"), "Utrikes")
        self.assertEqual(item.findtext("guid"), entry_id(self.swedish))
        self.assertTrue(item.findtext("pubDate"))
        description = item.findtext("description")
        self.assertIn("<p>En kort ingress.</p>", description)
        self.assertIn("Ledarna möttes i Tokyo.", description)
        self.assertIn("Bild genererad av AI", description)
        self.assertEqual(len(item.findall("enclosure")), 1)
        # The whole byline, in the editors' order, not only the author the feed is of.
        shared = items["http://testserver/sv/artiklar/gemensam/"]
        self.assertEqual(
            shared.findtext("{http://purl.org/dc/elements/1.1/}creator"), "Per Holm, Eva Lindqvist"
        )
        english = self.rss_items(self.author_feed("en"))[0].findtext("description")
        self.assertIn("Image generated by AI", english)
        self.assertNotIn("Bild genererad av AI", english)

    def test_the_atom_feed_has_the_same_entries(self):
        response, root = self.get_feed(self.author_feed("en", "atom"))
        self.assertEqual(response["Content-Type"], "application/atom+xml; charset=utf-8")
        self.assertEqual(root.findtext(f"{ATOM}title"), "Articles by Eva Lindqvist – Newsroom")
        [entry] = root.findall(f"{ATOM}entry")
        self.assertEqual(entry.findtext(f"{ATOM}title"), "Summit in Tokyo")
        self.assertEqual(entry.find(f"{ATOM}author").findtext(f"{ATOM}name"), "Eva Lindqvist")
        links = {link.get("rel"): link.get("href") for link in entry.findall(f"{ATOM}link")}
        self.assertEqual(links["alternate"], "http://testserver/en/articles/summit-in-tokyo/")
        self.assertIn("enclosure", links)
        entries = self.get_feed(self.author_feed("sv", "atom"))[1].findall(f"{ATOM}entry")
        self.assertEqual(
            [entry.find(f"{ATOM}author").findtext(f"{ATOM}name") for entry in entries],
            ["Eva Lindqvist", "Per Holm, Eva Lindqvist"],
        )

    def test_nothing_unpublished_and_nobody_elses_articles_are_in_the_feed(self):
        for url in (self.author_feed("sv"), self.author_feed("sv", "atom")):
            with self.subTest(url=url):
                text = self.client.get(url).content.decode()
                for hidden in ("evas-utkast", "evas-schemalagda", "konsert", "utkast"):
                    self.assertNotIn(f"/{hidden}/", text)

    def test_an_author_with_nothing_published_has_no_feed(self):
        unpublished = make_author(slug="ny-reporter")
        make_article(authors=[unpublished], status=Article.Status.DRAFT)
        make_article(authors=[unpublished], published_at=timezone.now() + timedelta(hours=2))
        for language in ("sv", "en"):
            for kind in ("rss", "atom"):
                for slug in ("ny-reporter", "finns-inte"):
                    url = feed_url(f"author_feed_{kind}", language, slug=slug)
                    with self.subTest(url=url):
                        self.assertEqual(self.client.get(url).status_code, 404)

    def test_an_authors_feed_in_a_language_they_have_not_written_in_is_empty(self):
        # Their page there exists (it points to the other language), and so does their feed,
        # as an empty section's does: a reader subscribed to it keeps the subscription.
        rss = self.get_feed(self.author_feed("en", author=self.colleague))[1].find("channel")
        self.assertEqual(rss.findtext("title"), "Articles by Per Holm – Newsroom")
        self.assertEqual(rss.findtext("link"), "http://testserver/en/authors/per-holm/")
        self.assertEqual(rss.findall("item"), [])
        atom = self.get_feed(self.author_feed("en", "atom", author=self.colleague))[1]
        self.assertEqual(atom.findtext(f"{ATOM}title"), "Articles by Per Holm – Newsroom")
        self.assertEqual(atom.findall(f"{ATOM}entry"), [])
        self.assertEqual(len(self.rss_items(self.author_feed("sv", author=self.colleague))), 1)

    def test_an_author_feed_appears_with_their_first_scheduled_article(self):
        newcomer = make_author(slug="nykomling")
        scheduled = make_article(
            authors=[newcomer], slug="forsta", published_at=timezone.now() + timedelta(hours=1)
        )
        url = self.author_feed("sv", author=newcomer)
        self.assertEqual(self.client.get(url).status_code, 404)
        with time_machine.travel(scheduled.published_at + timedelta(minutes=1)):
            items = self.rss_items(url)
        self.assertEqual([item.findtext("link")[-8:] for item in items], ["/forsta/"])

    def test_author_feed_queries_are_fixed(self):
        current_digest()  # the consent version the not-found page needs: read once per purge
        for extra in (0, 25):
            for n in range(extra):
                make_article(
                    section=self.section,
                    slug=f"extra-{extra}-{n}",
                    lead_image=self.photo,
                    authors=[make_author(), self.author, make_author()],
                )
            with self.subTest(extra=extra):
                # the author (if they have written in the language), articles with their
                # section and image, bylines with their authors
                with self.assertNumQueries(3):
                    self.client.get(self.author_feed("sv"))
                with self.assertNumQueries(3):
                    self.client.get(self.author_feed("en", "atom"))
                # Nothing in this language: the author, no articles, and the date of the
                # newest publication in the language, which dates the empty feed.
                with self.assertNumQueries(3):
                    response = self.client.get(self.author_feed("en", author=self.colleague))
                self.assertEqual(response.status_code, 200)
                # Nothing published: the author not found, then the not-found page's
                # old-address lookup and section menu, whatever the number of articles.
                with self.assertNumQueries(3):
                    response = self.client.get(self.author_feed("en", author=self.newcomer))
                self.assertEqual(response.status_code, 404)

    def test_the_feed_is_limited_to_the_latest_twenty(self):
        for n in range(25):
            make_article(authors=[self.author], slug=f"evas-{n}")
        self.assertEqual(len(self.rss_items(self.author_feed("sv"))), 20)

    def test_the_authors_name_is_text_in_rss_and_atom(self):
        hostile = make_author(name='Eva <img src=x onerror="alert(1)">', slug="fientlig")
        make_article(authors=[hostile], slug="fientlig-artikel")
        _response, root = self.get_feed(self.author_feed("sv", author=hostile))
        channel = root.find("channel")
        for element in ("title", "description"):
            with self.subTest(element=element):
                self.assertNotIn("<img", channel.findtext(element))
                self.assertIn("&lt;img", channel.findtext(element))
        _response, root = self.get_feed(self.author_feed("sv", "atom", author=hostile))
        self.assertIn(
            'Eva <img src=x onerror="alert(1)"> – Newsroom', root.findtext(f"{ATOM}title")
        )

    def test_feeds_answer_only_reading_methods(self):
        url = self.author_feed("sv")
        self.assertEqual(self.client.head(url).status_code, 200)
        for method in ("POST", "PUT", "DELETE"):
            with self.subTest(method=method):
                self.assertEqual(self.client.generic(method, url).status_code, 405)

    def test_a_reader_revalidating_gets_corrections_and_removals(self):
        url = self.author_feed("sv")
        first = self.client.get(url)
        self.assertNotIn("Last-Modified", first)
        unchanged = self.client.get(url, headers={"If-None-Match": first["ETag"]})
        self.assertEqual(unchanged.status_code, 304)
        Article.objects.filter(pk=self.swedish.pk).update(headline="Rättad rubrik")
        since = "Wed, 01 Jan 2025 00:00:00 GMT"
        corrected = self.client.get(url, headers={"If-Modified-Since": since})
        self.assertContains(corrected, "Rättad rubrik")
        Article.objects.filter(pk=self.swedish.pk).update(status=Article.Status.DRAFT)
        for headers in ({"If-Modified-Since": since}, {"If-None-Match": first["ETag"]}):
            with self.subTest(headers=headers):
                response = self.client.get(url, headers=headers)
                self.assertEqual(response.status_code, 200)
                self.assertNotContains(response, "Rättad rubrik")


class ControlCharacterFeedTests(FeedTestCase):
    """Text holding characters XML cannot (saved before editors' text was checked for them, or
    by a script) still makes a feed: they are left out, never a server error."""

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        # A line break pasted from Word is a vertical tab; the others are no text at all.
        # (Not NUL: PostgreSQL's text cannot hold it, so no stored text has it.)
        cls.section.name_sv = "Utri\x01kes"
        cls.section.save()
        cls.author.name = "Eva\x1b Lindqvist"
        cls.author.save()
        Article.objects.filter(pk=cls.swedish.pk).update(
            headline="Toppmöte\x0bi Tokyo", lede="Ledarna\x08 möts.", body="Stycke\x0c ett."
        )

    def test_feeds_leave_out_what_xml_cannot_hold(self):
        urls = [
            feed_url("feed_rss", "sv"),
            feed_url("feed_atom", "sv"),
            feed_url("section_feed_rss", "sv", slug="utrikes"),
            feed_url("section_feed_atom", "sv", slug="utrikes"),
            feed_url("author_feed_rss", "sv", slug=self.author.slug),
            feed_url("author_feed_atom", "sv", slug=self.author.slug),
        ]
        for url in urls:
            with self.subTest(url=url):
                response, _root = self.get_feed(url)
                self.assertContains(response, "Toppmöte i Tokyo")
                self.assertNotRegex(response.content, rb"[\x00-\x08\x0b\x0c\x0e-\x1f]")
        _response, root = self.get_feed(feed_url("section_feed_rss", "sv", slug="utrikes"))
        self.assertEqual(root.find("channel").findtext("title"), "Utrikes – Newsroom")
        item = root.find("channel").find("item")
        self.assertEqual(item.findtext("category"), "Utrikes")
        self.assertIn("Eva Lindqvist", item.findtext("{http://purl.org/dc/elements/1.1/}creator"))
