from django.http import HttpResponse
from django.test import RequestFactory, TestCase, override_settings
from django.urls import reverse
from django.utils.translation import override

from newsroom.middleware import ConditionalGetMiddleware
from tests.factories import make_article, make_section
from tests.test_hostile_input import wsgi_request


class ConditionalHeadTests(TestCase):
    """HEAD answers with GET's headers (RFC 9110 §9.3.2): CDNs, Varnish and link checkers use it."""

    @classmethod
    def setUpTestData(cls):
        article = make_article(section=make_section(slug="inrikes"))
        with override("sv"):
            feed = reverse("articles:feed_rss")
        cls.paths = ["/sv/", article.get_absolute_url(), feed]

    def assert_head_revalidates_like_get(self):
        for path in self.paths:
            with self.subTest(path=path):
                etag = self.client.get(path)["ETag"]
                head = self.client.head(path)
                self.assertEqual(head.status_code, 200)
                self.assertEqual(head.get("ETag"), etag)
                conditional = self.client.head(path, headers={"If-None-Match": etag})
                self.assertEqual(conditional.status_code, 304)
                self.assertEqual(conditional.get("ETag"), etag)
                stale = self.client.head(path, headers={"If-None-Match": '"stale"'})
                self.assertEqual(stale.status_code, 200)

    @override_settings(NEWSROOM_PAGE_CACHE_SECONDS=0)
    def test_head_carries_gets_etag_and_revalidates_without_the_page_cache(self):
        self.assert_head_revalidates_like_get()

    @override_settings(NEWSROOM_PAGE_CACHE_SECONDS=300)
    def test_head_carries_gets_etag_and_revalidates_from_the_page_cache(self):
        # The page cache keeps HEAD's copy apart from GET's: the second round is served from it.
        self.assert_head_revalidates_like_get()
        with self.assertNumQueries(0):
            self.assert_head_revalidates_like_get()

    def test_head_sends_no_body_and_gets_content_length(self):
        # Through the WSGI handler, as gunicorn calls it: the test client drops HEAD bodies
        # itself. gunicorn would drop them too, logging a warning for each.
        get = wsgi_request(b"/sv/")
        head = wsgi_request(b"/sv/", method="HEAD")
        self.assertEqual((get.status_code, head.status_code), (200, 200))
        self.assertTrue(get.content)
        self.assertEqual(head.content, b"")
        self.assertEqual(head.headers["Content-Length"], str(len(get.content)))
        self.assertEqual(head.headers["ETag"], get.headers["ETag"])

    def test_other_methods_are_left_as_django_leaves_them(self):
        # No page answers a POST with a cacheable 200, so the middleware is asked directly.
        middleware = ConditionalGetMiddleware(lambda request: HttpResponse("Sparat"))
        for method in ("POST", "PUT", "DELETE"):
            with self.subTest(method=method):
                request = RequestFactory().generic(method, "/", headers={"If-None-Match": "*"})
                response = middleware(request)
                self.assertEqual(response.status_code, 200)
                self.assertNotIn("ETag", response)
