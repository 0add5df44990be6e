import json
import re
from datetime import timedelta
from html.parser import HTMLParser

from django.contrib.auth.models import Permission, User
from django.test import TestCase
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import override

from articles.models import Article, DigitalSourceType
from consent.texts import current_digest
from tests.factories import make_article, make_author, make_image, make_section


class HeadParser(HTMLParser):
    """Collects the <meta>, <link> and JSON-LD blocks of a page."""

    def __init__(self):
        super().__init__()
        self.meta = {}
        self.links = []
        self.json_ld = []
        self._in_json_ld = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "meta" and ("property" in attrs or "name" in attrs):
            key = attrs.get("property") or attrs["name"]
            self.meta.setdefault(key, []).append(attrs.get("content"))
        elif tag == "link":
            self.links.append(attrs)
        elif tag == "script" and attrs.get("type") == "application/ld+json":
            self._in_json_ld = True

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_json_ld = False

    def handle_data(self, data):
        if self._in_json_ld:
            self.json_ld.append(json.loads(data))


def parse(response):
    parser = HeadParser()
    parser.feed(response.content.decode())
    return parser


def alternates(page):
    return {
        link["hreflang"]: link["href"]
        for link in page.links
        if link.get("rel") == "alternate" and "hreflang" in link
    }


def canonical(page):
    return [link["href"] for link in page.links if link.get("rel") == "canonical"]


class NewsArticleJsonLdTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.section = make_section(slug="utrikes", name_sv="Utrikes", name_en="World")
        cls.authors = [
            make_author(name="Eva Lindqvist", slug="eva-lindqvist"),
            make_author(name="Per Holm", slug="per-holm"),
        ]
        cls.author_pages = ["/sv/skribenter/eva-lindqvist/", "/sv/skribenter/per-holm/"]
        cls.ai_image = make_image(
            source=DigitalSourceType.TRAINED_ALGORITHMIC_MEDIA, credit="Illustration: Newsroom"
        )
        cls.published_at = timezone.make_aware(timezone.datetime(2025, 10, 28, 14, 30))
        cls.updated_at = cls.published_at + timedelta(hours=2)
        cls.article = make_article(
            section=cls.section,
            authors=cls.authors,
            headline="Toppmöte i Tokyo",
            slug="toppmote-i-tokyo",
            lede="Ledarna lovade ett starkare samarbete.",
            lead_image=cls.ai_image,
            lead_image_caption="Ledarna möttes i Tokyo.",
            published_at=cls.published_at,
            substantive_update_at=cls.updated_at,
        )

    def json_ld(self, url):
        blocks = parse(self.client.get(url)).json_ld
        self.assertEqual(len(blocks), 1)
        return blocks[0]

    def test_article_page_describes_itself_as_a_news_article(self):
        data = self.json_ld("/sv/artiklar/toppmote-i-tokyo/")
        url = "http://testserver/sv/artiklar/toppmote-i-tokyo/"
        self.assertEqual(data["@context"], "https://schema.org")
        self.assertEqual(data["@type"], "NewsArticle")
        self.assertEqual(data["headline"], "Toppmöte i Tokyo")
        self.assertEqual(data["description"], "Ledarna lovade ett starkare samarbete.")
        self.assertEqual(data["inLanguage"], "sv")
        self.assertEqual(data["articleSection"], "Utrikes")
        self.assertEqual(data["mainEntityOfPage"], {"@type": "WebPage", "@id": url})
        self.assertEqual(data["url"], url)
        self.assertEqual(
            data["author"],
            [
                {"@type": "Person", "name": author.name, "url": f"http://testserver{page}"}
                for author, page in zip(self.authors, self.author_pages, strict=True)
            ],
        )

    def test_dates_are_the_publication_and_the_substantive_update(self):
        data = self.json_ld("/sv/artiklar/toppmote-i-tokyo/")
        self.assertEqual(data["datePublished"], "2025-10-28T14:30:00+01:00")
        self.assertEqual(data["dateModified"], "2025-10-28T16:30:00+01:00")

    def test_date_modified_is_the_publication_without_an_update(self):
        article = make_article(section=self.section, published_at=self.published_at)
        data = self.json_ld(article.get_absolute_url())
        self.assertEqual(data["dateModified"], data["datePublished"])

    def test_publisher_has_a_name_and_a_logo(self):
        publisher = self.json_ld("/sv/artiklar/toppmote-i-tokyo/")["publisher"]
        self.assertEqual(publisher["@type"], "NewsMediaOrganization")
        self.assertEqual(publisher["name"], "Newsroom")
        self.assertEqual(publisher["url"], "http://testserver/")
        logo = publisher["logo"]
        self.assertEqual(logo["@type"], "ImageObject")
        self.assertRegex(logo["url"], r"^http://testserver/static/img/logo.*\.png$")
        self.assertEqual((logo["width"], logo["height"]), (512, 512))
        self.assertEqual(self.client.get(logo["url"]).status_code, 200)

    def test_lead_image_is_an_image_object_with_caption_credit_and_size(self):
        image = self.json_ld("/sv/artiklar/toppmote-i-tokyo/")["image"]
        rendition = self.ai_image.fallback_rendition()
        self.assertEqual(image["@type"], "ImageObject")
        self.assertEqual(image["url"], f"http://testserver{rendition.url}")
        self.assertEqual(image["contentUrl"], image["url"])
        self.assertTrue(image["url"].endswith(".jpg"))
        self.assertEqual((image["width"], image["height"]), (rendition.width, rendition.height))
        self.assertEqual(image["caption"], "Ledarna möttes i Tokyo. (Bild genererad av AI)")
        self.assertEqual(image["creditText"], "Illustration: Newsroom")

    def test_english_article_gives_the_english_credit(self):
        photo = make_image(credit="Foto: Anna Berg/TT", credit_en="Photo: Anna Berg/TT")
        english = make_article(section=self.section, language="en", lead_image=photo)
        image = self.json_ld(english.get_absolute_url())["image"]
        self.assertEqual(image["creditText"], "Photo: Anna Berg/TT")

    def test_ai_image_says_so_in_machine_readable_form(self):
        image = self.json_ld("/sv/artiklar/toppmote-i-tokyo/")["image"]
        self.assertEqual(
            image["digitalSourceType"], "https://schema.org/TrainedAlgorithmicMediaDigitalSource"
        )

    def test_ai_images_caption_discloses_it_in_the_articles_language(self):
        # The caption readers see says so; machines reading the caption are told too.
        english = make_article(
            section=self.section,
            language="en",
            lead_image=self.ai_image,
            lead_image_caption="The leaders met in Tokyo.",
        )
        image = self.json_ld(english.get_absolute_url())["image"]
        self.assertEqual(image["caption"], "The leaders met in Tokyo. (Image generated by AI)")
        uncaptioned = make_article(section=self.section, lead_image=self.ai_image)
        image = self.json_ld(uncaptioned.get_absolute_url())["image"]
        self.assertEqual(image["caption"], "Bild genererad av AI")
        composite = make_image(source=DigitalSourceType.COMPOSITE_WITH_TRAINED_ALGORITHMIC_MEDIA)
        article = make_article(section=self.section, lead_image=composite)
        self.assertEqual(
            self.json_ld(article.get_absolute_url())["image"]["caption"], "Bild genererad av AI"
        )

    def test_photographs_caption_is_the_editors_alone(self):
        photo = make_image(source=DigitalSourceType.DIGITAL_CAPTURE)
        captioned = make_article(
            section=self.section, lead_image=photo, lead_image_caption="Hamnen i gryningen."
        )
        image = self.json_ld(captioned.get_absolute_url())["image"]
        self.assertEqual(image["caption"], "Hamnen i gryningen.")
        uncaptioned = make_article(section=self.section, lead_image=photo)
        self.assertNotIn("caption", self.json_ld(uncaptioned.get_absolute_url())["image"])

    def test_composite_with_ai_and_photographs_have_their_own_source_types(self):
        cases = {
            DigitalSourceType.COMPOSITE_WITH_TRAINED_ALGORITHMIC_MEDIA: (
                "https://schema.org/CompositeWithTrainedAlgorithmicMediaDigitalSource"
            ),
            DigitalSourceType.DIGITAL_CAPTURE: "https://schema.org/DigitalCaptureDigitalSource",
            DigitalSourceType.DIGITAL_CREATION: "https://schema.org/DigitalArtDigitalSource",
        }
        for source, expected in cases.items():
            with self.subTest(source=source):
                article = make_article(section=self.section, lead_image=make_image(source=source))
                data = self.json_ld(article.get_absolute_url())
                self.assertEqual(data["image"]["digitalSourceType"], expected)

    def test_every_source_type_has_a_schema_org_member(self):
        for source in DigitalSourceType:
            with self.subTest(source=source):
                self.assertRegex(
                    source.schema_org_uri, r"^https://schema\.org/[A-Z]\w+DigitalSource$"
                )

    def test_article_without_image_has_no_image_object(self):
        article = make_article(section=self.section)
        self.assertNotIn("image", self.json_ld(article.get_absolute_url()))

    def test_editor_text_cannot_close_the_script_element(self):
        article = make_article(
            section=self.section,
            headline="</script><script>alert(1)</script> & <!--",
            lede="<b>fet</b>",
        )
        response = self.client.get(article.get_absolute_url())
        html = response.content.decode()
        block = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
        self.assertNotIn("<", block.group(1))
        self.assertNotIn("&", block.group(1))
        self.assertNotIn("<script>alert(1)", html)
        data = parse(response).json_ld[0]
        self.assertEqual(data["headline"], "</script><script>alert(1)</script> & <!--")
        self.assertEqual(data["description"], "<b>fet</b>")

    def test_previews_carry_no_structured_data_or_social_cards(self):
        editor = User.objects.create_user("redaktor", password="x", is_staff=True)
        editor.user_permissions.add(Permission.objects.get(codename="view_article"))
        self.client.force_login(editor)
        for fields in (
            {"status": Article.Status.DRAFT},
            {"published_at": timezone.now() + timedelta(days=1)},
        ):
            with self.subTest(**fields):
                draft = make_article(section=self.section, lead_image=self.ai_image, **fields)
                response = self.client.get(draft.get_absolute_url())
                self.assertEqual(response.status_code, 200)
                page = parse(response)
                self.assertEqual(page.json_ld, [])
                self.assertNotIn("og:title", page.meta)
                self.assertEqual(page.meta["robots"], ["noindex, nofollow"])

    def test_article_page_queries_do_not_grow_with_structured_data(self):
        current_digest()  # the consent version: read once per purge, not for each page
        # article with section and image, authors, its translation, the section menu
        with self.assertNumQueries(4):
            self.client.get("/sv/artiklar/toppmote-i-tokyo/")


class SocialCardTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.section = make_section(slug="inrikes", name_sv="Inrikes", name_en="Sweden")
        cls.image = make_image(alt_text="En hamn", alt_text_en="A harbour")
        cls.swedish = make_article(
            section=cls.section,
            headline="Hamnen öppnar",
            slug="hamnen-oppnar",
            lede="Efter fem år öppnar hamnen igen.",
            lead_image=cls.image,
            published_at=timezone.make_aware(timezone.datetime(2025, 10, 28, 14, 30)),
        )
        cls.english = make_article(
            section=cls.section,
            language="en",
            headline="The harbour reopens",
            slug="the-harbour-reopens",
            lede="After five years the harbour opens again.",
            lead_image=cls.image,
            translation_of=cls.swedish,
        )

    def test_article_has_open_graph_article_tags(self):
        meta = parse(self.client.get("/sv/artiklar/hamnen-oppnar/")).meta
        rendition = self.image.fallback_rendition()
        expected = {
            "og:type": ["article"],
            "og:site_name": ["Newsroom"],
            "og:title": ["Hamnen öppnar"],
            "og:description": ["Efter fem år öppnar hamnen igen."],
            "og:url": ["http://testserver/sv/artiklar/hamnen-oppnar/"],
            "og:locale": ["sv_SE"],
            "og:locale:alternate": ["en_GB"],
            "og:image": [f"http://testserver{rendition.url}"],
            "og:image:type": ["image/jpeg"],
            "og:image:width": [str(rendition.width)],
            "og:image:height": [str(rendition.height)],
            "og:image:alt": ["En hamn"],
            "article:published_time": ["2025-10-28T14:30:00+01:00"],
            "article:modified_time": ["2025-10-28T14:30:00+01:00"],
            "article:section": ["Inrikes"],
        }
        for key, value in expected.items():
            with self.subTest(key=key):
                self.assertEqual(meta.get(key), value)

    def test_article_has_a_large_twitter_card(self):
        meta = parse(self.client.get("/en/articles/the-harbour-reopens/")).meta
        self.assertEqual(meta["twitter:card"], ["summary_large_image"])
        self.assertEqual(meta["twitter:title"], ["The harbour reopens"])
        self.assertEqual(meta["twitter:description"], ["After five years the harbour opens again."])
        self.assertEqual(meta["twitter:image"], meta["og:image"])
        self.assertEqual(meta["twitter:image:alt"], ["A harbour"])
        self.assertEqual(meta["og:locale"], ["en_GB"])
        self.assertEqual(meta["og:image:alt"], ["A harbour"])

    def test_an_ai_made_pictures_shared_alt_text_says_so(self):
        # A shared link shows the picture without the page's caption: the alt text carries
        # the disclosure there, in the page's language, also for a decorative picture.
        image = make_image(
            alt_text="En robot vid en skrivmaskin",
            alt_text_en="A robot at a typewriter",
            source=DigitalSourceType.TRAINED_ALGORITHMIC_MEDIA,
        )
        swedish = make_article(section=self.section, slug="robot", lead_image=image)
        english = make_article(
            section=self.section, slug="robot-en", language="en", lead_image=image
        )
        for article, alt in (
            (swedish, "En robot vid en skrivmaskin (Bild genererad av AI)"),
            (english, "A robot at a typewriter (Image generated by AI)"),
        ):
            with self.subTest(language=article.language):
                meta = parse(self.client.get(article.get_absolute_url())).meta
                self.assertEqual(meta["og:image:alt"], [alt])
                self.assertEqual(meta["twitter:image:alt"], [alt])
        image.decorative = True
        image.save()
        meta = parse(self.client.get(swedish.get_absolute_url())).meta
        self.assertEqual(meta["og:image:alt"], ["Bild genererad av AI"])
        self.assertEqual(meta["twitter:image:alt"], ["Bild genererad av AI"])

    def test_the_privacy_policy_and_cookie_settings_are_named_in_shared_links(self):
        for url, title in (
            (reverse("consent:privacy_policy"), "Integritetspolicy"),
            (reverse("consent:settings"), "Cookieinställningar"),
        ):
            with self.subTest(url=url):
                meta = parse(self.client.get(url)).meta
                self.assertEqual(meta["og:title"], [title])
                self.assertEqual(meta["twitter:title"], [title])

    def test_article_without_translation_or_image_has_a_small_card_and_one_locale(self):
        article = make_article(section=self.section)
        meta = parse(self.client.get(article.get_absolute_url())).meta
        self.assertEqual(meta["twitter:card"], ["summary"])
        self.assertNotIn("og:image", meta)
        self.assertNotIn("og:locale:alternate", meta)

    def test_front_and_section_pages_are_websites_with_both_locales(self):
        for url, title in (("/sv/", "Newsroom"), ("/sv/sektion/inrikes/", "Inrikes")):
            with self.subTest(url=url):
                meta = parse(self.client.get(url)).meta
                self.assertEqual(meta["og:type"], ["website"])
                self.assertEqual(meta["og:title"], [title])
                self.assertEqual(meta["og:url"], [f"http://testserver{url}"])
                self.assertEqual(meta["og:locale"], ["sv_SE"])
                self.assertEqual(meta["og:locale:alternate"], ["en_GB"])
                self.assertEqual(meta["twitter:card"], ["summary"])
        meta = parse(self.client.get("/en/section/sweden/")).meta
        self.assertEqual(meta["og:description"], ["The latest articles in Sweden."])


class CanonicalAndAlternateTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.section = make_section(slug="kultur", name_sv="Kultur", name_en="Culture")
        cls.swedish = make_article(section=cls.section, slug="konsert")
        cls.english = make_article(
            section=cls.section, language="en", slug="concert", translation_of=cls.swedish
        )

    def test_every_page_has_one_absolute_canonical_address(self):
        urls = ["/sv/artiklar/konsert/", "/en/articles/concert/"]
        for language in ("sv", "en"):
            with override(language):
                urls += [
                    reverse("articles:front"),
                    self.section.get_absolute_url(),
                    reverse("consent:privacy_policy"),
                    reverse("consent:settings"),
                ]
        for url in urls:
            with self.subTest(url=url):
                # Tracking parameters are not part of the page's address.
                response = self.client.get(url, {"utm_source": "newsletter"})
                self.assertEqual(canonical(parse(response)), [f"http://testserver{url}"])

    def test_article_with_a_translation_links_both_versions_and_x_default(self):
        expected = {
            "sv": "http://testserver/sv/artiklar/konsert/",
            "en": "http://testserver/en/articles/concert/",
            "x-default": "http://testserver/sv/artiklar/konsert/",
        }
        for url in ("/sv/artiklar/konsert/", "/en/articles/concert/"):
            with self.subTest(url=url):
                self.assertEqual(alternates(parse(self.client.get(url))), expected)

    def test_language_switcher_agrees_with_the_alternates(self):
        for url, other in (("/sv/artiklar/konsert/", "en"), ("/en/articles/concert/", "sv")):
            with self.subTest(url=url):
                response = self.client.get(url)
                switcher = re.search(
                    r'class="masthead__language" href="([^"]+)"', response.content.decode()
                )
                target = alternates(parse(response))[other]
                self.assertEqual(f"http://testserver{switcher.group(1)}", target)

    def test_article_without_a_published_translation_has_no_alternates(self):
        lonely = make_article(section=self.section)
        make_article(
            section=self.section,
            language="en",
            translation_of=lonely,
            published_at=timezone.now() + timedelta(days=1),
        )
        self.assertEqual(alternates(parse(self.client.get(lonely.get_absolute_url()))), {})

    def test_front_and_section_pages_link_their_other_language_version(self):
        cases = {
            "/en/": {"sv": "/sv/", "en": "/en/", "x-default": "/sv/"},
            "/sv/sektion/kultur/": {
                "sv": "/sv/sektion/kultur/",
                "en": "/en/section/culture/",
                "x-default": "/sv/sektion/kultur/",
            },
            "/en/section/culture/": {
                "sv": "/sv/sektion/kultur/",
                "en": "/en/section/culture/",
                "x-default": "/sv/sektion/kultur/",
            },
        }
        for url, expected in cases.items():
            with self.subTest(url=url):
                response = self.client.get(url)
                found = alternates(parse(response))
                self.assertEqual(found, {k: f"http://testserver{v}" for k, v in expected.items()})
                other = "sv" if url.startswith("/en/") else "en"
                self.assertContains(response, f'href="{expected[other]}" hreflang="{other}"')

    def test_privacy_policy_links_its_swedish_and_english_versions(self):
        expected = {
            "sv": "http://testserver/sv/integritetspolicy/",
            "en": "http://testserver/en/privacy-policy/",
            "x-default": "http://testserver/sv/integritetspolicy/",
        }
        for url, other in (("/sv/integritetspolicy/", "en"), ("/en/privacy-policy/", "sv")):
            with self.subTest(url=url):
                response = self.client.get(url)
                self.assertEqual(alternates(parse(response)), expected)
                # The language switcher leads to the same address as the hreflang link.
                path = expected[other].removeprefix("http://testserver")
                self.assertContains(response, f'href="{path}" hreflang="{other}"')

    def test_not_found_pages_declare_no_canonical_address(self):
        for url in ("/sv/finns-inte/", "/en/missing/", "/sv/artiklar/finns-inte/"):
            with self.subTest(url=url):
                response = self.client.get(url)
                self.assertEqual(response.status_code, 404)
                page = parse(response)
                self.assertEqual(canonical(page), [])
                self.assertNotIn("og:url", page.meta)
                self.assertEqual(alternates(page), {})

    def test_later_pages_of_a_section_are_their_own_canonical_pages(self):
        for n in range(13):
            make_article(section=self.section, slug=f"kultur-{n}")
        page = parse(self.client.get("/sv/sektion/kultur/", {"page": 2}))
        self.assertEqual(canonical(page), ["http://testserver/sv/sektion/kultur/?page=2"])
        self.assertEqual(alternates(page), {})

    def test_section_pages_link_the_site_feeds_and_their_own(self):
        response = self.client.get("/sv/sektion/kultur/")
        feeds = {
            (link["type"], link["href"])
            for link in parse(response).links
            if link.get("rel") == "alternate" and "type" in link
        }
        with override("sv"):
            expected = {
                ("application/rss+xml", reverse("articles:feed_rss")),
                ("application/atom+xml", reverse("articles:feed_atom")),
                ("application/rss+xml", reverse("articles:section_feed_rss", args=["kultur"])),
                ("application/atom+xml", reverse("articles:section_feed_atom", args=["kultur"])),
            }
        self.assertEqual(feeds, expected)

    def test_author_pages_link_the_site_feeds_and_their_own(self):
        author = self.swedish.authors.get()
        with override("sv"):
            page = author.get_absolute_url()
        feeds = {
            (link["type"], link["href"])
            for link in parse(self.client.get(page)).links
            if link.get("rel") == "alternate" and "type" in link
        }
        with override("sv"):
            expected = {
                ("application/rss+xml", reverse("articles:feed_rss")),
                ("application/atom+xml", reverse("articles:feed_atom")),
                ("application/rss+xml", reverse("articles:author_feed_rss", args=[author.slug])),
                ("application/atom+xml", reverse("articles:author_feed_atom", args=[author.slug])),
            }
        self.assertEqual(feeds, expected)


class NoIndexTests(TestCase):
    def test_consent_settings_page_is_noindex(self):
        with override("sv"):
            url = reverse("consent:settings")
        self.assertEqual(parse(self.client.get(url)).meta["robots"], ["noindex"])

    def test_admin_pages_are_noindex(self):
        response = self.client.get("/admin/login/")
        self.assertEqual(parse(response).meta["robots"], ["NONE,NOARCHIVE"])
