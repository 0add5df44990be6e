"""The exports' list separator: semicolons for Excel in Sweden, commas on request."""

import csv
import io
from datetime import UTC, datetime

from django.test import TestCase
from django.utils.html import escape

from consent.models import AccessLogEntry

from .test_admin import (
    ACCESS_LOG,
    ACCESS_LOG_EXPORT,
    CHANGELIST,
    EXPORT,
    VERSION_CHANGELIST,
    VERSION_EXPORT,
    csv_rows,
    make_privacy_officer,
    make_record,
    make_version,
)


def comma_rows(response):
    """The rows of a comma-separated export, as Excel set to a comma list separator reads it."""
    text = b"".join(response.streaming_content).decode()
    if not text.startswith("\ufeff"):
        raise AssertionError(f"No byte order mark: {text[:20]!r}")
    return list(csv.reader(io.StringIO(text[1:]), delimiter=","))


class ExportDelimiterTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.officer = make_privacy_officer()
        cls.version = make_version("a")
        cls.record = make_record(
            version=cls.version,
            groups={"analytics": True, "ads": False},
            at=datetime(2025, 10, 1, 12, tzinfo=UTC),
        )

    def setUp(self):
        self.client.force_login(self.officer)

    def test_the_lists_offer_a_comma_separated_export_of_the_same_list(self):
        for url, export in (
            (CHANGELIST, EXPORT),
            (ACCESS_LOG, ACCESS_LOG_EXPORT),
            (VERSION_CHANGELIST, VERSION_EXPORT),
        ):
            with self.subTest(url=url):
                response = self.client.get(
                    url,
                    {"created_at__from": "2025-10-01"} if url != VERSION_CHANGELIST else {},
                    headers={"accept-language": "en"},
                )
                self.assertContains(response, ">Export CSV</a>")
                comma = response.context["export_comma_url"]
                self.assertTrue(comma.startswith(f"{export}?"), comma)
                self.assertTrue(comma.endswith("delimiter=comma"), comma)
                self.assertContains(response, f'href="{escape(comma)}"')
                self.assertContains(response, ">Export CSV with commas</a>")

    def test_a_comma_separated_export_holds_the_same_cells(self):
        params = {"created_at__from": "2025-10-01"}
        semicolons = csv_rows(self.client.get(EXPORT, params))
        commas = comma_rows(self.client.get(EXPORT, {**params, "delimiter": "comma"}))
        self.assertEqual(commas, semicolons)
        # A cell holding commas (the stored answers) is quoted, not split.
        self.assertEqual(commas[1][-1], '{"ads":false,"analytics":true}')

    def test_the_separator_is_no_filter_for_the_log_nor_the_files_name(self):
        response = self.client.get(EXPORT, {"choice__exact": "accepted", "delimiter": "comma"})
        self.assertEqual(response.status_code, 200)
        b"".join(response.streaming_content)
        self.assertEqual(AccessLogEntry.objects.get().query, "choice__exact=accepted")
        self.assertNotIn("comma", response["Content-Disposition"].replace("consent", ""))
        self.assertIn("filtered", response["Content-Disposition"])

    def test_the_access_log_and_versions_export_with_commas_too(self):
        for export in (ACCESS_LOG_EXPORT, VERSION_EXPORT):
            with self.subTest(export=export):
                rows = comma_rows(self.client.get(export, {"delimiter": "comma"}))
                self.assertGreater(len(rows[0]), 3)

    def test_an_unknown_separator_is_refused_and_not_logged(self):
        response = self.client.get(EXPORT, {"delimiter": "tab"}, headers={"accept-language": "en"})
        self.assertEqual(response.status_code, 400)
        self.assertNotIn("Content-Disposition", response)
        self.assertIn("“semicolon” or “comma”", response.content.decode())
        self.assertFalse(AccessLogEntry.objects.exists())
