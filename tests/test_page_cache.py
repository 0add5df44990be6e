import json
import socket
import uuid
from contextlib import contextmanager
from datetime import timedelta
from unittest import mock

import time_machine
from django.contrib.auth.models import Group, User
from django.contrib.redirects.models import Redirect
from django.contrib.sites.models import Site
from django.core.cache import caches
from django.db import connection
from django.test import RequestFactory, TestCase, override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from articles.models import Article, ArticleViewDay, Section
from articles.sitemaps import ArticleSitemap
from articles.views import FrontPageView
from consent import texts
from consent.texts import current_digest
from newsroom.cache import CacheOutage, PageCacheMiddleware, cache_outage, page_cache_purge
from tests.factories import article_form_data, byline_form_data, make_article, make_section


@override_settings(NEWSROOM_PAGE_CACHE_SECONDS=300)
class PageCacheTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.section = make_section(slug="inrikes")
        cls.article = make_article(section=cls.section, headline="Första versionen")

    def test_a_second_anonymous_view_is_served_without_queries(self):
        self.client.get("/sv/")
        with self.assertNumQueries(0):
            response = self.client.get("/sv/")
        self.assertContains(response, "Första versionen")

    def test_pages_tell_caches_how_long_and_on_what_they_vary(self):
        response = self.client.get(self.article.get_absolute_url())
        self.assertIn("public", response["Cache-Control"])
        self.assertIn("s-maxage=60", response["Cache-Control"])
        self.assertIn("must-revalidate", response["Cache-Control"])
        self.assertIn("Cookie", response["Vary"])
        self.assertTrue(response["ETag"])

    def test_a_conditional_request_gets_a_304(self):
        etag = self.client.get("/sv/")["ETag"]
        response = self.client.get("/sv/", headers={"If-None-Match": etag})
        self.assertEqual(response.status_code, 304)
        self.assertEqual(response.content, b"")

    def test_the_key_is_address_and_consent_state_not_the_whole_cookie_header(self):
        self.client.get("/sv/", headers={"Cookie": "tracking=1"})
        with self.assertNumQueries(0):
            other_cookies = self.client.get("/sv/", headers={"Cookie": "tracking=2; x=y"})
        self.assertContains(other_cookies, "Denna webbplats använder cookies")
        self.client.post(
            "/sv/samtycke/", {"choice": "accept", "source": "banner", "banner": current_digest()}
        )
        accepted = self.client.get("/sv/")
        self.assertNotContains(accepted, "Denna webbplats använder cookies")
        self.assertContains(accepted, "js/analytics.js")

    def test_campaign_parameters_share_the_plain_address_copy(self):
        path = self.article.get_absolute_url()
        response = self.client.get(path, {"utm_source": "nyhetsbrev", "fbclid": "IwAR0abc"})
        # Rendered as for the plain address: nothing of the click is kept in the page.
        self.assertContains(response, f'name="next" value="{path}"')
        self.assertNotContains(response, "IwAR0abc")
        self.assertNotContains(response, "nyhetsbrev")
        with self.assertNumQueries(0):
            self.client.get(path)
        with self.assertNumQueries(0):
            self.client.get(path, {"gclid": "other", "utm_campaign": "v48", "_gl": "1*x"})

    def test_parameters_no_page_reads_are_never_stored(self):
        path = self.article.get_absolute_url()
        self.client.get(path)
        for query in ("x=1", "x=1", "page=1&sida=2", "q=tokyo&cb=7"):
            with self.subTest(query=query), CaptureQueriesContext(connection) as queries:
                self.assertEqual(self.client.get(f"{path}?{query}").status_code, 200)
            self.assertGreater(len(queries), 0)
        # The parameters pages read still key copies of their own.
        with translation.override("sv"):
            search = reverse("articles:search")
        self.client.get(f"{search}?q=versionen")
        with self.assertNumQueries(0):
            self.client.get(f"{search}?q=versionen")

    def test_other_parameters_are_kept_as_sent(self):
        path = self.article.get_absolute_url()
        self.client.get(path)
        query = "sida=2&utm_medium=social&q=%C3%A5r&fbclid=x&xfbclid=kept"
        response = self.client.get(f"{path}?{query}")
        self.assertEqual(
            response.wsgi_request.get_full_path(), f"{path}?sida=2&q=%C3%A5r&xfbclid=kept"
        )
        self.assertEqual(response.wsgi_request.GET["q"], "år")
        self.assertContains(
            response, f'name="next" value="{path}?sida=2&amp;q=%C3%A5r&amp;xfbclid=kept"'
        )

    def test_the_sites_own_redirects_hand_campaign_parameters_on(self):
        path = self.article.get_absolute_url()
        campaign = "utm_source=nyhetsbrev&fbclid=IwAR0abc"
        # A missing slash (other parameters first, as the site keeps them), the bare address.
        response = self.client.get(
            f"{path.rstrip('/')}?utm_source=nyhetsbrev&sida=2&fbclid=IwAR0abc"
        )
        self.assertRedirects(
            response, f"{path}?sida=2&{campaign}", status_code=301, fetch_redirect_response=False
        )
        response = self.client.get(f"/?{campaign}")
        self.assertRedirects(response, f"/sv/?{campaign}", fetch_redirect_response=False)
        # Where the browser ends up, the page is the plain address's copy.
        self.client.get("/sv/")
        with self.assertNumQueries(0):
            self.assertEqual(self.client.get(f"/sv/?{campaign}").status_code, 200)

    @override_settings(SECURE_SSL_REDIRECT=True)
    def test_the_redirect_to_https_hands_campaign_parameters_on(self):
        response = self.client.get("/sv/?sida=2&utm_source=nyhetsbrev&gclid=abc")
        self.assertRedirects(
            response,
            "https://testserver/sv/?sida=2&utm_source=nyhetsbrev&gclid=abc",
            status_code=301,
            fetch_redirect_response=False,
        )

    def test_campaign_parameters_are_not_handed_to_other_sites_or_after_a_post(self):
        Redirect.objects.create(
            site=Site.objects.get_current(),
            old_path="/sv/gammal-adress/",
            new_path="https://example.org/annan-sida/",
        )
        response = self.client.get("/sv/gammal-adress/?utm_source=nyhetsbrev&gclid=abc")
        self.assertEqual(response.status_code, 301)
        self.assertEqual(response["Location"], "https://example.org/annan-sida/")
        path = self.article.get_absolute_url()
        response = self.client.post(
            "/sv/samtycke/?utm_source=nyhetsbrev",
            {"choice": "decline", "source": "banner", "banner": current_digest(), "next": path},
        )
        self.assertRedirects(response, path, status_code=303, fetch_redirect_response=False)

    @override_settings(ALLOWED_HOSTS=["testserver", "www.testserver"])
    def test_each_allowed_host_gets_its_own_copy(self):
        path = self.article.get_absolute_url()
        self.client.get(path, headers={"host": "www.testserver"})
        response = self.client.get(path)
        self.assertContains(response, f'<link rel="canonical" href="http://testserver{path}">')
        self.assertNotContains(response, "www.testserver")

    def test_a_bad_host_header_is_refused_even_when_the_page_is_cached(self):
        path = self.article.get_absolute_url()
        self.client.get(path)
        for host in ("evil.example", "testserver.evil.example", "testserver@evil.example"):
            with self.subTest(host=host):
                response = self.client.get(path, headers={"host": host})
                self.assertEqual(response.status_code, 400)
                self.assertNotContains(response, "Första versionen", status_code=400)

    @contextmanager
    def new_wording(self, name, **changes):
        """A deploy with these texts of consent.texts.<name>() changed: a new process, whose
        memoised texts are the new ones."""
        first = getattr(texts, name)
        self.addCleanup(texts.current_digest.cache_clear)
        self.addCleanup(texts.current_texts.cache_clear)
        with mock.patch.object(texts, name, lambda: {**first(), **changes}):
            texts.current_texts.cache_clear()
            texts.current_digest.cache_clear()
            yield

    def test_a_new_banner_wording_is_served_at_once(self):
        self.assertContains(self.client.get("/sv/"), current_digest())
        old_digest = current_digest()
        with self.new_wording("banner_texts", text="Vi använder cookies för att räkna läsare."):
            new_digest = current_digest()
            response = self.client.get("/sv/")
        self.assertNotEqual(new_digest, old_digest)
        self.assertContains(response, new_digest)
        self.assertNotContains(response, old_digest)

    def test_a_new_settings_page_wording_is_a_new_version(self):
        old_digest = current_digest()
        with self.new_wording("settings_texts", settings_accept="Ja till analys"):
            new_digest = current_digest()
        self.assertNotEqual(new_digest, old_digest)

    def test_gpc_visitors_get_their_own_copy(self):
        self.client.get("/sv/")
        response = self.client.get("/sv/", headers={"Sec-GPC": "1"})
        self.assertContains(response, "data-consent-question hidden")

    def test_an_editors_change_shows_at_once_on_every_affected_page(self):
        for url in ("/sv/", self.section.get_absolute_url(), self.article.get_absolute_url()):
            self.client.get(url)
        editor = User.objects.create_user("redaktor", is_staff=True)
        editor.groups.add(Group.objects.get(name="Editor"))
        editor_client = self.client_class()
        editor_client.force_login(editor)
        change = (
            editor_client.get(reverse("admin:articles_article_change", args=[self.article.pk]))
            .context["adminform"]
            .form.initial
        )
        data = {
            key: value
            for key, value in change.items()
            if key not in ("published_at", "substantive_update_at", "authors")
        }
        published = timezone.localtime(self.article.published_at)
        data.update(
            headline="Andra versionen",
            **byline_form_data(
                [a.pk for a in self.article.byline], stored=self.article.bylines.all()
            ),
            lead_image="",
            translation_of="",
            published_at_0=published.strftime("%Y-%m-%d"),
            published_at_1=published.strftime("%H:%M:%S"),
            substantive_update_at_0="",
            substantive_update_at_1="",
        )
        response = editor_client.post(
            reverse("admin:articles_article_change", args=[self.article.pk]), data
        )
        self.assertEqual(response.status_code, 302)
        for url in ("/sv/", self.section.get_absolute_url(), self.article.get_absolute_url()):
            self.assertContains(self.client.get(url), "Andra versionen")

    def test_an_editors_change_shows_at_once_in_the_authors_and_sections_feeds(self):
        author = self.article.byline[0]
        with translation.override("sv"):
            urls = [
                reverse("articles:author_feed_rss", kwargs={"slug": author.slug}),
                reverse("articles:author_feed_atom", kwargs={"slug": author.slug}),
                self.section.url_in("sv", "articles:section_feed_rss"),
            ]
        for url in urls:
            self.assertContains(self.client.get(url), "Första versionen")
        with self.assertNumQueries(0):  # kept: a purge is what makes them stale
            for url in urls:
                self.client.get(url)
        editor = User.objects.create_user("redaktor", is_staff=True)
        editor.groups.add(Group.objects.get(name="Editor"))
        editor_client = self.client_class()
        editor_client.force_login(editor)
        response = editor_client.post(
            reverse("admin:articles_article_change", args=[self.article.pk]),
            article_form_data(self.article, headline="Andra versionen"),
        )
        self.assertEqual(response.status_code, 302)
        for url in urls:
            with self.subTest(url=url):
                response = self.client.get(url)
                self.assertContains(response, "Andra versionen")
                self.assertNotContains(response, "Första versionen")

    def test_a_feed_asked_for_with_parameters_it_does_not_read_is_served_its_own_copy(self):
        with translation.override("sv"):
            feed = reverse("articles:feed_rss")
            search = reverse("articles:search")
        # Asked for first with them, the feed is made for it but not kept as the feed's copy.
        for query in ("q=x", "page=2"):
            with self.subTest(query=query), CaptureQueriesContext(connection) as queries:
                self.assertContains(self.client.get(f"{feed}?{query}"), "Första versionen")
            self.assertGreater(len(queries), 0)
        plain = self.client.get(feed).content
        for query in ("q=x", "page=2", "p=3", "q=y&page=9"):
            with self.subTest(query=query), self.assertNumQueries(0):
                self.assertEqual(self.client.get(f"{feed}?{query}").content, plain)
        # Search still keeps a copy for each search.
        found = self.client.get(search, {"q": "versionen"})
        self.assertContains(found, "Första versionen")
        with self.assertNumQueries(0):
            self.assertEqual(self.client.get(search, {"q": "versionen"}).content, found.content)
        self.assertNotContains(self.client.get(search, {"q": "zebra"}), "Första versionen")

    def test_pages_asked_for_with_parameters_they_do_not_read_are_served_their_one_copy(self):
        with translation.override("sv"):
            all_news = reverse("articles:all_news")
            policy = reverse("consent:privacy_policy")
        # Each page that reads no query parameter (a list, only its page number): anyone adding
        # ?q=<random> must not make a copy of it for each value.
        pages = {
            self.article.get_absolute_url(): ("q=x", "page=2", "q=y&page=9"),
            "/sv/": ("q=x", "page=2"),
            policy: ("q=x", "page=2"),
            "/sitemap.xml": ("q=x", "p=2"),
            self.section.get_absolute_url(): ("q=x",),
            all_news: ("q=x",),
        }
        for url, queries in pages.items():
            plain = self.client.get(url).content
            for query in queries:
                with self.subTest(url=url, query=query), self.assertNumQueries(0):
                    self.assertEqual(self.client.get(f"{url}?{query}").content, plain)
        # robots.txt asks no query even when rendered: its key is checked instead.
        robots = RequestFactory().get("/robots.txt", {"q": "x"})
        self.assertEqual(
            PageCacheMiddleware._address(robots), ("http://testserver/robots.txt", False)
        )

    def test_new_section_slugs_show_at_once_and_the_old_addresses_redirect(self):
        section = make_section(slug="utrikes", name_sv="Utrikes", name_en="World")
        make_article(section=section, language="en", slug="summit")
        for url in ("/en/", "/en/section/world/", "/sv/", "/sv/sektion/utrikes/"):
            self.assertEqual(self.client.get(url).status_code, 200)
        with self.assertNumQueries(0):  # kept: a purge is what makes them stale
            self.client.get("/en/section/world/")
        editor = User.objects.create_user("redaktor", is_staff=True)
        editor.groups.add(Group.objects.get(name="Editor"))
        editor_client = self.client_class()
        editor_client.force_login(editor)
        url = reverse("admin:articles_section_change", args=[section.pk])
        form = editor_client.get(url).context["adminform"].form
        data = {**form.initial, "slug": "varlden", "slug_en": "foreign"}
        self.assertEqual(editor_client.post(url, data).status_code, 302)

        for old, new in (
            ("/en/section/world/", "/en/section/foreign/"),
            ("/sv/sektion/utrikes/", "/sv/sektion/varlden/"),
        ):
            with self.subTest(old=old):
                response = self.client.get(old)
                self.assertEqual((response.status_code, response["Location"]), (301, new))
                self.assertEqual(self.client.get(new).status_code, 200)
        # The menus name the new addresses.
        self.assertContains(self.client.get("/en/"), 'href="/en/section/foreign/"')
        self.assertNotContains(self.client.get("/en/"), 'href="/en/section/world/"')
        self.assertContains(self.client.get("/sv/"), 'href="/sv/sektion/varlden/"')

    def test_a_lost_generation_does_not_bring_back_copies_kept_before(self):
        self.client.get(self.article.get_absolute_url())
        # An editor's change whose purge never arrived, then a generation store that lost its
        # value (a restarted Redis, a cleaned temporary folder); the page copies are still kept.
        type(self.article).objects.filter(pk=self.article.pk).update(headline="Rättad rubrik")
        caches["generation"].clear()
        self.assertContains(self.client.get(self.article.get_absolute_url()), "Rättad rubrik")

    # Time travel moves the local-memory cache's clock, not Redis's.
    @override_settings(
        CACHES={
            "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
            "generation": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        }
    )
    def test_a_scheduled_article_appears_on_time_through_the_cache(self):
        at = timezone.now() + timedelta(minutes=2)
        make_article(section=self.section, headline="Schemalagd", published_at=at)
        self.assertNotContains(self.client.get("/sv/"), "Schemalagd")
        with time_machine.travel(at + timedelta(seconds=1)):
            self.assertContains(self.client.get("/sv/"), "Schemalagd")

    @override_settings(
        CACHES={
            "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
            "generation": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        }
    )
    def test_a_page_rendered_across_a_publication_time_is_not_kept(self):
        at = timezone.now() + timedelta(minutes=2)
        make_article(section=self.section, headline="Schemalagd", published_at=at)
        render = FrontPageView.get_context_data
        with time_machine.travel(at - timedelta(seconds=1), tick=False) as traveller:

            def slow_render(view, **kwargs):
                context = render(view, **kwargs)  # the articles are read before their time
                traveller.shift(timedelta(seconds=2))  # and the page is done after it
                return context

            with mock.patch.object(FrontPageView, "get_context_data", slow_render):
                self.assertNotContains(self.client.get("/sv/"), "Schemalagd")
            self.assertContains(self.client.get("/sv/"), "Schemalagd")
            # Pages kept by the travelled clock would outlive this test in the shared store of
            # local-memory caches, which the per-test clean-up does not reach under REDIS_URL.
            caches["default"].clear()

    def test_a_page_rendered_before_an_editors_change_is_committed_is_not_kept(self):
        self.client.get("/sv/")
        with self.captureOnCommitCallbacks(execute=True):
            page_cache_purge()
            # A reader between the purge and the commit renders the rows as they were.
            self.client.get("/sv/")
        with CaptureQueriesContext(connection) as queries:
            self.client.get("/sv/")
        self.assertGreater(len(queries), 0)

    def test_the_section_menu_is_kept_until_an_editor_changes_what_readers_see(self):
        self.client.get("/sv/")
        with CaptureQueriesContext(connection) as queries:
            response = self.client.get(self.article.get_absolute_url())
        self.assertContains(response, f">{self.section.name_sv}</a>")
        menus = [
            q
            for q in queries.captured_queries
            if q["sql"].endswith('"position" ASC, "articles_section"."slug" ASC')
        ]
        self.assertEqual(menus, [], "the menu was asked for again")

        Section.objects.filter(pk=self.section.pk).update(name_sv="Nyheter från Sverige")
        page_cache_purge()  # what every admin change of a section does
        response = self.client.get(self.article.get_absolute_url())
        self.assertContains(response, ">Nyheter från Sverige</a>")

    def test_signed_in_staff_are_never_served_from_the_cache(self):
        self.client.get("/sv/")
        staff = User.objects.create_user("redaktor", is_staff=True)
        self.client.force_login(staff)
        with self.assertNumQueries(1):  # the page's own query (its articles): rendered afresh
            self.client.get("/sv/")

    def test_a_missing_article_shows_at_once_when_an_editor_publishes_it(self):
        draft = make_article(section=self.section, slug="kommande", status=Article.Status.DRAFT)
        url = draft.get_absolute_url()
        self.client.get("/sv/")  # the generation and the section menu are kept
        for _ in range(2):
            with CaptureQueriesContext(connection) as queries:
                self.assertEqual(self.client.get(url).status_code, 404)
            self.assertGreater(len(queries), 0)  # a 404 is not kept: asked again each time
        editor = User.objects.create_user("redaktor", is_staff=True)
        editor.groups.add(Group.objects.get(name="Editor"))
        editor_client = self.client_class()
        editor_client.force_login(editor)
        response = editor_client.post(
            reverse("admin:articles_article_changelist"),
            {"action": "publish", "_selected_action": [draft.pk]},
        )
        self.assertEqual(response.status_code, 302)
        self.assertEqual(self.client.get(url).status_code, 200)

    def test_shared_caches_keep_a_404_no_longer_than_a_page(self):
        response = self.client.get("/sv/artiklar/kommer-snart/")
        self.assertEqual(response.status_code, 404)
        # Without a lifetime of its own, Varnish keeps a 404 for two minutes, a CDN longer.
        self.assertEqual(
            response["Cache-Control"], "public, max-age=0, must-revalidate, s-maxage=60"
        )
        self.assertIn("Cookie", response["Vary"])
        # Staff are never answered from a cache, and not told to keep theirs.
        staff = User.objects.create_user("redaktor", is_staff=True)
        self.client.force_login(staff)
        response = self.client.get("/sv/artiklar/kommer-snart/")
        self.assertEqual(response.status_code, 404)
        self.assertNotIn("public", response.get("Cache-Control", ""))

    def test_shared_caches_keep_the_sites_redirects_no_longer_than_a_page(self):
        """A redirect without a lifetime is kept by Varnish for two minutes, by a CDN often far
        longer, by a browser (a 301) for good; yet where many lead changes when editors act (a
        slug renamed again or freed, a translation published, a section's slug changed). They
        get the pages' lifetime: browsers ask again, shared caches keep them 60 s."""
        section = make_section(slug="utrikes", name_sv="Utrikes", name_en="World")
        original = make_article(section=section, slug="toppmote")
        make_article(section=section, language="en", slug="summit", translation_of=original)
        Redirect.objects.create(
            site=Site.objects.get_current(),
            old_path="/sv/artiklar/gammal-rubrik/",
            new_path=self.article.get_absolute_url(),
        )
        redirects = {
            # A renamed article's former address (django.contrib.redirects).
            "/sv/artiklar/gammal-rubrik/": (301, self.article.get_absolute_url()),
            # A Swedish slug under /en/: to the translation, published or not yet.
            "/en/articles/toppmote/": (302, "/en/articles/summit/"),
            # A section's address with the other language's slug.
            "/en/section/utrikes/": (301, "/en/section/world/"),
            # A list's first page asked for as ?page=1.
            "/sv/nyheter/?page=1": (301, "/sv/nyheter/"),
            # A missing slash; the bare address; an address without its language prefix.
            "/sv/nyheter": (301, "/sv/nyheter/"),
            "/": (302, "/sv/"),
            "/nyheter/": (302, "/sv/nyheter/"),
        }
        for url, (status, location) in redirects.items():
            with self.subTest(url=url):
                response = self.client.get(url)
                self.assertEqual((response.status_code, response["Location"]), (status, location))
                self.assertEqual(
                    response["Cache-Control"], "public, max-age=0, must-revalidate, s-maxage=60"
                )
        # Not after a POST, whose redirect is the visitor's own; nor for staff.
        response = self.client.post(
            "/sv/samtycke/",
            {"choice": "decline", "source": "banner", "banner": current_digest(), "next": "/sv/"},
        )
        self.assertEqual(response.status_code, 303)
        self.assertNotIn("public", response.get("Cache-Control", ""))
        self.client.force_login(User.objects.create_user("redaktor", is_staff=True))
        response = self.client.get("/sv/artiklar/gammal-rubrik/")
        self.assertEqual(response.status_code, 301)
        self.assertNotIn("public", response.get("Cache-Control", ""))

    def test_shared_caches_keep_one_copy_of_the_bare_address_for_every_language(self):
        # It opens the Swedish front page whatever the browser's language: no Vary on it.
        for headers in ({}, {"Accept-Language": "en"}, {"Accept-Language": "de, sv;q=0.5"}):
            with self.subTest(headers=headers):
                response = self.client.get("/", headers=headers)
                self.assertEqual((response.status_code, response["Location"]), (302, "/sv/"))
                self.assertNotIn("accept-language", response.get("Vary", "").lower())
                self.assertEqual(response["Content-Language"], "sv")
        # An address without a language prefix that does depend on it still says so (in
        # English, /en/sektion/inrikes/ is no address: it is not found).
        response = self.client.get("/sektion/inrikes/")
        self.assertEqual(
            (response.status_code, response["Location"]), (302, "/sv/sektion/inrikes/")
        )
        self.assertIn("Accept-Language", response["Vary"])

    def test_a_later_page_of_a_list_with_campaign_parameters_is_that_page(self):
        for n in range(14):
            make_article(section=self.section, headline=f"Nyhet {n:02}", slug=f"nyhet-{n:02}")
        with translation.override("sv"):
            url = reverse("articles:all_news")
        first = self.client.get(url)
        self.assertContains(first, "Nyhet 13")
        for query in ("page=2&utm_source=x", "utm_source=x&page=2", "fbclid=y&page=2&utm_medium"):
            with self.subTest(query=query):
                response = self.client.get(f"{url}?{query}")
                self.assertContains(response, "Första versionen")
                self.assertNotContains(response, "Nyhet 13")
        # The copy kept for the clicks is page 2's own.
        with self.assertNumQueries(0):
            response = self.client.get(f"{url}?page=2")
        self.assertContains(response, "Första versionen")

    def test_each_page_of_a_long_sitemap_is_kept_as_its_own_copy(self):
        for n in range(4):
            make_article(section=self.section, slug=f"arkiv-{n}")
        url = "/sitemap-articles-sv.xml"
        with mock.patch.object(ArticleSitemap, "limit", 2):
            pages = {}
            for query in ("", "?p=1", "?p=2", "?p=3"):
                with self.subTest(query=query):
                    self.assertEqual(self.client.get(url + query).status_code, 200)
                    with self.assertNumQueries(0):
                        pages[query] = self.client.get(url + query).content
            self.assertEqual(pages[""], pages["?p=1"])
            self.assertEqual(len({pages[""], pages["?p=2"], pages["?p=3"]}), 3)
            self.assertIn(b"arkiv-3", pages["?p=3"])
            # Page numbers written another way, and pages there are not, are not found: none
            # is a copy of its own.
            for query in ("?p=02", "?p=+2", "?p=%202", "?p=2.0", "?p=", "?p=0", "?p=4", "?p=x"):
                for _ in range(2):
                    with self.subTest(query=query), CaptureQueriesContext(connection) as queries:
                        self.assertEqual(self.client.get(url + query).status_code, 404)
                    self.assertGreater(len(queries), 0)

    def test_personal_and_uncacheable_pages_are_not_stored(self):
        self.client.get("/sv/cookieinstallningar/")
        response = self.client.get("/sv/cookieinstallningar/")
        self.assertIn("no-store", response["Cache-Control"])
        self.client.get("/sv/finns-inte/")
        with self.assertNumQueries(1):  # the redirect lookup, again (the section menu is kept)
            self.client.get("/sv/finns-inte/")


# Nothing listens on port 9: the cache is down.
REDIS_DOWN = {
    "BACKEND": "django.core.cache.backends.redis.RedisCache",
    "LOCATION": "redis://127.0.0.1:9/0",
    "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2},
}


class SilentServer:
    """An address whose connections are accepted and never answered: a host that drops packets.

    The kernel completes each connection into the listen backlog; nothing reads or answers, so
    a client waits for its socket timeout. connections() counts the attempts so far.
    """

    def __init__(self):
        self.socket = socket.socket()
        self.socket.bind(("127.0.0.1", 0))
        self.socket.listen(64)
        self.socket.setblocking(False)
        self.port = self.socket.getsockname()[1]
        self.accepted = []

    def connections(self):
        while True:
            try:
                self.accepted.append(self.socket.accept()[0])
            except BlockingIOError:
                return len(self.accepted)

    def close(self):
        for accepted in self.accepted:
            accepted.close()
        self.socket.close()


class RedisDownTests(TestCase):
    @override_settings(
        NEWSROOM_PAGE_CACHE_SECONDS=300, CACHES={"default": REDIS_DOWN, "generation": REDIS_DOWN}
    )
    def test_pages_are_served_from_the_database_while_the_cache_is_down(self):
        article = make_article(headline="Utan cache")
        for url in ("/sv/", article.get_absolute_url()):
            self.assertContains(self.client.get(url), "Utan cache")
        response = self.client.get("/healthz")
        self.assertEqual(response.status_code, 503)
        self.assertEqual(response.json(), {"database": "ok", "cache": "unavailable"})

    @override_settings(CACHES={"default": REDIS_DOWN, "generation": REDIS_DOWN})
    def test_page_views_are_still_counted_while_the_cache_is_down(self):
        article = make_article()
        self.client.post(
            "/sv/samtycke/", {"choice": "accept", "source": "banner", "banner": current_digest()}
        )
        self.client.cookies["nr_analytics"] = str(uuid.uuid4())
        beacon = self.client.post(
            "/analytics/collect/",
            json.dumps({"article": article.pk}),
            content_type="application/json",
        )
        self.assertEqual(beacon.status_code, 204)
        day = ArticleViewDay.objects.get(article=article)
        # Without the cache nobody can tell a returning visitor: the view counts, not the visitor.
        self.assertEqual((day.views, day.visitors), (1, 0))

    def test_a_cache_that_does_not_answer_is_left_alone_for_a_while(self):
        server = SilentServer()
        self.addCleanup(server.close)
        silent = {
            **REDIS_DOWN,
            "LOCATION": f"redis://127.0.0.1:{server.port}/0",
            "OPTIONS": {"socket_connect_timeout": 0.1, "socket_timeout": 0.1},
        }
        article = make_article(headline="Tyst cache")
        pages = ("/sv/", article.section.get_absolute_url(), article.get_absolute_url())
        with self.settings(
            NEWSROOM_PAGE_CACHE_SECONDS=300, CACHES={"default": silent, "generation": silent}
        ):
            for url in pages * 2:
                self.assertContains(self.client.get(url), "Tyst cache")
            # The first question timed out; the other pages did not wait for the cache.
            self.assertEqual(server.connections(), 1)
            later = cache_outage.clock() + CacheOutage.RETRY_SECONDS + 1
            with mock.patch.object(cache_outage, "clock", return_value=later):
                self.assertContains(self.client.get("/sv/"), "Tyst cache")
            self.assertEqual(server.connections(), 2, "the cache was not asked again")
