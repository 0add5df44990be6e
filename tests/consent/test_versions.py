import hashlib
import json

from cookie_consent.models import Cookie, CookieGroup
from django.contrib.auth.models import User
from django.db import transaction
from django.test import TestCase, override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from consent.models import BannerVersion, CookieDetail
from consent.texts import current_digest
from newsroom.cache import GENERATION_CACHE, GENERATION_KEY, caches, page_cache_purge
from tests.consent.test_admin import make_privacy_officer

BANNER_TITLE = "Denna webbplats använder cookies"
# Nothing listens on port 9: the cache is down.
REDIS_DOWN = {
    "BACKEND": "django.core.cache.backends.redis.RedisCache",
    "LOCATION": "redis://127.0.0.1:9/0",
    "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2},
}


def cookie_names(texts, language):
    return [
        cookie["name"] for group in texts[language]["cookie_table"] for cookie in group["cookies"]
    ]


def cookie_table_queries(queries):
    return [q for q in queries.captured_queries if "cookie_consent_cookiegroup" in q["sql"]]


class CookieTableVersionTests(TestCase):
    """The cookie table is part of what visitors consent to: changing it asks them again."""

    @classmethod
    def setUpTestData(cls):
        cls.officer = make_privacy_officer()
        cls.analytics = CookieGroup.objects.get(varname="analytics")

    def officer_client(self):
        client = self.client_class()
        client.force_login(self.officer)
        return client

    def add_cookie_in_admin(self, name="_ga"):
        response = self.officer_client().post(
            reverse("admin:consent_sitecookie_add"),
            {
                "cookiegroup": self.analytics.pk,
                "name": name,
                "description": "Räknar besökare åt en analystjänst.",
                "path": "/",
                "domain": ".analytics.example",
                "detail-TOTAL_FORMS": "1",
                "detail-INITIAL_FORMS": "0",
                "detail-MIN_NUM_FORMS": "0",
                "detail-MAX_NUM_FORMS": "1",
                "detail-0-purpose_en": "Counts visitors for an analytics service.",
                "detail-0-lifetime_sv": "2 år",
                "detail-0-lifetime_en": "2 years",
            },
        )
        self.assertEqual(response.status_code, 302, response.content[:3000])

    def cookie_form(self, cookie, **changes):
        data = {
            "cookiegroup": cookie.cookiegroup_id,
            "name": cookie.name,
            "description": cookie.description,
            "path": cookie.path,
            "domain": cookie.domain,
            "detail-TOTAL_FORMS": "1",
            "detail-INITIAL_FORMS": "1",
            "detail-MIN_NUM_FORMS": "0",
            "detail-MAX_NUM_FORMS": "1",
            "detail-0-cookie": cookie.pk,
            "detail-0-purpose_en": cookie.detail.purpose_en,
            "detail-0-lifetime_sv": cookie.detail.lifetime_sv,
            "detail-0-lifetime_en": cookie.detail.lifetime_en,
            "detail-0-first_party": "on" if cookie.detail.first_party else "",
        }
        data.update(changes)
        return data

    def change_cookie_in_admin(self, cookie, **changes):
        response = self.officer_client().post(
            reverse("admin:consent_sitecookie_change", args=[cookie.pk]),
            self.cookie_form(cookie, **changes),
        )
        self.assertEqual(response.status_code, 302, response.content[:3000])

    def accept(self):
        response = self.client.post(
            "/sv/samtycke/", {"choice": "accept", "source": "banner", "banner": current_digest()}
        )
        self.assertEqual(response.status_code, 303)

    def test_a_cookie_added_in_admin_asks_visitors_who_accepted_again(self):
        self.accept()
        accepted = self.client.get("/sv/")
        self.assertNotContains(accepted, BANNER_TITLE)
        self.assertContains(accepted, "js/analytics.js")
        before = current_digest()

        self.add_cookie_in_admin("_ga")

        self.assertNotEqual(current_digest(), before)
        response = self.client.get("/sv/")
        self.assertContains(response, BANNER_TITLE)
        self.assertContains(response, f'name="banner" value="{current_digest()}"')
        self.assertNotContains(response, "js/analytics.js")

    @override_settings(NEWSROOM_PAGE_CACHE_SECONDS=300)
    def test_a_cookie_added_in_admin_asks_again_through_the_page_cache(self):
        self.accept()
        self.assertNotContains(self.client.get("/sv/"), BANNER_TITLE)
        self.assertNotContains(self.client.get("/sv/"), BANNER_TITLE)  # from the cache
        self.add_cookie_in_admin("_ga")
        self.assertContains(self.client.get("/sv/"), BANNER_TITLE)

    def test_the_new_version_keeps_the_cookie_table_that_was_shown(self):
        self.add_cookie_in_admin("_ga")
        self.accept()
        version = BannerVersion.objects.get(digest=current_digest())
        self.assertIn("_ga", cookie_names(version.texts, "sv"))
        self.assertIn("_ga", cookie_names(version.texts, "en"))
        analytics = next(
            group
            for group in version.texts["en"]["cookie_table"]
            if group["varname"] == "analytics"
        )
        self.assertEqual(analytics["name"], "Analytics")
        self.assertFalse(analytics["required"])
        ga = next(cookie for cookie in analytics["cookies"] if cookie["name"] == "_ga")
        self.assertEqual(ga["purpose"], "Counts visitors for an analytics service.")
        self.assertEqual(ga["lifetime"], "2 years")
        self.assertEqual(ga["party"], "Third party (.analytics.example)")
        swedish = next(
            cookie
            for group in version.texts["sv"]["cookie_table"]
            for cookie in group["cookies"]
            if cookie["name"] == "_ga"
        )
        self.assertEqual(swedish["purpose"], "Räknar besökare åt en analystjänst.")
        self.assertEqual(swedish["lifetime"], "2 år")
        # The banner and policy texts are kept as before.
        self.assertEqual(version.texts["sv"]["title"], BANNER_TITLE)

    def test_a_stored_versions_texts_hash_to_its_digest(self):
        self.add_cookie_in_admin("_ga")
        self.accept()
        version = BannerVersion.objects.get(digest=current_digest())
        version.refresh_from_db()
        encoded = json.dumps(version.texts, sort_keys=True, ensure_ascii=False).encode()
        self.assertEqual(hashlib.sha256(encoded).hexdigest(), version.digest)

    def test_the_privacy_policy_shows_the_table_the_version_keeps(self):
        self.add_cookie_in_admin("_ga")
        response = self.client.get("/en/privacy-policy/")
        self.assertContains(response, "<code>_ga</code>", html=True)
        self.assertContains(response, "Counts visitors for an analytics service.")
        self.assertContains(response, "Third party (.analytics.example)")

    def test_a_change_made_outside_the_admin_counts_from_the_next_purge(self):
        before = current_digest()
        cookie = Cookie.objects.create(cookiegroup=self.analytics, name="_ga", domain="x.example")
        CookieDetail.objects.create(cookie=cookie, lifetime_sv="2 år", lifetime_en="2 years")
        page_cache_purge()  # what every admin change does
        self.assertNotEqual(current_digest(), before)

    def test_a_changed_lifetime_or_description_is_a_new_version(self):
        cookie = Cookie.objects.select_related("detail").get(name="nr_analytics")
        first = current_digest()
        self.change_cookie_in_admin(cookie, **{"detail-0-lifetime_sv": "6 månader"})
        second = current_digest()
        self.assertNotEqual(second, first)
        self.change_cookie_in_admin(
            cookie, **{"detail-0-lifetime_sv": "6 månader", "description": "Ett nytt syfte."}
        )
        self.assertNotEqual(current_digest(), second)

    def test_saving_a_cookie_unchanged_keeps_the_version(self):
        cookie = Cookie.objects.select_related("detail").get(name="nr_analytics")
        before = current_digest()
        self.change_cookie_in_admin(cookie)
        self.assertEqual(current_digest(), before)

    def test_a_new_optional_group_is_a_new_version(self):
        before = current_digest()
        # Privacy officers edit groups; adding one is left to an administrator.
        client = self.client_class()
        client.force_login(User.objects.create_superuser("chef"))
        response = client.post(
            reverse("admin:consent_sitecookiegroup_add"),
            {
                "varname": "marketing",
                "name": "Marknadsföring",
                "description": "",
                "is_deletable": "on",
                "ordering": "20",
                "text-TOTAL_FORMS": "1",
                "text-INITIAL_FORMS": "0",
                "text-MIN_NUM_FORMS": "0",
                "text-MAX_NUM_FORMS": "1",
                "text-0-name_en": "Marketing",
                "text-0-description_en": "",
            },
        )
        self.assertEqual(response.status_code, 302, response.content[:3000])
        self.assertNotEqual(current_digest(), before)

    def test_the_digest_costs_no_query_until_the_next_purge(self):
        first = current_digest()
        with self.assertNumQueries(0):
            self.assertEqual(current_digest(), first)
        page_cache_purge()
        with self.assertNumQueries(1):
            self.assertEqual(current_digest(), first)

    def test_page_views_ask_for_the_cookie_table_once_per_purge(self):
        with CaptureQueriesContext(transaction.get_connection()) as queries:
            self.client.get("/sv/")
            self.client.get("/sv/integritetspolicy/")
            self.client.get("/sv/")
        self.assertEqual(len(cookie_table_queries(queries)), 1)
        page_cache_purge()
        with CaptureQueriesContext(transaction.get_connection()) as queries:
            self.client.get("/sv/")
            self.client.get("/sv/")
        self.assertEqual(len(cookie_table_queries(queries)), 1)

    def test_a_purge_inside_a_transaction_purges_again_once_it_commits(self):
        # Until an admin change commits, other workers still read the old cookie table, and
        # would keep it for the generation the purge inside the transaction began.
        generations = caches[GENERATION_CACHE]
        with self.captureOnCommitCallbacks(execute=True), transaction.atomic():
            page_cache_purge()
            during = generations.get(GENERATION_KEY)
        self.assertNotEqual(generations.get(GENERATION_KEY), during)


class CacheDownTests(TestCase):
    @override_settings(
        NEWSROOM_PAGE_CACHE_SECONDS=300, CACHES={"default": REDIS_DOWN, "generation": REDIS_DOWN}
    )
    def test_while_the_cache_is_down_the_version_is_read_from_the_database(self):
        before = current_digest()
        response = self.client.get("/sv/")
        self.assertContains(response, f'name="banner" value="{before}"')
        analytics = CookieGroup.objects.get(varname="analytics")
        # Not save(): the package clears its own cache after it, which is down too.
        Cookie.objects.bulk_create([Cookie(cookiegroup=analytics, name="_ga", domain="x.example")])
        # No purge reaches anyone while the cache is down: the table is read again.
        after = current_digest()
        self.assertNotEqual(after, before)
        self.assertContains(self.client.get("/sv/"), f'name="banner" value="{after}"')
