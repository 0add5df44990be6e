"""A privacy officer in the Swedish admin: a range of days, a record, the access log."""

import importlib
import uuid
from datetime import UTC, datetime
from pathlib import Path

import pytest
from django.apps import apps
from django.contrib.auth.models import Group, User
from playwright.sync_api import expect

from consent.models import AccessLogEntry, BannerVersion, ConsentRecord
from tests.browser.conftest import admin_log_in, serious_violations

PASSWORD = "integritetens-eget-losenord-42"


@pytest.fixture
def officer(db):
    """The migrations' "Privacy officer" role (a transactional test's flush deletes it)."""
    importlib.import_module("consent.migrations.0003_privacy_officer_group").create_role(apps, None)
    importlib.import_module("consent.migrations.0008_access_log").privacy_officers_read_the_log(
        apps, None
    )
    importlib.import_module(
        "consent.migrations.0012_cookie_proxies_access_log_entries"
    ).privacy_officers_edit_the_cookies(apps, None)
    user = User.objects.create_user(username="integritet", password=PASSWORD, is_staff=True)
    user.groups.add(Group.objects.get(name="Privacy officer"))
    return user


def list_at_1280_pixels(new_context, live_server, officer, path, *, rows):
    """The officer's list at `path` in a 1280 px window, its table checked to fit its column."""
    page = new_context(viewport={"width": 1280, "height": 800}).new_page()
    admin_log_in(page, live_server.url, officer.username, PASSWORD)
    page.goto(live_server.url + path)
    table = page.locator("#result_list")
    expect(table.locator("tbody tr")).to_have_count(rows)
    widths = table.evaluate("table => [table.scrollWidth, table.parentElement.clientWidth]")
    assert widths[0] <= widths[1], f"table {widths[0]} px wide in {widths[1]} px"
    return page, table


def make_record(version, at):
    record = ConsentRecord.objects.create(
        choice=ConsentRecord.Choice.ACCEPTED,
        groups={"analytics": True},
        banner_version=version,
        language="sv",
        source=ConsentRecord.Source.BANNER_JS,
    )
    ConsentRecord.objects.filter(pk=record.pk).update(created_at=at)
    return record


@pytest.mark.django_db(transaction=True)
def test_an_officer_lists_a_range_of_days_opens_a_record_and_finds_it_in_the_log(
    live_server, page, axe, officer
):
    version = BannerVersion.objects.create(digest="a" * 64, texts={"sv": {"title": "Rubrik"}})
    # 23:30 UTC on 29 March 2025 is already 30 March in Stockholm.
    inside = make_record(version, datetime(2025, 3, 29, 23, 30, tzinfo=UTC))
    make_record(version, datetime(2025, 3, 29, 22, 30, tzinfo=UTC))
    admin = live_server.url + "/admin/"
    admin_log_in(page, live_server.url, officer.username, PASSWORD)

    page.goto(admin + "consent/consentrecord/")
    page.locator("#id_created_at__from").fill("2025-03-30")
    page.locator("#id_created_at__to").fill("2025-03-30")
    page.locator(".consent-date-range input[type=submit]").click()
    expect(page.locator("#result_list tbody tr")).to_have_count(1)
    expect(page.locator("#result_list")).to_contain_text(str(inside.consent_id))
    assert serious_violations(axe.run(page)) == []

    # A last day before the first is named, and the list holds nothing.
    page.locator("#id_created_at__from").fill("2025-04-02")
    page.locator(".consent-date-range input[type=submit]").click()
    expect(page.locator(".messagelist .error")).to_contain_text("(2025-03-30)")
    expect(page.locator("#result_list tbody tr")).to_have_count(0)
    assert serious_violations(axe.run(page)) == []

    page.goto(admin + f"consent/consentrecord/{inside.pk}/change/")
    expect(page.locator("body")).to_contain_text(str(inside.consent_id))
    page.goto(admin + "consent/accesslogentry/")
    expect(page.locator("#result_list tbody tr")).to_have_count(1)
    expect(page.locator("#result_list")).to_contain_text(str(inside.consent_id))
    assert serious_violations(axe.run(page)) == []
    assert AccessLogEntry.objects.get().username == "integritet"


@pytest.mark.django_db(transaction=True)
def test_the_record_list_fits_a_1280_pixel_window_and_names_languages_in_swedish(
    live_server, new_context, axe, officer
):
    version = BannerVersion.objects.create(digest="a" * 64, texts={"sv": {"title": "Rubrik"}})
    for language, source in (("sv", "banner-nojs"), ("en", "settings"), ("sv", "gpc")):
        ConsentRecord.objects.create(
            choice=ConsentRecord.Choice.WITHDRAWN,
            groups={"analytics": False},
            banner_version=version,
            language=language,
            source=source,
        )
    page, table = list_at_1280_pixels(
        new_context, live_server, officer, "/admin/consent/consentrecord/", rows=3
    )
    languages = table.locator("tbody td.field-language_name").all_inner_texts()
    assert sorted(languages) == ["engelska", "svenska", "svenska"]
    # Nothing the list showed is lost: each row still names its version and source.
    expect(table.locator("tbody")).to_contain_text(version.label)
    expect(table.locator("tbody")).to_contain_text("Global Privacy Control")
    assert serious_violations(axe.run(page)) == []


@pytest.mark.django_db(transaction=True)
def test_the_export_button_saves_the_csv_file_and_a_wrong_range_offers_none(
    live_server, page, officer
):
    version = BannerVersion.objects.create(digest="a" * 64, texts={"sv": {"title": "Rubrik"}})
    record = make_record(version, datetime(2025, 3, 29, 23, 30, tzinfo=UTC))
    admin_log_in(page, live_server.url, officer.username, PASSWORD)

    page.goto(live_server.url + "/admin/consent/consentrecord/?created_at__from=2025-03-30")
    with page.expect_download() as download:
        page.get_by_role("link", name="Exportera CSV", exact=True).click()
    assert download.value.suggested_filename.startswith("consent-records-")
    assert download.value.suggested_filename.endswith(".csv")
    assert str(record.consent_id) in Path(download.value.path()).read_text(encoding="utf-8-sig")

    # Rather than a file of the list's error page ("download.html").
    page.goto(
        live_server.url
        + "/admin/consent/consentrecord/?created_at__from=2026-11-30&created_at__to=2026-11-01"
    )
    expect(page.locator(".messagelist .error")).to_contain_text("(2026-11-01)")
    expect(page.get_by_role("link", name="Exportera CSV", exact=True)).to_have_count(0)


@pytest.mark.django_db(transaction=True)
def test_the_access_log_fits_a_1280_pixel_window_with_a_long_logged_search(
    live_server, new_context, axe, officer
):
    # A consent ID pasted many times over: 300 characters with nowhere to break.
    term = "0123456789abcdef" * 19
    query = "q=" + term
    entry = AccessLogEntry.objects.create(
        username="integritet",
        action=AccessLogEntry.Action.SEARCHED_RECORDS,
        query=query,
        count=0,
    )
    # And the other columns at their widest: a record with others, an export's long filters.
    AccessLogEntry.objects.create(
        username="integritet",
        action=AccessLogEntry.Action.VIEWED_RECORD,
        consent_id=uuid.uuid4(),
        other_consent_ids=[str(uuid.uuid4()), str(uuid.uuid4())],
    )
    AccessLogEntry.objects.create(
        username="integritet",
        action=AccessLogEntry.Action.EXPORTED_RECORDS,
        count=12_345,
        query="choice__exact=accepted&created_at__from=2026-11-01&created_at__to=2026-11-30",
    )
    page, _table = list_at_1280_pixels(
        new_context, live_server, officer, "/admin/consent/accesslogentry/", rows=3
    )
    assert page.evaluate("document.documentElement.scrollWidth") <= 1280
    assert serious_violations(axe.run(page)) == []

    # The entry's page gives the search whole, within the window too.
    page.goto(live_server.url + f"/admin/consent/accesslogentry/{entry.pk}/change/")
    expect(page.locator(".field-query_whole .readonly")).to_have_text("Sökning: " + term)
    assert page.evaluate("document.documentElement.scrollWidth") <= 1280
