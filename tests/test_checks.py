from django.core import checks
from django.test import TestCase, override_settings


def errors_about_the_analytics_script():
    return [error for error in checks.run_checks() if error.id == "newsroom.E001"]


class AnalyticsScriptCheckTests(TestCase):
    def test_an_address_the_csp_allows_passes(self):
        for url in ("", "https://matomo.example.se/matomo.js", "/static/js/stats.js"):
            with self.subTest(url=url), override_settings(NEWSROOM_ANALYTICS_SCRIPT=url):
                self.assertEqual(errors_about_the_analytics_script(), [])

    def test_an_address_the_csp_would_block_stops_start_up(self):
        # Its origin is not in script-src: every consenting visitor's browser would refuse it.
        for url in (
            "http://matomo.example.se/matomo.js",
            "//matomo.example.se/matomo.js",
            "/\\matomo.example.se/matomo.js",
            "matomo.example.se/matomo.js",
        ):
            with self.subTest(url=url), override_settings(NEWSROOM_ANALYTICS_SCRIPT=url):
                (error,) = errors_about_the_analytics_script()
                self.assertEqual(error.level, checks.ERROR)
                self.assertIn("https://", error.hint)
