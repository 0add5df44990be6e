"""What `make bench` (newsroom/bench.py) relies on to measure pages uncached, checked on the site."""

from pathlib import Path

from django.db import connection
from django.test import TestCase, override_settings
from django.test.utils import CaptureQueriesContext

from newsroom.bench import Config, bench_env, miss_host
from tests.factories import make_article, make_section


def bench_allowed_hosts():
    """The host names the benchmark's server allows."""
    return bench_env(Config(), Path("/nonexistent"))["DJANGO_ALLOWED_HOSTS"].split(",")


@override_settings(NEWSROOM_PAGE_CACHE_SECONDS=300, ALLOWED_HOSTS=bench_allowed_hosts())
class UncachedMeasurementTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.section = make_section(slug="utrikes")
        cls.article = make_article(section=cls.section, slug="toppmotet")

    def queries_for(self, url, host):
        with CaptureQueriesContext(connection) as queries:
            response = self.client.get(url, headers={"host": host})
        self.assertEqual(response.status_code, 200)
        return len(queries)

    def test_each_new_miss_host_renders_the_page_and_a_repeated_one_is_a_hit(self):
        for url in ("/sv/", self.article.get_absolute_url(), self.section.get_absolute_url()):
            with self.subTest(url=url):
                self.queries_for(url, "127.0.0.1")
                self.assertEqual(self.queries_for(url, "127.0.0.1"), 0)
                # Rendered for each new host, as every request of an uncached wrk run is.
                self.assertGreater(self.queries_for(url, miss_host("run", 1, 1)), 0)
                self.assertGreater(self.queries_for(url, miss_host("run", 1, 2)), 0)
                self.assertEqual(self.queries_for(url, miss_host("run", 1, 2)), 0)
