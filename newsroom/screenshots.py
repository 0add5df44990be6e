"""`make screenshots`: PNGs of the front page and the AI-image article as readers see them.

Run as `python -m newsroom.screenshots` (not part of the test suite). It serves the demo with the
production configuration under gunicorn on loopback (newsroom/demo_server.py) and has Playwright
drive Debian's Chromium: the front page and the Japan-U.S. summit article (the demo's AI-generated
lead image), in Swedish and English, 375 and 1280 CSS px wide, in light and dark mode, first with
the consent banner shown, then after "Acceptera"/"Accept" was clicked and the page opened again.
Each picture is the first screen (the viewport, not the whole page): what a reader sees first,
banner included. They go to screenshots/ (not kept in git) as
<language>-<page>-<width>-<scheme>-<banner|accepted>.png; the two the README shows are copied,
optimised, into docs/.
"""

import shutil
import sys
from pathlib import Path

from PIL import Image
from playwright.sync_api import sync_playwright

from newsroom.chromium import CHROMIUM, CHROMIUM_ARGS
from newsroom.demo_server import PROXY_HEADERS, DemoServerError, production_demo

BASE_DIR = Path(__file__).resolve().parent.parent
OUTPUT = BASE_DIR / "screenshots"
DOCS = BASE_DIR / "docs"
# A common phone and a laptop; the heights are their usual first screens.
VIEWPORTS = {375: 812, 1280: 800}
SCHEMES = ("light", "dark")
PAGES = ("front", "article")
LOCALES = {"sv": "sv-SE", "en": "en-GB"}
ACCEPT = {"sv": "Acceptera", "en": "Accept"}
# The two pictures the README shows: a phone with the banner, a laptop after the choice.
README_PICKS = ("sv-article-375-light-banner.png", "en-front-1280-dark-accepted.png")
# The "load" event does not wait for lazy images, and those on the first screen start loading
# only after layout: wait until every picture on the first screen is loaded and decoded.
FIRST_SCREEN_IMAGES_DECODED = """async () => {
  const visible = [...document.images].filter(
    (image) => image.getBoundingClientRect().top < window.innerHeight,
  );
  await Promise.all(visible.map((image) => image.decode().catch(() => {})));
  return visible.every((image) => image.complete && image.naturalWidth > 0);
}"""


def open_settled(tab, url, reload=False):
    """Load (or reload) a page and wait until its first screen is fully painted."""
    if reload:
        tab.reload(wait_until="networkidle")
    else:
        tab.goto(url, wait_until="networkidle")
    if not tab.evaluate(FIRST_SCREEN_IMAGES_DECODED):
        raise DemoServerError(f"{url}: a picture on the first screen did not load")


def capture(browser, pages, language, page, width, scheme):
    """Both states of one page at one size and scheme; returns the two files written."""
    context = browser.new_context(
        viewport={"width": width, "height": VIEWPORTS[width]},
        locale=LOCALES[language],
        color_scheme=scheme,
        extra_http_headers=PROXY_HEADERS,
    )
    try:
        tab = context.new_page()
        url = pages.url(language, page)
        stem = f"{language}-{page}-{width}-{scheme}"
        open_settled(tab, url)
        banner = tab.locator("#consent-banner")
        if not banner.is_visible():
            raise DemoServerError(f"{url}: a new visitor sees no consent banner")
        shown = OUTPUT / f"{stem}-banner.png"
        tab.screenshot(path=shown, animations="disabled", caret="hide")

        banner.get_by_role("button", name=ACCEPT[language], exact=True).click()
        banner.wait_for(state="detached")
        # As the visitor's next visit shows it: rendered by the server with the choice stored.
        open_settled(tab, url, reload=True)
        if tab.locator("#consent-banner").count():
            raise DemoServerError(f"{url}: the banner is back after accepting")
        accepted = OUTPUT / f"{stem}-accepted.png"
        tab.screenshot(path=accepted, animations="disabled", caret="hide")
        return [shown, accepted]
    finally:
        context.close()


def copy_for_readme(source):
    """The PNG optimised for the README (lossless: the same pixels, fewer bytes)."""
    target = DOCS / f"screenshot-{source.name}"
    with Image.open(source) as picture:
        picture.convert("RGB").save(target, optimize=True)
    return target


def main():
    shutil.rmtree(OUTPUT, ignore_errors=True)
    OUTPUT.mkdir()
    DOCS.mkdir(exist_ok=True)
    written = []
    with production_demo() as pages, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            for language in LOCALES:
                for page in PAGES:
                    for width in VIEWPORTS:
                        for scheme in SCHEMES:
                            written += capture(browser, pages, language, page, width, scheme)
        finally:
            browser.close()
    for path in written:
        print(path.relative_to(BASE_DIR))
    print(f"{len(written)} screenshots in {OUTPUT.relative_to(BASE_DIR)}/")
    for name in README_PICKS:
        print(f"for the README: {copy_for_readme(OUTPUT / name).relative_to(BASE_DIR)}")


if __name__ == "__main__":
    try:
        main()
    except DemoServerError as error:
        print(f"The screenshots could not be made: {error}", file=sys.stderr)
        sys.exit(1)
