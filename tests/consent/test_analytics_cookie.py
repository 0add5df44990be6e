import importlib
import math
import re
from unittest import mock

from cookie_consent.conf import settings as consent_settings
from django.apps import apps
from django.conf import settings
from django.core import checks
from django.test import SimpleTestCase, TestCase

from consent.checks import ANALYTICS_ID_MAX_AGE, analytics_id_outlives_no_consent
from consent.models import CookieDetail

migration = importlib.import_module("consent.migrations.0005_analytics_cookie_lifetime")


def run_checks_with_short_consent():
    """Django's own check run, as at start-up, with consent kept for 30 days."""
    with mock.patch.object(consent_settings, "COOKIE_CONSENT_MAX_AGE", 30 * 24 * 60 * 60):
        return checks.run_checks(tags=[checks.Tags.security])


def analytics_js_max_age():
    script = (settings.BASE_DIR / "static" / "js" / "analytics.js").read_text()
    found = re.search(r"^\s*const MAX_AGE = ([\d\s*]+);", script, re.MULTILINE)
    return math.prod(int(factor) for factor in found[1].split("*"))


class AnalyticsScriptTests(SimpleTestCase):
    def test_the_analytics_id_lasts_no_longer_than_the_consent(self):
        self.assertEqual(consent_settings.COOKIE_CONSENT_MAX_AGE, 365 * 24 * 60 * 60)
        self.assertLessEqual(analytics_js_max_age(), consent_settings.COOKIE_CONSENT_MAX_AGE)

    def test_the_start_up_check_knows_the_scripts_lifetime(self):
        self.assertEqual(ANALYTICS_ID_MAX_AGE, analytics_js_max_age())

    def test_a_consent_shorter_than_the_analytics_id_stops_the_start_up(self):
        self.assertEqual(analytics_id_outlives_no_consent(None), [])
        with mock.patch.object(consent_settings, "COOKIE_CONSENT_MAX_AGE", 180 * 24 * 60 * 60):
            [error] = analytics_id_outlives_no_consent(None)
        self.assertEqual(error.id, "consent.E001")
        self.assertIn("180 days", error.msg)
        self.assertIn("consent.E001", [e.id for e in run_checks_with_short_consent()])


class CookieTableTests(TestCase):
    def lifetimes(self):
        detail = CookieDetail.objects.get(cookie__name="nr_analytics")
        return detail.lifetime_sv, detail.lifetime_en

    def test_the_cookie_table_gives_the_analytics_id_the_consents_lifetime(self):
        self.assertEqual(self.lifetimes(), ("12 månader", "12 months"))
        self.assertEqual(analytics_js_max_age(), 365 * 24 * 60 * 60)

    def test_the_migration_goes_back_to_the_old_lifetime_and_forward_again(self):
        migration.lengthen(apps, None)
        self.assertEqual(self.lifetimes(), ("13 månader", "13 months"))
        migration.shorten(apps, None)
        self.assertEqual(self.lifetimes(), ("12 månader", "12 months"))

    def test_the_migration_keeps_a_lifetime_a_privacy_officer_wrote(self):
        CookieDetail.objects.filter(cookie__name="nr_analytics").update(
            lifetime_sv="1 år", lifetime_en="13 months"
        )
        migration.shorten(apps, None)
        self.assertEqual(self.lifetimes(), ("1 år", "12 months"))
