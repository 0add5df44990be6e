"""An editor finds an article deleted by mistake and restores it, in a real browser."""

import pytest
from django.utils.text import capfirst
from django.utils.translation import gettext, override
from playwright.sync_api import expect

from articles.models import Article
from tests.browser.conftest import admin_log_in, serious_violations
from tests.factories import make_article, make_author, make_section


def sv(text):
    """A text of the admin as editors read it, in Swedish."""
    with override("sv"):
        return gettext(text)


@pytest.mark.django_db(transaction=True)
def test_an_editor_restores_a_deleted_article_and_the_pages_pass_axe(
    live_server, page, axe, editor
):
    anna, bo = make_author(name="Anna Berg"), make_author(name="Bo Ek")
    gone = make_section(name_sv="Nöje", name_en="Entertainment")
    kept = make_section(name_sv="Inrikes", name_en="Domestic")
    article = make_article(headline="Toppmöte i Tokyo", section=gone, authors=[bo, anna])
    admin_log_in(page, live_server.url, editor.username)
    page.goto(live_server.url + f"/admin/articles/article/{article.pk}/delete/")
    page.get_by_role("button", name="Ja, jag är säker").click()
    gone.delete()  # the section goes too, once no article is in it

    page.get_by_role("link", name=sv("Deleted articles")).click()
    row = page.locator("#deleted-articles tbody tr")
    expect(row).to_have_count(1)
    expect(row).to_contain_text("Toppmöte i Tokyo")
    expect(row).to_contain_text("redaktor")
    assert serious_violations(axe.run(page, context="#content")) == []

    row.locator("a[href$='/restore/']").click()
    expect(page.locator("h1")).to_have_text(sv("Restore a deleted article"))
    assert serious_violations(axe.run(page, context="#content")) == []
    page.get_by_label(capfirst(sv("section"))).select_option(label="Inrikes")
    page.get_by_role("button", name=sv("Yes, restore it as a draft")).click()

    expect(page).to_have_url(live_server.url + f"/admin/articles/article/{article.pk}/change/")
    restored = Article.objects.get(pk=article.pk)
    assert (restored.status, restored.section, restored.byline) == ("draft", kept, [bo, anna])


@pytest.mark.django_db(transaction=True)
def test_on_a_phone_the_deleted_list_scrolls_its_table_not_the_page(
    live_server, new_context, editor
):
    article = make_article(
        headline="Kommunfullmäktige beslutar om den nya översiktsplanen för kustområdet",
        authors=[make_author(name="Anna Berg")],
    )
    page = new_context(viewport={"width": 375, "height": 800}).new_page()
    admin_log_in(page, live_server.url, editor.username)
    page.goto(live_server.url + f"/admin/articles/article/{article.pk}/delete/")
    page.get_by_role("button", name="Ja, jag är säker").click()

    page.goto(live_server.url + "/admin/articles/article/deleted/")
    expect(page.locator("#deleted-articles tbody tr")).to_have_count(1)
    # The page is as wide as the screen (WCAG 1.4.10, reflow); the table scrolls in its box.
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    restore = page.locator("#deleted-articles a[href$='/restore/']")
    restore.focus()
    restore.scroll_into_view_if_needed()
    expect(restore).to_be_in_viewport()
