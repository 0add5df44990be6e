"""Direction controls and invisible characters are refused in every field readers see."""

from django.core.exceptions import ValidationError
from django.forms import modelform_factory
from django.test import SimpleTestCase, TestCase
from django.urls import reverse
from django.utils.translation import override

from articles.models import Article, Author, Image, Section
from newsroom.validators import validate_markdown_text, validate_reader_text
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

RLO = "\u202e"  # RIGHT-TO-LEFT OVERRIDE: reverses what follows it, to the end of the paragraph

REFUSED = {
    "left-to-right embedding": "\u202a",
    "right-to-left embedding": "\u202b",
    "pop directional formatting": "\u202c",
    "left-to-right override": "\u202d",
    "right-to-left override": RLO,
    "left-to-right isolate": "\u2066",
    "right-to-left isolate": "\u2067",
    "first strong isolate": "\u2068",
    "pop directional isolate": "\u2069",
    "zero width space": "\u200b",
    "word joiner": "\u2060",
    "invisible times": "\u2062",
    "inhibit symmetric swapping": "\u206a",
    "byte-order mark": "\ufeff",
    "interlinear annotation anchor": "\ufff9",
    "null": "\x00",
    "vertical tab (a line break pasted from Word)": "\x0b",
    "escape": "\x1b",
    "delete": "\x7f",
    "next line (C1)": "\x85",
}

# Each kind of character refused, as the message describes it in English and Swedish.
DESCRIBED = [
    ("\x0b", "vertical tab", "vertikal tabb"),
    ("\x0c", "form feed", "sidmatning"),
    ("\x00", "control code", "styrkod"),
    ("\x1b", "control code", "styrkod"),
    ("\x7f", "control code", "styrkod"),
    ("\x85", "control code", "styrkod"),
    ("\u180e", "Mongolian vowel separator", "mongolisk vokalavskiljare"),
    ("\u200b", "zero-width space", "nollbreddsmellanslag"),
    ("\u202a", "left-to-right embedding", "vänster-till-höger-inbäddning"),
    ("\u202b", "right-to-left embedding", "höger-till-vänster-inbäddning"),
    ("\u202c", "pop directional formatting", "avslut av riktningsformatering"),
    ("\u202d", "left-to-right override", "vänster-till-höger-åsidosättning"),
    (RLO, "right-to-left override", "höger-till-vänster-åsidosättning"),
    ("\u2060", "word joiner", "ordsammanfogare"),
    ("\u2061", "invisible mathematical operator", "osynligt matematiskt tecken"),
    ("\u2064", "invisible mathematical operator", "osynligt matematiskt tecken"),
    ("\u2066", "left-to-right isolate", "vänster-till-höger-isolering"),
    ("\u2067", "right-to-left isolate", "höger-till-vänster-isolering"),
    ("\u2068", "first strong isolate", "isolering efter första starka tecken"),
    ("\u2069", "pop directional isolate", "avslut av riktningsisolering"),
    ("\u206a", "deprecated format control", "föråldrat formateringstecken"),
    ("\u206f", "deprecated format control", "föråldrat formateringstecken"),
    ("\ufeff", "byte order mark", "byteordningsmärke (BOM)"),
    ("\ufff9", "interlinear annotation mark", "tecken för interlinjär annotering"),
    ("\ufffb", "interlinear annotation mark", "tecken för interlinjär annotering"),
]

ALLOWED = {
    "Swedish": "Åsa Öberg-Ärlig såg älgen på ön",
    "decomposed Swedish": "Stro\u0308msvik",
    "English and diacritics": "Zoë Brontë and José Núñez’s café",
    "Arabic name": "محمد الأحمد",
    "Hebrew name": "דוד בן-גוריון",
    "Arabic name in Swedish text": "Intervju med محمد الأحمد (34) i Malmö",
    "right-to-left mark": "ראיון עם שרה\u200f (2024)",
    "left-to-right mark": "Volvo\u200e XC60 בישראל",
    "Arabic letter mark": "رقم\u061c 12",
    "Persian zero width non-joiner": "می\u200cخواهم",
    "emoji zero width joiner": "Familjen 👨\u200d👩\u200d👧",
    "soft hyphen": "Riks\u00addags\u00adhuset",
    "Scotland's flag (tag characters)": "🏴\U000e0067\U000e0062\U000e0073\U000e0063\U000e0074\U000e007f",
    "tab and line breaks": "Rad ett\tkolumn\r\nRad två\nRad tre",
}


class ValidatorTests(SimpleTestCase):
    def setUp(self):
        # The messages are read in English; the admin's default is Swedish.
        self.enterContext(override("en"))

    def test_direction_controls_and_invisible_characters_are_refused(self):
        for validate in (validate_reader_text, validate_markdown_text):
            for name, character in REFUSED.items():
                with self.subTest(validate=validate.__name__, character=name):
                    with self.assertRaises(ValidationError) as caught:
                        validate(f"Anna Berg{character} och Per Holm")
                    self.assertEqual(caught.exception.error_list[0].code, "invisible_character")

    def test_legitimate_text_of_any_script_is_accepted(self):
        for validate in (validate_reader_text, validate_markdown_text):
            for name, text in ALLOWED.items():
                with self.subTest(validate=validate.__name__, text=name):
                    validate(text)

    def test_the_message_names_the_character_and_the_words_before_it(self):
        with override("en"), self.assertRaises(ValidationError) as caught:
            validate_reader_text(f"Reportage av Anna Berg{RLO}gnortS")
        [message] = caught.exception.messages
        self.assertIn("U+202E (right-to-left override)", message)
        # The words before it, isolated so that they leave the message's own direction alone.
        self.assertIn("after “\u2068Reportage av Anna Berg\u2069”", message)

    def test_the_words_before_are_the_last_visible_ones(self):
        text = "Ett långt stycke text som fortsätter\n och fortsätter\u200b med mera" + RLO
        with override("en"), self.assertRaises(ValidationError) as caught:
            validate_reader_text(text)
        first, second = caught.exception.messages
        self.assertIn(
            "U+200B (zero-width space) after “\u2068…som fortsätter och fortsätter\u2069”", first
        )
        self.assertIn("after “\u2068…och fortsätter med mera\u2069”", second)

    def test_a_character_at_the_start_is_said_to_be_there(self):
        with override("en"), self.assertRaises(ValidationError) as caught:
            validate_reader_text("\ufeffRubrik")
        [message] = caught.exception.messages
        self.assertIn("U+FEFF (byte order mark) at the start of the text", message)

    def test_each_character_is_described_in_the_language_of_the_message(self):
        for character, english, swedish in DESCRIBED:
            for language, description in (("en", english), ("sv", swedish)):
                with self.subTest(character=english, language=language):
                    with override(language):
                        with self.assertRaises(ValidationError) as caught:
                            validate_reader_text(f"Anna Berg{character} och Per Holm")
                        message = caught.exception.messages[0]
                    self.assertIn(f"U+{ord(character):04X} ({description}) ", message)

    def test_the_description_is_translated_when_the_message_is_shown(self):
        # A form's errors are made in one language and may be shown in another (the admin's
        # language is the editor's): the description follows the message, not its making.
        with override("en"), self.assertRaises(ValidationError) as caught:
            validate_markdown_text(f"Anna Berg{RLO} och &#x200B;")
        with override("sv"):
            first, second = caught.exception.messages
        self.assertIn(
            "Ta bort det osynliga tecknet U+202E (höger-till-vänster-åsidosättning)", first
        )
        self.assertIn("det osynliga tecknet U+200B (nollbreddsmellanslag)", second)
        with override("en"):
            self.assertIn("U+202E (right-to-left override)", caught.exception.messages[0])

    def test_many_characters_are_listed_five_then_counted(self):
        with override("en"), self.assertRaises(ValidationError) as caught:
            validate_reader_text(" ".join(["ord\u200b"] * 8))
        messages = caught.exception.messages
        self.assertEqual(len(messages), 6)
        self.assertIn("3 more invisible characters", messages[-1])

    def test_markdown_character_references_to_them_are_refused(self):
        for reference in ("&#x202E;", "&#x202e;", "&#8238;", "&ZeroWidthSpace;"):
            with self.subTest(reference=reference):
                validate_reader_text(f"Stycke {reference} text")  # plain text: shown as typed
                with override("en"), self.assertRaises(ValidationError) as caught:
                    validate_markdown_text(f"Stycke {reference} text")
                [message] = caught.exception.messages
                self.assertIn(f"Delete “{reference}”", message)

    def test_markdown_references_to_other_characters_are_accepted(self):
        validate_markdown_text("A &amp; B &lrm;(2024) &rlm; &#x2013; &copy; &#8238 &x202E;")

    def test_a_markdown_reference_shown_as_typed_in_code_is_accepted(self):
        # Between backticks, or escaped, a reference is what readers see, not a character.
        validate_markdown_text("Skriv `&#x202E;` eller \\&#x200B; så vänds texten.")
        # The same reference elsewhere in the body is still the character.
        with override("en"), self.assertRaises(ValidationError) as caught:
            validate_markdown_text("Skriv `&#x202E;` och sedan &#x202E; här.")
        [message] = caught.exception.messages
        self.assertIn("Delete “&#x202E;”", message)
        # A link's title is shown too (as its tooltip).
        with self.assertRaises(ValidationError):
            validate_markdown_text('[Länk](https://example.com "&#x202E;")')


class ModelFieldTests(TestCase):
    """Each field readers see refuses them, whatever form saves it (ModelForm, admin)."""

    @classmethod
    def setUpTestData(cls):
        cls.article = make_article()

    def assert_refused(self, obj, field):
        setattr(obj, field, f"Text{RLO}txeT")
        with self.assertRaises(ValidationError) as caught:
            obj.full_clean()
        self.assertEqual(list(caught.exception.error_dict), [field])
        self.assertEqual(caught.exception.error_dict[field][0].code, "invisible_character")

    def test_every_field_readers_see_refuses_a_direction_override(self):
        fields = {
            Article: ["headline", "lede", "body", "lead_image_caption"],
            Author: ["name"],
            Section: ["name_sv", "name_en"],
            Image: ["alt_text", "alt_text_en", "credit", "credit_en"],
        }
        objects = {
            Article: lambda: Article.objects.get(pk=self.article.pk),
            Author: lambda: self.article.authors.get(),
            Section: lambda: Section.objects.get(pk=self.article.section_id),
            Image: lambda: make_image(renditions=False),
        }
        for model, names in fields.items():
            for field in names:
                with self.subTest(model=model.__name__, field=field):
                    self.assert_refused(objects[model](), field)

    def test_a_plain_model_form_refuses_it_too(self):
        form_class = modelform_factory(Author, fields=["name", "slug"])
        form = form_class({"name": f"Anna Berg{RLO}", "slug": "anna-berg"})
        self.assertFalse(form.is_valid())
        self.assertEqual(form.errors.as_data()["name"][0].code, "invisible_character")

    def test_names_in_other_scripts_are_accepted(self):
        for name, text in ALLOWED.items():
            with self.subTest(text=name):
                author = Author(name=text[:120], slug="skribent")
                author.full_clean()


class AdminTests(TestCase):
    """The admin says what to delete, and keeps what the editor typed."""

    @classmethod
    def setUpTestData(cls):
        cls.editor = make_user("redaktor", role="Editor")
        cls.section = make_section(name_sv="Inrikes", name_en="Sweden")
        cls.author = make_author(name="Anna Berg")
        cls.article = make_article(section=cls.section, authors=[cls.author], headline="Valet")

    def setUp(self):
        self.client.force_login(self.editor)
        # Each test has its own media folder: its image is made here.
        self.image = make_image(credit="Foto: Anna Berg")

    def post(self, name, obj, data):
        args = [obj.pk] if obj is not None else []
        return self.client.post(
            reverse(f"admin:articles_{name}_{'change' if obj else 'add'}", args=args),
            data,
            headers=ENGLISH,
        )

    def assert_refused_and_kept(self, response, field, typed):
        self.assertEqual(response.status_code, 200)
        errors = response.context["adminform"].form.errors
        self.assertIn(field, errors)
        self.assertIn("U+202E (right-to-left override)", errors[field][0])
        self.assertContains(response, "Delete the invisible character")
        # The field is shown again with what was typed, the override included (the message
        # quotes the words before it without it).
        self.assertContains(response, typed)

    def test_an_article_with_an_override_in_a_field_is_not_saved(self):
        for field in ("headline", "lede", "body", "lead_image_caption"):
            typed = f"Text som vänds {RLO}här"
            with self.subTest(field=field):
                response = self.post(
                    "article", self.article, article_form_data(self.article, **{field: typed})
                )
                self.assert_refused_and_kept(response, field, typed)
        self.article.refresh_from_db()
        self.assertEqual(self.article.headline, "Valet")

    def test_an_author_named_with_an_override_is_not_saved(self):
        typed = f"Anna Berg{RLO}"
        response = self.post("author", self.author, {"name": typed, "slug": self.author.slug})
        self.assert_refused_and_kept(response, "name", typed)
        response = self.post("author", None, {"name": typed, "slug": "ny"})
        self.assert_refused_and_kept(response, "name", typed)
        self.assertEqual(Author.objects.get(pk=self.author.pk).name, "Anna Berg")
        self.assertFalse(Author.objects.filter(slug="ny").exists())

    def test_a_section_named_with_an_override_is_not_saved(self):
        for field in ("name_sv", "name_en"):
            typed = f"Sport{RLO}"
            with self.subTest(field=field):
                data = section_form_data(
                    self.section, edited_version=opened_version(self.section), **{field: typed}
                )
                response = self.post("section", self.section, data)
                self.assert_refused_and_kept(response, field, typed)
        self.assertEqual(Section.objects.get(pk=self.section.pk).name_sv, "Inrikes")

    def test_an_image_described_with_an_override_is_not_saved(self):
        for field in ("alt_text", "alt_text_en", "credit", "credit_en"):
            typed = f"Foto: Anna Berg{RLO}/TT"
            with self.subTest(field=field):
                data = image_form_data(
                    self.image, edited_version=opened_version(self.image), **{field: typed}
                )
                response = self.post("image", self.image, data)
                self.assert_refused_and_kept(response, field, typed)
        self.assertEqual(Image.objects.get(pk=self.image.pk).credit, "Foto: Anna Berg")

    def test_an_arabic_name_is_saved_as_typed(self):
        typed = "محمد الأحمد"
        data = {
            "name": typed,
            "slug": self.author.slug,
            "edited_version": opened_version(self.author),
        }
        response = self.post("author", self.author, data)
        self.assertEqual(response.status_code, 302)
        self.assertEqual(Author.objects.get(pk=self.author.pk).name, typed)
