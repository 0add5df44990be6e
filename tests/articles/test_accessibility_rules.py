"""Rules that keep pages accessible and fast: alt text or a decorative mark, early lead images."""

from html.parser import HTMLParser

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import TestCase
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import override

from articles.models import DigitalSourceType, Image
from tests.articles.test_editorial import make_user
from tests.factories import image_bytes, make_article, make_image, make_section


class Tags(HTMLParser):
    """The attributes of every tag of one name in a page, in document order."""

    def __init__(self, html, name):
        super().__init__()
        self.name = name
        self.found = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        if tag == self.name:
            self.found.append(dict(attrs))


def images(response):
    return Tags(response.content.decode(), "img").found


def meta(response):
    return {
        tag.get("property") or tag.get("name"): tag.get("content")
        for tag in Tags(response.content.decode(), "meta").found
    }


class DecorativeImageTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.editor = make_user("redaktor", role="Editor")

    def setUp(self):
        self.client.force_login(self.editor)

    def upload(self, **fields):
        data = {
            "file": SimpleUploadedFile("monster.jpg", image_bytes(), "image/jpeg"),
            "source": DigitalSourceType.DIGITAL_CREATION,
            "alt_text": "",
            "alt_text_en": "",
            "focal_x": 50,
            "focal_y": 50,
            **fields,
        }
        return self.client.post(
            reverse("admin:articles_image_add"), data, headers={"accept-language": "en"}
        )

    def test_an_image_without_alt_text_is_refused_with_a_clear_message(self):
        response = self.upload()
        self.assertEqual(response.status_code, 200)
        form = response.context["adminform"].form
        self.assertTrue(form.has_error("alt_text", code="alt_text_missing"))
        self.assertIn("Decorative", str(form.errors["alt_text"]))
        self.assertFalse(Image.objects.exists())

    def test_an_english_alt_text_alone_is_not_enough(self):
        response = self.upload(alt_text_en="A pattern of blue tiles")
        self.assertEqual(response.status_code, 200)
        self.assertTrue(response.context["adminform"].form.has_error("alt_text"))
        self.assertFalse(Image.objects.exists())

    def test_an_image_marked_decorative_needs_no_alt_text(self):
        response = self.upload(decorative="on")
        self.assertEqual(response.status_code, 302)
        image = Image.objects.get()
        self.assertTrue(image.decorative)
        self.assertEqual(image.alt_text, "")
        # Editors still find it by name in lists and in the lead image search.
        self.assertTrue(str(image).startswith("monster"))
        found = self.client.get(reverse("admin:articles_image_changelist"), {"q": "monster"})
        self.assertEqual(list(found.context["cl"].result_list), [image])

    def test_a_decorative_image_with_alt_text_is_refused_with_a_clear_message(self):
        # Screen readers skip a decorative image: the text would be kept and never read.
        for fields in ({"alt_text": "Blå kakelplattor"}, {"alt_text_en": "Blue tiles"}):
            with self.subTest(**fields):
                response = self.upload(decorative="on", **fields)
                self.assertEqual(response.status_code, 200)
                form = response.context["adminform"].form
                (name,) = fields
                self.assertTrue(form.has_error(name, code="alt_text_decorative"))
                self.assertIn("Decorative", str(form.errors[name]))
                self.assertFalse(Image.objects.exists())

    def test_the_decorative_boxs_help_says_the_alt_texts_stay_empty(self):
        # Its alt text is refused, not kept unused: the help says so before the editor saves.
        response = self.client.get(
            reverse("admin:articles_image_add"), headers={"accept-language": "en"}
        )
        help_text = str(response.context["adminform"].form.fields["decorative"].help_text)
        self.assertContains(response, help_text)
        self.assertNotIn("not used", help_text)
        self.assertIn("leave both alt texts empty", help_text)

    def test_the_decorative_box_sits_with_the_alt_texts(self):
        response = self.client.get(reverse("admin:articles_image_add"))
        fieldsets = [list(fieldset.fields) for fieldset in response.context["adminform"]]
        self.assertIn(["alt_text", "alt_text_en", "decorative"], fieldsets)
        self.assertContains(response, 'name="decorative"')


class DecorativeImageRenderingTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.section = make_section()
        cls.pattern = make_image(
            alt_text="", alt_text_en="", decorative=True, content=image_bytes(400, 267)
        )
        cls.article = make_article(section=cls.section, lead_image=cls.pattern)

    def test_a_decorative_image_has_an_empty_alt_on_every_page_that_shows_it(self):
        for path in ("/sv/", self.section.get_absolute_url(), self.article.get_absolute_url()):
            with self.subTest(path=path):
                found = images(self.client.get(path))
                self.assertEqual([img["alt"] for img in found], [""])

    def test_a_decorative_image_has_an_empty_alt_even_with_text_left_in_the_fields(self):
        Image.objects.filter(pk=self.pattern.pk).update(alt_text="Blå kakelplattor")
        found = images(self.client.get(self.article.get_absolute_url()))
        self.assertEqual(found[0]["alt"], "")

    def test_social_cards_describe_no_decorative_image(self):
        tags = meta(self.client.get(self.article.get_absolute_url()))
        self.assertIn("og:image", tags)
        self.assertNotIn("og:image:alt", tags)
        self.assertNotIn("twitter:image:alt", tags)

    def test_an_image_with_alt_text_keeps_it_in_each_language(self):
        photo = make_image(content=image_bytes(400, 267))
        article = make_article(section=self.section, lead_image=photo)
        english = make_article(
            section=self.section, language="en", lead_image=photo, translation_of=article
        )
        response = self.client.get(article.get_absolute_url())
        self.assertEqual(images(response)[0]["alt"], "En hamn i kvällsljus")
        self.assertEqual(meta(response)["og:image:alt"], "En hamn i kvällsljus")
        response = self.client.get(english.get_absolute_url())
        self.assertEqual(images(response)[0]["alt"], "A harbour in the evening light")


class LeadImageLoadingTests(TestCase):
    """The first picture a reader sees is fetched first; the rest wait until scrolled to."""

    @classmethod
    def setUpTestData(cls):
        cls.section = make_section()
        now = timezone.now()
        cls.articles = [
            make_article(
                section=cls.section,
                headline=f"Hamnen nummer {n}",
                lead_image=make_image(content=image_bytes(400, 267)),
                published_at=now - timezone.timedelta(hours=n),
            )
            for n in range(1, 5)
        ]

    def assert_only_the_first_is_eager(self, response):
        found = images(response)
        self.assertEqual(len(found), 4)
        first, *rest = found
        self.assertEqual(first.get("fetchpriority"), "high")
        self.assertNotIn("loading", first)
        for img in rest:
            self.assertEqual(img.get("loading"), "lazy")
            self.assertNotIn("fetchpriority", img)

    def test_the_front_page_lead_is_fetched_first_and_the_rest_lazily(self):
        self.assert_only_the_first_is_eager(self.client.get("/sv/"))

    def test_a_section_page_fetches_its_first_picture_first_and_the_rest_lazily(self):
        self.assert_only_the_first_is_eager(self.client.get(self.section.get_absolute_url()))

    def test_search_results_fetch_the_first_picture_first_and_the_rest_lazily(self):
        with override("sv"):
            url = reverse("articles:search")
        self.assert_only_the_first_is_eager(self.client.get(url, {"q": "hamnen"}))

    def test_the_article_lead_image_is_never_lazy(self):
        found = images(self.client.get(self.articles[2].get_absolute_url()))
        self.assertEqual(len(found), 1)
        self.assertEqual(found[0].get("fetchpriority"), "high")
        self.assertNotIn("loading", found[0])

    def test_every_image_has_its_dimensions(self):
        for path in ("/sv/", self.section.get_absolute_url(), self.articles[0].get_absolute_url()):
            for img in images(self.client.get(path)):
                with self.subTest(path=path, src=img["src"]):
                    self.assertGreater(int(img["width"]), 0)
                    self.assertGreater(int(img["height"]), 0)


class PrintedArticleTests(TestCase):
    def test_the_article_carries_its_address_for_print(self):
        article = make_article()
        response = self.client.get(article.get_absolute_url())
        self.assertContains(
            response,
            f'<span class="article__url">http://testserver{article.get_absolute_url()}</span>',
        )
