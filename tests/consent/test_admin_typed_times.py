"""Times typed in a consent list's address in the hours the clocks change, read as the officer is told."""

import re
from datetime import UTC, datetime
from html import unescape
from urllib.parse import parse_qs, urlsplit

from django.test import TestCase

from consent.models import AccessLogEntry

from .test_admin import (
    ACCESS_LOG,
    CHANGELIST,
    EXPORT,
    csv_rows,
    listed,
    make_privacy_officer,
    make_record,
    make_version,
)

Action = AccessLogEntry.Action


class ClockChangeTimeTests(TestCase):
    """26 October 2025, 02:00–03:00 is lived twice in Stockholm; 29 March 2026, 02:00–03:00 never."""

    @classmethod
    def setUpTestData(cls):
        cls.officer = make_privacy_officer()
        version = make_version("a")
        # 02:30 summer time (CEST), then 02:30 winter time (CET), an hour later.
        cls.summer = make_record(version=version, at=datetime(2025, 10, 26, 0, 30, tzinfo=UTC))
        cls.winter = make_record(version=version, at=datetime(2025, 10, 26, 1, 30, tzinfo=UTC))
        # 03:15 summer time, the spring night: after 02:30 winter time, which is 03:30 summer time.
        cls.spring_early = make_record(version=version, at=datetime(2026, 3, 29, 1, 15, tzinfo=UTC))
        cls.spring_late = make_record(version=version, at=datetime(2026, 3, 29, 1, 45, tzinfo=UTC))

    def setUp(self):
        self.client.force_login(self.officer)

    def get(self, url, params, language="en", **kwargs):
        return self.client.get(url, params, headers={"accept-language": language}, **kwargs)

    def messages(self, response):
        return [str(message) for message in response.context["messages"]]

    def test_a_time_of_the_repeated_hour_is_read_as_the_first_and_the_officer_is_told(self):
        response = self.get(
            CHANGELIST,
            {
                "created_at__gte": "2025-10-26 02:30",
                "choice__exact": "accepted",
                "created_at__lt": "2025-11-01",
            },
        )
        self.assertEqual(response.status_code, 302)
        query = parse_qs(urlsplit(response["Location"]).query)
        # The list's address names the time it read, so that its links, its export and the
        # access log name the same moment.
        self.assertEqual(query["created_at__gte"], ["2025-10-26 02:30:00+02:00"])
        self.assertEqual(query["choice__exact"], ["accepted"])
        shown = self.client.get(response["Location"], headers={"accept-language": "en"})
        self.assertEqual(listed(shown), {self.summer.consent_id, self.winter.consent_id})
        [message] = self.messages(shown)
        self.assertIn("Time from: 2025-10-26 02:30 comes twice in Stockholm time", message)
        self.assertIn("26 October 2025, 02:30:00 CEST", message)
        self.assertIn("2025-10-26 02:30+01:00", message)
        self.assertIn("26 October 2025, 02:30:00 CET", message)
        self.assertIn("created_at__gte=2025-10-26+02%3A30%3A00%2B01%3A00", message)
        self.assertIn(
            "created_at__gte=2025-10-26+02%3A30%3A00%2B02%3A00", shown.context["export_url"]
        )
        # The other reading, as the message links it.
        [link] = re.findall(r'href="([^"]*)"', message)
        # A link on the page, not its markup as text.
        self.assertContains(shown, f'<a href="{link}">read it as 26 October 2025, 02:30:00 CET</a>')
        other = self.client.get(CHANGELIST + unescape(link), headers={"accept-language": "en"})
        self.assertEqual(listed(other), {self.winter.consent_id})
        self.assertEqual(self.messages(other), [])

    def test_the_message_is_in_swedish_for_a_swedish_officer(self):
        response = self.get(
            CHANGELIST, {"created_at__lt": "2025-10-26 02:30"}, language="sv", follow=True
        )
        [message] = self.messages(response)
        self.assertIn("26 oktober 2025 kl. 02.30.00 CEST", message)
        self.assertIn("2025-10-26 02:30+01:00", message)

    def test_an_offset_typed_in_the_address_is_read_though_its_plus_arrives_as_a_space(self):
        # Typed "…02:30+01:00" in the address bar, the "+" reaches the server as a space.
        for typed in (
            "2025-10-26 02:30 01:00",
            "2025-10-26T02:30:00 01:00",
            "2025-10-26 02:30+01:00",
        ):
            with self.subTest(typed=typed):
                response = self.get(
                    CHANGELIST, {"created_at__gte": typed, "created_at__lt": "2025-11-01"}
                )
                self.assertEqual(response.status_code, 200)
                self.assertEqual(listed(response), {self.winter.consent_id})
                self.assertEqual(self.messages(response), [])

    def test_a_time_of_the_skipped_hour_is_read_an_hour_later_and_the_officer_is_told(self):
        response = self.get(CHANGELIST, {"created_at__gte": "2026-03-29 02:30"})
        self.assertEqual(response.status_code, 302)
        query = parse_qs(urlsplit(response["Location"]).query)
        self.assertEqual(query["created_at__gte"], ["2026-03-29 03:30:00+02:00"])
        shown = self.client.get(response["Location"], headers={"accept-language": "en"})
        self.assertEqual(listed(shown), {self.spring_late.consent_id})
        [message] = self.messages(shown)
        self.assertIn(
            "Time from: 2026-03-29 02:30 is a time Stockholm's clocks never show", message
        )
        self.assertIn("29 March 2026, 03:30:00 CEST", message)

    def test_a_head_request_leaves_no_message_for_a_later_page(self):
        response = self.client.head(
            CHANGELIST, {"created_at__gte": "2025-10-26 02:30"}, headers={"accept-language": "en"}
        )
        self.assertEqual(response.status_code, 302)
        query = parse_qs(urlsplit(response["Location"]).query)
        self.assertEqual(query["created_at__gte"], ["2025-10-26 02:30:00+02:00"])
        later = self.client.get("/admin/", headers={"accept-language": "en"})
        self.assertEqual(self.messages(later), [])
        self.assertNotContains(later, "comes twice in Stockholm time")

    def test_times_of_a_list_of_times_are_each_read_so(self):
        response = self.get(CHANGELIST, {"created_at__in": "2025-10-26 02:30,2025-10-26 02:00"})
        self.assertEqual(response.status_code, 302)
        query = parse_qs(urlsplit(response["Location"]).query)
        self.assertEqual(
            query["created_at__in"], ["2025-10-26 02:30:00+02:00,2025-10-26 02:00:00+02:00"]
        )

    def test_the_access_log_reads_them_so_too(self):
        response = self.get(ACCESS_LOG, {"created_at__lt": "2025-10-26 02:59"})
        self.assertEqual(response.status_code, 302)
        query = parse_qs(urlsplit(response["Location"]).query)
        self.assertEqual(query["created_at__lt"], ["2025-10-26 02:59:00+02:00"])

    def test_an_export_of_such_a_time_is_refused_naming_the_readings(self):
        for typed, words in (
            (
                "2025-10-26 02:30",
                ["comes twice", "2025-10-26 02:30+02:00", "2025-10-26 02:30+01:00"],
            ),
            ("2026-03-29 02:30", ["never show", "2026-03-29 03:30+02:00"]),
        ):
            with self.subTest(typed=typed):
                response = self.get(EXPORT, {"created_at__gte": typed})
                self.assertEqual(response.status_code, 400)
                self.assertNotIn("Content-Disposition", response)
                text = response.content.decode()
                for word in words:
                    self.assertIn(word, text)
        self.assertFalse(AccessLogEntry.objects.exists())
        explicit = self.get(EXPORT, {"created_at__gte": "2025-10-26 02:30+01:00"})
        self.assertEqual(
            [row[0] for row in csv_rows(explicit)[1:]],
            [
                str(self.spring_late.consent_id),
                str(self.spring_early.consent_id),
                str(self.winter.consent_id),
            ],
        )
        self.assertEqual(
            AccessLogEntry.objects.get().query, "created_at__gte=2025-10-26+02%3A30%2B01%3A00"
        )
