import re
from datetime import UTC, datetime, timedelta
from urllib.parse import urlencode

from django.contrib.auth.models import Permission, User
from django.contrib.redirects.models import Redirect
from django.contrib.sites.models import Site
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.forms import modelform_factory
from django.templatetags.static import static
from django.test import TestCase
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import override

from articles.models import (
    Article,
    Author,
    DigitalSourceType,
    Image,
    Section,
    article_history,
    author_with_former_slug,
    section_with_former_slug,
)
from articles.services import (
    article_byline_set,
    author_redirects_removed_on_delete,
    author_slug_redirect,
    section_slug_redirect,
)
from tests.factories import (
    article_form_data,
    byline_form_data,
    image_bytes,
    make_article,
    make_author,
    make_image,
    make_section,
    opened_version,
)


def make_editor():
    editor = User.objects.create_user("redaktor", password="x", is_staff=True)
    editor.user_permissions.set(Permission.objects.filter(content_type__app_label="articles"))
    return editor


class AdminListTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.editor = make_editor()
        cls.section = make_section()
        cls.images = [make_image(), make_image(source=DigitalSourceType.TRAINED_ALGORITHMIC_MEDIA)]

    def setUp(self):
        self.client.force_login(self.editor)

    def add_articles(self, number):
        for n in range(number):
            make_article(section=self.section, lead_image=self.images[n % 2], authors=[])

    def count_queries(self, url):
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as queries:
            response = self.client.get(url)
        self.assertEqual(response.status_code, 200)
        return len(queries)

    def test_a_list_search_box_is_labelled_in_text_in_the_editors_language(self):
        # Django's own says "Search" in the magnifier's alt, in English whatever the language.
        url = reverse("admin:articles_article_changelist")
        for language, name in [("sv", "Sök"), ("en", "Search")]:
            with self.subTest(language=language):
                response = self.client.get(url, headers={"accept-language": language})
                label = (
                    f'<label for="searchbar"><img src="{static("admin/img/search.svg")}" alt="">'
                    f'<span class="visually-hidden">{name}</span></label>'
                )
                self.assertContains(response, label, html=True)

    def test_a_list_shows_no_comment_of_its_search_box_template(self):
        # Django's {# #} comments are one line long; a longer one is printed as it is.
        response = self.client.get(reverse("admin:articles_article_changelist"))
        self.assertContains(response, 'id="searchbar"')
        self.assertNotContains(response, "{#")

    def test_article_list_queries_do_not_grow_with_the_number_of_articles(self):
        url = reverse("admin:articles_article_changelist")
        self.add_articles(3)
        few = self.count_queries(url)
        self.add_articles(27)
        self.assertEqual(self.count_queries(url), few)

    def test_image_list_queries_do_not_grow_with_the_number_of_images(self):
        url = reverse("admin:articles_image_changelist")
        few = self.count_queries(url)
        for _ in range(5):
            make_image()
        self.assertEqual(self.count_queries(url), few)

    def test_article_list_shows_status_language_section_and_thumbnail(self):
        make_article(section=self.section, lead_image=self.images[0], headline="Hamnen öppnar")
        response = self.client.get(reverse("admin:articles_article_changelist"))
        self.assertContains(response, "Hamnen öppnar")
        self.assertContains(response, "/media/renditions/")
        self.assertContains(response, "column-reader_status")
        self.assertContains(response, "column-language")
        self.assertContains(response, "column-section")
        self.assertContains(response, "column-published_at")

    def test_the_status_column_comes_next_to_the_headline_and_sorts_as_the_second(self):
        make_article(section=self.section, headline="Ute nu")
        make_article(section=self.section, headline="Ett utkast", status=Article.Status.DRAFT)
        url = reverse("admin:articles_article_changelist")
        page = self.client.get(url).content.decode()
        columns = re.findall(r'<th scope="col" class="[^"]*column-(\w+)', page)
        self.assertEqual(columns[:2], ["headline", "reader_status"])
        # A sort names columns by place: 2 is the status now, 7 the publication time.
        self.assertIn('<a role="button" href="?o=2.-7">Status</a>', page)
        by_status = self.client.get(url, {"o": "2"}).content.decode()
        self.assertLess(by_status.index("Ett utkast"), by_status.index("Ute nu"))
        by_status = self.client.get(url, {"o": "-2"}).content.decode()
        self.assertLess(by_status.index("Ute nu"), by_status.index("Ett utkast"))

    def test_scheduled_articles_are_told_from_live_ones_and_can_be_listed_alone(self):
        make_article(section=self.section, headline="Redan ute")
        make_article(
            section=self.section,
            headline="Kommer i morgon",
            published_at=timezone.now() + timedelta(days=1),
        )
        url = reverse("admin:articles_article_changelist")
        self.assertContains(self.client.get(url), "Schemalagd till", count=1)
        scheduled = self.client.get(url, {"visibility": "scheduled"})
        self.assertContains(scheduled, "Kommer i morgon")
        self.assertNotContains(scheduled, "Redan ute")
        live = self.client.get(url, {"visibility": "live"})
        self.assertContains(live, "Redan ute")
        self.assertNotContains(live, "Kommer i morgon")

    def test_publishing_a_scheduled_article_says_it_is_scheduled_and_for_when(self):
        # 13.30 UTC is 14.30 in Stockholm in March (winter time).
        draft = make_article(
            status=Article.Status.DRAFT,
            headline="Kommer i mars",
            published_at=datetime(2030, 3, 1, 13, 30, tzinfo=UTC),
        )
        url = reverse("admin:articles_article_changelist")
        data = {"action": "publish", "_selected_action": [draft.pk]}
        response = self.client.post(url, data, follow=True)
        self.assertContains(
            response, "1 artikel schemalagd: ”Kommer i mars” till 1 mars 2030 kl. 14.30."
        )
        self.assertNotContains(response, "publicerad")

    def test_publishing_a_draft_without_a_publication_time_says_it_is_published(self):
        # The action stamps the time of publishing: readers see the article at once.
        draft = make_article(status=Article.Status.DRAFT, headline="Ute direkt", published_at=None)
        url = reverse("admin:articles_article_changelist")
        data = {"action": "publish", "_selected_action": [draft.pk]}
        response = self.client.post(url, data, follow=True)
        messages = [str(message) for message in response.context["messages"]]
        self.assertEqual(messages, ["1 artikel publicerad."])
        draft.refresh_from_db()
        self.assertFalse(draft.is_scheduled())

    def test_publishing_live_and_scheduled_articles_says_which_is_which(self):
        live = make_article(status=Article.Status.DRAFT, headline="Ute nu")
        later = make_article(
            status=Article.Status.DRAFT,
            headline="Ute i morgon",
            published_at=timezone.now() + timedelta(days=1),
        )
        url = reverse("admin:articles_article_changelist")
        data = {"action": "publish", "_selected_action": [live.pk, later.pk]}
        response = self.client.post(url, data, follow=True)
        messages = [str(message) for message in response.context["messages"]]
        self.assertEqual(len(messages), 2)
        self.assertEqual(messages[0], "1 artikel publicerad.")
        self.assertIn("Ute i morgon", messages[1])
        self.assertNotIn("Ute nu", messages[1])

    def test_publishing_an_article_already_published_says_so_and_changes_nothing(self):
        live = make_article(headline="Redan ute")
        draft = make_article(status=Article.Status.DRAFT, headline="Ny sak", published_at=None)
        revisions = live.history.count()
        url = reverse("admin:articles_article_changelist")
        data = {"action": "publish", "_selected_action": [live.pk, draft.pk]}
        response = self.client.post(url, data, follow=True)
        messages = [str(message) for message in response.context["messages"]]
        self.assertEqual(messages, ["1 artikel publicerad.", "1 artikel var redan publicerad."])
        self.assertEqual(live.history.count(), revisions)

    def test_unpublishing_a_draft_says_it_was_one_and_changes_nothing(self):
        live = make_article(headline="Ute nu")
        draft = make_article(status=Article.Status.DRAFT, headline="Ett utkast")
        revisions = draft.history.count()
        url = reverse("admin:articles_article_changelist")
        data = {"action": "unpublish", "_selected_action": [live.pk, draft.pk]}
        response = self.client.post(url, data, follow=True)
        messages = [str(message) for message in response.context["messages"]]
        self.assertEqual(messages, ["1 artikel avpublicerad.", "1 artikel var redan ett utkast."])
        self.assertEqual(draft.history.count(), revisions)
        live.refresh_from_db()
        self.assertEqual(live.status, Article.Status.DRAFT)

    def test_unpublishing_a_scheduled_article_says_it_will_not_be_published_at_its_time(self):
        live = make_article(headline="Ute nu")
        later = make_article(
            headline="Ute i morgon", published_at=timezone.now() + timedelta(days=1)
        )
        url = reverse("admin:articles_article_changelist")
        data = {"action": "unpublish", "_selected_action": [live.pk, later.pk]}
        response = self.client.post(url, data, headers={"accept-language": "en"}, follow=True)
        messages = [str(message) for message in response.context["messages"]]
        self.assertEqual(
            messages,
            [
                "1 article unpublished.",
                "1 scheduled article is a draft again and will not be published at its time: "
                "“Ute i morgon”.",
            ],
        )
        later.refresh_from_db()
        self.assertEqual(later.status, Article.Status.DRAFT)

    def test_the_empty_choice_of_actions_and_selects_is_in_swedish(self):
        make_article(section=self.section)  # the list offers its actions when it has rows
        for url in (
            reverse("admin:articles_article_changelist"),
            reverse("admin:articles_image_add"),
        ):
            with self.subTest(url=url):
                response = self.client.get(url)
                self.assertContains(response, "- Välj ett alternativ -")
                self.assertNotContains(response, "Select an option")

    def test_article_search_covers_headline_lede_and_body(self):
        make_article(section=self.section, headline="Rubrik", lede="Ingress", body="Ovanligtord")
        url = reverse("admin:articles_article_changelist")
        self.assertContains(self.client.get(url, {"q": "Ovanligtord"}), "Rubrik")

    def test_article_autocomplete_queries_do_not_grow_with_the_number_of_translations(self):
        url = reverse("admin:autocomplete")
        query = {"app_label": "articles", "model_name": "article", "field_name": "translation_of"}
        originals = [make_article(section=self.section, authors=[]) for _ in range(3)]
        few = self.count_queries(f"{url}?{urlencode(query)}")
        for original in originals:
            make_article(section=self.section, language="en", translation_of=original, authors=[])
        self.assertEqual(self.count_queries(f"{url}?{urlencode(query)}"), few)

    def test_article_history_queries_do_not_grow_with_the_number_of_revisions(self):
        article = make_article(section=self.section)
        url = reverse("admin:articles_article_history", args=[article.pk])

        def revise(number):
            # Each round makes two revisions: one of the text, one of the byline.
            for _ in range(number):
                article.headline = f"{article.headline}!"
                article.save()
                article_byline_set(article=article, authors=[*article.byline, make_author()])
                article_history.create_historical_record(article, "~")

        revise(1)
        self.client.get(url)  # the user model's content type, cached from then on
        few = self.count_queries(url)
        revise(9)
        self.assertEqual(self.count_queries(url), few)


class AdminEditingTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.editor = make_editor()

    def setUp(self):
        self.client.force_login(self.editor)

    def test_the_byline_rows_follow_the_text_not_the_end_of_the_article_form(self):
        article = make_article()
        for url in (
            reverse("admin:articles_article_add"),
            reverse("admin:articles_article_change", args=[article.pk]),
        ):
            with self.subTest(url=url):
                page = self.client.get(url).content.decode()
                body, bylines = page.index('name="body"'), page.index('id="bylines-group"')
                section = page.index('name="section"')
                # Once, between the text and the section, under its own heading.
                self.assertEqual(page.count('id="bylines-group"'), 1)
                self.assertLess(body, bylines)
                self.assertLess(bylines, section)
                self.assertIn('<h2 id="bylines-heading" class="inline-heading">', page)

    def test_a_publication_time_before_1900_is_refused_as_a_mistyped_year(self):
        # "0026" for "2026": published so, the article would sort last forever.
        article = make_article(status=Article.Status.DRAFT, published_at=None)
        cases = (("0026-11-27", True), ("1899-12-31", True), ("1900-01-01", False))
        for typed, refused in cases:
            with self.subTest(typed=typed):
                response = self.client.post(
                    reverse("admin:articles_article_change", args=[article.pk]),
                    article_form_data(
                        article, status="published", published_at_0=typed, published_at_1="00:00"
                    ),
                    headers={"accept-language": "en"},
                )
                if refused:
                    self.assertEqual(response.status_code, 200)
                    [error] = response.context["adminform"].form.errors["published_at"]
                    self.assertIn("before 1900", error)
                    article.refresh_from_db()
                    self.assertEqual(article.status, Article.Status.DRAFT)
                else:
                    self.assertEqual(response.status_code, 302)
                    article.refresh_from_db()
                    self.assertEqual(timezone.localtime(article.published_at).year, 1900)

    def test_the_publish_action_refuses_a_draft_dated_before_1900(self):
        # Stored so by an import or before this rule: the action checks it as the form does.
        draft = make_article(
            status=Article.Status.DRAFT, published_at=datetime(26, 11, 27, 12, tzinfo=UTC)
        )
        url = reverse("admin:articles_article_changelist")
        data = {"action": "publish", "_selected_action": [draft.pk]}
        response = self.client.post(url, data, headers={"accept-language": "en"}, follow=True)
        [message] = [str(message) for message in response.context["messages"]]
        self.assertIn("Not published", message)
        self.assertIn("before 1900", message)
        draft.refresh_from_db()
        self.assertEqual(draft.status, Article.Status.DRAFT)

    def test_a_new_image_form_has_no_width_and_height_until_there_is_a_picture(self):
        # 0 × 0 (and a preview of nothing) before an upload say nothing; the picture's own
        # size is shown once it is saved.
        response = self.client.get(reverse("admin:articles_image_add"))
        self.assertContains(response, 'name="file"')
        self.assertNotContains(response, "field-preview")
        self.assertNotContains(response, "field-width")
        self.assertNotContains(response, "field-height")
        image = make_image(content=image_bytes(width=640, height=427))
        response = self.client.get(reverse("admin:articles_image_change", args=[image.pk]))
        self.assertContains(response, "field-width")
        self.assertContains(response, '<div class="readonly">640</div>', html=True)
        self.assertContains(response, '<div class="readonly">427</div>', html=True)

    def test_uploading_an_image_makes_its_renditions(self):
        response = self.client.post(
            reverse("admin:articles_image_add"),
            {
                "file": SimpleUploadedFile("hamn.jpg", image_bytes(1200, 800), "image/jpeg"),
                "source": DigitalSourceType.DIGITAL_CAPTURE,
                "alt_text": "Hamnen i kvällsljus",
                "alt_text_en": "The harbour at dusk",
                "credit": "Foto: Karin Lund",
                "focal_x": 50,
                "focal_y": 50,
            },
        )
        self.assertEqual(response.status_code, 302, response.content[:2000])
        image = Image.objects.get()
        self.assertEqual((image.width, image.height), (1200, 800))
        self.assertTrue(image.renditions.filter(format="webp").exists())

    def test_an_image_without_a_source_is_refused(self):
        response = self.client.post(
            reverse("admin:articles_image_add"),
            {
                "file": SimpleUploadedFile("hamn.jpg", image_bytes(), "image/jpeg"),
                "alt_text": "Hamnen",
            },
        )
        self.assertEqual(response.status_code, 200)
        self.assertFalse(Image.objects.exists())
        self.assertIn("source", response.context["adminform"].form.errors)

    def test_a_text_file_named_jpg_is_refused(self):
        response = self.client.post(
            reverse("admin:articles_image_add"),
            {
                "file": SimpleUploadedFile("fake.jpg", b"not an image", "image/jpeg"),
                "source": DigitalSourceType.DIGITAL_CAPTURE,
                "alt_text": "Hamnen",
            },
        )
        self.assertEqual(response.status_code, 200)
        self.assertIn("file", response.context["adminform"].form.errors)

    def test_creating_an_article_renders_its_body(self):
        section = make_section()
        author = make_author()
        response = self.client.post(
            reverse("admin:articles_article_add"),
            {
                "language": "sv",
                "headline": "Ny artikel",
                "slug": "ny-artikel",
                "lede": "Ingress.",
                "body": "## Mellanrubrik\n\nText om *något*.",
                **byline_form_data([author.pk]),
                "section": section.pk,
                "status": "published",
                "published_at_0": "2025-10-28",
                "published_at_1": "14:30:00",
            },
        )
        self.assertEqual(response.status_code, 302, response.content[:3000])
        article = Article.objects.get()
        self.assertIn('<h2 id="avsnitt-mellanrubrik">Mellanrubrik</h2>', article.body_html)
        self.assertIn("<em>något</em>", article.body_html)

    def test_a_published_article_without_a_time_is_refused_outside_the_form(self):
        # The form publishes it now (as the Publish action does); the model, which commands
        # and the action also validate with, still refuses one stored without a time.
        article = make_article(status="draft", published_at=None)
        article.status = Article.Status.PUBLISHED
        with self.assertRaises(ValidationError) as refusal:
            article.full_clean()
        self.assertIn("published_at", refusal.exception.message_dict)

    def test_a_translation_in_the_same_language_is_refused(self):
        original = make_article()
        response = self.client.post(
            reverse("admin:articles_article_add"),
            {
                "language": "sv",
                "headline": "Kopia",
                "slug": "kopia",
                "lede": "Ingress.",
                "body": "Text",
                **byline_form_data([make_author().pk]),
                "section": original.section.pk,
                "status": "draft",
                "translation_of": original.pk,
            },
        )
        self.assertEqual(response.status_code, 200)
        self.assertIn("translation_of", response.context["adminform"].form.errors)

    def change_article(self, article, **changes):
        url = reverse("admin:articles_article_change", args=[article.pk])
        return self.client.post(url, article_form_data(article, **changes))

    def test_an_original_with_translations_cannot_become_a_translation(self):
        original = make_article(language="sv")
        make_article(language="en", translation_of=original)
        other = make_article(language="en")
        response = self.change_article(original, translation_of=other.pk)
        self.assertEqual(response.status_code, 200)
        self.assertIn("translation_of", response.context["adminform"].form.errors)
        original.refresh_from_db()
        self.assertIsNone(original.translation_of)

    def test_an_original_cannot_move_to_its_translations_language(self):
        original = make_article(language="sv")
        make_article(language="en", translation_of=original)
        response = self.change_article(original, language="en")
        self.assertEqual(response.status_code, 200)
        self.assertIn("language", response.context["adminform"].form.errors)
        original.refresh_from_db()
        self.assertEqual(original.language, "sv")

    def test_an_original_may_still_be_edited_and_change_to_a_free_language(self):
        original = make_article(language="sv")
        response = self.change_article(original, headline="Ny rubrik", language="en")
        self.assertEqual(response.status_code, 302)
        original.refresh_from_db()
        self.assertEqual((original.headline, original.language), ("Ny rubrik", "en"))
        translated = make_article(language="sv", translation_of=original)
        response = self.change_article(original, headline="Ännu en rubrik")
        self.assertEqual(response.status_code, 302, translated)

    def test_the_editor_can_open_every_articles_admin_page(self):
        article = make_article(lead_image=make_image())
        for name, args in [
            ("admin:articles_article_changelist", []),
            ("admin:articles_article_add", []),
            ("admin:articles_article_change", [article.pk]),
            ("admin:articles_image_changelist", []),
            ("admin:articles_image_change", [article.lead_image.pk]),
            ("admin:articles_section_changelist", []),
            ("admin:articles_author_changelist", []),
        ]:
            with self.subTest(name=name):
                self.assertEqual(self.client.get(reverse(name, args=args)).status_code, 200)

    def test_an_article_without_translations_points_at_the_button_that_makes_one(self):
        article = make_article()
        response = self.client.get(reverse("admin:articles_article_change", args=[article.pk]))
        self.assertContains(response, 'value="Spara och översätt"')
        self.assertContains(response, "Inga ännu. ”Spara och översätt”, längre ner, skapar en.")
        # A new article has no such button yet: it is offered once the article is saved.
        new = self.client.get(reverse("admin:articles_article_add"))
        self.assertNotContains(new, 'value="Spara och översätt"')
        self.assertNotContains(new, "längre ner")
        self.assertContains(
            new, "Inga ännu. När artikeln är sparad skapar ”Spara och översätt” en."
        )


class SectionRenameTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.editor = make_editor()

    def setUp(self):
        self.client.force_login(self.editor)

    def save_section(self, section, **changes):
        data = {
            "name_sv": section.name_sv,
            "name_en": section.name_en,
            "slug": section.slug,
            "slug_en": section.slug_en,
            "position": 0,
            "edited_version": opened_version(section),
            **changes,
        }
        url = reverse("admin:articles_section_change", args=[section.pk])
        return self.client.post(url, data)

    def assert_redirects_permanently(self, cases):
        self.client.logout()
        for old, new in cases:
            with self.subTest(old=old):
                response = self.client.get(old)
                self.assertEqual(response.status_code, 301)
                self.assertEqual(response["Location"], new)
                self.assertEqual(self.client.get(new).status_code, 200)

    def test_a_renamed_sections_old_pages_and_feeds_redirect_in_both_languages(self):
        section = make_section(slug="sport", slug_en="sports", name_sv="Sport", name_en="Sports")
        make_article(section=section)
        response = self.save_section(section, name_sv="Idrott", slug="idrott")
        self.assertEqual(response.status_code, 302)
        self.assert_redirects_permanently(
            [
                ("/sv/sektion/sport/", "/sv/sektion/idrott/"),
                # Its English address before it had an English slug.
                ("/en/section/sport/", "/en/section/sports/"),
                ("/sv/sektion/sport/flode/rss/", "/sv/sektion/idrott/flode/rss/"),
                ("/en/section/sport/feed/atom/", "/en/section/sports/feed/atom/"),
            ]
        )

    def test_a_new_english_slug_keeps_the_old_english_pages_and_feeds(self):
        section = make_section(slug="sport", slug_en="sports", name_sv="Sport", name_en="Sports")
        make_article(section=section, language="en")
        response = self.save_section(section, name_en="Athletics", slug_en="athletics")
        self.assertEqual(response.status_code, 302)
        self.assert_redirects_permanently(
            [
                ("/en/section/sports/", "/en/section/athletics/"),
                ("/en/section/sports/feed/rss/", "/en/section/athletics/feed/rss/"),
                ("/en/section/sports/feed/atom/", "/en/section/athletics/feed/atom/"),
                ("/en/section/sport/", "/en/section/athletics/"),
                ("/sv/sektion/sports/", "/sv/sektion/sport/"),
            ]
        )
        self.assertEqual(self.client.get("/sv/sektion/sport/").status_code, 200)

    def test_the_english_slug_is_next_to_the_swedish_one_and_follows_the_english_name(self):
        response = self.client.get(reverse("admin:articles_section_add"))
        form = response.context["adminform"].form
        self.assertEqual(list(form.fields)[:4], ["name_sv", "name_en", "slug", "slug_en"])
        prepopulated = {
            field["field"].name: [dependency.name for dependency in field["dependencies"]]
            for field in response.context["prepopulated_fields"]
        }
        self.assertEqual(prepopulated, {"slug": ["name_sv"], "slug_en": ["name_en"]})
        self.assertContains(response, 'name="slug_en"')

    def test_a_new_section_needs_an_english_slug(self):
        response = self.client.post(
            reverse("admin:articles_section_add"),
            {"name_sv": "Vetenskap", "name_en": "Science", "slug": "vetenskap", "position": 6},
        )
        self.assertEqual(response.status_code, 200)
        self.assertIn("slug_en", response.context["adminform"].form.errors)
        self.assertFalse(Section.objects.filter(slug="vetenskap").exists())

    def test_one_word_cannot_lead_to_two_sections(self):
        make_section(slug="sport", slug_en="sports", name_sv="Sport", name_en="Sports")
        response = self.client.post(
            reverse("admin:articles_section_add"),
            {
                "name_sv": "Motion",
                "name_en": "Exercise",
                "slug": "sports",
                "slug_en": "sport",
                "position": 6,
            },
        )
        form = response.context["adminform"].form
        self.assertTrue(form.has_error("slug", "other_sections_slug"))
        self.assertTrue(form.has_error("slug_en", "other_sections_slug"))
        self.assertFalse(Section.objects.filter(name_sv="Motion").exists())


class SectionFormerSlugTests(TestCase):
    """A slug a section had, whose addresses still redirect to it, stays that section's."""

    @classmethod
    def setUpTestData(cls):
        cls.editor = make_editor()

    def setUp(self):
        self.client.force_login(self.editor)
        self.sport = make_section(slug="sport", slug_en="sports", name_sv="Sport", name_en="Sports")
        make_article(section=self.sport)
        make_article(section=self.sport, language="en")
        self.rename(
            self.sport, name_sv="Idrott", slug="idrott", name_en="Athletics", slug_en="athletics"
        )

    def rename(self, section, **changes):
        response = self.save_section(section, **changes)
        self.assertEqual(response.status_code, 302)
        section.refresh_from_db()

    def save_section(self, section, **changes):
        data = {
            "name_sv": section.name_sv,
            "name_en": section.name_en,
            "slug": section.slug,
            "slug_en": section.slug_en,
            "position": section.position,
            "edited_version": opened_version(section),
            **changes,
        }
        url = reverse("admin:articles_section_change", args=[section.pk])
        return self.client.post(url, data)

    def add_section(self, **fields):
        data = {"name_sv": "Motion", "name_en": "Exercise", "position": 6, **fields}
        return self.client.post(reverse("admin:articles_section_add"), data)

    def assert_still_leads_to_the_renamed_section(self):
        for old, new in (
            ("/sv/sektion/sport/", "/sv/sektion/idrott/"),
            ("/en/section/sports/", "/en/section/athletics/"),
            ("/en/section/sport/", "/en/section/athletics/"),
            ("/sv/sektion/sports/", "/sv/sektion/idrott/"),
        ):
            with self.subTest(old=old):
                response = self.client.get(old)
                self.assertEqual(response.status_code, 301)
                self.assertEqual(response["Location"], new)

    def test_a_new_section_cannot_take_a_former_slug_of_another_in_either_field(self):
        for slug, slug_en, field in (
            ("sport", "exercise", "slug"),
            ("sports", "exercise", "slug"),
            ("motion", "sports", "slug_en"),
            ("motion", "sport", "slug_en"),
        ):
            with self.subTest(slug=slug, slug_en=slug_en):
                response = self.add_section(slug=slug, slug_en=slug_en)
                self.assertEqual(response.status_code, 200)
                form = response.context["adminform"].form
                self.assertEqual(list(form.errors), [field])
                self.assertTrue(form.has_error(field, "former_slug_of_other_section"))
                # The message names the section the old links lead to.
                self.assertIn("Idrott", form.errors[field][0])
                self.assertFalse(Section.objects.filter(name_sv="Motion").exists())
        self.assert_still_leads_to_the_renamed_section()

    def test_another_section_cannot_be_renamed_to_a_former_slug(self):
        other = make_section(slug="kultur", slug_en="culture", name_sv="Kultur", name_en="Culture")
        response = self.save_section(other, slug="sport", slug_en="sports")
        form = response.context["adminform"].form
        self.assertTrue(form.has_error("slug", "former_slug_of_other_section"))
        self.assertTrue(form.has_error("slug_en", "former_slug_of_other_section"))
        other.refresh_from_db()
        self.assertEqual((other.slug, other.slug_en), ("kultur", "culture"))
        self.assert_still_leads_to_the_renamed_section()

    def test_a_section_may_take_back_its_own_former_slugs(self):
        self.rename(self.sport, slug="sport", slug_en="sports")
        self.assertEqual(self.client.get("/sv/sektion/sport/").status_code, 200)
        self.assertEqual(self.client.get("/en/section/sports/").status_code, 200)
        # Its other former slugs are still its own too, in either field.
        self.rename(self.sport, slug="idrott", slug_en="sport")
        self.assertEqual(self.client.get("/en/section/sport/").status_code, 200)

    def test_a_deleted_sections_former_slug_is_free(self):
        # Its old links lead nowhere any more: another section may have its addresses.
        Article.objects.filter(section=self.sport).delete()
        self.sport.delete()
        response = self.add_section(slug="sport", slug_en="sports")
        self.assertEqual(response.status_code, 302)
        self.assertEqual(self.client.get("/sv/sektion/sport/").context["section"].name_sv, "Motion")

    def test_deleting_a_section_deletes_the_redirects_to_it(self):
        # Left behind, they would lead to a 404, and the next section given its slug would take
        # over the deleted section's old links.
        Article.objects.filter(section=self.sport).delete()
        self.assertTrue(Redirect.objects.filter(old_path="/sv/sektion/sport/").exists())
        response = self.client.post(
            reverse("admin:articles_section_delete", args=[self.sport.pk]), {"post": "yes"}
        )
        self.assertEqual(response.status_code, 302)
        self.assertFalse(Section.objects.filter(pk=self.sport.pk).exists())
        self.assertFalse(Redirect.objects.exists())
        self.add_section(slug="idrott", slug_en="athletics")
        self.assertEqual(self.client.get("/sv/sektion/sport/").status_code, 404)
        self.assertEqual(self.client.get("/en/section/sports/feed/rss/").status_code, 404)

    def test_deleting_sections_from_the_list_keeps_the_redirects_to_the_others(self):
        Article.objects.filter(section=self.sport).delete()
        other = make_section(slug="motion", slug_en="exercise")
        section_slug_redirect_to(other, slug="kondition", slug_en="fitness")
        kept = set(
            Redirect.objects.filter(new_path__contains="/kondition/").values_list("pk", flat=True)
        )
        kept |= set(
            Redirect.objects.filter(new_path__contains="/fitness/").values_list("pk", flat=True)
        )
        self.assertTrue(kept)
        response = self.client.post(
            reverse("admin:articles_section_changelist"),
            {"action": "delete_selected", "_selected_action": [self.sport.pk], "post": "yes"},
        )
        self.assertEqual(response.status_code, 302)
        self.assertFalse(Section.objects.filter(pk=self.sport.pk).exists())
        self.assertEqual(set(Redirect.objects.values_list("pk", flat=True)), kept)

    def test_a_section_that_already_has_a_former_slug_of_another_can_still_be_saved(self):
        # As data from before this rule may be: only a slug being changed is checked.
        other = make_section(slug="sport", slug_en="exercise", name_sv="Motion")
        response = self.save_section(other, position=9)
        self.assertEqual(response.status_code, 302)
        other.refresh_from_db()
        self.assertEqual(other.position, 9)


class SectionWithFormerSlugTests(TestCase):
    """section_with_former_slug(): the section a slug's old addresses still redirect to."""

    def setUp(self):
        self.section = make_section(slug="sport", slug_en="sports")

    def test_a_changed_slug_is_the_sections_in_both_languages(self):
        self.assertIsNone(section_with_former_slug(slug="sport"))
        section_slug_redirect_to(self.section, slug="idrott", slug_en="athletics")
        for slug in ("sport", "sports"):
            with self.subTest(slug=slug):
                self.assertEqual(section_with_former_slug(slug=slug), self.section)
                self.assertIsNone(section_with_former_slug(slug=slug, other_than=self.section))
        # Its slugs now are no former ones, and a slug nobody had is nobody's.
        for slug in ("idrott", "athletics", "motion"):
            with self.subTest(slug=slug):
                self.assertIsNone(section_with_former_slug(slug=slug))

    def test_a_slug_from_several_renames_ago_is_still_the_sections(self):
        section_slug_redirect_to(self.section, slug="idrott", slug_en="athletics")
        section_slug_redirect_to(self.section, slug="motion", slug_en="exercise")
        for slug in ("sport", "sports", "idrott", "athletics"):
            with self.subTest(slug=slug):
                self.assertEqual(section_with_former_slug(slug=slug), self.section)

    def test_a_redirect_elsewhere_is_no_sections_former_slug(self):
        site = Site.objects.get_current()
        Redirect.objects.create(site=site, old_path="/sv/sektion/gammal/", new_path="/sv/")
        Redirect.objects.create(
            site=site, old_path="/en/section/old/", new_path="/en/section/gone/"
        )
        self.assertIsNone(section_with_former_slug(slug="gammal"))
        self.assertIsNone(section_with_former_slug(slug="old"))


class FormerSlugValidationTests(TestCase):
    """The models refuse another's former slug, whatever form or code validates them."""

    def setUp(self):
        self.section = make_section(slug="sport", slug_en="sports", name_en="Athletics")
        section_slug_redirect_to(self.section, slug="idrott", slug_en="athletics")
        self.author = make_author(name="Anna Ek", slug="anna-berg")
        self.author.slug = "anna-ek"
        self.author.save()
        author_slug_redirect(author=self.author, old_slug="anna-berg")

    def test_full_clean_refuses_a_new_section_with_a_former_slug_of_another(self):
        section = Section(name_sv="Motion", name_en="Exercise", slug="sports", slug_en="sport")
        with self.assertRaises(ValidationError) as refused:
            section.full_clean()
        errors = refused.exception.error_dict
        self.assertEqual(sorted(errors), ["slug", "slug_en"])
        [error] = errors["slug"]
        self.assertEqual(error.code, "former_slug_of_other_section")
        self.assertEqual(
            messages_in_english(refused.exception)["slug"],
            [
                "The section “Athletics” had this slug before it was changed, and old links with "
                "it still lead to that section. Choose another, so that they keep doing so."
            ],
        )

    def test_full_clean_refuses_an_author_renamed_to_a_former_slug_of_another(self):
        other = make_author(name="Anna Bergström", slug="anna-bergstrom")
        other.slug = "anna-berg"
        with self.assertRaises(ValidationError) as refused:
            other.full_clean()
        self.assertEqual(
            messages_in_english(refused.exception),
            {
                "slug": [
                    "The author “Anna Ek” had this slug before it was changed, and old links "
                    "with it still lead to that author's page. Choose another, so that they "
                    "keep doing so."
                ]
            },
        )
        self.assertEqual(
            refused.exception.error_dict["slug"][0].code, "former_slug_of_other_author"
        )

    def test_any_model_form_refuses_it(self):
        form_class = modelform_factory(Author, fields=["name", "slug"])
        form = form_class({"name": "Anna Bergström", "slug": "anna-berg"})
        self.assertFalse(form.is_valid())
        self.assertTrue(form.has_error("slug", "former_slug_of_other_author"))

    def test_own_former_slugs_and_slugs_already_held_pass(self):
        section = Section.objects.get(pk=self.section.pk)
        section.slug, section.slug_en = "athletics", "sport"
        section.full_clean()
        author = Author.objects.get(pk=self.author.pk)
        author.slug = "anna-berg"
        author.full_clean()
        # As data from before this rule may be: a slug the row already has is not checked.
        Author.objects.filter(pk=make_author(slug="bo").pk).update(slug="anna-berg-2")
        Redirect.objects.create(
            site=Site.objects.get_current(),
            old_path="/sv/skribenter/anna-berg-2/",
            new_path="/sv/skribenter/anna-ek/",
        )
        holder = Author.objects.get(slug="anna-berg-2")
        holder.name = "Bo Lind"
        holder.full_clean()

    def test_a_field_left_out_of_validation_is_not_checked(self):
        author = Author(name="Anna Bergström", slug="anna-berg")
        author.full_clean(exclude=["slug"])


class ViewOnSiteTests(TestCase):
    """The admin's "View on site" leads to a page that exists."""

    @classmethod
    def setUpTestData(cls):
        cls.editor = make_editor()

    def setUp(self):
        self.client.force_login(self.editor)

    def view_on_site_link(self, obj):
        url = reverse(f"admin:articles_{obj._meta.model_name}_change", args=[obj.pk])
        response = self.client.get(url, headers={"accept-language": "sv"})
        self.assertEqual(response.status_code, 200)
        links = re.findall(r'<a href="([^"]*)" class="viewsitelink">', response.content.decode())
        return links[0] if links else None

    def assert_leads_to_a_page(self, obj):
        link = self.view_on_site_link(obj)
        self.assertIsNotNone(link)
        response = self.client.get(link, follow=True)
        self.assertEqual(response.status_code, 200)
        return response

    def test_an_author_with_nothing_published_has_no_link_to_a_missing_page(self):
        # Their page is a 404 until their first article is out (a byline under embargo must
        # not be found by guessing), drafts and scheduled articles included.
        newcomer = make_author(name="Nils Nyman", slug="nils-nyman")
        make_article(authors=[newcomer], status=Article.Status.DRAFT)
        make_article(authors=[newcomer], published_at=timezone.now() + timedelta(hours=1))
        self.assertEqual(self.client.get("/sv/skribenter/nils-nyman/").status_code, 404)
        self.assertIsNone(self.view_on_site_link(newcomer))

    def test_an_author_with_a_published_article_is_linked_to_their_page(self):
        author = make_author(name="Anna Berg", slug="anna-berg")
        make_article(authors=[author], language="en")
        # Nothing in Swedish: the Swedish page says so and links to the English one.
        response = self.assert_leads_to_a_page(author)
        self.assertEqual(response.request["PATH_INFO"], "/sv/skribenter/anna-berg/")

    def test_a_section_with_nothing_published_is_linked_to_its_page(self):
        section = make_section(slug="vetenskap", name_sv="Vetenskap", name_en="Science")
        response = self.assert_leads_to_a_page(section)
        self.assertEqual(response.request["PATH_INFO"], "/sv/sektion/vetenskap/")


class TakenSlugTests(TestCase):
    """A slug another author or section has is refused with what to do, in the editor's words."""

    @classmethod
    def setUpTestData(cls):
        cls.editor = make_editor()
        cls.sport = make_section(slug="sport", slug_en="sports", name_sv="Sport", name_en="Sports")
        cls.anna = make_author(name="Anna Berg", slug="anna-berg")

    def setUp(self):
        self.client.force_login(self.editor)

    def errors_in_swedish(self, url, data):
        response = self.client.post(url, data, headers={"accept-language": "sv"})
        self.assertEqual(response.status_code, 200)
        form = response.context["adminform"].form
        return {field: list(messages) for field, messages in form.errors.items()}

    def test_an_authors_slug_taken_by_another_says_so_and_what_to_do(self):
        data = {"name": "Anna Bergström", "slug": "anna-berg", "email": ""}
        errors = self.errors_in_swedish(reverse("admin:articles_author_add"), data)
        self.assertEqual(
            errors,
            {
                "slug": [
                    "En annan skribents adress slutar med denna slug. Välj en annan, så att "
                    "varje adress leder till en enda skribent."
                ]
            },
        )
        self.assertFalse(Author.objects.filter(name="Anna Bergström").exists())
        with self.assertRaises(ValidationError) as refused:
            Author(name="Anna Bergström", slug="anna-berg").full_clean()
        self.assertEqual(refused.exception.error_dict["slug"][0].code, "unique")
        self.assertEqual(
            messages_in_english(refused.exception),
            {
                "slug": [
                    "Another author's address ends with this slug. Choose another, so that "
                    "each address leads to one author."
                ]
            },
        )

    def test_a_sections_slugs_taken_by_another_say_so_and_what_to_do(self):
        data = {
            "name_sv": "Idrott",
            "name_en": "Athletics",
            "slug": "sport",
            "slug_en": "sports",
            "position": 6,
        }
        errors = self.errors_in_swedish(reverse("admin:articles_section_add"), data)
        self.assertEqual(
            errors,
            {
                "slug": [
                    "En annan sektions svenska adress slutar med denna slug. Välj en annan, så "
                    "att varje adress leder till en enda sektion."
                ],
                "slug_en": [
                    "En annan sektions engelska adress slutar med denna slug. Välj en annan, så "
                    "att varje adress leder till en enda sektion."
                ],
            },
        )
        self.assertFalse(Section.objects.filter(name_sv="Idrott").exists())
        section = Section(name_sv="Idrott", name_en="Athletics", slug="sport", slug_en="sports")
        with self.assertRaises(ValidationError) as refused:
            section.full_clean()
        self.assertEqual(
            messages_in_english(refused.exception),
            {
                "slug": [
                    "Another section's Swedish address ends with this slug. Choose another, so "
                    "that each address leads to one section."
                ],
                "slug_en": [
                    "Another section's English address ends with this slug. Choose another, so "
                    "that each address leads to one section."
                ],
            },
        )


def messages_in_english(error):
    with override("en"):
        return {
            field: [str(message) for message in messages]
            for field, messages in error.message_dict.items()
        }


def section_slug_redirect_to(section, **slugs):
    """Change a section's slugs as the admin does: save, then keep the old addresses."""
    old_slugs = [section.slug, section.slug_en]
    for name, value in slugs.items():
        setattr(section, name, value)
    section.save()
    section_slug_redirect(section=section, old_slugs=old_slugs)


class SlugCharacterTests(TestCase):
    """A slug with other characters than the address takes is refused with what to write.

    Django's own message in Swedish speaks of Unicode letters, which these slugs do not take.
    """

    @classmethod
    def setUpTestData(cls):
        cls.editor = make_editor()

    def setUp(self):
        self.client.force_login(self.editor)

    def slug_errors(self, url, data, language):
        response = self.client.post(url, data, headers={"accept-language": language})
        self.assertEqual(response.status_code, 200)
        return {
            field: list(messages)
            for field, messages in response.context["adminform"].form.errors.items()
            if field.startswith("slug")
        }

    def test_a_slug_with_swedish_letters_is_refused_with_how_to_write_them(self):
        article = make_article()
        for language, message in [
            (
                "sv",
                "Använd bara bokstäverna a–z, siffrorna 0–9 och bindestreck. Skriv å och ä "
                "som a, ö som o och mellanslag som bindestreck.",
            ),
            (
                "en",
                "Use only the letters a–z, the digits 0–9 and hyphens. Write å and ä as a, ö "
                "as o, and spaces as hyphens.",
            ),
        ]:
            slug = "älgjakt-på-gång"
            for url, data, fields in [
                (
                    reverse("admin:articles_article_change", args=[article.pk]),
                    article_form_data(article, slug=slug),
                    ["slug"],
                ),
                (
                    reverse("admin:articles_author_add"),
                    {"name": "Åsa Öberg", "slug": slug, "email": ""},
                    ["slug"],
                ),
                (
                    reverse("admin:articles_section_add"),
                    {"name_sv": "Jakt", "name_en": "Hunting", "slug": slug, "slug_en": slug},
                    ["slug", "slug_en"],
                ),
            ]:
                with self.subTest(language=language, url=url):
                    errors = self.slug_errors(url, {"position": 6, **data}, language)
                    self.assertEqual(errors, {field: [message] for field in fields})


class AuthorRenameTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.editor = make_editor()

    def setUp(self):
        self.client.force_login(self.editor)

    def test_a_renamed_authors_old_pages_redirect_in_both_languages(self):
        author = make_author(name="Anna Berg", slug="anna-berg")
        make_article(authors=[author], language="sv")
        make_article(authors=[author], language="en")
        url = reverse("admin:articles_author_change", args=[author.pk])
        data = {"name": "Anna Berg Ek", "slug": "anna-berg-ek", "email": ""}
        data["edited_version"] = opened_version(author)
        self.assertEqual(self.client.post(url, data).status_code, 302)
        self.client.logout()
        # Bylines, search engines (sitemaps, structured data) and readers linked the old ones.
        for old, new in [
            ("/sv/skribenter/anna-berg/", "/sv/skribenter/anna-berg-ek/"),
            ("/en/authors/anna-berg/", "/en/authors/anna-berg-ek/"),
        ]:
            with self.subTest(old=old):
                response = self.client.get(old)
                self.assertEqual(response.status_code, 301)
                self.assertEqual(response["Location"], new)
                self.assertEqual(self.client.get(new).status_code, 200)

    def test_a_renamed_authors_old_feeds_redirect_in_both_languages(self):
        author = make_author(name="Anna Berg", slug="anna-berg")
        make_article(authors=[author], language="sv")
        make_article(authors=[author], language="en")
        url = reverse("admin:articles_author_change", args=[author.pk])
        for slug in ("anna-berg-ek", "anna-ek"):  # older addresses jump straight to the newest
            data = {"name": "Anna Ek", "slug": slug, "email": ""}
            data["edited_version"] = opened_version(Author.objects.get(pk=author.pk))
            self.assertEqual(self.client.post(url, data).status_code, 302)
        self.client.logout()
        # Feed readers subscribed at the old addresses follow a permanent redirect.
        for url_name in ("articles:author_feed_rss", "articles:author_feed_atom"):
            for language in ("sv", "en"):
                with override(language):
                    new = reverse(url_name, kwargs={"slug": "anna-ek"})
                    olds = [
                        reverse(url_name, kwargs={"slug": s}) for s in ("anna-berg", "anna-berg-ek")
                    ]
                for old in olds:
                    with self.subTest(old=old):
                        response = self.client.get(old)
                        self.assertEqual(response.status_code, 301)
                        self.assertEqual(response["Location"], new)
                self.assertEqual(self.client.get(new).status_code, 200)


class AuthorFormerSlugTests(TestCase):
    """A slug an author had, whose addresses still redirect to them, stays that author's."""

    @classmethod
    def setUpTestData(cls):
        cls.editor = make_editor()

    def setUp(self):
        self.client.force_login(self.editor)
        self.anna = make_author(name="Anna Berg", slug="anna-berg")
        make_article(authors=[self.anna], language="sv")
        make_article(authors=[self.anna], language="en")
        self.rename(self.anna, name="Anna Ek", slug="anna-ek")

    def rename(self, author, **changes):
        response = self.save_author(author, **changes)
        self.assertEqual(response.status_code, 302)
        author.refresh_from_db()

    def save_author(self, author, **changes):
        data = {"name": author.name, "slug": author.slug, "email": author.email, **changes}
        data.setdefault("edited_version", opened_version(author))
        url = reverse("admin:articles_author_change", args=[author.pk])
        return self.client.post(url, data)

    def add_author(self, **fields):
        data = {"name": "Anna Bergström", "slug": "anna-bergstrom", "email": "", **fields}
        return self.client.post(reverse("admin:articles_author_add"), data)

    def assert_refused(self, response):
        self.assertEqual(response.status_code, 200)
        form = response.context["adminform"].form
        self.assertEqual(list(form.errors), ["slug"])
        self.assertTrue(form.has_error("slug", "former_slug_of_other_author"))
        # The message names the author the old links lead to.
        self.assertIn("Anna Ek", form.errors["slug"][0])

    def assert_still_leads_to_the_renamed_author(self):
        for old, new in (
            ("/sv/skribenter/anna-berg/", "/sv/skribenter/anna-ek/"),
            ("/en/authors/anna-berg/", "/en/authors/anna-ek/"),
            ("/en/authors/anna-berg/feed/rss/", "/en/authors/anna-ek/feed/rss/"),
        ):
            with self.subTest(old=old):
                response = self.client.get(old)
                self.assertEqual(response.status_code, 301)
                self.assertEqual(response["Location"], new)

    def test_a_new_author_cannot_take_a_former_slug_of_another(self):
        self.assert_refused(self.add_author(slug="anna-berg"))
        self.assertFalse(Author.objects.filter(name="Anna Bergström").exists())
        # Nor later, once their first article is published: old links keep their author.
        self.assert_still_leads_to_the_renamed_author()

    def test_another_author_cannot_be_renamed_to_a_former_slug(self):
        other = make_author(name="Anna Bergström", slug="anna-bergstrom")
        make_article(authors=[other])
        self.assert_refused(self.save_author(other, slug="anna-berg"))
        other.refresh_from_db()
        self.assertEqual(other.slug, "anna-bergstrom")
        self.assert_still_leads_to_the_renamed_author()

    def test_an_author_may_take_back_their_own_former_slug(self):
        self.rename(self.anna, slug="anna-berg")
        self.assertEqual(self.client.get("/sv/skribenter/anna-berg/").status_code, 200)
        self.assertRedirects(
            self.client.get("/en/authors/anna-ek/"), "/en/authors/anna-berg/", status_code=301
        )
        # Their other former slug is still their own too.
        self.rename(self.anna, slug="anna-ek")
        self.assertEqual(self.client.get("/en/authors/anna-ek/").status_code, 200)

    def test_an_author_who_already_has_a_former_slug_of_another_can_still_be_saved(self):
        # As data from before this rule may be: only a slug being changed is checked.
        other = make_author(name="Anna Bergström", slug="anna-berg")
        self.rename(other, name="Anna Bergström Lind")
        self.assertEqual(other.name, "Anna Bergström Lind")

    def test_a_deleted_authors_former_slugs_are_free_and_their_redirects_go(self):
        # Never on a byline (Byline.author is PROTECT), yet renamed: their redirects exist.
        carl = make_author(name="Carl Ek", slug="carl")
        self.rename(carl, slug="carl-ek")
        url = reverse("admin:articles_author_delete", args=[carl.pk])
        self.assertEqual(self.client.post(url, {"post": "yes"}).status_code, 302)
        self.assertFalse(Redirect.objects.filter(new_path__contains="/carl-ek/").exists())
        # Whoever is given the deleted author's last slug does not inherit their old links...
        newcomer = self.add_author(name="Carl Ekström", slug="carl-ek")
        self.assertEqual(newcomer.status_code, 302)
        make_article(authors=[Author.objects.get(slug="carl-ek")])
        self.assertEqual(self.client.get("/sv/skribenter/carl/").status_code, 404)
        # ...and their former slug may be anyone's.
        self.assertEqual(self.add_author(name="Carl Berg", slug="carl").status_code, 302)
        # The other authors' redirects stay.
        self.assert_still_leads_to_the_renamed_author()

    def test_authors_deleted_from_the_list_take_their_redirects_with_them(self):
        carl = make_author(name="Carl Ek", slug="carl")
        self.rename(carl, slug="carl-ek")
        dora = make_author(name="Dora Ek", slug="dora")
        self.rename(dora, slug="dora-ek")
        response = self.client.post(
            reverse("admin:articles_author_changelist"),
            {"action": "delete_selected", "_selected_action": [carl.pk, dora.pk], "post": "yes"},
        )
        self.assertEqual(response.status_code, 302)
        self.assertFalse(Author.objects.filter(pk__in=[carl.pk, dora.pk]).exists())
        # Only the redirects to the remaining author's page and feeds (in each language) stay.
        self.assertEqual(Redirect.objects.count(), 6)
        self.assertFalse(Redirect.objects.exclude(new_path__contains="/anna-ek/").exists())
        self.assert_still_leads_to_the_renamed_author()


class AuthorWithFormerSlugTests(TestCase):
    """author_with_former_slug(): the author a slug's old addresses still redirect to."""

    def setUp(self):
        self.author = make_author(slug="anna-berg")

    def rename(self, slug):
        old_slug = self.author.slug
        self.author.slug = slug
        self.author.save()
        author_slug_redirect(author=self.author, old_slug=old_slug)

    def test_a_changed_slug_is_the_authors(self):
        self.assertIsNone(author_with_former_slug(slug="anna-berg"))
        self.rename("anna-ek")
        self.assertEqual(author_with_former_slug(slug="anna-berg"), self.author)
        self.assertIsNone(author_with_former_slug(slug="anna-berg", other_than=self.author))
        # An unsaved author, as on the add form, is no author's other.
        self.assertEqual(
            author_with_former_slug(slug="anna-berg", other_than=Author()), self.author
        )
        # Their slug now is no former one, and a slug nobody had is nobody's.
        for slug in ("anna-ek", "bo-ek"):
            with self.subTest(slug=slug):
                self.assertIsNone(author_with_former_slug(slug=slug))

    def test_a_slug_from_several_renames_ago_is_still_the_authors(self):
        self.rename("anna-ek")
        self.rename("anna-lind")
        for slug in ("anna-berg", "anna-ek"):
            with self.subTest(slug=slug):
                self.assertEqual(author_with_former_slug(slug=slug), self.author)

    def test_a_redirect_elsewhere_or_to_no_author_is_no_authors_former_slug(self):
        site = Site.objects.get_current()
        Redirect.objects.create(site=site, old_path="/sv/skribenter/gammal/", new_path="/sv/")
        Redirect.objects.create(
            site=site, old_path="/en/authors/old/", new_path="/en/authors/gone/"
        )
        self.assertIsNone(author_with_former_slug(slug="gammal"))
        self.assertIsNone(author_with_former_slug(slug="old"))

    def test_an_author_deleted_outside_the_admin_leaves_their_former_slugs_free(self):
        # Their redirects stay, but lead to no author's page.
        self.rename("anna-ek")
        self.author.delete()
        self.assertIsNone(author_with_former_slug(slug="anna-berg"))

    def test_deleting_authors_removes_the_redirects_to_their_pages_and_feeds(self):
        other = make_author(slug="bo")
        self.rename("anna-ek")
        self.rename("anna-lind")
        author_slug_redirect(author=other, old_slug="bo-ek")
        kept = set(Redirect.objects.filter(new_path__contains="/bo/").values_list("id", flat=True))
        self.assertEqual(len(kept), 6)
        with author_redirects_removed_on_delete(authors=Author.objects.filter(pk=self.author.pk)):
            Author.objects.filter(pk=self.author.pk).delete()
        self.assertEqual(set(Redirect.objects.values_list("id", flat=True)), kept)


class DeleteWordingTests(TestCase):
    """The Swedish admin deletes with one word, "radera", as its button and its own pages do:
    Django's Swedish says "Ta bort" in the list's action, the confirmations and the messages."""

    OTHER_WORDS = re.compile(r"\b(ta|tog|tas|tagits) bort\b|borttag", re.IGNORECASE)

    @classmethod
    def setUpTestData(cls):
        cls.superuser = User.objects.create_superuser("chef", password="x")

    def setUp(self):
        self.client.force_login(self.superuser)

    def text(self, response):
        # The page's text, without its markup and the nav sidebar's filter box.
        self.assertEqual(response.status_code, 200)
        content = response.content.decode()
        main = content[content.index('id="content-start"') :]
        return re.sub(r"<[^>]+>", " ", main)

    def assert_radera(self, text):
        self.assertIsNone(self.OTHER_WORDS.search(text), text)
        self.assertRegex(text, r"(?i)\brader")

    def test_the_delete_pages_and_messages_say_radera(self):
        section = make_section(name_sv="Kultur")
        article = make_article(section=section, headline="Ny opera")
        image = make_image(alt_text="En scen", renditions=False)
        sv = {"accept-language": "sv"}
        changelist = reverse("admin:articles_article_changelist")
        # The list's action.
        action = re.search(
            r'<option value="delete_selected">([^<]*)</option>',
            self.client.get(changelist, headers=sv).content.decode(),
        )[1]
        self.assertEqual(action, "Radera markerade artiklar")
        # One object's page, one that others still refer to, and the list's page for several.
        pages = [
            reverse("admin:articles_image_delete", args=[image.pk]),
            reverse("admin:articles_section_delete", args=[section.pk]),
        ]
        for url in pages:
            with self.subTest(url=url):
                self.assert_radera(self.text(self.client.get(url, headers=sv)))
        data = {"action": "delete_selected", "_selected_action": [article.pk]}
        self.assert_radera(self.text(self.client.post(changelist, data, headers=sv)))
        data = {**data, "post": "yes"}
        response = self.client.post(changelist, data, headers=sv, follow=True)
        [message] = [str(message) for message in response.context["messages"]]
        self.assertEqual(message, "Raderade 1 artikel.")
        response = self.client.post(pages[0], {"post": "yes"}, headers=sv, follow=True)
        [message] = [str(message) for message in response.context["messages"]]
        self.assertEqual(message, "Raderade bild ”En scen”.")

    def test_the_users_active_box_says_radera(self):
        url = reverse("admin:auth_user_change", args=[self.superuser.pk])
        self.assert_radera(self.text(self.client.get(url, headers={"accept-language": "sv"})))
