"""A consent list's address giving a parameter twice: refused, for the list, its export and the log."""

from datetime import UTC, datetime
from urllib.parse import parse_qs, urlsplit

from django.test import TestCase

from consent.models import AccessLogEntry

from .test_admin import (
    ACCESS_LOG,
    ACCESS_LOG_EXPORT,
    CHANGELIST,
    EXPORT,
    listed,
    make_privacy_officer,
    make_record,
    make_version,
)

Action = AccessLogEntry.Action


class RepeatedParameterTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.officer = make_privacy_officer()
        version = make_version("a")
        cls.october = make_record(version=version, at=datetime(2025, 10, 1, 12, tzinfo=UTC))
        cls.november = make_record(version=version, at=datetime(2025, 11, 1, 12, tzinfo=UTC))

    def setUp(self):
        self.client.force_login(self.officer)

    def get(self, url, query, **kwargs):
        return self.client.get(f"{url}?{query}", headers={"accept-language": "en"}, **kwargs)

    def test_a_list_given_a_filter_twice_is_shown_without_it_saying_so(self):
        # Django filtered by either time (the earlier), its links kept the later.
        response = self.get(
            CHANGELIST,
            "created_at__gte=2025-09-01&created_at__gte=2025-10-15&choice__exact=accepted",
        )
        self.assertEqual(response.status_code, 302)
        self.assertEqual(
            parse_qs(urlsplit(response["Location"]).query), {"choice__exact": ["accepted"]}
        )
        shown = self.client.get(response["Location"], headers={"accept-language": "en"})
        self.assertEqual(listed(shown), {self.october.consent_id, self.november.consent_id})
        self.assertEqual(
            [str(message) for message in shown.context["messages"]],
            [
                "Time from is given more than once in the address (2025-09-01, 2025-10-15): "
                "the list is shown without it. Choose one."
            ],
        )
        self.assertFalse(AccessLogEntry.objects.exists())

    def test_a_search_given_twice_is_neither_made_nor_logged(self):
        response = self.get(
            CHANGELIST, f"q={self.october.consent_id}&q={self.november.consent_id}", follow=True
        )
        self.assertEqual(listed(response), {self.october.consent_id, self.november.consent_id})
        [message] = response.context["messages"]
        self.assertIn("Search is given more than once", str(message))
        self.assertFalse(AccessLogEntry.objects.exists())

    def test_the_access_log_given_an_action_twice_is_shown_without_it(self):
        AccessLogEntry.objects.create(username="a", action=Action.VIEWED_RECORD)
        AccessLogEntry.objects.create(username="b", action=Action.EXPORTED_RECORDS)
        response = self.get(
            ACCESS_LOG, "action__exact=viewed_record&action__exact=exported_records", follow=True
        )
        self.assertEqual(len(response.context["cl"].result_list), 2)
        [message] = response.context["messages"]
        self.assertIn("Action is given more than once", str(message))

    def test_a_head_request_leaves_no_message_for_a_later_page(self):
        # A HEAD request is answered without a page: its message would greet the officer on
        # the next page they open, about a list they never saw.
        response = self.client.head(
            f"{CHANGELIST}?choice__exact=accepted&choice__exact=declined",
            headers={"accept-language": "en"},
        )
        self.assertEqual(response.status_code, 302)
        self.assertEqual(response["Location"], CHANGELIST)
        later = self.client.get("/admin/", headers={"accept-language": "en"})
        self.assertEqual(list(later.context["messages"]), [])
        self.assertNotContains(later, "given more than once")

    def test_an_export_given_a_parameter_twice_is_refused_and_not_logged(self):
        for url, query in (
            (EXPORT, "created_at__gte=2025-09-01&created_at__gte=2025-10-15"),
            (EXPORT, "q=a&q=b"),
            (ACCESS_LOG_EXPORT, "action__exact=viewed_record&action__exact=exported_records"),
        ):
            with self.subTest(query=query):
                response = self.get(url, query)
                self.assertEqual(response.status_code, 400)
                self.assertNotIn("Content-Disposition", response)
                self.assertIn("is given more than once", response.content.decode())
        self.assertFalse(AccessLogEntry.objects.exists())

    def test_swedish_names_the_filter_in_swedish(self):
        response = self.client.get(
            f"{CHANGELIST}?choice__exact=accepted&choice__exact=declined",
            headers={"accept-language": "sv"},
            follow=True,
        )
        [message] = response.context["messages"]
        # The filter as the Swedish list names it ("Val"), not by its parameter.
        self.assertTrue(str(message).startswith("Val "), str(message))
        self.assertIn("(accepted, declined)", str(message))
