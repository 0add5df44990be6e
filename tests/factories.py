"""Small, explicit builders for test data."""

import io
from datetime import timedelta
from itertools import count

from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from PIL import Image as PILImage

from articles.forms import (
    AuthorAdminForm,
    ImageAdminForm,
    SectionAdminForm,
    picture_name,
    stored_version,
)
from articles.models import Article, Author, DigitalSourceType, Image, Section, article_history
from articles.services import article_byline_set, image_renditions_create

_sequence = count(1)


def image_bytes(width=800, height=533, format="JPEG", color=(30, 90, 140), exif=None):
    picture = PILImage.new("RGB", (width, height), color)
    buffer = io.BytesIO()
    options = {"exif": exif} if exif is not None else {}
    picture.save(buffer, format=format, **options)
    return buffer.getvalue()


def make_section(**fields):
    n = next(_sequence)
    defaults = {"slug": f"section-{n}", "name_sv": f"Sektion {n}", "name_en": f"Section {n}"}
    fields = {**defaults, **fields}
    # As an editor's would be: the English name as a slug ("World": "world").
    fields.setdefault("slug_en", slugify(fields["name_en"])[:50] or f"section-{n}")
    return Section.objects.create(**fields)


def make_author(**fields):
    n = next(_sequence)
    defaults = {"name": f"Reporter {n}", "slug": f"reporter-{n}"}
    return Author.objects.create(**{**defaults, **fields})


def make_image(
    *, source=DigitalSourceType.DIGITAL_CAPTURE, renditions=True, content=None, name=None, **fields
):
    """An image stored as the admin stores an upload: named for its content's format
    (test-7.png for a PNG), unless a test gives its `name`, which is then stored as given."""
    defaults = {
        "alt_text": "En hamn i kvällsljus",
        "alt_text_en": "A harbour in the evening light",
        "credit": "Foto: Karin Lund/Newsroom",
        "source": source,
    }
    content = content or image_bytes()
    if name is None:
        with PILImage.open(io.BytesIO(content)) as picture:
            name = picture_name(f"test-{next(_sequence)}", picture.format)
    upload = ContentFile(content, name=name)
    image = Image.objects.create(file=upload, **{**defaults, **fields})
    if renditions:
        image_renditions_create(image=image)
    return image


def make_article(*, authors=None, section=None, **fields):
    n = next(_sequence)
    defaults = {
        "language": "sv",
        "headline": f"Rubrik nummer {n}",
        "slug": f"rubrik-{n}",
        "lede": "En kort ingress.",
        "body": "Första stycket.\n\n## Mellanrubrik\n\nAndra stycket.",
        "status": Article.Status.PUBLISHED,
        "published_at": timezone.now() - timedelta(hours=1),
        "section": section or make_section(),
    }
    article = Article.objects.create(**{**defaults, **fields})
    byline = authors if authors is not None else [make_author()]
    if article_byline_set(article=article, authors=byline):
        # A revision with the byline, as an editor's change of it writes one.
        article_history.create_historical_record(article, "~")
    return article


def make_cookie_groups():
    """The consent app's cookie groups, as its data migration makes them.

    Transactional tests (live servers) flush the database, data migrations' rows included.
    """
    from django.apps import apps
    from django.utils.module_loading import import_string

    import_string("consent.migrations.0002_cookie_groups.create_groups")(apps, None)
    import_string("consent.migrations.0004_consent_state_cookie.add_cookie")(apps, None)


def byline_form_data(authors, *, stored=()):
    """The byline rows of the article form (its inline) naming these author ids in this order.

    As an editor would fill them in: each stored row (a Byline) of an author still named gets
    the author's new position, the others are ticked for deletion, and new authors go in empty
    rows below.
    """
    stored = list(stored)
    positions = {author: n for n, author in enumerate(authors, start=1)}
    new = [author for author in authors if author not in {row.author_id for row in stored}]
    data = {
        "bylines-TOTAL_FORMS": str(len(stored) + len(new)),
        "bylines-INITIAL_FORMS": str(len(stored)),
        "bylines-MIN_NUM_FORMS": "0",
        "bylines-MAX_NUM_FORMS": "1000",
    }
    for n, row in enumerate(stored):
        data.update(
            {
                f"bylines-{n}-id": str(row.pk),
                f"bylines-{n}-article": str(row.article_id),
                f"bylines-{n}-author": str(row.author_id),
                f"bylines-{n}-position": str(positions.get(row.author_id, row.position)),
            }
        )
        if row.author_id not in positions:
            data[f"bylines-{n}-DELETE"] = "on"
    for n, author in enumerate(new, start=len(stored)):
        data.update(
            {f"bylines-{n}-author": str(author), f"bylines-{n}-position": str(positions[author])}
        )
    return data


class ArticleChangeFormMixin:
    """Posts an article's admin change form, as an editor reading the admin in English would."""

    def save(self, article, **changes):
        return self.client.post(
            reverse("admin:articles_article_change", args=[article.pk]),
            article_form_data(article, **changes),
            headers={"accept-language": "en"},
        )

    def publication(self, when):
        """The form's status and publication-time fields publishing at `when` (local time)."""
        local = timezone.localtime(when)
        return {
            "status": "published",
            "published_at_0": f"{local:%Y-%m-%d}",
            "published_at_1": f"{local:%H:%M:%S}",
        }


def article_form_data(article, *, adding=False, **changes):
    """The article's admin change form as an editor would post it, with some values changed.

    `authors` (ids, lead first) changes the byline; `adding` makes it the form of a new article
    (for the add page) with this article's values.
    """
    stored = [] if adding else list(article.bylines.all())
    authors = changes.pop("authors", None)
    if authors is None:
        authors = [row.author_id for row in article.bylines.all()]
    data = {
        "language": article.language,
        "headline": article.headline,
        "slug": article.slug,
        "lede": article.lede,
        "body": article.body,
        **byline_form_data(authors, stored=stored),
        "section": article.section_id,
        "lead_image": article.lead_image_id or "",
        "lead_image_caption": article.lead_image_caption,
        "status": article.status,
        "published_at_0": "",
        "published_at_1": "",
        "substantive_update_at_0": "",
        "substantive_update_at_1": "",
        "translation_of": article.translation_of_id or "",
        # The form as opened now: on top of the article's latest save.
        "edited_version": stored_version(article.pk),
    }
    if article.published_at:
        local = timezone.localtime(article.published_at)
        data["published_at_0"] = local.strftime("%Y-%m-%d")
        data["published_at_1"] = local.strftime("%H:%M:%S")
    data.update(changes)
    return data


def opened_version(obj):
    """The version an image's, a section's or an author's admin change form opens on (its
    edited_version)."""
    form_class = {Image: ImageAdminForm, Section: SectionAdminForm, Author: AuthorAdminForm}[
        type(obj)
    ]
    return form_class(instance=obj).initial["edited_version"]
