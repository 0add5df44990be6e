"""HTML typed into a field readers see as plain text is refused with a message saying so."""

from django.core.exceptions import ValidationError
from django.test import SimpleTestCase, TestCase
from django.urls import reverse
from django.utils.translation import override

from articles.models import Article, Author, Image, Section
from newsroom.validators import validate_plain_text
from tests.articles.test_admin_safety import ENGLISH, image_form_data, section_form_data
from tests.articles.test_editorial import make_user
from tests.factories import (
    article_form_data,
    make_article,
    make_author,
    make_image,
    make_section,
    opened_version,
)

PLAIN_TEXT_FIELDS = {
    Article: ["headline", "lede", "lead_image_caption"],
    Author: ["name"],
    Section: ["name_sv", "name_en"],
    Image: ["alt_text", "alt_text_en", "credit", "credit_en"],
}


class ValidatorTests(SimpleTestCase):
    def setUp(self):
        self.enterContext(override("en"))

    def test_what_looks_like_a_tag_is_refused(self):
        for text in (
            "Testartikel: Åäö & <b>fet</b>",
            "Foto: <a href='x'>TT</a>",
            "Slut</p>",
            "Dold <!-- kommentar -->",
            "<script>alert(1)</script>",
        ):
            with self.subTest(text=text), self.assertRaises(ValidationError) as caught:
                validate_plain_text(text)
            self.assertEqual(caught.exception.code, "html_in_plain_text")

    def test_plain_uses_of_the_less_than_sign_are_accepted(self):
        for text in ("Inflation <2 %", "a < b", "Jag <3 Malmö", "5 <= 6", "<-- pil"):
            with self.subTest(text=text):
                validate_plain_text(text)

    def test_the_message_says_the_field_is_plain_text_and_names_the_tags(self):
        with self.assertRaises(ValidationError) as caught:
            validate_plain_text("Åäö & <b>fet</b>")
        message = caught.exception.messages[0]
        self.assertIn("plain text", message)
        self.assertIn("“<b>”, “</b>”", message)
        self.assertIn("Write the words without tags", message)


class ModelFieldTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.article = make_article()

    def test_every_plain_text_field_refuses_a_tag(self):
        objects = {
            Article: lambda: Article.objects.get(pk=self.article.pk),
            Author: lambda: self.article.authors.get(),
            Section: lambda: Section.objects.get(pk=self.article.section_id),
            Image: lambda: make_image(renditions=False),
        }
        for model, names in PLAIN_TEXT_FIELDS.items():
            for field in names:
                with self.subTest(model=model.__name__, field=field):
                    obj = objects[model]()
                    setattr(obj, field, "Text med <i>kursiv</i>")
                    with self.assertRaises(ValidationError) as caught:
                        obj.full_clean()
                    self.assertEqual(list(caught.exception.error_dict), [field])
                    self.assertEqual(
                        caught.exception.error_dict[field][0].code, "html_in_plain_text"
                    )


class AdminTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.editor = make_user("redaktor", role="Editor")
        cls.section = make_section(name_sv="Inrikes", name_en="Sweden")
        cls.author = make_author(name="Anna Berg")
        cls.article = make_article(section=cls.section, authors=[cls.author], headline="Valet")

    def setUp(self):
        self.client.force_login(self.editor)

    def test_an_article_headline_with_a_tag_is_not_saved(self):
        typed = "Testartikel: Åäö & <b>fet</b>"
        for field in ("headline", "lede", "lead_image_caption"):
            with self.subTest(field=field):
                response = self.client.post(
                    reverse("admin:articles_article_change", args=[self.article.pk]),
                    article_form_data(self.article, **{field: typed}),
                    headers=ENGLISH,
                )
                self.assertEqual(response.status_code, 200)
                errors = response.context["adminform"].form.errors
                self.assertIn("This field is plain text", errors[field][0])
        self.article.refresh_from_db()
        self.assertEqual(self.article.headline, "Valet")

    def test_a_headline_with_a_less_than_sign_is_saved(self):
        response = self.client.post(
            reverse("admin:articles_article_change", args=[self.article.pk]),
            article_form_data(self.article, headline="Inflation <2 % i oktober"),
            headers=ENGLISH,
        )
        self.assertEqual(response.status_code, 302)
        self.article.refresh_from_db()
        self.assertEqual(self.article.headline, "Inflation <2 % i oktober")

    def test_an_image_credit_with_a_tag_is_not_saved(self):
        image = make_image(credit="Foto: Anna Berg")
        data = image_form_data(image, edited_version=opened_version(image), credit="<b>TT</b>")
        response = self.client.post(
            reverse("admin:articles_image_change", args=[image.pk]), data, headers=ENGLISH
        )
        self.assertEqual(response.status_code, 200)
        self.assertIn("credit", response.context["adminform"].form.errors)
        self.assertEqual(Image.objects.get(pk=image.pk).credit, "Foto: Anna Berg")

    def test_an_author_named_with_a_tag_is_not_saved(self):
        for obj, slug in ((self.author, self.author.slug), (None, "ny")):
            url = (
                reverse("admin:articles_author_change", args=[obj.pk])
                if obj
                else reverse("admin:articles_author_add")
            )
            with self.subTest(new=obj is None):
                response = self.client.post(
                    url, {"name": "<b>Anna</b> Berg", "slug": slug}, headers=ENGLISH
                )
                self.assertEqual(response.status_code, 200)
                errors = response.context["adminform"].form.errors
                self.assertIn("This field is plain text", errors["name"][0])
        self.assertEqual(Author.objects.get(pk=self.author.pk).name, "Anna Berg")
        self.assertFalse(Author.objects.filter(slug="ny").exists())

    def test_a_section_named_with_a_tag_is_not_saved(self):
        for field in ("name_sv", "name_en"):
            with self.subTest(field=field):
                data = section_form_data(
                    self.section,
                    edited_version=opened_version(self.section),
                    **{field: "<i>Sport</i>"},
                )
                response = self.client.post(
                    reverse("admin:articles_section_change", args=[self.section.pk]),
                    data,
                    headers=ENGLISH,
                )
                self.assertEqual(response.status_code, 200)
                errors = response.context["adminform"].form.errors
                self.assertIn("This field is plain text", errors[field][0])
        self.section.refresh_from_db()
        self.assertEqual((self.section.name_sv, self.section.name_en), ("Inrikes", "Sweden"))
