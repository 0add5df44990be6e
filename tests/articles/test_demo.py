from io import BytesIO, StringIO
from unittest import mock

from django.contrib.auth import authenticate, get_user_model
from django.contrib.auth.models import Permission
from django.core.management import CommandError, call_command
from django.test import TestCase, override_settings
from PIL import Image as PILImage

from articles.demo import content, drawings
from articles.models import Article, DigitalSourceType, Image, ImageRendition, Section


def small_jpeg(name):
    """A stand-in for a demo drawing: drawing all of them takes seconds (tested below)."""
    buffer = BytesIO()
    PILImage.new("RGB", (480, 320), (40, 80, 120)).save(buffer, format="JPEG")
    return buffer.getvalue()


@override_settings(NEWSROOM_RENDITION_WIDTHS=[320])
@mock.patch("articles.demo.drawings.jpeg_bytes", small_jpeg)
class LoadDemoTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        with mock.patch("articles.demo.drawings.jpeg_bytes", small_jpeg):
            call_command("load_demo", stdout=StringIO())

    def counts(self):
        return (Article.objects.count(), Image.objects.count(), ImageRendition.objects.count())

    def test_a_second_run_adds_nothing_twice(self):
        before = self.counts()
        call_command("load_demo", stdout=StringIO())
        self.assertEqual(self.counts(), before)

    def test_a_second_run_adds_no_revision_when_nothing_changed(self):
        before = Article.history.count()
        call_command("load_demo", stdout=StringIO())
        self.assertEqual(Article.history.count(), before)

    def test_a_second_run_brings_back_a_changed_article_with_one_revision(self):
        article = Article.objects.get(language="sv", slug="stromsvik-antar-ny-klimatplan")
        demo_headline = article.headline
        article.headline = "Ändrad av en redaktör"
        article.save()
        before = article.history.count()
        call_command("load_demo", stdout=StringIO())
        article.refresh_from_db()
        self.assertEqual(article.headline, demo_headline)
        self.assertEqual(article.history.count(), before + 1)

    def test_the_texts_are_stored_as_the_article_form_stores_them(self):
        # The form strips what is typed: an editor's save of an untouched demo article
        # would otherwise be a revision removing the last line break.
        for article in Article.objects.all():
            for field in ("headline", "lede", "body", "lead_image_caption"):
                text = getattr(article, field)
                with self.subTest(article=article.slug, field=field):
                    self.assertEqual(text, text.strip())

    def test_the_demo_has_enough_articles_sections_and_translations(self):
        published = Article.objects.published()
        self.assertGreaterEqual(published.count(), 8)
        self.assertGreaterEqual(published.values("section").distinct().count(), 3)
        self.assertGreaterEqual(published.filter(translation_of__isnull=False).count(), 3)

    def test_the_summit_story_has_an_ai_generated_lead_image(self):
        summit = Article.objects.published().get(
            language="sv", published_at__date="2025-10-28", translation_of=None
        )
        self.assertEqual(summit.lead_image.source, DigitalSourceType.TRAINED_ALGORITHMIC_MEDIA)
        self.assertNotIn("AI", summit.lead_image_caption)
        self.assertContains(self.client.get(summit.get_absolute_url()), "Bild genererad av AI")

    def test_sections_have_english_addresses_after_their_english_names(self):
        slugs = dict(Section.objects.values_list("slug", "slug_en"))
        self.assertEqual(slugs["utrikes"], "world")
        self.assertEqual(slugs["inrikes"], "sweden")
        self.assertEqual(len(set(slugs.values())), len(slugs))
        self.assertContains(self.client.get("/en/section/world/"), "World")

    def test_there_is_a_credited_photograph(self):
        self.assertTrue(
            Image.objects.filter(source=DigitalSourceType.DIGITAL_CAPTURE)
            .exclude(credit="")
            .exists()
        )

    def test_a_published_story_shows_a_table_in_both_languages(self):
        tables = Article.objects.published().filter(body_html__contains="<table>")
        self.assertEqual(sorted(tables.values_list("language", flat=True)), ["en", "sv"])
        swedish = tables.get(language="sv")
        self.assertEqual(tables.get(language="en").translation_of, swedish)
        self.assertContains(self.client.get(swedish.get_absolute_url()), 'scope="col">Lån</th>')

    def test_every_image_has_renditions(self):
        self.assertFalse(Image.objects.filter(renditions__isnull=True).exists())

    def test_the_demo_editor_and_privacy_officer_can_log_in(self):
        editor = authenticate(username="redaktor", password="newsroom-demo")
        self.assertTrue(editor.is_staff and not editor.is_superuser)
        self.assertTrue(editor.has_perm("articles.change_article"))
        self.assertFalse(editor.has_perm("consent.view_consentrecord"))
        officer = authenticate(username="integritet", password="newsroom-demo")
        self.assertTrue(officer.has_perm("consent.view_consentrecord"))
        self.assertFalse(officer.has_perm("articles.view_article"))

    def test_a_second_run_leaves_the_demo_users_only_their_roles_permissions(self):
        # A permission given to the user by hand would outlive the role: the role decides.
        stray = Permission.objects.get(codename="change_user", content_type__app_label="auth")
        users = get_user_model().objects.filter(username__in=["redaktor", "integritet"])
        self.assertEqual(len(users), 2)
        for user in users:
            user.user_permissions.add(stray)
        call_command("load_demo", stdout=StringIO())
        for user in get_user_model().objects.filter(pk__in=[user.pk for user in users]):
            with self.subTest(username=user.username):
                self.assertFalse(user.user_permissions.exists())
                self.assertFalse(user.has_perm("auth.change_user"))

    def test_demo_content_is_checked_by_the_rules_editors_face(self):
        # An article the editor's form would refuse (HTML in the body) is not loaded, and
        # nothing of the run is kept.
        first = content.ARTICLES[0]
        stored = Article.objects.get(language=first["language"], slug=first["slug"])
        revisions = Article.history.count()
        flawed = [
            {**first, "body": "Ett stycke med <b>fet</b> text."},
            {**first, "slug": "en-ny-demoartikel", "headline": "Dold\u200btecken"},
        ]
        for entry in flawed:
            with self.subTest(slug=entry["slug"]), mock.patch.object(content, "ARTICLES", [entry]):
                with self.assertRaisesMessage(CommandError, "is not valid"):
                    call_command("load_demo", stdout=StringIO())
                self.assertEqual(Article.objects.get(pk=stored.pk).body, stored.body)
                self.assertFalse(Article.objects.filter(slug="en-ny-demoartikel").exists())
                self.assertEqual(Article.history.count(), revisions)

    def test_a_demo_image_without_alt_text_is_refused(self):
        entry = {**content.IMAGES[0], "alt_text": "", "decorative": False}
        with (
            mock.patch.object(content, "IMAGES", [entry]),
            self.assertRaisesMessage(CommandError, "alt_text"),
        ):
            call_command("load_demo", stdout=StringIO())

    @override_settings(LOCAL_DEMO=False)
    def test_it_refuses_to_run_outside_the_local_demo(self):
        with self.assertRaises(CommandError):
            call_command("load_demo", stdout=StringIO())


class DrawingTests(TestCase):
    def test_a_demo_picture_is_drawn_the_same_way_every_time(self):
        first, second = drawings.jpeg_bytes("summit"), drawings.jpeg_bytes("summit")
        self.assertEqual(first, second)
        picture = PILImage.open(BytesIO(first))
        self.assertEqual(picture.size, (1600, 1067))
        self.assertGreater(len(picture.getcolors(maxcolors=1_000_000) or []), 1000)
