from datetime import timedelta
from io import StringIO
from unittest import mock

import time_machine
from cookie_consent.conf import settings as consent_settings
from django.core import checks
from django.core.management import CommandError, call_command
from django.test import SimpleTestCase, TestCase, override_settings
from django.utils import timezone

from consent.models import AccessLogEntry, BannerVersion, ConsentRecord
from consent.services import banner_version_for
from consent.texts import current_digest, policy_periods


def make_version(letter):
    return BannerVersion.objects.create(digest=letter * 64, texts={"sv": {"title": letter}})


def make_record(*, version, days_ago):
    with time_machine.travel(timezone.now() - timedelta(days=days_ago), tick=False):
        return ConsentRecord.objects.create(
            choice=ConsentRecord.Choice.ACCEPTED,
            groups={"analytics": True},
            banner_version=version,
            language="sv",
            source=ConsentRecord.Source.BANNER_JS,
        )


def prune(*args):
    out = StringIO()
    call_command("consent_prune", *args, stdout=out)
    return out.getvalue()


class ConsentPruneTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.current = banner_version_for(current_digest())
        cls.only_old = make_version("a")
        cls.shared = make_version("b")
        cls.unused = make_version("c")
        cls.old = [
            make_record(version=cls.only_old, days_ago=400),
            make_record(version=cls.shared, days_ago=397),
            make_record(version=cls.current, days_ago=500),
        ]
        cls.recent = [
            make_record(version=cls.shared, days_ago=395),
            make_record(version=cls.current, days_ago=1),
        ]

    def assertRemaining(self, records, versions):
        self.assertEqual(set(ConsentRecord.objects.all()), set(records))
        self.assertEqual(set(BannerVersion.objects.all()), set(versions))

    def test_records_past_the_retention_time_are_deleted_and_recent_ones_kept(self):
        output = prune()
        self.assertRemaining(self.recent, [self.current, self.shared])
        self.assertIn("Deleted 3 consent records", output)
        self.assertIn("2 unused banner versions", output)

    def test_the_current_banner_version_is_kept_even_when_no_record_refers_to_it(self):
        ConsentRecord.objects.filter(banner_version=self.current).delete()
        prune()
        self.assertTrue(BannerVersion.objects.filter(digest=current_digest()).exists())

    def test_a_dry_run_counts_but_deletes_nothing(self):
        output = prune("--dry-run")
        self.assertRemaining(
            [*self.old, *self.recent], [self.current, self.only_old, self.shared, self.unused]
        )
        self.assertIn("Would delete 3 consent records", output)
        self.assertIn("2 unused banner versions", output)

    def test_days_option_overrides_the_retention_setting(self):
        prune("--days", "450")
        self.assertRemaining(
            [*self.old[:2], *self.recent], [self.current, self.only_old, self.shared]
        )

    @override_settings(NEWSROOM_CONSENT_RETENTION_DAYS=398)
    def test_the_retention_setting_decides_what_is_old(self):
        prune()
        self.assertRemaining([*self.old[1:2], *self.recent], [self.current, self.shared])

    def test_records_of_choices_still_in_force_cannot_be_pruned(self):
        with self.assertRaises(CommandError):
            prune("--days", "30")
        self.assertEqual(ConsentRecord.objects.count(), 5)

    def test_a_retention_time_reaching_back_before_the_year_1_is_refused(self):
        for days in ("1000000", "9" * 23):
            with self.subTest(days=days), self.assertRaisesMessage(CommandError, days):
                prune("--days", days)
        self.assertEqual(ConsentRecord.objects.count(), 5)


class AccessLogPruneTests(TestCase):
    """Access log entries are kept for NEWSROOM_CONSENT_ACCESS_LOG_DAYS, whatever --days says."""

    @classmethod
    def setUpTestData(cls):
        def entry(days_ago):
            with time_machine.travel(timezone.now() - timedelta(days=days_ago), tick=False):
                return AccessLogEntry.objects.create(
                    username="integritet", action=AccessLogEntry.Action.VIEWED_RECORD
                )

        cls.old = [entry(397), entry(500)]
        cls.recent = [entry(395), entry(1)]

    def test_entries_past_their_period_are_deleted_and_recent_ones_kept(self):
        output = prune()
        self.assertEqual(set(AccessLogEntry.objects.all()), set(self.recent))
        self.assertIn("2 access log entries", output)

    def test_a_dry_run_counts_the_entries_but_deletes_none(self):
        output = prune("--dry-run")
        self.assertEqual(AccessLogEntry.objects.count(), 4)
        self.assertIn("Would delete 0 consent records", output)
        self.assertIn("2 access log entries", output)

    @override_settings(NEWSROOM_CONSENT_ACCESS_LOG_DAYS=30)
    def test_the_access_log_setting_decides_what_is_old_not_the_days_option(self):
        prune("--days", "1000")
        self.assertEqual(list(AccessLogEntry.objects.all()), self.recent[1:])

    def test_a_period_of_no_days_is_refused(self):
        for days in (0, -1, 10**9):
            with (
                self.subTest(days=days),
                override_settings(NEWSROOM_CONSENT_ACCESS_LOG_DAYS=days),
                self.assertRaisesMessage(CommandError, f"for {days} days"),
            ):
                prune()
        self.assertEqual(AccessLogEntry.objects.count(), 4)


class PrivacyPolicyAccessLogTests(TestCase):
    def test_the_privacy_policy_says_how_long_the_access_log_is_kept(self):
        response = self.client.get("/en/privacy-policy/")
        self.assertContains(response, "When our staff open, search for or export records, we log")
        self.assertContains(response, "The log is deleted after 396 days.")

    @override_settings(NEWSROOM_CONSENT_ACCESS_LOG_DAYS=730)
    def test_the_period_the_policy_states_is_the_setting(self):
        self.assertEqual(policy_periods()["access_days"], 730)


class RetentionSettingCheckTests(SimpleTestCase):
    """A retention time the prune command would refuse stops the start-up instead."""

    def errors(self):
        return [error.id for error in checks.run_checks(tags=[checks.Tags.security])]

    def test_the_default_retention_outlives_the_consent(self):
        self.assertNotIn("consent.E002", self.errors())

    @override_settings(NEWSROOM_CONSENT_RETENTION_DAYS=200)
    def test_records_kept_shorter_than_a_consent_lasts_stop_the_start_up(self):
        # Else every scheduled prune is refused and no record is ever deleted.
        self.assertIn("consent.E002", self.errors())
        with self.assertRaisesMessage(CommandError, "Refusing to keep records for 200 days"):
            prune()

    def test_the_default_access_log_period_passes(self):
        self.assertNotIn("consent.E003", self.errors())

    @override_settings(NEWSROOM_CONSENT_ACCESS_LOG_DAYS=0)
    def test_an_access_log_kept_no_day_stops_the_start_up(self):
        self.assertIn("consent.E003", self.errors())

    def test_a_consent_lasting_longer_than_records_are_kept_stops_the_start_up(self):
        with mock.patch.object(consent_settings, "COOKIE_CONSENT_MAX_AGE", 400 * 24 * 60 * 60):
            self.assertIn("consent.E002", self.errors())
