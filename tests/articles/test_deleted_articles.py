"""Editors find deleted articles in the admin and restore them, as drafts, with their byline."""

from datetime import timedelta
from unittest import mock

from django.contrib.auth.models import Group, Permission, User
from django.core.exceptions import ValidationError
from django.test import TestCase
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape, format_html
from django.utils.translation import gettext, ngettext, override

from articles.admin import ArticleAdmin
from articles.models import Article, article_history
from articles.services import article_byline_set, article_translation_create, deleted_articles
from newsroom.cache import current_generation
from tests.factories import (
    article_form_data,
    make_article,
    make_author,
    make_image,
    make_section,
)

DELETED_URL = reverse("admin:articles_article_deleted")


def sv(text, **values):
    """A message as editors read it (the admin speaks Swedish), escaped as pages show it."""
    with override("sv"):
        return escape(gettext(text) % values if values else gettext(text))


def make_editor(username="redaktor"):
    editor = User.objects.create_user(username, is_staff=True)
    editor.groups.add(Group.objects.get(name="Editor"))
    return editor


def delete_in_admin(client, article):
    """Delete an article as an editor does, through the admin's confirmation page."""
    url = reverse("admin:articles_article_delete", args=[article.pk])
    response = client.post(url, {"post": "yes"})
    assert response.status_code == 302, response


def restore_url(article_id):
    return reverse("admin:articles_article_restore", args=[latest_deletion(article_id).pk])


def latest_deletion(article_id):
    return Article.history.filter(id=article_id, history_type="-").latest("history_id")


class DeletedArticleListTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.editor = make_editor()
        cls.section = make_section(name_sv="Inrikes", name_en="Domestic")

    def setUp(self):
        self.client.force_login(self.editor)

    def deleted_article(self, **fields):
        fields.setdefault("section", self.section)
        article = make_article(**fields)
        delete_in_admin(self.client, article)
        return article

    def test_the_article_list_links_to_the_deleted_articles(self):
        response = self.client.get(reverse("admin:articles_article_changelist"))
        self.assertContains(response, f'href="{DELETED_URL}"')
        self.assertContains(response, sv("Deleted articles"))

    def test_the_list_names_each_deleted_article_newest_deletion_first(self):
        older = self.deleted_article(headline="Äldre nyhet", language="en")
        newer = self.deleted_article(headline="Nyare nyhet")
        make_article(headline="Levande nyhet", section=self.section)
        response = self.client.get(DELETED_URL)
        listed = [deletion.headline for deletion in response.context["page_obj"]]
        self.assertEqual(listed, ["Nyare nyhet", "Äldre nyhet"])
        content = response.content.decode()
        for text in (sv("English"), sv("Swedish"), "Inrikes", "redaktor"):
            self.assertIn(text, content)
        self.assertContains(response, reverse("admin:articles_article_history", args=[older.pk]))
        self.assertContains(response, restore_url(newer.pk))

    def test_a_restored_article_is_no_longer_listed_and_one_deleted_again_is_listed_once(self):
        article = self.deleted_article(headline="Tillbaka igen")
        self.client.post(restore_url(article.pk))
        self.assertEqual(list(self.client.get(DELETED_URL).context["page_obj"]), [])
        delete_in_admin(self.client, Article.objects.get(pk=article.pk))
        self.assertEqual(list(deleted_articles().values_list("id", flat=True)), [article.pk])

    def test_a_section_deleted_since_is_named_as_deleted(self):
        section = make_section()
        article = make_article(section=section)
        delete_in_admin(self.client, article)
        section_pk = section.pk
        section.delete()
        self.assertContains(
            self.client.get(DELETED_URL),
            sv("%(model)s no. %(pk)s, since deleted", model="Sektion", pk=section_pk),
        )

    def test_the_list_queries_are_fixed_whatever_the_number_of_articles(self):
        self.deleted_article()
        # Session, user, the user's two sets of permissions, the count and the page's rows.
        with self.assertNumQueries(6):
            self.client.get(DELETED_URL)
        for _ in range(5):
            self.deleted_article(section=make_section(), authors=[make_author(), make_author()])
        with self.assertNumQueries(6):
            response = self.client.get(DELETED_URL)
        self.assertEqual(len(response.context["page_obj"]), 6)

    def test_readers_of_articles_may_not_see_deleted_articles(self):
        reader = User.objects.create_user("lasare", is_staff=True)
        reader.user_permissions.set(
            Permission.objects.filter(codename__in=["view_article", "change_article"])
        )
        article = self.deleted_article()
        self.client.force_login(reader)
        self.assertEqual(self.client.get(DELETED_URL).status_code, 403)
        self.assertEqual(self.client.get(restore_url(article.pk)).status_code, 403)
        self.assertEqual(self.client.post(restore_url(article.pk)).status_code, 403)
        self.assertFalse(Article.objects.filter(pk=article.pk).exists())
        response = self.client.get(reverse("admin:articles_article_changelist"))
        self.assertNotContains(response, DELETED_URL)

    def test_anonymous_visitors_are_sent_to_log_in(self):
        self.client.logout()
        response = self.client.get(DELETED_URL)
        self.assertEqual(response.status_code, 302)
        self.assertIn(reverse("admin:login"), response["Location"])


class RestoreTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.editor = make_editor()
        cls.anna = make_author(name="Anna Berg")
        cls.bo = make_author(name="Bo Ek")
        cls.cecilia = make_author(name="Cecilia Dahl")
        cls.section = make_section(name_sv="Inrikes", name_en="Domestic")

    def setUp(self):
        self.client.force_login(self.editor)

    def deleted_article(self, **fields):
        fields.setdefault("authors", [self.cecilia, self.anna, self.bo])
        fields.setdefault("section", self.section)
        article = make_article(
            headline="Toppmöte i Stockholm",
            slug="toppmote-i-stockholm",
            lede="Ledarna möts.",
            body="Första stycket.",
            **fields,
        )
        created_at = article.created_at
        delete_in_admin(self.client, article)
        return article, created_at

    def restore(self, article_id, data=None):
        return self.client.post(restore_url(article_id), data or {})

    def test_a_deleted_articles_revisions_are_shown_not_restored_from(self):
        # Reverting a revision would bring the article back as that revision was, live if it
        # was published, past the restore's draft, free address and byline checks.
        article, _created_at = self.deleted_article()
        revision = Article.history.filter(id=article.pk, history_type="+").get()
        url = reverse("admin:articles_article_simple_history", args=[article.pk, revision.pk])

        form = self.client.get(url)

        self.assertNotContains(form, 'name="_save"')
        self.assertContains(form, f'<a href="{restore_url(article.pk)}">')
        history = self.client.get(reverse("admin:articles_article_history", args=[article.pk]))
        self.assertNotContains(
            history,
            sv("Choose a date from the list below to revert to a previous version of this object."),
        )
        data = {
            **article_form_data(revision.instance, authors=[]),
            "edited_version": form.context["adminform"].form["edited_version"].value(),
        }
        response = self.client.post(url, data)
        self.assertRedirects(response, restore_url(article.pk), fetch_redirect_response=False)
        self.assertFalse(Article.objects.filter(pk=article.pk).exists())

    def test_restoring_brings_back_the_last_saved_content_as_a_draft_with_its_byline(self):
        image = make_image()
        article, created_at = self.deleted_article(
            lead_image=image, lead_image_caption="Ledarna i hamnen"
        )
        url = restore_url(article.pk)
        confirmation = self.client.get(url)
        self.assertContains(confirmation, "Toppmöte i Stockholm")
        self.assertContains(confirmation, sv("Yes, restore it as a draft"))
        self.assertContains(confirmation, 'name="csrfmiddlewaretoken"')
        self.assertFalse(Article.objects.filter(pk=article.pk).exists())  # GET changes nothing

        response = self.restore(article.pk)
        self.assertRedirects(response, reverse("admin:articles_article_change", args=[article.pk]))
        restored = Article.objects.get(pk=article.pk)
        self.assertEqual(
            (
                restored.headline,
                restored.slug,
                restored.lede,
                restored.body,
                restored.section,
                restored.lead_image,
                restored.lead_image_caption,
                restored.language,
                restored.created_at,
            ),
            (
                "Toppmöte i Stockholm",
                "toppmote-i-stockholm",
                "Ledarna möts.",
                "Första stycket.",
                self.section,
                image,
                "Ledarna i hamnen",
                "sv",
                created_at,
            ),
        )
        self.assertIn("<p>Första stycket.</p>", restored.body_html)
        self.assertEqual(restored.status, Article.Status.DRAFT)
        self.assertEqual(restored.published_at, article.published_at)  # kept for republishing
        self.assertEqual(restored.byline, [self.cecilia, self.anna, self.bo])

        revision = restored.history.latest()
        self.assertEqual(revision.history_type, "+")
        self.assertEqual(revision.history_user, self.editor)
        self.assertEqual(escape(revision.history_change_reason), sv("Restored after deletion"))
        self.assertEqual(
            list(revision.authors.order_by("position").values_list("author", flat=True)),
            [self.cecilia.pk, self.anna.pk, self.bo.pk],
        )
        self.assertEqual(restored.history.filter(history_type="+").count(), 2)

    def test_restoring_is_a_post_only_confirmed_with_csrf(self):
        article, _created = self.deleted_article()
        client = self.client_class(enforce_csrf_checks=True)
        client.force_login(self.editor)
        self.assertEqual(client.post(restore_url(article.pk)).status_code, 403)
        self.assertEqual(self.client.put(restore_url(article.pk)).status_code, 405)
        self.assertFalse(Article.objects.filter(pk=article.pk).exists())

    def test_restoring_twice_says_it_is_restored_already(self):
        article, _created = self.deleted_article()
        url = restore_url(article.pk)
        self.restore(article.pk)
        response = self.client.post(url, follow=True)
        self.assertContains(response, sv("This article has been restored already."))
        self.assertEqual(Article.objects.filter(pk=article.pk).count(), 1)

    def test_an_editor_beaten_to_the_restore_is_told_once_it_is_restored_already(self):
        # Two editors confirm at once: the second's page found the article deleted, and its
        # restore finds it back (RestoreRefused). One message, and the article's page.
        article, _created = self.deleted_article()
        url = restore_url(article.pk)
        deletion = latest_deletion(article.pk)
        self.restore(article.pk)
        with mock.patch.object(ArticleAdmin, "_deleted_revision", return_value=deletion):
            response = self.client.post(url)
        response = self.client.get(response["Location"], follow=True)
        self.assertEqual(
            response.redirect_chain[-1][0],
            reverse("admin:articles_article_change", args=[article.pk]),
        )
        messages = [str(message) for message in response.context["messages"]]
        self.assertEqual(messages.count(sv("This article has been restored already.")), 1)

    def test_an_unknown_or_impossible_revision_is_not_found(self):
        for history_id in ("999999", "abc", "99999999999999999999999"):
            url = reverse("admin:articles_article_restore", args=[history_id])
            self.assertEqual(self.client.get(url).status_code, 404)

    def test_a_revision_that_is_no_deletion_is_not_found_nor_called_restored(self):
        # The address of an article's first or a later revision, hand-typed: nothing was
        # deleted, so nothing "has been restored already".
        article = make_article(section=self.section, authors=[self.anna])
        article.headline = "Ändrad rubrik"
        article.save()
        for revision in Article.history.filter(id=article.pk):
            url = reverse("admin:articles_article_restore", args=[revision.history_id])
            with self.subTest(history_type=revision.history_type):
                self.assertEqual(self.client.get(url).status_code, 404)
                self.assertEqual(self.client.post(url).status_code, 404)

    def test_restoring_purges_the_page_cache(self):
        article, _created = self.deleted_article()
        before = current_generation()
        self.restore(article.pk)
        self.assertNotEqual(current_generation(), before)

    def test_a_translation_keeps_its_link_to_an_original_that_still_exists(self):
        original = make_article(section=self.section, authors=[self.anna])
        translation, _created = article_translation_create(article=original)
        delete_in_admin(self.client, translation)
        self.restore(translation.pk)
        self.assertEqual(Article.objects.get(pk=translation.pk).translation_of, original)

    def test_a_translation_whose_original_was_translated_anew_is_restored_on_its_own(self):
        original = make_article(section=self.section, authors=[self.anna])
        translation, _created = article_translation_create(article=original)
        delete_in_admin(self.client, translation)
        again, _created = article_translation_create(article=original)
        self.restore(translation.pk)
        restored = Article.objects.get(pk=translation.pk)
        self.assertIsNone(restored.translation_of)
        self.assertEqual(list(original.translations.all()), [again])

    def test_a_taken_slug_is_replaced_by_a_free_one_the_page_names(self):
        article, _created = self.deleted_article()
        make_article(headline="Nytt toppmöte", slug="toppmote-i-stockholm", section=self.section)
        confirmation = self.client.get(restore_url(article.pk))
        self.assertContains(confirmation, "toppmote-i-stockholm-2")
        self.assertContains(confirmation, "Nytt toppmöte")
        response = self.restore(article.pk)
        self.assertEqual(response.status_code, 302)
        self.assertEqual(Article.objects.get(pk=article.pk).slug, "toppmote-i-stockholm-2")

    def test_authors_deleted_since_are_named_and_the_others_restored_in_order(self):
        article, _created = self.deleted_article()
        anna_pk = self.anna.pk
        self.anna.delete()
        note = f"Skribent nr {anna_pk}, numera raderad"
        self.assertContains(self.client.get(restore_url(article.pk)), note)
        response = self.restore(article.pk)
        restored = Article.objects.get(pk=article.pk)
        self.assertEqual(restored.byline, [self.cecilia, self.bo])
        self.assertContains(self.client.get(response["Location"]), note)

    def test_a_byline_whose_authors_are_all_gone_needs_an_author_chosen(self):
        article, _created = self.deleted_article(authors=[self.anna])
        self.anna.delete()
        page = self.client.get(restore_url(article.pk))
        self.assertContains(page, 'name="author"')
        response = self.restore(article.pk)
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, sv("This field is required."))
        self.assertFalse(Article.objects.filter(pk=article.pk).exists())

        self.restore(article.pk, {"author": self.bo.pk})
        self.assertEqual(Article.objects.get(pk=article.pk).byline, [self.bo])

    def test_a_section_deleted_since_needs_a_section_chosen(self):
        section = make_section()
        article, _created = self.deleted_article(section=section)
        section.delete()
        page = self.client.get(restore_url(article.pk))
        self.assertContains(page, 'name="section"')
        response = self.restore(article.pk)
        self.assertEqual(response.status_code, 200)
        self.assertFalse(Article.objects.filter(pk=article.pk).exists())

        self.restore(article.pk, {"section": self.section.pk})
        self.assertEqual(Article.objects.get(pk=article.pk).section, self.section)

    def test_a_lead_image_deleted_since_is_left_out_and_the_editor_told(self):
        image = make_image()
        article, _created = self.deleted_article(lead_image=image, lead_image_caption="Hamnen")
        image.delete()
        note = sv(
            "Its lead image has been deleted since: it is restored without it and its caption."
        )
        self.assertContains(self.client.get(restore_url(article.pk)), note)
        response = self.restore(article.pk)
        restored = Article.objects.get(pk=article.pk)
        self.assertEqual((restored.lead_image, restored.lead_image_caption), (None, ""))
        self.assertContains(self.client.get(response["Location"]), note)

    def test_the_byline_comes_from_the_last_revision_before_the_deletion(self):
        article = make_article(section=self.section, authors=[self.anna, self.bo])
        article_byline_set(article=article, authors=[self.bo, self.cecilia])
        article_history.create_historical_record(article, "~")
        delete_in_admin(self.client, article)
        self.restore(article.pk)
        self.assertEqual(Article.objects.get(pk=article.pk).byline, [self.bo, self.cecilia])

    def test_a_restored_draft_with_a_future_time_is_still_a_draft(self):
        article, _created = self.deleted_article(published_at=timezone.now() + timedelta(days=1))
        self.restore(article.pk)
        self.assertFalse(Article.objects.published().filter(pk=article.pk).exists())
        self.assertFalse(Article.objects.scheduled().filter(pk=article.pk).exists())

    def test_the_history_page_of_a_deleted_article_opens(self):
        article, _created = self.deleted_article()
        response = self.client.get(reverse("admin:articles_article_history", args=[article.pk]))
        self.assertContains(response, escape("Toppmöte i Stockholm"))


class RestoreTranslationLinkTests(TestCase):
    """Restoring an original links again the translations its deletion unlinked, and back."""

    @classmethod
    def setUpTestData(cls):
        cls.editor = make_editor()
        cls.anna = make_author(name="Anna Berg")
        cls.section = make_section(name_sv="Utrikes", name_en="World")

    def setUp(self):
        self.client.force_login(self.editor)

    def story(self):
        """A Swedish original and its English translation."""
        original = make_article(
            headline="Toppmöte i Stockholm", section=self.section, authors=[self.anna]
        )
        translation, _created = article_translation_create(article=original)
        Article.objects.filter(pk=translation.pk).update(headline="Summit in Stockholm")
        translation.refresh_from_db()
        return original, translation

    def restore(self, article_id, data=None):
        return self.client.post(restore_url(article_id), data or {}, follow=True)

    def test_restoring_an_original_links_the_translation_its_deletion_unlinked_again(self):
        original, translation = self.story()
        delete_in_admin(self.client, original)
        self.assertIsNone(Article.objects.get(pk=translation.pk).translation_of)
        note = sv(
            "Its version in %(language)s, “%(headline)s”, unlinked when this article was "
            "deleted, is linked to it again.",
            language=sv("English"),
            headline="Summit in Stockholm",
        )
        self.assertContains(self.client.get(restore_url(original.pk)), note)
        before = current_generation()

        response = self.restore(original.pk)
        self.assertContains(response, note)
        translation = Article.objects.get(pk=translation.pk)
        self.assertEqual(translation.translation_of, Article.objects.get(pk=original.pk))
        revision = translation.history.latest()
        self.assertEqual(
            (revision.history_type, revision.translation_of_id, revision.history_user),
            ("~", original.pk, self.editor),
        )
        self.assertEqual(
            escape(revision.history_change_reason), sv("Linked again to its restored original")
        )
        self.assertNotEqual(current_generation(), before)
        history = self.client.get(reverse("admin:articles_article_history", args=[translation.pk]))
        self.assertContains(history, escape(revision.history_change_reason))

    def test_a_translation_of_a_draft_original_is_restored_as_a_draft_saying_why(self):
        # Article.clean() refuses to publish it while its original is a draft: the editor
        # restoring it learns so now, not from a refusal once it is to be published.
        original, translation = self.story()
        Article.objects.filter(pk=original.pk).update(status=Article.Status.DRAFT)
        Article.objects.filter(pk=translation.pk).update(
            lede="The leaders meet.", body="The first paragraph."
        )
        delete_in_admin(self.client, translation)

        response = self.restore(translation.pk)

        restored = Article.objects.get(pk=translation.pk)
        self.assertEqual(restored.status, Article.Status.DRAFT)
        self.assertEqual(restored.translation_of_id, original.pk)
        self.assertContains(
            response,
            sv(
                "Its %(language)s original, “%(original)s”, is a draft: publish or schedule "
                "the original first.",
                language=sv("Swedish"),
                original="Toppmöte i Stockholm",
            ),
        )

    def test_a_restored_article_whose_text_breaks_a_rule_since_is_a_draft_saying_what(self):
        original, _translation = self.story()
        delete_in_admin(self.client, original)
        # Stored before today's rules: a lede with an HTML tag, which the form refuses now.
        latest_deletion(original.pk).__class__.objects.filter(id=original.pk).update(
            lede="Ledarna <b>möts</b>."
        )

        response = self.restore(original.pk)

        restored = Article.objects.get(pk=original.pk)
        self.assertEqual(restored.status, Article.Status.DRAFT)
        self.assertEqual(restored.lede, "Ledarna <b>möts</b>.")
        with self.assertRaises(ValidationError) as refusal:
            restored.full_clean()
        [problem] = refusal.exception.message_dict["lede"]
        self.assertContains(response, escape(problem))

    def test_what_stands_in_the_way_of_publishing_is_worded_for_the_restore(self):
        # The Publish action's "Not published: …" would read as if the restore had failed.
        original, _translation = self.story()
        delete_in_admin(self.client, original)
        latest_deletion(original.pk).__class__.objects.filter(id=original.pk).update(
            lede="Ledarna <b>möts</b>."
        )

        response = self.restore(original.pk)

        with override("sv"):
            link = format_html(
                '<a href="{}">{}</a>',
                reverse("admin:articles_article_change", args=[original.pk]),
                gettext("“%(headline)s”") % {"headline": "Toppmöte i Stockholm"},
            )
            opening = format_html(
                gettext("Correct this before {article} is published:"), article=link
            )
            action = gettext("Not published: {article}. Correct this first, then publish it:")
        self.assertContains(response, opening)
        self.assertNotContains(response, escape(action.split("{article}")[0]))

    def test_restoring_an_original_warns_of_a_published_translation_linked_to_it_again(self):
        original, translation = self.story()
        Article.objects.filter(pk=translation.pk).update(
            lede="The leaders meet.",
            body="The first paragraph.",
            status=Article.Status.PUBLISHED,
            published_at=timezone.now() - timedelta(minutes=5),
        )
        delete_in_admin(self.client, original)

        response = self.restore(original.pk)

        translation.refresh_from_db()
        self.assertEqual(translation.status, Article.Status.PUBLISHED)
        self.assertEqual(translation.translation_of_id, original.pk)
        with override("sv"):
            warning = ngettext(
                "%(articles)s, a translation of “%(original)s”, reaches readers before its "
                "original. Unpublish it, or give it a later time, if it should wait for the "
                "original.",
                "%(articles)s, translations of “%(original)s”, reach readers before their "
                "original. Unpublish them, or give them a later time, if they should wait for "
                "the original.",
                1,
            ) % {
                "articles": gettext("“%(headline)s”") % {"headline": "Summit in Stockholm"},
                "original": "Toppmöte i Stockholm",
            }
        self.assertContains(response, escape(warning))

    def test_a_translation_linked_to_another_original_since_is_left_as_it_is(self):
        original, translation = self.story()
        delete_in_admin(self.client, original)
        translation.refresh_from_db()
        other = make_article(section=self.section, authors=[self.anna])
        for link in (other, None):
            translation.translation_of = link
            translation.save()
        self.restore(original.pk)
        self.assertIsNone(Article.objects.get(pk=translation.pk).translation_of)

    def test_a_translation_given_a_translation_of_its_own_since_stays_apart_and_is_named(self):
        original, translation = self.story()
        delete_in_admin(self.client, original)
        article_translation_create(article=Article.objects.get(pk=translation.pk))
        note = sv(
            "Its version in %(language)s, “%(headline)s”, unlinked when this article was "
            "deleted, has a translation of its own since: it stays an article of its own.",
            language=sv("English"),
            headline="Summit in Stockholm",
        )
        self.assertContains(self.client.get(restore_url(original.pk)), note)
        response = self.restore(original.pk)
        self.assertContains(response, note)
        self.assertIsNone(Article.objects.get(pk=translation.pk).translation_of)
        self.assertEqual(Article.history.filter(id=translation.pk, history_type="~").count(), 1)

    def test_a_translation_now_in_the_originals_language_stays_apart_and_is_named(self):
        original, translation = self.story()
        delete_in_admin(self.client, original)
        translation.refresh_from_db()
        translation.language = "sv"
        translation.save()
        response = self.restore(original.pk)
        self.assertContains(
            response,
            sv(
                "“%(headline)s”, its version in another language until this article was "
                "deleted, is in %(language)s now, a language this article has a version in "
                "already: it stays an article of its own.",
                headline="Summit in Stockholm",
                language=sv("Swedish"),
            ),
        )
        self.assertIsNone(Article.objects.get(pk=translation.pk).translation_of)

    def test_the_two_deleted_one_after_the_other_are_linked_again_once_both_are_restored(self):
        for deleted_first in ("original", "translation"):
            for restored_first in ("original", "translation"):
                with self.subTest(deleted_first=deleted_first, restored_first=restored_first):
                    original, translation = self.story()
                    pair = [original, translation]
                    if deleted_first == "translation":
                        pair.reverse()
                    for article in pair:
                        delete_in_admin(self.client, article)
                    pair = [original, translation]
                    if restored_first == "translation":
                        pair.reverse()
                    for article in pair:
                        self.restore(article.pk)
                    self.assertEqual(
                        Article.objects.get(pk=translation.pk).translation_of_id, original.pk
                    )

    def test_both_deleted_together_are_linked_again_when_both_are_restored(self):
        for restored_first in ("original", "translation"):
            with self.subTest(restored_first=restored_first):
                original, translation = self.story()
                response = self.client.post(
                    reverse("admin:articles_article_changelist"),
                    {
                        "action": "delete_selected",
                        "_selected_action": [original.pk, translation.pk],
                        "post": "yes",
                    },
                )
                self.assertEqual(response.status_code, 302)
                self.assertFalse(Article.objects.filter(pk=original.pk).exists())
                order = [original, translation]
                if restored_first == "translation":
                    order.reverse()
                for article in order:
                    self.restore(article.pk)
                self.assertEqual(
                    Article.objects.get(pk=translation.pk).translation_of_id, original.pk
                )

    def test_a_translation_unlinked_by_its_originals_deletion_is_told_it_is_linked_again(self):
        original, translation = self.story()
        delete_in_admin(self.client, original)
        delete_in_admin(self.client, Article.objects.get(pk=translation.pk))
        self.restore(original.pk)
        note = sv(
            "It was a translation of “%(original)s” until that was deleted: that has been "
            "restored since, and it is linked to it again.",
            original="Toppmöte i Stockholm",
        )
        self.assertContains(self.client.get(restore_url(translation.pk)), note)
        response = self.restore(translation.pk)
        self.assertContains(response, note)
        self.assertEqual(Article.objects.get(pk=translation.pk).translation_of_id, original.pk)

    def test_a_translation_whose_original_became_a_translation_comes_back_on_its_own(self):
        original, translation = self.story()
        delete_in_admin(self.client, translation)
        english = make_article(language="en", section=self.section, authors=[self.anna])
        original.translation_of = english
        original.save()
        note = sv(
            "It was a translation of “%(original)s”, which cannot be its original any more: "
            "it is restored as an article of its own.",
            original="Toppmöte i Stockholm",
        )
        self.assertContains(self.client.get(restore_url(translation.pk)), note)
        self.restore(translation.pk)
        self.assertIsNone(Article.objects.get(pk=translation.pk).translation_of)

    def test_a_translation_whose_original_is_gone_names_it_and_comes_back_on_its_own(self):
        original, translation = self.story()
        delete_in_admin(self.client, translation)
        delete_in_admin(self.client, original)
        note = sv(
            "It was a translation of “%(original)s”, which has been deleted: it is restored "
            "as an article of its own, and linked to it again if that is restored.",
            original="Toppmöte i Stockholm",
        )
        self.assertContains(self.client.get(restore_url(translation.pk)), note)
        response = self.restore(translation.pk)
        self.assertContains(response, note)
        self.assertIsNone(Article.objects.get(pk=translation.pk).translation_of)

    def test_a_translation_whose_original_has_another_in_its_language_names_that_one(self):
        original, translation = self.story()
        delete_in_admin(self.client, translation)
        again, _created = article_translation_create(article=original)
        note = sv(
            "It was a translation of “%(original)s”, which has another version in %(language)s "
            "since, “%(other)s”: it is restored as an article of its own.",
            original="Toppmöte i Stockholm",
            language=sv("English"),
            other=again.headline,
        )
        self.assertContains(self.client.get(restore_url(translation.pk)), note)
        response = self.restore(translation.pk)
        self.assertContains(response, note)
        self.assertIsNone(Article.objects.get(pk=translation.pk).translation_of)


class RestoreBylineWordingTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.editor = make_editor()
        cls.anna = make_author(name="Anna Berg")

    def setUp(self):
        self.client.force_login(self.editor)

    def test_an_article_that_never_had_an_author_is_not_said_to_have_lost_them(self):
        article = make_article(authors=[], status=Article.Status.DRAFT, published_at=None)
        delete_in_admin(self.client, article)
        page = self.client.get(restore_url(article.pk))
        self.assertContains(page, 'name="author"')
        self.assertContains(
            page,
            sv(
                "The article had no author on its byline: choose one. You can add more "
                "authors once it is restored."
            ),
        )
        self.assertNotContains(
            page,
            sv(
                "Every author on the article's byline has been deleted since: choose one. "
                "You can add more authors once it is restored."
            ),
        )
        self.client.post(restore_url(article.pk), {"author": self.anna.pk})
        self.assertEqual(Article.objects.get(pk=article.pk).byline, [self.anna])

    def test_an_article_whose_authors_were_deleted_since_says_so(self):
        article = make_article(authors=[self.anna])
        delete_in_admin(self.client, article)
        self.anna.delete()
        self.assertContains(
            self.client.get(restore_url(article.pk)),
            sv(
                "Every author on the article's byline has been deleted since: choose one. "
                "You can add more authors once it is restored."
            ),
        )


class DeletedWhileEditedTests(TestCase):
    """An editor saves an article a colleague deleted after it was opened."""

    @classmethod
    def setUpTestData(cls):
        cls.editor = make_editor()
        cls.colleague = make_editor("kollega")

    def setUp(self):
        self.article = make_article(headline="Hamnen byggs ut", body="Gammal text.")
        # The form as the editor opened it, with their changes typed in.
        self.data = article_form_data(
            self.article, headline="Hamnen byggs ut i år", body="Ny text <som> tog en timme."
        )
        self.client.force_login(self.colleague)
        delete_in_admin(self.client, self.article)
        self.client.force_login(self.editor)
        self.url = reverse("admin:articles_article_change", args=[self.article.pk])

    def test_the_save_shows_who_deleted_it_the_text_typed_and_the_way_to_restore_it(self):
        response = self.client.post(self.url, self.data, headers={"accept-language": "en"})

        self.assertEqual(response.status_code, 409)
        self.assertContains(response, "kollega deleted “Hamnen byggs ut”", status_code=409)
        self.assertContains(response, "Hamnen byggs ut i år", status_code=409)
        self.assertContains(response, escape("Ny text <som> tog en timme."), status_code=409)
        self.assertContains(response, f'href="{restore_url(self.article.pk)}"', status_code=409)
        self.assertFalse(Article.objects.filter(pk=self.article.pk).exists())

    def test_opening_it_again_leads_to_djangos_not_found_message_as_before(self):
        response = self.client.get(self.url)
        self.assertRedirects(response, reverse("admin:index"))
