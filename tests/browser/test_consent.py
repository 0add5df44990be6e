"""The cookie banner and the analytics gate, in a real browser (Chromium through Playwright)."""

import contextlib
import re
import time
import urllib.request
from datetime import timedelta
from types import SimpleNamespace

import pytest
from django.core import signing
from django.utils import timezone
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import expect

from articles.models import ArticleViewDay
from consent.models import ConsentRecord
from consent.services import SIGNING_SALT
from newsroom.chromium import CHROMIUM, CHROMIUM_ARGS
from tests.browser.conftest import serious_violations
from tests.factories import image_bytes, make_article, make_image, make_section

pytestmark = pytest.mark.django_db(transaction=True)

BANNER = "[data-consent-banner]"
TITLE_SV = "Denna webbplats använder cookies"
TITLE_EN = "This website uses cookies"
ANALYTICS_URLS = ("/static/js/analytics.js", "/analytics/collect/")
UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
# Notes, in the tab's own storage (which outlives a reload), that a page was restored from the
# back/forward cache.
RESTORED_INIT_SCRIPT = """
addEventListener("pageshow", (event) => {
  if (event.persisted) sessionStorage.setItem("restored", location.pathname);
});
"""
GPC_INIT_SCRIPT = (
    "Object.defineProperty(Navigator.prototype, 'globalPrivacyControl', {get: () => true});"
)
CLS_INIT_SCRIPT = """
window.__layoutShift = 0;
window.__layoutShiftObserver = new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) {
    if (!entry.hadRecentInput) window.__layoutShift += entry.value;
  }
});
window.__layoutShiftObserver.observe({ type: "layout-shift", buffered: true });
"""
FOCUSED_ELEMENT = """() => {
  const element = document.activeElement;
  if (!element || element === document.body) return null;
  const banner = document.querySelector("[data-consent-banner]");
  const box = element.getBoundingClientRect();
  const bannerBox = banner.getBoundingClientRect();
  const topmost = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
  const seenBefore = element.__focusedBefore === true;
  element.__focusedBefore = true;
  return {
    seenBefore,
    html: element.outerHTML.slice(0, 120),
    inBanner: banner.contains(element),
    skipLink: element.classList.contains("skip-link"),
    onTop: topmost !== null && (topmost === element || element.contains(topmost)),
    intersectsBanner:
      box.left < bannerBox.right && bannerBox.left < box.right &&
      box.top < bannerBox.bottom && bannerBox.top < box.bottom,
  };
}"""
BUTTON_STYLE = [
    "width",
    "height",
    "font-family",
    "font-size",
    "font-weight",
    "line-height",
    "color",
    "background-color",
    "border-top-width",
    "border-top-style",
    "border-top-color",
    "border-bottom-width",
    "border-bottom-color",
    "border-left-width",
    "border-right-width",
    "border-radius",
    "padding-top",
    "padding-left",
    "text-decoration-line",
]


@pytest.fixture
def site(cookie_groups):
    section = make_section(slug="inrikes", name_sv="Inrikes", name_en="Sweden")
    article = make_article(
        section=section,
        headline="Riksdagen röstade om budgeten",
        slug="riksdagen-rostade-om-budgeten",
        lede="Budgeten gick igenom med knapp marginal.",
        body="Omröstningen var jämn.\n\n## Bakgrund\n\nFrågan har diskuterats länge.",
        # Small, so that only one width of renditions is drawn.
        lead_image=make_image(content=image_bytes(width=400, height=267)),
        lead_image_caption="Riksdagshuset i Stockholm.",
    )
    english = make_article(
        section=section,
        language="en",
        headline="Parliament voted on the budget",
        slug="parliament-voted-on-the-budget",
        translation_of=article,
    )
    # A second page of the section, to come back to after answering without JavaScript.
    for hours in range(2, 14):
        make_article(section=section, published_at=timezone.now() - timedelta(hours=hours))
    section_url = "/sv/sektion/inrikes/"
    return SimpleNamespace(
        article=article,
        english=english,
        article_url=article.get_absolute_url(),
        section_url=section_url,
        pages={
            "front": "/sv/",
            "article": article.get_absolute_url(),
            "section": section_url,
            "404": "/sv/finns-inte/",
            "privacy policy": "/sv/integritetspolicy/",
        },
    )


class Traffic:
    """Every request a browser context makes, to assert on afterwards."""

    def __init__(self, context):
        self.requests = []
        context.on("request", self._record)

    def _record(self, request):
        self.requests.append(request)

    def mark(self):
        return len(self.requests)

    def analytics(self, since=0):
        return [r.url for r in self.requests[since:] if any(u in r.url for u in ANALYTICS_URLS)]

    def navigations(self, since=0):
        return [r.url for r in self.requests[since:] if r.is_navigation_request()]

    def consent_posts(self, since=0):
        return [r for r in self.requests[since:] if r.method == "POST" and "/samtycke/" in r.url]


def cookie(context, name):
    return next((c for c in context.cookies() if c["name"] == name), None)


def banner(page):
    return page.get_by_role("region", name=TITLE_SV)


def assert_undecided(context):
    assert cookie(context, "nr_consent") is None
    assert cookie(context, "nr_analytics") is None
    assert ConsentRecord.objects.count() == 0


def assert_no_analytics_on_page(page, response):
    assert "analytics.js" not in response.text()
    expect(page.locator("script[src*=analytics]")).to_have_count(0)
    assert page.evaluate("window.newsroomAnalytics") is None
    assert page.evaluate("localStorage.length + sessionStorage.length") == 0


def accept_with_javascript(page):
    with page.expect_response("**/samtycke/") as answer:
        banner(page).get_by_role("button", name="Acceptera").click()
    assert answer.value.ok
    expect(page.locator(BANNER)).to_have_count(0)


# The banner


def test_banner_asks_in_swedish_and_in_english(live_server, new_context, site):
    page = new_context().new_page()
    page.goto(live_server.url + "/sv/")
    region = banner(page)
    expect(region.get_by_role("heading", name=TITLE_SV)).to_be_visible()
    expect(region).to_contain_text(
        "Vi använder cookies för analys för att förbättra vår webbplats. "
        "Läs vår integritetspolicy för mer information."
    )
    expect(region).to_contain_text(
        "Du kan när som helst ändra eller återkalla ditt samtycke via Cookieinställningar "
        "längst ned på varje sida."
    )
    link = region.get_by_role("link", name="integritetspolicy", exact=True)
    assert link.get_attribute("href") == "/sv/integritetspolicy/"
    for name in ("Avböj", "Acceptera"):
        button = region.get_by_role("button", name=name, exact=True)
        assert button.evaluate("b => b.tagName") == "BUTTON"

    page.goto(live_server.url + "/en/")
    region = page.get_by_role("region", name=TITLE_EN)
    expect(region.get_by_role("heading", name=TITLE_EN)).to_be_visible()
    expect(region).to_contain_text(
        "We use cookies for analytics to improve our website. "
        "Read our privacy policy for more information."
    )
    expect(region).to_contain_text(
        "You can change or withdraw your consent at any time via Cookie settings at the "
        "bottom of every page."
    )
    link = region.get_by_role("link", name="privacy policy", exact=True)
    assert link.get_attribute("href") == "/en/privacy-policy/"
    for name in ("Decline", "Accept"):
        button = region.get_by_role("button", name=name, exact=True)
        assert button.evaluate("b => b.tagName") == "BUTTON"


def test_banner_is_on_every_page_while_undecided_and_only_then(live_server, new_context, site):
    context = new_context()
    page = context.new_page()
    for kind, path in site.pages.items():
        response = page.goto(live_server.url + path)
        assert response.status == (404 if kind == "404" else 200), kind
        expect(banner(page), kind).to_be_visible()
        expect(page.locator(BANNER), kind).to_have_count(1)
        footer = page.get_by_role("contentinfo")
        expect(footer.get_by_role("link", name="Cookieinställningar"), kind).to_be_visible()
    # The settings page asks the question itself, with the current choice beside it.
    page.goto(live_server.url + "/sv/cookieinstallningar/")
    expect(page.locator(BANNER)).to_have_count(0)
    expect(page.get_by_role("button", name="Acceptera analyscookies")).to_be_visible()

    page.goto(live_server.url + site.article_url)
    accept_with_javascript(page)
    for kind, path in site.pages.items():
        page.goto(live_server.url + path)
        expect(page.locator(BANNER), kind).to_have_count(0)
        footer = page.get_by_role("contentinfo")
        expect(footer.get_by_role("link", name="Cookieinställningar"), kind).to_be_visible()


@pytest.mark.parametrize(
    ("language", "decline", "accept", "width"),
    [
        ("sv", "Avböj", "Acceptera", 1280),
        ("en", "Decline", "Accept", 1280),
        ("sv", "Avböj", "Acceptera", 320),
    ],
    ids=["sv", "en", "sv-320px"],
)
def test_both_answers_are_buttons_of_the_same_size_and_style(
    live_server, new_context, site, language, decline, accept, width
):
    page = new_context(viewport={"width": width, "height": 800}).new_page()
    page.goto(f"{live_server.url}/{language}/")
    region = page.locator(BANNER)
    buttons = [region.get_by_role("button", name=name, exact=True) for name in (decline, accept)]
    styles = [
        button.evaluate(
            "(b, names) => Object.fromEntries(names.map("
            "n => [n, getComputedStyle(b).getPropertyValue(n)]))",
            BUTTON_STYLE,
        )
        for button in buttons
    ]
    assert styles[0] == styles[1]
    boxes = [button.bounding_box() for button in buttons]
    assert boxes[0]["width"] == pytest.approx(boxes[1]["width"], abs=0.5)
    assert boxes[0]["height"] == pytest.approx(boxes[1]["height"], abs=0.5)
    for box in boxes:
        assert box["width"] >= 24
        assert box["height"] >= 24


def test_escape_hides_the_banner_but_records_nothing(live_server, new_context, site):
    context = new_context()
    page = context.new_page()
    page.goto(live_server.url + site.article_url)
    region = banner(page)
    region.get_by_role("button", name="Avböj").focus()
    page.keyboard.press("Escape")

    expect(page.locator(BANNER)).to_be_hidden()
    assert page.evaluate("document.activeElement.id") == "main"
    assert_undecided(context)

    page.goto(live_server.url + "/sv/")
    expect(banner(page)).to_be_visible()
    assert_undecided(context)


def test_scrolling_and_following_links_is_not_consent(live_server, new_context, site):
    context = new_context(viewport={"width": 1280, "height": 500})
    traffic = Traffic(context)
    page = context.new_page()
    page.goto(live_server.url + "/sv/")
    page.mouse.wheel(0, 2000)
    page.wait_for_function("window.scrollY > 0")
    page.keyboard.press("End")
    page.get_by_role("main").get_by_role("link", name="Riksdagen röstade om budgeten").click()
    page.wait_for_url(live_server.url + site.article_url)
    expect(banner(page)).to_be_visible()
    page.get_by_role("main").get_by_role("link", name="Inrikes").click()
    page.wait_for_url(live_server.url + site.section_url)

    expect(banner(page)).to_be_visible()
    assert_undecided(context)
    assert traffic.consent_posts() == []
    assert traffic.analytics() == []


def test_banner_is_not_a_cookie_wall(live_server, new_context, site):
    page = new_context().new_page()
    page.goto(live_server.url + site.article_url)
    expect(banner(page)).to_be_visible()

    body = page.locator(".article__body")
    expect(body).to_be_visible()
    expect(body).to_contain_text("Omröstningen var jämn.")
    body.scroll_into_view_if_needed()
    # Nothing lies over the article: the text itself is what the reader's pointer hits.
    assert body.evaluate(
        "el => { const r = el.getBoundingClientRect();"
        " const hit = document.elementFromPoint(r.left + 5, r.top + 5);"
        " return el.contains(hit); }"
    )
    page.get_by_role("main").get_by_role("link", name="Inrikes").click()
    page.wait_for_url(live_server.url + site.section_url)
    expect(page.get_by_role("heading", level=1, name="Inrikes")).to_be_visible()


def test_banner_is_a_labelled_region_that_is_not_modal_and_traps_no_focus(
    live_server, new_context, site
):
    page = new_context().new_page()
    page.goto(live_server.url + site.article_url)
    region = banner(page)
    expect(region).to_be_visible()
    assert region.evaluate("el => el.tagName") == "SECTION"
    assert region.get_attribute("aria-labelledby") == "consent-banner-title"
    assert region.get_attribute("aria-modal") is None
    assert region.get_attribute("role") in (None, "region")
    expect(page.locator("[aria-modal], dialog[open], [inert]")).to_have_count(0)
    assert page.locator("main").get_attribute("inert") is None

    region.get_by_role("button", name="Acceptera").focus()
    page.keyboard.press("Tab")
    focused = page.evaluate(FOCUSED_ELEMENT)
    assert focused is not None
    assert not focused["inBanner"], focused
    assert page.evaluate("document.activeElement.textContent.trim()") == "Newsroom"


def test_keyboard_reaches_both_answers_and_enter_accepts(live_server, new_context, site):
    context = new_context()
    traffic = Traffic(context)
    page = context.new_page()
    page.goto(live_server.url + site.article_url)

    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip-link"
    reached = []
    while len(reached) < 5 and (not reached or reached[-1] != "Acceptera"):
        page.keyboard.press("Tab")
        assert page.evaluate(FOCUSED_ELEMENT)["inBanner"], reached
        reached.append(page.evaluate("document.activeElement.textContent.trim()"))
    assert reached[-2:] == ["Avböj", "Acceptera"]

    with page.expect_response("**/samtycke/"):
        page.keyboard.press("Enter")
    expect(page.locator(BANNER)).to_have_count(0)
    record = ConsentRecord.objects.get()
    assert (record.choice, record.source) == ("accepted", "banner-js")
    assert [r.headers["accept"] for r in traffic.consent_posts()] == ["application/json"]

    page.reload()
    expect(page.get_by_role("main")).to_contain_text("Omröstningen var jämn.")
    expect(page.locator(BANNER)).to_have_count(0)


def test_banner_never_covers_the_focused_element(live_server, new_context, site):
    page = new_context(viewport={"width": 1024, "height": 600}).new_page()
    page.goto(live_server.url + site.article_url)
    seen = []
    for _ in range(60):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUSED_ELEMENT)
        if focused is None or focused["seenBefore"]:
            break
        seen.append(focused["html"])
        assert focused["onTop"], focused
        if not (focused["inBanner"] or focused["skipLink"]):
            assert not focused["intersectsBanner"], focused
    # The walk went through the banner, the page and on to the footer.
    assert len(seen) > 8
    assert any("Cookieinställningar" in html for html in seen)


def test_banner_fits_a_320_px_wide_screen(live_server, new_context, site):
    page = new_context(viewport={"width": 320, "height": 640}).new_page()
    for path in ("/sv/", site.article_url, "/sv/integritetspolicy/", "/en/"):
        page.goto(live_server.url + path)
        assert page.evaluate("document.documentElement.scrollWidth") <= 320, path
        buttons = page.locator(BANNER).get_by_role("button")
        expect(buttons).to_have_count(2)
        for button in buttons.all():
            expect(button).to_be_visible()
            box = button.bounding_box()
            assert box["x"] >= 0 and box["x"] + box["width"] <= 320, path


# Each word of an element on one line: its text nodes' words, and a code's hyphen-separated groups.
WORDS_BROKEN = """(element) => {
  const broken = [];
  const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    for (const match of node.data.matchAll(/[^\\s-]+/g)) {
      const range = document.createRange();
      range.setStart(node, match.index);
      range.setEnd(node, match.index + match[0].length);
      if (range.getClientRects().length > 1) broken.push(match[0]);
    }
  }
  return broken;
}"""


def test_cookie_settings_read_in_whole_words_on_a_320_px_wide_screen(
    live_server, new_context, site
):
    context = new_context(viewport={"width": 320, "height": 640})
    page = context.new_page()
    page.goto(live_server.url + "/sv/cookieinstallningar/")
    with page.expect_navigation():
        page.get_by_role("button", name="Acceptera analyscookies").click()
    # Asked again (a new wording): the longest term, the previous consent ID, is on the page.
    consent = cookie(context, "nr_consent")
    payload = signing.loads(consent["value"], salt=SIGNING_SALT)
    context.add_cookies(
        [{**consent, "value": signing.dumps({**payload, "v": "0" * 64}, salt=SIGNING_SALT)}]
    )
    for path in ("/sv/cookieinstallningar/", "/en/cookie-settings/"):
        page.goto(live_server.url + path)
        expect(page.locator("[data-previous-consent-id]")).to_have_text(UUID)
        assert page.evaluate("document.documentElement.scrollWidth") <= 320, path
        for value in page.locator(".consent-status dd").all():
            assert value.evaluate(WORDS_BROKEN) == [], path


def test_banner_shifts_no_layout(live_server, new_context, site):
    context = new_context()
    context.add_init_script(CLS_INIT_SCRIPT)
    page = context.new_page()
    for path in (site.article_url, "/sv/"):
        page.goto(live_server.url + path)
        expect(banner(page)).to_be_visible()
        expect(page.locator("main img").first).to_have_js_property("complete", True)
        shift = page.evaluate(
            """async () => {
              await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
              for (const entry of window.__layoutShiftObserver.takeRecords()) {
                if (!entry.hadRecentInput) window.__layoutShift += entry.value;
              }
              return window.__layoutShift;
            }"""
        )
        assert shift < 0.1, path


# The analytics gate


def test_nothing_of_analytics_loads_before_consent(live_server, new_context, site):
    context = new_context()
    traffic = Traffic(context)
    page = context.new_page()
    for kind, path in site.pages.items():
        response = page.goto(live_server.url + path)
        expect(banner(page), kind).to_be_visible()
        assert_no_analytics_on_page(page, response)
    assert traffic.analytics() == []
    assert cookie(context, "nr_analytics") is None
    assert not ArticleViewDay.objects.exists()


def test_accepting_with_javascript_starts_analytics_without_a_reload(
    live_server, new_context, site
):
    context = new_context()
    traffic = Traffic(context)
    page = context.new_page()
    page.goto(live_server.url + site.article_url)
    page.evaluate("window.__marker = 1")
    before = traffic.mark()

    with (
        page.expect_request("**/static/js/analytics.js"),
        page.expect_response("**/analytics/collect/") as collect,
    ):
        banner(page).get_by_role("button", name="Acceptera").click()

    assert collect.value.status == 204
    expect(page.locator(BANNER)).to_have_count(0)
    assert page.evaluate("window.__marker") == 1
    # The recorder sees both the script and the beacon, so its silence elsewhere means something.
    assert [url.removeprefix(live_server.url) for url in traffic.analytics(since=before)] == [
        "/static/js/analytics.js",
        "/analytics/collect/",
    ]
    assert traffic.navigations(since=before) == []
    view = ArticleViewDay.objects.get()
    assert (view.article_id, view.views, view.visitors) == (site.article.pk, 1, 1)
    assert UUID.fullmatch(cookie(context, "nr_analytics")["value"])
    record = ConsentRecord.objects.get()
    assert (record.choice, record.source) == ("accepted", "banner-js")
    assert record.groups == {"analytics": True}

    response = page.goto(live_server.url + "/sv/")
    assert "/static/js/analytics.js" in response.text()
    expect(page.locator("script[src*=analytics]")).to_have_count(1)


def test_declining_with_javascript_starts_no_analytics(live_server, new_context, site):
    context = new_context()
    traffic = Traffic(context)
    page = context.new_page()
    page.goto(live_server.url + site.article_url)
    page.evaluate("window.__marker = 1")

    with page.expect_response("**/samtycke/") as answer:
        banner(page).get_by_role("button", name="Avböj").click()
    assert answer.value.json()["analytics_script"] is None
    expect(page.locator(BANNER)).to_have_count(0)
    assert page.evaluate("window.__marker") == 1

    response = page.goto(live_server.url + site.article_url)
    expect(page.locator(BANNER)).to_have_count(0)
    assert_no_analytics_on_page(page, response)
    assert traffic.analytics() == []
    assert cookie(context, "nr_analytics") is None
    assert cookie(context, "nr_consent") is not None
    record = ConsentRecord.objects.get()
    assert (record.choice, record.source) == ("declined", "banner-js")
    assert not ArticleViewDay.objects.exists()


class HeldAnswers(list):
    """The consent answers a browser context sends, held back until release(), as on a slow line."""

    def __init__(self, context):
        super().__init__()
        self.released = False
        context.route("**/samtycke/", self.hold)

    def hold(self, route):
        if self.released:
            route.continue_()
        else:
            self.append(route)

    def release(self):
        self.released = True
        for route in self:
            route.continue_()


def test_a_double_click_on_accept_sends_one_answer_and_records_it_once(
    live_server, new_context, site
):
    context = new_context()
    page = context.new_page()
    page.goto(live_server.url + site.article_url)
    # The first answer is held until both clicks are in, as on a slow connection.
    held = HeldAnswers(context)
    banner(page).get_by_role("button", name="Acceptera").dblclick()
    while not held:
        page.wait_for_timeout(20)
    # Both clicks' submit handlers have run (each would call fetch) once the page answers this.
    page.evaluate("() => new Promise((resolve) => setTimeout(resolve))")
    held.release()

    expect(page.locator(BANNER)).to_have_count(0)
    assert len(held) == 1
    record = ConsentRecord.objects.get()
    assert (record.choice, record.source) == ("accepted", "banner-js")


@pytest.mark.parametrize(
    ("button", "said"),
    [
        ("Acceptera", "Ditt val är sparat: analyscookies är tillåtna."),
        ("Avböj", "Ditt val är sparat: analyscookies är avstängda."),
    ],
    ids=["accept", "decline"],
)
def test_an_answer_in_the_banner_is_announced_as_saved(
    live_server, new_context, site, button, said
):
    page = new_context().new_page()
    page.goto(live_server.url + site.article_url)
    announcement = page.locator("[data-consent-announcement]")
    # A live region is only read out when it changes: it is there, empty, before the answer.
    expect(announcement).to_have_attribute("role", "status")
    expect(announcement).to_have_text("")

    with page.expect_response("**/samtycke/"):
        banner(page).get_by_role("button", name=button).click()
    expect(page.locator(BANNER)).to_have_count(0)
    expect(page.get_by_role("status")).to_have_text(said)
    expect(page.get_by_role("main")).to_be_focused()


def test_withdrawing_in_cookie_settings_stops_analytics(live_server, new_context, site):
    context = new_context()
    traffic = Traffic(context)
    page = context.new_page()
    page.goto(live_server.url + site.article_url)
    with page.expect_response("**/analytics/collect/"):
        accept_with_javascript(page)
    assert cookie(context, "nr_analytics") is not None

    page.get_by_role("contentinfo").get_by_role("link", name="Cookieinställningar").click()
    page.wait_for_url(live_server.url + "/sv/cookieinstallningar/")
    expect(page.locator("[data-consent-status]")).to_have_text("Accepterat")
    with page.expect_navigation():
        page.get_by_role("button", name="Återkalla samtycke").click()

    assert page.url == live_server.url + "/sv/cookieinstallningar/"
    # As the record says: withdrawn, not declined.
    expect(page.locator("[data-consent-status]")).to_have_text("Återkallat")
    assert cookie(context, "nr_analytics") is None
    assert cookie(context, "nr_consent") is not None
    withdrawal = ConsentRecord.objects.get(choice="withdrawn")
    assert withdrawal.source == "settings"
    assert withdrawal.groups == {"analytics": False}

    after = traffic.mark()
    for path in (site.article_url, "/sv/"):
        response = page.goto(live_server.url + path)
        expect(page.locator(BANNER)).to_have_count(0)
        assert_no_analytics_on_page(page, response)
    assert traffic.analytics(since=after) == []
    assert ArticleViewDay.objects.get().views == 1


# Without JavaScript


@pytest.mark.parametrize(
    ("button", "choice"),
    [("Acceptera", "accepted"), ("Avböj", "declined")],
    ids=["accept", "decline"],
)
def test_answering_without_javascript_comes_back_to_the_same_page_and_confirms_the_choice(
    live_server, new_context, site, button, choice
):
    said = {
        "accepted": "Ditt val är sparat: analyscookies är tillåtna.",
        "declined": "Ditt val är sparat: analyscookies är avstängda.",
    }[choice]
    for path in (site.section_url + "?page=2", site.article_url):
        context = new_context(java_script_enabled=False)
        traffic = Traffic(context)
        page = context.new_page()
        page.goto(live_server.url + path)
        with page.expect_navigation():
            banner(page).get_by_role("button", name=button).click()

        # The same page, at the confirmation (the script says it aloud where it runs).
        assert page.url == live_server.url + path + "#consent-saved"
        expect(page.locator(BANNER)).to_have_count(0)
        confirmation = page.get_by_role("status")
        expect(confirmation).to_have_text(said)
        expect(confirmation).to_be_visible()
        expect(confirmation).to_be_focused()
        expect(page.get_by_role("main")).to_be_visible()
        # Said once: the next page, or this one at its own address, says nothing.
        page.goto(live_server.url + path)
        expect(page.get_by_role("status")).to_have_count(0)
        assert [r.url for r in traffic.consent_posts()] == [live_server.url + "/sv/samtycke/"]
        assert cookie(context, "nr_consent") is not None
        assert traffic.analytics() == []
        context.close()
    records = ConsentRecord.objects.all()
    assert [(r.choice, r.source) for r in records] == [(choice, "banner-nojs")] * 2


def test_a_second_click_on_cookie_settings_sends_no_second_answer(live_server, new_context, site):
    context = new_context()
    traffic = Traffic(context)
    page = context.new_page()
    page.goto(live_server.url + "/sv/cookieinstallningar/")
    # The first answer is held until the second click is in, as on a slow connection.
    held = HeldAnswers(context)
    # Clicked with the mouse: Playwright's click would wait for the held answer's page.
    box = page.get_by_role("button", name="Acceptera analyscookies").bounding_box()
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    while not held:
        page.wait_for_timeout(20)
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    with contextlib.suppress(PlaywrightError):  # without the guard, the first is cancelled
        held.release()
    expect(page.get_by_role("status")).to_have_text(
        "Ditt val är sparat: analyscookies är tillåtna."
    )
    assert len(traffic.consent_posts()) == 1
    assert [(r.choice, r.source) for r in ConsentRecord.objects.all()] == [("accepted", "settings")]


def test_cookie_settings_confirm_the_saved_choice_where_focus_lands(live_server, new_context, site):
    context = new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(live_server.url + "/sv/cookieinstallningar/")
    expect(page.get_by_role("status")).to_have_count(0)
    with page.expect_navigation():
        page.get_by_role("button", name="Acceptera analyscookies").click()

    assert page.url == live_server.url + "/sv/cookieinstallningar/"
    confirmation = page.get_by_role("status")
    expect(confirmation).to_have_text("Ditt val är sparat: analyscookies är tillåtna.")
    expect(confirmation).to_be_visible()
    # Read out and the keyboard's starting point: focus is on it, not at the top of the page.
    expect(confirmation).to_be_focused()
    expect(page.locator("[data-consent-status]")).to_have_text("Accepterat")

    page.reload()
    expect(page.get_by_role("status")).to_have_count(0)
    expect(page.locator("[data-consent-status]")).to_have_text("Accepterat")


# Global Privacy Control


def test_global_privacy_control_is_a_no_until_accepted_in_cookie_settings(
    live_server, new_context, site
):
    context = new_context(extra_http_headers={"Sec-GPC": "1"})
    context.add_init_script(GPC_INIT_SCRIPT)
    traffic = Traffic(context)
    page = context.new_page()
    with page.expect_response("**/samtycke/") as answer:
        page.goto(live_server.url + site.article_url)
    assert answer.value.ok

    region = banner(page)
    expect(region.locator("[data-consent-gpc-note]")).to_be_visible()
    expect(region.locator("[data-consent-gpc-note]")).to_contain_text("Global Privacy Control")
    expect(region.get_by_role("link", name="Cookieinställningar")).to_be_visible()
    expect(region.locator("[data-consent-question]")).to_be_hidden()
    # Only the note's OK, which keeps the signal's decline.
    expect(region.get_by_role("button")).to_have_count(1)
    expect(region.get_by_role("button", name="OK")).to_be_visible()

    page.goto(live_server.url + "/sv/")
    expect(page.locator(BANNER)).to_have_count(0)
    assert_no_analytics_on_page(page, page.goto(live_server.url + site.article_url))
    assert traffic.analytics() == []
    assert len(traffic.consent_posts()) == 1
    record = ConsentRecord.objects.get()
    assert (record.choice, record.source) == ("declined", "gpc")

    page.get_by_role("contentinfo").get_by_role("link", name="Cookieinställningar").click()
    page.wait_for_url(live_server.url + "/sv/cookieinstallningar/")
    # The signal's decline, not the visitor's: the page says the signal is honoured.
    expect(page.locator("[data-consent-status]")).to_have_text(
        "Avstängda (din webbläsare skickar Global Privacy Control)"
    )
    with page.expect_navigation():
        page.get_by_role("button", name="Acceptera analyscookies").click()
    expect(page.locator("[data-consent-status]")).to_have_text("Accepterat")

    with page.expect_response("**/analytics/collect/") as collect:
        page.goto(live_server.url + site.article_url)
    assert collect.value.status == 204
    assert cookie(context, "nr_analytics") is not None
    latest = ConsentRecord.objects.first()
    assert (latest.choice, latest.source) == ("accepted", "settings")
    assert ConsentRecord.objects.filter(source="gpc").count() == 1


def test_the_gpc_note_goes_with_its_ok_without_javascript(live_server, new_context, site):
    context = new_context(java_script_enabled=False, extra_http_headers={"Sec-GPC": "1"})
    traffic = Traffic(context)
    page = context.new_page()
    path = site.section_url + "?page=2"
    page.goto(live_server.url + path)
    region = banner(page)
    expect(region.locator("[data-consent-gpc-note]")).to_be_visible()
    expect(region.locator("[data-consent-question]")).to_be_hidden()
    expect(region.get_by_role("button")).to_have_count(1)
    with page.expect_navigation():
        region.get_by_role("button", name="OK").click()

    assert page.url == live_server.url + path + "#consent-saved"
    expect(page.locator(BANNER)).to_have_count(0)
    expect(page.get_by_role("status")).to_have_text(
        "Ditt val är sparat: analyscookies är avstängda."
    )
    assert cookie(context, "nr_consent") is not None
    record = ConsentRecord.objects.get()
    assert (record.choice, record.source) == ("declined", "gpc")
    response = page.goto(live_server.url + site.article_url)
    expect(page.locator(BANNER)).to_have_count(0)
    assert_no_analytics_on_page(page, response)
    assert traffic.analytics() == []


def test_the_gpc_note_goes_with_its_ok_and_records_the_signal_once(live_server, new_context, site):
    context = new_context(extra_http_headers={"Sec-GPC": "1"})
    context.add_init_script(GPC_INIT_SCRIPT)
    traffic = Traffic(context)
    page = context.new_page()
    with page.expect_response("**/samtycke/"):
        page.goto(live_server.url + site.article_url)
    banner(page).get_by_role("button", name="OK").click()
    expect(page.locator(BANNER)).to_have_count(0)
    expect(page.get_by_role("main")).to_be_focused()
    assert len(traffic.consent_posts()) == 1
    assert traffic.navigations()[-1] == live_server.url + site.article_url
    assert [(r.choice, r.source) for r in ConsentRecord.objects.all()] == [("declined", "gpc")]


def test_two_tabs_with_gpc_record_the_signal_once(live_server, new_context, site):
    context = new_context(extra_http_headers={"Sec-GPC": "1"})
    context.add_init_script(GPC_INIT_SCRIPT)
    answered = []
    context.on("requestfinished", lambda r: "/samtycke/" in r.url and answered.append(r))
    # The first tab's decline is held until the second tab's script is waiting too: for the
    # first's answer (a lock both tabs share), or for the site with a decline of its own.
    held = HeldAnswers(context)
    first = context.new_page()
    first.goto(live_server.url + site.article_url)
    while not held:
        first.wait_for_timeout(20)
    second = context.new_page()
    second.goto(live_server.url + "/sv/")
    waiting = "async () => (await navigator.locks.query()).pending.length"
    while len(held) < 2 and not second.evaluate(waiting):
        second.wait_for_timeout(20)
    held.release()
    while len(answered) < 2:
        first.wait_for_timeout(20)
    # One record: the second tab's decline found the first's cookie and changed nothing.
    record = ConsentRecord.objects.get()
    assert (record.choice, record.source) == ("declined", "gpc")
    assert cookie(context, "nr_consent") is not None
    for page in (first, second):
        expect(banner(page).get_by_role("button", name="OK")).to_be_visible()


def sent_past_the_browser(request):
    """A request's answer from the site, which the browser (and its cookies) has not seen yet."""
    headers = {k: v for k, v in request.headers.items() if k.lower() != "content-length"}
    sent = urllib.request.Request(
        request.url, data=request.post_data_buffer, headers=headers, method=request.method
    )
    with urllib.request.urlopen(sent) as answer:
        headers = dict(answer.headers.items())
        # Each cookie of its own (Playwright reads them one a line).
        headers["Set-Cookie"] = "\n".join(answer.headers.get_all("Set-Cookie"))
        return {"status": answer.status, "headers": headers, "body": answer.read()}


def test_a_link_followed_before_the_gpc_decline_is_back_records_the_signal_once(
    live_server, new_context, site
):
    context = new_context(extra_http_headers={"Sec-GPC": "1"})
    context.add_init_script(GPC_INIT_SCRIPT)
    traffic = Traffic(context)
    # The site records the first decline, but its answer (and cookie) is held on the way back,
    # as on a slow line; the link is followed meanwhile.
    held = []

    def answer_late(route):
        if held:
            route.continue_()
        else:
            held.append((route, sent_past_the_browser(route.request)))

    context.route("**/samtycke/", answer_late)
    page = context.new_page()
    page.goto(live_server.url + site.article_url)
    while not held:
        page.wait_for_timeout(20)
    assert ConsentRecord.objects.count() == 1
    front = page.get_by_role("banner").get_by_role("link", name=re.compile("Newsroom"))
    front.click()
    route, response = held[0]
    with contextlib.suppress(PlaywrightError):  # the page left: its request was cancelled
        route.fulfill(**response)
    page.wait_for_url(live_server.url + "/sv/")
    page.wait_for_load_state()
    # The link waited for the answer: the next page has its cookie, asks nothing, sends nothing.
    expect(page.locator(BANNER)).to_have_count(0)
    assert len(traffic.consent_posts()) == 1
    assert [(r.choice, r.source) for r in ConsentRecord.objects.all()] == [("declined", "gpc")]


@pytest.fixture
def bfcache_context(browser):
    """A visitor whose Chromium keeps pages in the back/forward cache (Playwright turns it off)."""
    with_bfcache = browser.browser_type.launch(
        executable_path=CHROMIUM,
        args=CHROMIUM_ARGS,
        ignore_default_args=["--disable-back-forward-cache"],
    )
    context = with_bfcache.new_context(locale="sv-SE", viewport={"width": 1280, "height": 900})
    context.add_init_script(RESTORED_INIT_SCRIPT)
    yield context
    context.close()
    with_bfcache.close()


def test_a_page_restored_from_the_back_forward_cache_follows_an_answer_given_since(
    live_server, bfcache_context, site
):
    page = bfcache_context.new_page()
    page.goto(live_server.url + site.article_url)
    expect(banner(page)).to_be_visible()
    page.get_by_role("link", name="Newsroom").click()
    page.wait_for_url(live_server.url + "/sv/")
    # Answered in another tab while this one shows the next page.
    other = bfcache_context.new_page()
    other.goto(live_server.url + "/sv/")
    accept_with_javascript(other)

    with page.expect_request("**/static/js/analytics.js"):
        page.go_back(wait_until="commit")
        expect(page.get_by_role("heading", level=1)).to_have_text(site.article.headline)
        # The page came back from the cache, as it was left ...
        page.wait_for_function("() => sessionStorage.getItem('restored') !== null")
        assert page.evaluate("sessionStorage.getItem('restored')") == site.article_url
        # ... and no longer asks a question already answered: it is loaded as it is now.
        expect(page.locator(BANNER)).to_have_count(0)
    assert ConsentRecord.objects.count() == 1


def withdraw_in_another_tab(context, live_server):
    """The reader withdraws consent in cookie settings, opened in a second tab."""
    other = context.new_page()
    other.goto(live_server.url + "/sv/cookieinstallningar/")
    with other.expect_navigation():
        other.get_by_role("button", name="Återkalla samtycke").click()
    return other


def come_back_to(page):
    """The reader comes back to a tab left open, as the browser tells the page."""
    page.bring_to_front()
    page.evaluate("document.dispatchEvent(new Event('visibilitychange'))")


def test_a_tab_left_open_on_the_banner_drops_it_once_answered_in_another(
    live_server, new_context, site
):
    context = new_context()
    page = context.new_page()
    page.goto(live_server.url + site.article_url)
    expect(banner(page)).to_be_visible()
    other = context.new_page()
    other.goto(live_server.url + "/sv/")
    with other.expect_response("**/samtycke/"):
        banner(other).get_by_role("button", name="Avböj").click()

    # The reader comes back to the first tab.
    come_back_to(page)
    expect(page.locator(BANNER)).to_have_count(0)
    expect(page.get_by_role("heading", level=1)).to_have_text(site.article.headline)
    assert ConsentRecord.objects.count() == 1


def test_a_tab_left_open_on_cookie_settings_follows_a_choice_changed_in_another(
    live_server, new_context, site
):
    context = new_context()
    page = context.new_page()
    page.goto(live_server.url + "/sv/")
    accept_with_javascript(page)
    page.goto(live_server.url + "/sv/cookieinstallningar/")
    expect(page.locator("[data-consent-status]")).to_have_text("Accepterat")
    other = withdraw_in_another_tab(context, live_server)
    expect(other.locator("[data-consent-status]")).to_have_text("Återkallat")

    # The reader comes back to the first tab: it says what counts now, and offers no second
    # withdrawal of a consent already withdrawn.
    come_back_to(page)
    expect(page.locator("[data-consent-status]")).to_have_text("Återkallat")
    expect(page.get_by_role("button", name="Återkalla samtycke")).to_have_count(0)
    assert ConsentRecord.objects.count() == 2


def test_withdrawing_in_another_tab_stops_analytics_in_a_tab_left_open(
    live_server, new_context, site
):
    context = new_context()
    traffic = Traffic(context)
    page = context.new_page()
    page.goto(live_server.url + site.article_url)
    with page.expect_response("**/analytics/collect/"):
        accept_with_javascript(page)
    withdraw_in_another_tab(context, live_server)
    assert cookie(context, "nr_analytics") is None

    after = traffic.mark()
    come_back_to(page)
    # The article is shown again as it is now: without the analytics script.
    expect(page.locator("script[src*=analytics]")).to_have_count(0)
    page.wait_for_function("() => window.newsroomAnalytics === undefined")
    expect(page.get_by_role("heading", level=1)).to_have_text(site.article.headline)
    expect(page.locator(BANNER)).to_have_count(0)
    assert traffic.analytics(since=after) == []
    assert cookie(context, "nr_analytics") is None
    assert ArticleViewDay.objects.get().views == 1


# Persistence


def test_the_analytics_id_goes_when_the_visitor_is_asked_again(live_server, new_context, site):
    context = new_context()
    page = context.new_page()
    with page.expect_response("**/analytics/collect/"):
        page.goto(live_server.url + site.article_url)
        accept_with_javascript(page)
    assert cookie(context, "nr_analytics") is not None
    # The question changes (a new wording): the consent the ID was kept for no longer counts.
    consent = cookie(context, "nr_consent")
    payload = signing.loads(consent["value"], salt=SIGNING_SALT)
    context.add_cookies(
        [{**consent, "value": signing.dumps({**payload, "v": "0" * 64}, salt=SIGNING_SALT)}]
    )
    page.goto(live_server.url + "/sv/")
    expect(banner(page).get_by_role("button", name="Acceptera")).to_be_visible()
    page.wait_for_function("() => !document.cookie.includes('nr_analytics=')")
    assert cookie(context, "nr_analytics") is None


def test_the_choice_persists_across_pages_and_visits(live_server, new_context, site):
    context = new_context()
    page = context.new_page()
    page.goto(live_server.url + "/sv/")
    accept_with_javascript(page)

    later = context.new_page()
    later.goto(live_server.url + site.article_url)
    expect(later.locator(BANNER)).to_have_count(0)

    consent = cookie(context, "nr_consent")
    assert consent["sameSite"] == "Lax"
    assert consent["path"] == "/"
    assert consent["httpOnly"] is True
    assert consent["expires"] == pytest.approx(time.time() + 365 * 24 * 60 * 60, abs=3600)

    # A later visit, in a browser started anew with the stored cookies.
    revisit = new_context(storage_state=context.storage_state()).new_page()
    revisit.goto(live_server.url + site.pages["section"])
    expect(revisit.get_by_role("heading", level=1, name="Inrikes")).to_be_visible()
    expect(revisit.locator(BANNER)).to_have_count(0)


# Accessibility


@pytest.mark.parametrize("color_scheme", ["light", "dark"])
def test_banner_and_consent_pages_pass_axe(live_server, new_context, axe, site, color_scheme):
    page = new_context(color_scheme=color_scheme).new_page()
    for path in (
        "/sv/",
        "/en/",
        "/sv/cookieinstallningar/",
        "/en/cookie-settings/",
        "/sv/integritetspolicy/",
        "/en/privacy-policy/",
    ):
        page.goto(live_server.url + path)
        if "cookie" not in path:  # the settings page asks the question itself
            expect(page.locator(BANNER), path).to_be_visible()
        assert serious_violations(axe.run(page)) == [], path
