import importlib
import math
import re

from cookie_consent.conf import settings as consent_settings
from django.apps import apps
from django.conf import settings
from django.test import SimpleTestCase, TestCase

from consent.models import CookieDetail

migration = importlib.import_module("consent.migrations.0005_analytics_cookie_lifetime")


def analytics_js_max_age():
    script = (settings.BASE_DIR / "static" / "js" / "analytics.js").read_text()
    found = re.search(r"^\s*const MAX_AGE = ([\d\s*]+);", script, re.MULTILINE)
    return math.prod(int(factor) for factor in found[1].split("*"))


class AnalyticsScriptTests(SimpleTestCase):
    def test_the_analytics_id_lasts_no_longer_than_the_consent(self):
        self.assertEqual(consent_settings.COOKIE_CONSENT_MAX_AGE, 365 * 24 * 60 * 60)
        self.assertLessEqual(analytics_js_max_age(), consent_settings.COOKIE_CONSENT_MAX_AGE)


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
