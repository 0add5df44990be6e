import unicodedata
from dataclasses import dataclass
from datetime import datetime
from functools import partial

from django.conf import settings
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.contrib.redirects.models import Redirect
from django.contrib.sites.models import Site
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.db import connections, models, router, transaction
from django.db.models import Exists, OuterRef, Q
from django.db.models.fields.files import ImageFieldFile
from django.db.models.signals import post_delete
from django.dispatch import receiver
from django.urls import Resolver404, resolve, reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, gettext, override
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from newsroom.dates import local_datetime
from newsroom.validators import (
    validate_markdown_text,
    validate_plain_text,
    validate_reader_text,
)

from .images import upright_size
from .markup import (
    fragment_links_without_heading,
    links_without_words,
    markup_readers_would_not_get,
    render_markdown,
)
from .querysets import SEARCHED_FIELDS, ArticleQuerySet, search_document


class Language(models.TextChoices):
    SWEDISH = "sv", _("Swedish")
    ENGLISH = "en", _("English")

    @classmethod
    def other_than(cls, code):
        """The site's other language (the switcher's target)."""
        return cls.ENGLISH if code == cls.SWEDISH else cls.SWEDISH


def slugs_redirected_to(*, url_name: str, slug: str) -> list[tuple[str, str]]:
    """The (language, slug) of each `url_name` page that the `url_name` addresses with `slug`
    redirect to: none unless `slug` is a former slug, as section and author slug redirects leave.

    A page answers before its address's redirect is looked at: whatever is given that slug next
    would take those addresses over without a word, and old links would open it instead.
    """
    old_urls = {}
    for language, _name in settings.LANGUAGES:
        with override(language):
            old_urls[reverse(url_name, kwargs={"slug": slug})] = language
    redirects = Redirect.objects.filter(site=Site.objects.get_current(), old_path__in=old_urls)
    found = []
    for old_url, new_url in redirects.order_by("old_path").values_list("old_path", "new_path"):
        language = old_urls[old_url]
        # A slug redirect leads each old address to the same page in its language.
        with override(language):
            try:
                match = resolve(new_url)
            except Resolver404:
                continue
        if match.view_name == url_name:
            found.append((language, match.kwargs["slug"]))
    return found


class FormerSlugsMixin:
    """A model whose changed slugs keep their old addresses as redirects to its page: no other
    row may take one of them, or old links would open it instead, without a word.

    In validate_unique(), so that every ModelForm and full_clean() refuses it. A slug the row
    had when it was read is its own, whatever it was before (data from before this rule).
    """

    former_slug_fields = ("slug",)
    former_slug_code = "former_slug"
    former_slug_message = ""

    @classmethod
    def from_db(cls, db, field_names, values, **kwargs):
        instance = super().from_db(db, field_names, values, **kwargs)
        instance._slugs_when_read = {
            value
            for name, value in zip(field_names, values, strict=True)
            if name in cls.former_slug_fields
        }
        return instance

    def former_slug_owner(self, slug):
        """The other row that `slug` was a former slug of, or None."""
        raise NotImplementedError

    def validate_unique(self, exclude=None):
        errors = {}
        try:
            super().validate_unique(exclude=exclude)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        own = getattr(self, "_slugs_when_read", set())
        for field in self.former_slug_fields:
            value = getattr(self, field)
            if (exclude and field in exclude) or field in errors or not value or value in own:
                continue
            if owner := self.former_slug_owner(value):
                errors[field] = [
                    ValidationError(
                        self.former_slug_message,
                        code=self.former_slug_code,
                        params={self._meta.model_name: owner},
                    )
                ]
        if errors:
            raise ValidationError(errors)


class SectionQuerySet(models.QuerySet):
    def at_address(self, slug, *, language):
        """The section a section address in `language` names, and whether it is its address.

        Its slug in that language, or else (an old link, an address whose language was
        switched) its slug in the other one: that section's page redirects to its own address.
        One query; raises Section.DoesNotExist when no section has that slug.
        """
        found = list(self.filter(Q(slug=slug) | Q(slug_en=slug)).order_by())
        for section in found:
            if section.slug_in(language) == slug:
                return section, True
        if not found:
            raise self.model.DoesNotExist(f"No section has the slug {slug!r}.")
        return found[0], False

    def with_published_languages(self):
        """Sections annotated with the languages they have published articles in, for
        `Section.published_languages`: one EXISTS per language, in the same query."""
        published = Article.objects.published().filter(section=OuterRef("pk"))
        return self.annotate(
            **{
                f"published_in_{code}": Exists(published.in_language(code))
                for code in Language.values
            }
        )


class Section(FormerSlugsMixin, models.Model):
    """A part of the paper (Inrikes, Utrikes, ...), named and addressed in each language."""

    former_slug_fields = ("slug", "slug_en")
    former_slug_code = "former_slug_of_other_section"
    former_slug_message = _(
        "The section “%(section)s” had this slug before it was changed, and old "
        "links with it still lead to that section. Choose another, so that they "
        "keep doing so."
    )

    # Django's own message for a taken slug ("Section with this Slug already exists.") names
    # the field by its label, capitalised mid-sentence, and says nothing of what to do.
    slug = models.SlugField(
        _("slug"),
        unique=True,
        help_text=_("The last part of the section's Swedish address."),
        error_messages={
            "unique": _(
                "Another section's Swedish address ends with this slug. Choose another, so "
                "that each address leads to one section."
            )
        },
    )
    slug_en = models.SlugField(
        _("slug (English)"),
        unique=True,
        help_text=_("The last part of the section's English address."),
        error_messages={
            "unique": _(
                "Another section's English address ends with this slug. Choose another, so "
                "that each address leads to one section."
            )
        },
    )
    name_sv = models.CharField(
        _("name in Swedish"),
        max_length=80,
        validators=[validate_reader_text, validate_plain_text],
    )
    name_en = models.CharField(
        _("name in English"),
        max_length=80,
        validators=[validate_reader_text, validate_plain_text],
    )
    position = models.PositiveSmallIntegerField(
        _("position"), default=0, help_text=_("Sections are listed in this order in the menu.")
    )

    objects = SectionQuerySet.as_manager()

    class Meta:
        ordering = ["position", "slug"]
        verbose_name = _("section")
        verbose_name_plural = _("sections")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return self.url_in(get_language())

    def url_in(self, language, url_name="articles:section"):
        """The address of the section's page (or of its feed: `url_name`) in a language."""
        with override(language):
            return reverse(url_name, kwargs={"slug": self.slug_in(language)})

    def slug_in(self, language):
        return self.slug_en if language == Language.ENGLISH else self.slug

    def name_in(self, language):
        return self.name_en if language == Language.ENGLISH else self.name_sv

    @property
    def name(self):
        return self.name_in(get_language())

    @property
    def page_slug(self):
        """The slug of the page's language, for its addresses."""
        return self.slug_in(get_language())

    def former_slug_owner(self, slug):
        return section_with_former_slug(slug=slug, other_than=self)

    @property
    def published_languages(self):
        """The languages the section has published articles in: those of its pages that are
        versions of each other. Read from Section.objects.with_published_languages()."""
        return [code for code in Language.values if getattr(self, f"published_in_{code}")]


def section_with_former_slug(*, slug: str, other_than: Section | None = None) -> Section | None:
    """The section, other than `other_than`, that `slug` was a former slug of (Swedish or
    English): the one its section addresses still redirect to; None when there is none."""
    for language, new_slug in slugs_redirected_to(url_name="articles:section", slug=slug):
        try:
            section, _current = Section.objects.at_address(new_slug, language=language)
        except Section.DoesNotExist:
            # A deleted section's: its old links lead nowhere any more.
            continue
        if other_than is None or section.pk != other_than.pk:
            return section
    return None


def in_page_language(swedish, english):
    """An editor's text in the page's language: the English one on English pages when there is
    one, else the Swedish."""
    if get_language() == Language.ENGLISH and english:
        return english
    return swedish


def stand_in_language(english):
    """ "sv" where in_page_language() gives the Swedish text on an English page (no English one),
    else "": a lang attribute for it, so that screen readers read it as Swedish."""
    if get_language() == Language.ENGLISH and not english:
        return Language.SWEDISH.value
    return ""


class Author(FormerSlugsMixin, models.Model):
    former_slug_code = "former_slug_of_other_author"
    former_slug_message = _(
        "The author “%(author)s” had this slug before it was changed, and old links "
        "with it still lead to that author's page. Choose another, so that they keep "
        "doing so."
    )

    name = models.CharField(
        _("name"), max_length=120, validators=[validate_reader_text, validate_plain_text]
    )
    slug = models.SlugField(
        _("slug"),
        unique=True,
        error_messages={
            "unique": _(
                "Another author's address ends with this slug. Choose another, so that each "
                "address leads to one author."
            )
        },
    )
    email = models.EmailField(_("email"), blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("author")
        verbose_name_plural = _("authors")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("articles:author", kwargs={"slug": self.slug})

    def former_slug_owner(self, slug):
        return author_with_former_slug(slug=slug, other_than=self)


def author_with_former_slug(*, slug: str, other_than: Author | None = None) -> Author | None:
    """The author, other than `other_than`, that `slug` was a former slug of: the one its
    author page addresses still redirect to; None when there is none."""
    new_slugs = {
        new_slug
        for _language, new_slug in slugs_redirected_to(url_name="articles:author", slug=slug)
    }
    # A deleted author's old links lead nowhere: their former slugs are nobody's.
    authors = Author.objects.filter(slug__in=new_slugs).order_by("pk")
    if other_than is not None and other_than.pk is not None:
        authors = authors.exclude(pk=other_than.pk)
    return authors.first()


class DigitalSourceType(models.TextChoices):
    """How an image was made, in the IPTC Digital Source Type vocabulary."""

    DIGITAL_CAPTURE = "digitalCapture", _("Photograph (digital capture)")
    NEGATIVE_FILM = "negativeFilm", _("Photograph (scanned film)")
    DIGITAL_CREATION = "digitalCreation", _("Illustration or graphic made by a person")
    COMPOSITE_CAPTURE = "compositeCapture", _("Composite of photographs")
    SCREEN_CAPTURE = "screenCapture", _("Screenshot")
    TRAINED_ALGORITHMIC_MEDIA = "trainedAlgorithmicMedia", _("Generated by AI")
    COMPOSITE_WITH_TRAINED_ALGORITHMIC_MEDIA = (
        "compositeWithTrainedAlgorithmicMedia",
        _("Composite including AI-generated elements"),
    )

    @property
    def uri(self):
        return f"http://cv.iptc.org/newscodes/digitalsourcetype/{self.value}"

    @property
    def schema_org_uri(self):
        """The schema.org IPTCDigitalSourceEnumeration member for structured data."""
        # IPTC renamed digitalCreation to digitalArt; schema.org only knows the new name.
        name = "digitalArt" if self == self.DIGITAL_CREATION else self.value
        return f"https://schema.org/{name[0].upper()}{name[1:]}DigitalSource"


AI_SOURCE_TYPES = frozenset(
    {
        DigitalSourceType.TRAINED_ALGORITHMIC_MEDIA,
        DigitalSourceType.COMPOSITE_WITH_TRAINED_ALGORITHMIC_MEDIA,
    }
)


# Folders under MEDIA_ROOT (and MEDIA_URL): uploads as editors sent them, which keep what the
# camera wrote into them (GPS position, serial number), and the renditions readers are shown.
UPLOADS_FOLDER = "images/"
RENDITIONS_FOLDER = "renditions/"

# The widest rendition an `<img>` falls back to, and the one pages share (og:image).
FALLBACK_MAX_WIDTH = 1200


class UprightImageFieldFile(ImageFieldFile):
    """An image field's file whose width and height are those of the picture shown upright."""

    # Django reads the size as stored; a camera held upright stores its picture on its side
    # and says so in EXIF, and the renditions (made upright) are what editors and readers see.
    def _get_image_dimensions(self):
        if not hasattr(self, "_dimensions_cache"):
            close = self.closed
            self.open()
            try:
                self._dimensions_cache = upright_size(self)
            finally:
                if close:
                    self.close()
        return self._dimensions_cache


class UprightImageField(models.ImageField):
    """An ImageField whose width_field and height_field hold the upright size."""

    attr_class = UprightImageFieldFile

    def deconstruct(self):
        name, _path, args, kwargs = super().deconstruct()
        # The same column as Django's ImageField: migrations need not tell them apart.
        return name, "django.db.models.ImageField", args, kwargs


class Image(models.Model):
    """An uploaded picture with what readers and the law need to know about it."""

    file = UprightImageField(
        _("file"), upload_to=UPLOADS_FOLDER + "%Y/%m/", width_field="width", height_field="height"
    )
    width = models.PositiveIntegerField(_("width"), editable=False, default=0)
    height = models.PositiveIntegerField(_("height"), editable=False, default=0)
    alt_text = models.CharField(
        _("alt text (Swedish)"),
        max_length=250,
        blank=True,
        validators=[validate_reader_text, validate_plain_text],
        help_text=_(
            "Describes the picture for readers who cannot see it. Required unless the image "
            "is decorative."
        ),
    )
    alt_text_en = models.CharField(
        _("alt text (English)"),
        max_length=250,
        blank=True,
        validators=[validate_reader_text, validate_plain_text],
        help_text=_("Used on English pages; the Swedish text is used when this is empty."),
    )
    decorative = models.BooleanField(
        _("decorative"),
        default=False,
        help_text=_(
            "Tick only if the picture adds nothing a reader would miss, such as a pattern or a "
            "mood picture: screen readers then skip it, so leave both alt texts empty."
        ),
    )
    credit = models.CharField(
        _("credit"),
        max_length=200,
        blank=True,
        validators=[validate_reader_text, validate_plain_text],
        help_text=_("For example “Foto: Anna Berg/TT”."),
    )
    credit_en = models.CharField(
        _("credit (English)"),
        max_length=200,
        blank=True,
        validators=[validate_reader_text, validate_plain_text],
        help_text=_(
            "Used on English pages, for example “Photo: Anna Berg/TT”; the Swedish credit is "
            "used when this is empty."
        ),
    )
    source = models.CharField(
        _("source"),
        max_length=48,
        choices=DigitalSourceType.choices,
        help_text=_(
            "How the image was made. Images generated by AI, wholly or partly, are captioned "
            "“Image generated by AI” automatically."
        ),
    )
    focal_x = models.PositiveSmallIntegerField(
        _("focal point, across (%)"),
        default=50,
        validators=[MaxValueValidator(100)],
        help_text=_("Where the subject is, from the left edge (0) to the right (100)."),
    )
    focal_y = models.PositiveSmallIntegerField(
        _("focal point, down (%)"),
        default=50,
        validators=[MaxValueValidator(100)],
        help_text=_("Where the subject is, from the top (0) to the bottom (100)."),
    )
    created_at = models.DateTimeField(_("uploaded"), auto_now_add=True)
    # What pages need of the renditions, [format, width, height, file name] each: written with
    # them by image_renditions_create(), so a page's pictures cost no query of their own.
    rendition_index = models.JSONField(default=list, editable=False)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("image")
        verbose_name_plural = _("images")

    def __str__(self):
        # A decorative image may have no alt text: editors still need a name to pick it by.
        return self.alt_text or self.file.name.rpartition("/")[2]

    def clean(self):
        if not self.decorative and not self.alt_text:
            message = _(
                "Describe the picture for readers who cannot see it, or tick “Decorative” if it "
                "adds nothing they would miss."
            )
            raise ValidationError({"alt_text": ValidationError(message, code="alt_text_missing")})
        if self.decorative:
            # Screen readers skip a decorative image (Image.alt is empty): text kept here would
            # look to the editor as if readers got it.
            message = _(
                "Screen readers skip a decorative image, so this text would never be read. "
                "Empty the field, or untick “Decorative” if the picture tells readers something."
            )
            errors = {
                name: ValidationError(message, code="alt_text_decorative")
                for name in ("alt_text", "alt_text_en")
                if getattr(self, name)
            }
            if errors:
                raise ValidationError(errors)

    @property
    def ai_generated(self):
        return self.source in AI_SOURCE_TYPES

    @property
    def source_uri(self):
        return DigitalSourceType(self.source).uri

    @property
    def alt(self):
        """The alt text in the page's language; empty for a decorative image."""
        if self.decorative:
            return ""
        return in_page_language(self.alt_text, self.alt_text_en)

    @property
    def shared_alt(self):
        """The alt text of a shared link's picture (Open Graph, X): shown there without the
        page's caption, an AI-made picture's says so, even where the page calls it decorative."""
        if not self.ai_generated:
            return self.alt
        disclosure = gettext("Image generated by AI")
        return f"{self.alt} ({disclosure})" if self.alt else disclosure

    @property
    def alt_lang(self):
        """The alt text's language where it is not the page's ("sv" on English pages), else ""."""
        return stand_in_language(self.alt_text_en) if self.alt else ""

    @property
    def credit_text(self):
        """The credit in the page's language."""
        return in_page_language(self.credit, self.credit_en)

    @property
    def credit_lang(self):
        """The credit's language where it is not the page's ("sv" on English pages), else ""."""
        return stand_in_language(self.credit_en) if self.credit_text else ""

    @cached_property
    def rendition_sets(self):
        """Renditions grouped by format, narrowest first (from rendition_index: no query)."""
        return rendition_sets(self.rendition_index)

    def fallback_rendition(self, max_width=FALLBACK_MAX_WIDTH):
        """The widest JPEG no wider than max_width (the `src` of an `<img>`)."""
        return fallback_rendition(self.rendition_sets, max_width=max_width)


@dataclass(frozen=True, slots=True)
class Rendition:
    """A rendition as pages show it, read from its image's rendition_index."""

    format: str
    width: int
    height: int
    name: str

    @property
    def storage(self):
        return ImageRendition.file.field.storage

    @property
    def url(self):
        return self.storage.url(self.name)

    @property
    def mime_type(self):
        return f"image/{self.format}"


def rendition_sets(rendition_index):
    """An image's rendition index as Renditions grouped by format, narrowest first."""
    sets = {}
    for format, width, height, name in sorted(rendition_index, key=lambda r: r[1]):
        sets.setdefault(format, []).append(Rendition(format, width, height, name))
    return sets


def fallback_rendition(sets, max_width=FALLBACK_MAX_WIDTH):
    """The widest JPEG no wider than max_width (the `src` of an `<img>`), or None."""
    jpegs = sets.get(ImageRendition.Format.JPEG, [])
    fitting = [r for r in jpegs if r.width <= max_width]
    return (fitting or jpegs or [None])[-1]


class ImageRendition(models.Model):
    """A resized, metadata-free copy of an image, made once when the image is saved."""

    class Format(models.TextChoices):
        AVIF = "avif", "AVIF"
        WEBP = "webp", "WebP"
        JPEG = "jpeg", "JPEG"

    image = models.ForeignKey(Image, on_delete=models.CASCADE, related_name="renditions")
    format = models.CharField(max_length=4, choices=Format.choices)
    width = models.PositiveIntegerField()
    height = models.PositiveIntegerField()
    file = models.ImageField(upload_to=RENDITIONS_FOLDER + "%Y/%m/")

    class Meta:
        ordering = ["image", "format", "width"]
        constraints = [
            models.UniqueConstraint(
                fields=["image", "format", "width"], name="unique_rendition_per_format_and_width"
            )
        ]

    def __str__(self):
        return f"{self.image_id} {self.format} {self.width}w"

    @property
    def mime_type(self):
        return f"image/{self.format}"


# A signal, not delete(): a queryset delete (admin's bulk action) and the cascade from an image to
# its renditions call no model method, and every deletion sends post_delete.
@receiver(post_delete, sender=Image)
@receiver(post_delete, sender=ImageRendition)
def _delete_file_after_commit(sender, instance, using, **kwargs):
    """A deleted image's upload or rendition leaves storage too, once the deletion is committed."""
    file_delete_on_commit(instance.file.storage, instance.file.name, using=using)


def file_delete_on_commit(storage, name, *, using=None):
    """Delete a stored file once the current transaction commits (at once outside one).

    After the commit, so that a rolled-back change still has its files; robust, so that a file
    already gone does not turn a committed change into an error page.
    """
    if name:
        transaction.on_commit(partial(storage.delete, name), using=using, robust=True)


class BylineManager(models.Manager):
    # With its author, always: a byline row is read to name the author (pages, feeds, history).
    # Also the related manager article.bylines and prefetch_related("bylines"): one query.
    def get_queryset(self):
        return super().get_queryset().select_related("author")


class Byline(models.Model):
    """An author's place on an article's byline: position 1 is the lead reporter."""

    # Defined before Article: simple-history copies the through model's fields for its
    # historical byline rows (HistoricalByline) when Article is prepared.
    article = models.ForeignKey(
        "Article", verbose_name=_("article"), on_delete=models.CASCADE, related_name="bylines"
    )
    author = models.ForeignKey(
        Author, verbose_name=_("author"), on_delete=models.PROTECT, related_name="bylines"
    )
    position = models.PositiveSmallIntegerField(
        _("position"),
        help_text=_("1 is the lead reporter, named first."),
    )

    objects = BylineManager()

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("author on the byline")
        verbose_name_plural = _("byline")
        constraints = [
            models.UniqueConstraint(fields=["article", "author"], name="unique_author_per_byline")
        ]

    def __str__(self):
        return f"{self.position}. {self.author}"


# What markup_readers_would_not_get() finds, and what the editor is told of it.
BODY_PROBLEMS = (
    (
        "image_in_body",
        _(
            "Pictures cannot be placed in the text; choose the lead image from the image "
            "library instead. Remove: %(found)s"
        ),
    ),
    (
        "refused_link",
        _("Readers could not follow these links, and they would be shown as plain text: %(found)s"),
    ),
    (
        "link_without_address",
        _(
            "These links have no full address, so readers would land on a page of this "
            "site that does not exist. Write the whole address, starting with https://, "
            "such as https://www.riksbank.se (an e-mail address starts with mailto:, an "
            "address on this site with /). Correct: %(found)s"
        ),
    ),
    (
        "html_in_body",
        _(
            "HTML cannot be used in the text; readers would see it as typed. Use Markdown "
            "instead, such as **bold**, *italics* or [text](https://address). Remove: "
            "%(found)s"
        ),
    ),
    (
        "cells_beyond_columns",
        _(
            "A table row has more cells than the table has columns, and readers would not "
            "see the extra ones. Add a column to the header row, or remove: %(found)s"
        ),
    ),
)


def body_problems(body: str) -> list[ValidationError]:
    """What of a Markdown body readers would not get as the editor meant, each said with what
    to do: pictures, HTML, links that cannot be followed or lead nowhere, cells left out."""
    errors = [
        ValidationError(message, code=code, params={"found": ", ".join(found)})
        for (code, message), found in zip(
            BODY_PROBLEMS, markup_readers_would_not_get(body), strict=True
        )
        if found
    ]
    if fragments := fragment_links_without_heading(body):
        errors.append(
            ValidationError(
                _(
                    "These links lead to a part of the article, but no subheading in it "
                    "has that name, so readers would go nowhere. Link to a subheading by "
                    "its words, such as [see below](#background) for “## Background”, "
                    "or correct: %(found)s"
                ),
                code="fragment_without_heading",
                params={"found": ", ".join(fragments)},
            )
        )
    if wordless := links_without_words(body):
        errors.append(
            ValidationError(
                _(
                    "These links have no text, so readers would see nothing to click and "
                    "screen readers could not say where they lead. Write the link's words "
                    "between the square brackets, such as [the Riksbank's decision]"
                    "(https://www.riksbank.se). Correct: %(found)s"
                ),
                code="link_without_words",
                params={"found": ", ".join(wordless)},
            )
        )
    return errors


# Article.history's records, named here so that the admin can write a new article's first
# revision itself, once its byline is saved too (see ArticleAdmin.save_related).
article_history = HistoricalRecords(
    excluded_fields=["body_html", "updated_at", "search_vector"], m2m_fields=["authors"]
)


# No article is dated before this year: an earlier one is a year mistyped ("0026" for "2026"),
# which would sort the article last for good. A fixed year, not one relative to today, so that
# an article valid when saved stays valid; early enough for an archive's old articles.
EARLIEST_PUBLICATION_YEAR = 1900


def earliest_publication():
    """The first moment of EARLIEST_PUBLICATION_YEAR, in the local time the editor types."""
    return datetime(EARLIEST_PUBLICATION_YEAR, 1, 1, tzinfo=timezone.get_current_timezone())


class Article(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")

    language = models.CharField(
        _("language"), max_length=2, choices=Language.choices, default=Language.SWEDISH
    )
    headline = models.CharField(
        _("headline"), max_length=200, validators=[validate_reader_text, validate_plain_text]
    )
    slug = models.SlugField(
        _("slug"), max_length=200, help_text=_("The last part of the article's address.")
    )
    lede = models.TextField(
        _("lede"),
        validators=[validate_reader_text, validate_plain_text],
        help_text=_("The standfirst: one or two sentences that sum up the story."),
    )
    body = models.TextField(
        _("body"),
        validators=[validate_markdown_text],
        help_text=_(
            "Markdown: a blank line between paragraphs, “## ” for a subheading, “> ” for a "
            "quote, “- ” for a list item, [text](https://address) for a link. HTML is not allowed."
        ),
    )
    body_html = models.TextField(editable=False, default="")
    authors = models.ManyToManyField(
        Author, through=Byline, verbose_name=_("authors"), related_name="articles"
    )
    section = models.ForeignKey(
        Section, verbose_name=_("section"), on_delete=models.PROTECT, related_name="articles"
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    published_at = models.DateTimeField(
        _("publication time"),
        null=True,
        blank=True,
        db_index=True,
        help_text=_(
            "A published article is visible from this time on; a time in the future schedules it."
        ),
    )
    lead_image = models.ForeignKey(
        Image,
        verbose_name=_("lead image"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="articles",
    )
    lead_image_caption = models.CharField(
        _("caption"),
        max_length=300,
        blank=True,
        validators=[validate_reader_text, validate_plain_text],
        help_text=_(
            "What the picture shows, in the article's language. The AI disclosure is added "
            "automatically; do not type it."
        ),
    )
    translation_of = models.ForeignKey(
        "self",
        verbose_name=_("translation of"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="translations",
        help_text=_("The original article, when this one is its translation."),
    )
    substantive_update_at = models.DateTimeField(
        _("updated for readers"),
        null=True,
        blank=True,
        help_text=_("Shown to readers as “Updated”. Set by ticking “Substantive update”."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    # Full-text search document, filled by save() on PostgreSQL only (SQLite searches without it).
    search_vector = SearchVectorField(null=True, blank=True, editable=False)

    # The text editors type; the slug is ASCII already.
    COMPOSED_FIELDS = ("headline", "lede", "body", "lead_image_caption")

    objects = ArticleQuerySet.as_manager()
    # Every save keeps a revision (who, when, what); derived fields are not kept.
    history = article_history

    class Meta:
        ordering = ["-published_at", "-pk"]
        verbose_name = _("article")
        verbose_name_plural = _("articles")
        constraints = [
            models.UniqueConstraint(fields=["language", "slug"], name="unique_slug_per_language"),
            models.CheckConstraint(
                condition=Q(status="draft") | Q(published_at__isnull=False),
                name="published_article_has_publication_time",
            ),
        ]
        indexes = [
            models.Index(fields=["language", "status", "-published_at"]),
            # A section's page: its latest articles, and how many pages of them there are.
            models.Index(fields=["section", "language", "status", "-published_at"]),
            # Created on PostgreSQL only (see migration 0005).
            GinIndex(fields=["search_vector"], name="article_search_vector_gin"),
        ]

    def __str__(self):
        return self.headline

    def save(self, **kwargs):
        self.compose_text()
        self.body_html = render_markdown(self.body, language=self.language)
        if kwargs.get("update_fields") is not None and "body" in kwargs["update_fields"]:
            kwargs["update_fields"] = {*kwargs["update_fields"], "body_html"}
        using = kwargs.get("using") or router.db_for_write(type(self), instance=self)
        update_fields = kwargs.get("update_fields")
        if connections[using].vendor == "postgresql" and (
            update_fields is None or SEARCHED_FIELDS.intersection(update_fields)
        ):
            # Computed by the database in the same INSERT or UPDATE: no query of its own.
            self.search_vector = search_document(
                language=self.language, headline=self.headline, lede=self.lede, body=self.body
            )
            if update_fields is not None:
                kwargs["update_fields"] = {*update_fields, "search_vector"}
        super().save(**kwargs)

    def get_absolute_url(self):
        return self.url_for(self.language, self.slug)

    def is_scheduled(self):
        """Whether this article is published for a time still to come (as scheduled() says)."""
        return self.status == self.Status.PUBLISHED and self.published_at > timezone.now()

    @staticmethod
    def url_for(language, slug):
        """The reader's address of an article in a language (also for former slugs)."""
        with override(language):
            return reverse("articles:detail", kwargs={"slug": slug})

    def clean(self):
        errors = {}
        if self.status == self.Status.PUBLISHED and self.published_at is None:
            errors["published_at"] = _("A published article needs a publication time.")
        elif self.published_at is not None and self.published_at < earliest_publication():
            errors["published_at"] = ValidationError(
                _("A publication time before %(year)s is most likely a mistyped year: check it."),
                code="before_earliest_publication",
                params={"year": EARLIEST_PUBLICATION_YEAR},
            )
        original = self.translation_of
        if original is not None:
            if original.pk == self.pk:
                errors["translation_of"] = _("An article cannot be a translation of itself.")
            elif original.language == self.language:
                errors["translation_of"] = _("A translation must be in another language.")
            elif original.translation_of_id is not None:
                errors["translation_of"] = _(
                    "Choose the original article, not one of its translations."
                )
            elif (
                Article.objects.filter(translation_of=original, language=self.language)
                .exclude(pk=self.pk)
                .exists()
            ):
                errors["translation_of"] = _(
                    "That article already has a translation in this language."
                )
            elif self.pk is not None and self.translations.exists():
                # Translations point at their original; an original made a translation would
                # leave its own translations pointing at a translation.
                errors["translation_of"] = _(
                    "This article has translations of its own, so it cannot be a translation."
                )
        elif self.pk is not None and self.translations.filter(language=self.language).exists():
            errors["language"] = _("This article already has a translation in that language.")
        if (
            original is not None
            and "translation_of" not in errors
            and self.status == self.Status.PUBLISHED  # a time to come schedules it: publishing
        ):
            errors.update(self.untranslated_errors(original))
            if "published_at" not in errors:
                errors.update(self.before_original_errors(original))
        if errors:
            raise ValidationError(errors)

    # What readers read of a translation that must not be its original's text. Not the
    # headline: a name ("Zlatan Ibrahimović", "Eurovision 2026") is rightly the same in both.
    TRANSLATED_FIELDS = ("lede", "body")

    def untranslated_errors(self, original):
        """The lede and body still the original's text (as "Save and translate" copied it),
        spacing aside, each with a ValidationError: a dict of field name to error.

        Compared with the original as it is now, already read by clean(): a copy of an
        earlier version of it is not told from a translation.
        """
        errors = {}
        for name in self.TRANSLATED_FIELDS:
            if " ".join(getattr(self, name).split()) == " ".join(getattr(original, name).split()):
                errors[name] = ValidationError(
                    _(
                        "Still the same as in the %(language)s original: translate it before "
                        "the article is published or scheduled, or save it as a draft."
                    ),
                    code="untranslated",
                    params={"language": original.get_language_display()},
                )
        return errors

    def before_original_errors(self, original):
        """Whether this translation, published, would reach readers before its original: while
        the original is a draft, or at a time before the original's still to come. A dict of
        field name to error. An original already live leaves nothing to wait for.
        """
        params = {"language": original.get_language_display(), "original": original.headline}
        if original.status == self.Status.DRAFT:
            return {
                "status": ValidationError(
                    _(
                        "Its %(language)s original, “%(original)s”, is a draft: publish or "
                        "schedule the original first, or save this translation as a draft."
                    ),
                    code="original_draft",
                    params=params,
                )
            }
        if original.published_at > max(self.published_at, timezone.now()):
            time = local_datetime(original.published_at)
            return {
                "published_at": ValidationError(
                    _(
                        "Its %(language)s original, “%(original)s”, is scheduled for %(time)s: "
                        "a translation does not go out before it. Choose that time or a later "
                        "one, or save this translation as a draft."
                    ),
                    code="before_original",
                    params={**params, "time": time},
                )
            }
        return {}

    def clean_fields(self, exclude=None):
        # Before the length checks: a few letters compose into two characters.
        self.compose_text()
        errors = {}
        try:
            super().clean_fields(exclude=exclude)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        # Here, not in the form, so that whatever publishes or stores an article (the publish
        # action, the demo content) refuses what the editor's form refuses. Once the body's
        # own validators pass: one kind of correction at a time, as the form asked before.
        body_checked = not (exclude and "body" in exclude) and "body" not in errors
        if body_checked and (problems := body_problems(self.body)):
            errors.setdefault("body", []).extend(problems)
        if errors:
            raise ValidationError(errors)

    def compose_text(self):
        """Compose the editor's text (NFC), as reader searches are (see views.search_words).

        Text pasted from macOS or PDFs often has decomposed letters ("o" and a combining
        diaeresis for "ö"), which neither SQLite's match nor PostgreSQL's lexemes equate with
        composed ones. NFC, not NFKC: ligatures and fullwidth letters stay as written.
        """
        deferred = self.get_deferred_fields()  # not loaded, so not saved either
        for field in self.COMPOSED_FIELDS:
            if field not in deferred:
                setattr(self, field, unicodedata.normalize("NFC", getattr(self, field)))

    @property
    def shown_update_at(self):
        """The substantive update readers are told of: none made before the publication time.

        An update ticked while the article was a draft or scheduled changed nothing a reader saw.
        """
        update = self.substantive_update_at
        if update is None or self.published_at is None or update <= self.published_at:
            return None
        return update

    @property
    def modified_at(self):
        """When readers were last told the article changed: its update, else its publication."""
        return max(filter(None, [self.published_at, self.substantive_update_at]), default=None)

    @cached_property
    def byline(self):
        """The article's authors, lead first (one query, or none when "bylines" was prefetched)."""
        return [byline.author for byline in self.bylines.all()]

    @property
    def rendered_body(self):
        # body_html is produced by render_markdown(), which escapes everything an editor types.
        return mark_safe(self.body_html)  # noqa: S308

    @property
    def translation_group_id(self):
        return self.translation_of_id or self.pk

    def other_language_version(self):
        """The published (language, slug) of this story in the site's other language, or None.

        With two languages that is the original of a translation, or the translation of an
        original: one lookup by key, cheaper than filtering translations_queryset().
        """
        if self.translation_of_id is not None:
            versions = Article.objects.filter(pk=self.translation_of_id)
        else:
            versions = Article.objects.filter(translation_of=self.pk)
        # At most one row (clean() allows one translation per language): nothing to sort.
        found = versions.published().order_by().values_list("language", "slug")[:1]
        return next(iter(found), None)

    def translations_queryset(self):
        """The other language versions of this story (not filtered for publication)."""
        group = self.translation_group_id
        return Article.objects.filter(Q(pk=group) | Q(translation_of_id=group)).exclude(pk=self.pk)


class ArticleViewDay(models.Model):
    """Page views of one article on one day, counted only for readers who accepted analytics."""

    article = models.ForeignKey(
        Article, verbose_name=_("article"), on_delete=models.CASCADE, related_name="view_days"
    )
    date = models.DateField(_("date"))
    views = models.PositiveIntegerField(_("page views"), default=0)
    visitors = models.PositiveIntegerField(_("visitors"), default=0)

    class Meta:
        ordering = ["-date", "-views"]
        verbose_name = _("daily page views")
        verbose_name_plural = _("most read")
        constraints = [
            models.UniqueConstraint(
                fields=["article", "date"], name="one_count_per_article_and_day"
            )
        ]

    def __str__(self):
        return f"{self.article_id} {self.date}: {self.views}"
