"""The editors' article list in the Swedish admin, in a 1280-pixel window."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import admin_log_in, serious_violations
from tests.factories import make_article, make_author, make_image, make_section

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_article_list_fits_a_1280_pixel_window_with_long_values(
    live_server, new_context, axe, editor
):
    # The columns at their widest: a long headline and section, three authors, a picture,
    # a story in both languages.
    section = make_section(name_sv="Kultur och nöjen i Västra Götaland", name_en="Culture")
    authors = [
        make_author(name="Anna-Karin Lindqvist Åberg"),
        make_author(name="Mohammed Al-Rashid"),
        make_author(name="Eva Östergren-Bäckström"),
    ]
    original = make_article(
        section=section,
        authors=authors,
        headline="Regeringen presenterar en omfattande reform av den svenska "
        "arbetslöshetsförsäkringen inför valet",
        lead_image=make_image(),
    )
    make_article(
        language="en",
        translation_of=original,
        section=section,
        authors=authors[:1],
        headline="Government presents a sweeping reform of unemployment insurance",
        lead_image=make_image(),
    )
    make_article(section=section, headline="Kort rubrik", status="draft", published_at=None)

    page = new_context(locale="sv-SE", viewport={"width": 1280, "height": 800}).new_page()
    admin_log_in(page, live_server.url, editor.username)
    page.goto(live_server.url + "/admin/articles/article/")
    table = page.locator("#result_list")
    expect(table.locator("tbody tr")).to_have_count(3)
    widths = table.evaluate("table => [table.scrollWidth, table.parentElement.clientWidth]")
    assert widths[0] <= widths[1], f"table {widths[0]} px wide in {widths[1]} px"
    assert page.evaluate("document.documentElement.scrollWidth") <= 1280
    # Nothing an editor needs is lost: every column is still there, with its values whole.
    for heading in (
        "Rubrik",
        "Status",
        "Bild",
        "Språk",
        "Sektion",
        "Byline",
        "Publiceringstid",
        "Uppdaterad",
    ):
        expect(table.locator("thead")).to_contain_text(heading)
    row = table.locator("tbody tr").filter(has_text="Regeringen presenterar")
    expect(row).to_contain_text("Eva Östergren-Bäckström")
    expect(row).to_contain_text("Kultur och nöjen i Västra Götaland")
    expect(row).to_contain_text("EN · SV")
    expect(row.locator("img")).to_have_count(1)
    assert serious_violations(axe.run(page)) == []
