import csv
import importlib
import io
import json
import re
import tempfile
import uuid
import warnings
from datetime import UTC, date, datetime, timedelta
from unittest import mock, skipUnless
from zoneinfo import ZoneInfo

import time_machine
from cookie_consent.models import Cookie, CookieGroup, LogItem
from django.apps import apps
from django.contrib import admin
from django.contrib.admin.filters import FacetsMixin
from django.contrib.auth.models import Group, Permission, User
from django.core.management import CommandError, call_command
from django.db import connection
from django.db.backends.sqlite3._functions import _sqlite_regexp
from django.http import StreamingHttpResponse
from django.templatetags.static import static
from django.test import RequestFactory, TestCase, override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape

from consent.admin import OfferedValuesFilter, SharedFacetsMixin, daily_choice_counts
from consent.models import AccessLogEntry, BannerVersion, ConsentRecord
from consent.services import banner_version_for, consent_record
from consent.texts import current_digest

STOCKHOLM = ZoneInfo("Europe/Stockholm")
Choice = ConsentRecord.Choice
Source = ConsentRecord.Source
Action = AccessLogEntry.Action

# Nothing listens on port 9: the cache is down.
REDIS_DOWN = {
    "BACKEND": "django.core.cache.backends.redis.RedisCache",
    "LOCATION": "redis://127.0.0.1:9/0",
    "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2},
}

CHANGELIST = reverse("admin:consent_consentrecord_changelist")
EXPORT = reverse("admin:consent_consentrecord_export")
VERSION_CHANGELIST = reverse("admin:consent_bannerversion_changelist")
VERSION_EXPORT = reverse("admin:consent_bannerversion_export")
ACCESS_LOG = reverse("admin:consent_accesslogentry_changelist")
ACCESS_LOG_EXPORT = reverse("admin:consent_accesslogentry_export")
COOKIE_GROUPS = reverse("admin:consent_sitecookiegroup_changelist")
COOKIE_GROUP_CHANGE = "admin:consent_sitecookiegroup_change"
COOKIES = reverse("admin:consent_sitecookie_changelist")
COOKIE_CHANGE = "admin:consent_sitecookie_change"


def make_privacy_officer():
    officer = User.objects.create_user("integritet", password="x", is_staff=True)
    officer.groups.add(Group.objects.get(name="Privacy officer"))
    return officer


def make_editor():
    editor = User.objects.create_user("redaktor", password="x", is_staff=True)
    editor.user_permissions.set(Permission.objects.filter(content_type__app_label="articles"))
    return editor


def make_superuser():
    return User.objects.create_superuser("chef", password="x")


def make_version(letter, **texts):
    texts = texts or {"sv": {"title": f"Rubrik {letter}"}, "en": {"title": f"Heading {letter}"}}
    return BannerVersion.objects.create(digest=letter * 64, texts=texts)


def make_record(*, version, choice=Choice.ACCEPTED, at=None, **fields):
    defaults = {
        "groups": {"analytics": choice == Choice.ACCEPTED},
        "source": Source.BANNER_JS,
        "language": "sv",
    }
    record = ConsentRecord.objects.create(
        choice=choice, banner_version=version, **{**defaults, **fields}
    )
    if at is not None:
        ConsentRecord.objects.filter(pk=record.pk).update(created_at=at)
        record.refresh_from_db()
    return record


def listed(response):
    return {record.consent_id for record in response.context["cl"].result_list}


def csv_rows(response):
    return read_csv(b"".join(response.streaming_content).decode())


def read_csv(text):
    """The rows of an export, as Excel reads it: a byte order mark, then semicolon-separated."""
    if not text.startswith("\ufeff"):
        raise AssertionError(f"No byte order mark: {text[:20]!r}")
    return list(csv.reader(io.StringIO(text[1:]), delimiter=";"))


class PermissionTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.officer = make_privacy_officer()
        cls.editor = make_editor()
        cls.superuser = make_superuser()
        cls.version = make_version("a")
        cls.record = make_record(version=cls.version)

    def record_url(self, action):
        return reverse(f"admin:consent_consentrecord_{action}", args=[self.record.pk])

    def test_privacy_officer_can_view_the_record_list_and_a_record(self):
        self.client.force_login(self.officer)
        self.assertEqual(self.client.get(CHANGELIST).status_code, 200)
        response = self.client.get(self.record_url("change"))
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, str(self.record.consent_id))
        self.assertFalse(response.context["has_change_permission"])

    def test_privacy_officer_can_view_cookie_groups_cookies_and_banner_versions(self):
        self.client.force_login(self.officer)
        analytics = CookieGroup.objects.get(varname="analytics")
        for url in [
            reverse("admin:consent_sitecookiegroup_changelist"),
            reverse("admin:consent_sitecookiegroup_change", args=[analytics.pk]),
            reverse("admin:consent_sitecookie_changelist"),
            reverse("admin:consent_bannerversion_changelist"),
            reverse("admin:consent_bannerversion_change", args=[self.version.pk]),
        ]:
            with self.subTest(url=url):
                self.assertEqual(self.client.get(url).status_code, 200)

    def test_privacy_officer_holds_what_the_consent_admins_check_and_nothing_of_the_package(self):
        group = Group.objects.get(name="Privacy officer")
        held = {
            f"{permission.content_type.app_label}.{permission.codename}"
            for permission in group.permissions.select_related("content_type")
        }
        self.assertEqual(
            held,
            {
                "consent.view_consentrecord",
                "consent.view_bannerversion",
                "consent.view_accesslogentry",
                "consent.view_sitecookiegroup",
                "consent.change_sitecookiegroup",
                "consent.view_cookiegrouptext",
                "consent.change_cookiegrouptext",
                "consent.add_cookiegrouptext",
                "consent.view_sitecookie",
                "consent.change_sitecookie",
                "consent.add_sitecookie",
                "consent.view_cookiedetail",
                "consent.change_cookiedetail",
                "consent.add_cookiedetail",
            },
        )
        self.assertFalse(self.officer.has_module_perms("cookie_consent"))

    def test_privacy_officer_still_sees_every_consent_page_and_export(self):
        self.client.force_login(self.officer)
        analytics = CookieGroup.objects.get(varname="analytics")
        cookie = Cookie.objects.get(name="nr_consent_state")
        for url in [
            reverse("admin:app_list", kwargs={"app_label": "consent"}),
            COOKIE_GROUPS,
            reverse(COOKIE_GROUP_CHANGE, args=[analytics.pk]),
            COOKIES,
            reverse(COOKIE_CHANGE, args=[cookie.pk]),
            CHANGELIST,
            self.record_url("change"),
            ACCESS_LOG,
            VERSION_CHANGELIST,
            EXPORT,
            VERSION_EXPORT,
        ]:
            with self.subTest(url=url):
                self.assertEqual(self.client.get(url).status_code, 200)
        # The index lists the cookie admins, and only the consent app's.
        index = self.client.get(reverse("admin:index"))
        self.assertEqual([app["app_label"] for app in index.context["app_list"]], ["consent"])

    def test_a_record_names_its_language_groups_and_texts_as_they_were_read(self):
        table = [{"varname": "analytics", "name": "Analys"}]
        shown = {
            "gpc": "Du kan ändra det under %(link)s.",
            "settings_link": "Cookieinställningar",
            "cookie_table": table,
        }
        version = make_version("c", sv=shown)
        record = make_record(version=version, choice=Choice.DECLINED, language="en")
        self.client.force_login(self.officer)
        headers = {"accept-language": "sv"}
        page = self.client.get(
            reverse("admin:consent_consentrecord_change", args=[record.pk]), headers=headers
        )
        self.assertContains(page, "<li>Analys: avböjt</li>", html=True)
        # As Swedish writes language names.
        self.assertContains(page, '<div class="readonly">engelska</div>', html=True)
        # The version's texts as the visitor read them: the link's words in the sentence.
        self.assertContains(page, "<h3>Svenska</h3>", html=True)
        self.assertContains(page, "<td>Du kan ändra det under Cookieinställningar.</td>", html=True)
        listed = self.client.get(CHANGELIST, headers=headers)
        self.assertContains(listed, '<td class="field-language_name">engelska</td>', html=True)
        listed = self.client.get(CHANGELIST, headers={"accept-language": "en"})
        self.assertContains(listed, '<td class="field-language_name">English</td>', html=True)

    def test_the_record_list_gives_each_time_and_version_compactly(self):
        version = make_version("c")
        at = datetime(2025, 3, 29, 23, 30, tzinfo=UTC)  # 30 March in Stockholm
        record = make_record(version=version, at=at)
        BannerVersion.objects.filter(pk=version.pk).update(created_at=at - timedelta(hours=12))
        version.refresh_from_db()
        self.client.force_login(self.officer)
        url = reverse("admin:consent_consentrecord_change", args=[record.pk])
        for language in ("sv", "en"):
            with self.subTest(language=language):
                listed = self.client.get(CHANGELIST, headers={"accept-language": language})
                self.assertContains(
                    listed,
                    f'<th class="field-recorded_at"><a href="{url}">'
                    '<time datetime="2025-03-29T23:30:00+00:00"><span class="nowrap">2025-03-30</span> '
                    "00:30</time></a></th>",
                    html=True,
                )
                self.assertContains(
                    listed,
                    '<td class="field-version">2025-03-29 (cccccccc)</td>',
                    html=True,
                )
                # "Banner version" would be the widest heading.
                self.assertContains(listed, '<a role="button" href="?o=6.-0">Version</a>')

    def test_every_consent_list_gives_times_as_the_record_list_does_and_pages_in_full(self):
        # Lists are scanned down a narrow column: "2025-03-30 00:30" in every list, the full
        # date ("30 mars 2025 kl. 00.30") on the pages of a record and a log entry.
        at = datetime(2025, 3, 29, 23, 30, tzinfo=UTC)  # 30 March in Stockholm
        version = make_version("c")
        record = make_record(version=version, at=at)
        BannerVersion.objects.filter(pk=version.pk).update(created_at=at)
        entry = AccessLogEntry.objects.create(username="x", action=Action.VIEWED_RECORD)
        AccessLogEntry.objects.filter(pk=entry.pk).update(created_at=at)
        self.client.force_login(self.officer)
        entry_url = reverse("admin:consent_accesslogentry_change", args=[entry.pk])
        time = (
            '<time datetime="2025-03-29T23:30:00+00:00"><span class="nowrap">2025-03-30</span> '
            "00:30</time>"
        )
        for language, full in (("sv", "30 mars 2025 kl. 00.30"), ("en", "30 March 2025, 00:30")):
            with self.subTest(language=language):
                headers = {"accept-language": language}
                log = self.client.get(ACCESS_LOG, headers=headers)
                self.assertContains(
                    log,
                    f'<th class="field-logged_at"><a href="{entry_url}">{time}</a></th>',
                    html=True,
                )
                self.assertNotContains(log, full)
                versions = self.client.get(VERSION_CHANGELIST, headers=headers)
                self.assertContains(
                    versions, f'<td class="field-first_answered">{time}</td>', html=True
                )
                self.assertNotContains(versions, full)
                for page in (
                    self.client.get(entry_url, headers=headers),
                    self.client.get(
                        reverse("admin:consent_consentrecord_change", args=[record.pk]),
                        headers=headers,
                    ),
                ):
                    self.assertContains(page, full)

    def test_a_versions_date_is_named_for_what_it_is_the_first_answer(self):
        # Versions are stored when a visitor first answers one: "first shown" would be untrue.
        self.client.force_login(self.officer)
        for url in [
            reverse("admin:consent_bannerversion_changelist"),
            reverse("admin:consent_bannerversion_change", args=[self.version.pk]),
        ]:
            with self.subTest(url=url):
                response = self.client.get(url, headers={"accept-language": "sv"})
                self.assertContains(response, "Först besvarad")
                self.assertNotContains(response, "Först visad")

    def test_privacy_officer_is_refused_the_article_admin(self):
        self.client.force_login(self.officer)
        for url in [
            reverse("admin:articles_article_changelist"),
            reverse("admin:articles_article_add"),
            reverse("admin:articles_image_changelist"),
            reverse("admin:auth_user_changelist"),
        ]:
            with self.subTest(url=url):
                self.assertEqual(self.client.get(url).status_code, 403)

    def test_editor_is_refused_consent_records_and_their_export(self):
        self.client.force_login(self.editor)
        for url in [CHANGELIST, self.record_url("change"), EXPORT]:
            with self.subTest(url=url):
                self.assertEqual(self.client.get(url).status_code, 403)

    def test_not_even_a_superuser_can_add_a_record(self):
        self.client.force_login(self.superuser)
        self.assertEqual(
            self.client.get(reverse("admin:consent_consentrecord_add")).status_code, 403
        )
        self.assertEqual(
            self.client.get(reverse("admin:consent_bannerversion_add")).status_code, 403
        )

    def test_posting_to_a_record_changes_nothing(self):
        self.client.force_login(self.superuser)
        response = self.client.post(
            self.record_url("change"),
            {"choice": Choice.DECLINED, "language": "en", "source": Source.GPC},
        )
        self.assertEqual(response.status_code, 403)
        self.record.refresh_from_db()
        self.assertEqual(
            (self.record.choice, self.record.language, self.record.source),
            (Choice.ACCEPTED, "sv", Source.BANNER_JS),
        )

    def test_not_even_a_superuser_can_delete_a_record(self):
        self.client.force_login(self.superuser)
        self.assertEqual(self.client.get(self.record_url("delete")).status_code, 403)
        self.assertEqual(
            self.client.post(self.record_url("delete"), {"post": "yes"}).status_code, 403
        )
        version_delete = reverse("admin:consent_bannerversion_delete", args=[self.version.pk])
        self.assertEqual(self.client.post(version_delete, {"post": "yes"}).status_code, 403)
        self.assertTrue(ConsentRecord.objects.filter(pk=self.record.pk).exists())

    def test_the_record_list_offers_no_bulk_delete(self):
        self.client.force_login(self.superuser)
        response = self.client.get(CHANGELIST)
        self.assertIsNone(response.context["action_form"])
        self.assertNotContains(response, "delete_selected")
        self.client.post(
            CHANGELIST,
            {"action": "delete_selected", "_selected_action": [self.record.pk], "post": "yes"},
        )
        self.assertTrue(ConsentRecord.objects.filter(pk=self.record.pk).exists())

    def test_the_package_log_items_stay_out_of_the_admin(self):
        self.assertFalse(admin.site.is_registered(LogItem))


class DetailTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.officer = make_privacy_officer()

    def setUp(self):
        self.client.force_login(self.officer)

    def test_a_record_shows_the_banner_texts_the_visitor_saw_in_every_language(self):
        version = make_version(
            "b",
            sv={
                "title": "Webbplatsen använder kakor",
                "policy_page": "<h2>Vilka vi är</h2><p>Vi <script>alert(1)</script>finns</p>",
            },
            en={"title": "This site uses cookies", "accept": "Accept"},
        )
        record = make_record(version=version)
        response = self.client.get(reverse("admin:consent_consentrecord_change", args=[record.pk]))
        self.assertContains(response, "Webbplatsen använder kakor")
        self.assertContains(response, "This site uses cookies")
        self.assertContains(response, "<h4>Vilka vi är</h4>", html=True)
        self.assertNotContains(response, "<script>alert")

    def test_a_record_made_by_the_service_shows_the_current_texts(self):
        request = RequestFactory().get("/sv/")
        record = consent_record(
            request=request,
            accept=True,
            groups=["analytics"],
            source=Source.BANNER_NO_JS,
            banner_version=banner_version_for(current_digest()),
        )
        response = self.client.get(reverse("admin:consent_consentrecord_change", args=[record.pk]))
        for language in ("sv", "en"):
            self.assertContains(response, escape(record.banner_version.texts[language]["title"]))

    def test_a_record_shows_the_cookie_table_its_visitor_was_shown(self):
        record = make_record(version=banner_version_for(current_digest()))
        response = self.client.get(reverse("admin:consent_consentrecord_change", args=[record.pk]))
        self.assertContains(response, "<td>nr_analytics</td>", html=False)
        self.assertContains(response, "<caption>Cookies</caption>", html=False)
        self.assertContains(response, '<th scope="col">Livslängd</th>', html=False)
        self.assertNotContains(response, "[{")  # no stored structure printed as it is

    def test_a_record_links_its_previous_consent_to_a_search_for_it(self):
        previous = make_record(version=make_version("c"))
        record = make_record(
            version=previous.banner_version, previous_consent_id=previous.consent_id
        )
        response = self.client.get(reverse("admin:consent_consentrecord_change", args=[record.pk]))
        self.assertContains(response, f'href="{CHANGELIST}?q={previous.consent_id}"')
        self.assertEqual(
            listed(self.client.get(CHANGELIST, {"q": str(previous.consent_id)})),
            {previous.consent_id, record.consent_id},
        )


class RepeatedHourTests(TestCase):
    """The hour the clocks go back (26 October 2025, 02:00–03:00 in Stockholm) is lived twice."""

    @classmethod
    def setUpTestData(cls):
        cls.officer = make_privacy_officer()
        version = make_version("d")
        # 02:30 summer time, then 02:30 winter time, an hour later.
        cls.summer = make_record(version=version, at=datetime(2025, 10, 26, 0, 30, tzinfo=UTC))
        cls.winter = make_record(
            version=version,
            choice=Choice.WITHDRAWN,
            previous_consent_id=cls.summer.consent_id,
            at=datetime(2025, 10, 26, 1, 30, tzinfo=UTC),
        )
        cls.entries = []
        for at in (cls.summer.created_at, cls.winter.created_at):
            entry = AccessLogEntry.objects.create(username="x", action=Action.VIEWED_RECORD)
            AccessLogEntry.objects.filter(pk=entry.pk).update(created_at=at)
            cls.entries.append(entry)

    def setUp(self):
        self.client.force_login(self.officer)

    def test_a_records_page_and_history_name_the_zone_of_each_time(self):
        url = reverse("admin:consent_consentrecord_change", args=[self.winter.pk])
        for language, summer, winter in (
            ("sv", "26 oktober 2025 kl. 02.30.00 CEST", "26 oktober 2025 kl. 02.30.00 CET"),
            ("en", "26 October 2025, 02:30:00 CEST", "26 October 2025, 02:30:00 CET"),
        ):
            with self.subTest(language=language):
                response = self.client.get(url, headers={"accept-language": language})
                self.assertContains(response, f'<div class="readonly">{winter}</div>', html=True)
                rows = re.findall(r"<tr[^>]*><td>([^<]*)</td>", response.content.decode())
                self.assertEqual(rows, [summer, winter])

    def test_an_access_log_entrys_page_names_the_zone_of_its_time(self):
        for entry, shown in zip(
            self.entries,
            ("26 oktober 2025 kl. 02.30.00 CEST", "26 oktober 2025 kl. 02.30.00 CET"),
            strict=True,
        ):
            url = reverse("admin:consent_accesslogentry_change", args=[entry.pk])
            response = self.client.get(url)
            self.assertContains(response, f'<div class="readonly">{shown}</div>', html=True)

    def test_a_banner_versions_page_names_the_zone_of_its_time(self):
        version = self.summer.banner_version
        BannerVersion.objects.filter(pk=version.pk).update(created_at=self.winter.created_at)
        url = reverse("admin:consent_bannerversion_change", args=[version.pk])
        for language, shown in (
            ("sv", "26 oktober 2025 kl. 02.30.00 CET"),
            ("en", "26 October 2025, 02:30:00 CET"),
        ):
            with self.subTest(language=language):
                response = self.client.get(url, headers={"accept-language": language})
                self.assertContains(response, f'<div class="readonly">{shown}</div>', html=True)

    def test_lists_name_the_zone_of_a_time_in_the_repeated_hour_only(self):
        version = self.summer.banner_version
        BannerVersion.objects.filter(pk=version.pk).update(created_at=self.winter.created_at)
        clear = make_record(version=version, at=datetime(2025, 10, 26, 2, 30, tzinfo=UTC))
        summer, winter, after = (
            f'<time datetime="{at.isoformat()}"><span class="nowrap">2025-10-26</span> {shown}</time>'
            for at, shown in (
                (self.summer.created_at, "02:30 CEST"),
                (self.winter.created_at, "02:30 CET"),
                (clear.created_at, "03:30"),
            )
        )
        for language in ("sv", "en"):
            with self.subTest(language=language):
                headers = {"accept-language": language}
                records = self.client.get(CHANGELIST, headers=headers)
                for time in (summer, winter, after):
                    self.assertContains(records, time, html=True)
                log = self.client.get(ACCESS_LOG, headers=headers)
                self.assertContains(log, summer, html=True)
                self.assertContains(log, winter, html=True)
                versions = self.client.get(VERSION_CHANGELIST, headers=headers)
                self.assertContains(versions, winter, html=True)


class ReadOnlyHistoryTests(TestCase):
    """The consent models are never changed in the admin: their pages offer no empty history."""

    @classmethod
    def setUpTestData(cls):
        cls.officer = make_privacy_officer()
        cls.superuser = make_superuser()
        version = make_version("a")
        cls.objects = {
            "consentrecord": make_record(version=version),
            "bannerversion": version,
            "accesslogentry": AccessLogEntry.objects.create(
                username="x", action=Action.VIEWED_RECORD
            ),
        }

    def test_a_consent_objects_page_links_no_history(self):
        for user in (self.officer, self.superuser):
            self.client.force_login(user)
            for model, obj in self.objects.items():
                with self.subTest(user=user.username, model=model):
                    response = self.client.get(
                        reverse(f"admin:consent_{model}_change", args=[obj.pk])
                    )
                    self.assertEqual(response.status_code, 200)
                    self.assertNotContains(response, "historylink")
                    self.assertNotContains(response, f"/{obj.pk}/history/")
                    self.assertNotContains(response, 'class="object-tools"')
        # The record's page keeps the visitor's consent history below the record.
        record = self.objects["consentrecord"]
        response = self.client.get(reverse("admin:consent_consentrecord_change", args=[record.pk]))
        self.assertContains(response, '<table class="consent-history">')
        # Cookie groups are edited here: their pages keep the link to their history.
        group = CookieGroup.objects.get(varname="analytics")
        response = self.client.get(reverse(COOKIE_GROUP_CHANGE, args=[group.pk]))
        self.assertContains(response, 'class="historylink"')

    def test_a_consent_objects_history_address_is_not_found(self):
        for user in (self.officer, self.superuser):
            self.client.force_login(user)
            for model, obj in self.objects.items():
                with self.subTest(user=user.username, model=model):
                    url = reverse(f"admin:consent_{model}_history", args=[obj.pk])
                    self.assertEqual(self.client.get(url).status_code, 404)


class ConsentHistoryTests(TestCase):
    """A record's page shows its visitor's other records: the chain it is part of."""

    @classmethod
    def setUpTestData(cls):
        cls.officer = make_privacy_officer()
        cls.version = make_version("a")

    def setUp(self):
        self.client.force_login(self.officer)

    def make_chain(self, length, *, previous=None):
        records = []
        start = datetime(2025, 6, 1, 12, tzinfo=UTC)
        for n in range(length):
            choice = Choice.ACCEPTED if n % 2 else Choice.DECLINED
            records.append(
                make_record(
                    version=self.version,
                    choice=choice,
                    previous_consent_id=previous,
                    at=start + timedelta(days=n),
                )
            )
            previous = records[-1].consent_id
        return records

    def get(self, record):
        url = reverse("admin:consent_consentrecord_change", args=[record.pk])
        response = self.client.get(url, headers={"accept-language": "en"})
        self.assertEqual(response.status_code, 200)
        return response

    def history(self, response):
        """The history table's rows: the cells' text, the current row's marked with "*"."""
        html = response.content.decode()
        table = re.search(r'<table class="consent-history">.*?</table>', html, re.S)
        self.assertIsNotNone(table, "no history table")
        rows = re.findall(r"<tr( aria-current=\"true\")?>(.*?)</tr>", table.group(0), re.S)
        return [
            ("*" if current else "")
            + " | ".join(
                re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", cell)).strip()
                for cell in re.findall(r"<t[dh][^>]*>(.*?)</t[dh]>", cells, re.S)
            )
            for current, cells in rows
        ]

    def test_a_record_shows_its_visitors_records_before_and_after_it_in_order(self):
        chain = self.make_chain(3)
        make_record(version=self.version)  # another visitor's
        response = self.get(chain[1])
        self.assertContains(response, "<caption>Consent history</caption>", html=False)
        self.assertEqual(
            self.history(response),
            [
                "Time | Consent ID | Choice | Source",
                f"1 June 2025, 14:00:00 CEST | {chain[0].consent_id} | Declined | Banner (with JavaScript)",
                f"*2 June 2025, 14:00:00 CEST | {chain[1].consent_id} (this record) | Accepted | "
                "Banner (with JavaScript)",
                f"3 June 2025, 14:00:00 CEST | {chain[2].consent_id} | Declined | Banner (with JavaScript)",
            ],
        )
        # The others link to their pages; the record shown links nowhere.
        for record in (chain[0], chain[2]):
            url = reverse("admin:consent_consentrecord_change", args=[record.pk])
            self.assertContains(response, f'<a href="{url}">{record.consent_id}</a>', html=True)
        self.assertNotContains(
            response, reverse("admin:consent_consentrecord_change", args=[chain[1].pk])
        )
        self.assertNotContains(response, "The visitor has more records")

    def test_a_record_and_its_history_give_each_time_to_the_second(self):
        # A withdrawal seconds after the accept it withdraws: the proof tells them apart, as
        # the export's times do.
        accepted = make_record(version=self.version, at=datetime(2025, 6, 1, 12, 0, 5, tzinfo=UTC))
        withdrawn = make_record(
            version=self.version,
            choice=Choice.WITHDRAWN,
            previous_consent_id=accepted.consent_id,
            at=datetime(2025, 6, 1, 12, 0, 41, tzinfo=UTC),
        )
        url = reverse("admin:consent_consentrecord_change", args=[withdrawn.pk])
        for language, first, second in (
            ("sv", "1 juni 2025 kl. 14.00.05 CEST", "1 juni 2025 kl. 14.00.41 CEST"),
            ("en", "1 June 2025, 14:00:05 CEST", "1 June 2025, 14:00:41 CEST"),
        ):
            with self.subTest(language=language):
                response = self.client.get(url, headers={"accept-language": language})
                self.assertContains(response, f'<div class="readonly">{second}</div>', html=True)
                self.assertEqual(
                    [row.split(" | ")[0].lstrip("*") for row in self.history(response)[1:]],
                    [first, second],
                )

    def test_a_record_alone_shows_itself_as_its_history(self):
        (record,) = self.make_chain(1)
        self.assertEqual(
            self.history(self.get(record))[1:],
            [
                f"*1 June 2025, 14:00:00 CEST | {record.consent_id} (this record) | Declined | "
                "Banner (with JavaScript)"
            ],
        )

    def test_a_long_history_shows_the_records_nearest_this_one_and_says_so(self):
        chain = self.make_chain(3)
        with mock.patch("consent.models.CONSENT_HISTORY_LIMIT", 2):
            response = self.get(chain[2])
        self.assertEqual(len(self.history(response)), 3)
        self.assertContains(
            response,
            "The visitor has more records: the 2 nearest to this one are shown.",
        )

    def test_the_access_log_names_every_record_the_page_showed(self):
        chain = self.make_chain(3)
        other = make_record(version=self.version)  # another visitor's
        self.get(chain[1])
        entry = AccessLogEntry.objects.get()
        self.assertEqual(entry.consent_id, chain[1].consent_id)
        self.assertEqual(
            entry.other_consent_ids, [str(chain[0].consent_id), str(chain[2].consent_id)]
        )
        # Whoever asks the log by any of the visitor's IDs, whole or its beginning, finds it.
        for record in chain:
            for term in (str(record.consent_id), record.consent_id.hex[:8]):
                with self.subTest(term=term):
                    response = self.client.get(ACCESS_LOG, {"q": term})
                    self.assertEqual(list(response.context["cl"].result_list), [entry])
        self.assertEqual(
            list(
                self.client.get(ACCESS_LOG, {"q": str(other.consent_id)}).context["cl"].result_list
            ),
            [],
        )

    def test_the_access_log_entry_lists_the_other_records_shown(self):
        chain = self.make_chain(3)
        self.get(chain[0])
        entry = AccessLogEntry.objects.get()
        response = self.client.get(ACCESS_LOG, headers={"accept-language": "en"})
        self.assertContains(response, "and 2 other records of the visitor")
        url = reverse("admin:consent_accesslogentry_change", args=[entry.pk])
        response = self.client.get(url, headers={"accept-language": "en"})
        self.assertContains(response, "Other records shown")
        for record in chain[1:]:
            self.assertContains(
                response, f'<a href="{CHANGELIST}?q={record.consent_id}">{record.consent_id}</a>'
            )

    def test_a_record_alone_logs_no_other_record(self):
        (record,) = self.make_chain(1)
        self.get(record)
        self.assertEqual(AccessLogEntry.objects.get().other_consent_ids, [])
        response = self.client.get(ACCESS_LOG, headers={"accept-language": "en"})
        self.assertNotContains(response, "other record")

    @override_settings(NEWSROOM_CONSENT_RETENTION_DAYS=400)
    def test_a_history_whose_first_records_were_pruned_says_so_under_the_table(self):
        chain = self.make_chain(2, previous=uuid.uuid4())
        for record in chain:
            with self.subTest(record=record.pk):
                response = self.get(record)
                self.assertEqual(len(self.history(response)), 3)
                self.assertContains(
                    response,
                    '<p class="help">Earlier records of this visitor were deleted after 400 '
                    "days, as the privacy policy says.</p>",
                    html=True,
                )
        url = reverse("admin:consent_consentrecord_change", args=[chain[0].pk])
        response = self.client.get(url, headers={"accept-language": "sv"})
        self.assertContains(
            response,
            '<p class="help">Besökarens tidigare poster raderades efter 400 dagar, '
            "enligt integritetspolicyn.</p>",
            html=True,
        )

    def test_a_history_from_the_visitors_first_answer_says_nothing_was_deleted(self):
        chain = self.make_chain(3)
        self.assertNotContains(self.get(chain[0]), "Earlier records")
        # Nor one whose earlier records are kept but left out for the limit.
        with mock.patch("consent.models.CONSENT_HISTORY_LIMIT", 1):
            response = self.get(chain[2])
        self.assertNotContains(response, "Earlier records")
        self.assertContains(response, "The visitor has more records")

    def test_the_page_takes_eight_queries_for_a_history_of_1_3_or_20_records(self):
        # Session, the record, user, two for permissions, the access log's entry, the
        # history and the banner version; a history whose first records were pruned too.
        for length, previous in ((1, None), (3, None), (20, None), (3, uuid.uuid4())):
            chain = self.make_chain(length, previous=previous)
            with self.subTest(length=length, pruned=bool(previous)), self.assertNumQueries(8):
                response = self.get(chain[length // 2])
            self.assertEqual(len(self.history(response)), length + 1)
            entry = AccessLogEntry.objects.latest("pk")
            self.assertEqual(len(entry.other_consent_ids), length - 1)


class ListFilterTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.officer = make_privacy_officer()
        cls.old_version = make_version("a")
        cls.new_version = make_version("b")
        cls.january = make_record(
            version=cls.old_version, at=datetime(2025, 1, 10, 12, tzinfo=STOCKHOLM)
        )
        cls.declined = make_record(
            version=cls.new_version,
            choice=Choice.DECLINED,
            source=Source.BANNER_NO_JS,
            language="en",
            at=datetime(2025, 3, 5, 12, tzinfo=STOCKHOLM),
        )
        cls.withdrawn = make_record(
            version=cls.new_version,
            choice=Choice.WITHDRAWN,
            source=Source.SETTINGS,
            previous_consent_id=cls.january.consent_id,
            at=datetime(2025, 3, 6, 12, tzinfo=STOCKHOLM),
        )
        cls.gpc = make_record(
            version=cls.new_version,
            choice=Choice.DECLINED,
            source=Source.GPC,
            at=datetime(2025, 3, 7, 12, tzinfo=STOCKHOLM),
        )
        cls.everyone = {r.consent_id for r in (cls.january, cls.declined, cls.withdrawn, cls.gpc)}

    def setUp(self):
        self.client.force_login(self.officer)

    def assertListed(self, params, expected):
        response = self.client.get(CHANGELIST, params)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(listed(response), {record.consent_id for record in expected})

    def test_the_unfiltered_list_shows_every_record_with_its_analytics_answer(self):
        response = self.client.get(CHANGELIST)
        self.assertEqual(listed(response), self.everyone)
        self.assertContains(response, "column-analytics")

    def test_the_search_box_counts_results_only_when_the_list_is_narrowed(self):
        # Unnarrowed, the count below the list is all there is to say: "4 results (Show all)"
        # beside the empty search box would offer the list already shown.
        response = self.client.get(CHANGELIST, headers={"accept-language": "en"})
        self.assertNotContains(response, 'class="small quiet"')
        self.assertContains(response, "4 consent records")
        for params, count in (
            ({"choice__exact": "declined"}, 2),
            ({"q": "2025-03-05"}, 1),
            ({"created_at__year": "2025", "created_at__month": "3"}, 3),
            ({"created_at__from": "2025-03-06"}, 2),
        ):
            with self.subTest(params=params):
                response = self.client.get(CHANGELIST, params, headers={"accept-language": "en"})
                self.assertContains(
                    response,
                    f'<span class="small quiet">{count} result{"s" if count > 1 else ""} '
                    '(<a href="?">Show all</a>)</span>',
                    html=True,
                )

    def test_the_list_shows_no_comment_of_its_search_box_template(self):
        response = self.client.get(CHANGELIST)
        self.assertContains(response, 'id="searchbar"')
        self.assertNotContains(response, "{#")

    def test_date_filter_narrows_the_list(self):
        self.assertListed(
            {
                "created_at__gte": "2025-03-01 00:00:00+01:00",
                "created_at__lt": "2025-04-01 00:00:00+02:00",
            },
            [self.declined, self.withdrawn, self.gpc],
        )
        self.assertListed({"created_at__year": "2025", "created_at__month": "1"}, [self.january])

    def test_choice_filter_narrows_the_list(self):
        self.assertListed({"choice__exact": "withdrawn"}, [self.withdrawn])
        self.assertListed({"choice__exact": "declined"}, [self.declined, self.gpc])

    def test_cookie_group_filter_reads_the_stored_answers(self):
        self.assertListed({"group": "analytics:accepted"}, [self.january])
        self.assertListed(
            {"group": "analytics:declined"}, [self.declined, self.withdrawn, self.gpc]
        )

    def test_an_unknown_cookie_group_is_refused_rather_than_ignored(self):
        response = self.client.get(CHANGELIST, {"group": "analytics__isnull:accepted"})
        self.assertRedirects(response, f"{CHANGELIST}?e=1", fetch_redirect_response=False)

    def test_a_choice_or_source_the_filters_do_not_offer_is_refused_rather_than_listed_empty(
        self,
    ):
        # A mistyped bookmark listed no record, and exported (and logged) an empty file.
        for params in (
            {"choice__exact": "accept"},
            {"source__exact": "GPC"},
        ):
            with self.subTest(params=params):
                response = self.client.get(CHANGELIST, params)
                self.assertRedirects(response, f"{CHANGELIST}?e=1", fetch_redirect_response=False)
                self.assertEqual(self.client.get(EXPORT, params).status_code, 400)
        self.assertFalse(AccessLogEntry.objects.exists())
        response = self.client.get(ACCESS_LOG, {"action__exact": "opened"})
        self.assertRedirects(response, f"{ACCESS_LOG}?e=1", fetch_redirect_response=False)
        # The values offered are still taken.
        self.assertListed({"source__exact": "gpc"}, [self.gpc])
        # A choice given twice, offered or not, is refused as any parameter given twice
        # (test_admin_repeated_parameters): the list's links kept one, the query read both.
        for choices in (["accepted", "nope"], ["accepted", "withdrawn"]):
            response = self.client.get(CHANGELIST, {"choice__exact": choices})
            self.assertRedirects(response, CHANGELIST, fetch_redirect_response=False)
            self.assertEqual(self.client.get(EXPORT, {"choice__exact": choices}).status_code, 400)

    def test_a_list_sent_back_for_a_filter_it_does_not_offer_says_so(self):
        # Django lists every record then, without a word: read as the filtered list.
        for url, params in (
            (CHANGELIST, {"choice__exact": "accept"}),
            (CHANGELIST, {"group": "analytics:maybe"}),
            (ACCESS_LOG, {"action__exact": "opened"}),
            (VERSION_CHANGELIST, {"choice__exact": "accepted"}),
        ):
            with self.subTest(url=url, params=params):
                response = self.client.get(
                    url, params, follow=True, headers={"accept-language": "en"}
                )
                self.assertEqual(response.redirect_chain, [(f"{url}?e=1", 302)])
                self.assertEqual(
                    [str(message) for message in response.context["messages"]],
                    ["A filter had a value the list does not offer: the whole list is shown."],
                )
        response = self.client.get(CHANGELIST, headers={"accept-language": "en"})
        self.assertEqual(list(response.context["messages"]), [])

    def test_a_flag_typed_beside_filters_is_dropped_rather_than_shown_as_a_database_error(self):
        # "?e=1" is the address the list sends an unreadable filter to. Typed beside a wrong
        # filter it gave Django's "Database error" page (with a 200), beside good ones a list
        # said to be whole while it was filtered.
        for url, bad, good in (
            (CHANGELIST, {"choice__exact": "accept"}, {"choice__exact": "withdrawn"}),
            (ACCESS_LOG, {"action__exact": "opened"}, {"action__exact": "viewed-record"}),
            (VERSION_CHANGELIST, {"digest__nonsense": "x"}, {"q": "bbbbbbbb"}),
        ):
            with self.subTest(url=url):
                response = self.client.get(
                    url, {"e": "1", **bad}, follow=True, headers={"accept-language": "en"}
                )
                self.assertEqual(response.status_code, 200)
                self.assertEqual(response.redirect_chain[-1], (f"{url}?e=1", 302))
                self.assertEqual(
                    [str(message) for message in response.context["messages"]],
                    ["A filter had a value the list does not offer: the whole list is shown."],
                )
                response = self.client.get(url, {**good, "e": "1"})
                query = "&".join(f"{key}={value}" for key, value in good.items())
                self.assertRedirects(response, f"{url}?{query}", fetch_redirect_response=False)
        response = self.client.get(
            CHANGELIST, {"e": "1", "choice__exact": "withdrawn"}, follow=True
        )
        self.assertEqual(listed(response), {self.withdrawn.consent_id})
        self.assertEqual(list(response.context["messages"]), [])

    def test_a_page_past_the_last_shows_the_last_page_of_the_same_list(self):
        # Django sends such an address to "?e=1", the whole list, saying a filter was wrong:
        # a search from an old link, its records pruned since, was dropped without a word.
        record_admin = admin.site.get_model_admin(ConsentRecord)
        with mock.patch.object(record_admin, "list_per_page", 2):
            response = self.client.get(
                CHANGELIST, {"language": "sv", "p": "9"}, headers={"accept-language": "en"}
            )
            self.assertEqual(response.status_code, 200)
            self.assertEqual(listed(response), {self.january.consent_id})
            self.assertEqual(response.context["cl"].page_num, 2)
            self.assertEqual(list(response.context["messages"]), [])
            response = self.client.get(CHANGELIST, {"language": "sv", "p": "0"})
            self.assertEqual(listed(response), {self.gpc.consent_id, self.withdrawn.consent_id})

    def test_an_export_whose_filters_the_list_cannot_read_is_refused_in_plain_text(self):
        # The list sends such an address back to itself with ?e=1; a download link would
        # save that page. A stale ?e=1 from there changes nothing.
        for params in [
            {"group": "analytics__isnull:accepted"},
            {"e": "1", "group": "analytics__isnull:accepted"},
            {"e": "1", "language": "xx"},
        ]:
            with self.subTest(params=params):
                response = self.client.get(EXPORT, params, headers={"accept-language": "en"})
                self.assertEqual(response.status_code, 400)
                self.assertEqual(response["Content-Type"], "text/plain; charset=utf-8")
                self.assertIn("Nothing was exported", response.content.decode())
        self.assertFalse(AccessLogEntry.objects.exists())
        # A stale ?e=1 alone is no filter: the export holds the whole list.
        response = self.client.get(EXPORT, {"e": "1"})
        self.assertEqual(len(csv_rows(response)) - 1, ConsentRecord.objects.count())

    def test_source_filter_narrows_the_list(self):
        self.assertListed({"source__exact": "gpc"}, [self.gpc])

    def test_banner_version_filter_narrows_the_list(self):
        self.assertListed({"banner_version__id__exact": self.old_version.pk}, [self.january])

    def test_a_version_filter_is_applied_while_there_is_one_version_to_offer(self):
        # With one version Django hides the filter, and dropped its value with it: the list
        # and the export held every record for a version that does not exist.
        self.declined.delete()
        self.withdrawn.delete()
        self.gpc.delete()
        missing = self.new_version.pk
        self.new_version.delete()
        self.assertListed({"banner_version__id__exact": self.old_version.pk}, [self.january])
        self.assertListed({"banner_version__id__exact": missing}, [])
        self.assertListed({"banner_version__isnull": "True"}, [])
        response = self.client.get(EXPORT, {"banner_version__id__exact": missing})
        self.assertEqual(len(csv_rows(response)), 1)  # the header alone
        response = self.client.get(CHANGELIST, {"banner_version__id__exact": "x"})
        self.assertRedirects(response, f"{CHANGELIST}?e=1", fetch_redirect_response=False)
        response = self.client.get(EXPORT, {"banner_version__id__exact": "x"})
        self.assertEqual(response.status_code, 400)

    def test_language_filter_narrows_the_list(self):
        self.assertListed({"language": "en"}, [self.declined])

    def test_search_finds_a_record_by_its_whole_consent_id(self):
        consent_id = self.declined.consent_id
        self.assertListed({"q": str(consent_id)}, [self.declined])
        self.assertListed({"q": consent_id.hex.upper()}, [self.declined])

    def test_search_finds_a_record_by_the_beginning_of_its_consent_id(self):
        consent_id = self.gpc.consent_id
        self.assertListed({"q": str(consent_id)[:8]}, [self.gpc])
        self.assertListed({"q": str(consent_id)[:14]}, [self.gpc])
        self.assertListed({"q": consent_id.hex[:13]}, [self.gpc])

    def test_search_by_consent_id_also_finds_the_record_that_followed_it(self):
        self.assertListed({"q": str(self.january.consent_id)}, [self.january, self.withdrawn])

    def test_search_for_something_that_is_no_consent_id_finds_nothing(self):
        self.assertListed({"q": "hello"}, [])
        self.assertListed({"q": str(uuid.uuid4())}, [])

    def test_records_survive_the_deletion_of_their_cookie_group(self):
        CookieGroup.objects.get(varname="analytics").delete()
        self.assertEqual(ConsentRecord.objects.count(), 4)
        self.january.refresh_from_db()
        self.assertEqual(self.january.groups, {"analytics": True})
        self.assertListed({}, [self.january, self.declined, self.withdrawn, self.gpc])


class FacetTests(TestCase):
    """The filters' counts ("Show counts"): Django's numbers, from one query for them all."""

    # The records of ListFilterTests.
    setUpTestData = classmethod(ListFilterTests.setUpTestData.__func__)

    def setUp(self):
        self.client.force_login(self.officer)

    def filter_links(self, params, *, counted=True):
        facets = {"_facets": "True"} if counted else {}
        response = self.client.get(
            CHANGELIST, {**params, **facets}, headers={"accept-language": "en"}
        )
        self.assertEqual(response.status_code, 200)
        filters = response.content.decode().partition('id="changelist-filter"')[2]
        return re.findall(r'<a href="\?[^"]*"[^>]*>([^<]*)</a>', filters)

    def djangos_filter_links(self, params):
        # Each filter counted in queries of its own, as Django counts them.
        with (
            mock.patch.object(SharedFacetsMixin, "get_facet_queryset", djangos_facets),
            mock.patch.object(
                OfferedValuesFilter, "get_facet_counts", admin.SimpleListFilter.get_facet_counts
            ),
        ):
            return self.filter_links(params)

    def test_each_choice_is_counted_as_django_counts_it(self):
        for params in [
            {},
            {"choice__exact": "declined"},
            {"language": "en", "group": "analytics:declined"},
            {"q": "2025-03-06"},
        ]:
            with self.subTest(params=params):
                self.assertEqual(self.filter_links(params), self.djangos_filter_links(params))
        links = self.filter_links({"choice__exact": "declined"})
        for counted in ["Declined (2)", "Withdrawn (1)", "Analytics: declined (2)", "English (1)"]:
            self.assertIn(counted, links)

    def test_the_counts_of_the_filters_not_in_use_take_one_query(self):
        def queries(params, counted=True):
            with CaptureQueriesContext(connection) as captured:
                self.filter_links(params, counted=counted)
            return len(captured)

        listed = queries({}, counted=False)
        # Counted with the list's own count: the list's queries and one.
        self.assertEqual(queries({}), listed + 1)
        # A filter in use is counted without its own choice: a query more for each.
        self.assertEqual(queries({"choice__exact": "declined", "language": "en"}), listed + 3)

    def test_the_access_logs_counts_take_one_query(self):
        AccessLogEntry.objects.create(username="ada", action=Action.VIEWED_RECORD)
        AccessLogEntry.objects.create(username="bo", action=Action.EXPORTED_RECORDS)

        def queries(params):
            with CaptureQueriesContext(connection) as captured:
                response = self.client.get(ACCESS_LOG, params, headers={"accept-language": "en"})
            self.assertEqual(response.status_code, 200)
            return len(captured), response

        listed, _response = queries({})
        counted, response = queries({"_facets": "True"})
        self.assertEqual(counted, listed + 1)
        self.assertContains(response, "Exported consent records (1)")


def djangos_facets(spec, changelist):
    return FacetsMixin.get_facet_queryset(spec, changelist)


class ConsentIdSearchTests(TestCase):
    """A visitor reads out the ID from the settings page; officers paste it, or its beginning."""

    @classmethod
    def setUpTestData(cls):
        cls.officer = make_privacy_officer()
        version = make_version("a")
        cls.asked = make_record(
            version=version, consent_id=uuid.UUID("4d96d20f-21bc-481b-81a0-0a975a3caf85")
        )
        cls.followed = make_record(
            version=version,
            choice=Choice.WITHDRAWN,
            previous_consent_id=cls.asked.consent_id,
            consent_id=uuid.UUID("b3a1c2d4-0000-4000-8000-000000000001"),
        )
        # Holds the asked ID's beginning, but further in.
        cls.lookalike = make_record(
            version=version, consent_id=uuid.UUID("0a1b2c3d-4d96-d20f-81a0-0a975a3caf85")
        )

    def setUp(self):
        self.client.force_login(self.officer)

    def search(self, term):
        response = self.client.get(CHANGELIST, {"q": term})
        self.assertEqual(response.status_code, 200)
        return response

    def test_a_pasted_id_or_its_beginning_finds_its_records_in_any_case_and_spacing(self):
        expected = {self.asked.consent_id, self.followed.consent_id}
        for term in (
            f"  {str(self.asked.consent_id).upper()} ",
            f"\t{self.asked.consent_id.hex.upper()}\n",
            " 4D96D20F ",
            "4d96d20f-21",
            " 4D96 ",
        ):
            with self.subTest(term=term):
                self.assertEqual(listed(self.search(term)), expected)

    def test_the_search_box_tells_the_officer_that_searches_are_logged(self):
        response = self.client.get(CHANGELIST, headers={"accept-language": "en"})
        help_text = (
            '<div class="help" id="searchbar_helptext">A consent ID or previous consent ID, '
            "whole or its beginning; a day (2026-11-01); or a banner version's digest, whole "
            "or its beginning of 8 characters or more. Your searches are logged in the access "
            "log, with your name and the term.</div>"
        )
        self.assertContains(response, help_text, html=True)
        self.assertContains(response, 'aria-describedby="searchbar_helptext"')

    def test_the_search_box_is_named_in_the_officers_language(self):
        # Beside the magnifier, in text (axe counts a picture's alt as no label).
        for language, name in [("sv", "Sök"), ("en", "Search")]:
            with self.subTest(language=language):
                response = self.client.get(CHANGELIST, headers={"accept-language": language})
                label = (
                    f'<label for="searchbar"><img src="{static("admin/img/search.svg")}" alt="">'
                    f'<span class="visually-hidden">{name}</span></label>'
                )
                self.assertContains(response, label, html=True)

    def test_an_id_is_not_found_by_a_part_from_its_middle(self):
        self.assertEqual(listed(self.search("21bc-481b")), set())
        self.assertEqual(listed(self.search("0A1B2C3D")), {self.lookalike.consent_id})

    def test_the_search_reads_the_consent_id_indexes_rather_than_every_record(self):
        if connection.vendor == "postgresql":
            # With a few rows a full scan is cheapest; forbid it to see whether an index can serve.
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL enable_seqscan = off")
        for term in (" 4D96D20F ", str(self.asked.consent_id).upper()):
            with self.subTest(term=term):
                plan = self.search(term).context["cl"].queryset.explain()
                self.assertLessEqual({"consent_id", "previous_consent_id"}, index_conditions(plan))
                self.assertNotRegex(plan, r"(Seq Scan on|SCAN) consent_consentrecord\b")


class DayAndVersionSearchTests(TestCase):
    """Officers type a day as the lists give it, or a version's digest as its label gives it."""

    @classmethod
    def setUpTestData(cls):
        cls.officer = make_privacy_officer()
        cls.version = make_version("a")
        cls.other = BannerVersion.objects.create(digest="c0ffee00" + "1" * 56, texts={})
        cls.day_records = [
            # 1 November in Stockholm, from its first minute to its last.
            make_record(version=cls.version, at=datetime(2026, 11, 1, 0, 0, tzinfo=STOCKHOLM)),
            make_record(version=cls.other, at=datetime(2026, 11, 1, 23, 59, tzinfo=STOCKHOLM)),
        ]
        cls.before = make_record(
            version=cls.version, at=datetime(2026, 10, 31, 23, 59, tzinfo=STOCKHOLM)
        )
        cls.after = make_record(version=cls.other, at=datetime(2026, 11, 2, 0, 0, tzinfo=STOCKHOLM))

    def setUp(self):
        self.client.force_login(self.officer)

    def search(self, term):
        response = self.client.get(CHANGELIST, {"q": term})
        self.assertEqual(response.status_code, 200)
        return response

    def test_a_day_finds_the_records_of_that_local_day(self):
        expected = {record.consent_id for record in self.day_records}
        for term in ("2026-11-01", " 2026-11-01\t"):
            with self.subTest(term=term):
                self.assertEqual(listed(self.search(term)), expected)

    def test_a_day_that_does_not_exist_finds_nothing(self):
        for term in ("2026-02-30", "2026-13-01", "0000-01-01"):
            with self.subTest(term=term):
                self.assertEqual(listed(self.search(term)), set())

    def test_the_calendars_first_and_last_days_are_searched_without_an_error(self):
        for term in ("0001-01-01", "9999-12-31"):
            with self.subTest(term=term):
                self.assertEqual(listed(self.search(term)), set())

    def test_a_digest_or_its_beginning_or_a_versions_label_finds_the_versions_records(self):
        expected = {self.day_records[1].consent_id, self.after.consent_id}
        for term in (
            "c0ffee00",
            " C0FFEE001111 ",
            self.other.digest,
            self.other.label,
            self.other.label.upper(),
        ):
            with self.subTest(term=term):
                self.assertEqual(listed(self.search(term)), expected)

    def test_a_digests_beginning_shorter_than_a_label_gives_it_finds_ids_only(self):
        self.assertEqual(listed(self.search("c0ffee0")), set())

    def test_a_versions_search_still_finds_the_ids_that_begin_so(self):
        record = make_record(
            version=self.version, consent_id=uuid.UUID("c0ffee00-0000-4000-8000-000000000001")
        )
        self.assertEqual(
            listed(self.search("c0ffee00")),
            {self.day_records[1].consent_id, self.after.consent_id, record.consent_id},
        )

    def test_a_day_or_digest_search_takes_the_queries_of_an_id_search(self):
        # Logged once, as any search (see QueryCountTests): the list's eleven and two, and
        # for a term that may begin a digest, the versions it begins (looked up before the
        # records, so that PostgreSQL reads the records through their indexes).
        for term, queries in [
            ("2026-11-01", 13),
            ("4d96d2", 13),
            ("c0ffee00", 14),
            (self.other.label, 14),
            ("4d96d20f", 14),
        ]:
            with self.subTest(term=term), self.assertNumQueries(queries):
                self.search(term)

    def test_day_and_digest_searches_read_indexes_rather_than_every_record(self):
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL enable_seqscan = off")
        for term, column in [("2026-11-01", "created_at"), ("c0ffee00", "banner_version_id")]:
            with self.subTest(term=term):
                plan = self.search(term).context["cl"].queryset.explain()
                self.assertIn(column, index_conditions(plan))
                self.assertNotRegex(
                    plan, r"(Seq Scan on|SCAN) consent_(consentrecord|bannerversion)\b"
                )


def index_conditions(plan):
    """The columns a query plan looks up through an index (SQLite or PostgreSQL)."""
    if connection.vendor == "sqlite":
        pattern = r"SEARCH consent_consentrecord USING (?:COVERING )?INDEX \S+ \((\w+)"
    else:
        pattern = r"Index Cond: \(+(\w+)"
    return set(re.findall(pattern, plan))


class DateHierarchyTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.officer = make_privacy_officer()
        version = make_version("a")
        cls.first = make_record(version=version, at=datetime(2024, 11, 10, 12, tzinfo=STOCKHOLM))
        cls.march = make_record(version=version, at=datetime(2026, 3, 5, 12, tzinfo=STOCKHOLM))
        cls.last = make_record(version=version, at=datetime(2026, 3, 7, 12, tzinfo=STOCKHOLM))

    def setUp(self):
        self.client.force_login(self.officer)

    def assertOffers(self, params, links):
        response = self.client.get(CHANGELIST, params)
        self.assertEqual(response.status_code, 200)
        for query, title in links:
            self.assertContains(response, f'<a href="?{query}">{title}</a>', html=True)
        return response

    def test_offers_every_year_from_the_first_record_to_the_last(self):
        self.assertOffers(
            {},
            [
                ("created_at__year=2024", "2024"),
                ("created_at__year=2025", "2025"),
                ("created_at__year=2026", "2026"),
            ],
        )

    def test_offers_the_months_of_a_year_up_to_the_last_record(self):
        response = self.assertOffers(
            {"created_at__year": "2026"},
            [
                ("created_at__month=1&created_at__year=2026", "Januari 2026"),
                ("created_at__month=2&created_at__year=2026", "Februari 2026"),
                ("created_at__month=3&created_at__year=2026", "Mars 2026"),
            ],
        )
        self.assertNotContains(response, "created_at__month=4&amp;")
        self.assertEqual(listed(response), {self.march.consent_id, self.last.consent_id})

    def test_offers_the_days_of_a_month_from_the_first_record_on(self):
        response = self.assertOffers(
            {"created_at__year": "2024", "created_at__month": "11"},
            [
                ("created_at__day=10&created_at__month=11&created_at__year=2024", "10 november"),
                ("created_at__day=30&created_at__month=11&created_at__year=2024", "30 november"),
            ],
        )
        self.assertNotContains(response, "created_at__day=9&amp;")
        self.assertNotContains(response, "created_at__day=31&amp;")
        response = self.client.get(
            CHANGELIST,
            {"created_at__year": "2024", "created_at__month": "11", "created_at__day": "10"},
        )
        self.assertContains(
            response,
            '<a href="?created_at__month=11&created_at__year=2024" class="date-back">'
            "&lsaquo; November 2024</a>",
            html=True,
        )
        self.assertEqual(listed(response), {self.first.consent_id})

    def test_the_periods_take_two_lookups_rather_than_a_distinct_over_every_record(self):
        for params in [{}, {"created_at__year": "2026"}, {"created_at__year": "2025"}]:
            with self.subTest(params=params), CaptureQueriesContext(connection) as queries:
                self.client.get(CHANGELIST, params)
            record_queries = [q["sql"] for q in queries if "consent_consentrecord" in q["sql"]]
            self.assertFalse([sql for sql in record_queries if "DISTINCT" in sql])
            # The first and the last record, the count, the page and the chart.
            self.assertEqual(len(record_queries), 5)


class ExportTestCase(TestCase):
    """Four records of two days, and a privacy officer signed in."""

    @classmethod
    def setUpTestData(cls):
        cls.officer = make_privacy_officer()
        cls.version = make_version("a")
        cls.accepted = [
            make_record(version=cls.version, at=datetime(2025, 5, 1, 8, n, tzinfo=STOCKHOLM))
            for n in range(3)
        ]
        cls.declined = make_record(
            version=cls.version,
            choice=Choice.DECLINED,
            source=Source.GPC,
            language="en",
            previous_consent_id=cls.accepted[0].consent_id,
            at=datetime(2025, 5, 2, 9, 30, tzinfo=STOCKHOLM),
        )

    def setUp(self):
        self.client.force_login(self.officer)


class ExportTests(ExportTestCase):
    @time_machine.travel(datetime(2025, 6, 15, 12, tzinfo=STOCKHOLM), tick=False)
    def test_a_head_request_answers_the_files_headers_and_logs_no_export(self):
        # A link checker or a download manager asks for the headers: nothing is read.
        for url, name in (
            (EXPORT, "consent-records"),
            (VERSION_EXPORT, "banner-versions"),
            (ACCESS_LOG_EXPORT, "access-log"),
        ):
            with self.subTest(url=url):
                response = self.client.head(url, {"q": "a"})
                self.assertEqual(response.status_code, 200)
                self.assertEqual(response["Content-Type"], "text/csv; charset=utf-8")
                self.assertEqual(
                    response["Content-Disposition"],
                    f'attachment; filename="{name}-2025-06-15-filtered.csv"',
                )
                self.assertEqual(response.content, b"")
                self.assertFalse(AccessLogEntry.objects.exists())
        # The file itself is logged, as ever.
        b"".join(self.client.get(EXPORT, {"q": "a"}).streaming_content)
        self.assertEqual(
            list(AccessLogEntry.objects.values_list("action", "query")),
            [(Action.EXPORTED_RECORDS, "q=a")],
        )

    def test_a_head_request_with_filters_the_list_cannot_read_is_refused_as_a_get_is(self):
        for params in ({"created_at__from": "2026-13-45"}, {"language": "xx"}):
            with self.subTest(params=params):
                response = self.client.head(EXPORT, params)
                self.assertEqual(response.status_code, 400)
                self.assertEqual(response["Content-Type"], "text/plain; charset=utf-8")
        self.assertFalse(AccessLogEntry.objects.exists())

    def test_a_long_ordering_is_read_as_the_columns_it_names_once_each(self):
        # Django's list orders by its columns only: each named once, in the order first named.
        # A part naming no column it orders by (out of range, "x", "Analytics") orders nothing.
        ordering = ".".join(["1", "-1", "99", "x", "3", "", "-0", "0"] * 170)
        self.assertGreater(len(ordering.split(".")), 1300)
        response = self.client.get(CHANGELIST, {"o": ordering})
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.context["cl"].params["o"], "1.-0")
        self.assertContains(response, 'href="/admin/consent/consentrecord/export/?o=1.-0"')
        export = self.client.get(EXPORT, {"o": ordering, "choice__exact": "accepted"})
        self.assertEqual(export.status_code, 200)
        rows = csv_rows(export)[1:]
        self.assertEqual([row[0] for row in rows], sorted(row[0] for row in rows))
        self.assertEqual(
            list(AccessLogEntry.objects.values_list("query", flat=True)),
            ["choice__exact=accepted&o=1.-0"],
        )
        for url, shown in ((VERSION_CHANGELIST, "-2.-2"), (ACCESS_LOG, "0.0.9.0")):
            with self.subTest(url=url):
                response = self.client.get(url, {"o": shown})
                self.assertEqual(response.status_code, 200)
                self.assertEqual(response.context["cl"].params["o"], shown.split(".")[0])

    def test_an_ordering_naming_no_column_is_the_lists_own_order(self):
        for ordering in ("99", "9" * 5000, "x.-y", "..."):
            with self.subTest(ordering=ordering[:10]):
                export = self.client.get(EXPORT, {"o": ordering})
                self.assertEqual(export.status_code, 200)
                b"".join(export.streaming_content)
                self.assertEqual(AccessLogEntry.objects.latest("pk").query, "")

    def test_an_export_is_read_with_get_only(self):
        for url in (EXPORT, VERSION_EXPORT, ACCESS_LOG_EXPORT):
            with self.subTest(url=url):
                response = self.client.post(url)
                self.assertEqual(response.status_code, 405)
                self.assertEqual(response["Allow"], "GET, HEAD")
        self.assertFalse(AccessLogEntry.objects.exists())

    @time_machine.travel(datetime(2025, 6, 15, 12, tzinfo=STOCKHOLM), tick=False)
    def test_export_streams_a_dated_csv_attachment_with_a_header(self):
        response = self.client.get(EXPORT)
        self.assertIsInstance(response, StreamingHttpResponse)
        self.assertEqual(response["Content-Type"], "text/csv; charset=utf-8")
        self.assertEqual(
            response["Content-Disposition"],
            'attachment; filename="consent-records-2025-06-15.csv"',
        )
        header, *rows = csv_rows(response)
        self.assertEqual(
            header,
            [
                "consent_id",
                "previous_consent_id",
                "created_at",
                "created_at_Europe/Stockholm",
                "choice",
                "choice_label",
                "group:analytics",
                "source",
                "source_label",
                "language",
                "banner_version",
                "groups",
            ],
        )
        self.assertEqual(len(rows), 4)
        self.assertEqual(
            rows[0],
            [
                str(self.declined.consent_id),
                str(self.accepted[0].consent_id),
                "2025-05-02T07:30:00Z",
                # Stockholm's summer time, as Excel reads a date and time: the header names
                # the zone, which a file handed on says nowhere else.
                "2025-05-02 09:30:00",
                "declined",
                "Avböjt",
                "false",
                "gpc",
                "Global Privacy Control",
                "en",
                "a" * 64,
                '{"analytics":false}',
            ],
        )

    def test_each_choice_and_source_is_named_beside_its_code_in_the_officers_language(self):
        for language, declined, gpc in [
            ("sv", "Avböjt", "Global Privacy Control"),
            ("en", "Declined", "Global Privacy Control"),
        ]:
            with self.subTest(language=language):
                response = self.client.get(EXPORT, headers={"accept-language": language})
                # Named when the export was asked for, whatever language is active as it is sent.
                with translation.override("sv" if language == "en" else "en"):
                    header, *rows = csv_rows(response)
                row = dict(zip(header, rows[0], strict=True))
                self.assertEqual((row["choice"], row["choice_label"]), ("declined", declined))
                self.assertEqual((row["source"], row["source_label"]), ("gpc", gpc))
                labels = {(r[4], r[5]) for r in rows[1:]}
                self.assertEqual(
                    labels, {("accepted", "Accepterat" if language == "sv" else "Accepted")}
                )

    @time_machine.travel(datetime(2025, 6, 15, 12, tzinfo=STOCKHOLM), tick=False)
    def test_the_file_name_says_which_days_the_list_is_narrowed_to_and_whether_filtered(self):
        for params, name in [
            ({}, "consent-records-2025-06-15.csv"),
            # Order, an empty search, page or the filters' counts shown are not filters.
            ({"o": "-1", "q": " ", "p": "2"}, "consent-records-2025-06-15.csv"),
            ({"_facets": "True"}, "consent-records-2025-06-15.csv"),
            ({"choice__exact": "accepted"}, "consent-records-2025-06-15-filtered.csv"),
            ({"q": "4d96"}, "consent-records-2025-06-15-filtered.csv"),
            # Nothing of what the address holds: no header broken, nothing but ASCII.
            ({"q": '"\r\nSet-Cookie: x=1; Å.csv'}, "consent-records-2025-06-15-filtered.csv"),
            (
                {"created_at__from": "2025-05-01", "created_at__to": "2025-05-31"},
                "consent-records-2025-06-15-days-2025-05-01-to-2025-05-31.csv",
            ),
            (
                {"created_at__from": "2025-05-02", "created_at__to": "2025-05-02"},
                "consent-records-2025-06-15-day-2025-05-02.csv",
            ),
            (
                {"created_at__from": "2025-05-01"},
                "consent-records-2025-06-15-days-from-2025-05-01.csv",
            ),
            ({"created_at__to": "0001-01-01"}, "consent-records-2025-06-15-days-to-0001-01-01.csv"),
            (
                {"created_at__year": "2025", "created_at__month": "5", "source__exact": "gpc"},
                "consent-records-2025-06-15-month-2025-05-filtered.csv",
            ),
            (
                {"created_at__year": "2025", "created_at__month": "5", "created_at__day": "2"},
                "consent-records-2025-06-15-day-2025-05-02.csv",
            ),
            ({"created_at__year": "2025"}, "consent-records-2025-06-15-year-2025.csv"),
        ]:
            with self.subTest(params=params):
                response = self.client.get(EXPORT, params)
                self.assertEqual(response.status_code, 200)
                self.assertEqual(response["Content-Disposition"], f'attachment; filename="{name}"')

    def test_export_opens_in_columns_in_swedish_excel(self):
        # Excel reads a CSV file it opens with the list separator of the computer's region,
        # a semicolon in Sweden, and as UTF-8 only after a byte order mark.
        content = b"".join(self.client.get(EXPORT).streaming_content)
        self.assertTrue(content.startswith(b"\xef\xbb\xbfconsent_id;previous_consent_id;"))
        self.assertIn(b";accepted;Accepterat;true;banner-js;Banner (med JavaScript);sv;", content)

    def test_export_holds_the_rows_of_the_filtered_list(self):
        params = {"choice__exact": "accepted"}
        listed_ids = listed(self.client.get(CHANGELIST, params))
        _header, *rows = csv_rows(self.client.get(EXPORT, params))
        self.assertEqual({uuid.UUID(row[0]) for row in rows}, listed_ids)
        self.assertEqual({row[4] for row in rows}, {"accepted"})
        self.assertEqual(len(rows), 3)

    def test_export_holds_the_rows_of_the_searched_list(self):
        _header, *rows = csv_rows(self.client.get(EXPORT, {"q": str(self.declined.consent_id)}))
        self.assertEqual([row[0] for row in rows], [str(self.declined.consent_id)])

    def test_a_long_export_holds_every_row_once_in_order_in_few_chunks(self):
        later = []
        for hour in (10, 11, 12):
            with time_machine.travel(datetime(2025, 5, 3, hour, tzinfo=STOCKHOLM), tick=False):
                batch = ConsentRecord.objects.bulk_create(
                    ConsentRecord(
                        choice=Choice.DECLINED,
                        groups={"analytics": False},
                        banner_version=self.version,
                        language="sv",
                        source=Source.SETTINGS,
                    )
                    for _n in range(900)
                )
            later = [*reversed(batch), *later]
        response = self.client.get(EXPORT)
        chunks = list(response.streaming_content)
        # The header, then a thousand rows at a time, rather than one row at a time.
        self.assertEqual(len(chunks), 4)
        header, *rows = read_csv(b"".join(chunks).decode())
        self.assertEqual(header[0], "consent_id")
        self.assertNotIn(header, rows)
        expected = [*later, self.declined, *reversed(self.accepted)]
        self.assertEqual([row[0] for row in rows], [str(r.consent_id) for r in expected])
        self.assertEqual(rows[0][2], "2025-05-03T10:00:00Z")
        self.assertEqual(rows[-1][2], "2025-05-01T06:00:00Z")

    def test_the_export_link_carries_the_current_filters_but_not_the_page(self):
        response = self.client.get(CHANGELIST, {"choice__exact": "accepted", "p": "1"})
        self.assertEqual(response.context["export_url"], f"{EXPORT}?choice__exact=accepted")
        self.assertContains(response, f'href="{EXPORT}?choice__exact=accepted"')


class BannerVersionExportTests(TestCase):
    """The texts behind the record export's digests, in a file of the same conventions."""

    @classmethod
    def setUpTestData(cls):
        cls.officer = make_privacy_officer()
        cls.current = banner_version_for(current_digest())
        cls.old = make_version("b", sv={"title": "Rubrik", "retired": "Äldre text"})
        BannerVersion.objects.filter(pk=cls.old.pk).update(
            created_at=datetime(2025, 1, 10, 12, tzinfo=STOCKHOLM)
        )

    def setUp(self):
        self.client.force_login(self.officer)

    def export(self, params=None):
        response = self.client.get(VERSION_EXPORT, params)
        self.assertEqual(response.status_code, 200)
        self.assertIsInstance(response, StreamingHttpResponse)
        return csv_rows(response)

    @time_machine.travel(datetime(2025, 6, 15, 12, tzinfo=STOCKHOLM), tick=False)
    def test_the_version_list_links_a_dated_csv_export(self):
        response = self.client.get(VERSION_CHANGELIST, {"q": "bbbbbbbb"})
        # No download attribute: the response says it is a file, and a refusal is read.
        self.assertContains(response, f'<a href="{VERSION_EXPORT}?q=bbbbbbbb">')
        export = self.client.get(VERSION_EXPORT)
        self.assertEqual(export["Content-Type"], "text/csv; charset=utf-8")
        self.assertEqual(
            export["Content-Disposition"], 'attachment; filename="banner-versions-2025-06-15.csv"'
        )
        content = b"".join(export.streaming_content)
        self.assertTrue(
            content.startswith(b"\xef\xbb\xbfdigest;created_at;created_at_Europe/Stockholm;")
        )

    def test_the_version_list_finds_a_version_by_its_label_or_its_digests_beginning(self):
        for term in (self.old.label, f" {self.old.label.upper()} ", "BBBBBBBB", "b" * 64):
            with self.subTest(term=term):
                response = self.client.get(VERSION_CHANGELIST, {"q": term})
                self.assertEqual(list(response.context["cl"].result_list), [self.old])
        response = self.client.get(VERSION_CHANGELIST, headers={"accept-language": "en"})
        self.assertContains(response, "as the lists name it: 2026-11-01 (4d96d20f).")

    def test_the_version_list_and_the_record_list_take_a_digests_beginning_of_equal_length(self):
        record = make_record(version=self.old)
        for term, found in (("b" * 7, False), ("B" * 7, False), ("b" * 8, True), ("b" * 9, True)):
            with self.subTest(term=term):
                versions = self.client.get(VERSION_CHANGELIST, {"q": term}).context["cl"]
                records = self.client.get(CHANGELIST, {"q": term}).context["cl"]
                self.assertEqual(list(versions.result_list), [self.old] if found else [])
                self.assertEqual(list(records.result_list), [record] if found else [])
        for url in (VERSION_CHANGELIST, CHANGELIST):
            with self.subTest(url=url):
                help_text = self.client.get(url).context["cl"].search_help_text
                with translation.override("en"):
                    self.assertIn("its beginning of 8 characters or more", str(help_text))

    def test_the_export_holds_every_text_of_every_version_whole(self):
        header, *rows = self.export()
        self.assertEqual(
            header,
            ["digest", "created_at", "created_at_Europe/Stockholm", "language", "key", "text"],
        )
        texts = {}
        for digest, _utc, _local, language, key, text in rows:
            texts.setdefault(digest, {}).setdefault(language, {})[key] = text
        current = self.current.texts
        for language in ("sv", "en"):
            exported = texts[self.current.digest][language]
            self.assertEqual(
                json.loads(exported.pop("cookie_table")), current[language]["cookie_table"]
            )
            self.assertEqual(
                exported, {k: v for k, v in current[language].items() if k != "cookie_table"}
            )
        # Whole, the cookie table too, read as it is in the file, not just as parsed above.
        exported_rows = {(row[0], row[3], row[4]): row[5] for row in rows}
        self.assertIn(
            '"name":"nr_analytics"', exported_rows[self.current.digest, "sv", "cookie_table"]
        )
        self.assertIn("<h2>", exported_rows[self.current.digest, "en", "policy_page"])
        self.assertEqual(texts["b" * 64], {"sv": {"title": "Rubrik", "retired": "Äldre text"}})

    def test_rows_follow_the_banner_and_each_time_is_given_in_utc_and_stockholm(self):
        _header, *rows = self.export({"q": "b" * 8})
        self.assertEqual(
            rows,
            [
                ["b" * 64, "2025-01-10T11:00:00Z", "2025-01-10 12:00:00", "sv", "title", "Rubrik"],
                [
                    "b" * 64,
                    "2025-01-10T11:00:00Z",
                    "2025-01-10 12:00:00",
                    "sv",
                    "retired",
                    "Äldre text",
                ],
            ],
        )
        _header, *rows = self.export()
        current = [row for row in rows if row[0] == self.current.digest]
        self.assertEqual([row[3] for row in current][:1], ["sv"])
        self.assertEqual([row[4] for row in current][:3], ["title", "text", "policy"])
        self.assertEqual(
            [row[4] for row in current if row[3] == "sv"][-2:], ["policy_page", "cookie_table"]
        )

    def test_an_export_whose_filters_cannot_be_read_is_refused_in_plain_text(self):
        response = self.client.get(VERSION_EXPORT, {"digest__nonsense": "x"})
        self.assertEqual(response.status_code, 400)
        self.assertEqual(response["Content-Type"], "text/plain; charset=utf-8")
        self.assertFalse(AccessLogEntry.objects.exists())

    def test_the_export_is_for_those_who_may_view_versions_and_changes_nothing(self):
        self.client.force_login(make_editor())
        self.assertEqual(self.client.get(VERSION_EXPORT).status_code, 403)
        self.client.force_login(make_superuser())
        self.client.post(VERSION_EXPORT)
        self.assertEqual(BannerVersion.objects.count(), 2)
        self.assertEqual(self.client.get(VERSION_CHANGELIST).context["has_add_permission"], False)

    def test_the_export_takes_the_same_queries_for_two_versions_as_for_six(self):
        def queries():
            with CaptureQueriesContext(connection) as captured:
                b"".join(self.client.get(VERSION_EXPORT).streaming_content)
            return len(captured)

        two = queries()
        for letter in "cdef":
            make_version(letter)
        self.assertEqual(queries(), two)


class AccessLogExportTests(TestCase):
    """Who read which records, in a file of the record export's conventions."""

    @classmethod
    def setUpTestData(cls):
        cls.officer = make_privacy_officer()
        cls.asked = uuid.UUID("0123abcd-0000-4000-8000-000000000001")
        cls.others = [uuid.UUID("0123abcd-0000-4000-8000-000000000002"), uuid.uuid4()]
        cls.opened = cls.entry(
            datetime(2025, 5, 2, 9, 30, 5, tzinfo=STOCKHOLM),
            username="ada",
            action=Action.VIEWED_RECORD,
            consent_id=cls.asked,
            other_consent_ids=[str(other) for other in cls.others],
        )
        cls.searched = cls.entry(
            datetime(2025, 5, 1, 8, tzinfo=STOCKHOLM),
            username="bo",
            action=Action.SEARCHED_RECORDS,
            count=10_000,
            count_exceeded=True,
            query="q=0123abcd+%7Bx%7D&choice__exact=accepted",
        )
        cls.command = cls.entry(
            datetime(2025, 1, 10, 12, tzinfo=STOCKHOLM),
            username="",
            action=Action.EXPORTED_RECORDS,
            count=2,
            query="manage.py consent_export --since 2025-01-01",
        )

    @staticmethod
    def entry(at, **fields):
        entry = AccessLogEntry.objects.create(**fields)
        AccessLogEntry.objects.filter(pk=entry.pk).update(created_at=at)
        entry.refresh_from_db()
        return entry

    def setUp(self):
        self.client.force_login(self.officer)

    def export(self, params=None):
        response = self.client.get(ACCESS_LOG_EXPORT, params)
        self.assertEqual(response.status_code, 200)
        self.assertIsInstance(response, StreamingHttpResponse)
        return csv_rows(response)

    @time_machine.travel(datetime(2025, 6, 15, 12, tzinfo=STOCKHOLM), tick=False)
    def test_the_log_links_a_dated_csv_export_of_its_filters_and_search(self):
        response = self.client.get(ACCESS_LOG, {"action__exact": "viewed-record", "p": "1"})
        # No download attribute, as the other exports: a refusal is read, not saved.
        self.assertContains(response, f'<a href="{ACCESS_LOG_EXPORT}?action__exact=viewed-record">')
        export = self.client.get(ACCESS_LOG_EXPORT)
        self.assertEqual(export["Content-Type"], "text/csv; charset=utf-8")
        self.assertEqual(
            export["Content-Disposition"], 'attachment; filename="access-log-2025-06-15.csv"'
        )
        content = b"".join(export.streaming_content)
        self.assertTrue(content.startswith(b"\xef\xbb\xbfcreated_at;created_at_Europe/Stockholm;"))

    @time_machine.travel(datetime(2025, 6, 15, 12, tzinfo=STOCKHOLM), tick=False)
    def test_the_file_name_says_whether_the_log_was_filtered_or_searched(self):
        for params, name in [
            ({"o": "1"}, "access-log-2025-06-15.csv"),
            ({"_facets": "True"}, "access-log-2025-06-15.csv"),
            ({"q": "bo"}, "access-log-2025-06-15-filtered.csv"),
            ({"action__exact": "viewed-record"}, "access-log-2025-06-15-filtered.csv"),
        ]:
            with self.subTest(params=params):
                response = self.client.get(ACCESS_LOG_EXPORT, params)
                self.assertEqual(response["Content-Disposition"], f'attachment; filename="{name}"')

    def test_the_export_holds_what_the_list_shows_whole_with_times_in_utc_and_stockholm(self):
        header, *rows = self.export()
        self.assertEqual(
            header,
            [
                "created_at",
                "created_at_Europe/Stockholm",
                "username",
                "action",
                "action_label",
                "consent_id",
                "other_consent_ids",
                "count",
                "count_exceeded",
                "query",
                "query_label",
            ],
        )
        self.assertEqual(
            rows,
            [
                [
                    "2025-05-02T07:30:05Z",
                    "2025-05-02 09:30:05",
                    "ada",
                    "viewed-record",
                    "Öppnade en samtyckespost",
                    str(self.asked),
                    " ".join(str(other) for other in self.others),
                    "",
                    "false",
                    "",
                    "",
                ],
                [
                    "2025-05-01T06:00:00Z",
                    "2025-05-01 08:00:00",
                    "bo",
                    "searched-records",
                    "Sökte bland samtyckesposter",
                    "",
                    "",
                    "10000",
                    "true",
                    "q=0123abcd+%7Bx%7D&choice__exact=accepted",
                    "Sökning: 0123abcd {x}; Val: Accepterat",
                ],
                [
                    "2025-01-10T11:00:00Z",
                    "2025-01-10 12:00:00",
                    "",
                    "exported-records",
                    "Exporterade samtyckesposter",
                    "",
                    "",
                    "2",
                    "false",
                    "manage.py consent_export --since 2025-01-01",
                    "manage.py consent_export --since 2025-01-01",
                ],
            ],
        )

    def test_each_action_is_named_beside_its_code_in_the_officers_language(self):
        response = self.client.get(ACCESS_LOG_EXPORT, headers={"accept-language": "en"})
        with translation.override("sv"):
            header, *rows = csv_rows(response)
        self.assertEqual(header[3:5], ["action", "action_label"])
        self.assertEqual(
            [row[3:5] for row in rows],
            [
                ["viewed-record", "Opened a consent record"],
                ["searched-records", "Searched consent records"],
                ["exported-records", "Exported consent records"],
            ],
        )

    def test_the_filters_and_search_are_worded_beside_the_stored_query_as_the_log_words_them(
        self,
    ):
        version = make_version("d")
        BannerVersion.objects.filter(pk=version.pk).update(
            created_at=datetime(2025, 4, 1, 12, tzinfo=STOCKHOLM)
        )
        self.entry(
            datetime(2025, 5, 3, 8, tzinfo=STOCKHOLM),
            username="ada",
            action=Action.EXPORTED_RECORDS,
            count=1,
            query=f"banner_version__id__exact={version.pk}&group=analytics%3Adeclined"
            "&source__exact=gpc",
        )
        response = self.client.get(ACCESS_LOG_EXPORT, headers={"accept-language": "en"})
        # Worded when the export was asked for, whatever language is active as it is sent.
        with translation.override("sv"):
            header, *rows = csv_rows(response)
        self.assertEqual(header[-2:], ["query", "query_label"])
        self.assertEqual(
            [row[-1] for row in rows],
            [
                "Banner version: 2025-04-01 (dddddddd); Cookie group: Analytics: declined; "
                "Source: Global Privacy Control",
                "",
                "Search: 0123abcd {x}; Choice: Accepted",
                "manage.py consent_export --since 2025-01-01",
            ],
        )

    def test_an_entry_logged_with_the_filters_counts_shown_reads_without_them(self):
        # Logged so before exports and searches left "Show counts" out of their query.
        for query in ("_facets=True&q=0123abcd", "_facets=True"):
            self.entry(
                datetime(2025, 5, 3, 9, tzinfo=STOCKHOLM),
                username="cy",
                action=Action.EXPORTED_RECORDS,
                count=1,
                query=query,
            )
        response = self.client.get(ACCESS_LOG, {"q": "cy"}, headers={"accept-language": "en"})
        self.assertNotContains(response, "_facets: ")
        self.assertContains(
            response, '<td class="field-query_shown">Search: 0123abcd</td>', html=True
        )
        self.assertContains(response, '<td class="field-query_shown">–</td>', html=True)
        _header, *rows = self.export({"q": "cy"})
        self.assertEqual(sorted(row[-1] for row in rows), ["", "Sökning: 0123abcd"])

    def test_the_export_holds_the_rows_of_the_filtered_and_searched_list(self):
        for params, expected in [
            ({"action__exact": "exported-records"}, [self.command]),
            ({"q": "bo"}, [self.searched]),
            # A visitor's ID finds who was shown it with another, and who searched for its
            # beginning; a beginning finds who opened or searched for an ID that has it.
            ({"q": "0123abcd-0000-4000-8000-000000000002"}, [self.opened, self.searched]),
            ({"q": "0123ABCD"}, [self.opened, self.searched]),
            ({"q": str(self.others[1])}, [self.opened]),
        ]:
            with self.subTest(params=params):
                response = self.client.get(ACCESS_LOG, params)
                listed_times = [e.created_at for e in response.context["cl"].result_list]
                _header, *rows = self.export(params)
                utc = [e.created_at.astimezone(UTC).isoformat()[:19] + "Z" for e in expected]
                self.assertEqual([row[0] for row in rows], utc)
                self.assertEqual([e.created_at for e in expected], listed_times)
                # Logged, not listed by the next search.
                AccessLogEntry.objects.filter(action=Action.EXPORTED_ACCESS_LOG).delete()

    def test_the_export_is_logged_and_its_own_entry_is_not_in_the_file(self):
        _header, *rows = self.export({"q": "0123abcd", "p": "2"})
        self.assertEqual(len(rows), 2)
        entry = AccessLogEntry.objects.latest("pk")
        self.assertEqual(
            (entry.username, entry.action, entry.count, entry.query),
            ("integritet", Action.EXPORTED_ACCESS_LOG, 2, "q=0123abcd"),
        )
        # The next export holds the first one's entry.
        _header, *rows = self.export({"action__exact": "exported-access-log"})
        self.assertEqual([row[2] for row in rows], ["integritet"])

    def test_an_export_whose_filters_cannot_be_read_is_refused_in_plain_text(self):
        for params in [{"username__nonsense": "x"}, {"created_at__gte": "not a time"}]:
            with self.subTest(params=params):
                response = self.client.get(
                    ACCESS_LOG_EXPORT, params, headers={"accept-language": "en"}
                )
                self.assertEqual(response.status_code, 400)
                self.assertEqual(response["Content-Type"], "text/plain; charset=utf-8")
                self.assertIn("Nothing was exported", response.content.decode())
                # The list sends such an address to its "?e=1", which offers the whole log.
                self.assertRedirects(
                    self.client.get(ACCESS_LOG, params),
                    f"{ACCESS_LOG}?e=1",
                    fetch_redirect_response=False,
                )
        self.assertEqual(AccessLogEntry.objects.count(), 3)

    def test_the_export_is_for_those_who_may_view_the_log_and_changes_nothing(self):
        self.client.force_login(make_editor())
        self.assertEqual(self.client.get(ACCESS_LOG_EXPORT).status_code, 403)
        self.client.force_login(make_superuser())
        self.client.post(ACCESS_LOG_EXPORT, {"username": "x"})
        self.assertEqual(
            AccessLogEntry.objects.exclude(action=Action.EXPORTED_ACCESS_LOG).count(), 3
        )

    def test_the_export_takes_the_same_queries_for_three_entries_as_for_three_thousand(self):
        def export():
            b"".join(self.client.get(ACCESS_LOG_EXPORT).streaming_content)

        # The session, the user and their permissions (4), the list's count (the export's too),
        # its log entry, the banner versions' labels and the cookie groups' names (a filter by
        # either is worded by them), and the rows (one query, a server-side cursor on
        # PostgreSQL).
        with self.assertNumQueries(9):
            export()
        AccessLogEntry.objects.bulk_create(
            AccessLogEntry(
                username="ada",
                action=Action.VIEWED_RECORD,
                consent_id=uuid.uuid4(),
                other_consent_ids=[str(uuid.uuid4())],
            )
            for _n in range(3000)
        )
        with self.assertNumQueries(9):
            export()

    def test_a_logged_export_of_the_log_reads_in_the_admins_words(self):
        self.export({"action__exact": "viewed-record"})
        response = self.client.get(
            ACCESS_LOG, {"action__exact": "exported-access-log"}, headers={"accept-language": "en"}
        )
        self.assertContains(response, "Action: Opened a consent record")


class FormulaInjectionTests(TestCase):
    """No cell of any export is read by a spreadsheet as a formula (OWASP's CSV injection)."""

    @classmethod
    def setUpTestData(cls):
        cls.officer = make_privacy_officer()
        cls.version = make_version("c", sv={"title": '=HYPERLINK("https://evil.example")'})
        # Eight characters at most, as the column holds (PostgreSQL refuses a longer one).
        make_record(version=cls.version, language="@SUM(1)")
        for username, query in [
            ("+46701234567", "-2+3"),
            ("@ada", "\tq=1"),
            ("-bo", "\rq=1"),
            ("=cmd", "q=1"),
        ]:
            AccessLogEntry.objects.create(
                username=username, action=Action.SEARCHED_RECORDS, query=query
            )

    def setUp(self):
        self.client.force_login(self.officer)

    def cells(self, url):
        response = self.client.get(url)
        self.assertEqual(response.status_code, 200)
        return [cell for row in csv_rows(response) for cell in row]

    def test_a_cell_a_spreadsheet_would_read_as_a_formula_is_exported_as_text(self):
        for url, expected in [
            (VERSION_EXPORT, ['\'=HYPERLINK("https://evil.example")']),
            (EXPORT, ["'@SUM(1)"]),
            (
                ACCESS_LOG_EXPORT,
                ["'+46701234567", "'-2+3", "'@ada", "'\tq=1", "'-bo", "'\rq=1", "'=cmd", "q=1"],
            ),
        ]:
            with self.subTest(url=url):
                cells = self.cells(url)
                self.assertFalse([c for c in cells if c[:1] in ("=", "+", "-", "@", "\t", "\r")])
                for cell in expected:
                    self.assertIn(cell, cells)


class AccessLogTests(TestCase):
    """Who opened a consent record or exported consent data, and when (GDPR Article 5(2))."""

    @classmethod
    def setUpTestData(cls):
        cls.officer = make_privacy_officer()
        cls.version = make_version("a")
        cls.record = make_record(version=cls.version)
        cls.other = make_record(version=cls.version, choice=Choice.DECLINED)

    def setUp(self):
        self.client.force_login(self.officer)

    def entries(self):
        return list(
            AccessLogEntry.objects.order_by("pk").values(
                "user", "username", "action", "consent_id", "count", "query"
            )
        )

    def test_a_head_request_for_a_record_or_a_search_sends_no_record_and_is_not_logged(self):
        url = reverse("admin:consent_consentrecord_change", args=[self.record.pk])
        self.assertEqual(self.client.head(url).status_code, 200)
        search = {"q": str(self.record.consent_id)}
        self.assertEqual(self.client.head(CHANGELIST, search).status_code, 200)
        self.assertEqual(self.entries(), [])
        self.client.get(url)
        self.client.get(CHANGELIST, search)
        self.assertEqual(
            [entry["action"] for entry in self.entries()],
            [Action.VIEWED_RECORD, Action.SEARCHED_RECORDS],
        )

    @time_machine.travel(datetime(2025, 6, 15, 12, tzinfo=STOCKHOLM), tick=False)
    def test_opening_a_record_is_logged_with_who_when_and_which(self):
        url = reverse("admin:consent_consentrecord_change", args=[self.record.pk])
        self.client.get(url, REMOTE_ADDR="203.0.113.7")
        entry = AccessLogEntry.objects.get()
        self.assertEqual(entry.created_at, datetime(2025, 6, 15, 12, tzinfo=STOCKHOLM))
        self.assertEqual(
            self.entries(),
            [
                {
                    "user": self.officer.pk,
                    "username": "integritet",
                    "action": Action.VIEWED_RECORD,
                    "consent_id": self.record.consent_id,
                    "count": None,
                    "query": "",
                }
            ],
        )
        # No IP address is kept, in any field.
        stored = AccessLogEntry.objects.values_list().get()
        self.assertNotIn("203.0.113.7", " ".join(map(str, stored)))

    def test_a_page_that_shows_no_record_logs_nothing(self):
        self.client.get(reverse("admin:consent_consentrecord_change", args=[999_999]))
        self.client.force_login(make_editor())
        self.client.get(reverse("admin:consent_consentrecord_change", args=[self.record.pk]))
        self.client.get(EXPORT)
        self.assertEqual(self.entries(), [])

    def test_an_export_is_logged_with_the_number_of_records_and_the_filters(self):
        params = {"choice__exact": "declined", "q": str(self.other.consent_id)[:8], "p": "2"}
        b"".join(self.client.get(EXPORT, params).streaming_content)
        b"".join(self.client.get(EXPORT).streaming_content)
        query = f"choice__exact=declined&q={str(self.other.consent_id)[:8]}"
        self.assertEqual(
            [(e["username"], e["action"], e["count"], e["query"]) for e in self.entries()],
            [
                ("integritet", Action.EXPORTED_RECORDS, 1, query),
                ("integritet", Action.EXPORTED_RECORDS, 2, ""),
            ],
        )

    def test_an_export_refused_for_a_wrong_range_is_not_logged(self):
        self.client.get(EXPORT, {"created_at__from": "2026-13-45"})
        self.assertEqual(self.entries(), [])

    def test_a_banner_version_export_is_logged(self):
        make_version("b")
        b"".join(self.client.get(VERSION_EXPORT, {"q": "aaaaaaaa"}).streaming_content)
        self.assertEqual(
            [(e["action"], e["count"], e["query"]) for e in self.entries()],
            [(Action.EXPORTED_VERSIONS, 1, "q=aaaaaaaa")],
        )

    def test_the_export_command_is_logged_with_the_systems_user_and_its_options(self):
        with mock.patch("getpass.getuser", return_value="drift"):
            call_command(
                "consent_export",
                "--since",
                "2025-05-02",
                stdout=io.StringIO(),
                stderr=io.StringIO(),
            )
        self.assertEqual(
            self.entries(),
            [
                {
                    "user": None,
                    "username": "drift",
                    "action": Action.EXPORTED_RECORDS,
                    "consent_id": None,
                    "count": 2,
                    "query": "manage.py consent_export --since 2025-05-02",
                }
            ],
        )

    def test_a_search_of_the_records_is_logged_with_the_term_and_the_number_found(self):
        beginning = str(self.other.consent_id)[:8].upper()
        self.client.get(CHANGELIST, {"q": beginning, "choice__exact": "declined"})
        self.client.get(CHANGELIST, {"q": str(self.record.consent_id)})
        self.client.get(CHANGELIST, {"q": "no such id"})
        self.assertEqual(
            [(e["action"], e["consent_id"], e["count"], e["query"]) for e in self.entries()],
            [
                (Action.SEARCHED_RECORDS, None, 1, f"choice__exact=declined&q={beginning}"),
                # A whole ID names the visitor whose records were looked up.
                (
                    Action.SEARCHED_RECORDS,
                    self.record.consent_id,
                    1,
                    f"q={self.record.consent_id}",
                ),
                (Action.SEARCHED_RECORDS, None, 0, "q=no+such+id"),
            ],
        )
        self.assertEqual({e["user"] for e in self.entries()}, {self.officer.pk})

    def test_the_list_filtered_but_not_searched_logs_nothing(self):
        for params in ({}, {"choice__exact": "declined"}, {"q": ""}, {"q": "  "}, {"p": "1"}):
            with self.subTest(params=params):
                self.assertEqual(self.client.get(CHANGELIST, params).status_code, 200)
        self.assertEqual(self.entries(), [])

    def test_a_look_up_by_consent_id_typed_as_a_filter_is_refused_not_made_unlogged(self):
        # The address takes lookups of the list's own fields: ?consent_id=… listed a
        # visitor's records as the search does, and neither it nor its export's search was
        # in the log where a visitor's question looks (the list query's search).
        consent_id = self.record.consent_id
        for params in (
            {"consent_id": str(consent_id)},
            {"consent_id__startswith": str(consent_id)[:8]},
            {"previous_consent_id": consent_id.hex},
            {"previous_consent_id__isnull": "False"},
        ):
            with self.subTest(params=params):
                response = self.client.get(CHANGELIST, params)
                self.assertRedirects(response, f"{CHANGELIST}?e=1", fetch_redirect_response=False)
                self.assertEqual(self.client.get(EXPORT, params).status_code, 400)
        self.assertEqual(self.entries(), [])
        # The search box finds them, and logs it.
        response = self.client.get(CHANGELIST, {"q": str(consent_id)})
        self.assertEqual(listed(response), {consent_id})
        self.assertEqual([e["action"] for e in self.entries()], [Action.SEARCHED_RECORDS])

    def test_a_search_repeated_on_another_page_or_order_is_logged_once_within_half_an_hour(self):
        term = str(self.record.consent_id)[:4]
        start = datetime(2025, 6, 15, 12, tzinfo=STOCKHOLM)
        with time_machine.travel(start, tick=False):
            self.client.get(CHANGELIST, {"q": term})
        with time_machine.travel(start + timedelta(minutes=29), tick=False):
            self.client.get(CHANGELIST, {"q": term, "p": "1"})
            self.client.get(CHANGELIST, {"q": term, "o": "-1"})
            # Another search is logged; the same with a filter is another search.
            self.client.get(CHANGELIST, {"q": "ffff"})
            self.client.get(CHANGELIST, {"q": term, "choice__exact": "accepted"})
            self.client.get(CHANGELIST, {"q": term})
        with time_machine.travel(start + timedelta(minutes=31), tick=False):
            self.client.get(CHANGELIST, {"q": term})
        self.client.force_login(make_superuser())
        with time_machine.travel(start + timedelta(minutes=32), tick=False):
            self.client.get(CHANGELIST, {"q": term})
        self.assertEqual(
            [(e["username"], e["query"]) for e in self.entries()],
            [
                ("integritet", f"q={term}"),
                ("integritet", "q=ffff"),
                ("integritet", f"choice__exact=accepted&q={term}"),
                ("integritet", f"q={term}"),
                ("chef", f"q={term}"),
            ],
        )

    def test_the_same_search_with_its_parameters_in_another_order_is_logged_once(self):
        term = str(self.record.consent_id)[:8]
        self.client.get(f"{CHANGELIST}?q={term}&choice__exact=accepted&source__exact=banner-js")
        self.client.get(f"{CHANGELIST}?source__exact=banner-js&q={term}&choice__exact=accepted")
        self.client.get(f"{CHANGELIST}?choice__exact=accepted&source__exact=banner-js&q={term}")
        b"".join(self.client.get(f"{EXPORT}?source__exact=banner-js&q={term}").streaming_content)
        self.assertEqual(
            [(e["action"], e["query"]) for e in self.entries()],
            [
                (
                    Action.SEARCHED_RECORDS,
                    f"choice__exact=accepted&q={term}&source__exact=banner-js",
                ),
                (Action.EXPORTED_RECORDS, f"q={term}&source__exact=banner-js"),
            ],
        )

    def test_a_search_with_the_filters_counts_shown_is_the_same_search_logged_once(self):
        term = str(self.record.consent_id)[:8]
        self.client.get(CHANGELIST, {"q": term})
        # "Show counts" on the searched list, and the list's export link from there.
        response = self.client.get(CHANGELIST, {"q": term, "_facets": "True"})
        self.assertEqual(response.context["export_url"], f"{EXPORT}?q={term}")
        b"".join(self.client.get(EXPORT, {"q": term, "_facets": "True"}).streaming_content)
        self.assertEqual(
            [(e["action"], e["query"]) for e in self.entries()],
            [(Action.SEARCHED_RECORDS, f"q={term}"), (Action.EXPORTED_RECORDS, f"q={term}")],
        )
        response = self.client.get(ACCESS_LOG, headers={"accept-language": "en"})
        self.assertContains(
            response, f'<td class="field-query_shown">Search: {term}</td>', count=2, html=True
        )

    def test_the_log_shows_a_search_with_its_term_and_the_number_found(self):
        term = str(self.record.consent_id)
        self.client.get(CHANGELIST, {"q": term})
        response = self.client.get(ACCESS_LOG, headers={"accept-language": "en"})
        self.assertContains(response, "Searched consent records")
        self.assertContains(
            response, f'<td class="field-query_shown">Search: {term}</td>', html=True
        )
        self.assertContains(response, '<td class="field-count_shown">1</td>', html=True)
        self.assertContains(response, f"?q={term}")
        # And in the filter of actions.
        self.assertContains(response, "?action__exact=searched-records")

    def test_a_long_logged_search_is_shortened_in_the_log_and_whole_on_its_page(self):
        term = "0123456789abcdef" * 19
        entry = AccessLogEntry.objects.create(
            username="integritet",
            action=Action.SEARCHED_RECORDS,
            query=f"q={term}&choice__exact=accepted",
            count=0,
        )
        shown = f"Search: {term}; Choice: Accepted"
        headers = {"accept-language": "en"}
        response = self.client.get(ACCESS_LOG, headers=headers)
        self.assertContains(
            response, f'<td class="field-query_shown">{shown[:99]}…</td>', html=True
        )
        self.assertNotContains(response, shown[:100])
        url = reverse("admin:consent_accesslogentry_change", args=[entry.pk])
        page = self.client.get(url, headers=headers)
        self.assertContains(page, f'<div class="readonly">{shown}</div>', html=True)

    def test_the_log_names_the_filters_and_search_in_the_admins_words(self):
        export = AccessLogEntry.objects.create(
            username="integritet",
            action=Action.EXPORTED_RECORDS,
            count=3,
            query="choice__exact=withdrawn&created_at__from=2026-11-01&group=analytics%3Adeclined"
            "&language=en&q=9bfb8e24&source__exact=gpc&zz=1",
        )
        command = AccessLogEntry.objects.create(
            username="root",
            action=Action.EXPORTED_RECORDS,
            count=3,
            query="manage.py consent_export --since 2026-01-01",
        )
        for language, readable in (
            (
                "sv",
                "Val: Återkallat; Första dag: 2026-11-01; Cookiegrupp: Analys: avböjt; "
                "Språk: engelska; Sökning: 9bfb8e24; "
                "Ursprung: Global Privacy Control; Zz: 1",
            ),
            (
                "en",
                "Choice: Withdrawn; First day: 2026-11-01; Cookie group: Analytics: declined; "
                "Language: English; Search: 9bfb8e24; "
                "Source: Global Privacy Control; Zz: 1",
            ),
        ):
            with self.subTest(language=language):
                headers = {"accept-language": language}
                url = reverse("admin:consent_accesslogentry_change", args=[export.pk])
                page = self.client.get(url, headers=headers)
                self.assertContains(page, f'<div class="readonly">{readable}</div>', html=True)
                url = reverse("admin:consent_accesslogentry_change", args=[command.pk])
                page = self.client.get(url, headers=headers)
                self.assertContains(
                    page,
                    '<div class="readonly">manage.py consent_export --since 2026-01-01</div>',
                    html=True,
                )

    def test_the_log_names_an_ordering_by_its_columns_and_directions(self):
        # The list's "o" numbers the columns of the list the query was made on.
        for action, query, readable in (
            (Action.EXPORTED_RECORDS, "o=-0.6", "Order: Time (descending), Version (ascending)"),
            (Action.SEARCHED_RECORDS, "o=2&q=9bfb8e24", "Order: Choice (ascending)"),
            (Action.EXPORTED_VERSIONS, "o=-2", "Order: First answered (descending)"),
            (Action.EXPORTED_ACCESS_LOG, "o=4", "Order: Number of records (ascending)"),
            # Not a column: as given, as the list itself ignores it.
            (Action.EXPORTED_RECORDS, "o=9.x", "Order: 9.x"),
        ):
            with self.subTest(action=action, query=query):
                entry = AccessLogEntry.objects.create(
                    username="integritet", action=action, count=3, query=query
                )
                url = reverse("admin:consent_accesslogentry_change", args=[entry.pk])
                page = self.client.get(url, headers={"accept-language": "en"})
                self.assertContains(page, readable)

    def test_the_logs_export_names_an_ordering_by_its_columns_as_the_log_does(self):
        for action, query in (
            (Action.EXPORTED_RECORDS, "o=-0.6"),
            (Action.EXPORTED_VERSIONS, "o=-2"),
        ):
            AccessLogEntry.objects.create(
                username="integritet", action=action, count=3, query=query
            )
        response = self.client.get(ACCESS_LOG_EXPORT, headers={"accept-language": "en"})
        header, *rows = csv_rows(response)
        labels = {row[header.index("query")]: row[header.index("query_label")] for row in rows}
        self.assertEqual(labels["o=-0.6"], "Order: Time (descending), Version (ascending)")
        self.assertEqual(labels["o=-2"], "Order: First answered (descending)")

    def test_the_log_names_a_banner_version_filter_by_the_versions_label(self):
        version = make_version("d")
        BannerVersion.objects.filter(pk=version.pk).update(
            created_at=datetime(2026, 11, 1, 23, 30, tzinfo=STOCKHOLM)
        )
        entry = AccessLogEntry.objects.create(
            username="integritet",
            action=Action.EXPORTED_RECORDS,
            count=3,
            query=f"banner_version__id__exact={version.pk}&choice__exact=accepted",
        )
        readable = "Banner version: 2026-11-01 (dddddddd); Choice: Accepted"
        headers = {"accept-language": "en"}
        self.assertContains(self.client.get(ACCESS_LOG, headers=headers), readable)
        url = reverse("admin:consent_accesslogentry_change", args=[entry.pk])
        page = self.client.get(url, headers=headers)
        self.assertContains(page, f'<div class="readonly">{readable}</div>', html=True)

    def test_the_log_names_a_cookie_group_filter_by_the_groups_name_in_one_query(self):
        def listed(language):
            with CaptureQueriesContext(connection) as captured:
                response = self.client.get(ACCESS_LOG, headers={"accept-language": language})
            self.assertEqual(response.status_code, 200)
            return response, len(captured)

        AccessLogEntry.objects.create(username="a", action=Action.EXPORTED_RECORDS)
        _response, without_groups = listed("en")
        for query in ("group=analytics%3Aaccepted", "group=gone%3Adeclined&q=x"):
            AccessLogEntry.objects.create(
                username="integritet", action=Action.EXPORTED_RECORDS, query=query
            )
        for language, analytics, gone in (
            ("en", "Cookie group: Analytics: accepted", "Cookie group: gone: declined"),
            ("sv", "Cookiegrupp: Analys: accepterat", "Cookiegrupp: gone: avböjt"),
        ):
            with self.subTest(language=language):
                response, queries = listed(language)
                self.assertContains(response, analytics)
                # A group deleted since is named by its variable name.
                self.assertContains(response, gone)
                self.assertEqual(queries, without_groups + 1)
        entry = AccessLogEntry.objects.get(query="group=analytics%3Aaccepted")
        url = reverse("admin:consent_accesslogentry_change", args=[entry.pk])
        page = self.client.get(url, headers={"accept-language": "en"})
        self.assertContains(
            page, '<div class="readonly">Cookie group: Analytics: accepted</div>', html=True
        )

    def test_a_banner_version_the_log_cannot_find_is_named_by_its_key(self):
        for value in ("999999", "99999999999999999999999", "x"):
            with self.subTest(value=value):
                AccessLogEntry.objects.all().delete()
                AccessLogEntry.objects.create(
                    username="integritet",
                    action=Action.SEARCHED_RECORDS,
                    query=f"banner_version__id__exact={value}",
                )
                response = self.client.get(ACCESS_LOG, headers={"accept-language": "en"})
                self.assertContains(response, f"Banner version: {value}")

    def test_the_log_names_any_number_of_versions_in_one_query(self):
        def queries():
            with CaptureQueriesContext(connection) as captured:
                self.assertEqual(self.client.get(ACCESS_LOG).status_code, 200)
            return len(captured)

        versions = [make_version(letter) for letter in "defghi"]
        AccessLogEntry.objects.create(
            username="a",
            action=Action.EXPORTED_RECORDS,
            query=f"banner_version__id__exact={versions[0].pk}",
        )
        one = queries()
        for version in versions[1:]:
            AccessLogEntry.objects.create(
                username="a",
                action=Action.EXPORTED_RECORDS,
                query=f"banner_version__id__exact={version.pk}",
            )
        self.assertEqual(queries(), one)

    def test_an_empty_value_is_shown_as_a_dash_in_every_column(self):
        # The command run where the system knows no login name, as an opened record's count.
        entry = AccessLogEntry.objects.create(username="", action=Action.EXPORTED_RECORDS, count=2)
        opened = AccessLogEntry.objects.create(username="x", action=Action.VIEWED_RECORD)
        response = self.client.get(ACCESS_LOG)
        self.assertContains(response, '<td class="field-username">–</td>', html=True)
        self.assertContains(response, '<td class="field-count_shown">–</td>', html=True)
        self.assertNotContains(response, ">-<")
        for shown in (entry, opened):
            with self.subTest(action=shown.action):
                url = reverse("admin:consent_accesslogentry_change", args=[shown.pk])
                response = self.client.get(url)
                self.assertContains(response, '<div class="readonly">–</div>', html=True)
                self.assertNotContains(response, '<div class="readonly">-</div>', html=True)

    def test_an_entry_outlives_its_users_account(self):
        self.client.get(reverse("admin:consent_consentrecord_change", args=[self.record.pk]))
        self.officer.delete()
        entry = AccessLogEntry.objects.get()
        self.assertEqual((entry.user, entry.username), (None, "integritet"))

    def test_an_entrys_page_is_titled_by_its_local_time_and_its_action_in_words(self):
        # 23:30 in UTC is half past midnight the next day in Stockholm.
        with time_machine.travel(datetime(2025, 1, 31, 23, 30, tzinfo=UTC), tick=False):
            entry = AccessLogEntry.objects.create(
                user=self.officer, username="integritet", action=Action.SEARCHED_RECORDS
            )
        url = reverse("admin:consent_accesslogentry_change", args=[entry.pk])
        for language, title in (
            ("sv", "2025-02-01 00:30 integritet: Sökte bland samtyckesposter"),
            ("en", "2025-02-01 00:30 integritet: Searched consent records"),
        ):
            with self.subTest(language=language):
                response = self.client.get(url, headers={"accept-language": language})
                self.assertContains(response, f"<title>{title} |")
                self.assertContains(response, f"<h2>{title}</h2>", html=True)
                self.assertNotContains(response, "searched-records<")
        command = AccessLogEntry.objects.create(username="", action=Action.EXPORTED_RECORDS)
        self.assertRegex(str(command), r"^\d{4}-\d\d-\d\d \d\d:\d\d: ")

    def test_an_entrys_page_gives_its_time_to_the_second_as_a_records_page_does(self):
        with time_machine.travel(datetime(2025, 1, 31, 23, 30, 5, tzinfo=UTC), tick=False):
            entry = AccessLogEntry.objects.create(username="x", action=Action.VIEWED_RECORD)
        url = reverse("admin:consent_accesslogentry_change", args=[entry.pk])
        for language, full in (
            ("sv", "1 februari 2025 kl. 00.30.05 CET"),
            ("en", "1 February 2025, 00:30:05 CET"),
        ):
            with self.subTest(language=language):
                response = self.client.get(url, headers={"accept-language": language})
                self.assertContains(response, f'<div class="readonly">{full}</div>', html=True)

    def test_an_entry_is_never_changed(self):
        entry = AccessLogEntry.objects.create(username="x", action=Action.VIEWED_RECORD)
        entry.username = "y"
        with self.assertRaises(ValueError):
            entry.save()

    def test_privacy_officers_and_superusers_read_the_log_editors_do_not(self):
        self.client.get(reverse("admin:consent_consentrecord_change", args=[self.record.pk]))
        entry = AccessLogEntry.objects.get()
        entry_url = reverse("admin:consent_accesslogentry_change", args=[entry.pk])
        for user in (self.officer, make_superuser()):
            self.client.force_login(user)
            with self.subTest(user=user.username):
                response = self.client.get(ACCESS_LOG, headers={"accept-language": "en"})
                self.assertContains(response, "Opened a consent record")
                self.assertContains(response, f"?q={self.record.consent_id}")
                self.assertEqual(self.client.get(entry_url).status_code, 200)
        self.client.force_login(make_editor())
        self.assertEqual(self.client.get(ACCESS_LOG).status_code, 403)
        self.assertEqual(self.client.get(entry_url).status_code, 403)

    def test_nobody_adds_changes_or_deletes_an_entry_in_the_admin(self):
        self.client.get(reverse("admin:consent_consentrecord_change", args=[self.record.pk]))
        entry = AccessLogEntry.objects.get()
        self.client.force_login(make_superuser())
        entry_url = reverse("admin:consent_accesslogentry_change", args=[entry.pk])
        delete_url = reverse("admin:consent_accesslogentry_delete", args=[entry.pk])
        add_url = reverse("admin:consent_accesslogentry_add")
        self.assertEqual(self.client.get(add_url).status_code, 403)
        self.assertEqual(self.client.post(entry_url, {"username": "x"}).status_code, 403)
        self.assertEqual(self.client.post(delete_url, {"post": "yes"}).status_code, 403)
        response = self.client.get(ACCESS_LOG)
        self.assertIsNone(response.context["action_form"])
        self.client.post(
            ACCESS_LOG,
            {"action": "delete_selected", "_selected_action": [entry.pk], "post": "yes"},
        )
        entry.refresh_from_db()
        self.assertEqual(entry.username, "integritet")

    def test_the_log_takes_the_same_queries_for_few_entries_as_for_many(self):
        def queries():
            with CaptureQueriesContext(connection) as captured:
                self.assertEqual(self.client.get(ACCESS_LOG).status_code, 200)
            return len(captured)

        AccessLogEntry.objects.create(username="a", action=Action.VIEWED_RECORD)
        few = queries()
        for n in range(20):
            AccessLogEntry.objects.create(username=f"u{n}", action=Action.EXPORTED_RECORDS, count=n)
        self.assertEqual(queries(), few)

    def test_the_log_counts_its_entries_once_a_view_filtered_or_not(self):
        AccessLogEntry.objects.create(username="ada", action=Action.VIEWED_RECORD)
        AccessLogEntry.objects.create(username="bo", action=Action.EXPORTED_RECORDS, count=2)
        for params, shown, hidden in (
            ({}, "2 access log entries", 'class="small quiet"'),
            ({"action__exact": Action.EXPORTED_RECORDS}, "1 result (<a", "total"),
            ({"q": "ada"}, "1 result (<a", "total"),
        ):
            with self.subTest(params=params):
                with CaptureQueriesContext(connection) as captured:
                    response = self.client.get(
                        ACCESS_LOG, params, headers={"accept-language": "en"}
                    )
                self.assertEqual(response.status_code, 200)
                counts = [q["sql"] for q in captured if "COUNT(" in q["sql"].upper()]
                self.assertEqual(len(counts), 1, counts)
                self.assertContains(response, shown)
                self.assertNotContains(response, hidden)


class AccessLogDateRangeTests(TestCase):
    """The log, as the record list, narrowed to a range of local days the officer types."""

    @classmethod
    def setUpTestData(cls):
        cls.officer = make_privacy_officer()
        cls.entries = {}
        for name, at in [
            ("before", datetime(2025, 9, 30, 23, 59, tzinfo=STOCKHOLM)),
            # The first minute of 1 October in Stockholm is still 30 September in UTC.
            ("first", datetime(2025, 10, 1, 0, 0, tzinfo=STOCKHOLM)),
            ("last", datetime(2025, 10, 31, 23, 59, tzinfo=STOCKHOLM)),
            ("after", datetime(2025, 11, 1, 0, 0, tzinfo=STOCKHOLM)),
        ]:
            entry = AccessLogEntry.objects.create(username=name, action=Action.VIEWED_RECORD)
            AccessLogEntry.objects.filter(pk=entry.pk).update(created_at=at)
            cls.entries[name] = entry

    def setUp(self):
        self.client.force_login(self.officer)

    def test_the_log_lists_and_exports_the_entries_of_the_days(self):
        october = {"created_at__from": "2025-10-01", "created_at__to": "2025-10-31"}
        response = self.client.get(ACCESS_LOG, october)
        self.assertEqual(
            [entry.username for entry in response.context["cl"].result_list], ["last", "first"]
        )
        with time_machine.travel(datetime(2025, 11, 15, 12, tzinfo=STOCKHOLM), tick=False):
            export = self.client.get(ACCESS_LOG_EXPORT, october)
        self.assertEqual(
            export["Content-Disposition"],
            'attachment; filename="access-log-2025-11-15-days-2025-10-01-to-2025-10-31.csv"',
        )
        _header, *rows = csv_rows(export)
        self.assertEqual([row[2] for row in rows], ["last", "first"])

    def test_a_wrong_range_is_named_and_its_export_refused(self):
        wrong = {"created_at__from": "2025-10-31", "created_at__to": "2025-10-01"}
        response = self.client.get(ACCESS_LOG, wrong, headers={"accept-language": "en"})
        self.assertEqual(list(response.context["cl"].result_list), [])
        self.assertContains(response, "is before the first day")
        self.assertIsNone(response.context["export_url"])
        export = self.client.get(ACCESS_LOG_EXPORT, wrong)
        self.assertEqual(export.status_code, 400)
        self.assertFalse(AccessLogEntry.objects.filter(action=Action.EXPORTED_ACCESS_LOG))

    def test_a_range_costs_no_query_more_than_the_unfiltered_log(self):
        def queries(params):
            with CaptureQueriesContext(connection) as captured:
                self.assertEqual(self.client.get(ACCESS_LOG, params).status_code, 200)
            return len(captured)

        self.assertEqual(queries({"created_at__from": "2025-10-01"}), queries({}))


class AccessLogSearchTests(TestCase):
    """A visitor asks who read or looked up their records: the log is searched by their ID."""

    @classmethod
    def setUpTestData(cls):
        cls.officer = make_privacy_officer()
        version = make_version("a")
        cls.asked = make_record(
            version=version, consent_id=uuid.UUID("4d96d20f-21bc-481b-81a0-0a975a3caf85")
        )
        cls.other = make_record(
            version=version, consent_id=uuid.UUID("b3a1c2d4-0000-4000-8000-000000000001")
        )

    def setUp(self):
        self.client.force_login(self.officer)

    def search(self, term, **params):
        response = self.client.get(ACCESS_LOG, {"q": term, **params})
        self.assertEqual(response.status_code, 200)
        return [
            (entry.action, entry.query) for entry in reversed(response.context["cl"].result_list)
        ]

    def look_up(self):
        """The asked visitor's record opened, searched and exported, and another's opened."""
        asked, hex_upper = str(self.asked.consent_id), self.asked.consent_id.hex.upper()
        self.client.get(reverse("admin:consent_consentrecord_change", args=[self.asked.pk]))
        self.client.get(reverse("admin:consent_consentrecord_change", args=[self.other.pk]))
        self.client.get(CHANGELIST, {"q": f" {asked.upper()} "})
        # A term that holds the ID and more finds no record, but it looked for the visitor's.
        self.client.get(CHANGELIST, {"q": f"id {hex_upper}"})
        self.client.get(CHANGELIST, {"q": str(self.other.consent_id)})
        b"".join(self.client.get(EXPORT, {"q": hex_upper}).streaming_content)
        b"".join(self.client.get(EXPORT).streaming_content)

    def test_a_consent_id_finds_the_entries_that_opened_searched_for_or_exported_it(self):
        self.look_up()
        asked, hex_upper = str(self.asked.consent_id), self.asked.consent_id.hex.upper()
        expected = [
            (Action.VIEWED_RECORD, ""),
            (Action.SEARCHED_RECORDS, f"q=+{asked.upper()}+"),
            (Action.SEARCHED_RECORDS, f"q=id+{hex_upper}"),
            (Action.EXPORTED_RECORDS, f"q={hex_upper}"),
        ]
        for term in (asked, f" {asked.upper()} ", self.asked.consent_id.hex, f"{{{asked}}}"):
            with self.subTest(term=term):
                self.assertEqual(self.search(term), expected)

    def test_a_consent_id_search_keeps_the_lists_filters(self):
        self.look_up()
        self.assertEqual(
            self.search(str(self.asked.consent_id), action__exact=Action.EXPORTED_RECORDS),
            [(Action.EXPORTED_RECORDS, f"q={self.asked.consent_id.hex.upper()}")],
        )

    def test_the_beginning_of_a_consent_id_finds_what_the_whole_id_finds(self):
        self.look_up()
        asked = str(self.asked.consent_id)
        whole = self.search(asked)
        self.assertEqual(len(whole), 4)
        for term in (asked[:8], asked[:8].upper(), f" {asked[:13]} ", asked[:9].replace("-", "")):
            with self.subTest(term=term):
                self.assertEqual(self.search(term), whole)
        # The other visitor's, by theirs.
        self.assertEqual(
            self.search(str(self.other.consent_id)[:8]),
            [(Action.VIEWED_RECORD, ""), (Action.SEARCHED_RECORDS, f"q={self.other.consent_id}")],
        )

    def test_a_search_by_an_ids_beginning_is_found_by_the_whole_id_and_its_beginnings(self):
        hex_id = self.asked.consent_id.hex
        for term in (hex_id[:8], hex_id[:12].upper(), f"{{{hex_id[:4]}-{hex_id[4:10]}}}"):
            self.client.get(CHANGELIST, {"q": term, "source__exact": "banner-js"})
        # Shorter than eight characters, or another ID's beginning: not a look-up of this one.
        for term in (hex_id[:7], f"{hex_id[:10]}0", f"{hex_id[:8]}x"):
            self.client.get(CHANGELIST, {"q": term})
        expected = [
            (Action.SEARCHED_RECORDS, f"q={hex_id[:8]}&source__exact=banner-js"),
            (Action.SEARCHED_RECORDS, f"q={hex_id[:12].upper()}&source__exact=banner-js"),
            (
                Action.SEARCHED_RECORDS,
                f"q=%7B{hex_id[:4]}-{hex_id[4:10]}%7D&source__exact=banner-js",
            ),
        ]
        for term in (str(self.asked.consent_id), hex_id[:11], hex_id[:12]):
            with self.subTest(term=term):
                self.assertEqual(self.search(term), expected)
        # Eight characters begin the other ID searched for too.
        self.assertEqual(len(self.search(hex_id[:8])), 5)

    def test_no_entry_is_found_by_a_part_of_an_id_that_is_not_its_beginning(self):
        self.look_up()
        AccessLogEntry.objects.create(
            username="integritet",
            action=Action.SEARCHED_RECORDS,
            query="created_at__from=2025-06-15&q=a",
            count=0,
        )
        # The other's ID is b3a1c2d4-0000-4000-8000-000000000001; a day is all digits.
        for term in ("00004000", "0000-4000-8000", "c2d40000", "20250615", "2025-06-15"):
            with self.subTest(term=term):
                self.assertEqual(self.search(term), [])

    def test_any_search_of_the_log_is_answered(self):
        self.look_up()
        for term in ("%", "_", "(", "[a-", "\\", "q=", "&q=4d96d20f", "ä" * 300, "%7B", "a" * 40):
            with self.subTest(term=term):
                self.assertEqual(self.search(term), [])
        # A quote alone is Django's phrase search of nothing: the whole log.
        for term in ("'", '"', "'4d96d20f"):
            with self.subTest(term=term):
                self.search(term)

    def test_the_log_is_still_searched_by_user_name(self):
        self.look_up()
        AccessLogEntry.objects.create(username="ada", action=Action.VIEWED_RECORD)
        self.assertEqual(len(self.search("INTEGR")), 7)
        # A name that could begin an ID finds its user's entries only: a beginning of fewer
        # than eight characters names no one.
        self.assertEqual(self.search("ada"), [(Action.VIEWED_RECORD, "")])
        self.assertEqual(self.search(str(self.asked.consent_id)[:7]), [])

    def test_searching_the_log_is_not_logged(self):
        self.look_up()
        logged = AccessLogEntry.objects.count()
        self.search(str(self.asked.consent_id))
        self.search("integritet")
        self.assertEqual(AccessLogEntry.objects.count(), logged)

    def test_the_searched_log_takes_six_queries_for_few_entries_as_for_many(self):
        # Session, user, two for permissions, the entries found counted (not all entries: the
        # search box offers "Show all" rather than their total), the page.
        for looked_up in (1, 20):
            for _time in range(looked_up):
                self.look_up()
            entries = AccessLogEntry.objects.count()
            for term in (str(self.asked.consent_id), self.asked.consent_id.hex[:8], "integritet"):
                with self.subTest(entries=entries, term=term), self.assertNumQueries(6):
                    self.search(term)

    @skipUnless(connection.vendor == "sqlite", "counts SQLite's calls of REGEXP")
    def test_only_the_entries_that_hold_an_ids_beginning_are_read_by_a_regular_expression(self):
        hex_id = self.asked.consent_id.hex
        self.client.get(CHANGELIST, {"q": hex_id[:12]})
        AccessLogEntry.objects.bulk_create(
            AccessLogEntry(username="ada", action=Action.SEARCHED_RECORDS, query=f"q=2025-06-{n}")
            for n in range(10, 30)
        )
        read = []

        def regexp(pattern, text):
            read.append(text)
            return _sqlite_regexp(pattern, text)

        connection.ensure_connection()
        connection.connection.create_function("REGEXP", 2, regexp, deterministic=True)
        try:
            found = self.search(hex_id[:10])
        finally:
            connection.connection.create_function("REGEXP", 2, _sqlite_regexp, deterministic=True)
        self.assertEqual(found, [(Action.SEARCHED_RECORDS, f"q={hex_id[:12]}")])
        self.assertTrue(read)
        self.assertEqual({text for text in read if "2025" in text}, set())

    def test_the_search_box_says_what_it_finds(self):
        response = self.client.get(ACCESS_LOG, headers={"accept-language": "en"})
        self.assertContains(response, 'id="searchbar_helptext"')
        self.assertContains(response, "a consent ID, whole or its beginning (8 characters or more)")


class ChartTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.officer = make_privacy_officer()
        cls.version = version = make_version("a")
        today = datetime(2025, 6, 15, 10, tzinfo=STOCKHOLM)
        for choice in (Choice.ACCEPTED, Choice.ACCEPTED, Choice.DECLINED):
            make_record(version=version, choice=choice, at=today)
        # 22:30 UTC on 14 June is already 15 June in Stockholm.
        make_record(
            version=version, choice=Choice.WITHDRAWN, at=datetime(2025, 6, 14, 22, 30, tzinfo=UTC)
        )
        make_record(version=version, choice=Choice.WITHDRAWN, at=today - timedelta(days=89))
        make_record(version=version, at=today - timedelta(days=90))

    @time_machine.travel(datetime(2025, 6, 15, 12, tzinfo=STOCKHOLM), tick=False)
    def test_daily_counts_cover_ninety_local_days_in_one_query(self):
        with self.assertNumQueries(1):
            days = daily_choice_counts()
        self.assertEqual(len(days), 90)
        self.assertEqual(days[0].day, date(2025, 3, 18))
        self.assertEqual(days[-1].day, date(2025, 6, 15))
        self.assertEqual((days[-1].accepted, days[-1].declined, days[-1].withdrawn), (2, 1, 1))
        self.assertEqual((days[0].accepted, days[0].declined, days[0].withdrawn), (0, 0, 1))
        self.assertEqual(sum(day.total for day in days[1:-1]), 0)

    @time_machine.travel(datetime(2025, 6, 15, 12, tzinfo=STOCKHOLM), tick=False)
    def test_the_record_list_shows_the_chart_with_a_text_alternative(self):
        self.client.force_login(self.officer)
        response = self.client.get(CHANGELIST)
        chart = response.context["choices_chart"]
        self.assertEqual(len(chart["days"]), 90)
        self.assertEqual((chart["accepted"], chart["declined"], chart["withdrawn"]), (2, 1, 2))
        self.assertEqual(chart["peak"], 4)
        self.assertContains(response, 'role="img"')
        self.assertContains(response, 'aria-labelledby="consent-chart-title consent-chart-summary"')
        self.assertContains(
            response, '<th scope="row">2025-06-15</th><td>2</td><td>1</td><td>1</td>'
        )
        self.assertNotContains(response, '<script src="http')

    @time_machine.travel(datetime(2025, 6, 15, 12, tzinfo=STOCKHOLM), tick=False)
    def test_the_chart_names_each_count_by_its_choice_whatever_the_number(self):
        # "1 avböjda", "0 avböjda" are wrong in Swedish, and one sentence with three counts has
        # no one plural: each count follows its choice's name, as the legend names it.
        self.client.force_login(self.officer)
        for language, summary, today, empty_day in [
            (
                "sv",
                "Accepterat: 2, avböjt: 1, återkallat: 2. Alla poster räknas (listans filter "
                "gäller inte).",
                "2025-06-15 – accepterat: 2, avböjt: 1, återkallat: 1",
                "2025-06-13 – accepterat: 0, avböjt: 0, återkallat: 0",
            ),
            (
                "en",
                "Accepted: 2, declined: 1, withdrawn: 2. All records are counted (the list's "
                "filters do not apply).",
                "2025-06-15 – accepted: 2, declined: 1, withdrawn: 1",
                "2025-06-13 – accepted: 0, declined: 0, withdrawn: 0",
            ),
        ]:
            with self.subTest(language=language):
                response = self.client.get(CHANGELIST, headers={"accept-language": language})
                self.assertContains(response, f'<p id="consent-chart-summary">{summary}</p>')
                self.assertContains(response, f"<title>{today}</title>")
                self.assertContains(response, f"<title>{empty_day}</title>")
                self.assertNotContains(response, "avböjda")
                self.assertNotContains(response, "accepterade")

    @time_machine.travel(datetime(2025, 6, 15, 12, tzinfo=STOCKHOLM), tick=False)
    def test_days_before_yesterday_are_counted_once_a_day_the_last_two_at_every_view(self):
        daily_choice_counts()
        # Records are made now, never dated back; these are, to show which days are counted.
        make_record(version=self.version, at=datetime(2025, 6, 13, 12, tzinfo=STOCKHOLM))
        make_record(version=self.version, at=datetime(2025, 6, 14, 23, 59, tzinfo=STOCKHOLM))
        make_record(version=self.version)
        with self.assertNumQueries(1):
            days = daily_choice_counts()
        self.assertEqual(
            [(day.day.day, day.accepted) for day in days[-3:]], [(13, 0), (14, 1), (15, 3)]
        )
        next_day = time_machine.travel(datetime(2025, 6, 16, 0, 5, tzinfo=STOCKHOLM), tick=False)
        with next_day, self.assertNumQueries(1):
            days = daily_choice_counts()
        self.assertEqual(
            [(day.day.day, day.accepted) for day in days[-4:-1]], [(13, 1), (14, 1), (15, 3)]
        )

    @time_machine.travel(datetime(2025, 6, 15, 12, tzinfo=STOCKHOLM), tick=False)
    @override_settings(CACHES={"default": REDIS_DOWN, "generation": REDIS_DOWN})
    def test_while_the_cache_is_down_every_day_is_counted_from_the_database(self):
        for _view in range(2):
            with self.assertNumQueries(1):
                days = daily_choice_counts()
            self.assertEqual((days[-1].accepted, days[-1].declined, days[-1].withdrawn), (2, 1, 1))
            self.assertEqual(days[0].withdrawn, 1)

    @time_machine.travel(datetime(2025, 4, 2, 12, tzinfo=STOCKHOLM), tick=False)
    def test_daily_counts_follow_local_midnight_across_a_clock_change(self):
        version = self.version
        # Summer time began at 02:00 on 30 March 2025: midnight moved from 23:00 to 22:00 UTC.
        make_record(version=version, at=datetime(2025, 3, 29, 22, 30, tzinfo=UTC))  # 29 March
        make_record(version=version, at=datetime(2025, 3, 29, 23, 30, tzinfo=UTC))  # 30 March
        make_record(version=version, at=datetime(2025, 3, 30, 21, 30, tzinfo=UTC))  # 30 March
        make_record(version=version, at=datetime(2025, 3, 30, 22, 30, tzinfo=UTC))  # 31 March
        counts = {day.day: day.accepted for day in daily_choice_counts(days=5)}
        self.assertEqual(
            counts,
            {
                date(2025, 3, 29): 1,
                date(2025, 3, 30): 2,
                date(2025, 3, 31): 1,
                date(2025, 4, 1): 0,
                date(2025, 4, 2): 0,
            },
        )


class DateRangeFilterTests(TestCase):
    """The officer types a first and a last day: local days, both included."""

    @classmethod
    def setUpTestData(cls):
        cls.officer = make_privacy_officer()
        version = make_version("a")
        # Summer time began at 02:00 on 30 March 2025: midnight moved from 23:00 to 22:00 UTC.
        cls.march_29 = make_record(version=version, at=datetime(2025, 3, 29, 22, 30, tzinfo=UTC))
        cls.march_30_early = make_record(
            version=version, at=datetime(2025, 3, 29, 23, 30, tzinfo=UTC)
        )
        cls.march_30_late = make_record(
            version=version, at=datetime(2025, 3, 30, 21, 59, 59, tzinfo=UTC)
        )
        cls.march_31 = make_record(version=version, at=datetime(2025, 3, 30, 22, 0, tzinfo=UTC))
        # Winter time began at 03:00 on 26 October 2025: a day of 25 hours.
        cls.october_26_late = make_record(
            version=version, at=datetime(2025, 10, 26, 22, 59, tzinfo=UTC)
        )
        cls.october_27 = make_record(version=version, at=datetime(2025, 10, 26, 23, 0, tzinfo=UTC))

    def setUp(self):
        self.client.force_login(self.officer)

    def get(self, params):
        with warnings.catch_warnings():
            # Django warns of a naive time compared with an aware field; it must not have to.
            warnings.simplefilter("error", RuntimeWarning)
            return self.client.get(CHANGELIST, params, headers={"accept-language": "en"})

    def assertListed(self, params, expected):
        response = self.get(params)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(listed(response), {record.consent_id for record in expected})
        self.assertEqual(list(response.context["messages"]), [])
        return response

    def test_the_last_day_is_included_whole_across_the_spring_clock_change(self):
        self.assertListed(
            {"created_at__from": "2025-03-30", "created_at__to": "2025-03-30"},
            [self.march_30_early, self.march_30_late],
        )
        self.assertListed(
            {"created_at__from": "2025-03-30"},
            [self.march_30_early, self.march_30_late, self.march_31, *self.october],
        )
        self.assertListed({"created_at__to": "2025-03-29"}, [self.march_29])

    def test_the_twenty_five_hour_day_of_the_autumn_clock_change_is_one_day(self):
        self.assertListed({"created_at__to": "2025-10-26"}, [*self.march, self.october_26_late])
        self.assertListed({"created_at__from": "2025-10-27"}, [self.october_27])

    def test_a_time_typed_without_its_offset_is_read_as_stockholm_time(self):
        # The time filter's own links give the offset ("2025-03-30 00:00:00+01:00"); one
        # typed by hand without it, or a bare day, was compared with a warning from Django.
        self.assertListed(
            {"created_at__gte": "2025-03-30", "created_at__lt": "2025-03-31"},
            [self.march_30_early, self.march_30_late],
        )
        self.assertListed(
            {"created_at__gte": "2025-03-30T00:31", "created_at__lt": "2025-03-31 00:00:00"},
            [self.march_30_late],
        )
        self.assertListed({"created_at__lte": "2025-03-29 23:30"}, [self.march_29])
        self.assertListed(
            {"created_at__in": "2025-10-26 23:59,2025-10-27"},
            [self.october_26_late, self.october_27],
        )
        # A time with its offset is read as given.
        self.assertListed(
            {"created_at__gte": "2025-03-30 00:00:00+00:00", "created_at__lt": "2025-03-31"},
            [self.march_30_late],
        )
        with warnings.catch_warnings():
            warnings.simplefilter("error", RuntimeWarning)
            response = self.client.get(ACCESS_LOG, {"created_at__gte": "2025-03-30"})
            self.assertEqual(response.status_code, 200)
            export = self.client.get(EXPORT, {"created_at__gte": "2025-10-27"})
        self.assertEqual(
            [row[0] for row in csv_rows(export)[1:]], [str(self.october_27.consent_id)]
        )

    def test_a_time_typed_wrong_is_refused_as_any_wrong_filter(self):
        for value in ("2025-02-30", "2025-03-30 25:00", "yesterday"):
            with self.subTest(value=value):
                response = self.get({"created_at__gte": value})
                self.assertRedirects(response, f"{CHANGELIST}?e=1", fetch_redirect_response=False)

    def test_the_calendars_first_and_last_days_bound_nothing(self):
        self.assertListed(
            {"created_at__from": "0001-01-01", "created_at__to": "9999-12-31"},
            [*self.march, *self.october],
        )

    def test_the_filter_offers_a_labelled_form_that_keeps_the_other_filters(self):
        response = self.assertListed(
            {"created_at__from": "2025-03-30", "choice__exact": "accepted", "p": "1"},
            [self.march_30_early, self.march_30_late, self.march_31, *self.october],
        )
        self.assertContains(response, '<label for="id_created_at__from">First day</label>')
        self.assertContains(response, 'type="date" name="created_at__from" value="2025-03-30"')
        self.assertContains(response, 'name="created_at__to"')
        self.assertContains(response, '<input type="hidden" name="choice__exact" value="accepted">')
        self.assertNotContains(response, '<input type="hidden" name="p"')
        # The search form keeps the range; the filter's own form sends it as its date input.
        self.assertContains(
            response, '<input type="hidden" name="created_at__from" value="2025-03-30">', count=1
        )

    def test_a_day_that_does_not_exist_is_named_in_a_message_and_lists_nothing(self):
        for params, message in [
            (
                {"created_at__from": "2026-13-45"},
                "First day: “2026-13-45” is not a date: type it as year-month-day, "
                "such as 2026-03-01.",
            ),
            (
                {"created_at__to": "yesterday"},
                "Last day: “yesterday” is not a date: type it as year-month-day, "
                "such as 2026-03-01.",
            ),
            (
                {"created_at__from": "2025-10-27", "created_at__to": "2025-03-30"},
                "The last day (2025-03-30) is before the first day (2025-10-27).",
            ),
        ]:
            with self.subTest(params=params):
                response = self.get(params)
                self.assertEqual(response.status_code, 200)
                self.assertEqual(listed(response), set())
                self.assertIn(message, [str(m) for m in response.context["messages"]])
                self.assertContains(response, 'class="errorlist"')

    def test_a_range_costs_no_query_more_than_the_unfiltered_list(self):
        # As QueryCountTests: session, user, permissions, chart, filters, count, page, first
        # and last record; the range's bounds are in the page's query.
        with self.assertNumQueries(11):
            self.get({"created_at__from": "2025-03-30", "created_at__to": "2025-10-26"})

    def test_the_export_holds_the_records_of_the_range(self):
        params = {"created_at__from": "2025-03-30", "created_at__to": "2025-03-30"}
        _header, *rows = csv_rows(self.client.get(EXPORT, params))
        self.assertEqual(
            {row[0] for row in rows},
            {str(self.march_30_early.consent_id), str(self.march_30_late.consent_id)},
        )
        self.assertIn("created_at__from=2025-03-30", self.get(params).context["export_url"])

    def test_the_export_of_a_wrong_range_is_refused_in_plain_text_naming_the_day(self):
        # Not a redirect to the list: a download link would save that page as a file.
        params = {"created_at__from": "2025-10-27", "created_at__to": "2025-03-30"}
        response = self.client.get(EXPORT, params, headers={"accept-language": "en"})
        self.assertEqual(response.status_code, 400)
        self.assertEqual(response["Content-Type"], "text/plain; charset=utf-8")
        self.assertNotIn("Content-Disposition", response)
        text = response.content.decode()
        self.assertIn("Nothing was exported", text)
        self.assertIn("The last day (2025-03-30) is before the first day (2025-10-27).", text)
        self.assertNotIn("<", text)

    def test_a_list_whose_range_is_wrong_offers_no_export(self):
        params = {"created_at__from": "2026-11-30", "created_at__to": "2026-11-01"}
        response = self.get(params)
        self.assertContains(response, "is before the first day", count=2)  # message and filter
        self.assertIsNone(response.context["export_url"])
        self.assertNotContains(response, EXPORT)
        self.assertNotContains(response, "Export CSV")
        self.assertContains(self.get({"created_at__from": "2026-11-01"}), "Export CSV")

    @property
    def march(self):
        return [self.march_29, self.march_30_early, self.march_30_late, self.march_31]

    @property
    def october(self):
        return [self.october_26_late, self.october_27]


class QueryCountTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.officer = make_privacy_officer()
        cls.versions = [make_version("a"), make_version("b")]

    def setUp(self):
        self.client.force_login(self.officer)

    def count_queries(self, url):
        with CaptureQueriesContext(connection) as queries:
            response = self.client.get(url)
        self.assertEqual(response.status_code, 200)
        return len(queries)

    def add_records(self, number):
        for n in range(number):
            make_record(
                version=self.versions[n % 2],
                choice=list(Choice)[n % 3],
                previous_consent_id=uuid.uuid4() if n % 2 else None,
            )

    def test_record_list_queries_do_not_grow_with_the_number_of_records(self):
        self.add_records(3)
        few = self.count_queries(CHANGELIST)
        self.add_records(27)
        self.assertEqual(self.count_queries(CHANGELIST), few)

    def test_record_list_takes_eleven_queries_for_3_records_as_for_30(self):
        # Session, user, two for permissions, the chart, the cookie groups and banner versions
        # the filters offer, the count, the page, and the first and last record's times.
        for number in (3, 27):
            self.add_records(number)
            with self.subTest(records=ConsentRecord.objects.count()), self.assertNumQueries(11):
                self.client.get(CHANGELIST)

    def test_a_searched_record_list_takes_thirteen_queries_for_3_records_as_for_30(self):
        # The list's eleven, whether its user's search is logged already, and its entry; once
        # logged, the twelve.
        for number, term in ((3, "a"), (27, "b")):
            self.add_records(number)
            with self.subTest(records=ConsentRecord.objects.count()):
                with self.assertNumQueries(13):
                    self.client.get(CHANGELIST, {"q": term})
                with self.assertNumQueries(12):
                    self.client.get(CHANGELIST, {"q": term, "p": "1"})

    def test_export_takes_ten_queries_for_3_records_as_for_30(self):
        # Session, user, two for permissions, the cookie groups and banner versions the filters
        # offer (once each), the list's count (the access log's too), the access log's entry,
        # the cookie groups' columns, and the records.
        for number in (3, 27):
            self.add_records(number)
            with self.subTest(records=ConsentRecord.objects.count()), self.assertNumQueries(10):
                b"".join(self.client.get(EXPORT).streaming_content)

    def test_an_export_counts_its_list_once(self):
        self.add_records(3)
        for url, term in ((EXPORT, "2"), (ACCESS_LOG_EXPORT, "2"), (VERSION_EXPORT, "a" * 8)):
            with self.subTest(url=url), CaptureQueriesContext(connection) as queries:
                b"".join(self.client.get(url, {"q": term}).streaming_content)
            counts = [q["sql"] for q in queries if q["sql"].startswith("SELECT COUNT(")]
            self.assertEqual(len(counts), 1, counts)
        # Past the list's limit, the access log is told the whole number.
        with mock.patch("consent.admin.COUNT_LIMIT", 2):
            b"".join(self.client.get(EXPORT).streaming_content)
        self.assertEqual(
            AccessLogEntry.objects.filter(action=Action.EXPORTED_RECORDS).latest("pk").count,
            ConsentRecord.objects.count(),
        )

    def test_record_list_counts_every_record_at_most_once_and_only_up_to_a_limit(self):
        self.add_records(3)
        with CaptureQueriesContext(connection) as queries:
            self.client.get(CHANGELIST, {"choice__exact": "accepted"})
        counts = [q["sql"] for q in queries if q["sql"].startswith("SELECT COUNT(")]
        self.assertEqual(len(counts), 1)
        self.assertIn("LIMIT", counts[0])

    def test_cookie_lists_queries_do_not_grow_with_the_number_of_cookies(self):
        groups_url = reverse("admin:consent_sitecookiegroup_changelist")
        cookies_url = reverse("admin:consent_sitecookie_changelist")
        few = (self.count_queries(groups_url), self.count_queries(cookies_url))
        for n in range(5):
            group = CookieGroup.objects.create(varname=f"group{n}", name=f"Grupp {n}")
            Cookie.objects.create(cookiegroup=group, name=f"cookie{n}")
        self.assertEqual((self.count_queries(groups_url), self.count_queries(cookies_url)), few)


def bulk_records(count, *, version, id_prefix, choice, source=Source.BANNER_JS):
    """`count` Swedish records in one insert, their consent IDs all beginning with `id_prefix`."""
    return ConsentRecord.objects.bulk_create(
        ConsentRecord(
            choice=choice,
            groups={"analytics": choice == Choice.ACCEPTED},
            banner_version=version,
            language="sv",
            source=source,
            consent_id=uuid.UUID(f"{id_prefix}{n:031x}"),
        )
        for n in range(count)
    )


class CountLimitTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.officer = make_privacy_officer()
        version = make_version("a")
        # All found by a search for "a".
        bulk_records(10_001, version=version, id_prefix="a", choice=Choice.ACCEPTED)
        cls.declined = make_record(version=version, choice=Choice.DECLINED)
        make_record(version=version, choice=Choice.DECLINED)

    def setUp(self):
        self.client.force_login(self.officer)

    def get(self, params=None):
        # In English: the strings are the project's own, whatever the catalog holds.
        return self.client.get(CHANGELIST, params, headers={"accept-language": "en"})

    def test_a_search_past_the_limit_is_logged_as_more_than_it(self):
        self.get({"q": "A"})
        entry = AccessLogEntry.objects.get()
        self.assertEqual((entry.count, entry.count_exceeded), (10_000, True))
        self.get({"q": str(self.declined.consent_id)})
        response = self.client.get(ACCESS_LOG, headers={"accept-language": "en"})
        self.assertContains(
            response, '<td class="field-count_shown">More than 10,000 results</td>', html=True
        )
        self.assertContains(response, '<td class="field-count_shown">1</td>', html=True)

    def test_the_count_stops_at_ten_thousand_records_and_says_so(self):
        response = self.get()
        self.assertEqual(response.context["cl"].result_count, 10_000)
        self.assertContains(response, "More than 10,000 consent records")
        self.assertContains(response, '<a role="button" href="?p=100">100</a>', html=True)
        self.assertContains(self.get({"choice__exact": "accepted"}), "More than 10,000 results")
        # A shorter list is counted exactly.
        response = self.get({"choice__exact": "declined"})
        self.assertEqual(response.context["cl"].result_count, 2)
        self.assertContains(response, "2 consent records")
        self.assertContains(response, "2 results")
        self.assertNotContains(response, "More than")


class GroupedCountTests(TestCase):
    """Counts of records and entries have their thousands grouped, as the language does."""

    @classmethod
    def setUpTestData(cls):
        cls.officer = make_privacy_officer()
        version = make_version("a")
        bulk_records(
            1_234, version=version, id_prefix="b", choice=Choice.DECLINED, source=Source.SETTINGS
        )
        AccessLogEntry.objects.bulk_create(
            AccessLogEntry(username="integritet", action=Action.VIEWED_RECORD)
            for _n in range(1_234)
        )
        AccessLogEntry.objects.create(
            username="drift", action=Action.EXPORTED_RECORDS, count=12_345
        )

    def setUp(self):
        self.client.force_login(self.officer)

    def get(self, url, language, **params):
        response = self.client.get(url, params, headers={"accept-language": language})
        self.assertEqual(response.status_code, 200)
        return response

    def test_the_record_lists_counts_are_grouped(self):
        for language, count in (("sv", "1\xa0234"), ("en", "1,234")):
            with self.subTest(language=language):
                listed = self.get(CHANGELIST, language)
                self.assertContains(
                    listed,
                    f"{count} {'samtyckesposter' if language == 'sv' else 'consent records'}",
                )
                searched = self.get(CHANGELIST, language, q="b")
                self.assertContains(
                    searched, f"{count} {'resultat' if language == 'sv' else 'results'}"
                )
                # The chart's counts too.
                self.assertContains(
                    searched, f"{'avböjt' if language == 'sv' else 'declined'}: {count}"
                )
                self.assertNotContains(searched, "1234 ")

    def test_the_access_logs_counts_are_grouped(self):
        for language, shown in (
            (
                "sv",
                (
                    "1\xa0235 poster i åtkomstloggen",
                    "12\xa0345",
                    "1\xa0234 resultat",
                    "Visa alla",
                ),
            ),
            ("en", ("1,235 access log entries", "12,345", "1,234 results", "Show all")),
        ):
            with self.subTest(language=language):
                total, exported, *found = shown
                log = self.get(ACCESS_LOG, language)
                self.assertContains(log, total)
                self.assertContains(
                    log, f'<td class="field-count_shown">{exported}</td>', html=True
                )
                searched = self.get(ACCESS_LOG, language, q="integritet")
                for count in found:
                    self.assertContains(searched, count)
                self.assertNotContains(searched, "1234 ")

    def test_the_record_lists_count_past_its_limit_is_grouped(self):
        with mock.patch("consent.admin.COUNT_LIMIT", 1_000):
            listed = self.get(CHANGELIST, "sv")
            searched = self.get(CHANGELIST, "sv", q="b")
        self.assertContains(listed, "Fler än 1\xa0000 samtyckesposter")
        self.assertContains(searched, "Fler än 1\xa0000 resultat")
        entry = AccessLogEntry.objects.get(action=Action.SEARCHED_RECORDS)
        self.assertEqual((entry.count, entry.count_exceeded), (1_000, True))
        self.assertContains(
            self.get(ACCESS_LOG, "sv"),
            '<td class="field-count_shown">Fler än 1\xa0000 resultat</td>',
            html=True,
        )


class CookieGroupEditingTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.officer = make_privacy_officer()
        cls.analytics = CookieGroup.objects.get(varname="analytics")

    def setUp(self):
        self.client.force_login(self.officer)

    def test_a_flag_typed_beside_a_wrong_filter_goes_to_the_list_not_a_database_error(self):
        # As on the record list: Django showed its "Database error" page for these.
        for url, bad in (
            (COOKIE_GROUPS, {"is_required__exact": "x"}),
            (COOKIES, {"cookiegroup__id__exact": "abc"}),
        ):
            with self.subTest(url=url):
                response = self.client.get(url, {"e": "1", **bad}, follow=True)
                self.assertEqual(response.redirect_chain[-1], (f"{url}?e=1", 302))
                self.assertEqual(response.status_code, 200)
                self.assertIn("cl", response.context)

    def post_group(self, *, headers=None, **changes):
        """Posts the analytics group's form as the admin shows it, with the changes given."""
        data = {
            "varname": "analytics",
            "name": "Analys",
            "description": self.analytics.description,
            "is_deletable": "on",
            "ordering": "10",
            "text-TOTAL_FORMS": "1",
            "text-INITIAL_FORMS": "1",
            "text-MIN_NUM_FORMS": "0",
            "text-MAX_NUM_FORMS": "1",
            "text-0-group": self.analytics.pk,
            "text-0-name_en": "Analytics",
            "text-0-description_en": "Counts readers.",
        }
        data.update(changes)
        url = reverse("admin:consent_sitecookiegroup_change", args=[self.analytics.pk])
        return self.client.post(url, data, headers=headers)

    def test_a_group_page_lists_its_cookies(self):
        cookie = Cookie.objects.get(name="nr_analytics")
        response = self.client.get(
            reverse("admin:consent_sitecookiegroup_change", args=[self.analytics.pk])
        )
        change_url = reverse("admin:consent_sitecookie_change", args=[cookie.pk])
        self.assertContains(response, f'<a href="{change_url}">nr_analytics</a>', html=True)

    def test_privacy_officer_can_edit_a_groups_english_name(self):
        response = self.post_group(**{"text-0-name_en": "Audience measurement"})
        self.assertEqual(response.status_code, 302, response.content[:3000])
        self.analytics.text.refresh_from_db()
        self.assertEqual(self.analytics.text.name_en, "Audience measurement")

    def test_a_groups_variable_name_is_kept_once_the_group_exists(self):
        # Records keep each group's answer under this name, and the site reads "analytics":
        # a new name would part the records before from those after, and stop analytics.
        url = reverse("admin:consent_sitecookiegroup_change", args=[self.analytics.pk])
        page = self.client.get(url)
        self.assertContains(page, '<div class="readonly">analytics</div>', html=True)
        self.assertNotContains(page, 'name="varname"')
        # Still the first row: the name the group is known by.
        html = page.content.decode()
        self.assertLess(html.index("field-varname"), html.index("field-name"))
        response = self.post_group(varname="analys")
        self.assertEqual(response.status_code, 302, response.content[:3000])
        self.analytics.refresh_from_db()
        self.assertEqual(self.analytics.varname, "analytics")
        # A new group is named when it is added.
        self.client.force_login(make_superuser())
        self.assertContains(
            self.client.get(reverse("admin:consent_sitecookiegroup_add")), 'name="varname"'
        )

    def test_the_analytics_group_cannot_be_made_necessary(self):
        # Necessary cookies are asked about by nobody: the records of accepts would hold no
        # answer for analytics, the visitor's cookie would say declined, and the privacy
        # policy would list analytics among the cookies used without consent.
        response = self.post_group(is_required="on", headers={"accept-language": "en"})
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "Analytics cookies are used only with the visitor")
        self.analytics.refresh_from_db()
        self.assertFalse(self.analytics.is_required)

    def test_the_cookie_forms_say_that_a_change_asks_every_visitor_again(self):
        cookie = Cookie.objects.get(name="nr_analytics")
        for url in (
            reverse("admin:consent_sitecookiegroup_change", args=[self.analytics.pk]),
            reverse("admin:consent_sitecookie_change", args=[cookie.pk]),
            reverse("admin:consent_sitecookie_add"),
        ):
            with self.subTest(url=url):
                response = self.client.get(url, headers={"accept-language": "en"})
                self.assertContains(
                    response,
                    '<div class="description">This is shown in the privacy policy\'s cookie '
                    "table, which is part of what visitors consent to: after a change to it, "
                    "every visitor is asked again.</div>",
                    html=True,
                )
                self.assertContains(response, 'name="name"')

    def test_a_cookie_form_has_no_varname_row(self):
        # The package's "group=name:domain" key: nothing to edit, nothing readers see.
        cookie = Cookie.objects.get(name="nr_analytics")
        for url in (
            reverse("admin:consent_sitecookie_change", args=[cookie.pk]),
            reverse("admin:consent_sitecookie_add"),
        ):
            with self.subTest(url=url):
                response = self.client.get(url)
                self.assertContains(response, 'name="name"')
                self.assertNotContains(response, "field-varname")
                self.assertNotContains(response, "Varname")

    def test_a_groups_texts_sent_with_cr_lf_line_breaks_are_stored_with_lf(self):
        # The package's own field and the project's, on the form and in its inline.
        response = self.post_group(
            description="Räknar läsare.\r\nInget annat.",
            **{"text-0-description_en": "Counts readers.\r\nNothing else."},
        )
        self.assertEqual(response.status_code, 302, response.content[:3000])
        self.analytics.refresh_from_db()
        self.analytics.text.refresh_from_db()
        self.assertEqual(self.analytics.description, "Räknar läsare.\nInget annat.")
        self.assertEqual(self.analytics.text.description_en, "Counts readers.\nNothing else.")

    def test_privacy_officer_can_edit_a_cookies_lifetime(self):
        cookie = Cookie.objects.get(name="nr_analytics")
        response = self.client.post(
            reverse("admin:consent_sitecookie_change", args=[cookie.pk]),
            {
                "cookiegroup": self.analytics.pk,
                "name": "nr_analytics",
                "description": cookie.description,
                "path": "/",
                "domain": "",
                "detail-TOTAL_FORMS": "1",
                "detail-INITIAL_FORMS": "1",
                "detail-MIN_NUM_FORMS": "0",
                "detail-MAX_NUM_FORMS": "1",
                "detail-0-cookie": cookie.pk,
                "detail-0-purpose_en": "Counts readers.",
                "detail-0-lifetime_sv": "6 månader",
                "detail-0-lifetime_en": "6 months",
                "detail-0-first_party": "on",
            },
        )
        self.assertEqual(response.status_code, 302, response.content[:3000])
        cookie.detail.refresh_from_db()
        self.assertEqual(cookie.detail.lifetime_en, "6 months")


class SwedishWordingTests(TestCase):
    """The admin's own sentences around the log and the cookies read as Swedish is written."""

    @classmethod
    def setUpTestData(cls):
        cls.officer = make_privacy_officer()
        cls.entry = AccessLogEntry.objects.create(username="x", action=Action.VIEWED_RECORD)
        cls.analytics = CookieGroup.objects.get(varname="analytics")
        cls.state_cookie = Cookie.objects.get(name="nr_consent_state")

    def setUp(self):
        self.client.force_login(self.officer)

    def get(self, url, language="sv"):
        response = self.client.get(url, headers={"accept-language": language})
        self.assertEqual(response.status_code, 200)
        return response

    def test_the_access_log_counts_its_entries_and_is_titled_a_log(self):
        AccessLogEntry.objects.create(username="y", action=Action.VIEWED_RECORD)
        response = self.get(ACCESS_LOG)
        self.assertContains(response, "<h1>Åtkomstlogg</h1>", html=True)
        self.assertContains(response, "<title>Åtkomstlogg | Newsroom</title>", html=True)
        self.assertContains(response, "2 poster i åtkomstloggen")
        self.assertNotContains(response, "åtkomstpost")
        entry_url = reverse("admin:consent_accesslogentry_change", args=[self.entry.pk])
        self.assertContains(self.get(entry_url), "<h1>Visa post i åtkomstloggen</h1>", html=True)
        response = self.get(ACCESS_LOG, "en")
        self.assertContains(response, "<h1>Access log</h1>", html=True)
        self.assertContains(response, "2 access log entries")

    def test_the_cookie_admins_name_cookies_and_groups_in_lower_case(self):
        response = self.get(COOKIE_GROUPS)
        self.assertContains(response, "<h1>Välj cookiegrupp att ändra</h1>", html=True)
        self.assertContains(response, "2 cookiegrupper")
        response = self.get(COOKIES)
        self.assertContains(response, "<h1>Välj cookie att ändra</h1>", html=True)
        self.assertContains(response, f"{Cookie.objects.count()} cookies")
        group_url = reverse(COOKIE_GROUP_CHANGE, args=[self.analytics.pk])
        self.assertContains(self.get(group_url), "<h1>Ändra cookiegrupp</h1>", html=True)
        response = self.get(COOKIES, "en")
        self.assertContains(response, "<h1>Select cookie to change</h1>", html=True)

    def filters(self, response):
        """The list's filters as they read: each title, then its choices."""
        filters = re.findall(
            r"<details data-filter-title.*?</details>", response.content.decode(), re.S
        )
        texts = re.findall(r"<(?:summary|a)[^>]*>(.*?)</(?:summary|a)>", "".join(filters), re.S)
        return [" ".join(text.split()) for text in texts]

    def test_the_cookie_lists_filters_are_named_in_lower_case_as_their_sentence_needs(self):
        # Django's "På %(filter_title)s" and "By %(filter_title)s", with the package's field
        # names, read "På Nödvändig" and "By Is required".
        for language, groups, cookies in [
            (
                "sv",
                ["På typ", "Alla", "Nödvändiga", "Valfria"],
                ["På cookiegrupp", "Alla", "Nödvändiga (necessary)", "Analys (analytics)"],
            ),
            (
                "en",
                ["By type", "All", "Required", "Optional"],
                ["By cookie group", "All", "Nödvändiga (necessary)", "Analys (analytics)"],
            ),
        ]:
            with self.subTest(language=language):
                self.assertEqual(self.filters(self.get(COOKIE_GROUPS, language)), groups)
                self.assertEqual(self.filters(self.get(COOKIES, language))[:2], cookies[:2])

    def test_the_cookie_group_type_filter_keeps_its_address_and_refuses_other_values(self):
        listed = self.get(f"{COOKIE_GROUPS}?is_required__exact=0").context["cl"].result_list
        self.assertEqual([group.varname for group in listed], ["analytics"])
        listed = self.get(f"{COOKIE_GROUPS}?is_required__exact=1").context["cl"].result_list
        self.assertEqual([group.varname for group in listed], ["necessary"])
        response = self.client.get(COOKIE_GROUPS, {"is_required__exact": "maybe"})
        self.assertRedirects(response, f"{COOKIE_GROUPS}?e=1", fetch_redirect_response=False)

    def test_a_cookie_without_a_domain_is_listed_as_set_for_this_site(self):
        other = Cookie.objects.create(cookiegroup=self.analytics, name="_ga", domain=".example.com")
        response = self.get(COOKIES, "en")
        self.assertContains(
            response,
            '<td class="field-domain_shown">this site</td>',
            count=Cookie.objects.filter(domain="").count(),
            html=True,
        )
        self.assertContains(response, '<td class="field-domain_shown">.example.com</td>', html=True)
        # It sorts as the domain did.
        response = self.get(f"{COOKIES}?o=-2", "en")
        self.assertEqual(response.context["cl"].result_list[0], other)
        self.assertNotContains(self.get(COOKIES), '<td class="field-domain_shown">-</td>')

    def test_the_cookie_list_names_each_group_in_the_admins_language(self):
        for language, names in (
            ("sv", ["Nödvändiga", "Analys"]),
            ("en", ["Necessary", "Analytics"]),
        ):
            with self.subTest(language=language):
                response = self.get(COOKIES, language)
                self.assertEqual(self.filters(response)[2:], names)
                for name in names:
                    self.assertContains(
                        response, f'<td class="field-group_shown">{name}</td>', html=True
                    )
        # A group without an English name keeps its own; the column sorts by the group.
        CookieGroup.objects.create(varname="ads", name="Annonser")
        Cookie.objects.create(cookiegroup=CookieGroup.objects.get(varname="ads"), name="ad")
        response = self.get(f"{COOKIES}?o=1", "en")
        self.assertEqual(sorted(self.filters(response)[2:]), ["Analytics", "Annonser", "Necessary"])
        self.assertEqual(response.context["cl"].result_list[0].name, "ad")

    def test_a_cookie_of_this_site_is_titled_by_its_name(self):
        response = self.get(reverse(COOKIE_CHANGE, args=[self.state_cookie.pk]))
        self.assertContains(response, "<h1>Ändra cookie</h1>", html=True)
        self.assertContains(response, "<h2>nr_consent_state</h2>", html=True)
        self.assertContains(response, '<li aria-current="page">nr_consent_state</li>', html=True)
        self.assertNotContains(response, "nr_consent_state /")
        # Another site's cookie is named with where it is set.
        other = Cookie.objects.create(
            cookiegroup=self.analytics, name="_ga", domain=".example.com", path="/"
        )
        response = self.get(reverse(COOKIE_CHANGE, args=[other.pk]))
        self.assertContains(response, "<h2>_ga (.example.com/)</h2>", html=True)


class ExportCommandTests(ExportTestCase):
    """manage.py consent_export: the admin export's rows, without a request's time limit."""

    def export(self, *args):
        out = io.StringIO()
        call_command("consent_export", *args, stdout=out, stderr=io.StringIO())
        return out.getvalue()

    def test_the_command_writes_what_the_admin_export_sends(self):
        self.assertEqual(
            self.export(), b"".join(self.client.get(EXPORT).streaming_content).decode()
        )

    def test_days_are_local_and_inclusive(self):
        # 2025-05-02 09:30 in Stockholm is 07:30 UTC: the record is on the local 2 May.
        for args, expected in [
            (["--since", "2025-05-02"], [self.declined]),
            (["--until", "2025-05-01"], self.accepted[::-1]),
            (
                ["--since", "2025-05-01", "--until", "2025-05-02"],
                [self.declined, *self.accepted[::-1]],
            ),
            (["--since", "2025-05-03"], []),
            # The calendar's first and last days bound nothing (their midnights in Stockholm
            # cannot be given in UTC).
            (["--since", "0001-01-01"], [self.declined, *self.accepted[::-1]]),
            (["--until", "9999-12-31"], [self.declined, *self.accepted[::-1]]),
        ]:
            with self.subTest(args=args):
                _header, *rows = read_csv(self.export(*args))
                self.assertEqual([row[0] for row in rows], [str(r.consent_id) for r in expected])

    def test_it_writes_a_file_and_refuses_bad_input_plainly(self):
        with tempfile.TemporaryDirectory() as folder:
            path = f"{folder}/samtycken.csv"
            self.export("--output", path)
            with open(path, encoding="utf-8", newline="") as file:
                self.assertEqual(file.read(), self.export())
            for args, message in [
                (["--since", "2025-13-01"], "Not a date (YYYY-MM-DD): '2025-13-01'"),
                (["--since", "2025-05-02", "--until", "2025-05-01"], "--since is after --until"),
                (["--output", f"{folder}/saknas/fil.csv"], "Cannot write"),
            ]:
                with self.subTest(args=args), self.assertRaisesMessage(CommandError, message):
                    self.export(*args)


class OldCookieAdminAddressTests(TestCase):
    """The package's cookie admin addresses, bookmarked before the proxies, lead to the new ones."""

    @classmethod
    def setUpTestData(cls):
        cls.officer = make_privacy_officer()
        cls.superuser = make_superuser()
        cls.analytics = CookieGroup.objects.get(varname="analytics")
        cls.cookie = Cookie.objects.get(name="nr_consent_state")

    def test_every_old_page_moves_permanently_to_the_same_page_at_the_new_address(self):
        self.client.force_login(self.superuser)
        group, cookie = self.analytics.pk, self.cookie.pk
        for old, new in [
            ("/admin/cookie_consent/cookiegroup/", COOKIE_GROUPS),
            (
                "/admin/cookie_consent/cookiegroup/?is_required__exact=0&q=ana",
                f"{COOKIE_GROUPS}?is_required__exact=0&q=ana",
            ),
            (
                f"/admin/cookie_consent/cookiegroup/{group}/change/",
                reverse(COOKIE_GROUP_CHANGE, args=[group]),
            ),
            (f"/admin/cookie_consent/cookiegroup/{group}/", f"{COOKIE_GROUPS}{group}/"),
            (
                f"/admin/cookie_consent/cookiegroup/{group}/history/",
                reverse("admin:consent_sitecookiegroup_history", args=[group]),
            ),
            (
                f"/admin/cookie_consent/cookiegroup/{group}/delete/",
                reverse("admin:consent_sitecookiegroup_delete", args=[group]),
            ),
            ("/admin/cookie_consent/cookiegroup/add/", f"{COOKIE_GROUPS}add/"),
            ("/admin/cookie_consent/cookie/", COOKIES),
            (
                f"/admin/cookie_consent/cookie/{cookie}/change/?_changelist_filters=q%3Dnr",
                f"{reverse(COOKIE_CHANGE, args=[cookie])}?_changelist_filters=q%3Dnr",
            ),
            (
                f"/admin/cookie_consent/cookie/{cookie}/history/",
                reverse("admin:consent_sitecookie_history", args=[cookie]),
            ),
            (
                f"/admin/cookie_consent/cookie/{cookie}/delete/",
                reverse("admin:consent_sitecookie_delete", args=[cookie]),
            ),
        ]:
            with self.subTest(old=old):
                response = self.client.get(old)
                self.assertEqual(response.status_code, 301)
                self.assertEqual(response["Location"], new)
                # The object's bare address is the admin's own redirect to its change page.
                self.assertIn(self.client.get(new).status_code, (200, 302))

    def test_the_old_app_index_moves_permanently_to_the_consent_apps(self):
        self.client.force_login(self.officer)
        index = reverse("admin:app_list", kwargs={"app_label": "consent"})
        for old, new in [
            ("/admin/cookie_consent/", index),
            (
                "/admin/cookie_consent/?next=https://evil.example/",
                f"{index}?next=https://evil.example/",
            ),
        ]:
            with self.subTest(old=old):
                response = self.client.get(old)
                self.assertEqual(response.status_code, 301)
                self.assertEqual(response["Location"], new)
        # Without its slash, the admin adds it first, as to any of its addresses.
        response = self.client.get("/admin/cookie_consent", follow=True)
        self.assertEqual(response.redirect_chain, [("/admin/cookie_consent/", 301), (index, 301)])
        self.assertContains(response, reverse("admin:consent_sitecookiegroup_changelist"))

    def test_a_visitor_who_is_not_logged_in_is_sent_to_the_login_before_the_old_index(self):
        response = self.client.get("/admin/cookie_consent/")
        self.assertEqual(response.status_code, 302)
        self.assertEqual(
            response["Location"], f"{reverse('admin:login')}?next=/admin/cookie_consent/"
        )

    def test_the_new_page_checks_the_users_permissions_itself(self):
        self.client.force_login(self.officer)
        old = f"/admin/cookie_consent/cookie/{self.cookie.pk}/delete/"
        response = self.client.get(old, follow=True)
        self.assertEqual(
            response.redirect_chain,
            [(reverse("admin:consent_sitecookie_delete", args=[self.cookie.pk]), 301)],
        )
        self.assertEqual(response.status_code, 403)

    def test_the_redirect_never_leaves_the_site_or_the_new_admin(self):
        self.client.force_login(self.officer)
        for old, new in [
            ("/admin/cookie_consent/cookie//evil.example/", f"{COOKIES}/evil.example/"),
            # The address as Django reads it, decoded: the same page (and still this site's).
            ("/admin/cookie_consent/cookie/%2F%2Fevil.example", f"{COOKIES}//evil.example"),
            ("/admin/cookie_consent/cookie/%5Cevil.example", f"{COOKIES}%5Cevil.example"),
            # An escaped "?" stays a part of the path, not the start of a query.
            ("/admin/cookie_consent/cookie/%3Fnext=x/", f"{COOKIES}%3Fnext%3Dx/"),
            (
                "/admin/cookie_consent/cookie/?next=https://evil.example/",
                f"{COOKIES}?next=https://evil.example/",
            ),
        ]:
            with self.subTest(old=old):
                response = self.client.get(old)
                self.assertEqual(response.status_code, 301)
                self.assertEqual(response["Location"], new)

    def test_a_visitor_who_is_not_logged_in_is_sent_to_the_login_first(self):
        old = f"/admin/cookie_consent/cookie/{self.cookie.pk}/change/"
        response = self.client.get(old)
        self.assertEqual(response.status_code, 302)
        self.assertEqual(response["Location"], f"{reverse('admin:login')}?next={old}")

    def test_other_old_addresses_are_still_not_found(self):
        self.client.force_login(self.officer)
        for old in ["/admin/cookie_consent/logitem/", "/admin/cookie_consent/cookiegroups/"]:
            with self.subTest(old=old):
                self.assertEqual(self.client.get(old).status_code, 404)


class BannerVersionDateTests(TestCase):
    """A version is named by the day it was first answered, as Stockholm counts days."""

    @classmethod
    def setUpTestData(cls):
        cls.officer = make_privacy_officer()

    def version_at(self, letter, at):
        version = make_version(letter)
        BannerVersion.objects.filter(pk=version.pk).update(created_at=at)
        version.refresh_from_db()
        return version

    def test_a_version_first_answered_around_midnight_is_named_by_the_local_day(self):
        for letter, (at, day) in zip(
            "defgh",
            [
                # Winter (UTC+1) and summer (UTC+2), just before and just after local midnight.
                (datetime(2025, 1, 14, 22, 59, tzinfo=UTC), "2025-01-14"),
                (datetime(2025, 1, 14, 23, 0, tzinfo=UTC), "2025-01-15"),
                (datetime(2025, 6, 1, 21, 59, tzinfo=UTC), "2025-06-01"),
                (datetime(2025, 6, 1, 22, 0, tzinfo=UTC), "2025-06-02"),
                (datetime(2025, 6, 1, 23, 30, tzinfo=UTC), "2025-06-02"),
            ],
            strict=True,
        ):
            with self.subTest(at=at):
                version = self.version_at(letter, at)
                self.assertEqual(version.label, f"{day} ({letter * 8})")
                self.assertEqual(str(version), version.label)

    def test_the_lists_name_a_version_by_its_local_day(self):
        at = datetime(2025, 6, 1, 22, 30, tzinfo=UTC)  # 00:30 on 2 June in Stockholm
        version = self.version_at("e", at)
        make_record(version=version, at=at)
        self.client.force_login(self.officer)
        listed = self.client.get(CHANGELIST)
        self.assertContains(
            listed, '<td class="field-version">2025-06-02 (eeeeeeee)</td>', html=True
        )
        versions = self.client.get(VERSION_CHANGELIST)
        self.assertContains(versions, "2025-06-02 (eeeeeeee)</a>")
        # Only the time's machine-readable datetime, in UTC, names the 1st.
        self.assertNotContains(versions, ">2025-06-01")
        self.assertContains(versions, '<span class="nowrap">2025-06-02</span> 00:30</time>')


class BooleanColumnTests(TestCase):
    """The lists' yes/no icons say what they mean in the admin's language, not "True"/"False"."""

    @classmethod
    def setUpTestData(cls):
        cls.officer = make_privacy_officer()
        version = make_version("a")
        make_record(version=version, choice=Choice.ACCEPTED)
        make_record(version=version, choice=Choice.DECLINED)
        make_record(version=version, groups={})  # from before the group existed
        analytics = CookieGroup.objects.get(varname="analytics")
        Cookie.objects.create(cookiegroup=analytics, name="_other")  # no details yet

    def setUp(self):
        self.client.force_login(self.officer)

    def icon(self, column, icon, alt):
        return f'<td class="field-{column}"><img src="{static(f"admin/img/icon-{icon}.svg")}" alt="{alt}"></td>'

    def test_the_icons_are_named_in_swedish_and_in_english(self):
        for language, words in [
            (
                "sv",
                {
                    "accepted": "Accepterat",
                    "declined": "Avböjt",
                    "none": "Inget svar",
                    "yes": "Ja",
                    "no": "Nej",
                    "unknown": "Okänt",
                },
            ),
            (
                "en",
                {
                    "accepted": "Accepted",
                    "declined": "Declined",
                    "none": "No answer",
                    "yes": "Yes",
                    "no": "No",
                    "unknown": "Unknown",
                },
            ),
        ]:
            with self.subTest(language=language):
                headers = {"accept-language": language}
                records = self.client.get(CHANGELIST, headers=headers)
                self.assertContains(
                    records, self.icon("analytics", "yes", words["accepted"]), html=True
                )
                self.assertContains(
                    records, self.icon("analytics", "no", words["declined"]), html=True
                )
                self.assertContains(
                    records, self.icon("analytics", "unknown", words["none"]), html=True
                )
                groups = self.client.get(COOKIE_GROUPS, headers=headers)
                self.assertContains(groups, self.icon("required", "yes", words["yes"]), html=True)
                self.assertContains(groups, self.icon("required", "no", words["no"]), html=True)
                cookies = self.client.get(COOKIES, headers=headers)
                self.assertContains(
                    cookies, self.icon("first_party", "yes", words["yes"]), html=True
                )
                self.assertContains(
                    cookies, self.icon("first_party", "unknown", words["unknown"]), html=True
                )
                for response in (records, groups, cookies):
                    for alt in ('alt="True"', 'alt="False"', 'alt="None"'):
                        self.assertNotContains(response, alt)

    def test_the_required_column_keeps_its_heading_and_sorts(self):
        response = self.client.get(COOKIE_GROUPS, {"o": "3"}, headers={"accept-language": "sv"})
        self.assertContains(response, '<a role="button" href="?o=-3">Nödvändig</a>', html=True)
        self.assertEqual(
            [group.is_required for group in response.context["cl"].result_list], [False, True]
        )


class ReadOnlyBooleanFieldTests(TestCase):
    """A change form's read-only yes/no fields say what they mean in the admin's language too."""

    @classmethod
    def setUpTestData(cls):
        # Someone who may look at the cookie table but not change it: every field is read-only.
        cls.reader = User.objects.create_user("lasare", password="x", is_staff=True)
        cls.reader.user_permissions.set(
            Permission.objects.filter(
                content_type__app_label="consent",
                codename__in=[
                    "view_sitecookiegroup",
                    "view_cookiegrouptext",
                    "view_sitecookie",
                    "view_cookiedetail",
                ],
            )
        )
        cls.necessary = CookieGroup.objects.get(varname="necessary")
        cls.cookie = Cookie.objects.get(name="nr_consent_state")

    def setUp(self):
        self.client.force_login(self.reader)

    def readonly_icon(self, icon, alt):
        return f'<div class="readonly"><img src="{static(f"admin/img/icon-{icon}.svg")}" alt="{alt}"></div>'

    def test_the_icons_are_named_in_swedish_and_in_english(self):
        group_url = reverse(COOKIE_GROUP_CHANGE, args=[self.necessary.pk])
        cookie_url = reverse(COOKIE_CHANGE, args=[self.cookie.pk])
        for language, yes, no in [("sv", "Ja", "Nej"), ("en", "Yes", "No")]:
            with self.subTest(language=language):
                headers = {"accept-language": language}
                group = self.client.get(group_url, headers=headers)
                self.assertFalse(group.context["has_change_permission"])
                # Required, and not deletable.
                self.assertContains(group, self.readonly_icon("yes", yes), html=True)
                self.assertContains(group, self.readonly_icon("no", no), html=True)
                # The cookie's details, in their inline: first party.
                cookie = self.client.get(cookie_url, headers=headers)
                self.assertContains(cookie, self.readonly_icon("yes", yes), html=True)
                for response in (group, cookie):
                    for alt in ('alt="True"', 'alt="False"', 'alt="None"'):
                        self.assertNotContains(response, alt)


class PrivacyOfficerMigrationTests(TestCase):
    """Databases made before 0013 take back the role's permissions on the package's models."""

    migration = importlib.import_module(
        "consent.migrations.0013_privacy_officer_without_package_permissions"
    )

    def test_the_role_loses_the_package_models_and_keeps_the_rest(self):
        group = Group.objects.get(name="Privacy officer")
        package = Permission.objects.filter(content_type__app_label="cookie_consent")
        kept = set(group.permissions.exclude(pk__in=package))
        # What 0003 gave before.
        group.permissions.add(
            *package.filter(
                codename__in=[
                    "view_cookiegroup",
                    "change_cookiegroup",
                    "view_cookie",
                    "change_cookie",
                    "add_cookie",
                ]
            )
        )
        self.migration.privacy_officers_lose_the_package_models(apps, None)
        self.assertEqual(set(group.permissions.all()), kept)

    def test_a_database_without_the_role_is_left_as_it_is(self):
        Group.objects.filter(name="Privacy officer").delete()
        self.migration.privacy_officers_lose_the_package_models(apps, None)
        self.assertFalse(Group.objects.filter(name="Privacy officer").exists())
