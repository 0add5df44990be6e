"""axe-core on every admin page editors, privacy officers and the site's administrator use.

In the Swedish admin.

One browser and one context, logged in as each role in turn, the pages in sequence. Stricter
than the project's bar (no serious or critical violation), as the reader pages' test is: every
admin page here is clean today, so a moderate finding is news too.
"""

import importlib
from datetime import UTC, date, datetime

import pytest
from cookie_consent.models import Cookie, CookieGroup
from django.apps import apps
from django.contrib.auth.models import Group, User
from django.contrib.redirects.models import Redirect
from django.contrib.sites.models import Site
from playwright.sync_api import expect

from articles.models import Article, ArticleViewDay
from consent.models import AccessLogEntry, BannerVersion, ConsentRecord
from tests.browser.conftest import admin_log_in
from tests.factories import (
    make_article,
    make_author,
    make_cookie_groups,
    make_image,
    make_section,
)

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "administrationens-eget-losenord-42"
AXE_RUN = "axe.run({resultTypes: ['violations']})"
# Drawn by JavaScript as the page is ready: axe runs once they are there.
AUTOCOMPLETE = ".select2-container"
FILTER_HORIZONTAL = ".selector"


def role_user(username, role):
    """A staff user in one of the roles the data migrations make (a flush deletes them)."""
    user = User.objects.create_user(username, password=PASSWORD, is_staff=True)
    user.groups.add(Group.objects.get(name=role))
    return user


@pytest.fixture
def roles(db):
    importlib.import_module("articles.migrations.0004_editor_role").create_role(apps, None)
    importlib.import_module("consent.migrations.0003_privacy_officer_group").create_role(apps, None)
    importlib.import_module("consent.migrations.0008_access_log").privacy_officers_read_the_log(
        apps, None
    )
    importlib.import_module(
        "consent.migrations.0012_cookie_proxies_access_log_entries"
    ).privacy_officers_edit_the_cookies(apps, None)
    return {
        "editor": role_user("redaktor", "Editor"),
        "officer": role_user("integritet", "Privacy officer"),
        # The site's administrator: users, groups, redirects, the site, a new cookie group.
        "superuser": User.objects.create_superuser("webbansvarig", password=PASSWORD),
    }


@pytest.fixture
def admin_pages(roles):
    """(page, path[, what JavaScript draws there]) of every page each role works on.

    Each page under the role that works on it; the superuser's are those only it can open.
    """
    section = make_section(slug="inrikes", name_sv="Inrikes", name_en="Sweden")
    author = make_author(name="Eva Lindqvist", slug="eva-lindqvist")
    image = make_image(alt_text="Riksdagshuset i kvällsljus")
    article = make_article(
        section=section,
        authors=[author],
        headline="Riksdagen röstade om budgeten",
        lead_image=image,
        lead_image_caption="Riksdagshuset i Stockholm.",
    )
    translation = make_article(
        section=section,
        language="en",
        headline="Parliament voted on the budget",
        translation_of=article,
    )
    # Changed since: the translation's form and the list say the translation may be out of date.
    article.lede = "Budgeten röstades igenom efter en lång debatt."
    article.save()
    revision = article.history.earliest()
    # An article deleted since, for the list of deleted articles and its restore page.
    gone = make_article(section=section, authors=[author], headline="Ett raderat utkast")
    gone.delete()
    deletion = Article.history.filter(history_type="-").get()
    version = BannerVersion.objects.create(digest="a" * 64, texts={"sv": {"title": "Rubrik"}})
    record = ConsentRecord.objects.create(
        choice=ConsentRecord.Choice.ACCEPTED,
        groups={"analytics": True},
        banner_version=version,
        language="sv",
        source=ConsentRecord.Source.BANNER_JS,
    )
    ConsentRecord.objects.filter(pk=record.pk).update(
        created_at=datetime(2025, 3, 29, 23, 30, tzinfo=UTC)
    )
    # The visitor answered again: the record's page shows both in its history.
    ConsentRecord.objects.create(
        previous_consent_id=record.consent_id,
        choice=ConsentRecord.Choice.WITHDRAWN,
        groups={"analytics": False},
        banner_version=version,
        language="sv",
        source=ConsentRecord.Source.SETTINGS,
    )
    entry = AccessLogEntry.objects.create(
        user=roles["officer"],
        username=roles["officer"].username,
        action=AccessLogEntry.Action.VIEWED_RECORD,
        consent_id=record.consent_id,
    )
    make_cookie_groups()
    group = CookieGroup.objects.get(varname="analytics")
    cookie = Cookie.objects.get(name="nr_analytics")
    site = Site.objects.get_current()
    redirect = Redirect.objects.create(site=site, old_path="/sv/gammal/", new_path="/sv/ny/")
    most_read = ArticleViewDay.objects.create(
        article=article, date=date(2025, 3, 30), views=12, visitors=9
    )
    editors = Group.objects.get(name="Editor")
    editor = roles["editor"]
    articles = "/admin/articles/"
    consent = "/admin/consent/"
    auth = "/admin/auth/"
    cookies = "/admin/consent/"
    return {
        "editor": [
            ("admin index", "/admin/"),
            ("article list", f"{articles}article/"),
            ("article list, searched", f"{articles}article/?q=budget"),
            ("article list, filtered", f"{articles}article/?visibility=live&language__exact=sv"),
            ("article list, original changed", f"{articles}article/?translation=original_changed"),
            ("article add form", f"{articles}article/add/", AUTOCOMPLETE),
            ("article change form", f"{articles}article/{article.pk}/change/", AUTOCOMPLETE),
            (
                "translation change form",
                f"{articles}article/{translation.pk}/change/",
                AUTOCOMPLETE,
            ),
            ("article delete confirmation", f"{articles}article/{article.pk}/delete/"),
            ("article history", f"{articles}article/{article.pk}/history/"),
            ("deleted articles", f"{articles}article/deleted/"),
            (
                "restore confirmation",
                f"{articles}article/deleted/{deletion.history_id}/restore/",
            ),
            (
                "revision restore form",
                f"{articles}article/{article.pk}/history/{revision.history_id}/",
                AUTOCOMPLETE,
            ),
            ("image list", f"{articles}image/"),
            ("image add form", f"{articles}image/add/"),
            ("image change form", f"{articles}image/{image.pk}/change/"),
            ("section list", f"{articles}section/"),
            ("section add form", f"{articles}section/add/"),
            ("section change form", f"{articles}section/{section.pk}/change/"),
            ("author list", f"{articles}author/"),
            ("author add form", f"{articles}author/add/"),
            ("author change form", f"{articles}author/{author.pk}/change/"),
            ("most read", f"{articles}articleviewday/"),
            ("most read, searched", f"{articles}articleviewday/?q=budget"),
            (
                "most read, filtered",
                f"{articles}articleviewday/?date__year=2025&article__section__id__exact={section.pk}",
            ),
            ("most read, a day", f"{articles}articleviewday/{most_read.pk}/change/"),
            ("password change", "/admin/password_change/"),
        ],
        "officer": [
            ("admin index", "/admin/"),
            ("consent record list", f"{consent}consentrecord/"),
            (
                "consent record list, a range of days",
                f"{consent}consentrecord/?created_at__from=2025-03-30&created_at__to=2025-03-30",
            ),
            ("consent record list, searched", f"{consent}consentrecord/?q={record.consent_id}"),
            ("consent record", f"{consent}consentrecord/{record.pk}/change/"),
            ("banner version list", f"{consent}bannerversion/"),
            ("banner version", f"{consent}bannerversion/{version.pk}/change/"),
            ("access log", f"{consent}accesslogentry/"),
            ("access log, searched", f"{consent}accesslogentry/?q={entry.username}"),
            (
                "access log, searched by consent ID",
                f"{consent}accesslogentry/?q={record.consent_id}",
            ),
            ("access log, filtered", f"{consent}accesslogentry/?action={entry.action}"),
            ("access log entry", f"{consent}accesslogentry/{entry.pk}/change/"),
            ("cookie group list", f"{cookies}sitecookiegroup/"),
            ("cookie group list, searched", f"{cookies}sitecookiegroup/?q=analytics"),
            ("cookie group list, filtered", f"{cookies}sitecookiegroup/?is_required__exact=0"),
            ("cookie group change form", f"{cookies}sitecookiegroup/{group.pk}/change/"),
            ("cookie list", f"{cookies}sitecookie/"),
            ("cookie list, searched", f"{cookies}sitecookie/?q={cookie.name}"),
            ("cookie list, filtered", f"{cookies}sitecookie/?cookiegroup__id__exact={group.pk}"),
            ("cookie add form", f"{cookies}sitecookie/add/"),
            ("cookie change form", f"{cookies}sitecookie/{cookie.pk}/change/"),
            ("password change", "/admin/password_change/"),
        ],
        "superuser": [
            ("admin index", "/admin/"),
            ("user list", f"{auth}user/"),
            ("user list, searched", f"{auth}user/?q=redaktor"),
            (
                "user list, filtered",
                f"{auth}user/?is_staff__exact=1&groups__id__exact={editors.pk}",
            ),
            ("user add form", f"{auth}user/add/"),
            ("user change form", f"{auth}user/{editor.pk}/change/", FILTER_HORIZONTAL),
            ("user password form", f"{auth}user/{editor.pk}/password/"),
            ("user history", f"{auth}user/{editor.pk}/history/"),
            ("group list", f"{auth}group/"),
            ("group list, searched", f"{auth}group/?q=Editor"),
            ("group add form", f"{auth}group/add/", FILTER_HORIZONTAL),
            ("group change form", f"{auth}group/{editors.pk}/change/", FILTER_HORIZONTAL),
            ("cookie group add form", f"{cookies}sitecookiegroup/add/"),
            ("redirect list", "/admin/redirects/redirect/"),
            ("redirect list, searched", "/admin/redirects/redirect/?q=gammal"),
            ("redirect list, filtered", f"/admin/redirects/redirect/?site__id__exact={site.pk}"),
            ("redirect add form", "/admin/redirects/redirect/add/"),
            ("redirect change form", f"/admin/redirects/redirect/{redirect.pk}/change/"),
            ("site list", "/admin/sites/site/"),
            ("site list, searched", f"/admin/sites/site/?q={site.domain}"),
            ("site change form", f"/admin/sites/site/{site.pk}/change/"),
            ("password change", "/admin/password_change/"),
        ],
    }


def violations(page):
    """axe-core's violations on the page, of any impact, as readable lines with their selectors."""
    return [
        f"{v['id']} ({v['impact']}): {v['help']} – {[n['target'] for n in v['nodes']]}"
        for v in page.evaluate(AXE_RUN)["violations"]
    ]


def test_every_admin_page_passes_axe(live_server, new_context, axe, roles, admin_pages):
    found = {}

    def check(page, role, name, path, drawn=None):
        response = page.goto(live_server.url + path)
        assert response.ok, (role, name, path, response.status)
        # Not sent elsewhere (a list's "invalid filter" redirect, the login page).
        expect(page).to_have_url(live_server.url + path)
        if drawn:
            expect(page.locator(drawn).first).to_be_attached()
        if results := violations(page):
            found[f"{role}: {name}"] = results

    context = new_context()
    # Loaded with every page rather than sent again for each run.
    context.add_init_script(axe.axe_script)
    page = context.new_page()
    check(page, "anonymous", "login", "/admin/login/")
    for role, pages in admin_pages.items():
        context.clear_cookies()
        admin_log_in(page, live_server.url, roles[role].username, PASSWORD)
        for name, path, *drawn in pages:
            check(page, role, name, path, *drawn)
    assert found == {}


def test_an_autocomplete_is_named_by_its_label_and_shows_its_choice(live_server, page, roles):
    """What a screen reader says of Select2's combobox: the field's name, then what is chosen."""
    image = make_image(alt_text="Riksdagshuset i kvällsljus")
    article = make_article(lead_image=image)
    admin_log_in(page, live_server.url, roles["editor"].username, PASSWORD)
    page.goto(f"{live_server.url}/admin/articles/article/{article.pk}/change/")
    lead_image = page.get_by_role("combobox", name="Huvudbild:", exact=True)
    # Its value, as the browser reads it from what it shows.
    expect(lead_image).to_contain_text("Riksdagshuset i kvällsljus")
    expect(lead_image.get_by_role("textbox", name="Huvudbild:", exact=True)).to_be_attached()
    # Nothing chosen: still named.
    original = page.get_by_role("combobox", name="Översättning av:", exact=True)
    expect(original).to_be_visible()
    expect(original.get_by_role("textbox", name="Översättning av:", exact=True)).to_be_attached()


def accessible_values(page, role, name):
    """The values Chromium's accessibility tree gives the elements of a role and name: what a
    screen reader reads after the name (Playwright's snapshots show no combobox's value)."""
    tree = page.context.new_cdp_session(page).send("Accessibility.getFullAXTree")
    return [
        node.get("value", {}).get("value")
        for node in tree["nodes"]
        if not node["ignored"]
        and node["role"]["value"] == role
        and node.get("name", {}).get("value") == name
    ]


def choose_from_open_autocomplete(page, term, option):
    """Search the open autocomplete list for a term and choose the option, once found by it.

    Select2 sends a search 250 ms after the typing (Django's `data-ajax--delay`) and shows the
    list it opened with meanwhile. An option clicked from that list leaves the search to be
    answered later, into the list of the next opening, whose options it replaces as a click
    waits for one ("element was detached from the DOM" until the click times out). So the
    click waits for the list of the term's own results.
    """
    page.locator(".select2-container--open .select2-search__field").fill(term)
    expect(page.locator(".select2-container--open .select2-results__option")).to_have_text([option])
    page.locator(".select2-results__option", has_text=option).click()


def test_an_autocomplete_value_is_its_choice_alone_and_it_can_still_be_cleared(
    live_server, page, axe, roles
):
    """Select2 draws its clear button, a "×", inside the combobox: it is no part of the value
    read out, whichever way the choice was made, but clears the choice by mouse and keyboard."""
    image = make_image(alt_text="Riksdagshuset i kvällsljus")
    make_image(alt_text="Slottet i snö")
    article = make_article(lead_image=image)
    page.context.add_init_script(axe.axe_script)
    admin_log_in(page, live_server.url, roles["editor"].username, PASSWORD)
    page.goto(f"{live_server.url}/admin/articles/article/{article.pk}/change/")
    lead_image = page.get_by_role("combobox", name="Huvudbild:", exact=True)
    clear = page.locator(".field-lead_image .select2-selection__clear")
    expect(clear).to_be_visible()
    for role in ("combobox", "textbox"):
        assert accessible_values(page, role, "Huvudbild:") == ["Riksdagshuset i kvällsljus"]
    assert violations(page) == []

    # Chosen again in the page: drawn again, still out of the value.
    lead_image.click()
    choose_from_open_autocomplete(page, "Slottet", "Slottet i snö")
    expect(lead_image).to_contain_text("Slottet i snö")
    for role in ("combobox", "textbox"):
        assert accessible_values(page, role, "Huvudbild:") == ["Slottet i snö"]

    # Cleared with the mouse, then, chosen once more from the list Select2 opens as it clears,
    # cleared from the keyboard. (Not Esc and a new opening: Esc in the list's search box
    # leaves Select2 ignoring the next search typed without keys, as Playwright's fill() does.)
    select = page.locator("#id_lead_image")
    clear.click()
    expect(select).to_have_value("")
    expect(clear).to_have_count(0)
    choose_from_open_autocomplete(page, "Riksdagshuset", "Riksdagshuset i kvällsljus")
    expect(select).to_have_value(str(image.pk))
    lead_image.focus()
    page.keyboard.press("Delete")
    expect(select).to_have_value("")


def test_a_two_box_filter_names_each_filter_box_by_its_label(live_server, page, roles):
    """A group's permissions: each box's filter is named as its label says, not by the magnifier."""
    editors = Group.objects.get(name="Editor")
    admin_log_in(page, live_server.url, roles["superuser"].username, PASSWORD)
    page.goto(f"{live_server.url}/admin/auth/group/{editors.pk}/change/")
    # Both boxes: Django's Swedish names the chosen box's filter as it names the available one's.
    name = "Skriv i denna ruta för att filtrera listan av tillgängliga rättigheter."
    expect(page.get_by_role("textbox", name=name, exact=True)).to_have_count(2)
    # The magnifier is a picture, with no name of its own.
    expect(page.locator(".search-label-icon[aria-label]")).to_have_count(0)
