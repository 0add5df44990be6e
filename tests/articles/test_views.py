import re
from datetime import timedelta

import time_machine
from django.contrib.sites.models import Site
from django.test import Client, TestCase
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.http import url_has_allowed_host_and_scheme

from articles.models import Article, DigitalSourceType
from articles.services import address_redirect
from consent.texts import current_digest
from tests.articles.test_editorial import make_user
from tests.factories import make_article, make_author, make_image, make_section


class LanguageRoutingTests(TestCase):
    def test_the_bare_address_goes_to_the_swedish_front_page(self):
        response = self.client.get("/", headers={"accept-language": "en"})
        self.assertRedirects(response, "/sv/")

    def test_html_lang_matches_the_address(self):
        for language in ("sv", "en"):
            with self.subTest(language=language):
                response = self.client.get(f"/{language}/")
                self.assertContains(response, f'<html lang="{language}">')

    def test_unknown_language_prefix_is_not_found(self):
        self.assertEqual(self.client.get("/de/").status_code, 404)

    def test_interface_strings_are_translated(self):
        self.assertContains(self.client.get("/sv/"), "Hoppa till innehållet")
        self.assertContains(self.client.get("/en/"), "Skip to content")


class ArticlePageTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.section = make_section(slug="utrikes", name_sv="Utrikes", name_en="World")
        cls.author = make_author(name="Eva Lindqvist")
        cls.ai_image = make_image(
            source=DigitalSourceType.TRAINED_ALGORITHMIC_MEDIA,
            credit="Illustration: Newsroom",
            alt_text="Två ledare skakar hand",
            alt_text_en="Two leaders shake hands",
        )
        cls.swedish = make_article(
            section=cls.section,
            authors=[cls.author],
            headline="Toppmöte i Tokyo",
            slug="toppmote-i-tokyo",
            lead_image=cls.ai_image,
            lead_image_caption="Ledarna möttes i Tokyo.",
            published_at=timezone.make_aware(timezone.datetime(2025, 10, 28, 14, 30)),
        )
        cls.english = make_article(
            section=cls.section,
            authors=[cls.author],
            language="en",
            headline="Summit in Tokyo",
            slug="summit-in-tokyo",
            lead_image=cls.ai_image,
            lead_image_caption="The leaders met in Tokyo.",
            translation_of=cls.swedish,
            published_at=timezone.make_aware(timezone.datetime(2025, 10, 28, 15, 0)),
        )

    def test_article_page_shows_headline_lede_byline_date_and_body(self):
        response = self.client.get("/sv/artiklar/toppmote-i-tokyo/")
        self.assertContains(
            response, '<h1 class="article__headline">Toppmöte i Tokyo</h1>', html=False
        )
        self.assertContains(response, "En kort ingress.")
        self.assertContains(response, "Eva Lindqvist")
        self.assertContains(response, "28 oktober 2025")
        self.assertContains(response, '<h2 id="avsnitt-mellanrubrik">Mellanrubrik</h2>', html=True)

    def test_english_article_dates_are_in_english(self):
        response = self.client.get("/en/articles/summit-in-tokyo/")
        self.assertContains(response, "28 October 2025")

    def test_english_datelines_name_the_time_zone_readers_abroad_need(self):
        # Stockholm time: winter time in October after the change, summer time in June.
        self.assertContains(
            self.client.get("/en/articles/summit-in-tokyo/"), ">28 October 2025, 15:00 CET</time>"
        )
        self.english.published_at = timezone.make_aware(timezone.datetime(2025, 6, 2, 9, 5))
        self.english.save()
        self.assertContains(
            self.client.get("/en/articles/summit-in-tokyo/"), ">2 June 2025, 09:05 CEST</time>"
        )
        # Swedish readers are in Sweden: no zone.
        self.assertContains(
            self.client.get("/sv/artiklar/toppmote-i-tokyo/"), ">28 oktober 2025 kl. 14.30</time>"
        )

    def test_english_datelines_name_the_zone_in_the_hour_the_clocks_go_back(self):
        # 02:30 comes twice in Stockholm on 26 October 2025: first in summer time, then in
        # winter time. Django's "T" writes no zone for such a time ("26 October 2025, 02:30 ").
        for fold, zone in ((0, "CEST"), (1, "CET")):
            with self.subTest(zone=zone):
                local = timezone.datetime(2025, 10, 26, 2, 30, fold=fold)
                self.english.published_at = local.replace(tzinfo=timezone.get_current_timezone())
                self.english.save()
                self.assertContains(
                    self.client.get("/en/articles/summit-in-tokyo/"),
                    f">26 October 2025, 02:30 {zone}</time>",
                )

    def test_ai_image_caption_carries_the_swedish_disclosure(self):
        response = self.client.get("/sv/artiklar/toppmote-i-tokyo/")
        self.assertContains(
            response, '<span class="ai-disclosure">Bild genererad av AI</span>', html=True
        )
        self.assertContains(response, "Ledarna möttes i Tokyo.")
        self.assertContains(response, "Illustration: Newsroom")
        self.assertNotContains(response, "Image generated by AI")

    def test_ai_image_caption_carries_the_english_disclosure(self):
        response = self.client.get("/en/articles/summit-in-tokyo/")
        self.assertContains(
            response, '<span class="ai-disclosure">Image generated by AI</span>', html=True
        )
        self.assertContains(response, 'alt="Two leaders shake hands"')
        self.assertNotContains(response, "Bild genererad av AI")

    def test_credit_is_in_the_language_of_the_page(self):
        photo = make_image(credit="Foto: Anna Berg/TT", credit_en="Photo: Anna Berg/TT")
        swedish = make_article(section=self.section, lead_image=photo)
        english = make_article(
            section=self.section, language="en", lead_image=photo, translation_of=swedish
        )
        credit = '<span class="credit">{}</span>'
        self.assertContains(
            self.client.get(swedish.get_absolute_url()), credit.format("Foto: Anna Berg/TT")
        )
        response = self.client.get(english.get_absolute_url())
        self.assertContains(response, credit.format("Photo: Anna Berg/TT"))
        self.assertNotContains(response, "Foto:")

    def test_english_page_shows_the_swedish_credit_when_there_is_no_english_one(self):
        article = make_article(
            section=self.section, language="en", lead_image=make_image(credit="Foto: TT")
        )
        # Marked as Swedish, so that a screen reader reads it in Swedish on the English page.
        self.assertContains(
            self.client.get(article.get_absolute_url()),
            '<span class="credit" lang="sv">Foto: TT</span>',
        )

    def test_a_swedish_alt_text_standing_in_on_an_english_page_is_marked_swedish(self):
        image = make_image(alt_text="Riksdagshuset i kvällsljus", alt_text_en="")
        swedish = make_article(section=self.section, lead_image=image)
        english = make_article(
            section=self.section, language="en", lead_image=image, translation_of=swedish
        )
        for url in (english.get_absolute_url(), "/en/"):
            with self.subTest(url=url):
                self.assertRegex(
                    self.client.get(url).content.decode(),
                    r'<img [^>]*alt="Riksdagshuset i kvällsljus" lang="sv"',
                )
        # In its own language, and where the English text exists, nothing is marked.
        for url in (swedish.get_absolute_url(), self.english.get_absolute_url()):
            with self.subTest(url=url):
                self.assertNotRegex(self.client.get(url).content.decode(), r'<img [^>]*lang="')
        self.assertNotContains(self.client.get(swedish.get_absolute_url()), 'class="credit" lang=')

    def test_composite_with_ai_also_carries_the_disclosure(self):
        image = make_image(source=DigitalSourceType.COMPOSITE_WITH_TRAINED_ALGORITHMIC_MEDIA)
        article = make_article(section=self.section, lead_image=image)
        self.assertContains(self.client.get(article.get_absolute_url()), "Bild genererad av AI")

    def test_photograph_has_credit_but_no_ai_disclosure(self):
        photo = make_image(
            source=DigitalSourceType.DIGITAL_CAPTURE, credit="Foto: Karin Lund/Newsroom"
        )
        article = make_article(section=self.section, lead_image=photo, lead_image_caption="Hamnen.")
        response = self.client.get(article.get_absolute_url())
        self.assertContains(response, "Foto: Karin Lund/Newsroom")
        self.assertNotContains(response, "Bild genererad av AI")
        self.assertNotContains(response, "ai-disclosure")

    def test_cards_of_ai_images_carry_the_disclosure_in_every_list(self):
        photo = make_image(source=DigitalSourceType.DIGITAL_CAPTURE)
        make_article(section=self.section, headline="Hamnen i Tokyo", lead_image=photo)
        disclosure = '<figcaption class="ai-disclosure">Bild genererad av AI</figcaption>'
        for url in (
            "/sv/",
            self.section.get_absolute_url(),
            "/sv/sok/?q=Tokyo",
        ):
            with self.subTest(url=url):
                response = self.client.get(url)
                self.assertContains(response, "Hamnen i Tokyo")
                # Once: the summit's card; the harbour photograph's card has none.
                self.assertContains(response, disclosure, count=1, html=True)
        response = self.client.get("/en/")
        self.assertContains(
            response,
            '<figcaption class="ai-disclosure">Image generated by AI</figcaption>',
            count=1,
            html=True,
        )

    def test_lead_image_is_a_responsive_picture_loaded_early(self):
        response = self.client.get("/sv/artiklar/toppmote-i-tokyo/")
        html = response.content.decode()
        self.assertIn('<source type="image/webp" srcset="', html)
        self.assertIn('fetchpriority="high"', html)
        self.assertIn('width="800" height="533"', html)
        self.assertNotIn('loading="lazy"', html.split("article__figure")[1].split("</figure>")[0])

    def test_language_switcher_leads_to_the_translation(self):
        response = self.client.get("/sv/artiklar/toppmote-i-tokyo/")
        self.assertContains(
            response, 'href="/en/articles/summit-in-tokyo/" hreflang="en" lang="en"'
        )
        response = self.client.get("/en/articles/summit-in-tokyo/")
        self.assertContains(
            response, 'href="/sv/artiklar/toppmote-i-tokyo/" hreflang="sv" lang="sv"'
        )

    def test_language_switcher_leads_to_the_other_front_page_without_a_translation(self):
        article = make_article(section=self.section)
        response = self.client.get(article.get_absolute_url())
        self.assertContains(response, 'href="/en/" hreflang="en" lang="en"')

    def test_unpublished_translation_is_not_linked(self):
        draft = make_article(section=self.section, status=Article.Status.DRAFT)
        make_article(
            section=self.section,
            language="en",
            slug="draft-en",
            translation_of=draft,
            status=Article.Status.DRAFT,
        )
        original = make_article(section=self.section)
        make_article(
            section=self.section,
            language="en",
            slug="later-en",
            translation_of=original,
            published_at=timezone.now() + timedelta(days=1),
        )
        response = self.client.get(original.get_absolute_url())
        self.assertNotContains(response, "later-en")
        self.assertContains(response, 'href="/en/" hreflang="en"')

    def test_translation_does_not_link_to_an_unpublished_original(self):
        draft = make_article(section=self.section, slug="utkast", status=Article.Status.DRAFT)
        translation = make_article(
            section=self.section, language="en", slug="published-en", translation_of=draft
        )
        response = self.client.get(translation.get_absolute_url())
        self.assertNotContains(response, "/sv/artiklar/utkast/")
        self.assertContains(response, 'href="/sv/" hreflang="sv"')

    def test_body_html_typed_by_an_editor_is_escaped(self):
        article = make_article(
            section=self.section,
            body='Hej <script>alert("x")</script> och <img src=x onerror="alert(1)">',
        )
        response = self.client.get(article.get_absolute_url())
        self.assertNotContains(response, '<script>alert("x")</script>')
        self.assertNotContains(response, "<img src=x onerror")
        self.assertContains(response, "&lt;script&gt;")

    def test_a_table_in_the_body_is_shown_with_its_column_headers_in_a_scrolling_region(self):
        article = make_article(
            section=self.section,
            body="Resultatet:\n\n| Parti | Röster |\n| --- | --: |\n| Bygdepartiet | 987 |",
        )
        response = self.client.get(article.get_absolute_url())
        self.assertContains(
            response,
            '<div class="table-scroll" role="region" tabindex="0" aria-label="Tabell">'
            '<table><thead><tr><th scope="col">Parti</th>'
            '<th scope="col" style="text-align:right">Röster</th></tr></thead>'
            '<tbody><tr><td>Bygdepartiet</td><td style="text-align:right">987</td></tr>'
            "</tbody></table></div>",
            html=True,
        )

    def test_headline_and_caption_are_escaped(self):
        article = make_article(
            section=self.section,
            headline="<b>Fet</b> rubrik",
            lead_image=self.ai_image,
            lead_image_caption='<img src=x onerror="alert(1)">',
        )
        response = self.client.get(article.get_absolute_url())
        self.assertNotContains(response, "<b>Fet</b>")
        self.assertNotContains(response, "<img src=x")

    def test_unknown_slug_is_not_found(self):
        self.assertEqual(self.client.get("/sv/artiklar/finns-inte/").status_code, 404)

    def test_a_slug_under_the_other_languages_prefix_leads_to_the_translation(self):
        self.assertRedirects(
            self.client.get("/en/articles/toppmote-i-tokyo/"),
            "/en/articles/summit-in-tokyo/",
            status_code=302,
        )
        self.assertRedirects(
            self.client.get("/sv/artiklar/summit-in-tokyo/"),
            "/sv/artiklar/toppmote-i-tokyo/",
            status_code=302,
        )

    def test_a_slug_under_the_other_prefix_without_a_translation_leads_to_the_article(self):
        make_article(section=self.section, slug="bara-pa-svenska")
        self.assertRedirects(
            self.client.get("/en/articles/bara-pa-svenska/"),
            "/sv/artiklar/bara-pa-svenska/",
            status_code=302,
        )

    def test_a_renamed_articles_former_address_leads_to_it_not_to_the_other_language(self):
        english = make_article(section=self.section, language="en", slug="harbour-opens")
        address_redirect(old_url="/en/articles/hamnen/", new_url=english.get_absolute_url())
        make_article(section=self.section, slug="hamnen")
        self.assertRedirects(
            self.client.get("/en/articles/hamnen/"), "/en/articles/harbour-opens/", status_code=301
        )

    def test_a_former_slug_under_the_other_languages_prefix_leads_to_the_article(self):
        # A Swedish article renamed since: its old address under the English prefix (a link
        # to it, the prefix edited) leads where its Swedish old address does.
        renamed = make_article(section=self.section, slug="ny-rubrik")
        address_redirect(old_url="/sv/artiklar/gammal-rubrik/", new_url=renamed.get_absolute_url())
        self.assertRedirects(
            self.client.get("/en/articles/gammal-rubrik/"),
            "/sv/artiklar/ny-rubrik/",
            status_code=302,
        )
        # To its English version, as for its current slug, once it has one published.
        make_article(
            section=self.section, language="en", slug="new-headline", translation_of=renamed
        )
        self.assertRedirects(
            self.client.get("/en/articles/gammal-rubrik/"),
            "/en/articles/new-headline/",
            status_code=302,
        )
        # And an English article's former slug under the Swedish prefix.
        address_redirect(old_url="/en/articles/old-headline/", new_url="/en/articles/new-headline/")
        self.assertRedirects(
            self.client.get("/sv/artiklar/old-headline/"),
            "/sv/artiklar/ny-rubrik/",
            status_code=302,
        )

    def test_a_former_slug_under_the_other_prefix_leads_nowhere_unpublished_or_elsewhere(self):
        draft = make_article(section=self.section, slug="dold", status=Article.Status.DRAFT)
        address_redirect(old_url="/sv/artiklar/tidigare-dold/", new_url=draft.get_absolute_url())
        # A redirect an editor pointed at a section page is no article's rename.
        address_redirect(old_url="/sv/artiklar/till-sektion/", new_url="/sv/sektion/utrikes/")
        # Nor is one from another kind of address.
        address_redirect(old_url="/sv/sektion/gammal-sektion/", new_url="/sv/sektion/utrikes/")
        for slug in ("tidigare-dold", "till-sektion", "gammal-sektion"):
            with self.subTest(slug=slug):
                self.assertEqual(self.client.get(f"/en/articles/{slug}/").status_code, 404)

    def test_an_articles_current_slug_comes_before_another_articles_former_one(self):
        first = make_article(section=self.section, slug="forsta")
        address_redirect(old_url="/sv/artiklar/delad/", new_url=first.get_absolute_url())
        make_article(section=self.section, slug="delad")
        self.assertRedirects(
            self.client.get("/en/articles/delad/"), "/sv/artiklar/delad/", status_code=302
        )

    def test_the_prefixs_own_former_address_comes_before_the_other_languages(self):
        english = make_article(section=self.section, language="en", slug="harbour")
        address_redirect(old_url="/en/articles/hamn/", new_url=english.get_absolute_url())
        swedish = make_article(section=self.section, slug="hamnen-oppnar")
        address_redirect(old_url="/sv/artiklar/hamn/", new_url=swedish.get_absolute_url())
        self.assertRedirects(
            self.client.get("/en/articles/hamn/"), "/en/articles/harbour/", status_code=301
        )

    def test_an_unpublished_translation_is_not_where_the_other_prefix_leads(self):
        original = make_article(section=self.section, slug="utkast-pa-engelska")
        make_article(
            section=self.section,
            language="en",
            slug="draft-in-english",
            translation_of=original,
            status=Article.Status.DRAFT,
        )
        self.assertRedirects(
            self.client.get("/en/articles/utkast-pa-engelska/"),
            "/sv/artiklar/utkast-pa-engelska/",
            status_code=302,
        )

    def test_an_unpublished_article_is_not_found_under_the_other_prefix_either(self):
        make_article(section=self.section, slug="hemligt-utkast", status=Article.Status.DRAFT)
        scheduled = timezone.now() + timedelta(hours=3)
        make_article(section=self.section, slug="schemalagd-nyhet", published_at=scheduled)
        for slug in ("hemligt-utkast", "schemalagd-nyhet"):
            with self.subTest(slug=slug):
                self.assertEqual(self.client.get(f"/en/articles/{slug}/").status_code, 404)

    def test_draft_is_not_found(self):
        draft = make_article(section=self.section, status=Article.Status.DRAFT)
        self.assertEqual(self.client.get(draft.get_absolute_url()).status_code, 404)

    def test_scheduled_article_is_not_found_until_its_time(self):
        at = timezone.now() + timedelta(hours=3)
        scheduled = make_article(section=self.section, published_at=at)
        self.assertEqual(self.client.get(scheduled.get_absolute_url()).status_code, 404)
        with time_machine.travel(at + timedelta(minutes=1)):
            self.assertEqual(self.client.get(scheduled.get_absolute_url()).status_code, 200)


class FrontAndSectionPageTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.section = make_section(slug="inrikes", name_sv="Inrikes", name_en="Sweden")
        cls.other_section = make_section(slug="kultur", name_sv="Kultur", name_en="Culture")
        image = make_image()
        cls.lead = make_article(
            section=cls.section,
            headline="Senaste nytt",
            lead_image=image,
            published_at=timezone.now() - timedelta(minutes=5),
        )
        cls.older = make_article(
            section=cls.other_section,
            headline="Äldre nyhet",
            published_at=timezone.now() - timedelta(days=1),
        )
        make_article(section=cls.section, headline="Engelsk nyhet", language="en")
        make_article(section=cls.section, headline="Utkast", status=Article.Status.DRAFT)
        make_article(
            section=cls.section,
            headline="Schemalagd",
            published_at=timezone.now() + timedelta(days=1),
        )

    def test_front_page_leads_with_the_latest_article_and_lists_the_rest(self):
        response = self.client.get("/sv/")
        self.assertEqual(response.context["lead_article"], self.lead)
        self.assertEqual(list(response.context["latest_articles"]), [self.older])
        self.assertNotContains(response, "Utkast")
        self.assertNotContains(response, "Schemalagd")
        self.assertNotContains(response, "Engelsk nyhet")

    def test_section_page_lists_its_published_articles(self):
        response = self.client.get("/sv/sektion/inrikes/")
        self.assertContains(response, '<h1 class="page-heading">Inrikes</h1>', html=True)
        self.assertEqual(list(response.context["articles"]), [self.lead])

    def test_section_cards_leave_out_the_section_name_other_lists_show(self):
        card_section = '<p class="card__section">Inrikes</p>'
        self.assertNotContains(self.client.get("/sv/sektion/inrikes/"), card_section, html=True)
        self.assertContains(self.client.get("/sv/"), card_section, html=True)
        search = self.client.get(reverse("articles:search"), {"q": "Senaste"})
        self.assertContains(search, card_section, html=True)

    def test_section_address_is_translated(self):
        self.assertContains(self.client.get("/en/section/sweden/"), "Sweden")
        self.assertEqual(self.client.get("/en/sektion/sweden/").status_code, 404)
        self.assertEqual(self.client.get("/en/sektion/inrikes/").status_code, 404)

    def test_section_language_switcher_keeps_the_section(self):
        response = self.client.get("/sv/sektion/inrikes/")
        self.assertContains(response, 'href="/en/section/sweden/" hreflang="en"')
        response = self.client.get("/en/section/sweden/")
        self.assertContains(response, 'href="/sv/sektion/inrikes/" hreflang="sv"')

    def test_the_menu_names_each_section_in_the_page_language_and_marks_the_current_one(self):
        response = self.client.get("/en/section/sweden/")
        self.assertContains(
            response, '<a href="/en/section/sweden/" aria-current="page">Sweden</a>', html=True
        )
        self.assertContains(response, '<a href="/en/section/culture/">Culture</a>', html=True)
        self.assertContains(response, 'aria-current="page"', count=1)
        # The same menu on the Swedish front page: Swedish names and addresses, nothing current.
        response = self.client.get("/sv/")
        self.assertContains(response, '<a href="/sv/sektion/kultur/">Kultur</a>', html=True)
        self.assertNotContains(response, 'aria-current="page"')

    def test_a_later_page_marks_its_section_in_the_menu_as_current_not_as_this_page(self):
        # The menu's link leads to the section's first page: on page 2 the reader is within
        # the section (aria-current="true"), not on the page the link leads to.
        for n in range(13):
            make_article(section=self.other_section, slug=f"kultur-{n}")
        response = self.client.get("/sv/sektion/kultur/?page=2")
        self.assertContains(
            response, '<a href="/sv/sektion/kultur/" aria-current="true">Kultur</a>', html=True
        )
        self.assertNotContains(response, 'aria-current="page"')
        self.assertContains(response, "aria-current", count=1)
        response = self.client.get("/sv/sektion/kultur/")
        self.assertContains(
            response, '<a href="/sv/sektion/kultur/" aria-current="page">Kultur</a>', html=True
        )

    def test_an_article_marks_its_section_in_the_menu_as_the_one_the_reader_is_within(self):
        response = self.client.get(self.lead.get_absolute_url())
        self.assertContains(
            response, '<a href="/sv/sektion/inrikes/" aria-current="true">Inrikes</a>', html=True
        )
        self.assertContains(response, "aria-current", count=1)

    def test_unknown_section_is_not_found(self):
        self.assertEqual(self.client.get("/sv/sektion/finns-inte/").status_code, 404)

    def test_section_pages_paginate_and_refuse_bad_page_numbers(self):
        for n in range(13):
            make_article(section=self.other_section, slug=f"kultur-{n}")
        self.assertEqual(len(self.client.get("/sv/sektion/kultur/").context["articles"]), 12)
        self.assertEqual(len(self.client.get("/sv/sektion/kultur/?page=2").context["articles"]), 2)
        self.assertEqual(self.client.get("/sv/sektion/kultur/?page=3").status_code, 404)
        self.assertEqual(self.client.get("/sv/sektion/kultur/?page=abc").status_code, 404)

    def test_not_found_page_is_localized(self):
        self.assertContains(
            self.client.get("/sv/finns-inte/"), "Sidan hittades inte", status_code=404
        )
        self.assertContains(self.client.get("/en/missing/"), "Page not found", status_code=404)


class AllNewsTests(TestCase):
    """The front page shows the latest; all news, page by page, is one link away."""

    @classmethod
    def setUpTestData(cls):
        cls.section = make_section()
        # Newest first: articles[0] leads the front page, articles[13] is the first it leaves out.
        cls.articles = [
            make_article(
                section=cls.section,
                slug=f"nyhet-{n}",
                headline=f"Nyhet nummer {n}",
                published_at=timezone.now() - timedelta(hours=n + 1),
            )
            for n in range(15)
        ]
        make_article(section=cls.section, headline="Engelsk nyhet", language="en")
        make_article(section=cls.section, headline="Utkast", status=Article.Status.DRAFT)
        make_article(section=cls.section, published_at=timezone.now() + timedelta(days=1))
        with translation.override("sv"):
            cls.url = reverse("articles:all_news")

    def test_the_front_page_links_all_news_when_it_cannot_show_every_article(self):
        response = self.client.get("/sv/")
        self.assertEqual(response.context["lead_article"], self.articles[0])
        self.assertEqual(list(response.context["latest_articles"]), self.articles[1:13])
        self.assertNotContains(response, "Nyhet nummer 13<")
        self.assertContains(
            response, f'<p class="front-more"><a href="{self.url}">Alla nyheter</a></p>', html=True
        )

    def test_the_front_page_links_no_list_it_would_only_repeat(self):
        Article.objects.filter(pk__in=[a.pk for a in self.articles[13:]]).delete()
        response = self.client.get("/sv/")
        self.assertEqual(len(response.context["latest_articles"]), 12)
        self.assertNotContains(response, self.url)

    def test_all_news_lists_the_published_articles_in_the_pages_language_page_by_page(self):
        response = self.client.get(self.url)
        self.assertContains(response, '<h1 class="page-heading">Alla nyheter</h1>', html=True)
        self.assertEqual(list(response.context["articles"]), self.articles[:12])
        self.assertContains(response, 'rel="next" href="?page=2"')
        response = self.client.get(f"{self.url}?page=2")
        self.assertEqual(list(response.context["articles"]), self.articles[12:])
        self.assertContains(
            response, f'<link rel="canonical" href="http://testserver{self.url}?page=2">'
        )
        # A later page has no counterpart: the switcher leads to the other list's first page.
        self.assertContains(response, '<a class="masthead__language" href="/en/news/"')
        self.assertNotContains(response, 'hreflang="x-default"')
        self.assertEqual(self.client.get(f"{self.url}?page=3").status_code, 404)
        self.assertEqual(self.client.get(f"{self.url}?page=abc").status_code, 404)
        self.assertRedirects(self.client.get(f"{self.url}?page=1"), self.url, status_code=301)

    def test_the_last_page_by_name_redirects_to_its_number(self):
        # The paginator reads ?page=last as the last page: one more copy of it in the page cache.
        # Which page is last changes as articles are published: a temporary redirect.
        for query, address in (
            ("page=last", f"{self.url}?page=2"),
            ("utm_source=x&page=last&sida=1", f"{self.url}?page=2&sida=1&utm_source=x"),
        ):
            with self.subTest(query=query):
                response = self.client.get(f"{self.url}?{query}")
                self.assertRedirects(response, address, fetch_redirect_response=False)
        self.assertEqual(self.client.get(f"{self.url}?page=2").status_code, 200)
        # One page: the list's own address.
        with translation.override("en"):
            english = reverse("articles:all_news")
        response = self.client.get(f"{english}?page=last")
        self.assertRedirects(response, english, fetch_redirect_response=False)

    def test_all_news_in_english_lists_the_english_articles(self):
        with translation.override("en"):
            url = reverse("articles:all_news")
        response = self.client.get(url)
        self.assertContains(response, '<h1 class="page-heading">All news</h1>', html=True)
        self.assertContains(response, '<meta property="og:title" content="All news">')
        self.assertEqual([a.headline for a in response.context["articles"]], ["Engelsk nyhet"])
        self.assertContains(
            response, f'<link rel="alternate" hreflang="sv" href="http://testserver{self.url}">'
        )

    def test_an_empty_list_says_so_and_is_not_for_search_engines(self):
        Article.objects.all().delete()
        response = self.client.get(self.url)
        self.assertContains(response, '<meta name="robots" content="noindex">')
        self.assertNotContains(response, "application/rss+xml")
        self.assertNotContains(response, '<link rel="alternate" hreflang')
        self.assertContains(response, '<a class="masthead__language" href="/en/news/"')

    def test_the_list_names_no_empty_list_in_the_other_language_as_its_version(self):
        # The English list with nothing published is noindex: no version of the Swedish one.
        Article.objects.filter(language="en").delete()
        response = self.client.get(self.url)
        self.assertNotContains(response, '<link rel="alternate" hreflang="en"')
        self.assertNotContains(response, "og:locale:alternate")
        self.assertContains(
            response, f'<link rel="alternate" hreflang="sv" href="http://testserver{self.url}">'
        )
        self.assertContains(
            response,
            f'<link rel="alternate" hreflang="x-default" href="http://testserver{self.url}">',
        )
        # The switcher still leads there, where the reader is told there is nothing yet.
        self.assertContains(response, '<a class="masthead__language" href="/en/news/"')


class AuthorPageTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.author = make_author(name="Karin Lund", slug="karin-lund")
        cls.colleague = make_author(name="Ali Berg", slug="ali-berg")
        cls.newer = make_article(
            authors=[cls.author, cls.colleague],
            headline="Nyare nyhet",
            published_at=timezone.now() - timedelta(minutes=5),
        )
        cls.older = make_article(
            authors=[cls.author],
            headline="Äldre nyhet",
            published_at=timezone.now() - timedelta(days=1),
        )
        make_article(authors=[cls.colleague], headline="Kollegans nyhet")
        make_article(authors=[cls.author], headline="Utkast", status=Article.Status.DRAFT)
        make_article(
            authors=[cls.author],
            headline="Schemalagd",
            published_at=timezone.now() + timedelta(days=1),
        )

    def test_lists_the_authors_published_articles_newest_first(self):
        response = self.client.get("/sv/skribenter/karin-lund/")
        self.assertContains(response, '<h1 class="page-heading">Karin Lund</h1>', html=True)
        self.assertEqual(list(response.context["articles"]), [self.newer, self.older])
        for hidden in ("Kollegans nyhet", "Utkast", "Schemalagd"):
            self.assertNotContains(response, hidden)
        # She has written nothing in English: her English page is no version of this one.
        self.assertNotContains(response, '<link rel="alternate" hreflang="en"')
        self.assertContains(response, 'class="masthead__language" href="/en/" hreflang="en"')

    def test_an_author_who_writes_in_both_languages_has_a_page_in_each(self):
        make_article(authors=[self.author], language="en", slug="summit")
        response = self.client.get("/sv/skribenter/karin-lund/")
        self.assertContains(
            response,
            '<link rel="alternate" hreflang="en" href="http://testserver/en/authors/karin-lund/">',
        )
        self.assertContains(
            response, 'class="masthead__language" href="/en/authors/karin-lund/" hreflang="en"'
        )

    def test_the_byline_links_each_author_to_their_page(self):
        response = self.client.get(self.newer.get_absolute_url())
        for author in (self.author, self.colleague):
            self.assertContains(
                response,
                f'<a class="byline__name" href="/sv/skribenter/{author.slug}/"><bdi>{author.name}</bdi></a>',
                html=True,
            )
        data = response.context["structured_data"]
        self.assertIn(
            {
                "@type": "Person",
                "name": "Karin Lund",
                "url": "http://testserver/sv/skribenter/karin-lund/",
            },
            data["author"],
        )

    def test_an_author_without_articles_in_this_language_points_to_the_other(self):
        response = self.client.get("/en/authors/karin-lund/", headers={"accept-language": "en"})
        self.assertEqual(response.status_code, 200)
        self.assertEqual(list(response.context["articles"]), [])
        self.assertContains(response, "Their articles are in Swedish.")
        self.assertContains(response, 'href="/sv/skribenter/karin-lund/" hreflang="sv"')
        # Not a page of its own to search engines: no hreflang alternates.
        self.assertNotContains(response, '<link rel="alternate" hreflang')

    def test_a_right_to_left_name_is_isolated_in_the_sentences_that_name_the_author(self):
        # Unisolated, an Arabic name pulls the comma and the words beside it into its own
        # right-to-left order.
        name = "ليلى حداد"
        author = make_author(name=name, slug="layla-haddad")
        make_article(authors=[author], language="en", slug="harbour")
        for url, sentences in (
            ("/en/authors/layla-haddad/", 1),  # Articles by …, the latest first.
            ("/sv/skribenter/layla-haddad/", 2),  # … has not written …; Articles by … in …
        ):
            with self.subTest(url=url):
                response = self.client.get(url)
                self.assertContains(response, f"<bdi>{name}</bdi>", count=sentences)

    def test_an_author_page_with_nothing_in_its_language_is_not_for_search_engines(self):
        noindex = '<meta name="robots" content="noindex">'
        # Swedish only: the English page only points to the Swedish one, as the sitemap and
        # hreflang already say; the Swedish page, with her articles, is indexed.
        self.assertContains(self.client.get("/en/authors/karin-lund/"), noindex, count=1)
        self.assertNotContains(self.client.get("/sv/skribenter/karin-lund/"), 'name="robots"')
        # English only: the other way round.
        english = make_author(name="Sam Reed", slug="sam-reed")
        make_article(authors=[english], language="en", slug="harbour")
        self.assertContains(self.client.get("/sv/skribenter/sam-reed/"), noindex, count=1)
        self.assertNotContains(self.client.get("/en/authors/sam-reed/"), 'name="robots"')
        # Both: neither page is noindex.
        make_article(authors=[self.author], language="en", slug="summit")
        for url in ("/sv/skribenter/karin-lund/", "/en/authors/karin-lund/"):
            with self.subTest(url=url):
                self.assertNotContains(self.client.get(url), 'name="robots"')

    def test_the_author_page_links_its_feeds_in_its_language(self):
        make_article(authors=[self.author], language="en", slug="summit")
        for language in ("sv", "en"):
            with translation.override(language):
                page = reverse("articles:author", kwargs={"slug": "karin-lund"})
                rss = reverse("articles:author_feed_rss", kwargs={"slug": "karin-lund"})
                atom = reverse("articles:author_feed_atom", kwargs={"slug": "karin-lund"})
            with self.subTest(language=language):
                response = self.client.get(page)
                self.assertContains(response, f'href="{rss}"', count=1)
                self.assertContains(response, f'href="{atom}"', count=1)
        for kind, name in (("rss+xml", "RSS"), ("atom+xml", "Atom")):
            self.assertContains(
                response,
                f'<link rel="alternate" type="application/{kind}"'
                f' title="Articles by Karin Lund – Newsroom ({name})"'
                f' href="/en/authors/karin-lund/feed/{name.lower()}/">',
                html=True,
            )

    def test_a_page_that_points_to_the_other_language_links_no_author_feed(self):
        response = self.client.get("/en/authors/karin-lund/")
        self.assertEqual(response.status_code, 200)
        self.assertNotContains(response, "/en/authors/karin-lund/feed/")
        # The site's own feeds are still linked, as on every page.
        self.assertContains(response, 'href="/en/feed/rss/"')

    def test_an_author_with_nothing_published_has_no_page(self):
        unpublished = make_author(slug="ny-reporter")
        make_article(authors=[unpublished], status=Article.Status.DRAFT)
        make_article(authors=[unpublished], published_at=timezone.now() + timedelta(hours=2))
        for url in ("/sv/skribenter/ny-reporter/", "/en/authors/ny-reporter/"):
            with self.subTest(url=url):
                self.assertEqual(self.client.get(url).status_code, 404)
        self.assertEqual(self.client.get("/sv/skribenter/finns-inte/").status_code, 404)

    def test_an_author_with_nothing_published_is_not_found_by_their_last_page_either(self):
        unpublished = make_author(slug="ny-reporter")
        make_article(authors=[unpublished], status=Article.Status.DRAFT)
        for url in (
            "/sv/skribenter/ny-reporter/?page=last",
            "/sv/skribenter/finns-inte/?page=last",
        ):
            with self.subTest(url=url):
                self.assertEqual(self.client.get(url).status_code, 404)

    def test_author_pages_paginate_and_refuse_bad_page_numbers(self):
        for n in range(12):
            make_article(authors=[self.colleague], slug=f"kollega-{n}")
        self.assertEqual(len(self.client.get("/sv/skribenter/ali-berg/").context["articles"]), 12)
        page_two = self.client.get("/sv/skribenter/ali-berg/?page=2")
        self.assertEqual(len(page_two.context["articles"]), 2)
        self.assertContains(
            page_two,
            '<link rel="canonical" href="http://testserver/sv/skribenter/ali-berg/?page=2">',
        )
        self.assertEqual(self.client.get("/sv/skribenter/ali-berg/?page=3").status_code, 404)
        self.assertEqual(self.client.get("/sv/skribenter/ali-berg/?page=x").status_code, 404)
        self.assertRedirects(
            self.client.get("/sv/skribenter/ali-berg/?page=1"),
            "/sv/skribenter/ali-berg/",
            status_code=301,
        )
        self.assertRedirects(
            self.client.get("/sv/skribenter/ali-berg/?page=last"),
            "/sv/skribenter/ali-berg/?page=2",
            fetch_redirect_response=False,
        )


class SectionAddressTests(TestCase):
    """A section has an address in each language, from its slug in that language."""

    @classmethod
    def setUpTestData(cls):
        cls.section = make_section(slug="utrikes", name_sv="Utrikes", name_en="World")
        cls.swedish = make_article(section=cls.section, slug="toppmote", headline="Toppmöte")
        cls.english = make_article(
            section=cls.section, language="en", slug="summit", headline="Summit"
        )

    def assert_permanent_redirect(self, asked, address):
        response = self.client.get(asked)
        self.assertRedirects(response, address, status_code=301, fetch_redirect_response=False)

    def test_the_english_page_has_the_english_slug(self):
        self.assertEqual(self.section.url_in("sv"), "/sv/sektion/utrikes/")
        self.assertEqual(self.section.url_in("en"), "/en/section/world/")
        response = self.client.get("/en/section/world/")
        self.assertContains(response, '<h1 class="page-heading">World</h1>', html=True)
        self.assertEqual(list(response.context["articles"]), [self.english])

    def test_the_english_article_page_leads_to_the_english_section_address(self):
        response = self.client.get(self.english.get_absolute_url())
        self.assertContains(
            response,
            '<p class="article__section"><a href="/en/section/world/">World</a></p>',
            html=True,
        )
        response = self.client.get(self.swedish.get_absolute_url())
        self.assertContains(response, '<a href="/sv/sektion/utrikes/">Utrikes</a>', html=True)

    def test_the_old_english_address_redirects_permanently_to_the_new_one(self):
        self.assert_permanent_redirect("/en/section/utrikes/", "/en/section/world/")

    def test_a_swedish_address_with_the_english_slug_redirects_to_the_swedish_one(self):
        self.assert_permanent_redirect("/sv/sektion/world/", "/sv/sektion/utrikes/")

    def test_the_redirect_keeps_the_page_number(self):
        for n in range(13):
            make_article(section=self.section, language="en", slug=f"wolf-{n}")
        self.assert_permanent_redirect("/en/section/utrikes/?page=2", "/en/section/world/?page=2")
        self.assertEqual(self.client.get("/en/section/world/?page=2").status_code, 200)

    def test_the_last_page_by_name_redirects_to_its_number_at_the_sections_own_address(self):
        for n in range(13):
            make_article(section=self.section, language="en", slug=f"wolf-{n}")
        # The other language's slug first (permanent, the page kept as asked), then the number.
        self.assert_permanent_redirect(
            "/en/section/utrikes/?page=last", "/en/section/world/?page=last"
        )
        response = self.client.get("/en/section/world/?page=last")
        self.assertRedirects(response, "/en/section/world/?page=2", fetch_redirect_response=False)
        response = self.client.get("/sv/sektion/utrikes/?page=last")
        self.assertRedirects(response, "/sv/sektion/utrikes/", fetch_redirect_response=False)

    def test_page_one_by_number_redirects_once_to_the_one_address(self):
        self.assert_permanent_redirect("/en/section/utrikes/?page=1", "/en/section/world/")
        self.assert_permanent_redirect("/en/section/world/?page=1", "/en/section/world/")
        self.assert_permanent_redirect("/sv/sektion/utrikes/?page=1", "/sv/sektion/utrikes/")

    def test_the_redirect_never_leaves_the_site_whatever_the_query(self):
        for query in (
            "next=//evil.example/",
            "page=//evil.example/",
            "page=%0D%0ALocation:%20https://evil.example/",
            "%FF%FE=%FF",
            "@evil.example",
        ):
            with self.subTest(query=query):
                response = self.client.get(f"/en/section/utrikes/?{query}")
                self.assertEqual(response.status_code, 301)
                location = response["Location"]
                self.assertTrue(location.startswith("/en/section/world/"), location)
                self.assertTrue(url_has_allowed_host_and_scheme(location, allowed_hosts=set()))
                self.assertNotIn("\r", location)
                self.assertNotIn("\n", location)

    def test_campaign_parameters_are_handed_on_by_the_redirect(self):
        response = self.client.get("/en/section/utrikes/?utm_source=newsletter&page=2")
        self.assertEqual(response["Location"], "/en/section/world/?page=2&utm_source=newsletter")

    def test_unknown_slugs_are_not_found_in_either_language(self):
        for url in ("/en/section/finns-inte/", "/sv/sektion/missing/", "/en/section/world-2/"):
            with self.subTest(url=url):
                self.assertEqual(self.client.get(url).status_code, 404)

    def test_a_slug_names_the_section_of_the_pages_language_first(self):
        # A section whose English slug is another's Swedish one (as a migration may leave them).
        other = make_section(slug="varlden", slug_en="utrikes", name_en="Planet")
        response = self.client.get("/en/section/utrikes/")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.context["section"], other)
        self.assertEqual(self.client.get("/sv/sektion/utrikes/").context["section"], self.section)

    def test_later_pages_switch_language_to_the_other_sections_first_page(self):
        for n in range(13):
            make_article(section=self.section, language="en", slug=f"wolf-{n}")
        response = self.client.get("/en/section/world/", {"page": 2})
        self.assertContains(
            response, 'class="masthead__language" href="/sv/sektion/utrikes/" hreflang="sv"'
        )

    def test_the_section_page_links_its_feeds_in_its_language(self):
        response = self.client.get("/en/section/world/")
        self.assertContains(response, 'href="/en/section/world/feed/rss/"')
        self.assertContains(response, 'href="/en/section/world/feed/atom/"')


class EmptySectionTests(TestCase):
    """A section with nothing in the page's language points to what it has in the other."""

    @classmethod
    def setUpTestData(cls):
        cls.section = make_section(slug="utrikes", name_sv="Utrikes", name_en="World")

    def link_to_the_other_language(self, response):
        found = re.findall(r"<main.*?</main>", response.content.decode(), re.S)
        return re.findall(
            r'<a href="([^"]*)" hreflang="([^"]*)" lang="([^"]*)">([^<]*)</a>', found[0]
        )

    def test_an_empty_english_section_says_so_and_links_the_swedish_one(self):
        make_article(section=self.section, headline="Toppmöte")
        response = self.client.get("/en/section/world/")
        self.assertContains(response, "This section has no articles in English yet.")
        [(href, hreflang, lang, text)] = self.link_to_the_other_language(response)
        self.assertEqual((href, hreflang, lang), ("/sv/sektion/utrikes/", "sv", "sv"))
        self.assertIn("Utrikes", text)
        self.assertNotContains(response, "No articles in this section yet.")

    def test_an_empty_swedish_section_links_the_english_one(self):
        make_article(section=self.section, language="en", headline="Summit")
        response = self.client.get("/sv/sektion/utrikes/")
        [(href, hreflang, lang, text)] = self.link_to_the_other_language(response)
        self.assertEqual(
            (href, hreflang, lang, text), ("/en/section/world/", "en", "en", "World in English")
        )

    def test_a_section_empty_in_both_languages_offers_no_link(self):
        # Unpublished articles are nothing to read either.
        make_article(section=self.section, status=Article.Status.DRAFT)
        make_article(section=self.section, published_at=timezone.now() + timedelta(days=1))
        for url in ("/en/section/world/", "/sv/sektion/utrikes/"):
            with self.subTest(url=url):
                response = self.client.get(url)
                self.assertEqual(self.link_to_the_other_language(response), [])
                self.assertNotContains(response, "This section has no articles in English yet.")

    def test_a_section_with_articles_in_the_pages_language_offers_no_link(self):
        make_article(section=self.section, headline="Toppmöte")
        make_article(section=self.section, language="en", headline="Summit")
        response = self.client.get("/en/section/world/")
        self.assertEqual(self.link_to_the_other_language(response), [])
        self.assertNotContains(response, "This section has no articles in English yet.")


class FeedLinkTests(TestCase):
    """Front and section pages advertise their feeds only when they list articles."""

    @classmethod
    def setUpTestData(cls):
        cls.section = make_section(slug="utrikes", name_sv="Utrikes", name_en="World")

    def setUp(self):
        # The consent version (the cookie table) is read once per purge, not for each page.
        current_digest()

    def feeds(self, url, queries):
        # The view's own queries decide: the links ask for nothing more.
        with self.assertNumQueries(queries):
            response = self.client.get(url)
        self.assertEqual(response.status_code, 200)
        return re.findall(
            r'<link rel="alternate" type="application/(?:rss|atom)\+xml"[^>]* href="([^"]+)">',
            response.content.decode(),
        )

    def test_a_section_with_articles_links_its_feeds(self):
        make_article(section=self.section, language="en")
        self.assertEqual(
            self.feeds("/en/section/world/", 4),
            [
                "/en/feed/rss/",
                "/en/feed/atom/",
                "/en/section/world/feed/rss/",
                "/en/section/world/feed/atom/",
            ],
        )

    def test_an_empty_section_links_no_feed_of_its_own(self):
        # Articles in the other language, unpublished or still to come are nothing to follow.
        make_article(section=self.section)
        make_article(section=self.section, language="en", status=Article.Status.DRAFT)
        make_article(
            section=self.section, language="en", published_at=timezone.now() + timedelta(days=1)
        )
        make_article(section=make_section(slug="kultur", name_en="Culture"), language="en")
        # The site's feed has articles: it is still linked, as on every page that has one.
        self.assertEqual(self.feeds("/en/section/world/", 3), ["/en/feed/rss/", "/en/feed/atom/"])

    def test_a_front_page_with_articles_links_the_languages_feeds(self):
        make_article(section=self.section, language="en")
        self.assertEqual(self.feeds("/en/", 2), ["/en/feed/rss/", "/en/feed/atom/"])

    def test_an_empty_front_page_links_no_feed(self):
        make_article(section=self.section)
        make_article(section=self.section, language="en", status=Article.Status.DRAFT)
        self.assertEqual(self.feeds("/en/", 2), [])
        self.assertEqual(self.feeds("/sv/", 2), ["/sv/flode/rss/", "/sv/flode/atom/"])


class SectionLanguageVersionsTests(TestCase):
    """A section page's versions (hreflang, the switcher) are its pages with articles to read."""

    @classmethod
    def setUpTestData(cls):
        cls.section = make_section(slug="utrikes", name_sv="Utrikes", name_en="World")

    def versions(self, url):
        response = self.client.get(url)
        self.assertEqual(response.status_code, 200)
        html = response.content.decode()
        hreflang = dict(
            re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">', html)
        )
        [switcher] = re.findall(r'class="masthead__language" href="([^"]+)"', html)
        noindex = '<meta name="robots" content="noindex">' in html
        return hreflang, switcher, noindex

    def add_articles(self, *languages, number=1):
        for language in languages:
            for _ in range(number):
                make_article(section=self.section, language=language)

    def test_a_section_with_articles_in_both_languages_names_both(self):
        self.add_articles("sv", "en")
        both = {
            "sv": "http://testserver/sv/sektion/utrikes/",
            "en": "http://testserver/en/section/world/",
            "x-default": "http://testserver/sv/sektion/utrikes/",
        }
        self.assertEqual(self.versions("/sv/sektion/utrikes/"), (both, "/en/section/world/", False))
        self.assertEqual(self.versions("/en/section/world/"), (both, "/sv/sektion/utrikes/", False))

    def test_a_swedish_only_section_names_no_english_version(self):
        self.add_articles("sv")
        swedish = {
            "sv": "http://testserver/sv/sektion/utrikes/",
            "x-default": "http://testserver/sv/sektion/utrikes/",
        }
        # The switcher leads to the English front page, not to a page with nothing to read.
        self.assertEqual(self.versions("/sv/sektion/utrikes/"), (swedish, "/en/", False))
        # The empty English page is no version of anything, and not for search engines; it
        # still leads readers to the Swedish one.
        self.assertEqual(self.versions("/en/section/world/"), ({}, "/sv/sektion/utrikes/", True))

    def test_an_english_only_section_names_no_swedish_version(self):
        self.add_articles("en")
        english = {"en": "http://testserver/en/section/world/"}
        self.assertEqual(self.versions("/en/section/world/"), (english, "/sv/", False))
        self.assertEqual(self.versions("/sv/sektion/utrikes/"), ({}, "/en/section/world/", True))

    def test_a_section_without_published_articles_has_no_versions(self):
        make_article(section=self.section, status=Article.Status.DRAFT)
        make_article(section=self.section, published_at=timezone.now() + timedelta(days=1))
        make_article(section=self.section, language="en", status=Article.Status.DRAFT)
        self.assertEqual(self.versions("/sv/sektion/utrikes/"), ({}, "/en/", True))
        self.assertEqual(self.versions("/en/section/world/"), ({}, "/sv/", True))

    def test_a_later_page_leads_to_the_other_languages_first_page_only_if_it_has_articles(self):
        self.add_articles("sv", number=13)
        self.assertEqual(self.versions("/sv/sektion/utrikes/?page=2"), ({}, "/en/", False))
        self.add_articles("en")
        self.assertEqual(
            self.versions("/sv/sektion/utrikes/?page=2"), ({}, "/en/section/world/", False)
        )
        self.assertEqual(self.client.get("/en/section/world/?page=2").status_code, 404)


class QueryCountTests(TestCase):
    """Every page costs the same number of queries whatever the amount of content."""

    @classmethod
    def setUpTestData(cls):
        cls.sections = [make_section() for _ in range(3)]
        cls.authors = [make_author() for _ in range(3)]
        cls.images = [make_image(), make_image(source=DigitalSourceType.TRAINED_ALGORITHMIC_MEDIA)]

    def add_articles(self, number):
        articles = []
        for n in range(number):
            article = make_article(
                section=self.sections[n % 3],
                authors=self.authors[: 1 + n % 3],
                lead_image=self.images[n % 2],
            )
            articles.append(article)
        return articles

    def setUp(self):
        # The consent version (the cookie table) is read once per purge, not for each page.
        current_digest()

    def assert_page_queries(self, url, expected):
        with self.assertNumQueries(expected):
            response = self.client.get(url)
        self.assertEqual(response.status_code, 200)

    def test_front_page_queries_are_fixed(self):
        for number in (3, 30):
            with self.subTest(articles=number):
                Article.objects.all().delete()
                self.add_articles(number)
                # articles (with their images' rendition index), the section menu: cards name
                # no authors
                self.assert_page_queries("/sv/", 2)

    def test_all_news_page_queries_are_fixed(self):
        for number in (3, 30):
            with self.subTest(articles=number):
                Article.objects.all().delete()
                self.add_articles(number)
                # count, articles, whether the other language has any (hreflang), the section
                # menu: cards name no authors
                with translation.override("sv"):
                    url = reverse("articles:all_news")
                self.assert_page_queries(url, 4)
                if number > 12:
                    self.assert_page_queries(f"{url}?page=2", 3)

    def test_article_page_queries_are_fixed(self):
        for number in (3, 30):
            with self.subTest(articles=number):
                Article.objects.all().delete()
                articles = self.add_articles(number)
                make_article(
                    language="en",
                    slug=f"en-{number}",
                    translation_of=articles[0],
                    section=self.sections[0],
                )
                # article with section and image, authors, its translation, the section menu
                self.assert_page_queries(articles[0].get_absolute_url(), 4)

    def test_an_article_under_the_other_languages_prefix_redirects_with_one_more_query(self):
        for number in (3, 30):
            with self.subTest(articles=number):
                Article.objects.all().delete()
                articles = self.add_articles(number)
                with translation.override("en"):
                    url = reverse("articles:detail", kwargs={"slug": articles[0].slug})
                # the article in English (none), the article in Swedish with its translation
                with self.assertNumQueries(2):
                    response = self.client.get(url)
                self.assertRedirects(response, articles[0].get_absolute_url(), status_code=302)

    def test_a_former_slug_under_the_other_prefix_redirects_with_the_same_queries(self):
        articles = self.add_articles(3)
        old_url = articles[0].get_absolute_url()
        articles[0].slug = "renamed"
        articles[0].save()
        address_redirect(old_url=old_url, new_url=articles[0].get_absolute_url())
        with translation.override("en"):
            url = reverse("articles:detail", kwargs={"slug": old_url.split("/")[-2]})
        # the article in English (none), the article in Swedish by either slug
        with self.assertNumQueries(2):
            response = self.client.get(url)
        self.assertRedirects(response, articles[0].get_absolute_url(), status_code=302)

    def test_an_unknown_article_costs_the_same_queries(self):
        # the article (none), the other languages' (none), the section menu of the 404 page,
        # the redirect (none)
        Site.objects.get_current()  # cached per process, as in production
        with translation.override("en"):
            url = reverse("articles:detail", kwargs={"slug": "finns-inte"})
        with self.assertNumQueries(4):
            response = self.client.get(url)
        self.assertEqual(response.status_code, 404)

    def test_section_page_queries_are_fixed(self):
        for number in (3, 30):
            with self.subTest(articles=number):
                Article.objects.all().delete()
                self.add_articles(number)
                # section (with the languages it has articles in), count, articles, the section
                # menu: cards name no authors
                self.assert_page_queries(self.sections[0].get_absolute_url(), 4)
                for n in range(number):
                    make_article(language="en", slug=f"en-{number}-{n}", section=self.sections[0])
                self.assert_page_queries(self.sections[0].get_absolute_url(), 4)
                with translation.override("en"):
                    self.assert_page_queries(self.sections[0].get_absolute_url(), 4)

    def test_a_later_section_page_asks_the_same_queries(self):
        for number in (13, 40):
            with self.subTest(articles=number):
                Article.objects.all().delete()
                for n in range(number):
                    make_article(slug=f"sv-{number}-{n}", section=self.sections[0])
                self.assert_page_queries(f"{self.sections[0].get_absolute_url()}?page=2", 4)

    def test_author_page_queries_are_fixed(self):
        for number in (3, 30):
            with self.subTest(articles=number):
                Article.objects.all().delete()
                self.add_articles(number)
                # author, count, articles, the languages the author writes in, the section menu
                with translation.override("sv"):
                    url = self.authors[0].get_absolute_url()
                self.assert_page_queries(url, 5)
                # With nothing in English: author, count, the languages the author writes in,
                # the section menu.
                with translation.override("en"):
                    url = self.authors[0].get_absolute_url()
                self.assert_page_queries(url, 4)

    def test_an_empty_section_page_asks_no_query_of_its_own_for_the_other_language(self):
        for number in (0, 3, 30):
            with self.subTest(articles=number):
                Article.objects.all().delete()
                self.add_articles(number)
                # section (with the languages it has articles in), count (an empty page asks
                # none for its articles), the section menu
                with translation.override("en"):
                    url = self.sections[0].get_absolute_url()
                self.assert_page_queries(url, 3)

    def test_an_old_section_address_redirects_with_one_query(self):
        section = make_section(slug="ekonomi", name_en="Business")
        with translation.override("en"):
            url = reverse("articles:section", kwargs={"slug": section.slug})
        with self.assertNumQueries(1):
            self.assertEqual(self.client.get(url).status_code, 301)


class ServerErrorPageTests(TestCase):
    def test_server_error_page_is_localized_and_plain(self):
        from unittest import mock

        self.client.raise_request_exception = False
        with mock.patch(
            "articles.views.FrontPageView.get_queryset", side_effect=RuntimeError("boom")
        ):
            response = self.client.get("/sv/")
        self.assertEqual(response.status_code, 500)
        self.assertContains(response, "Något gick fel", status_code=500)
        with mock.patch(
            "articles.views.FrontPageView.get_queryset", side_effect=RuntimeError("boom")
        ):
            response = self.client.get("/en/")
        self.assertContains(response, "Something went wrong", status_code=500)


class RefusalPageTests(TestCase):
    """403, the CSRF check's 403 and 400: the site's own plain pages, in the reader's language."""

    def test_a_page_an_editor_may_not_open_says_so_in_swedish(self):
        self.client.force_login(make_user("redaktor", role="Editor"))
        response = self.client.get("/admin/auth/user/", headers={"accept-language": "sv"})
        self.assertContains(
            response, '<h1 class="page-heading">Ingen åtkomst</h1>', status_code=403
        )
        self.assertContains(response, '<html lang="sv">', status_code=403)

    def test_a_form_whose_security_check_failed_says_what_to_do(self):
        client = Client(enforce_csrf_checks=True)
        client.force_login(make_user("redaktor", role="Editor"))
        response = client.post("/admin/articles/section/add/", {"name_sv": "Ny"})
        self.assertContains(response, "Formuläret kunde inte skickas", status_code=403)
        self.assertContains(response, "ladda om sidan", status_code=403)

    def test_a_request_for_another_host_gets_the_plain_bad_request_page(self):
        response = self.client.get("/sv/", headers={"host": "evil.example"})
        self.assertContains(response, "Felaktig begäran", status_code=400)
        self.assertNotContains(response, "evil.example", status_code=400)
