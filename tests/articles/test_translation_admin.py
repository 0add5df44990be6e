import re
from datetime import UTC, datetime, timedelta

import time_machine
from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from django.utils.http import urlencode

from articles.models import Article, article_history
from articles.services import article_byline_set
from tests.articles.test_admin import make_editor
from tests.factories import ArticleChangeFormMixin, article_form_data, make_article, make_author


class OriginalTextTests(TestCase):
    """A translation's change form shows its original's text, to translate without switching tabs."""

    @classmethod
    def setUpTestData(cls):
        cls.editor = make_editor()
        cls.original = make_article(
            headline="Riksdagen röstade om budgeten",
            lede="Budgeten gick igenom.",
            # Stored by a command, unchecked: whatever it holds is shown as text.
            body="Första stycket.\n\n## Bakgrund\n\nTre < fyra & <b>fet</b>",
        )
        cls.translation = make_article(
            language="en",
            section=cls.original.section,
            headline="Parliament voted on the budget",
            translation_of=cls.original,
        )

    def setUp(self):
        self.client.force_login(self.editor)

    def change_url(self, article):
        return reverse("admin:articles_article_change", args=[article.pk])

    def test_a_translations_form_shows_its_originals_text_marked_with_its_language(self):
        response = self.client.get(
            self.change_url(self.translation), headers={"accept-language": "en"}
        )
        self.assertContains(response, '<details class="original-text" open>')
        self.assertContains(response, "<summary>The Swedish original</summary>", html=True)
        self.assertContains(
            response,
            '<dd lang="sv" class="original-headline">Riksdagen röstade om budgeten</dd>',
            html=True,
        )
        self.assertContains(
            response, '<dd lang="sv" class="original-lede">Budgeten gick igenom.</dd>', html=True
        )
        # The Markdown as typed, escaped: no markup of the editor's reaches the page.
        self.assertContains(
            response,
            '<dd lang="sv" class="original-body">Första stycket.\n\n## Bakgrund\n\n'
            "Tre &lt; fyra &amp; &lt;b&gt;fet&lt;/b&gt;</dd>",
        )
        self.assertContains(response, f'href="{self.change_url(self.original)}"')

    def test_the_original_text_comes_before_the_translations_fields(self):
        page = self.client.get(self.change_url(self.translation)).content.decode()
        self.assertLess(page.index('class="original-text"'), page.index('name="headline"'))

    def test_an_original_or_a_new_article_shows_no_original_text(self):
        for url in [self.change_url(self.original), reverse("admin:articles_article_add")]:
            with self.subTest(url=url):
                self.assertNotContains(self.client.get(url), "original-text")

    def test_the_original_costs_the_form_one_query(self):
        url = self.change_url(self.translation)
        self.client.get(url)  # content types, cached from then on
        # Session, user, article, permissions (2), byline, authors (2), live?, the original,
        # section, the original as the autocomplete's choice, the versions in other languages.
        with self.assertNumQueries(13):
            self.client.get(url)

    def test_a_refused_save_shows_the_original_again_without_reading_it_once_more(self):
        url = self.change_url(self.translation)
        data = article_form_data(self.translation, headline="")
        with CaptureQueriesContext(connection) as queries:
            response = self.client.post(url, data, headers={"accept-language": "en"})
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "<summary>The Swedish original</summary>", html=True)
        self.assertContains(response, "Riksdagen röstade om budgeten")
        # Read by the form's validation (Article.clean()): not once more for the panel.
        reads = [
            query["sql"]
            for query in queries
            if query["sql"].startswith('SELECT "articles_article"."id"')
            and re.search(rf'WHERE "articles_article"."id" = {self.original.pk}\b', query["sql"])
        ]
        self.assertEqual(len(reads), 1, reads)


class OriginalChangedTests(TestCase):
    """A translation whose original's text changed after it was last saved is flagged."""

    @classmethod
    def setUpTestData(cls):
        cls.editor = make_editor()

    def setUp(self):
        self.client.force_login(self.editor)
        with time_machine.travel(datetime(2026, 3, 2, 9, 0, tzinfo=UTC), tick=False):
            self.original = make_article(headline="Riksdagen röstade om budgeten")
        with time_machine.travel(datetime(2026, 3, 2, 10, 0, tzinfo=UTC), tick=False):
            self.translation = make_article(
                language="en",
                section=self.original.section,
                headline="Parliament voted on the budget",
                translation_of=self.original,
            )

    def change_original(self, **fields):
        """Saves the original later on, as the admin does (a revision of each save)."""
        with time_machine.travel(datetime(2026, 3, 3, 9, 0, tzinfo=UTC), tick=False):
            for name, value in fields.items():
                setattr(self.original, name, value)
            self.original.save()

    def flagged(self):
        return set(
            Article.objects.with_original_changed()
            .filter(original_changed=True)
            .values_list("pk", flat=True)
        )

    def test_a_change_of_the_originals_text_flags_its_translation(self):
        for field in ["headline", "lede", "body"]:
            with self.subTest(field=field):
                self.assertEqual(self.flagged(), set())
                self.change_original(**{field: f"{getattr(self.original, field)} Mer."})
                self.assertEqual(self.flagged(), {self.translation.pk})
                # Saved again once updated: no longer flagged.
                with time_machine.travel(datetime(2026, 3, 4, 9, 0, tzinfo=UTC), tick=False):
                    self.translation.save()
                self.setUp()

    def test_a_byline_or_status_change_of_the_original_does_not_flag_it(self):
        self.change_original(status=Article.Status.DRAFT)
        with time_machine.travel(datetime(2026, 3, 3, 10, 0, tzinfo=UTC), tick=False):
            article_byline_set(article=self.original, authors=[make_author()])
            article_history.create_historical_record(self.original, "~")
        self.assertEqual(self.flagged(), set())

    def test_an_original_changed_and_changed_back_does_not_flag_it(self):
        headline = self.original.headline
        self.change_original(headline="Ny rubrik")
        with time_machine.travel(datetime(2026, 3, 3, 10, 0, tzinfo=UTC), tick=False):
            self.original.headline = headline
            self.original.save()
        self.assertEqual(self.flagged(), set())

    def test_an_original_without_revisions_is_compared_by_its_update_time(self):
        self.original.history.all().delete()
        self.assertEqual(self.flagged(), set())
        self.change_original(lede="Ny ingress.")
        self.original.history.all().delete()
        self.assertEqual(self.flagged(), {self.translation.pk})

    def test_the_list_says_so_and_filters_them_in_a_fixed_number_of_queries(self):
        url = reverse("admin:articles_article_changelist")
        self.change_original(body="Ny brödtext.")
        note = '<strong class="original-changed">Original changed after the translation</strong>'
        english = {"accept-language": "en"}
        response = self.client.get(url, headers=english)
        self.assertContains(response, note, count=1, html=True)
        filtered = self.client.get(url, {"translation": "original_changed"}, headers=english)
        self.assertEqual(list(filtered.context["cl"].result_list), [self.translation])
        with CaptureQueriesContext(connection) as few:
            self.client.get(url, {"translation": "original_changed"})
        for n in range(5):
            original = make_article(section=self.original.section)
            make_article(language="en", section=original.section, translation_of=original)
            original.headline = f"Ändrad {n}"
            original.save()
        with CaptureQueriesContext(connection) as many:
            response = self.client.get(url, {"translation": "original_changed"})
        self.assertEqual(len(response.context["cl"].result_list), 6)
        self.assertEqual(len(many), len(few))

    def test_the_translations_form_says_so_until_it_is_saved(self):
        url = reverse("admin:articles_article_change", args=[self.translation.pk])
        english = {"accept-language": "en"}
        note = "The Swedish original's headline, lede or body has changed"
        self.assertNotContains(self.client.get(url, headers=english), note)
        self.change_original(lede="Ny ingress.")
        self.client.get(url)  # content types, cached from then on
        with self.assertNumQueries(13):
            response = self.client.get(url, headers=english)
        self.assertContains(response, note)
        history = reverse("admin:articles_article_history", args=[self.original.pk])
        self.assertContains(response, f'href="{history}"')
        # A refused save says so too.
        response = self.client.post(
            url, article_form_data(self.translation, headline=""), headers=english
        )
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, note)
        with time_machine.travel(datetime(2026, 3, 4, 9, 0, tzinfo=UTC), tick=False):
            self.translation.save()
        self.assertNotContains(self.client.get(url, headers=english), note)


class TranslationBeforeOriginalTests(ArticleChangeFormMixin, TestCase):
    """A translation does not go out before its original: not while the original is a draft,
    nor at a time before the original's."""

    @classmethod
    def setUpTestData(cls):
        cls.editor = make_editor()

    def setUp(self):
        self.client.force_login(self.editor)
        self.original = make_article(
            headline="Val i Japan",
            status=Article.Status.DRAFT,
            published_at=None,
            lede="Japan röstar.",
            body="Vallokalerna öppnar klockan sju.",
        )
        self.translation = make_article(
            language="en",
            section=self.original.section,
            headline="Election in Japan",
            lede="Japan votes.",
            body="Polls open at seven.",
            status=Article.Status.DRAFT,
            published_at=None,
            translation_of=self.original,
        )

    def publish_action(self, *articles, query=""):
        url = reverse("admin:articles_article_changelist") + query
        data = {"action": "publish", "_selected_action": [a.pk for a in articles]}
        response = self.client.post(url, data, headers={"accept-language": "en"}, follow=True)
        return [str(message) for message in response.context["messages"]]

    def test_the_form_does_not_publish_or_schedule_a_translation_of_a_draft(self):
        for when in (timezone.now() - timedelta(minutes=1), timezone.now() + timedelta(days=1)):
            with self.subTest(when=when):
                response = self.save(self.translation, **self.publication(when))
                self.assertEqual(response.status_code, 200)
                errors = response.context["adminform"].form.errors
                self.assertEqual(set(errors), {"status"})
                self.assertIn(
                    "Its Swedish original, “Val i Japan”, is a draft", errors["status"][0]
                )
                self.assertIn("or save this translation as a draft", errors["status"][0])
                self.translation.refresh_from_db()
                self.assertEqual(self.translation.status, Article.Status.DRAFT)

    def test_the_form_does_not_schedule_a_translation_before_its_original(self):
        original_time = (timezone.now() + timedelta(days=2)).replace(microsecond=0)
        Article.objects.filter(pk=self.original.pk).update(
            status=Article.Status.PUBLISHED, published_at=original_time
        )
        response = self.save(
            self.translation, **self.publication(original_time - timedelta(hours=1))
        )
        self.assertEqual(response.status_code, 200)
        [error] = response.context["adminform"].form.errors["published_at"]
        self.assertIn("Its Swedish original, “Val i Japan”, is scheduled for", error)
        self.translation.refresh_from_db()
        self.assertEqual(self.translation.status, Article.Status.DRAFT)
        # At the original's time, or later, it goes out with it.
        response = self.save(self.translation, **self.publication(original_time))
        self.assertEqual(response.status_code, 302)
        self.translation.refresh_from_db()
        self.assertEqual(self.translation.status, Article.Status.PUBLISHED)

    def test_a_translation_of_a_live_original_can_be_published_and_a_draft_saved(self):
        response = self.save(self.translation, headline="Japan votes")
        self.assertEqual(response.status_code, 302)
        Article.objects.filter(pk=self.original.pk).update(
            status=Article.Status.PUBLISHED, published_at=timezone.now() - timedelta(hours=1)
        )
        self.translation.refresh_from_db()
        response = self.save(
            self.translation, **self.publication(timezone.now() - timedelta(hours=2))
        )
        self.assertEqual(response.status_code, 302)

    def test_the_publish_action_refuses_a_translation_of_a_draft(self):
        messages = self.publish_action(self.translation)
        self.assertEqual(len(messages), 1, messages)
        self.assertIn("“Election in Japan”</a>. Correct this first", messages[0])
        self.assertIn("Status: Its Swedish original, “Val i Japan”, is a draft", messages[0])
        self.translation.refresh_from_db()
        self.assertEqual(self.translation.status, Article.Status.DRAFT)

    def test_the_publish_action_refuses_a_translation_before_its_scheduled_original(self):
        Article.objects.filter(pk=self.original.pk).update(
            status=Article.Status.PUBLISHED, published_at=timezone.now() + timedelta(days=1)
        )
        messages = self.publish_action(self.translation)
        self.assertEqual(len(messages), 1, messages)
        self.assertIn(
            "Publication time: Its Swedish original, “Val i Japan”, is scheduled for", messages[0]
        )
        self.translation.refresh_from_db()
        self.assertEqual(self.translation.status, Article.Status.DRAFT)

    def test_the_publish_action_publishes_an_original_and_its_translation_together(self):
        messages = self.publish_action(self.translation, self.original)
        self.assertEqual(messages, ["2 articles published."])
        for article in (self.original, self.translation):
            article.refresh_from_db()
            self.assertEqual(article.status, Article.Status.PUBLISHED)
        self.assertLessEqual(self.original.published_at, self.translation.published_at)

    def test_the_publish_actions_refusal_speaks_of_the_list_not_of_saving_a_draft(self):
        untranslated = make_article(
            language="en",
            headline="Toppmöte",
            lede=self.original.lede,
            body=self.original.body,
            status=Article.Status.DRAFT,
            published_at=None,
            translation_of=make_article(lede=self.original.lede, body=self.original.body),
        )
        messages = self.publish_action(self.translation, untranslated)
        self.assertEqual(len(messages), 2, messages)
        refusals = "\n".join(messages)
        self.assertIn("publish or schedule the original first.", refusals)
        self.assertIn("translate it before the article is published or scheduled.", refusals)
        # The list has no draft to save: the articles refused stay drafts as they are.
        self.assertNotIn("draft.", refusals)
        self.assertNotIn("save", refusals)

    def test_the_refusals_link_keeps_the_lists_filters(self):
        [refusal] = self.publish_action(self.translation, query="?status__exact=draft&q=Japan")
        change = reverse("admin:articles_article_change", args=[self.translation.pk])
        filters = urlencode({"_changelist_filters": "status__exact=draft&q=Japan"})
        self.assertIn(f'<a href="{change}?{escape(filters)}">', refusal)


class OriginalBehindTranslationTests(TestCase):
    """An original taken off the site, or put off, while its translation stays published:
    the editor is told that the translation reaches readers first."""

    @classmethod
    def setUpTestData(cls):
        cls.editor = make_editor()

    def setUp(self):
        self.client.force_login(self.editor)
        self.original = make_article(headline="Val i Japan")
        self.translation = make_article(
            language="en",
            section=self.original.section,
            headline="Election in Japan",
            translation_of=self.original,
        )
        self.warning = "“Election in Japan”, a translation of “Val i Japan”, reaches readers"

    def messages(self, response):
        return [str(message) for message in response.context["messages"]]

    def unpublish_from_the_list(self, *articles):
        url = reverse("admin:articles_article_changelist")
        data = {"action": "unpublish", "_selected_action": [article.pk for article in articles]}
        response = self.client.post(url, data, headers={"accept-language": "en"}, follow=True)
        return self.messages(response)

    def test_unpublishing_the_original_from_the_list_says_its_translation_stays_published(self):
        messages = self.unpublish_from_the_list(self.original)
        self.assertEqual(len(messages), 2, messages)
        self.assertIn(self.warning, messages[1])

    def test_unpublishing_both_from_the_list_says_nothing_of_it(self):
        messages = self.unpublish_from_the_list(self.original, self.translation)
        self.assertEqual(messages, ["2 articles unpublished."])

    def test_unpublishing_an_original_already_a_draft_says_nothing_of_it(self):
        # The action changed nothing readers get: the editor was told when it became a draft.
        Article.objects.filter(pk=self.original.pk).update(status=Article.Status.DRAFT)
        messages = self.unpublish_from_the_list(self.original)
        self.assertEqual(messages, ["1 article was already a draft."])

    def test_unpublishing_a_scheduled_original_says_its_translation_stays_published(self):
        later = timezone.now() + timedelta(days=1)
        Article.objects.filter(pk=self.original.pk).update(published_at=later)
        messages = self.unpublish_from_the_list(self.original)
        self.assertEqual(len(messages), 2, messages)
        self.assertIn(self.warning, messages[1])

    def test_the_originals_form_says_so_when_it_is_made_a_draft_or_put_off(self):
        url = reverse("admin:articles_article_change", args=[self.original.pk])
        later = timezone.localtime() + timedelta(days=1)
        for changes in (
            {"status": "draft"},
            {"published_at_0": f"{later:%Y-%m-%d}", "published_at_1": f"{later:%H:%M:%S}"},
        ):
            with self.subTest(changes=changes):
                self.original.refresh_from_db()
                data = article_form_data(self.original, **changes)
                response = self.client.post(
                    url, data, headers={"accept-language": "en"}, follow=True
                )
                messages = self.messages(response)
                self.assertTrue(any(self.warning in m for m in messages), messages)
                Article.objects.filter(pk=self.original.pk).update(
                    status=Article.Status.PUBLISHED, published_at=self.translation.published_at
                )

    def test_an_ordinary_save_of_a_live_original_says_nothing_of_it(self):
        url = reverse("admin:articles_article_change", args=[self.original.pk])
        data = article_form_data(self.original, headline="Val i Japan i dag")
        response = self.client.post(url, data, headers={"accept-language": "en"}, follow=True)
        messages = self.messages(response)
        self.assertEqual(len(messages), 1, messages)

    def test_a_later_save_that_leaves_the_originals_status_and_time_alone_says_nothing_of_it(self):
        url = reverse("admin:articles_article_change", args=[self.original.pk])
        data = article_form_data(self.original, status="draft")
        response = self.client.post(url, data, headers={"accept-language": "en"}, follow=True)
        self.assertTrue(any(self.warning in m for m in self.messages(response)))
        self.original.refresh_from_db()
        for changes in ({"headline": "Val i Japan i dag"}, {}):  # edited, or saved unchanged
            with self.subTest(changes=changes):
                data = article_form_data(self.original, **changes)
                response = self.client.post(
                    url, data, headers={"accept-language": "en"}, follow=True
                )
                messages = self.messages(response)
                self.assertEqual(len(messages), 1, messages)
                self.assertNotIn(self.warning, messages[0])
                self.original.refresh_from_db()

    def test_putting_off_a_draft_original_to_a_time_after_its_translation_says_so_again(self):
        Article.objects.filter(pk=self.original.pk).update(status=Article.Status.DRAFT)
        self.original.refresh_from_db()
        url = reverse("admin:articles_article_change", args=[self.original.pk])
        later = timezone.localtime() + timedelta(days=1)
        data = article_form_data(
            self.original,
            status="published",
            published_at_0=f"{later:%Y-%m-%d}",
            published_at_1=f"{later:%H:%M:%S}",
        )
        response = self.client.post(url, data, headers={"accept-language": "en"}, follow=True)
        messages = self.messages(response)
        self.assertTrue(any(self.warning in m for m in messages), messages)
