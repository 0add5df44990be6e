"""Editors cannot undo each other's work unknowingly, and a deletion says what it leaves behind."""

import html
import importlib
import re
import threading
import time
from datetime import timedelta
from pathlib import Path
from unittest import skipUnless

from django.apps import apps
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection, transaction
from django.test import Client, TestCase, TransactionTestCase
from django.urls import reverse
from django.utils import timezone

from articles.models import Article, ArticleViewDay, Image, Section
from articles.services import image_renditions_create
from tests.articles.test_editorial import make_user
from tests.factories import (
    article_form_data,
    image_bytes,
    make_article,
    make_author,
    make_image,
    make_section,
)

# The messages are checked in English: their Swedish is in locale/, made separately.
ENGLISH = {"accept-language": "en"}


def version_in(response):
    """The version the page's form will send back, as the browser sees it."""
    [field] = re.findall(r'<input type="hidden" name="edited_version"[^>]*>', response.text)
    return html.unescape(re.search(r'value="([^"]*)"', field)[1])


def image_form_data(image, **changes):
    """The image's admin change form as an editor would post it (without a new file)."""
    data = {
        "source": image.source,
        "credit": image.credit,
        "alt_text": image.alt_text,
        "alt_text_en": image.alt_text_en,
        "focal_x": image.focal_x,
        "focal_y": image.focal_y,
    }
    if image.decorative:
        data["decorative"] = "on"
    data.update(changes)
    return data


def author_form_data(author, **changes):
    """The author's admin change form as an editor would post it."""
    return {"name": author.name, "slug": author.slug, "email": author.email, **changes}


def section_form_data(section, **changes):
    """The section's admin change form as an editor would post it."""
    data = {
        "name_sv": section.name_sv,
        "name_en": section.name_en,
        "slug": section.slug,
        "slug_en": section.slug_en,
        "position": section.position,
    }
    data.update(changes)
    return data


class ConflictTestCase(TestCase):
    """Two editors, the day editor and the night editor, on the same object."""

    model_name = None  # "image", "section" or "author"

    @classmethod
    def setUpTestData(cls):
        cls.first = make_user("redaktor", role="Editor")
        cls.second = make_user("nattredaktor", role="Editor")

    def url(self, obj):
        return reverse(f"admin:articles_{self.model_name}_change", args=[obj.pk])

    def open_form(self, user, obj):
        self.client.force_login(user)
        return version_in(self.client.get(self.url(obj)))

    def save(self, user, obj, data):
        self.client.force_login(user)
        return self.client.post(self.url(obj), data, headers=ENGLISH)

    def assert_refused(self, response):
        """The form is shown again with the conflict as its one error, and a new version."""
        self.assertEqual(response.status_code, 200)
        form = response.context["adminform"].form
        [error] = form.non_field_errors().as_data()
        self.assertEqual(error.code, "edit_conflict")
        self.assertEqual(dict(form.errors), {"__all__": form.non_field_errors()})
        return error.message


class ImageEditConflictTests(ConflictTestCase):
    model_name = "image"

    def test_a_save_on_top_of_someone_elses_later_change_is_refused(self):
        image = make_image(alt_text="En hamn")
        stale = self.open_form(self.first, image)
        fresh = self.open_form(self.second, image)
        data = image_form_data(image, alt_text="Hamnen i Visby", edited_version=fresh)
        self.assertEqual(self.save(self.second, image, data).status_code, 302)

        data = image_form_data(image, alt_text="Hamnen i Slite", edited_version=stale)
        response = self.save(self.first, image, data)

        message = self.assert_refused(response)
        self.assertIn("The image was changed after you opened it", message)
        self.assertNotIn("nattredaktor", message)  # image changes keep no record of who
        self.assertContains(response, "Hamnen i Slite")  # the refused edit is still in the form
        image.refresh_from_db()
        self.assertEqual(image.alt_text, "Hamnen i Visby")

    def test_saving_again_after_the_warning_replaces_the_other_version(self):
        image = make_image(credit="Foto: Karin Lund")
        stale = self.open_form(self.first, image)
        data = image_form_data(
            image, credit="Foto: TT", edited_version=self.open_form(self.second, image)
        )
        self.save(self.second, image, data)
        data = image_form_data(image, credit="Foto: Newsroom", edited_version=stale)
        refused = self.save(self.first, image, data)
        self.assert_refused(refused)

        data["edited_version"] = version_in(refused)
        response = self.save(self.first, image, data)

        self.assertEqual(response.status_code, 302)
        image.refresh_from_db()
        self.assertEqual(image.credit, "Foto: Newsroom")

    def test_a_refused_new_file_is_kept_out_of_storage_and_must_be_chosen_again(self):
        image = make_image()
        stale = self.open_form(self.first, image)
        data = image_form_data(image, focal_x=20, edited_version=self.open_form(self.second, image))
        self.save(self.second, image, data)
        upload = SimpleUploadedFile("ny.jpg", image_bytes(color=(200, 0, 0)), "image/jpeg")
        data = image_form_data(image, file=upload, edited_version=stale)

        message = self.assert_refused(self.save(self.first, image, data))

        self.assertIn("Choose the new file again before you save.", message)
        self.assertEqual(Image.objects.get(pk=image.pk).file.name, image.file.name)
        self.assertEqual(list(Path(settings.MEDIA_ROOT).rglob("ny*")), [])

    def test_renditions_made_anew_meanwhile_are_no_conflict(self):
        # The form edits none of what they change: saving it cannot undo them.
        image = make_image()
        version = self.open_form(self.first, image)
        image_renditions_create(image=image)

        data = image_form_data(image, alt_text="Ny alt-text", edited_version=version)
        response = self.save(self.first, image, data)

        self.assertEqual(response.status_code, 302)
        image.refresh_from_db()
        self.assertEqual(image.alt_text, "Ny alt-text")

    def test_a_form_with_an_empty_or_no_version_is_refused_not_saved(self):
        image = make_image(alt_text="En hamn")
        for version in ({"edited_version": ""}, {}):
            with self.subTest(version=version):
                data = image_form_data(image, alt_text="Utan version", **version)
                self.assert_refused(self.save(self.first, image, data))
                image.refresh_from_db()
                self.assertEqual(image.alt_text, "En hamn")


class SectionEditConflictTests(ConflictTestCase):
    model_name = "section"

    def test_a_save_on_top_of_someone_elses_later_change_is_refused_then_can_replace_it(self):
        section = make_section(slug="sport", name_sv="Sport", name_en="Sports")
        stale = self.open_form(self.first, section)
        fresh = self.open_form(self.second, section)
        data = section_form_data(section, name_en="Sport", edited_version=fresh)
        self.assertEqual(self.save(self.second, section, data).status_code, 302)

        data = section_form_data(section, name_sv="Idrott", edited_version=stale)
        refused = self.save(self.first, section, data)

        message = self.assert_refused(refused)
        self.assertIn("The section was changed after you opened it", message)
        self.assertContains(refused, 'value="Idrott"')
        section.refresh_from_db()
        self.assertEqual((section.name_sv, section.name_en), ("Sport", "Sport"))

        data["edited_version"] = version_in(refused)
        self.assertEqual(self.save(self.first, section, data).status_code, 302)
        section.refresh_from_db()
        self.assertEqual((section.name_sv, section.name_en), ("Idrott", "Sports"))

    def test_a_section_opened_and_saved_by_one_editor_is_saved(self):
        section = make_section(name_sv="Kultur")
        version = self.open_form(self.first, section)
        data = section_form_data(section, name_sv="Kultur och nöje", edited_version=version)
        self.assertEqual(self.save(self.first, section, data).status_code, 302)
        self.assertEqual(Section.objects.get(pk=section.pk).name_sv, "Kultur och nöje")


class AuthorEditConflictTests(ConflictTestCase):
    model_name = "author"

    def test_a_save_on_top_of_someone_elses_later_change_is_refused_then_can_replace_it(self):
        author = make_author(name="Anna Berg", slug="anna-berg", email="")
        stale = self.open_form(self.first, author)
        fresh = self.open_form(self.second, author)
        data = author_form_data(author, email="anna.berg@example.com", edited_version=fresh)
        self.assertEqual(self.save(self.second, author, data).status_code, 302)

        data = author_form_data(author, name="Anna Bergh", edited_version=stale)
        refused = self.save(self.first, author, data)

        message = self.assert_refused(refused)
        self.assertIn("The author was changed after you opened it", message)
        self.assertContains(refused, 'value="Anna Bergh"')
        author.refresh_from_db()
        self.assertEqual((author.name, author.email), ("Anna Berg", "anna.berg@example.com"))

        data["edited_version"] = version_in(refused)
        self.assertEqual(self.save(self.first, author, data).status_code, 302)
        author.refresh_from_db()
        # Replaced knowingly: the form as this editor saw it, the e-mail address left empty.
        self.assertEqual((author.name, author.email), ("Anna Bergh", ""))


class ArticleDeletionTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.editor = make_user("redaktor", role="Editor")

    def setUp(self):
        self.client.force_login(self.editor)

    def delete_page(self, article):
        url = reverse("admin:articles_article_delete", args=[article.pk])
        return self.client.get(url, headers=ENGLISH)

    def delete_selected(self, articles, **confirm):
        return self.client.post(
            reverse("admin:articles_article_changelist"),
            {"action": "delete_selected", "_selected_action": [a.pk for a in articles], **confirm},
            headers=ENGLISH,
        )

    def test_deleting_an_original_names_and_links_the_translation_it_keeps(self):
        original = make_article(headline="Toppmöte i Tokyo")
        translation = make_article(
            language="en", translation_of=original, headline="Summit in <Tokyo>"
        )

        response = self.delete_page(original)

        self.assertContains(
            response,
            "The version in English, <a href="
            f'"{reverse("admin:articles_article_change", args=[translation.pk])}">'
            "Summit in &lt;Tokyo&gt;</a> (published), is not deleted. It stays as it is, "
            "but is no longer linked to this article.",
            html=True,
        )
        self.client.post(
            reverse("admin:articles_article_delete", args=[original.pk]), {"post": "yes"}
        )
        translation.refresh_from_db()  # as the page said: kept, on its own
        self.assertIsNone(translation.translation_of)
        self.assertNotContains(self.delete_page(translation), "is not deleted")

    def test_a_scheduled_translation_kept_is_called_scheduled_not_published(self):
        original = make_article(headline="Toppmöte i Tokyo")
        make_article(
            language="en",
            translation_of=original,
            headline="Summit in Tokyo",
            published_at=timezone.now() + timedelta(days=1),
        )
        response = self.delete_page(original)
        self.assertContains(response, "Summit in Tokyo</a> (scheduled), is not deleted.")

    def test_a_translation_left_without_its_original_gets_a_revision_saying_so(self):
        for way in ("delete page", "delete selected"):
            with self.subTest(way):
                original = make_article(headline=f"Toppmöte i Tokyo ({way})")
                translation = make_article(language="en", translation_of=original)
                revisions = translation.history.count()

                if way == "delete page":
                    url = reverse("admin:articles_article_delete", args=[original.pk])
                    self.client.post(url, {"post": "yes"})
                else:
                    self.delete_selected([original], post="yes")

                self.assertEqual(translation.history.count(), revisions + 1)
                latest = translation.history.latest()
                self.assertEqual(latest.history_type, "~")
                self.assertIsNone(latest.translation_of_id)
                self.assertEqual(latest.history_user, self.editor)
                delta = latest.diff_against(latest.prev_record)
                self.assertEqual(delta.changed_fields, ["translation_of"])

    def test_deleting_a_translation_names_the_original_it_keeps(self):
        original = make_article(headline="Toppmöte i Tokyo", status=Article.Status.DRAFT)
        translation = make_article(language="en", translation_of=original)

        response = self.delete_page(translation)

        self.assertContains(response, "The version in Swedish, <a href=")
        self.assertContains(response, "Toppmöte i Tokyo</a> (draft), is not deleted.")

    def test_deleting_selected_articles_names_only_the_translations_left_behind(self):
        kept_original = make_article(headline="Valet i Sverige")
        deleted_translation = make_article(language="en", translation_of=kept_original)
        pair_original = make_article(headline="Stormen drar in")
        pair_translation = make_article(
            language="en", translation_of=pair_original, headline="The storm arrives"
        )

        response = self.delete_selected([deleted_translation, pair_original, pair_translation])

        self.assertContains(response, "is not deleted", count=1)
        self.assertContains(
            response,
            "Valet i Sverige</a> (published), is not deleted. It stays as it is, but is no "
            "longer linked to the version deleted here.",
        )
        self.delete_selected([deleted_translation, pair_original, pair_translation], post="yes")
        self.assertQuerySetEqual(Article.objects.all(), [kept_original])

    def test_the_rows_linking_an_article_to_its_authors_are_not_listed_as_deleted(self):
        article = make_article(authors=[make_author(name="Anna Berg"), make_author(name="Bo Ek")])
        pages = {
            "delete, in English": self.delete_page(article),
            "delete, in Swedish": self.client.get(
                reverse("admin:articles_article_delete", args=[article.pk])
            ),
            "delete selected": self.delete_selected([article]),
        }
        for page, response in pages.items():
            with self.subTest(page):
                summary = [*response.context["model_count"]]
                self.assertEqual(len(summary), 1)
                self.assertEqual(summary[0][1], 1)  # one article, nothing else
                self.assertNotContains(response, "Article-author")
                self.assertNotContains(response, "Article_authors")
                self.assertNotContains(response, "1. Anna Berg")  # a Byline row

    def test_an_editor_can_delete_an_article_that_readers_have_read(self):
        # Its page view counts are its own statistics and go with it, although editors may
        # only read them: they are no reason to refuse the deletion.
        article = make_article(headline="Läst av många")
        ArticleViewDay.objects.create(article=article, date="2026-11-20", views=40, visitors=31)
        for page, response in {
            "delete": self.delete_page(article),
            "delete selected": self.delete_selected([article]),
        }.items():
            with self.subTest(page):
                self.assertEqual(response.context["perms_lacking"], set())
                self.assertEqual(
                    dict(response.context["model_count"]),
                    {"articles": 1, "daily page views": 1},
                )
        url = reverse("admin:articles_article_delete", args=[article.pk])
        self.assertEqual(self.client.post(url, {"post": "yes"}).status_code, 302)
        self.assertFalse(Article.objects.exists())
        self.assertFalse(ArticleViewDay.objects.exists())


@skipUnless(
    connection.vendor == "postgresql",
    "SQLite takes its write lock as a transaction begins: its saves never overlap.",
)
class OverlappingSaveTests(TransactionTestCase):
    """A save that starts while another editor's save of the same article is not yet committed."""

    # Seconds for the save under test to reach the lock: generous, it is not a measurement.
    LOCK_WAIT_TIMEOUT = 30

    def setUp(self):
        # The role comes from a data migration, which a transactional test's flush deletes.
        # (serialized_rollback would bring it back, but leave the database empty after: the
        # transactional tests that follow would find no Site.)
        importlib.import_module("articles.migrations.0004_editor_role").create_role(apps, None)
        self.editor = make_user("redaktor", role="Editor")
        self.article = make_article(headline="Rubrik från början")
        self.client.force_login(self.editor)

    def post_while_another_save_commits(self, url, data):
        """POST while another transaction holds the article's row; let it commit once waited on."""
        responses = []

        def post():
            try:
                responses.append(self.client.post(url, data))
            finally:
                connection.close()  # this thread's own connection

        with transaction.atomic():
            Article.objects.filter(pk=self.article.pk).update(
                headline="Nattredaktörens rubrik", updated_at=timezone.now()
            )
            thread = threading.Thread(target=post)
            thread.start()
            self.wait_for_a_lock_wait()
        thread.join(self.LOCK_WAIT_TIMEOUT)
        self.assertFalse(thread.is_alive())
        return responses[0]

    def wait_for_a_lock_wait(self):
        # pg_locks is read anew on every query, also inside this transaction.
        deadline = time.monotonic() + self.LOCK_WAIT_TIMEOUT
        with connection.cursor() as cursor:
            while time.monotonic() < deadline:
                cursor.execute("SELECT count(*) FROM pg_locks WHERE NOT granted")
                if cursor.fetchone()[0]:
                    return
                time.sleep(0.05)
        self.fail("The save under test never waited for the other one.")

    def assert_kept_and_refused(self, response):
        self.assertEqual(response.status_code, 200)
        [error] = response.context["adminform"].form.non_field_errors().as_data()
        self.assertEqual(error.code, "edit_conflict")
        self.article.refresh_from_db()
        self.assertEqual(self.article.headline, "Nattredaktörens rubrik")

    def test_a_change_form_waits_for_the_other_save_and_is_refused(self):
        url = reverse("admin:articles_article_change", args=[self.article.pk])
        # Opened before the other save: the version it was opened on is the one checked.
        data = article_form_data(self.article, headline="Dagredaktörens rubrik")

        self.assert_kept_and_refused(self.post_while_another_save_commits(url, data))

    def test_restoring_a_revision_waits_for_the_other_save_and_is_refused(self):
        revision = self.article.history.earliest()
        url = reverse("admin:articles_article_simple_history", args=[self.article.pk, revision.pk])
        version = version_in(self.client.get(url))
        data = article_form_data(
            self.article, headline="Rubrik från början", edited_version=version
        )

        self.assert_kept_and_refused(self.post_while_another_save_commits(url, data))


class SectionListTests(ConflictTestCase):
    """The section list, where positions are changed in place."""

    model_name = "section"

    def list_as_opened(self, user):
        """The list's form as the page sends it back unchanged: every input with its value."""
        self.client.force_login(user)
        page = self.client.get(reverse("admin:articles_section_changelist"))
        inputs = re.findall(r"<input [^>]*>", page.text)
        data = {}
        for tag in inputs:
            name = re.search(r'name="([^"]*)"', tag)
            value = re.search(r'value="([^"]*)"', tag)
            if name and 'type="checkbox"' not in tag and 'type="submit"' not in tag:
                data[html.unescape(name[1])] = html.unescape(value[1]) if value else ""
        return data

    def row_field(self, data, section, field):
        [prefix] = [
            key[: -len("-id")]
            for key, value in data.items()
            if key.endswith("-id") and value == str(section.pk)
        ]
        return f"{prefix}-{field}"

    def test_moving_one_section_keeps_the_moves_made_meanwhile_to_others(self):
        news = make_section(name_sv="Nyheter", slug="nyheter", position=1)
        sport = make_section(name_sv="Sport", slug="sport", position=2)
        data = self.list_as_opened(self.first)
        # Meanwhile the night editor moves Sport first, in its own form.
        version = self.open_form(self.second, sport)
        changed = section_form_data(sport, position=0, edited_version=version)
        self.assertEqual(self.save(self.second, sport, changed).status_code, 302)

        data[self.row_field(data, news, "position")] = "5"
        self.client.force_login(self.first)
        response = self.client.post(
            reverse("admin:articles_section_changelist"), {**data, "_save": "Spara"}
        )

        self.assertEqual(response.status_code, 302)
        self.assertEqual(Section.objects.get(pk=news.pk).position, 5)
        self.assertEqual(Section.objects.get(pk=sport.pk).position, 0)


class OversizedArticleTests(TestCase):
    """An article over the site's upload limit is refused with a page that says why."""

    @classmethod
    def setUpTestData(cls):
        cls.editor = make_user("redaktor", role="Editor")
        cls.article = make_article(body="Kort text.")

    def test_too_long_a_text_gets_a_413_that_says_so_and_keeps_the_article(self):
        # As in production: the exception becomes the error page instead of reaching the test.
        self.client = Client(raise_request_exception=False)
        self.client.force_login(self.editor)
        body = "Ett ord. " * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE // 9 + 1)
        response = self.client.post(
            reverse("admin:articles_article_change", args=[self.article.pk]),
            article_form_data(self.article, body=body),
            headers=ENGLISH,
        )
        self.assertEqual(response.status_code, 413)
        self.assertContains(response, "Too much to send", status_code=413)
        self.assertContains(response, "so nothing was saved", status_code=413)
        # Not the limit in megabytes: it counts the form as sent, where å takes six bytes.
        self.assertNotContains(response, "MB", status_code=413)
        self.assertContains(
            response, "Up to 170,000 characters of text always fit", status_code=413
        )
        self.assertContains(response, "still in the form", status_code=413)
        self.article.refresh_from_db()
        self.assertEqual(self.article.body, "Kort text.")

    def test_as_many_characters_as_the_page_promises_are_accepted(self):
        # The worst case: each character four bytes in UTF-8, twelve as the form sends it.
        self.client.force_login(self.editor)
        data = article_form_data(self.article, body="")
        typed = sum(len(value) for value in data.values() if isinstance(value, str))
        body = "🗳" * (170_000 - typed)
        response = self.client.post(
            reverse("admin:articles_article_change", args=[self.article.pk]),
            {**data, "body": body},
            headers=ENGLISH,
        )
        self.assertEqual(response.status_code, 302)
        self.article.refresh_from_db()
        self.assertEqual(self.article.body, body)
