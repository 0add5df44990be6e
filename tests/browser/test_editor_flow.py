"""An editor's day in the Swedish admin: image, draft, preview, publication, front page."""

import importlib
import io
from contextlib import contextmanager

import pytest
from django.apps import apps
from django.contrib.auth.models import Group, User
from django.utils import timezone
from PIL import Image as PILImage
from PIL import ImageDraw
from playwright.sync_api import expect

from articles.models import Article, DigitalSourceType, Image, ImageRendition
from tests.browser.conftest import serious_violations
from tests.factories import make_author, make_section

HEADLINE = "Så kan Slussen se ut år 2040"
SLUG = "sa-kan-slussen-se-ut-ar-2040"
LEDE = "En AI-genererad bild visar hur kommunen tänker sig den nya slussen."
BODY = "Kommunen visade bilden på tisdagen.\n\n## Kritik från arkitekter\n\nAlla är inte nöjda."
CAPTION = "Så här kan Slussen se ut när bygget är klart."
ALT_TEXT = "Slussen i kvällsljus med nya broar och kajer"
CREDIT = "Illustration: Newsroom/AI"
PASSWORD = "redaktionens-eget-losenord-42"


@pytest.fixture
def editor_group(db):
    """The data migration's "Editor" role: a transactional test's flush deletes it."""
    migration = importlib.import_module("articles.migrations.0004_editor_role")
    migration.create_role(apps, None)
    group = Group.objects.get(name="Editor")
    editable = {
        f"{action}_{model}"
        for action in ("add", "change", "delete", "view")
        for model in ("article", "image", "section", "author")
    }
    read_only = {"view_articleviewday", "view_historicalarticle"}
    assert set(group.permissions.values_list("content_type__app_label", "codename")) == {
        ("articles", codename) for codename in editable | read_only
    }
    return group


@pytest.fixture
def editor(editor_group):
    user = User.objects.create_user(username="redaktor", password=PASSWORD, is_staff=True)
    user.groups.add(editor_group)
    return user


@pytest.fixture
def newsroom(db):
    return {
        "section": make_section(slug="inrikes", name_sv="Inrikes", name_en="Sweden"),
        "author": make_author(name="Eva Lindqvist", slug="eva-lindqvist"),
    }


@pytest.fixture
def anonymous_page(browser):
    """Opens pages in a fresh context each time: a reader with no session cookie."""

    @contextmanager
    def open_page():
        context = browser.new_context(locale="sv-SE", viewport={"width": 1280, "height": 900})
        try:
            yield context.new_page()
        finally:
            context.close()

    return open_page


def ai_picture_png(width=1200, height=800):
    """A picture with some shapes in it, as an upload would be (PNG bytes)."""
    picture = PILImage.new("RGB", (width, height), (40, 70, 110))
    draw = ImageDraw.Draw(picture)
    draw.rectangle((0, height * 2 // 3, width, height), fill=(20, 40, 60))
    draw.ellipse((width // 2 - 120, 80, width // 2 + 120, 320), fill=(240, 190, 90))
    draw.polygon([(100, 600), (600, 380), (1100, 600)], fill=(150, 150, 160))
    buffer = io.BytesIO()
    picture.save(buffer, format="PNG")
    return buffer.getvalue()


def choose_autocomplete(page, field, search, option):
    """Pick an option in the admin's select2 autocomplete widget, the way an editor does."""
    page.locator(f".field-{field} .select2-selection").click()
    page.locator(".select2-container--open .select2-search__field").fill(search)
    page.locator(".select2-container--open .select2-results__option", has_text=option).click()
    expect(page.locator(f"#id_{field} option:checked")).to_have_text(option)


@pytest.mark.django_db(transaction=True)
def test_editor_publishes_an_article_with_an_ai_image_that_readers_see_disclosed(
    live_server, page, axe, editor, newsroom, anonymous_page
):
    admin = live_server.url + "/admin/"

    # Log in through the form; the admin speaks Swedish from the browser's Accept-Language.
    page.goto(admin + "login/")
    page.get_by_label("Användarnamn").fill(editor.username)
    page.get_by_label("Lösenord").fill(PASSWORD)
    page.get_by_role("button", name="Logga in").click()
    expect(page).to_have_url(admin)
    expect(page.locator("html")).to_have_attribute("lang", "sv")

    # Upload the AI-generated image.
    page.goto(admin + "articles/image/add/")
    page.locator("#id_file").set_input_files(
        {"name": "slussen-2040.png", "mimeType": "image/png", "buffer": ai_picture_png()}
    )
    page.locator("#id_source").select_option(label="Genererad av AI")
    expect(page.locator("#id_source")).to_have_value(DigitalSourceType.TRAINED_ALGORITHMIC_MEDIA)
    page.locator("#id_credit").fill(CREDIT)
    page.locator("#id_alt_text").fill(ALT_TEXT)
    page.get_by_role("button", name="Spara", exact=True).click()
    expect(page).to_have_url(admin + "articles/image/")
    expect(page.locator(".messagelist .success")).to_contain_text(f"Lade till bild ”{ALT_TEXT}”")

    image = Image.objects.get(alt_text=ALT_TEXT)
    assert (image.width, image.height, image.source, image.credit) == (
        1200,
        800,
        DigitalSourceType.TRAINED_ALGORITHMIC_MEDIA,
        CREDIT,
    )
    jpeg_widths = image.renditions.filter(format=ImageRendition.Format.JPEG).values_list(
        "width", flat=True
    )
    assert list(jpeg_widths) == [400, 800, 1200]

    # Write the article as a draft.
    page.goto(admin + "articles/article/add/")
    page.locator("#id_language").select_option("sv")
    page.locator("#id_headline").fill(HEADLINE)
    page.locator("#id_lede").fill(LEDE)  # leaving the headline fills in the slug
    expect(page.locator("#id_slug")).to_have_value(SLUG)
    page.locator("#id_body").fill(BODY)
    page.locator("#id_bylines-0-author").select_option(label="Eva Lindqvist")
    page.locator("#id_section").select_option(label="Inrikes")
    choose_autocomplete(page, "lead_image", "Slussen", ALT_TEXT)
    page.locator("#id_lead_image_caption").fill(CAPTION)
    page.locator("#id_status").select_option(label="Utkast")
    page.get_by_role("button", name="Spara och fortsätt redigera").click()
    expect(page.locator(".messagelist .success")).to_contain_text(f"Lade till artikel ”{HEADLINE}”")

    article = Article.objects.get(language="sv", slug=SLUG)
    assert article.status == Article.Status.DRAFT
    assert list(article.authors.all()) == [newsroom["author"]]
    assert (article.section, article.lead_image) == (newsroom["section"], image)
    expect(page).to_have_url(admin + f"articles/article/{article.pk}/change/")
    article_url = live_server.url + article.get_absolute_url()

    # Preview the draft in a new tab.
    with page.context.expect_page() as new_tab:
        page.get_by_role("link", name="Förhandsvisa", exact=True).click()
    preview = new_tab.value
    expect(preview).to_have_url(article_url)
    expect(preview.locator(".preview-notice")).to_have_text(
        "Förhandsvisning: artikeln är ett utkast och läsarna kan inte se den."
    )
    expect(preview.locator("h1")).to_have_text(HEADLINE)
    expect(preview.locator(".article__body h2")).to_have_text("Kritik från arkitekter")
    expect(preview.locator("figure figcaption .caption")).to_have_text(CAPTION)
    expect(preview.locator("figure figcaption .ai-disclosure")).to_have_text("Bild genererad av AI")
    preview.close()

    with anonymous_page() as reader:
        response = reader.goto(article_url)
        assert response.status == 404

    # Publish it, from now on.
    page.locator("#id_status").select_option(label="Publicerad")
    published_at = page.locator(".field-published_at")
    # Django's Swedish catalog leaves this shortcut's aria-label in English ("Today (…)").
    published_at.get_by_text("I dag", exact=True).click()
    published_at.get_by_role("button", name="Nu", exact=True).click()
    expect(page.locator("#id_published_at_0")).not_to_have_value("")
    expect(page.locator("#id_published_at_1")).not_to_have_value("")
    page.get_by_role("button", name="Spara", exact=True).click()
    expect(page).to_have_url(admin + "articles/article/")
    expect(page.locator(".messagelist .success")).to_contain_text(f"Ändrade artikel ”{HEADLINE}”")

    article.refresh_from_db()
    assert article.status == Article.Status.PUBLISHED
    assert article.published_at <= timezone.now()

    # A reader finds it on the front page, with the AI disclosure under the picture.
    with anonymous_page() as reader:
        reader.goto(live_server.url + "/sv/")
        reader.get_by_role("link", name=HEADLINE, exact=True).click()
        reader.wait_for_url(article_url)

        expect(reader.locator(".preview-notice")).to_have_count(0)
        expect(reader.locator("h1")).to_have_text(HEADLINE)
        figure = reader.locator("figure.article__figure")
        lead = figure.locator("img")
        caption = figure.locator("figcaption")
        expect(lead).to_have_attribute("alt", ALT_TEXT)
        expect(caption.locator(".caption")).to_have_text(CAPTION)
        expect(caption.locator(".ai-disclosure")).to_have_text("Bild genererad av AI")
        expect(caption.locator(".credit")).to_have_text(CREDIT)
        assert lead.evaluate("img => img.complete && img.naturalWidth > 0")
        # Under the image: after it in the figure, and below it on the screen.
        assert figure.evaluate(
            "f => f.querySelector('img').compareDocumentPosition(f.querySelector('figcaption'))"
            " & Node.DOCUMENT_POSITION_FOLLOWING"
        )
        image_box, caption_box = lead.bounding_box(), caption.bounding_box()
        assert caption_box["y"] >= image_box["y"] + image_box["height"]

        assert serious_violations(axe.run(reader)) == []
