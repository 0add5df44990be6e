"""Responsive pictures: the browser fetches the rendition a picture is shown at, not a larger one."""

from datetime import timedelta

import pytest
from django.utils import timezone

from tests.factories import image_bytes, make_article, make_image, make_section

pytestmark = pytest.mark.django_db(transaction=True)

# Each picture in <main>: how wide it is shown, in device pixels, and the width of the
# rendition the browser chose (rendition names end "-<width>-<digest>.<format>").
PICTURES = """() => [...document.querySelectorAll("main img")].map((img) => ({
  shown: img.getBoundingClientRect().width * devicePixelRatio,
  chosen: Number(img.currentSrc.match(/-(\\d+)-[0-9a-f]+\\.\\w+$/)[1]),
}))"""


@pytest.fixture
def pictured_articles(db):
    """A section of four articles, each with a picture of its own (renditions 400–1200 px)."""
    section = make_section(slug="inrikes", name_sv="Inrikes", name_en="Sweden")
    for n in range(4):
        image = make_image(content=image_bytes(width=1200, height=800, color=(40 * n, 90, 140)))
        make_article(
            section=section,
            slug=f"nyhet-{n}",
            lead_image=image,
            published_at=timezone.now() - timedelta(hours=n + 1),
        )


@pytest.mark.parametrize(("width", "scale"), [(1280, 1), (1280, 2), (960, 1), (720, 1), (375, 2)])
def test_list_pictures_are_fetched_at_the_width_they_are_shown(
    live_server, new_context, pictured_articles, width, scale
):
    """The front page's lead picture and the cards of the front and section pages: their
    `sizes` follow the grid, so the browser takes the narrowest rendition that is sharp."""
    wrong = {}
    for path in ("/sv/", "/sv/sektion/inrikes/"):
        # A visitor of their own for each page: a browser may show a rendition it has already
        # fetched, larger, for another picture of the same image.
        viewport = {"width": width, "height": 900}
        page = new_context(viewport=viewport, device_scale_factor=scale).new_page()
        page.goto(live_server.url + path)
        for img in page.locator("main img").all():
            img.scroll_into_view_if_needed()
        page.wait_for_function(
            "[...document.querySelectorAll('main img')].every((img) => img.complete)"
        )
        for n, picture in enumerate(page.evaluate(PICTURES)):
            sharp = min((w for w in (400, 800, 1200) if w >= picture["shown"]), default=1200)
            if picture["chosen"] != sharp:
                wrong[f"{path} picture {n + 1}"] = picture | {"sharp": sharp}
    assert wrong == {}


# Each picture in <main>: the width it is laid out at and the width its `sizes` attribute
# promises at this viewport, in CSS pixels (the first size whose media condition matches,
# measured as a box of that width: `sizes` lengths are CSS lengths, calc() included).
LAID_OUT_AND_PROMISED = """() => [...document.querySelectorAll("main img")].map((img) => {
  let length = null;
  for (const part of img.sizes.split(/,(?![^(]*\\))/).map((s) => s.trim())) {
    const conditional = part.match(/^(\\(.*\\))\\s+(\\S.*)$/);
    if (!conditional) { length = part; break; }
    if (matchMedia(conditional[1]).matches) { length = conditional[2]; break; }
  }
  const box = document.createElement("div");
  box.style.cssText = `position: absolute; width: ${length}`;
  document.body.append(box);
  const promised = box.getBoundingClientRect().width;
  box.remove();
  return {laid_out: img.getBoundingClientRect().width, promised: promised, sizes: img.sizes};
})"""


@pytest.mark.parametrize("width", [320, 420, 600, 700, 800, 960, 1152, 1600])
def test_every_pictures_sizes_is_the_width_the_layout_gives_it(
    live_server, new_context, pictured_articles, width
):
    """`sizes` is what the browser picks a rendition by before any CSS is loaded: on the article
    page (its lead picture in the reading column), the front page and the lists' cards, it says
    the width site.css lays each picture out at, never less (a blurred picture) nor more than a few
    pixels over (a larger file than needed)."""
    page = new_context(viewport={"width": width, "height": 900}).new_page()
    wrong = {}
    for path in (
        "/sv/artiklar/nyhet-0/",
        "/sv/",
        "/sv/sektion/inrikes/",
        "/sv/nyheter/",
        "/sv/sok/?q=rubrik",
    ):
        page.goto(live_server.url + path)
        pictures = page.evaluate(LAID_OUT_AND_PROMISED)
        assert pictures, path
        for n, picture in enumerate(pictures):
            if not 0 <= picture["promised"] - picture["laid_out"] <= 4:
                wrong[f"{path} picture {n + 1}"] = picture
    assert wrong == {}


@pytest.mark.parametrize(("width", "scale"), [(1280, 1), (1280, 1.25), (1280, 2), (420, 2)])
def test_the_article_pages_lead_picture_is_fetched_at_the_width_it_is_shown(
    live_server, new_context, width, scale
):
    """The lead picture in the reading column: the narrowest rendition that is sharp there."""
    image = make_image(content=image_bytes(width=1600, height=1000))
    make_article(slug="med-bild", lead_image=image)
    page = new_context(viewport={"width": width, "height": 900}, device_scale_factor=scale)
    page = page.new_page()
    page.goto(live_server.url + "/sv/artiklar/med-bild/")
    page.wait_for_function("document.querySelector('main img').complete")
    (picture,) = page.evaluate(PICTURES)
    sharp = min(w for w in (400, 800, 1200, 1600) if w >= picture["shown"])
    assert picture["chosen"] == sharp, picture
