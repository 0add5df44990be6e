import socket
from unittest import mock

from django.conf import settings
from django.db import OperationalError
from django.test import TestCase, override_settings

from tests.factories import make_article
from tests.test_hostile_input import wsgi_request


def closed_port():
    """A local TCP port nothing listens on."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class HealthTests(TestCase):
    def test_healthz_answers_200_when_database_and_cache_answer(self):
        response = self.client.get("/healthz")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.json(), {"database": "ok", "cache": "ok"})
        self.assertIn("no-store", response["Cache-Control"])

    def test_healthz_answers_503_when_the_generation_file_cannot_be_written(self):
        generation = {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": "/dev/null/newsroom-cache",  # under a file: no folder can be made
        }
        with self.settings(CACHES={**settings.CACHES, "generation": generation}):
            response = self.client.get("/healthz")
        self.assertEqual(response.status_code, 503)
        self.assertEqual(response.json(), {"database": "ok", "cache": "unavailable"})

    def test_healthz_answers_503_when_the_database_does_not(self):
        with mock.patch(
            "django.db.backends.base.base.BaseDatabaseWrapper.cursor",
            side_effect=OperationalError("connection refused"),
        ):
            response = self.client.get("/healthz")
        self.assertEqual(response.status_code, 503)
        self.assertEqual(response.json()["database"], "unavailable")

    def test_healthz_answers_503_when_redis_does_not(self):
        redis = {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": f"redis://127.0.0.1:{closed_port()}/0",
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
        with self.settings(CACHES={"default": redis, "generation": redis}):
            response = self.client.get("/healthz")
        self.assertEqual(response.status_code, 503)
        self.assertEqual(response.json(), {"database": "ok", "cache": "unavailable"})

    @override_settings(ALLOWED_HOSTS=["news.example.se"], SECURE_SSL_REDIRECT=True)
    def test_healthz_answers_probes_that_reach_the_server_directly(self):
        # A load balancer or orchestrator probes each server by its own address over plain
        # HTTP (HTTP/1.0 probes send no Host at all): neither a 400 nor a redirect to https.
        for host in ("10.0.0.5:8000", "127.0.0.1", None):
            with self.subTest(host=host):
                extra = {"HTTP_HOST": host} if host else {"SERVER_NAME": "10.0.0.5"}
                response = self.client.get("/healthz", **extra)
                self.assertEqual(response.status_code, 200)
                self.assertEqual(response.json(), {"database": "ok", "cache": "ok"})
                self.assertEqual(response["X-Content-Type-Options"], "nosniff")
                self.assertIn("no-store", response["Cache-Control"])
        # Pages keep refusing another host and going to https.
        self.assertEqual(self.client.get("/sv/", HTTP_HOST="10.0.0.5:8000").status_code, 400)
        response = self.client.get("/sv/", HTTP_HOST="news.example.se")
        self.assertRedirects(
            response, "https://news.example.se/sv/", status_code=301, fetch_redirect_response=False
        )
        self.assertEqual(self.client.post("/healthz", HTTP_HOST="10.0.0.5").status_code, 405)

    def test_healthz_answers_head_probes_without_a_body(self):
        # Through the WSGI handler, as gunicorn calls it (the test client drops HEAD bodies
        # itself): gunicorn would drop it too, logging a warning for every probe.
        head = wsgi_request(b"/healthz", method="HEAD")
        self.assertEqual(head.status_code, 200)
        self.assertEqual(head.content, b"")


class DatabaseDownTests(TestCase):
    def test_a_failing_query_on_a_working_database_is_no_outage(self):
        self.client.raise_request_exception = False
        with mock.patch(
            "articles.views.FrontPageView.get_queryset",
            side_effect=OperationalError("LIKE or GLOB pattern too complex"),
        ):
            response = self.client.get("/sv/")
        self.assertEqual(response.status_code, 500)

    def test_pages_answer_a_plain_503_while_the_database_is_down(self):
        with mock.patch(
            "django.db.backends.base.base.BaseDatabaseWrapper.cursor",
            side_effect=OperationalError("server closed the connection unexpectedly"),
        ):
            response = self.client.get("/sv/")
        self.assertEqual(response.status_code, 503)
        self.assertContains(response, "Tillfälligt otillgänglig", status_code=503)
        self.assertEqual(response["Retry-After"], "30")

    @override_settings(NEWSROOM_PAGE_CACHE_SECONDS=300)
    def test_cached_pages_keep_being_served_while_the_database_is_down(self):
        make_article(headline="Redan cachad")
        self.client.get("/sv/")
        with mock.patch(
            "django.db.backends.base.base.BaseDatabaseWrapper.cursor",
            side_effect=OperationalError("connection refused"),
        ):
            response = self.client.get("/sv/")
        self.assertContains(response, "Redan cachad")

    @override_settings(NEWSROOM_PAGE_CACHE_SECONDS=300)
    def test_a_page_the_cache_has_not_kept_answers_503_not_500_while_the_database_is_down(self):
        # The page cache asks the database too (the consent version, the next publication):
        # a page it has not kept is made by the view, which tells the outage as it is.
        from consent.texts import current_digest

        current_digest.cache_clear()
        self.client.raise_request_exception = False
        with mock.patch(
            "django.db.backends.base.base.BaseDatabaseWrapper.cursor",
            side_effect=OperationalError("connection refused"),
        ):
            response = self.client.get("/sv/")
        self.assertEqual(response.status_code, 503)


class SecurityHeaderTests(TestCase):
    def headers(self, url="/sv/"):
        return self.client.get(url).headers

    def test_content_security_policy_allows_no_inline_or_eval_scripts(self):
        policy = self.headers()["Content-Security-Policy"]
        directives = dict(d.strip().split(" ", 1) for d in policy.split(";") if d.strip())
        self.assertEqual(directives["script-src"], "'self'")
        self.assertNotIn("unsafe-inline", directives["script-src"])
        self.assertNotIn("unsafe-eval", policy)
        self.assertEqual(directives["frame-ancestors"], "'none'")
        self.assertEqual(directives["object-src"], "'none'")

    def test_the_other_security_headers_are_on_every_response(self):
        article = make_article()
        for url in (
            "/sv/",
            article.get_absolute_url(),
            "/sv/finns-inte/",
            "/healthz",
            "/static/css/site.css",
            "/sv/?q=%00",
        ):
            with self.subTest(url=url):
                headers = self.client.get(url).headers
                self.assertEqual(headers["X-Content-Type-Options"], "nosniff")
                self.assertEqual(headers["Referrer-Policy"], "strict-origin-when-cross-origin")
                self.assertEqual(headers["Cross-Origin-Opener-Policy"], "same-origin")
                self.assertEqual(headers["X-Frame-Options"], "DENY")
                self.assertIn("camera=()", headers["Permissions-Policy"])
                self.assertIn("Content-Security-Policy", headers)

    def test_pages_carry_no_inline_script(self):
        import re

        content = self.client.get(make_article().get_absolute_url()).content.decode()
        for tag in re.findall(r"<script\b[^>]*>", content):
            self.assertTrue("src=" in tag or "application/ld+json" in tag, tag)
