"""WCAG 2.2 AA on every page type, in a real browser: axe-core, keyboard, structure, 320 px, print.

The consent banner's own keyboard, size and layout-shift behaviour is in test_consent.py.
"""

from contextlib import nullcontext
from datetime import timedelta
from itertools import pairwise
from unittest import mock

import pytest
from django.core.exceptions import PermissionDenied, RequestDataTooBig
from django.db import OperationalError
from django.middleware.csrf import REASON_NO_CSRF_COOKIE
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import override
from django.views.csrf import csrf_failure
from playwright.sync_api import expect

from articles.models import Article
from articles.views import FrontPageView
from tests.browser.conftest import admin_log_in
from tests.factories import image_bytes, make_article, make_author, make_image, make_section

pytestmark = pytest.mark.django_db(transaction=True)

BANNER = "[data-consent-banner]"
AXE_RUN = "axe.run({resultTypes: ['violations']})"
SETTINGS_PAGE = "cookie settings"  # asks the question itself: never a banner there
# Interactive elements that must be at least 24 × 24 CSS px (WCAG 2.5.8). Links inside a
# sentence are exempt, so links in a paragraph are left out.
TARGETS = """() => {
  const selector = [
    ".skip-link", "header.masthead a", "header.masthead button", "header.masthead input",
    ".site-footer a", "[data-consent-banner] a", "[data-consent-banner] button",
    ".pagination a",
  ].join(",");
  return [...document.querySelectorAll(selector)]
    .filter((el) => el.checkVisibility() && !el.closest("p"))
    .map((el) => {
      const box = el.getBoundingClientRect();
      return { html: el.outerHTML.slice(0, 80), width: box.width, height: box.height };
    });
}"""
HEADINGS = """() => [...document.querySelectorAll("h1, h2, h3, h4, h5, h6")]
  .filter((h) => h.checkVisibility())
  .map((h) => ({
    level: Number(h.tagName[1]),
    text: h.textContent.trim().slice(0, 60),
    inMain: h.closest("main") !== null,
    inBanner: h.closest("[data-consent-banner]") !== null,
  }))"""
# What the focused element is, where it is, and how it looks; the element is remembered so
# that its look can be read again once nothing is focused.
FOCUSED = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  window.__focused = window.__focused || [];
  if (window.__focused.includes(el)) return { seenBefore: true };
  window.__focused.push(el);
  const where = el.classList.contains("skip-link") ? "skip link"
    : el.closest("[data-consent-banner]") ? "consent banner"
    : el.closest("nav.sections") ? "sections"
    : el.closest("header.masthead") ? "masthead"
    : el.closest("main") ? "main"
    : el.closest("footer") ? "footer" : "elsewhere";
  const style = getComputedStyle(el);
  let backdrop = el.parentElement;
  while (backdrop && getComputedStyle(backdrop).backgroundColor === "rgba(0, 0, 0, 0)") {
    backdrop = backdrop.parentElement;
  }
  return {
    seenBefore: false,
    where,
    name: (el.innerText || el.getAttribute("aria-label") || el.name || "").trim().slice(0, 40),
    html: el.outerHTML.slice(0, 100),
    outline: [style.outlineStyle, style.outlineWidth, style.outlineColor].join(" "),
    outlineWidth: parseFloat(style.outlineWidth),
    outlineStyle: style.outlineStyle,
    outlineColor: style.outlineColor,
    boxShadow: style.boxShadow,
    backdrop: getComputedStyle(backdrop || document.documentElement).backgroundColor,
  };
}"""
UNFOCUSED = """() => {
  document.activeElement.blur();
  return window.__focused.map((el) => {
    const style = getComputedStyle(el);
    return {
      outline: [style.outlineStyle, style.outlineWidth, style.outlineColor].join(" "),
      boxShadow: style.boxShadow,
    };
  });
}"""

# In both article bodies, wider than a phone: on a 320 px screen it scrolls in its own box, and
# every check below (axe, keyboard, focus) goes through that box too.
BUDGET_TABLE_SV = """\
| Utgiftsområde | 2025, mnkr | 2026, mnkr | Förändring, mnkr | Förändring, procent |
| :-- | --: | --: | --: | --: |
| Försvar | 119 000 | 137 000 | 18 000 | 15,1 % |
| Rättsväsendet | 71 000 | 76 500 | 5 500 | 7,7 % |
"""
BUDGET_TABLE_EN = """\
| Expenditure area | 2025, SEK m | 2026, SEK m | Change, SEK m | Change, per cent |
| :-- | --: | --: | --: | --: |
| Defence | 119,000 | 137,000 | 18,000 | 15.1% |
| Justice | 71,000 | 76,500 | 5,500 | 7.7% |
"""


@pytest.fixture
def site(cookie_groups):
    """One story in both languages, enough Swedish articles for a second page, every page type."""
    section = make_section(slug="inrikes", name_sv="Inrikes", name_en="Sweden")
    image = make_image(
        # Small, so that only one width of renditions is drawn.
        content=image_bytes(width=400, height=267),
        alt_text="Riksdagshuset i kvällsljus",
        alt_text_en="The parliament building in the evening light",
        credit="Foto: Karin Lund/Newsroom",
    )
    # Her page lists her article in Swedish and, in English, points to it.
    author = make_author(name="Eva Lindqvist")
    article = make_article(
        section=section,
        authors=[author],
        headline="Riksdagen röstade om budgeten",
        slug="riksdagen-rostade-om-budgeten",
        lede="Budgeten gick igenom med knapp marginal.",
        body=(
            "Omröstningen var jämn, enligt [riksdagens protokoll](https://www.riksdagen.se/).\n\n"
            "## Bakgrund\n\nFrågan har diskuterats länge.\n\n### Oppositionen\n\nDen röstade nej."
            f"\n\n{BUDGET_TABLE_SV}"
        ),
        lead_image=image,
        lead_image_caption="Riksdagshuset i Stockholm.",
    )
    english = make_article(
        section=section,
        language="en",
        headline="Parliament voted on the budget",
        slug="parliament-voted-on-the-budget",
        lede="The budget passed by a narrow margin.",
        body=(
            "The vote was close.\n\n## Background\n\nThe question has long been debated.\n\n"
            f"{BUDGET_TABLE_EN}"
        ),
        lead_image=image,
        lead_image_caption="The parliament building in Stockholm.",
        translation_of=article,
    )
    # Three pages of the section, two of the search results.
    for hours in range(2, 27):
        make_article(
            section=section,
            headline=f"Budgeten, del {hours}",
            published_at=timezone.now() - timedelta(hours=hours),
        )
    pages = {}
    for language, story, missing in (("sv", article, "finns-inte"), ("en", english, "missing")):
        with override(language):
            pages[language] = {
                "front": reverse("articles:front"),
                "all news": reverse("articles:all_news"),
                "section": section.get_absolute_url(),
                "article": story.get_absolute_url(),
                "author": author.get_absolute_url(),
                "404": f"/{language}/{missing}/",
                "privacy policy": reverse("consent:privacy_policy"),
                SETTINGS_PAGE: reverse("consent:settings"),
                "search": reverse("articles:search") + "?q=budget",
            }
    # A page in the middle of a list has a link each way.
    pages["sv"]["section, page 2"] = pages["sv"]["section"] + "?page=2"
    pages["sv"]["all news, page 2"] = pages["sv"]["all news"] + "?page=2"
    # A section with nothing in English yet points to its Swedish page.
    culture = make_section(slug="kultur", name_sv="Kultur", name_en="Culture")
    make_article(section=culture, headline="Stadsbiblioteket öppnar igen", slug="biblioteket")
    pages["en"]["empty section"] = culture.url_in("en")
    return pages


def violations_of_any_impact(results):
    """Every axe-core violation, as readable lines.

    Stricter than the issue's bar (no serious or critical ones): every page is clean today, so
    a moderate finding such as `heading-order` or `landmark-unique` is news too.
    """
    return [
        f"{v['id']} ({v['impact']}): {v['help']} – {[n['target'] for n in v['nodes']]}"
        for v in results["violations"]
    ]


def every_page(site):
    """(language, kind, path) of every page type in both languages."""
    return [
        (language, kind, path) for language, paths in site.items() for kind, path in paths.items()
    ]


def accept_in_banner(page, url):
    page.goto(url)
    with page.expect_response("**/samtycke/") as answer:
        page.locator(BANNER).get_by_role("button", name="Acceptera").click()
    assert answer.value.ok
    expect(page.locator(BANNER)).to_have_count(0)


def relative_luminance(rgb):
    def channel(value):
        value /= 255
        return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4

    red, green, blue = (channel(v) for v in rgb)
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast(color, other):
    def rgb(css):
        return [int(float(part)) for part in css[css.index("(") + 1 : -1].split(",")[:3]]

    lighter, darker = sorted((relative_luminance(rgb(c)) for c in (color, other)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def tab_through(page, limit=80):
    """Press Tab until focus comes round again; what each stop was and how it looked."""
    stops = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUSED)
        if focused is None or focused["seenBefore"]:
            break
        stops.append(focused)
    return stops


# axe-core


@pytest.mark.parametrize("moment", ["banner shown", "after a choice"])
@pytest.mark.parametrize("color_scheme", ["light", "dark"])
def test_every_page_type_passes_axe(live_server, new_context, axe, site, color_scheme, moment):
    context = new_context(color_scheme=color_scheme)
    # Loaded with every page rather than sent again for each run: a quarter faster.
    context.add_init_script(axe.axe_script)
    page = context.new_page()
    if moment == "after a choice":
        accept_in_banner(page, live_server.url + site["sv"]["front"])
    violations = {}
    for _language, kind, path in every_page(site):
        page.goto(live_server.url + path)
        banner_expected = moment == "banner shown" and kind != SETTINGS_PAGE
        expect(page.locator(BANNER), path).to_have_count(1 if banner_expected else 0)
        found = violations_of_any_impact(page.evaluate(AXE_RUN))
        if found:
            violations[path] = found
    assert violations == {}


def refused_by_the_csrf_check(request, *args, **kwargs):
    """The CSRF check's own page (CSRF_FAILURE_VIEW), as a form without its token gets."""
    return csrf_failure(request, reason=REASON_NO_CSRF_COOKIE)


# Each error page readers may meet: its status, the rest of the address after the language
# prefix, and the error the front page is made to raise for it (or the answer it is made to give).
ERROR_PAGES = {
    # A NUL byte in the query string: the site's own 400 page (handler400).
    "400": (400, "?q=%00", None),
    # A form larger than DATA_UPLOAD_MAX_MEMORY_SIZE: the 400 page's own version of it.
    "413": (413, "", RequestDataTooBig),
    "403": (403, "", PermissionDenied),
    "403 CSRF": (403, "", refused_by_the_csrf_check),
    "404": (404, "finns-inte/", None),
    "500": (500, "", RuntimeError),
    # The database cannot be reached (and does not answer when asked again): the plain 503.
    "503": (503, "", OperationalError),
}


@pytest.mark.parametrize("color_scheme", ["light", "dark"])
def test_every_error_page_passes_axe(live_server, new_context, axe, color_scheme):
    """The pages a reader meets when something is wrong, in both languages: some are plain
    pages made without the database, with no masthead or footer."""
    context = new_context(color_scheme=color_scheme)
    context.add_init_script(axe.axe_script)
    page = context.new_page()
    violations = {}
    titles = {"sv": set(), "en": set()}
    for kind, (status, rest, error) in ERROR_PAGES.items():
        for language in ("sv", "en"):
            # The live server runs in this process: its views are the ones patched here.
            with (
                mock.patch.object(FrontPageView, "get", side_effect=error)
                if error
                else nullcontext(),
                mock.patch("newsroom.middleware._database_answers", return_value=False),
            ):
                response = page.goto(f"{live_server.url}/{language}/{rest}")
            assert response.status == status, (kind, language)
            assert page.locator("html").get_attribute("lang") == language, (kind, language)
            titles[language].add(page.title())
            found = violations_of_any_impact(page.evaluate(AXE_RUN))
            if found:
                violations[f"{kind} /{language}/"] = found
    assert violations == {}
    # Each kind is a page of its own (the CSRF check's 403 is not the plain one).
    assert [len(seen) for seen in titles.values()] == [len(ERROR_PAGES)] * 2, titles


@pytest.mark.parametrize("color_scheme", ["light", "dark"])
def test_a_preview_notice_stands_out_from_the_page_and_passes_axe(
    live_server, new_context, axe, cookie_groups, editor, color_scheme
):
    """Staff previewing a draft or a scheduled article are told so in a box of its own."""
    draft = make_article(status=Article.Status.DRAFT, headline="Utkast", slug="utkast")
    scheduled = make_article(
        headline="Schemalagd", slug="schemalagd", published_at=timezone.now() + timedelta(days=1)
    )
    context = new_context(color_scheme=color_scheme)
    context.add_init_script(axe.axe_script)
    page = context.new_page()
    admin_log_in(page, live_server.url, editor.username)
    for article in (draft, scheduled):
        page.goto(live_server.url + article.get_absolute_url())
        look = page.locator(".preview-notice").evaluate(
            """(notice) => {
              const own = getComputedStyle(notice);
              return {
                color: own.color,
                background: own.backgroundColor,
                page: getComputedStyle(document.body).backgroundColor,
                border: own.borderLeftStyle,
              };
            }"""
        )
        assert look["background"] not in ("rgba(0, 0, 0, 0)", look["page"]), look
        assert look["border"] != "none", look
        assert contrast(look["color"], look["background"]) >= 4.5, look
        assert violations_of_any_impact(page.evaluate(AXE_RUN)) == [], article.slug


# Structure


def test_every_page_has_one_h1_and_headings_in_order(live_server, new_context, site):
    page = new_context().new_page()
    for _language, _kind, path in every_page(site):
        page.goto(live_server.url + path)
        headings = page.evaluate(HEADINGS)
        levels = [h["level"] for h in headings]
        assert levels.count(1) == 1, (path, headings)
        # Going down, no level is skipped (going back up any number is fine).
        for before, after in pairwise(headings):
            assert after["level"] <= before["level"] + 1, (path, before, after)
        # The page's own outline starts at its h1; only the consent banner's title comes before.
        first_in_main = next(h for h in headings if h["inMain"])
        assert first_in_main["level"] == 1, (path, headings)
        before_h1 = headings[: levels.index(1)]
        assert all(h["inBanner"] for h in before_h1), (path, headings)


def test_every_page_has_each_landmark_once(live_server, new_context, site):
    page = new_context().new_page()
    for language, _kind, path in every_page(site):
        page.goto(live_server.url + path)
        for role in ("banner", "main", "contentinfo", "search"):
            expect(page.get_by_role(role), f"{path} {role}").to_have_count(1)
        sections = "Sektioner" if language == "sv" else "Sections"
        masthead = page.get_by_role("banner")
        expect(masthead.get_by_role("navigation", name=sections), path).to_have_count(1)
        # Several navigation landmarks are fine when each has a name of its own.
        names = [nav.get_attribute("aria-label") for nav in page.get_by_role("navigation").all()]
        assert None not in names, (path, names)
        assert len(set(names)) == len(names), (path, names)


def test_the_language_switcher_names_each_language_in_itself(live_server, new_context, site):
    page = new_context().new_page()
    for language, kind, path in every_page(site):
        page.goto(live_server.url + path)
        assert page.locator("html").get_attribute("lang") == language, path
        target, name = ("en", "English") if language == "sv" else ("sv", "Svenska")
        switcher = page.get_by_role("banner").get_by_role("link", name=name, exact=True)
        expect(switcher, path).to_have_attribute("lang", target)
        expect(switcher, path).to_have_attribute("hreflang", target)
        if kind == "article":
            expect(switcher, path).to_have_attribute("href", site[target]["article"])


@pytest.mark.parametrize("width", [1280, 320])
def test_a_card_is_read_headline_first_and_shows_its_picture_above_it(
    live_server, new_context, site, width
):
    """A screen reader reads a card's headline before its section, picture and text (moving
    from headline to headline reads each story's own words after it); on screen the picture
    and the section name stay above the headline, or beside it for the front page's lead."""
    page = new_context(viewport={"width": width, "height": 900}).new_page()
    checked = 0
    for kind in ("front", "section", "search"):
        page.goto(live_server.url + site["sv"][kind])
        for card in page.get_by_role("main").locator(".card").all():
            # The card's own role first (article), then what is inside it.
            tree = card.aria_snapshot().splitlines()[1:]
            roles = [line.strip().removeprefix("- ").split(" ")[0].rstrip(":") for line in tree]
            assert roles[0] == "heading", (kind, tree)
            heading = card.get_by_role("heading")
            link = heading.get_by_role("link")
            # The link is named by the headline alone.
            expect(link).to_have_accessible_name(heading.inner_text().strip())
            headline = heading.bounding_box()
            image = card.locator("img")
            if image.count():
                picture = image.bounding_box()
                beside = card.evaluate("(el) => el.classList.contains('card--lead')") and (
                    width > 900
                )
                if beside:
                    assert picture["x"] + picture["width"] <= headline["x"], (kind, tree)
                else:
                    assert picture["y"] + picture["height"] <= headline["y"], (kind, tree)
                checked += 1
            section_name = card.locator(".card__section")
            if section_name.count():
                assert section_name.bounding_box()["y"] < headline["y"], (kind, tree)
    assert checked >= 3


def test_every_image_has_its_width_and_height(live_server, new_context, site):
    page = new_context().new_page()
    seen = 0
    for _language, _kind, path in every_page(site):
        page.goto(live_server.url + path)
        for img in page.locator("img").all():
            assert int(img.get_attribute("width")) > 0, (path, img)
            assert int(img.get_attribute("height")) > 0, (path, img)
            seen += 1
    assert seen >= 6


@pytest.mark.parametrize("width", [1280, 320])
def test_targets_are_at_least_24_px_in_header_footer_banner_and_pagination(
    live_server, new_context, site, width
):
    page = new_context(viewport={"width": width, "height": 800}).new_page()
    pages_with_pagination = 0
    for _language, _kind, path in every_page(site):
        page.goto(live_server.url + path)
        targets = page.evaluate(TARGETS)
        assert len(targets) >= 8, (path, targets)
        small = [t for t in targets if t["width"] < 24 or t["height"] < 24]
        assert small == [], path
        pages_with_pagination += page.locator(".pagination a").count() > 0
    # the Swedish section's pages, all news's pages and search results
    assert pages_with_pagination == 5


def test_buttons_keep_their_edges_in_forced_colours(live_server, new_context, site):
    """Windows' contrast themes replace every colour: a button drawn by its background alone
    would be a word among words. A border, even one of the background's colour, is drawn."""
    page = new_context(forced_colors="active").new_page()
    edgeless = {}
    for _language, _kind, path in every_page(site):
        page.goto(live_server.url + path)
        found = page.evaluate(
            """() => [...document.querySelectorAll("button")]
              .filter((button) => button.checkVisibility())
              .filter((button) => {
                const style = getComputedStyle(button);
                return style.borderTopStyle === "none" || parseFloat(style.borderTopWidth) === 0;
              })
              .map((button) => button.outerHTML.slice(0, 80))"""
        )
        if found:
            edgeless[path] = found
    assert edgeless == {}


# Each visible field's placeholder: how wide its text is in the field's font, and how wide the
# field's text area is.
PLACEHOLDERS = """() => [...document.querySelectorAll("input[placeholder]")]
  .filter((field) => field.checkVisibility())
  .map((field) => {
    const style = getComputedStyle(field, "::placeholder");
    const own = getComputedStyle(field);
    const probe = document.createElement("span");
    probe.style.cssText = "position: absolute; white-space: pre; visibility: hidden";
    probe.style.font = style.font;
    probe.style.letterSpacing = style.letterSpacing;
    probe.textContent = field.placeholder;
    document.body.append(probe);
    const text = probe.getBoundingClientRect().width;
    probe.remove();
    const room = field.clientWidth - parseFloat(own.paddingLeft) - parseFloat(own.paddingRight);
    return { placeholder: field.placeholder, text, room };
  })"""


# The browser's own font size (Chrome's settings: Medium 16 px, Large 20 px, Very large 24 px),
# which every size in rem follows: readers who zoom often set larger text as well.
@pytest.mark.parametrize("font_size", [16, 20, 24], ids=["medium", "large", "very large"])
def test_no_page_scrolls_sideways_on_a_320_px_screen_nor_cuts_a_placeholder(
    live_server, new_context, site, font_size
):
    page = new_context(viewport={"width": 320, "height": 640}).new_page()
    cdp = page.context.new_cdp_session(page)
    cdp.send("Page.enable")
    cdp.send("Page.setFontSizes", {"fontSizes": {"standard": font_size}})
    wider = {}
    clipped = {}
    for _language, _kind, path in every_page(site):
        page.goto(live_server.url + path)
        # The text follows the setting (the body's 1.0625rem).
        assert page.evaluate("getComputedStyle(document.body).fontSize") == (
            f"{font_size * 1.0625:g}px"
        )
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > 320:
            wider[path] = width
        # A field's placeholder (the masthead's search names itself by it) is read whole.
        for field in page.evaluate(PLACEHOLDERS):
            if field["text"] > field["room"]:
                clipped.setdefault(path, []).append(field)
    assert wider == {}
    assert clipped == {}


# Keyboard


def test_tab_goes_from_the_skip_link_through_the_banner_to_the_masthead(
    live_server, new_context, site
):
    page = new_context().new_page()
    page.goto(live_server.url + site["sv"]["article"])
    stops = tab_through(page)

    order = []
    for stop in stops:
        if not order or order[-1] != stop["where"]:
            order.append(stop["where"])
    assert order == ["skip link", "consent banner", "masthead", "sections", "main", "footer"]
    banner_stops = [s["name"] for s in stops if s["where"] == "consent banner"]
    assert banner_stops[-2:] == ["Avböj", "Acceptera"]
    assert stops[len(banner_stops) + 1]["name"] == "Newsroom"

    # The skip link shows itself when focused and leads past the banner and masthead.
    page.goto(live_server.url + site["sv"]["article"])
    page.keyboard.press("Tab")
    skip_link = page.locator(".skip-link")
    expect(skip_link).to_be_focused()
    box = skip_link.bounding_box()
    assert box["y"] >= 0 and box["height"] >= 24
    page.keyboard.press("Enter")
    expect(page.get_by_role("main")).to_be_focused()


@pytest.mark.parametrize("font_size", [16, 24], ids=["medium", "very large"])
def test_the_skip_link_is_out_of_sight_until_it_is_focused(
    live_server, new_context, site, font_size
):
    """Larger text wraps the link onto two lines on a phone: still none of it shows."""
    page = new_context(viewport={"width": 320, "height": 640}).new_page()
    cdp = page.context.new_cdp_session(page)
    cdp.send("Page.enable")
    cdp.send("Page.setFontSizes", {"fontSizes": {"standard": font_size}})
    page.goto(live_server.url + site["sv"]["article"])
    skip_link = page.locator(".skip-link")
    box = skip_link.bounding_box()
    assert box["y"] + box["height"] <= 0, box

    page.keyboard.press("Tab")
    expect(skip_link).to_be_focused()
    box = skip_link.bounding_box()
    assert box["y"] >= 0 and box["x"] + box["width"] <= 320, box


@pytest.mark.parametrize("color_scheme", ["light", "dark"])
def test_every_interactive_element_shows_where_the_focus_is(
    live_server, new_context, site, color_scheme
):
    page = new_context(color_scheme=color_scheme).new_page()
    paths = [site["sv"][kind] for kind in ("article", "search", "privacy policy", SETTINGS_PAGE)]
    for path in paths:
        page.goto(live_server.url + path)
        stops = tab_through(page)
        assert len(stops) > 10, path
        unfocused = page.evaluate(UNFOCUSED)
        for stop, before in zip(stops, unfocused, strict=True):
            focused = {"outline": stop["outline"], "boxShadow": stop["boxShadow"]}
            assert focused != before, (path, stop["html"])
            # A solid outline of at least 2 px, in a colour that stands out from what is behind it
            # (WCAG 1.4.11: 3:1 for the parts of the page that show its state).
            assert stop["outlineStyle"] == "solid" and stop["outlineWidth"] >= 2, stop
            assert contrast(stop["outlineColor"], stop["backdrop"]) >= 3, stop


# Print


def test_a_printed_article_has_its_text_picture_and_address_and_nothing_to_click(
    live_server, new_context, site
):
    # A reader in dark mode still gets black on white on paper.
    page = new_context(color_scheme="dark").new_page()
    page.goto(live_server.url + site["sv"]["article"])
    address = page.locator(".article__address")
    expect(address).to_be_hidden()
    expect(page.locator(BANNER)).to_be_visible()

    page.emulate_media(media="print")
    for hidden in (
        ".skip-link",
        BANNER,
        "nav.sections",
        "header.masthead [role=search]",
        ".masthead__language",
        "footer.site-footer",
        ".article__translation",
    ):
        expect(page.locator(hidden), hidden).to_be_hidden()
    main = page.get_by_role("main")
    expect(main.get_by_role("heading", level=1)).to_have_text("Riksdagen röstade om budgeten")
    expect(main.locator(".byline")).to_contain_text("Eva Lindqvist")
    expect(main.locator(".dateline time")).to_be_visible()
    expect(main.locator(".article__body")).to_contain_text("Den röstade nej.")
    expect(main.locator("figure img")).to_be_visible()
    expect(main.locator("figcaption .caption")).to_have_text("Riksdagshuset i Stockholm.")
    expect(main.locator("figcaption .credit")).to_have_text("Foto: Karin Lund/Newsroom")
    expect(address).to_be_visible()
    expect(address).to_contain_text(live_server.url + site["sv"]["article"])
    body = page.locator("body")
    expect(body).to_have_css("color", "rgb(0, 0, 0)")
    expect(body).to_have_css("background-color", "rgb(255, 255, 255)")

    page.goto(live_server.url + site["sv"]["search"])
    expect(page.locator(".search-form")).to_be_hidden()
    cards = page.get_by_role("main").locator(".card")
    expect(cards.first).to_be_visible()
    # A card is not cut between two sheets: its picture on one, its headline on the next.
    for card in cards.all():
        expect(card).to_have_css("break-inside", "avoid")


# Form controls a reader can see; a hidden input is not one of them.
VISIBLE_CONTROLS = """() => [...document.querySelectorAll("button, input, select, textarea")]
  .filter((el) => el.checkVisibility())
  .map((el) => el.outerHTML.slice(0, 100))"""


def test_no_printed_page_has_a_button_or_form_control(live_server, page, site):
    for language, pages in site.items():
        for kind, path in pages.items():
            page.emulate_media(media="screen")
            page.goto(live_server.url + path)
            page.emulate_media(media="print")
            assert page.evaluate(VISIBLE_CONTROLS) == [], f"{language} {kind}"

    # The cookie settings page prints the reader's choice in words, before and after choosing.
    page.emulate_media(media="screen")
    page.goto(live_server.url + site["sv"][SETTINGS_PAGE])
    page.locator("[data-consent-settings-form] button[value=accept]").click()
    expect(page.locator("[data-consent-saved]")).to_be_visible()
    page.emulate_media(media="print")
    assert page.evaluate(VISIBLE_CONTROLS) == []
    expect(page.locator("[data-consent-status]")).to_have_text("Accepterat")
    expect(page.locator("[data-consent-id]")).to_be_visible()
