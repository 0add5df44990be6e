"""The article form in admin: publication times around the clock changes, and the body's text."""

import re
from datetime import UTC, datetime

import time_machine
from django.contrib.admin.models import LogEntry
from django.urls import reverse
from django.utils.translation import override

from articles.models import Article
from newsroom.dates import local_datetime
from tests.articles.test_editorial import EditorTestCase
from tests.factories import article_form_data, make_article

# 02:30 on the last Sunday of October 2026 happens twice in Stockholm: first in summer time
# (00:30 UTC), then again in winter time (01:30 UTC).
FIRST_0230 = datetime(2026, 10, 25, 0, 30, tzinfo=UTC)


class ArticleFormTests(EditorTestCase):
    def test_an_article_published_in_the_repeated_hour_can_be_saved_unchanged(self):
        article = make_article(published_at=FIRST_0230)
        response = self.change(article, headline="Rättat stavfel")
        self.assertEqual(response.status_code, 302)
        article.refresh_from_db()
        self.assertEqual((article.headline, article.published_at), ("Rättat stavfel", FIRST_0230))

    def test_the_time_is_shown_in_hours_and_minutes_and_saved_back_with_its_seconds(self):
        # 07:36:12.5 UTC is 08:36:12 in Stockholm in winter; lists show it as 08.36.
        stored = datetime(2026, 2, 3, 7, 36, 12, 500_000, tzinfo=UTC)
        article = make_article(published_at=stored)
        url = reverse("admin:articles_article_change", args=[article.pk])
        page = self.client.get(url).content.decode()
        time_input = re.search(r'<input[^>]*name="published_at_1"[^>]*>', page)[0]
        self.assertIn('value="08:36"', time_input)
        revisions = article.history.count()
        # Sent back as shown: no change, nothing saved.
        response = self.change(article, published_at_1="08:36")
        self.assertEqual(response.status_code, 302)
        article.refresh_from_db()
        self.assertEqual((article.published_at, article.history.count()), (stored, revisions))
        # With another change: the time keeps its seconds and is not named as changed.
        response = self.change(article, published_at_1="08:36", headline="Rättad rubrik")
        self.assertEqual(response.status_code, 302)
        article.refresh_from_db()
        self.assertEqual(article.published_at, stored)
        with override("en"):
            message = LogEntry.objects.get(object_id=str(article.pk)).get_change_message()
        self.assertIn("Headline", message)
        self.assertNotIn("publication time", message)
        # Another minute is a change.
        response = self.change(article, published_at_1="08:40")
        self.assertEqual(response.status_code, 302)
        article.refresh_from_db()
        self.assertEqual(article.published_at, datetime(2026, 2, 3, 7, 40, tzinfo=UTC))

    def test_a_new_time_in_the_repeated_hour_is_its_later_occurrence(self):
        # Never before the hour the editor meant: an embargo holds.
        article = make_article()
        response = self.change(article, published_at_0="2026-10-25", published_at_1="02:15:00")
        self.assertEqual(response.status_code, 302)
        article.refresh_from_db()
        self.assertEqual(article.published_at, datetime(2026, 10, 25, 1, 15, tzinfo=UTC))

    def test_a_time_is_accepted_written_with_a_dot_as_the_admin_shows_it(self):
        # The admin writes times "kl. 08.00", as Swedish does; 08:00 is accepted as well.
        article = make_article()
        for time, expected in [
            ("08.00", datetime(2026, 12, 1, 7, 0, tzinfo=UTC)),
            ("08.15.30", datetime(2026, 12, 1, 7, 15, 30, tzinfo=UTC)),
            ("08:30", datetime(2026, 12, 1, 7, 30, tzinfo=UTC)),
        ]:
            with self.subTest(time=time):
                response = self.change(article, published_at_0="2026-12-01", published_at_1=time)
                self.assertEqual(response.status_code, 302)
                article.refresh_from_db()
                self.assertEqual(article.published_at, expected)

    def test_a_date_is_accepted_in_iso_form_and_as_swedes_write_it_with_a_slash(self):
        # "1/2 2026" is the first of February in Swedish.
        article = make_article()
        for day in ("2026-02-01", "1/2 2026", "01/02 2026"):
            with self.subTest(day=day):
                response = self.change(article, published_at_0=day, published_at_1="12.00")
                self.assertEqual(response.status_code, 302)
                article.refresh_from_db()
                self.assertEqual(article.published_at, datetime(2026, 2, 1, 11, 0, tzinfo=UTC))

    def test_a_date_in_the_american_order_is_refused_rather_than_misread(self):
        # "01/02/2026" was read as 2 January: a Swede may mean 1 February.
        article = make_article()
        before = article.published_at
        for day in ("01/02/2026", "01/02/26", "12/31/2026"):
            with self.subTest(day=day):
                response = self.change(article, published_at_0=day, published_at_1="12.00")
                self.assertEqual(response.status_code, 200)
                self.assertIn(
                    "Fyll i ett giltigt datum.",
                    response.context["adminform"].form.errors["published_at"],
                )
                article.refresh_from_db()
                self.assertEqual(article.published_at, before)

    def test_a_time_the_spring_clock_change_skips_is_refused_with_a_message(self):
        article = make_article()
        before = article.published_at
        response = self.change(article, published_at_0="2027-03-28", published_at_1="02:30:00")
        self.assertEqual(response.status_code, 200)
        errors = response.context["adminform"].form.errors
        self.assertIn("published_at", errors)
        # One message about the time, not also "a published article needs a time".
        self.assertEqual(len(errors["published_at"]), 1)
        article.refresh_from_db()
        self.assertEqual(article.published_at, before)

    def test_a_draft_scheduled_in_the_skipped_hour_is_not_also_told_it_needs_a_time(self):
        article = make_article(status="draft", published_at=None)
        for date, time in [("2027-03-28", "02:30:00"), ("28.03.2027", "10:00:00")]:
            with self.subTest(date=date, time=time):
                response = self.change(
                    article, status="published", published_at_0=date, published_at_1=time
                )
                self.assertEqual(response.status_code, 200)
                # The editor typed a time: "a published article needs a time" would mislead.
                [error] = response.context["adminform"].form.errors["published_at"]
                self.assertNotIn("måste ha en publiceringstid", error)
                article.refresh_from_db()
                self.assertEqual(article.status, "draft")

    def test_a_slug_taken_in_the_language_is_refused_at_the_slug_with_what_to_do(self):
        make_article(slug="budgeten-klar")
        make_article(language="en", slug="budget-ready")
        article = make_article(slug="budget")
        response = self.change(article, slug="budgeten-klar")
        form = response.context["adminform"].form
        self.assertEqual(list(form.errors), ["slug"])
        [error] = form.errors["slug"]
        self.assertIn("Ändra slug", error)
        # The same slug in the other language is another address.
        self.assertEqual(self.change(article, slug="budget-ready").status_code, 302)

    def test_a_time_the_clocks_skip_is_refused_with_the_time_to_type_instead(self):
        article = make_article(status="draft", published_at=None)
        response = self.change(
            article, status="published", published_at_0="2027-03-28", published_at_1="02:30:00"
        )
        [error] = response.context["adminform"].form.errors["published_at"]
        self.assertEqual(
            error,
            "02:30 finns inte den 28 mars 2027 i Europe/Stockholm: klockan ställs fram en timme "
            "den natten. Skriv 03:30, samma ögonblick, eller en annan tid.",
        )

    def test_images_in_the_body_are_refused_with_a_pointer_to_the_lead_image(self):
        article = make_article()
        # Indented too: that is a paragraph (articles/markup.py), where the image would show as
        # its Markdown.
        for indent in ("", "    "):
            with self.subTest(indent=indent):
                body = f"Karta:\n\n{indent}![karta](https://example.com/karta.png)"
                response = self.change(article, body=body)
                self.assertEqual(response.status_code, 200)
                [error] = response.context["adminform"].form.errors["body"]
                self.assertIn("bildbibliotek", error)
                article.refresh_from_db()
                self.assertNotIn("karta.png", article.body)

    def test_links_to_addresses_readers_cannot_follow_are_refused_and_named(self):
        article = make_article()
        for address in ["javascript:alert(1)", "data:text/html,hej", "vbscript:x"]:
            with self.subTest(address=address):
                response = self.change(article, body=f"Läs [mer]({address}).")
                self.assertEqual(response.status_code, 200)
                [error] = response.context["adminform"].form.errors["body"]
                self.assertIn(address, error)

    def test_links_without_a_full_address_are_refused_with_what_to_write(self):
        # Readers' browsers would take them for pages of this site, which do not exist.
        article = make_article()
        for address in [
            "www.riksbank.se",
            "riksbank.se",
            "https:/riksbank.se",
            "http:riksbank.se",
            # A host and a port read as an address of the scheme "www.riksbank.se:".
            "www.riksbank.se:8080/x",
            "riksbank.se:443",
            "localhost:8000/sv/",
        ]:
            with self.subTest(address=address):
                response = self.change(article, body=f"Läs mer hos [Riksbanken]({address}).")
                self.assertEqual(response.status_code, 200)
                [error] = response.context["adminform"].form.errors.as_data()["body"]
                self.assertEqual(error.code, "link_without_address")
                self.assertEqual(error.params, {"found": address})
                self.assertIn("https://www.riksbank.se", error.messages[0])
                article.refresh_from_db()
                self.assertNotIn(address, article.body)

    def test_links_with_a_full_address_or_on_this_site_are_accepted(self):
        article = make_article()
        for address in [
            "https://www.riksbank.se",
            "http://www.riksbank.se/sv/",
            "HTTPS://WWW.RIKSBANK.SE",
            "https://www.riksbank.se:8080/x",
            "mailto:red@example.se",
            "tel:+46812345678",
            "tel:0812345678",
            "/sv/ekonomi/",
            "#fakta",
        ]:
            with self.subTest(address=address):
                # "#fakta" is a link to the subheading "Fakta".
                body = f"Läs [mer]({address}).\n\n## Fakta\n\nText."
                self.assertEqual(self.change(article, body=body).status_code, 302)
                article.refresh_from_db()
                self.assertEqual(article.body, body)

    def test_a_link_to_a_subheading_of_the_article_leads_to_it(self):
        article = make_article()
        body = "Se [åtgärderna](#Åtgärder-i-år).\n\n## Åtgärder i år\n\nText."
        self.assertEqual(self.change(article, body=body).status_code, 302)
        article.refresh_from_db()
        self.assertIn('<a href="#avsnitt-atgarder-i-ar">åtgärderna</a>', article.body_html)
        self.assertIn('<h2 id="avsnitt-atgarder-i-ar">', article.body_html)

    def test_a_link_to_a_part_no_subheading_is_named_for_is_refused_and_named(self):
        article = make_article()
        body = "Se [faktarutan](#fakta) och [bakgrunden](#bakgrund).\n\n## Bakgrund\n\nText."
        response = self.change(article, body=body)
        self.assertEqual(response.status_code, 200)
        [error] = response.context["adminform"].form.errors.as_data()["body"]
        self.assertEqual(error.code, "fragment_without_heading")
        self.assertEqual(error.params, {"found": "#fakta"})
        article.refresh_from_db()
        self.assertNotEqual(article.body, body)

    def test_a_link_without_words_is_refused_and_named(self):
        # Rendered, it would be an empty <a>: nothing to see or click, and nothing for a
        # screen reader to say but "link" (axe-core: link-name).
        article = make_article()
        for body, found in [
            ("Läs [](https://www.riksbank.se/) här.", "https://www.riksbank.se/"),
            # (A zero-width space between the brackets is refused before, as invisible.)
            ("Läs [ ](https://example.com/a) och [\t](/sv/)", "https://example.com/a, /sv/"),
        ]:
            with self.subTest(body=body):
                response = self.change(article, body=body)
                self.assertEqual(response.status_code, 200)
                [error] = response.context["adminform"].form.errors.as_data()["body"]
                self.assertEqual(error.code, "link_without_words")
                self.assertEqual(error.params, {"found": found})
        article.refresh_from_db()
        self.assertNotIn("[](", article.body)

    def test_links_with_words_are_saved(self):
        article = make_article()
        body = "Läs [beslutet](https://www.riksbank.se/) och [`kod`](/sv/), <https://example.com/>."
        self.assertEqual(self.change(article, body=body).status_code, 302)

    def test_html_in_the_body_is_refused_and_named(self):
        article = make_article()
        for body, found in [
            ("Kommunen kritiserar <b>kostnaden</b>.", "<b>, </b>"),
            ('<iframe src="https://video.example/embed/1"></iframe>', "<iframe"),
            ("Före.\n\n<!-- anteckning -->\n\nEfter.", "<!-- anteckning -->"),
        ]:
            with self.subTest(body=body):
                response = self.change(article, body=body)
                self.assertEqual(response.status_code, 200)
                [error] = response.context["adminform"].form.errors["body"]
                self.assertIn("Markdown", error)
                self.assertIn(found, error)
                article.refresh_from_db()
                self.assertNotEqual(article.body, body)

    def test_table_cells_beyond_the_columns_are_refused_and_named(self):
        article = make_article()
        body = "| Parti | Röster |\n| --- | --: |\n| S | 1 200 | 30 % |\n| M | 900 |"
        response = self.change(article, body=body)
        self.assertEqual(response.status_code, 200)
        [error] = response.context["adminform"].form.errors.as_data()["body"]
        self.assertEqual(error.code, "cells_beyond_columns")
        self.assertEqual(error.params, {"found": "30 %"})
        article.refresh_from_db()
        self.assertNotEqual(article.body, body)
        # The same table with a column for the share is saved.
        body = "| Parti | Röster | Andel |\n| --- | --: | --: |\n| S | 1 200 | 30 % |\n| M | 900 |"
        self.assertEqual(self.change(article, body=body).status_code, 302)

    def test_ordinary_links_and_text_that_only_looks_like_markup_are_accepted(self):
        article = make_article()
        body = (
            "Se [regeringen](https://www.regeringen.se/) och [kontakt](mailto:red@example.se).\n\n"
            "Utropstecken! [Inom hakparentes] och `![kod](x.png)` i kod.\n\n"
            "Om 3 < 5 och 7 > 2, <3 och <red@example.se>."
        )
        response = self.change(article, body=body)
        self.assertEqual(response.status_code, 302)
        article.refresh_from_db()
        self.assertEqual(article.body, body)
        self.assertIn('href="https://www.regeringen.se/"', article.body_html)

    def test_text_sent_with_cr_lf_line_breaks_is_stored_with_lf(self):
        # Browsers send a text area's line breaks as CR LF: stored so, every revision's diff
        # and every length counted one character too many per line.
        article = make_article(lede="En ingress.", body="Ett stycke.\n\nEtt till.")
        response = self.change(
            article,
            lede="Första raden.\r\nAndra raden.",
            body="Ett stycke.\r\n\r\nEtt till.\r\n\r\nEtt tredje.\rEn gammal Mac-rad.",
        )
        self.assertEqual(response.status_code, 302)
        article.refresh_from_db()
        self.assertEqual(article.lede, "Första raden.\nAndra raden.")
        self.assertEqual(
            article.body, "Ett stycke.\n\nEtt till.\n\nEtt tredje.\nEn gammal Mac-rad."
        )


NOW = datetime(2026, 11, 27, 9, 30, tzinfo=UTC)


class PublishWithoutATimeTests(EditorTestCase):
    """Published from the form without a time, an article is published now, as the list's
    Publish action publishes it, and the editor is told the time it was given."""

    def messages(self, response):
        return [str(message) for message in response.context["messages"]]

    @time_machine.travel(NOW, tick=False)
    def test_a_draft_published_without_a_time_is_published_now_and_says_so(self):
        article = make_article(status="draft", published_at=None, headline="Ny sak")
        url = reverse("admin:articles_article_change", args=[article.pk])
        data = article_form_data(article, status="published")
        response = self.client.post(url, data, headers={"accept-language": "en"}, follow=True)
        self.assertEqual(response.redirect_chain[-1][1], 302)
        article.refresh_from_db()
        self.assertEqual((article.status, article.published_at), ("published", NOW))
        messages = self.messages(response)
        with override("en"):
            time = local_datetime(NOW)
        self.assertIn(f"Published now, at {time}, as no time was given.", messages)
        self.assertContains(self.client.get("/sv/"), "Ny sak")

    @time_machine.travel(NOW, tick=False)
    def test_a_new_article_published_without_a_time_is_published_now(self):
        model = make_article(status="draft", published_at=None)
        data = article_form_data(
            model, adding=True, status="published", headline="Helt ny", slug="helt-ny"
        )
        response = self.client.post(reverse("admin:articles_article_add"), data)
        self.assertEqual(response.status_code, 302)
        article = Article.objects.get(slug="helt-ny")
        self.assertEqual((article.status, article.published_at), ("published", NOW))

    def test_a_time_typed_but_not_understood_is_refused_not_made_now(self):
        article = make_article(status="draft", published_at=None)
        for date, time in [("31/12/2026", "10:00"), ("2026-12-31", ""), ("", "10:00")]:
            with self.subTest(date=date, time=time):
                response = self.change(
                    article, status="published", published_at_0=date, published_at_1=time
                )
                self.assertEqual(response.status_code, 200)
                self.assertIn("published_at", response.context["adminform"].form.errors)
                article.refresh_from_db()
                self.assertEqual((article.status, article.published_at), ("draft", None))

    def test_a_draft_saved_without_a_time_keeps_none(self):
        article = make_article(status="draft", published_at=None)
        response = self.change(article, headline="Ändrad rubrik")
        self.assertEqual(response.status_code, 302)
        article.refresh_from_db()
        self.assertIsNone(article.published_at)

    def test_the_publishing_fields_say_that_no_time_means_now(self):
        article = make_article()
        url = reverse("admin:articles_article_change", args=[article.pk])
        response = self.client.get(url, headers={"accept-language": "en"})
        self.assertContains(response, "Leave the time empty to publish the article now.")


class DraftWithATimeTests(EditorTestCase):
    """A draft given a time to come is not scheduled: the editor is told so."""

    def messages(self, response):
        return [str(message) for message in response.context["messages"]]

    def save(self, article, **changes):
        url = reverse("admin:articles_article_change", args=[article.pk])
        data = article_form_data(article, **changes)
        response = self.client.post(url, data, headers={"accept-language": "en"}, follow=True)
        self.assertEqual(response.redirect_chain[-1][1], 302)
        article.refresh_from_db()
        return self.messages(response)

    @time_machine.travel(NOW, tick=False)
    def test_a_draft_given_a_time_to_come_says_it_will_not_be_published_then(self):
        article = make_article(status="draft", published_at=None)
        messages = self.save(
            article, status="draft", published_at_0="2026-11-28", published_at_1="08:00"
        )
        with override("en"):
            time = local_datetime(datetime(2026, 11, 28, 7, 0, tzinfo=UTC))
        self.assertIn(
            f"Saved as a draft: it will not be published at {time}. Choose “Published” as its "
            "status to schedule it.",
            messages,
        )
        # Saved again with the time as it was: said once, when the time was set.
        messages = self.save(article, headline="Ny rubrik")
        self.assertFalse(any("Saved as a draft" in message for message in messages), messages)
        # Made published: scheduled, and said so instead.
        messages = self.save(article, status="published")
        self.assertFalse(any("Saved as a draft" in message for message in messages), messages)
        self.assertTrue(any(message.startswith("Scheduled:") for message in messages), messages)

    @time_machine.travel(NOW, tick=False)
    def test_a_scheduled_article_made_a_draft_in_its_form_says_so_too(self):
        later = datetime(2026, 11, 28, 7, 0, tzinfo=UTC)
        article = make_article(status="published", published_at=later)
        messages = self.save(article, status="draft")
        self.assertTrue(any("Saved as a draft" in message for message in messages), messages)

    @time_machine.travel(NOW, tick=False)
    def test_a_draft_with_a_past_time_says_nothing_of_it(self):
        article = make_article(status="draft", published_at=None)
        messages = self.save(
            article, status="draft", published_at_0="2026-11-26", published_at_1="08:00"
        )
        self.assertFalse(any("Saved as a draft" in message for message in messages), messages)
