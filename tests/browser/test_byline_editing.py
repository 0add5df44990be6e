"""An editor orders a byline in the admin, with and without JavaScript, and readers see it."""

import pytest
from playwright.sync_api import expect

from articles.models import Article
from tests.browser.conftest import admin_log_in, serious_violations
from tests.factories import make_article, make_author


@pytest.fixture
def bylined(db):
    """An article by Anna Berg and Bo Ek, in that order, and a third author to add."""
    anna, bo = make_author(name="Anna Berg"), make_author(name="Bo Ek")
    cecilia = make_author(name="Cecilia Dahl")
    article = make_article(headline="Toppmöte i Tokyo", slug="toppmote", authors=[anna, bo])
    return article, anna, bo, cecilia


@pytest.mark.django_db(transaction=True)
def test_an_editor_orders_the_byline_without_javascript(live_server, browser, editor, bylined):
    article, anna, bo, cecilia = bylined
    context = browser.new_context(locale="sv-SE", java_script_enabled=False)
    page = context.new_page()
    admin_log_in(page, live_server.url, editor.username)
    page.goto(live_server.url + f"/admin/articles/article/{article.pk}/change/")

    # Bo Ek becomes the lead reporter; Cecilia Dahl is added in the empty row, named last.
    page.locator("#id_bylines-0-position").fill("2")
    page.locator("#id_bylines-1-position").fill("1")
    page.locator("#id_bylines-2-author").select_option(label="Cecilia Dahl")
    page.get_by_role("button", name="Spara och fortsätt redigera").click()

    expect(page.locator(".messagelist .success")).to_contain_text("Ändrade artikel")
    assert Article.objects.get(pk=article.pk).byline == [bo, anna, cecilia]
    # The form opens on the new order.
    expect(page.locator("#id_bylines-0-author option:checked")).to_have_text("Bo Ek")
    expect(page.locator("#id_bylines-2-author option:checked")).to_have_text("Cecilia Dahl")
    expect(page.locator("#id_bylines-2-position")).to_have_value("3")

    reader = browser.new_context(locale="sv-SE").new_page()
    reader.goto(live_server.url + article.get_absolute_url())
    expect(reader.locator(".byline .byline__name")).to_have_text(
        ["Bo Ek", "Anna Berg", "Cecilia Dahl"]
    )
    reader.context.close()
    context.close()


@pytest.mark.django_db(transaction=True)
def test_the_byline_fields_pass_axe(live_server, page, axe, editor, bylined):
    article, *_authors = bylined
    admin_log_in(page, live_server.url, editor.username)
    page.goto(live_server.url + f"/admin/articles/article/{article.pk}/change/")
    # With JavaScript: Django's inline script adds "Add another" and the row template.
    expect(page.locator("#bylines-group .add-row a")).to_be_visible()
    # Each field has its label and its help text on the page, not in a tooltip.
    expect(page.get_by_label("Skribent").first).to_have_id("id_bylines-0-author")
    expect(page.get_by_label("Placering").first).to_have_id("id_bylines-0-position")
    expect(page.locator("#id_bylines-0-position_helptext")).to_be_visible()
    # The byline's own fields: the rest of the form is Django's admin.
    assert serious_violations(axe.run(page, context="#bylines-group")) == []
