"""The editors' newsroom in admin: roles, translations, preview, publishing, revisions, images."""

import html
import io
import json
import re
from datetime import UTC, datetime, timedelta

import time_machine
from django.conf import settings
from django.contrib import admin
from django.contrib.admin.models import LogEntry
from django.contrib.auth.models import Group, User
from django.contrib.messages import get_messages
from django.contrib.redirects.models import Redirect
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.forms import HiddenInput
from django.test import RequestFactory, TestCase, override_settings
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.html import strip_tags
from django.utils.http import urlencode
from PIL import Image as PILImage

from articles.forms import stored_version
from articles.models import Article, Author, DigitalSourceType, Image, article_history
from articles.services import article_translation_create
from tests.factories import (
    ArticleChangeFormMixin,
    article_form_data,
    image_bytes,
    make_article,
    make_author,
    make_image,
    make_section,
    opened_version,
)


def make_user(username, *, role=None, **fields):
    user = User.objects.create_user(username, password="x", is_staff=True, **fields)
    if role:
        user.groups.add(Group.objects.get(name=role))
    return user


class RoleTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.editor = make_user("redaktor", role="Editor")
        cls.officer = make_user("integritet", role="Privacy officer")
        cls.article = make_article()

    def test_editors_can_work_on_articles_images_sections_and_authors(self):
        self.client.force_login(self.editor)
        for name in ("article", "image", "section", "author"):
            with self.subTest(model=name):
                self.assertEqual(
                    self.client.get(reverse(f"admin:articles_{name}_add")).status_code, 200
                )
        for permission in ("add_article", "change_article", "delete_article", "change_image"):
            self.assertTrue(self.editor.has_perm(f"articles.{permission}"))

    def test_editors_cannot_see_consent_records_or_manage_users(self):
        self.client.force_login(self.editor)
        self.assertEqual(
            self.client.get(reverse("admin:consent_consentrecord_changelist")).status_code, 403
        )
        self.assertEqual(self.client.get(reverse("admin:auth_user_changelist")).status_code, 403)
        self.assertFalse(self.editor.has_perm("auth.change_user"))

    def test_the_date_and_time_widgets_speak_swedish_too(self):
        # Django 6.1's admin scripts have strings its Swedish catalog lacks: the project's
        # djangojs catalog has them (locale/sv/LC_MESSAGES/djangojs.po).
        self.client.force_login(self.editor)
        catalog = self.client.get(
            reverse("admin:jsi18n"), headers={"accept-language": "sv-SE,sv;q=0.9"}
        ).content.decode()
        for shown in (
            "I dag (%(date)s)",
            "%(day)s %(month)s %(year)s",
            "Notera: Ange tider i tidszonen %(timezone)s. (Du ligger %(offset)s timmar efter.)",
        ):
            with self.subTest(shown=shown):
                self.assertIn(json.dumps(shown), catalog)

    def test_privacy_officers_see_consent_data_and_nothing_of_the_articles(self):
        self.client.force_login(self.officer)
        self.assertEqual(
            self.client.get(reverse("admin:consent_consentrecord_changelist")).status_code, 200
        )
        self.assertEqual(
            self.client.get(reverse("admin:articles_article_changelist")).status_code, 403
        )
        self.assertEqual(self.client.get(reverse("admin:auth_user_changelist")).status_code, 403)

    def test_admin_speaks_swedish_to_a_swedish_editor_and_english_to_an_english_one(self):
        self.client.force_login(self.editor)
        url = reverse("admin:articles_article_changelist")
        swedish = self.client.get(url, headers={"accept-language": "sv-SE,sv;q=0.9"})
        self.assertContains(swedish, "Logga ut")
        self.assertContains(swedish, "Publicera valda artiklar")
        english = self.client.get(url, headers={"accept-language": "en-GB,en;q=0.9"})
        self.assertContains(english, "Log out")
        self.assertContains(english, "Publish the selected articles")


class TranslationTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.editor = make_user("redaktor", role="Editor")
        cls.image = make_image(source=DigitalSourceType.TRAINED_ALGORITHMIC_MEDIA)
        cls.original = make_article(
            headline="Toppmöte i Tokyo", slug="toppmote-i-tokyo", lead_image=cls.image
        )

    def setUp(self):
        self.client.force_login(self.editor)

    def translate(self, article, **changes):
        """Save and translate on the article's admin page, with these unsaved edits."""
        return self.client.post(
            reverse("admin:articles_article_change", args=[article.pk]),
            {**article_form_data(article, **changes), "_translate": "1"},
            follow=True,
        )

    def test_one_action_creates_a_linked_draft_in_the_other_language(self):
        response = self.translate(self.original)
        translation = Article.objects.get(language="en")
        self.assertRedirects(
            response, reverse("admin:articles_article_change", args=[translation.pk])
        )
        self.assertEqual(translation.translation_of, self.original)
        self.assertEqual(translation.status, Article.Status.DRAFT)
        self.assertEqual(translation.lead_image, self.image)
        self.assertEqual(translation.section, self.original.section)
        self.assertEqual(translation.body, self.original.body)
        self.assertEqual(list(translation.authors.all()), list(self.original.authors.all()))

    def test_a_new_translation_starts_with_one_revision_of_its_fields_and_byline(self):
        self.translate(self.original)
        translation = Article.objects.get(language="en")
        [revision] = translation.history.all()
        self.assertEqual(revision.history_type, "+")
        self.assertEqual(revision.history_user, self.editor)
        self.assertEqual(
            [row.author_id for row in revision.authors.all()],
            [author.pk for author in self.original.authors.all()],
        )

    def save(self, article, **changes):
        article.refresh_from_db()
        response = self.client.post(
            reverse("admin:articles_article_change", args=[article.pk]),
            article_form_data(article, **changes),
        )
        self.assertEqual(response.status_code, 302)
        article.refresh_from_db()

    def test_a_translations_address_follows_its_translated_headline_until_chosen(self):
        self.translate(self.original)
        translation = Article.objects.get(language="en")
        self.assertEqual(translation.slug, "toppmote-i-tokyo")
        self.save(translation, headline="Summit in Tokyo")
        self.assertEqual(translation.slug, "summit-in-tokyo")
        past = timezone.localtime() - timedelta(minutes=1)
        self.save(
            translation,
            headline="Summit in Tokyo ends",
            lede="The leaders agreed.",
            body="The summit ended on Friday.",
            status="published",
            published_at_0=f"{past:%Y-%m-%d}",
            published_at_1=f"{past:%H:%M:%S}",
        )
        self.assertEqual(translation.slug, "summit-in-tokyo-ends")
        self.assertContains(self.client.get("/en/articles/summit-in-tokyo-ends/"), "Summit")
        # Published: its address is kept, whatever the headline becomes.
        self.save(translation, headline="Tokyo summit ends in agreement")
        self.assertEqual(translation.slug, "summit-in-tokyo-ends")

    def test_a_slug_the_translator_chose_is_kept_and_a_taken_one_is_not_reused(self):
        make_article(language="en", headline="Old summit", slug="summit-in-tokyo")
        self.translate(self.original)
        translation = Article.objects.get(language="en", translation_of=self.original)
        self.save(translation, headline="Summit in Tokyo")
        self.assertEqual(translation.slug, "summit-in-tokyo-2")
        other = make_article(headline="Val i Japan", slug="val-i-japan")
        self.translate(other)
        chosen = Article.objects.get(language="en", translation_of=other)
        self.save(chosen, slug="japan-votes")
        self.save(chosen, headline="Japan goes to the polls")
        self.assertEqual(chosen.slug, "japan-votes")

    def test_save_and_translate_keeps_the_lists_filters(self):
        # As Django's own save buttons: the translation's page leads back to the list as it was.
        filters = urlencode({"_changelist_filters": "status__exact=draft&q=Tokyo"})
        response = self.client.post(
            reverse("admin:articles_article_change", args=[self.original.pk]) + f"?{filters}",
            {**article_form_data(self.original), "_translate": "1"},
        )
        translation = Article.objects.get(language="en")
        self.assertRedirects(
            response,
            reverse("admin:articles_article_change", args=[translation.pk]) + f"?{filters}",
            fetch_redirect_response=False,
        )

    def test_translating_twice_opens_the_existing_translation(self):
        self.translate(self.original)
        self.translate(self.original)
        self.assertEqual(Article.objects.filter(language="en").count(), 1)

    def test_the_page_offers_save_and_translate(self):
        url = reverse("admin:articles_article_change", args=[self.original.pk])
        self.assertContains(
            self.client.get(url),
            '<input type="submit" value="Spara och översätt" name="_translate">',
        )
        self.assertNotContains(self.client.get(reverse("admin:articles_article_add")), "_translate")

    def test_edits_made_before_translating_are_saved_and_carried_over(self):
        self.translate(self.original, lede="En ny ingress skriven nyss.")
        self.original.refresh_from_db()
        self.assertEqual(self.original.lede, "En ny ingress skriven nyss.")
        self.assertEqual(Article.objects.get(language="en").lede, "En ny ingress skriven nyss.")

    def test_edits_that_do_not_validate_are_kept_on_the_page_and_nothing_is_translated(self):
        response = self.translate(
            self.original, headline="", lede="Ingress som inte får gå förlorad."
        )
        self.assertEqual(response.status_code, 200)
        self.assertIn("headline", response.context["adminform"].form.errors)
        self.assertContains(response, "Ingress som inte får gå förlorad.")
        self.assertFalse(Article.objects.filter(language="en").exists())

    def test_a_long_slug_taken_in_the_other_language_still_gets_a_free_address(self):
        # The translation of a 200-character slug is its first 190 characters and a number;
        # one of those being taken already must not fail the save, losing the edits with it.
        slug = "a" * 200
        article = make_article(slug=slug)
        make_article(language="en", slug=slug)
        make_article(language="en", slug=f"{slug[:190]}-2")

        response = self.translate(article, headline="Ändrad rubrik")

        self.assertEqual(response.status_code, 200)
        article.refresh_from_db()
        self.assertEqual(article.headline, "Ändrad rubrik")
        self.assertEqual(article.translations.get().slug, f"{slug[:190]}-3")

    def test_the_message_tells_a_new_draft_from_an_existing_version(self):
        response = self.translate(self.original)
        self.assertContains(response, "Sparat. Versionen på engelska är ett nytt utkast")
        translation = Article.objects.get(language="en")
        translation.lede, translation.body = "Leaders meet in Tokyo.", "The summit began."
        translation.status = Article.Status.PUBLISHED
        translation.published_at = timezone.now()
        translation.save()
        response = self.translate(self.original)
        self.assertNotContains(response, "utkast")
        self.assertContains(response, "Sparat. Det här är versionen på engelska.")
        response = self.translate(translation)
        self.assertRedirects(
            response, reverse("admin:articles_article_change", args=[self.original.pk])
        )
        self.assertContains(response, "Sparat. Det här är versionen på svenska.")

    def test_the_article_page_in_admin_shows_its_translations_and_their_status(self):
        self.translate(self.original)
        response = self.client.get(
            reverse("admin:articles_article_change", args=[self.original.pk])
        )
        self.assertContains(response, "Toppmöte i Tokyo</a> – engelska, Utkast")

    def test_a_scheduled_translation_is_listed_as_scheduled_not_as_published(self):
        # 10.00 UTC is 12.00 in Stockholm in June (summer time).
        make_article(
            language="en",
            headline="Summit in Tokyo",
            translation_of=self.original,
            published_at=datetime(2031, 6, 2, 10, 0, tzinfo=UTC),
        )
        response = self.client.get(
            reverse("admin:articles_article_change", args=[self.original.pk])
        )
        self.assertContains(
            response, "Summit in Tokyo</a> – engelska, Schemalagd till 2 juni 2031 kl. 12.00"
        )

    def test_the_list_shows_languages_and_filters_missing_translations(self):
        lonely = make_article(headline="Ensam artikel")
        self.translate(self.original)
        url = reverse("admin:articles_article_changelist")
        self.assertContains(self.client.get(url), "EN · SV")
        missing = self.client.get(url, {"translation": "missing"})
        self.assertContains(missing, "Ensam artikel")
        self.assertNotContains(missing, "Toppmöte i Tokyo")
        exists = self.client.get(url, {"translation": "exists"})
        self.assertNotContains(exists, "Ensam artikel")
        self.assertContains(exists, "Toppmöte i Tokyo")
        self.assertTrue(lonely.pk)


class PreviewTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.editor = make_user("redaktor", role="Editor")
        cls.draft = make_article(status=Article.Status.DRAFT, headline="Hemligt utkast")
        cls.scheduled = make_article(
            headline="Schemalagd nyhet", published_at=timezone.now() + timedelta(days=1)
        )

    def test_anonymous_visitors_get_a_404_for_drafts_and_scheduled_articles(self):
        for article in (self.draft, self.scheduled):
            self.assertEqual(self.client.get(article.get_absolute_url()).status_code, 404)

    def test_staff_see_a_marked_uncached_noindex_preview(self):
        self.client.force_login(self.editor)
        for article in (self.draft, self.scheduled):
            with self.subTest(article=article.headline):
                response = self.client.get(article.get_absolute_url())
                self.assertContains(response, article.headline)
                self.assertContains(response, 'class="preview-notice"')
                self.assertContains(response, '<meta name="robots" content="noindex, nofollow">')
                self.assertIn("no-store", response["Cache-Control"])
                self.assertEqual(response["X-Robots-Tag"], "noindex, nofollow")

    def test_a_published_article_is_no_preview_for_staff(self):
        self.client.force_login(self.editor)
        response = self.client.get(make_article().get_absolute_url())
        self.assertNotContains(response, "preview-notice")

    def test_staff_without_article_permissions_cannot_preview(self):
        self.client.force_login(make_user("integritet", role="Privacy officer"))
        self.assertEqual(self.client.get(self.draft.get_absolute_url()).status_code, 404)

    def test_a_scheduled_article_appears_at_its_time_without_a_job(self):
        self.assertNotContains(self.client.get("/sv/"), "Schemalagd nyhet")
        with time_machine.travel(self.scheduled.published_at + timedelta(minutes=1)):
            self.assertContains(self.client.get("/sv/"), "Schemalagd nyhet")


class EditorTestCase(TestCase):
    """Tests of an editor signed in to admin, who changes articles through their form."""

    @classmethod
    def setUpTestData(cls):
        cls.editor = make_user("redaktor", role="Editor")

    def setUp(self):
        self.client.force_login(self.editor)

    def change(self, article, **changes):
        return self.client.post(
            reverse("admin:articles_article_change", args=[article.pk]),
            article_form_data(article, **changes),
        )


class PublishingTests(EditorTestCase):
    def test_publish_and_unpublish_actions(self):
        draft = make_article(status=Article.Status.DRAFT, published_at=None, headline="Ny sak")
        url = reverse("admin:articles_article_changelist")
        self.client.post(url, {"action": "publish", "_selected_action": [draft.pk]})
        draft.refresh_from_db()
        self.assertEqual(draft.status, Article.Status.PUBLISHED)
        self.assertContains(self.client.get("/sv/"), "Ny sak")
        self.client.post(url, {"action": "unpublish", "_selected_action": [draft.pk]})
        self.assertNotContains(self.client.get("/sv/"), "Ny sak")

    def test_the_publish_action_leaves_an_article_without_an_author_unpublished(self):
        signed = make_article(status=Article.Status.DRAFT, headline="Med skribent")
        unsigned = make_article(status=Article.Status.DRAFT, headline="Utan skribent", authors=[])
        url = reverse("admin:articles_article_changelist")
        data = {"action": "publish", "_selected_action": [signed.pk, unsigned.pk]}
        response = self.client.post(url, data, follow=True)
        self.assertContains(
            response, "Inte publicerad, eftersom den saknar skribent i bylinen: ”Utan skribent”."
        )
        self.assertContains(response, "1 artikel publicerad.")
        signed.refresh_from_db()
        unsigned.refresh_from_db()
        self.assertEqual(signed.status, Article.Status.PUBLISHED)
        self.assertEqual(unsigned.status, Article.Status.DRAFT)

    def test_the_publish_action_counts_an_already_scheduled_article_as_left_as_it_was(self):
        later = timezone.now() + timedelta(days=2)
        draft = make_article(status=Article.Status.DRAFT, published_at=later, headline="Nytt")
        scheduled = make_article(published_at=later, headline="Redan schemalagd")
        url = reverse("admin:articles_article_changelist")
        data = {"action": "publish", "_selected_action": [draft.pk, scheduled.pk]}
        response = self.client.post(url, data, headers={"accept-language": "en"}, follow=True)
        messages = [str(message) for message in response.context["messages"]]
        self.assertEqual(len(messages), 2, messages)
        self.assertTrue(messages[0].startswith("1 article scheduled: “Nytt” for "), messages)
        self.assertTrue(
            messages[1].startswith("1 article was already scheduled: “Redan schemalagd” for "),
            messages,
        )

    def test_the_publish_action_refuses_what_the_article_form_would_refuse_and_says_why(self):
        # Stored by a command, or before the rules: the form would not save it published.
        ready = make_article(status=Article.Status.DRAFT, headline="Klar att publicera")
        flawed = make_article(
            status=Article.Status.DRAFT,
            headline="Dold\u200btecken",
            body="Ett stycke med <b>fet</b> HTML.\n\nSe [nedan](#slutet).",
        )
        url = reverse("admin:articles_article_changelist")
        data = {"action": "publish", "_selected_action": [ready.pk, flawed.pk]}
        response = self.client.post(url, data, headers={"accept-language": "en"}, follow=True)
        self.assertEqual(response.status_code, 200)
        messages = [str(message) for message in response.context["messages"]]
        self.assertEqual(len(messages), 2, messages)
        refusal, published = messages
        self.assertEqual(published, "1 article published.")
        change_url = reverse("admin:articles_article_change", args=[flawed.pk])
        self.assertIn(f'Not published: <a href="{change_url}">“Dold\u200btecken”</a>.', refusal)
        # What the form would say, field by field: the invisible character, the HTML, the link.
        self.assertIn("<br>Headline: ", refusal)
        self.assertIn("U+200B", refusal)
        self.assertIn("<br>Body: HTML cannot be used in the text", refusal)
        self.assertIn("Remove: &lt;b&gt;, &lt;/b&gt;", refusal)
        self.assertIn("or correct: #slutet", refusal)
        ready.refresh_from_db()
        flawed.refresh_from_db()
        self.assertEqual(ready.status, Article.Status.PUBLISHED)
        self.assertEqual(flawed.status, Article.Status.DRAFT)

    def test_the_publish_action_refuses_a_translation_the_form_would_refuse(self):
        # Article.clean()'s rules too: a second Swedish version of the same story.
        original = make_article(language="en", headline="The original")
        make_article(translation_of=original, headline="Första översättningen")
        second = make_article(
            status=Article.Status.DRAFT, translation_of=original, headline="Andra översättningen"
        )
        url = reverse("admin:articles_article_changelist")
        data = {"action": "publish", "_selected_action": [second.pk]}
        response = self.client.post(url, data, headers={"accept-language": "en"}, follow=True)
        messages = [str(message) for message in response.context["messages"]]
        self.assertEqual(len(messages), 1, messages)
        self.assertIn("“Andra översättningen”", messages[0])
        self.assertIn(
            "<br>Translation of: That article already has a translation in this language.",
            messages[0],
        )
        second.refresh_from_db()
        self.assertEqual(second.status, Article.Status.DRAFT)

    def test_saving_a_scheduled_article_says_from_when_readers_see_it(self):
        article = make_article(status=Article.Status.DRAFT)
        data = {"status": "published", "published_at_0": "2031-06-02", "published_at_1": "12:00"}
        url = reverse("admin:articles_article_change", args=[article.pk])
        for language, message in [
            ("sv", "Schemalagd: läsarna ser artikeln från 2 juni 2031 kl. 12.00, inte tidigare."),
            ("en", "Scheduled: readers see this article from 2 June 2031, 12:00 CEST, not before."),
        ]:
            with self.subTest(language=language):
                response = self.client.post(
                    url,
                    article_form_data(article, **data),
                    headers={"accept-language": language},
                    follow=True,
                )
                self.assertContains(response, message)

    def test_saving_a_live_article_or_a_draft_says_nothing_of_a_schedule(self):
        article = make_article(status=Article.Status.DRAFT)
        url = reverse("admin:articles_article_change", args=[article.pk])
        # A draft with a time to come (told it is not scheduled), then the article published
        # at its time in the past.
        for status, day, count in [("draft", "2031-06-02", 2), ("published", "2026-03-04", 1)]:
            with self.subTest(status=status):
                data = article_form_data(article, status=status, published_at_0=day)
                response = self.client.post(url, data, follow=True)
                messages = [str(message) for message in response.context["messages"]]
                self.assertEqual(len(messages), count, messages)
                self.assertFalse(any("Schemalagd" in message for message in messages), messages)

    def test_changing_a_published_slug_redirects_the_old_address_permanently(self):
        article = make_article(slug="gammal-adress")
        old_url = article.get_absolute_url()
        response = self.change(article, slug="ny-adress")
        self.assertEqual(response.status_code, 302)
        self.client.logout()
        response = self.client.get(old_url)
        self.assertEqual(response.status_code, 301)
        self.assertEqual(response["Location"], "/sv/artiklar/ny-adress/")

    def test_renaming_twice_sends_every_old_address_straight_to_the_newest(self):
        article = make_article(slug="forsta")
        self.change(article, slug="andra")
        article.refresh_from_db()
        self.change(article, slug="tredje")
        self.client.logout()
        for old in ("forsta", "andra"):
            response = self.client.get(f"/sv/artiklar/{old}/")
            self.assertEqual(response["Location"], "/sv/artiklar/tredje/")

    def test_draft_slug_changes_leave_no_redirect(self):
        draft = make_article(status=Article.Status.DRAFT, slug="utkast")
        self.change(draft, slug="utkast-2")
        self.assertFalse(Redirect.objects.exists())

    def test_a_substantive_update_shows_updated_with_its_time(self):
        article = make_article(published_at=datetime.fromisoformat("2026-03-04 08:00 +01:00"))
        self.assertNotContains(self.client.get(article.get_absolute_url()), "Uppdaterad")
        with time_machine.travel("2026-03-04 10:15 +01:00", tick=False):
            self.change(article, body="Ny text.", substantive_update="on")
        response = self.client.get(article.get_absolute_url())
        self.assertContains(response, "Uppdaterad")
        self.assertContains(response, "4 mars 2026 kl. 10.15")

    def test_an_update_made_before_the_publication_time_is_not_shown(self):
        # Ticked while the article was scheduled: readers were never shown the earlier version.
        publication = timezone.now() + timedelta(days=1)
        article = make_article(published_at=publication)
        self.change(article, body="Ny text.", substantive_update="on")
        article.refresh_from_db()
        self.assertLess(article.substantive_update_at, publication)
        with time_machine.travel(publication + timedelta(minutes=1)):
            response = self.client.get(article.get_absolute_url())
        self.assertContains(response, "Publicerad")
        self.assertNotContains(response, "Uppdaterad")

    def test_an_ordinary_edit_shows_no_update(self):
        article = make_article()
        self.change(article, body="Rättat stavfel.")
        self.assertNotContains(self.client.get(article.get_absolute_url()), "Uppdaterad")


class UntranslatedPublicationTests(ArticleChangeFormMixin, EditorTestCase):
    """A translation "Save and translate" made is not published in its original's words."""

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.original = make_article(
            headline="Toppmöte i Tokyo",
            slug="toppmote-i-tokyo",
            lede="Ledarna möts i Tokyo i dag.",
            body="Mötet börjar klockan nio.\n\n## Bakgrund\n\nDet är det första på tio år.",
        )

    def setUp(self):
        super().setUp()
        self.translation, _created = article_translation_create(article=self.original)

    def test_a_translation_in_its_originals_words_is_not_published_or_scheduled(self):
        untranslated = "Still the same as in the Swedish original: translate it before"
        for when in (timezone.now() - timedelta(minutes=1), timezone.now() + timedelta(days=1)):
            with self.subTest(when=when):
                response = self.save(
                    self.translation,
                    headline="Summit in Tokyo",
                    # Spacing changed is no translation.
                    lede="Ledarna  möts i Tokyo\ni dag.",
                    **self.publication(when),
                )
                self.assertEqual(response.status_code, 200)
                errors = response.context["adminform"].form.errors
                self.assertEqual(set(errors), {"lede", "body"})
                self.assertIn(untranslated, errors["lede"][0])
                self.assertIn(untranslated, errors["body"][0])
                self.translation.refresh_from_db()
                self.assertEqual(self.translation.status, Article.Status.DRAFT)

    def test_the_editor_is_told_in_their_language(self):
        response = self.client.post(
            reverse("admin:articles_article_change", args=[self.translation.pk]),
            article_form_data(
                self.translation,
                lede="The leaders meet in Tokyo today.",
                **self.publication(timezone.now()),
            ),
            headers={"accept-language": "sv"},
        )
        [message] = response.context["adminform"].form.errors["body"]
        self.assertIn("svenska", message)
        self.assertNotIn("Swedish", message)

    def test_a_draft_in_its_originals_words_can_still_be_saved(self):
        response = self.save(self.translation, headline="Summit in Tokyo")
        self.assertEqual(response.status_code, 302)
        self.translation.refresh_from_db()
        self.assertEqual(self.translation.headline, "Summit in Tokyo")

    def test_the_headline_may_stay_as_in_the_original_once_lede_and_body_are_translated(self):
        # A headline of names ("Eurovision 2026") is rightly the same in both languages.
        response = self.save(
            self.translation,
            lede="The leaders meet in Tokyo today.",
            body="The meeting starts at nine.\n\n## Background\n\nIt is the first in ten years.",
            **self.publication(timezone.now() - timedelta(minutes=1)),
        )
        self.assertEqual(response.status_code, 302)
        self.translation.refresh_from_db()
        self.assertEqual(self.translation.status, Article.Status.PUBLISHED)
        self.assertEqual(self.translation.headline, "Toppmöte i Tokyo")

    def test_the_original_is_compared_as_it_is_now(self):
        self.change(self.original, lede="Ledarna möts i Tokyo i morgon.")
        response = self.save(
            self.translation,
            lede="Ledarna möts i Tokyo i morgon.",
            body="The meeting starts at nine.",
            **self.publication(timezone.now() - timedelta(minutes=1)),
        )
        self.assertEqual(set(response.context["adminform"].form.errors), {"lede"})

    def test_an_emptied_lede_is_told_it_is_required_not_that_it_is_untranslated(self):
        response = self.save(
            self.translation,
            lede="",
            body="The meeting starts at nine.",
            **self.publication(timezone.now() - timedelta(minutes=1)),
        )
        self.assertEqual(
            response.context["adminform"].form.errors["lede"], ["This field is required."]
        )

    def test_the_publish_action_refuses_a_translation_in_its_originals_words(self):
        translated = make_article(
            status=Article.Status.DRAFT,
            language="en",
            headline="Election in Japan",
            lede="Japan votes.",
            body="Polls open at seven.",
            translation_of=make_article(headline="Val i Japan"),
        )
        # Scheduled, once published: its time is still to come.
        self.translation.published_at = timezone.now() + timedelta(days=1)
        self.translation.save()
        url = reverse("admin:articles_article_changelist")
        data = {"action": "publish", "_selected_action": [self.translation.pk, translated.pk]}
        response = self.client.post(url, data, headers={"accept-language": "en"}, follow=True)
        messages = [str(message) for message in response.context["messages"]]
        self.assertEqual(len(messages), 2, messages)
        refusal, published = messages
        self.assertEqual(published, "1 article published.")
        self.assertIn("“Toppmöte i Tokyo”</a>. Correct this first", refusal)
        self.assertIn("<br>Lede: Still the same as in the Swedish original", refusal)
        self.assertIn("<br>Body: Still the same as in the Swedish original", refusal)
        self.assertNotIn("Headline", refusal)
        self.translation.refresh_from_db()
        self.assertEqual(self.translation.status, Article.Status.DRAFT)

    def test_the_check_reads_nothing_the_other_translation_rules_do_not(self):
        # The original is read with the translation, as the publish action does: the check
        # compares with it and asks the database nothing more.
        translation = Article.objects.select_related("translation_of").get(pk=self.translation.pk)
        translation.status = Article.Status.PUBLISHED
        translation.published_at = timezone.now()
        # clean()'s own: another translation in the language, translations of this one.
        with self.assertNumQueries(2), self.assertRaises(ValidationError) as raised:
            translation.clean()
        self.assertEqual(set(raised.exception.message_dict), {"lede", "body"})


class UnchangedSaveTests(EditorTestCase):
    def saved_messages(self, article, **data):
        url = reverse("admin:articles_article_change", args=[article.pk])
        response = self.client.post(
            url,
            article_form_data(article, **data),
            headers={"accept-language": "en"},
            follow=True,
        )
        self.assertEqual(response.status_code, 200)
        return [str(message) for message in response.context["messages"]]

    def test_a_save_with_nothing_changed_says_so_and_logs_no_change(self):
        article = make_article(headline="Som förut")
        link = reverse("admin:articles_article_change", args=[article.pk])
        for button in ("_save", "_continue"):
            with self.subTest(button=button):
                messages = self.saved_messages(article, **{button: "1"})
                self.assertEqual(
                    messages,
                    [f'Nothing was changed in the article <a href="{link}">“Som förut”</a>.'],
                )
                self.assertFalse(LogEntry.objects.filter(object_id=str(article.pk)).exists())

    def test_a_save_with_a_change_says_it_was_changed_and_logs_it(self):
        article = make_article(headline="Som förut")
        messages = self.saved_messages(article, headline="Ny rubrik")
        self.assertEqual(len(messages), 1, messages)
        self.assertIn("was changed successfully", messages[0])
        entry = LogEntry.objects.get(object_id=str(article.pk))
        self.assertIn("headline", entry.get_change_message().lower())


class ChangeLogTests(TestCase):
    """Django's change log (LogEntry), as the Swedish admin's history pages read it."""

    @classmethod
    def setUpTestData(cls):
        cls.editor = make_user("redaktor", role="Editor")

    def setUp(self):
        self.client.force_login(self.editor)

    def logged_change(self, obj):
        """The latest change logged for an object, as the Swedish history page reads it."""
        entry = LogEntry.objects.filter(
            content_type__model=obj._meta.model_name, object_id=str(obj.pk)
        ).latest("action_time")
        with translation.override("sv"):
            return entry.get_change_message()

    def test_an_authors_changes_are_logged_with_the_swedish_field_names(self):
        author = make_author(name="Anna Berg", slug="anna-berg")
        data = {"name": "Anna Ek", "slug": "anna-ek", "email": "anna.ek@example.com"}
        url = reverse("admin:articles_author_change", args=[author.pk])
        response = self.client.post(url, {**data, "edited_version": opened_version(author)})
        self.assertEqual(response.status_code, 302)
        self.assertEqual(self.logged_change(author), "Ändrade Namn, Slug och E-post.")

    def test_a_sections_changes_are_logged_with_the_swedish_field_names(self):
        section = make_section(name_sv="Sport", name_en="Sports", slug="sport", slug_en="sports")
        data = {
            "name_sv": "Idrott",
            "name_en": "Athletics",
            "slug": "idrott",
            "slug_en": "athletics",
            "position": 4,
            "edited_version": opened_version(section),
        }
        url = reverse("admin:articles_section_change", args=[section.pk])
        self.assertEqual(self.client.post(url, data).status_code, 302)
        self.assertEqual(
            self.logged_change(section),
            "Ändrade Namn på svenska, Namn på engelska, Slug, Slug (engelska) och Placering.",
        )

    def test_a_section_moved_in_the_list_is_logged_with_the_swedish_field_name(self):
        section = make_section(position=1)
        data = {
            "form-TOTAL_FORMS": "1",
            "form-INITIAL_FORMS": "1",
            "form-0-id": str(section.pk),
            "form-0-position": "3",
            "initial-form-0-position": "1",
            "_save": "Spara",
        }
        response = self.client.post(reverse("admin:articles_section_changelist"), data)
        self.assertEqual(response.status_code, 302)
        self.assertEqual(self.logged_change(section), "Ändrade Placering.")

    def test_an_images_changes_are_logged_with_the_swedish_field_names(self):
        image = make_image()
        data = {
            "file": SimpleUploadedFile("ny.jpg", image_bytes(color=(200, 0, 0))),
            "source": DigitalSourceType.NEGATIVE_FILM,
            "credit": "Foto: Per Holm",
            "credit_en": "Photo: Per Holm",
            "alt_text": "",
            "alt_text_en": "",
            "decorative": "on",
            "focal_x": 20,
            "focal_y": 80,
            "edited_version": opened_version(image),
        }
        url = reverse("admin:articles_image_change", args=[image.pk])
        with self.captureOnCommitCallbacks(execute=True):
            self.assertEqual(self.client.post(url, data).status_code, 302)
        message = self.logged_change(image)
        for label in (
            "Fil",
            "Ursprung",
            "Byline för bild",
            "Byline för bild (engelska)",
            "Alternativtext (svenska)",
            "Alternativtext (engelska)",
            "Dekorativ",
            "Fokuspunkt, i sidled (%)",
            "Fokuspunkt, i höjdled (%)",
        ):
            with self.subTest(label=label):
                self.assertIn(label, message)
        for english in ("File", "Source", "Credit", "Alt text", "Decorative", "Focal point"):
            with self.subTest(english=english):
                self.assertNotIn(english, message)

    def test_a_byline_reordered_is_logged_with_the_swedish_field_name(self):
        first, second = make_author(name="Anna Berg"), make_author(name="Per Holm")
        article = make_article(authors=[first, second])
        url = reverse("admin:articles_article_change", args=[article.pk])
        data = article_form_data(article, authors=[second.pk, first.pk])
        self.assertEqual(self.client.post(url, data).status_code, 302)
        message = self.logged_change(article)
        self.assertIn("Ändrade Placering för skribent i bylinen", message)
        self.assertNotIn("Position", message)

    def test_every_field_an_editor_changes_in_admin_is_logged_as_its_swedish_form_names_it(self):
        # The log keeps a field's label in English, as the form labels it, and translates it
        # as it is shown: each label needs a msgid of its own (CHANGE_LOG_LABELS). Every form
        # the articles' admin logs changes from: change forms, list rows and inline rows.
        request = RequestFactory().get("/")
        request.user = User(is_active=True, is_staff=True, is_superuser=True)
        forms = []
        for model, model_admin in admin.site._registry.items():
            if model._meta.app_label != "articles":
                continue
            if not model_admin.has_change_permission(request):
                continue  # read only (most read): nothing of it is ever logged as changed
            forms.append(model_admin.get_form(request))
            if model_admin.list_editable:
                forms.append(model_admin.get_changelist_form(request))
            forms.extend(
                inline.get_formset(request).form
                for inline in model_admin.get_inline_instances(request)
            )
        self.assertGreaterEqual(len(forms), 6)
        for form_class in forms:
            form = form_class()
            for name, field in form.fields.items():
                if isinstance(field.widget, HiddenInput):
                    continue
                with translation.override(None):
                    stored = str(field.label)
                with (
                    self.subTest(form=form_class.__name__, field=name),
                    translation.override("sv"),
                ):
                    self.assertEqual(translation.gettext(stored), str(field.label))


class RevisionTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.editor = make_user("redaktor", role="Editor")

    def setUp(self):
        self.client.force_login(self.editor)

    def test_every_save_keeps_a_revision_with_who_when_and_a_readable_diff(self):
        article = make_article(body="Regeringen föreslår en ny lag.")
        before = article.history.count()
        self.client.post(
            reverse("admin:articles_article_change", args=[article.pk]),
            article_form_data(article, body="Regeringen drar tillbaka en ny lag."),
        )
        latest = article.history.first()
        self.assertEqual(latest.history_user, self.editor)
        self.assertEqual(article.history.count(), before + 1)
        response = self.client.get(reverse("admin:articles_article_history", args=[article.pk]))
        self.assertContains(response, "<del>föreslår</del>", html=False)
        self.assertContains(response, "<ins>drar tillbaka</ins>", html=False)

    def test_an_earlier_revision_can_be_restored(self):
        article = make_article(headline="Första rubriken")
        before = article.history.count()
        self.client.post(
            reverse("admin:articles_article_change", args=[article.pk]),
            article_form_data(article, headline="Andra rubriken"),
        )
        first = article.history.earliest()
        url = reverse("admin:articles_article_simple_history", args=[article.pk, first.pk])
        response = self.client.get(url)
        self.assertContains(response, "Första rubriken")
        article.refresh_from_db()
        self.client.post(url, article_form_data(article, headline="Första rubriken"))
        article.refresh_from_db()
        self.assertEqual(article.headline, "Första rubriken")
        self.assertEqual(article.history.count(), before + 2)

    def test_a_restored_revisions_log_names_what_it_changed_as_the_form_labels_it(self):
        article = make_article(headline="Första rubriken", lede="Första ingressen.")
        first = article.history.earliest()
        self.client.post(
            reverse("admin:articles_article_change", args=[article.pk]),
            article_form_data(article, headline="Andra rubriken", lede="Andra ingressen."),
        )
        article.refresh_from_db()
        url = reverse("admin:articles_article_simple_history", args=[article.pk, first.pk])
        # Posted as the revision's form opens: Django's own message saw no field changed.
        self.client.post(
            url, article_form_data(article, headline="Första rubriken", lede="Första ingressen.")
        )
        entry = LogEntry.objects.filter(object_id=str(article.pk)).latest("action_time")
        for language, expected in [
            ("sv", "Ändrade Rubrik och Ingress."),
            ("en", "Changed Headline and Lede."),
        ]:
            with self.subTest(language=language), translation.override(language):
                self.assertEqual(entry.get_change_message(), expected)

    def test_a_restored_revisions_log_names_the_byline_when_restoring_changed_it(self):
        anna, per = make_author(name="Anna Berg"), make_author(name="Per Holm")
        article = make_article(headline="Första rubriken", authors=[anna])
        with_anna = article.history.first()  # the revision with its byline
        change_url = reverse("admin:articles_article_change", args=[article.pk])
        url = reverse("admin:articles_article_simple_history", args=[article.pk, with_anna.pk])
        for changes, expected in [
            (
                {"headline": "Andra rubriken"},
                ("Ändrade Rubrik och Byline.", "Changed Headline and Byline."),
            ),
            ({}, ("Ändrade Byline.", "Changed Byline.")),
        ]:
            with self.subTest(changes=changes):
                article.refresh_from_db()
                data = article_form_data(article, authors=[anna.pk, per.pk], **changes)
                self.assertEqual(self.client.post(change_url, data).status_code, 302)
                article.refresh_from_db()
                # Posted as the revision's form opens.
                self.client.post(url, article_form_data(article, headline="Första rubriken"))
                self.assertEqual([a.name for a in article.byline], ["Anna Berg"])
                entry = LogEntry.objects.filter(object_id=str(article.pk)).latest("action_time")
                for language, message in zip(("sv", "en"), expected, strict=True):
                    with translation.override(language):
                        self.assertEqual(entry.get_change_message(), message)

    def test_a_restored_revision_says_so_and_leads_to_the_article_not_back_to_the_revision(self):
        article = make_article(headline="Första rubriken")
        change_url = reverse("admin:articles_article_change", args=[article.pk])
        data = article_form_data(article, headline="Andra rubriken")
        self.client.post(change_url, data, follow=True)  # its message shown
        first = article.history.earliest()
        url = reverse("admin:articles_article_simple_history", args=[article.pk, first.pk])
        article.refresh_from_db()

        response = self.client.post(url, article_form_data(article, headline="Första rubriken"))

        # The revision's own form, opened again from a link, would offer to restore it anew.
        self.assertRedirects(response, change_url)
        messages = [str(message) for message in get_messages(response.wsgi_request)]
        time = formats.date_format(timezone.localtime(first.history_date), "DATETIME_FORMAT")
        self.assertEqual(messages, [f"Artikelns version från {time} är återställd."])

    def test_restoring_a_revision_keeps_the_lists_filters(self):
        # As Django's own save buttons: from the list, through the history, back to the list
        # as the editor left it.
        article = make_article(headline="Första rubriken")
        first = article.history.earliest()
        filters = urlencode({"_changelist_filters": "status__exact=published&q=rubriken"})
        change_url = reverse("admin:articles_article_change", args=[article.pk])
        self.client.post(f"{change_url}?{filters}", article_form_data(article, headline="Andra"))
        history = self.client.get(
            reverse("admin:articles_article_history", args=[article.pk]) + f"?{filters}"
        )
        url = reverse("admin:articles_article_simple_history", args=[article.pk, first.pk])
        self.assertContains(history, f'href="{url}?{html.escape(filters)}"')
        form = self.client.get(f"{url}?{filters}")
        list_url = reverse("admin:articles_article_changelist")
        self.assertContains(form, f'href="{list_url}?status__exact=published&amp;q=rubriken"')
        self.assertContains(form, f'href="{change_url}?{html.escape(filters)}"')
        article.refresh_from_db()
        response = self.client.post(
            f"{url}?{filters}", article_form_data(article, headline="Första rubriken")
        )
        self.assertRedirects(response, f"{change_url}?{filters}", fetch_redirect_response=False)

    def test_a_revision_naming_an_original_and_an_image_deleted_since_is_restored_without(self):
        # The original's deletion unlinked the translation, not its revisions: the revision's
        # form opens without them, saying so, and restores it as it opens.
        original = make_article(headline="Toppmöte i Tokyo")
        translation, _created = article_translation_create(article=original)
        image = make_image()
        Article.objects.filter(pk=translation.pk).update(
            headline="Summit in Tokyo",
            lede="The leaders meet.",
            body="The first paragraph.",
            lead_image=image,
            lead_image_caption="The leaders",
        )
        translation.refresh_from_db()
        old_section = make_section(name_sv="Östasien", name_en="East Asia")
        Article.objects.filter(pk=translation.pk).update(section=old_section)
        translation.refresh_from_db()
        article_history.create_historical_record(translation, "~")
        revision = translation.history.latest()
        change_url = reverse("admin:articles_article_change", args=[translation.pk])
        self.client.post(
            change_url,
            article_form_data(translation, lead_image="", section=original.section_id),
        )
        old_section.delete()
        delete_url = reverse("admin:articles_article_delete", args=[original.pk])
        self.assertEqual(self.client.post(delete_url, {"post": "yes"}).status_code, 302)
        image.delete()
        url = reverse("admin:articles_article_simple_history", args=[translation.pk, revision.pk])
        translation.refresh_from_db()

        form = self.client.get(url, headers={"accept-language": "en"})

        self.assertContains(
            form,
            "This version is a translation of “Toppmöte i Tokyo”, which has been deleted "
            "since: it is restored as an article of its own.",
        )
        self.assertContains(
            form,
            "This version’s lead image has been deleted since: it is restored without it "
            "and its caption.",
        )
        self.assertContains(
            form, "This version’s section has been deleted since: choose another one."
        )
        opened = form.context["adminform"].form.initial
        self.assertEqual(
            [opened[name] for name in ("translation_of", "lead_image", "lead_image_caption")],
            [None, None, ""],
        )
        # A form opened before the deletions, with their keys: the choices are refused.
        stale = article_form_data(revision.instance, edited_version=stored_version(translation.pk))
        refused = self.client.post(url, stale)
        self.assertEqual(refused.status_code, 200)
        self.assertEqual(
            set(refused.context["adminform"].form.errors),
            {"translation_of", "lead_image", "section"},
        )
        as_opened = {"translation_of": "", "lead_image": "", "lead_image_caption": ""}
        restored = self.client.post(url, {**stale, **as_opened, "section": original.section_id})
        self.assertRedirects(restored, change_url, fetch_redirect_response=False)
        translation.refresh_from_db()
        self.assertEqual(
            (translation.headline, translation.translation_of, translation.lead_image),
            ("Summit in Tokyo", None, None),
        )

    def test_restoring_a_draft_version_of_a_live_article_says_readers_no_longer_see_it(self):
        article = make_article(status=Article.Status.DRAFT, published_at=None)
        draft = article.history.latest()
        change_url = reverse("admin:articles_article_change", args=[article.pk])
        past = timezone.localtime() - timedelta(minutes=5)
        self.client.post(
            change_url,
            article_form_data(
                article,
                status="published",
                published_at_0=f"{past:%Y-%m-%d}",
                published_at_1=f"{past:%H:%M:%S}",
            ),
            follow=True,  # its message shown
        )
        published = article.history.latest()
        notes, restored = [], []
        for revision in (draft, published):
            article.refresh_from_db()
            url = reverse("admin:articles_article_simple_history", args=[article.pk, revision.pk])
            # The revision's form as it opens: with its status and publication time.
            data = article_form_data(revision.instance, edited_version=stored_version(article.pk))
            form = self.client.get(url, headers={"accept-language": "en"})
            notes.append(re.findall(r'<li class="warning">([^<]+)</li>', form.content.decode()))
            response = self.client.post(url, data, headers={"accept-language": "en"})
            self.assertRedirects(response, change_url)
            restored.append([str(m) for m in get_messages(response.wsgi_request)][1:])
        self.assertEqual(
            restored,
            [
                [
                    "That version is a draft, so readers no longer see the article. Publish it "
                    "again when it is ready."
                ],
                ["That version is published, so readers see the article now."],
            ],
        )
        # Said before, on the revision's form.
        self.assertEqual(
            notes,
            [
                [
                    "This version is a draft: restored as it is, it takes the article off the "
                    "site until it is published again."
                ],
                [
                    "This version is published: restored as it is, it shows the article to "
                    "readers at once."
                ],
            ],
        )

    def test_restoring_a_version_that_leaves_what_readers_see_as_it_was_says_nothing_of_it(self):
        article = make_article(headline="Första rubriken")
        first = article.history.earliest()
        self.client.post(
            reverse("admin:articles_article_change", args=[article.pk]),
            article_form_data(article, headline="Andra rubriken"),
            follow=True,  # its message shown
        )
        article.refresh_from_db()
        url = reverse("admin:articles_article_simple_history", args=[article.pk, first.pk])
        self.assertNotContains(self.client.get(url), 'class="warning"')
        response = self.client.post(url, article_form_data(article, headline="Första rubriken"))
        self.assertEqual(len(list(get_messages(response.wsgi_request))), 1)

    def test_the_buttons_beside_a_chosen_section_speak_of_it_in_the_singular(self):
        form = self.client.get(reverse("admin:articles_article_add"))
        self.assertContains(form, 'title="Ändra markerad sektion"')
        self.assertContains(form, 'title="Visa markerad sektion"')
        self.assertNotContains(form, "markerade sektion")

    def test_history_and_date_filter_are_in_swedish(self):
        article = make_article(body="Första versionen.")
        self.client.post(
            reverse("admin:articles_article_change", args=[article.pk]),
            article_form_data(article, body="Andra versionen."),
        )
        history = self.client.get(reverse("admin:articles_article_history", args=[article.pk]))
        self.assertContains(history, "Ändrad av")
        self.assertContains(history, "Välj ett datum i listan nedan")
        revision = article.history.earliest()
        url = reverse("admin:articles_article_simple_history", args=[article.pk, revision.pk])
        self.assertContains(self.client.get(url), 'value="Återställ"')
        year = timezone.localtime(article.published_at).year
        changelist = self.client.get(
            reverse("admin:articles_article_changelist"), {"published_at__year": year}
        )
        self.assertContains(changelist, "Filtrera efter publiceringstid")
        for english in (history, changelist):
            self.assertNotContains(english, "Changed by")
            self.assertNotContains(english, "Filter by")

    def test_a_revisions_page_leads_back_through_the_article_in_swedish(self):
        article = make_article(headline="Gammal rubrik")
        revision = article.history.earliest()
        url = reverse("admin:articles_article_simple_history", args=[article.pk, revision.pk])
        response = self.client.get(url)
        breadcrumbs = re.search(
            r'<ol class="breadcrumbs">(.*?)</ol>', response.content.decode(), re.S
        ).group(1)
        links = re.findall(r'<a href="([^"]+)">([^<]+)</a>', breadcrumbs)
        self.assertEqual(
            links,
            [
                (reverse("admin:index"), "Hem"),
                (reverse("admin:app_list", args=["articles"]), "Artiklar"),
                (reverse("admin:articles_article_changelist"), "Artiklar"),
                (reverse("admin:articles_article_change", args=[article.pk]), "Gammal rubrik"),
                (reverse("admin:articles_article_history", args=[article.pk]), "Historik"),
            ],
        )
        self.assertIn('<li aria-current="page">Återställ artikel</li>', breadcrumbs)

    def test_restoring_a_revision_with_an_earlier_address_redirects_the_later_one(self):
        article = make_article(slug="forsta-adressen")
        change_url = reverse("admin:articles_article_change", args=[article.pk])
        self.client.post(change_url, article_form_data(article, slug="andra-adressen"))
        first = article.history.earliest()
        url = reverse("admin:articles_article_simple_history", args=[article.pk, first.pk])
        article.refresh_from_db()
        self.client.post(url, article_form_data(article, slug="forsta-adressen"))
        self.client.logout()
        self.assertEqual(self.client.get("/sv/artiklar/forsta-adressen/").status_code, 200)
        response = self.client.get("/sv/artiklar/andra-adressen/")
        self.assertEqual(response.status_code, 301)
        self.assertEqual(response["Location"], "/sv/artiklar/forsta-adressen/")

    def restore(self, article, revision):
        url = reverse("admin:articles_article_simple_history", args=[article.pk, revision.pk])
        data = article_form_data(revision.instance, edited_version=stored_version(article.pk))
        self.assertEqual(self.client.post(url, data).status_code, 302)
        article.refresh_from_db()

    def assert_redirects_lead_to(self, article):
        """Every redirect leads straight to the article's address, none to itself."""
        redirects = list(Redirect.objects.values_list("old_path", "new_path"))
        self.assertTrue(redirects)
        for old_path, new_path in redirects:
            self.assertEqual(new_path, article.get_absolute_url(), redirects)
            self.assertNotEqual(old_path, new_path)

    def test_redirects_follow_a_restored_draft_revisions_address_and_its_next_change(self):
        article = make_article(status=Article.Status.DRAFT, published_at=None, slug="utkast")
        draft = article.history.latest()
        change_url = reverse("admin:articles_article_change", args=[article.pk])
        past = timezone.localtime() - timedelta(minutes=5)
        published = {
            "status": "published",
            "published_at_0": f"{past:%Y-%m-%d}",
            "published_at_1": f"{past:%H:%M:%S}",
        }
        self.client.post(change_url, article_form_data(article, slug="forsta", **published))
        article.refresh_from_db()
        self.client.post(change_url, article_form_data(article, slug="andra"))
        article.refresh_from_db()

        # Back to the draft from before publication, at its own address: readers' addresses
        # lead there, to find the article once it is published again.
        self.restore(article, draft)
        self.assertEqual((article.slug, article.status), ("utkast", Article.Status.DRAFT))
        self.assert_redirects_lead_to(article)
        # The draft's address changed before it is published again: they follow it.
        self.client.post(change_url, article_form_data(article, slug="andra"))
        article.refresh_from_db()
        self.assertEqual(article.slug, "andra")
        self.assert_redirects_lead_to(article)

        url = reverse("admin:articles_article_changelist")
        self.client.post(url, {"action": "publish", "_selected_action": [article.pk]})
        self.client.logout()
        for old in ("utkast", "forsta", "andra"):
            response = self.client.get(f"/sv/artiklar/{old}/", follow=True)
            self.assertEqual(response.status_code, 200, old)
            self.assertEqual(response.context["article"], article)

    def test_restoring_a_published_revision_of_an_unpublished_article_redirects_its_address(self):
        article = make_article(slug="forsta")
        first = article.history.earliest()
        change_url = reverse("admin:articles_article_change", args=[article.pk])
        self.client.post(change_url, article_form_data(article, slug="andra"))
        article.refresh_from_db()
        self.client.post(change_url, article_form_data(article, status="draft"))
        article.refresh_from_db()

        self.restore(article, first)

        self.assertEqual((article.slug, article.status), ("forsta", Article.Status.PUBLISHED))
        self.assert_redirects_lead_to(article)
        self.client.logout()
        response = self.client.get("/sv/artiklar/andra/")
        self.assertEqual(response.status_code, 301)
        self.assertEqual(response["Location"], "/sv/artiklar/forsta/")

    def test_restoring_a_revision_restores_its_byline(self):
        anna, bo = make_author(name="Anna Berg"), make_author(name="Bo Ek")
        article = make_article(headline="Första rubriken", authors=[anna])
        self.client.post(
            reverse("admin:articles_article_change", args=[article.pk]),
            article_form_data(article, headline="Andra rubriken", authors=[anna.pk, bo.pk]),
        )
        revision = article.history.filter(headline="Första rubriken").first()
        url = reverse("admin:articles_article_simple_history", args=[article.pk, revision.pk])

        response = self.client.get(url)

        self.assertContains(response, "Anna Berg")
        self.assertNotContains(response, "Bo Ek")
        before = article.history.count()
        # simple-history's restore form has no byline rows: the revision's byline is restored.
        self.client.post(url, article_form_data(article, headline="Första rubriken"))
        article = Article.objects.get(pk=article.pk)
        self.assertEqual(article.headline, "Första rubriken")
        self.assertEqual(article.byline, [anna])
        self.assertEqual(article.history.count(), before + 1)

    def test_a_new_article_starts_with_one_revision_of_its_fields_and_byline(self):
        anna, bo = make_author(name="Anna Berg"), make_author(name="Bo Ek")
        template = make_article(headline="Mall")
        data = article_form_data(
            template,
            adding=True,
            headline="Ny artikel",
            slug="ny",
            authors=[anna.pk, bo.pk],
            edited_version="",
        )
        response = self.client.post(reverse("admin:articles_article_add"), data)
        self.assertEqual(response.status_code, 302)
        [revision] = Article.objects.get(slug="ny").history.all()
        self.assertEqual(revision.history_type, "+")
        self.assertEqual(revision.history_user, self.editor)
        self.assertEqual(revision.headline, "Ny artikel")
        self.assertEqual(sorted(row.author_id for row in revision.authors.all()), [anna.pk, bo.pk])

    def test_a_save_that_changes_the_byline_too_keeps_one_revision(self):
        anna, bo = make_author(name="Anna Berg"), make_author(name="Bo Ek")
        article = make_article(headline="Första rubriken", authors=[anna])
        before = article.history.count()

        self.client.post(
            reverse("admin:articles_article_change", args=[article.pk]),
            article_form_data(article, headline="Andra rubriken", authors=[bo.pk]),
        )

        self.assertEqual(article.history.count(), before + 1)
        latest, previous = article.history.all()[:2]
        self.assertEqual(latest.history_user, self.editor)
        self.assertEqual(latest.diff_against(previous).changed_fields, ["authors", "headline"])
        self.assertEqual([row.author_id for row in latest.authors.all()], [bo.pk])

    def test_history_addresses_with_ids_that_cannot_exist_are_not_found(self):
        article = make_article()
        revision = article.history.first()
        malformed = ["abc", "1.5", "99999999999999999999999"]
        for article_id, revision_id in [
            *((article.pk, bad) for bad in malformed),
            *((bad, revision.pk) for bad in malformed),
        ]:
            url = reverse("admin:articles_article_simple_history", args=[article_id, revision_id])
            with self.subTest(url):
                self.assertEqual(self.client.get(url).status_code, 404)
                self.assertEqual(self.client.post(url).status_code, 404)
        for bad in malformed:
            url = reverse("admin:articles_article_history", args=[bad])
            with self.subTest(url):
                self.assertEqual(self.client.get(url).status_code, 404)
            # Django's own history pages answer as for any missing object.
            for model in ("section", "author", "image"):
                url = reverse(f"admin:articles_{model}_history", args=[bad])
                with self.subTest(url):
                    self.assertRedirects(self.client.get(url), reverse("admin:index"))

    def test_the_history_shows_no_reason_as_an_empty_cell_under_swedish_headers(self):
        article = make_article()
        self.client.post(
            reverse("admin:articles_article_change", args=[article.pk]),
            article_form_data(article, headline="Ny rubrik"),
        )
        history = self.client.get(reverse("admin:articles_article_history", args=[article.pk]))
        # The column Django's own history pages call "Action" (Åtgärd), not simple-history's "Comment".
        self.assertContains(history, '<th scope="col">Åtgärd</th>', html=True)
        self.assertNotContains(history, "Comment")
        self.assertNotContains(history, "None")

    def test_the_history_links_who_saved_only_for_those_who_may_see_users(self):
        article = make_article()
        self.client.post(
            reverse("admin:articles_article_change", args=[article.pk]),
            article_form_data(article, headline="Ny rubrik"),
        )
        url = reverse("admin:articles_article_history", args=[article.pk])
        user_page = reverse("admin:auth_user_change", args=[self.editor.pk])
        # An editor may not open users: the link led to a bare, English "403 Forbidden".
        self.assertEqual(self.client.get(user_page).status_code, 403)
        history = self.client.get(url)
        self.assertContains(history, "<td>redaktor</td>", html=True)
        self.assertNotContains(history, user_page)
        self.client.force_login(make_user("admin", is_superuser=True))
        self.assertContains(self.client.get(url), f'<a href="{user_page}">redaktor</a>', html=True)

    def test_the_history_shows_times_in_stockholm_statuses_and_cleared_fields_in_swedish(self):
        image = make_image()
        article = make_article(status=Article.Status.DRAFT, published_at=None, lead_image=image)
        # 2027-03-28 03:00 in Stockholm, just after the clocks went forward: 01:00 UTC.
        self.client.post(
            reverse("admin:articles_article_change", args=[article.pk]),
            article_form_data(
                article,
                status=Article.Status.PUBLISHED,
                published_at_0="2027-03-28",
                published_at_1="03:00:00",
                lead_image="",
            ),
        )
        article.refresh_from_db()
        self.assertEqual(article.published_at.isoformat(), "2027-03-28T01:00:00+00:00")
        history = self.client.get(reverse("admin:articles_article_history", args=[article.pk]))
        self.assertContains(history, "28 mars 2027 kl. 03.00")
        self.assertContains(history, "Publicerad")
        self.assertContains(history, "Utkast")
        for shown in ("+00:00", ">published<", ">draft<", "None", "Deleted"):
            self.assertNotContains(history, shown)

    def test_the_history_names_an_image_deleted_since_in_swedish(self):
        old, new = make_image(), make_image()
        article = make_article(lead_image=old)
        self.client.post(
            reverse("admin:articles_article_change", args=[article.pk]),
            article_form_data(article, lead_image=new.pk),
        )
        old_pk = old.pk
        old.delete()
        history = self.client.get(reverse("admin:articles_article_history", args=[article.pk]))
        self.assertContains(history, f"Bild nr {old_pk}, numera raderad")
        self.assertNotContains(history, "Deleted")


class AuthorDeletionTests(EditorTestCase):
    def test_an_author_with_a_byline_is_not_deleted_and_the_articles_are_named(self):
        author = make_author(name="Elin Sjöberg")
        article = make_article(headline="Elins reportage", authors=[author])
        url = reverse("admin:articles_author_delete", args=[author.pk])
        confirmation = self.client.get(url)
        # Deleting the author would take the name off the article's byline, unseen by readers'
        # editors and unrecorded in its history.
        self.assertContains(confirmation, "Elins reportage")
        self.assertNotContains(confirmation, "Article_authors object")
        self.assertNotContains(confirmation, "1. Elin Sjöberg")  # a Byline row
        # Confirmed anyway: the same page again, not an error.
        refused = self.client.post(url, {"post": "yes"})
        self.assertContains(refused, "Elins reportage")
        self.assertNotContains(refused, "1. Elin Sjöberg")
        self.assertEqual(list(article.authors.all()), [author])
        changelist = reverse("admin:articles_author_changelist")
        refused = self.client.post(
            changelist,
            {"action": "delete_selected", "_selected_action": [author.pk], "post": "yes"},
        )
        self.assertContains(refused, "Elins reportage")
        self.assertNotContains(refused, "1. Elin Sjöberg")
        self.assertEqual(list(article.authors.all()), [author])

    def test_an_author_on_no_byline_can_be_deleted(self):
        author = make_author()
        url = reverse("admin:articles_author_delete", args=[author.pk])
        self.assertEqual(self.client.post(url, {"post": "yes"}).status_code, 302)
        self.assertFalse(type(author).objects.filter(pk=author.pk).exists())


class EditConflictTests(TestCase):
    """Two editors on one article: a save on top of a later one is refused, nothing is lost."""

    @classmethod
    def setUpTestData(cls):
        cls.first = make_user("redaktor", role="Editor")
        cls.second = make_user("nattredaktor", role="Editor")

    @staticmethod
    def version_in(response):
        """The version the page's form will send back, as the browser sees it."""
        [field] = re.findall(r'<input type="hidden" name="edited_version"[^>]*>', response.text)
        return html.unescape(re.search(r'value="([^"]*)"', field)[1])

    def open_form(self, user, article):
        self.client.force_login(user)
        url = reverse("admin:articles_article_change", args=[article.pk])
        return self.version_in(self.client.get(url))

    def save(self, user, article, version, **changes):
        self.client.force_login(user)
        url = reverse("admin:articles_article_change", args=[article.pk])
        data = article_form_data(article, edited_version=version, **changes)
        return self.client.post(url, data)

    def test_a_save_with_nothing_changed_writes_no_revision_and_leaves_others_forms_current(self):
        article = make_article(headline="Rubrik från början")
        second_version = self.open_form(self.second, article)
        revisions = article.history.count()

        response = self.save(self.first, article, self.open_form(self.first, article))

        self.assertEqual(response.status_code, 302)
        self.assertEqual(article.history.count(), revisions)
        response = self.save(self.second, article, second_version, headline="Nattens rubrik")
        self.assertEqual(response.status_code, 302)
        article.refresh_from_db()
        self.assertEqual(article.headline, "Nattens rubrik")

    def test_a_byline_changed_alone_is_saved_with_a_revision(self):
        anna, bo = make_author(name="Anna Berg"), make_author(name="Bo Ek")
        article = make_article(authors=[anna])
        revisions = article.history.count()
        version = self.open_form(self.first, article)

        response = self.save(self.first, article, version, authors=[anna.pk, bo.pk])

        self.assertEqual(response.status_code, 302)
        self.assertEqual(Article.objects.get(pk=article.pk).byline, [anna, bo])
        self.assertEqual(article.history.count(), revisions + 1)
        self.assertNotEqual(self.open_form(self.second, article), version)

    def test_a_save_on_top_of_someone_elses_later_save_is_refused(self):
        article = make_article(headline="Rubrik från början")
        first_version = self.open_form(self.first, article)
        second_version = self.open_form(self.second, article)
        response = self.save(self.second, article, second_version, headline="Nattens rubrik")
        self.assertEqual(response.status_code, 302)

        response = self.save(self.first, article, first_version, headline="Dagens rubrik")

        self.assertEqual(response.status_code, 200)
        form = response.context["adminform"].form
        [error] = form.non_field_errors()
        self.assertIn("nattredaktor sparade artikeln", error)
        self.assertContains(response, "Dagens rubrik")  # the refused edit is still in the form
        article.refresh_from_db()
        self.assertEqual(article.headline, "Nattens rubrik")
        self.assertEqual(article.history.filter(headline="Dagens rubrik").count(), 0)

    def test_saving_again_after_the_warning_replaces_the_other_version(self):
        article = make_article(headline="Rubrik från början")
        stale = self.open_form(self.first, article)
        self.save(self.second, article, self.open_form(self.second, article), headline="Natt")
        refused = self.save(self.first, article, stale, headline="Dag")
        version = self.version_in(refused)
        self.assertNotEqual(version, stale)

        response = self.save(self.first, article, version, headline="Dag")

        self.assertEqual(response.status_code, 302)
        article.refresh_from_db()
        self.assertEqual(article.headline, "Dag")

    def test_a_form_without_the_version_is_refused_not_saved(self):
        article = make_article(headline="Rubrik från början")
        response = self.save(self.first, article, "", headline="Utan version")
        self.assertEqual(response.status_code, 200)
        self.assertTrue(response.context["adminform"].form.non_field_errors())
        article.refresh_from_db()
        self.assertEqual(article.headline, "Rubrik från början")

    def test_a_revision_can_be_restored_from_the_form_as_it_opens(self):
        article = make_article(headline="Första rubriken")
        self.save(self.first, article, self.open_form(self.first, article), headline="Andra")
        first = article.history.earliest()
        url = reverse("admin:articles_article_simple_history", args=[article.pk, first.pk])
        version = self.version_in(self.client.get(url))
        response = self.client.post(
            url, article_form_data(article, headline="Första rubriken", edited_version=version)
        )
        self.assertEqual(response.status_code, 302)
        article.refresh_from_db()
        self.assertEqual(article.headline, "Första rubriken")


class ImageUploadTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.editor = make_user("redaktor", role="Editor")

    def setUp(self):
        self.client.force_login(self.editor)

    def upload(self, content, name="bild.jpg", **fields):
        data = {
            "file": SimpleUploadedFile(name, content, "image/jpeg"),
            "source": DigitalSourceType.DIGITAL_CAPTURE,
            "alt_text": "En bild",
            "focal_x": 50,
            "focal_y": 50,
        }
        data.update(fields)
        return self.client.post(reverse("admin:articles_image_add"), data)

    def assert_refused(self, response, field="file"):
        self.assertEqual(response.status_code, 200)
        self.assertIn(field, response.context["adminform"].form.errors)
        self.assertFalse(Image.objects.exists())

    def test_a_real_image_is_accepted(self):
        self.assertEqual(self.upload(image_bytes()).status_code, 302)

    def test_a_replaced_upload_leaves_storage(self):
        self.upload(image_bytes(), name="forsta.jpg")
        image = Image.objects.get()
        old_name = image.file.name
        with self.captureOnCommitCallbacks(execute=True):
            response = self.client.post(
                reverse("admin:articles_image_change", args=[image.pk]),
                {
                    "file": SimpleUploadedFile("andra.jpg", image_bytes(color=(200, 0, 0))),
                    "source": image.source,
                    "alt_text": image.alt_text,
                    "focal_x": 50,
                    "focal_y": 50,
                    "edited_version": opened_version(image),
                },
            )
        self.assertEqual(response.status_code, 302)
        image.refresh_from_db()
        self.assertNotEqual(image.file.name, old_name)
        self.assertTrue(image.file.storage.exists(image.file.name))
        self.assertFalse(image.file.storage.exists(old_name))

    def test_a_text_file_renamed_jpg_is_refused(self):
        self.assert_refused(self.upload("Det här är ingen bild.\n".encode() * 50))

    def test_an_iphone_photo_in_heic_is_refused_with_what_to_do_not_as_damaged(self):
        # The start of a HEIF file, as an iPhone saves its photos; Pillow cannot read them.
        heic = b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic" + b"\x00" * 2000
        response = self.upload(heic, name="IMG_0042.HEIC")
        self.assert_refused(response)
        [error] = response.context["adminform"].form.errors.as_data()["file"]
        self.assertEqual(error.code, "heic")
        self.assertIn("JPEG", str(response.context["adminform"].form.errors["file"]))

    def test_an_svg_drawing_or_a_pdf_is_refused_with_what_to_do(self):
        svg = (
            b'\xef\xbb\xbf<?xml version="1.0" encoding="UTF-8"?>\n'
            b'<svg xmlns="http://www.w3.org/2000/svg" width="1600" height="900">'
            b'<rect width="1600" height="900" fill="#c00"/></svg>\n'
        )
        pdf = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n" * 20
        for content, name, code in [
            (svg, "logga.svg", "svg"),
            (b"<svg viewBox='0 0 10 10'><circle r='4'/></svg>", "ikon.svg", "svg"),
            (pdf, "pressbild.pdf", "pdf"),
        ]:
            with self.subTest(name=name):
                response = self.upload(content, name=name)
                self.assert_refused(response)
                [error] = response.context["adminform"].form.errors.as_data()["file"]
                self.assertEqual(error.code, code)
                self.assertIn("JPEG", str(response.context["adminform"].form.errors["file"]))

    def test_a_truncated_image_is_refused(self):
        content = image_bytes(1200, 800)
        self.assert_refused(self.upload(content[: len(content) // 2]))

    def test_a_decompression_bomb_is_refused(self):
        buffer = io.BytesIO()
        PILImage.new("1", (12_000, 12_000)).save(buffer, format="PNG")
        self.assertLess(len(buffer.getvalue()), 1_000_000)
        with self.assertWarns(PILImage.DecompressionBombWarning):
            response = self.upload(buffer.getvalue(), name="bomb.png")
        self.assert_refused(response)

    @override_settings(NEWSROOM_IMAGE_MAX_PIXELS=1_000_000)
    def test_too_many_pixels_are_refused_with_a_clear_message(self):
        response = self.upload(image_bytes(1500, 1000))
        self.assert_refused(response)
        message = str(response.context["adminform"].form.errors["file"])
        self.assertIn("1\xa0500 × 1\xa0000 pixlar", message)
        self.assertIn("miljoner pixlar", message)

    @override_settings(NEWSROOM_IMAGE_MAX_BYTES=10_000)
    def test_an_oversized_file_is_refused_with_a_clear_message(self):
        picture = PILImage.effect_noise((400, 400), 64).convert("RGB")
        buffer = io.BytesIO()
        picture.save(buffer, format="JPEG", quality=95)
        response = self.upload(buffer.getvalue())
        self.assert_refused(response)
        self.assertIn("högst", str(response.context["adminform"].form.errors["file"]))

    def test_alt_text_and_source_are_required(self):
        self.assert_refused(self.upload(image_bytes(), alt_text=""), field="alt_text")
        self.assert_refused(self.upload(image_bytes(), source=""), field="source")

    def test_a_good_file_sent_with_another_fields_error_is_asked_for_again(self):
        # The browser does not keep a chosen file when the page is shown again: without a word
        # at the file, the next save stops at "Detta fält måste fyllas i" there.
        for fields in ({"alt_text": ""}, {"source": ""}, {"focal_x": 150}):
            with self.subTest(fields=fields):
                response = self.upload(image_bytes(), **fields)
                self.assertEqual(response.status_code, 200)
                errors = response.context["adminform"].form.errors
                self.assertEqual(errors["file"], ["Välj den nya filen igen innan du sparar."])

    def test_a_refused_file_is_not_also_asked_for_again(self):
        response = self.upload(b"ingen bild" * 100, alt_text="")
        [error] = response.context["adminform"].form.errors["file"]
        self.assertNotIn("igen", error)

    def test_each_image_shows_where_it_is_used(self):
        image = make_image()
        make_article(headline="Artikel med bilden", lead_image=image)
        response = self.client.get(reverse("admin:articles_image_change", args=[image.pk]))
        self.assertContains(response, "Artikel med bilden")

    def test_the_focal_point_positions_narrow_crops(self):
        image = make_image(focal_x=20, focal_y=70)
        article = make_article(lead_image=image)
        response = self.client.get("/sv/")
        self.assertContains(response, "object-position: 20% 70%")
        self.assertTrue(article.pk)


class AdminSearchTests(TestCase):
    def test_search_covers_headline_lede_and_body(self):
        self.client.force_login(make_user("redaktor", role="Editor"))
        make_article(headline="Rubrikord", lede="Ingressord", body="Brödtextord")
        url = reverse("admin:articles_article_changelist")
        for word in ("Rubrikord", "Ingressord", "Brödtextord"):
            self.assertContains(self.client.get(url, {"q": word}), "Rubrikord")
        self.assertTrue(make_author().pk and make_section().pk)


class AdminSwedishTests(EditorTestCase):
    """Django's own admin messages, in Swedish written for the site's en-words (artikel, bild,
    sektion, skribent) and with Swedish quotation marks."""

    def messages(self, response):
        return [strip_tags(str(message)) for message in get_messages(response.wsgi_request)]

    def test_saving_speaks_of_the_object_as_den(self):
        added = self.client.post(
            reverse("admin:articles_author_add"),
            {"name": "Elin Sjöberg", "slug": "elin-sjoberg", "email": "", "_continue": "1"},
        )
        self.assertEqual(
            self.messages(added),
            ["Lade till skribent ”Elin Sjöberg”. Du kan redigera den igen nedan."],
        )
        author = Author.objects.get(slug="elin-sjoberg")
        url = reverse("admin:articles_author_change", args=[author.pk])
        form = self.client.get(url)
        self.assertContains(form, 'value="Spara och lägg till en ny"')
        changed = self.client.post(
            url,
            {**form.context["adminform"].form.initial, "name": "Elin Sjö", "_addanother": "1"},
        )
        self.assertEqual(
            self.messages(changed),
            ["Ändrade skribent ”Elin Sjö”. Du kan lägga till ytterligare en skribent nedan."],
        )

    def test_deleting_a_section_in_use_is_refused_without_asking_to_delete_its_articles(self):
        section = make_section(name_sv="Sport")
        make_article(headline="Derbyt", section=section)
        page = self.client.get(reverse("admin:articles_section_delete", args=[section.pk]))
        self.assertContains(
            page,
            "Det går inte att radera sektion ”Sport”, eftersom följande fortfarande hänvisar "
            "till den:",
        )
        self.assertNotContains(page, "måste följande")
        listed = self.client.post(
            reverse("admin:articles_section_changelist"),
            {"action": "delete_selected", "_selected_action": [section.pk]},
        )
        self.assertContains(listed, "följande fortfarande hänvisar till det:")
        self.assertNotContains(listed, "skulle kräva borttagning")

    def test_a_redirect_is_named_with_a_noun(self):
        # Django's Swedish names the model with the verb "omdirigera": "Lade till omdirigera …".
        admin = User.objects.create_superuser("chefred", "chef@example.com", "long-pw-9876!")
        self.client.force_login(admin)
        added = self.client.post(
            reverse("admin:redirects_redirect_add"),
            {
                "site": settings.SITE_ID,
                "old_path": "/gammal/",
                "new_path": "/ny/",
                "_continue": "1",
            },
        )
        [message] = self.messages(added)
        self.assertTrue(message.startswith("Lade till omdirigering ”/gammal/"), message)
        listed = self.client.get(reverse("admin:redirects_redirect_changelist"))
        self.assertContains(listed, "Välj omdirigering att ändra")

    def test_deleting_and_a_missing_object_read_as_swedish(self):
        section = make_section(name_sv="Kultur")
        deleted = self.client.post(
            reverse("admin:articles_section_delete", args=[section.pk]),
            {"post": "yes"},
            follow=True,  # its message shown
        )
        self.assertEqual(self.messages(deleted), ["Raderade sektion ”Kultur”."])
        missing = self.client.get(
            reverse("admin:articles_section_change", args=[section.pk]), follow=True
        )
        self.assertEqual(
            self.messages(missing),
            [f"Det finns ingen sektion med id ”{section.pk}”. Den kan ha raderats."],
        )
