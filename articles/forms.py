import hashlib
import json
import logging
import os
from datetime import UTC, datetime

from django import forms
from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS
from django.template.defaultfilters import filesizeformat
from django.utils import formats, timezone
from django.utils.functional import cached_property
from django.utils.text import capfirst, slugify
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy
from PIL import Image as PILImage
from simple_history.models import to_historic

from newsroom.admin import GuardedSplitDateTimeField
from newsroom.dates import local_datetime
from newsroom.templatetags.numbers import grouped

from . import images
from .models import FALLBACK_MAX_WIDTH, Article, Author, Byline, Image, Section
from .services import article_byline_set, free_slug

logger = logging.getLogger(__name__)


def too_many_pixels_error() -> forms.ValidationError:
    """The refusal of a picture so large that Pillow will not even open it."""
    return forms.ValidationError(
        _("The image has too many pixels; images may have at most %(limit)s million pixels."),
        code="too_many_pixels",
        params={"limit": settings.NEWSROOM_IMAGE_MAX_PIXELS // 1_000_000},
    )


def unreadable_image_error() -> forms.ValidationError:
    """The refusal of a file whose pixels cannot be decoded."""
    return forms.ValidationError(
        _("The file could not be read as an image; it may be damaged or incomplete."),
        code="invalid_image",
    )


def file_start(upload, size) -> bytes:
    """The first `size` bytes of an upload, which is read again from its beginning after."""
    upload.seek(0)
    start = upload.read(size)
    upload.seek(0)
    return start


# The brands an ISO base media file names at its start when it holds HEIF pictures.
HEIF_BRANDS = frozenset({b"heic", b"heix", b"hevc", b"hevx", b"heim", b"heis", b"mif1", b"msf1"})


def is_heif(upload) -> bool:
    """Whether an upload is a HEIF (HEIC) picture, which Pillow cannot read."""
    start = file_start(upload, 12)
    return start[4:8] == b"ftyp" and start[8:12] in HEIF_BRANDS


def is_svg(upload) -> bool:
    """Whether an upload is an SVG drawing: XML text with an <svg> element near its start."""
    start = file_start(upload, 4096).lstrip(b"\xef\xbb\xbf \t\r\n")
    return start.startswith((b"<?xml", b"<svg", b"<!DOCTYPE svg", b"<!--")) and b"<svg" in start


def is_pdf(upload) -> bool:
    """Whether an upload is a PDF document (its marker may follow some bytes of junk)."""
    return b"%PDF-" in file_start(upload, 1024)


# Files editors upload believing them pictures that Pillow cannot read: how each is known,
# and what the editor is told to do with it.
NOT_PICTURES = (
    (
        is_heif,
        "heic",
        _(
            "The file is a HEIC picture, the format iPhones save photos in, which the site "
            "cannot read. Save it as JPEG (in Photos or Preview, for example) and upload that "
            "file."
        ),
    ),
    (
        is_svg,
        "svg",
        _(
            "The file is an SVG drawing, which the site cannot show as a picture. Export it as "
            "PNG (or JPEG) from the program it was made in, and upload that file."
        ),
    ),
    (
        is_pdf,
        "pdf",
        _(
            "The file is a PDF document, not a picture. Export the page or the picture in it "
            "as JPEG or PNG (in Preview or Acrobat, for example), and upload that file."
        ),
    ),
)


# The extensions a picture is stored with, by the format Pillow reads it as, the usual one
# first: those web servers serve with that format's type. Other formats take Pillow's own.
PICTURE_EXTENSIONS = {
    "JPEG": (".jpg", ".jpeg"),
    # A camera's JPEG with more pictures in it: Pillow names it MPO (.mpo), browsers show JPEG.
    "MPO": (".jpg", ".jpeg"),
    "PNG": (".png",),
    "WEBP": (".webp",),
    "GIF": (".gif",),
    "AVIF": (".avif",),
}


def picture_name(name: str, picture_format: str) -> str:
    """An upload's name with an extension that says the format its content is in.

    An extension that already says it (.jpeg, .JPG, .tiff) is kept as the editor gave it; any
    other (.png on a JPEG, .jfif, none at all) is replaced by the format's usual one (.jpg).
    """
    extensions = PICTURE_EXTENSIONS.get(picture_format) or tuple(
        extension
        for extension, registered in PILImage.registered_extensions().items()
        if registered == picture_format
    )
    stem, extension = os.path.splitext(name)
    if not extensions or extension.lower() in extensions:
        return name
    return stem + extensions[0]


class PictureField(forms.ImageField):
    """Django's image field, except that a decompression bomb is called too big, not no image,
    and an iPhone's HEIC photo, an SVG drawing or a PDF are not called damaged or no image:
    the editor is told what to do with them.

    Nor is the file's name checked, only its content: the form stores it under a name that
    says its format (picture_name()), whatever its name said (IMG_1234, photo.jpg on a PNG).
    """

    default_validators = []

    def to_python(self, data):
        try:
            return super().to_python(data)
        except forms.ValidationError as error:
            if isinstance(error.__cause__, PILImage.DecompressionBombError):
                raise too_many_pixels_error() from error.__cause__
            if error.code == "invalid_image":
                for detected, code, message in NOT_PICTURES:
                    if detected(data):
                        raise forms.ValidationError(message, code=code) from error
            raise


class EditConflictMixin(forms.Form):
    """A change form that will not save on top of a change made after it was opened.

    The form carries the version of the object it was opened on. When the object has changed
    since, saving is refused with the edits still in the form, which then carries the new
    version: saving again replaces that version knowingly. By default the version is a digest
    of the fields the form edits, read from the object; a model with a better marker (an
    article's `updated_at`) says so by overriding opened_version() and current_version().
    (A Form subclass, first in a ModelForm's bases, only so that its field counts as declared.)
    """

    # Hidden. An admin that lists its fields (fieldsets) must list this one too.
    edited_version = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is not None:
            self.initial["edited_version"] = self.opened_version()

    def opened_version(self) -> str:
        """The version of the object as the form opens on it."""
        return self.content_version(self.instance)

    def current_version(self) -> str:
        """The version of the object in the database now; empty when it is gone."""
        stored = type(self.instance)._base_manager.filter(pk=self.instance.pk).first()
        return self.content_version(stored) if stored else ""

    def content_version(self, instance) -> str:
        """A digest of what this form edits of an instance: its other fields are not at risk.

        The admin reads the object afresh when the form is sent, so a field the form does not
        edit is saved as it is then; only the fields typed into the form can undo a change.
        Many-to-many fields are not in the digest: a form that edits one needs another marker.
        """
        values = [
            field.value_to_string(instance)
            for field in instance._meta.concrete_fields
            if field.name in self.fields
        ]
        return hashlib.sha256(json.dumps(values, default=str).encode()).hexdigest()

    def conflict_message(self) -> str:
        """What the editor is told when the form is refused."""
        raise NotImplementedError

    def clean(self):
        cleaned_data = super().clean()
        # A form sent without a version (not made by this admin, or opened before it had one)
        # is refused like a stale one: nothing says the editor saw what is stored now.
        if self.instance.pk is None:
            return cleaned_data
        current = self.current_version()
        if cleaned_data.get("edited_version") != current:
            # Sent again, the form saves on top of the version the editor has now been shown.
            self.data = self.data.copy()
            self.data[self.add_prefix("edited_version")] = current
            raise forms.ValidationError(self.conflict_message(), code="edit_conflict")
        return cleaned_data


class ImageAdminForm(EditConflictMixin, forms.ModelForm):
    """Only real pictures of a sensible size; checked by decoding them, not by their names.

    Image.clean() refuses an image without alt text unless it is marked decorative. The
    renditions are made when the form is checked, not when it is saved: a picture that cannot
    be made into them is refused with the form still filled in, before anything is stored.
    """

    # What the admin stores with the image (images.RenderedImage), or None when the file and
    # its source are unchanged.
    renditions = None

    class Meta:
        model = Image
        fields = [
            "file",
            "source",
            "credit",
            "credit_en",
            "alt_text",
            "alt_text_en",
            "decorative",
            "focal_x",
            "focal_y",
        ]
        field_classes = {"file": PictureField}

    def clean_file(self):
        """A new upload, decoded and measured, renamed for its format (picture_name()).

        Browsers and web servers serve the original with the type its extension says, and the
        admin links to it by its name. Only the extension changes: the storage makes the rest
        of the name safe and unique.
        """
        upload = self.cleaned_data["file"]
        if upload is None or "file" not in self.changed_data:
            return upload
        if upload.size > settings.NEWSROOM_IMAGE_MAX_BYTES:
            raise forms.ValidationError(
                _("The file is %(size)s; images may be at most %(limit)s."),
                code="file_too_large",
                params={
                    "size": filesizeformat(upload.size),
                    "limit": filesizeformat(settings.NEWSROOM_IMAGE_MAX_BYTES),
                },
            )
        upload.seek(0)
        try:
            with PILImage.open(upload) as picture:
                picture_format = picture.format
                width, height = picture.size
                if width * height > settings.NEWSROOM_IMAGE_MAX_PIXELS:
                    raise forms.ValidationError(
                        _(
                            "The image is %(width)s × %(height)s pixels; images may have at most "
                            "%(limit)s million pixels."
                        ),
                        code="too_many_pixels",
                        params={
                            "width": grouped(width),
                            "height": grouped(height),
                            "limit": settings.NEWSROOM_IMAGE_MAX_PIXELS // 1_000_000,
                        },
                    )
                if images.orientation(picture) in images.QUARTER_TURNS:
                    width, height = height, width
        except forms.ValidationError:
            raise
        except PILImage.DecompressionBombError as error:
            raise too_many_pixels_error() from error
        except (OSError, SyntaxError, ValueError) as error:
            raise unreadable_image_error() from error
        finally:
            upload.seek(0)
        widths = settings.NEWSROOM_RENDITION_WIDTHS
        sizes = images.rendition_sizes((width, height), widths)
        if not sizes:
            raise forms.ValidationError(
                _(
                    "The image is %(width)s × %(height)s pixels, too tall for its width to be "
                    "shown on a page."
                ),
                code="too_tall",
                params={"width": grouped(width), "height": grouped(height)},
            )
        # Any image may become an article's lead image. Only new files are measured: an image
        # stored before keeps its renditions and can be edited as it is.
        minimum = images.minimum_width(widths)
        if width < minimum:
            raise forms.ValidationError(
                _(
                    "The image is %(width)s × %(height)s pixels; upload one at least "
                    "%(minimum)s pixels wide, so that it stays sharp on the article page."
                ),
                code="too_small",
                params={
                    "width": grouped(width),
                    "height": grouped(height),
                    "minimum": grouped(minimum),
                },
            )
        _shared_width, shared_height = images.shared_size(sizes, max_width=FALLBACK_MAX_WIDTH)
        if shared_height < images.SHARED_IMAGE_MIN_SIDE:
            raise forms.ValidationError(
                ngettext_lazy(
                    "The image is %(width)s × %(height)s pixels; the copy shared on social "
                    "media would be only %(shared_height)s pixel high, and they need at least "
                    "%(minimum)s. Upload an image that is taller for its width.",
                    "The image is %(width)s × %(height)s pixels; the copy shared on social "
                    "media would be only %(shared_height)s pixels high, and they need at least "
                    "%(minimum)s. Upload an image that is taller for its width.",
                    "shared_height",
                ),
                code="too_low",
                params={
                    "width": grouped(width),
                    "height": grouped(height),
                    # Under SHARED_IMAGE_MIN_SIDE: no thousands to group, and it picks the plural.
                    "shared_height": shared_height,
                    "minimum": grouped(images.SHARED_IMAGE_MIN_SIDE),
                },
            )
        upload.name = picture_name(upload.name, picture_format)
        # Every pixel is decoded when the renditions are made: a damaged file is refused then.
        return upload

    def conflict_message(self):
        # Image has no revisions to say who changed it, or when: the message does not guess.
        message = _(
            "The image was changed after you opened it. Your changes are not saved yet: open "
            "the image in a new tab to see it as it is now, then save here again to replace "
            "that version with yours."
        )
        if "file" in self.changed_data:
            # A browser does not keep a chosen file when the page is shown again.
            message = "{} {}".format(message, _("Choose the new file again before you save."))
        return message

    def _post_clean(self):
        super()._post_clean()
        image = self.instance
        new_file = "file" in self.changed_data
        if (
            new_file
            and self.errors
            and "file" not in self.errors
            and not self.has_error(NON_FIELD_ERRORS, "edit_conflict")  # says so itself
        ):
            # A browser does not keep a chosen file when the page is shown again: said at the
            # file, or the next save stops there with only "This field is required".
            self.add_error(
                "file",
                forms.ValidationError(
                    _("Choose the new file again before you save."), code="file_not_kept"
                ),
            )
        # Last, and only for an otherwise valid form: renditions take seconds to make.
        if self.errors or not (image.pk is None or new_file or "source" in self.changed_data):
            return
        image.file.open("rb")
        try:
            self.renditions = images.renditions(
                image.file,
                widths=settings.NEWSROOM_RENDITION_WIDTHS,
                digital_source_type=image.source_uri,
            )
        except images.UnreadableImage:
            self.add_error("file", unreadable_image_error())
        except Exception:
            logger.exception("Renditions of %s could not be made", image.file.name)
            self.add_error(
                "file",
                forms.ValidationError(
                    _(
                        "Web versions of the image could not be made from this file. Save it "
                        "anew as JPEG or PNG in an image editor and upload that file."
                    ),
                    code="renditions_failed",
                ),
            )
        finally:
            if new_file:
                image.file.seek(0)  # the upload is stored from here when the form is saved
            else:
                image.file.close()


class LocalDateTimeField(GuardedSplitDateTimeField):
    """Django's date and time in admin, also for the hour that repeats when clocks go back.

    Django refuses a local time in that hour as ambiguous. Here a value the form was opened with
    is kept as stored, and a new time there means its later occurrence: a scheduled article never
    appears before the hour its editor meant. A time the spring change skips is refused, with the
    time to type instead.

    The time is shown in hours and minutes, as everywhere else in admin ("08:36", not
    "08:36:12"): a time sent back without seconds in the stored minute is the stored time, its
    seconds kept, and no change.
    """

    stored = None  # the value the form was opened with, set by the form

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        # The widget's time input (a SplitDateTimeWidget's second); read in either language.
        self.widget.widgets[1].format = "%H:%M"

    def compress(self, data_list):
        if not data_list or any(value in self.empty_values for value in data_list):
            return super().compress(data_list)
        local = datetime.combine(*data_list)
        zone = timezone.get_current_timezone()
        if self.stored is not None:
            opened = timezone.localtime(self.stored, zone).replace(tzinfo=None, microsecond=0)
            typed = local.replace(microsecond=0)
            if opened == typed or (typed.second == 0 and opened.replace(second=0) == typed):
                return self.stored
        earlier, later = (local.replace(tzinfo=zone, fold=fold) for fold in (0, 1))
        if later.astimezone(UTC).astimezone(zone).replace(tzinfo=None) != local:
            # In the hour the spring change skips: said plainly, with the time to type instead,
            # the moment the clocks reached by the offset before the change (02:30 is 03:30).
            moment = earlier.astimezone(UTC).astimezone(zone)
            raise forms.ValidationError(
                _(
                    "%(time)s does not exist on %(date)s in %(zone)s: the clocks go forward an "
                    "hour that night. Type %(moment)s, the same moment, or another time."
                ),
                code="nonexistent_time",
                params={
                    "time": formats.time_format(local, "TIME_FORMAT"),
                    "date": formats.date_format(local, "DATE_FORMAT"),
                    "zone": zone,
                    "moment": formats.time_format(moment, "TIME_FORMAT"),
                },
            )
        if earlier.utcoffset() != later.utcoffset():
            return later
        return super().compress(data_list)

    def has_changed(self, initial, data):
        # Changed when the time to be saved differs from the stored one: Django compares the
        # date and the time shown, and "08:36" is not the stored 08:36:12.
        if self.stored is None or self.disabled:
            return super().has_changed(initial, data)
        try:
            return self.clean(data) != self.stored
        except forms.ValidationError:
            return True


def stored_version(article_pk) -> str:
    """The version of an article in the database: when it was last saved."""
    updated_at = Article.objects.filter(pk=article_pk).values_list("updated_at", flat=True).first()
    return updated_at.isoformat() if updated_at else ""


def revision_without_deleted(article):
    """A revision's article without the section, lead image or original deleted since, with a
    note for the editor about each: its form opens as it can be restored.

    Deleting them changed the article, not its revisions (an original's deletion unlinks its
    translations, SET_NULL): the revision's keys would make a choice the form refuses, and
    the model's validation reads the original, which is not there.
    """
    notes = []
    if article.section_id and not Section.objects.filter(pk=article.section_id).exists():
        article.section = None
        notes.append(_("This version’s section has been deleted since: choose another one."))
    if article.lead_image_id and not Image.objects.filter(pk=article.lead_image_id).exists():
        article.lead_image, article.lead_image_caption = None, ""
        notes.append(
            _(
                "This version’s lead image has been deleted since: it is restored without it "
                "and its caption."
            )
        )
    original_id = article.translation_of_id
    if original_id and not Article.objects.filter(pk=original_id).exists():
        article.translation_of = None
        headline = (
            Article.history.filter(id=original_id)
            .order_by("-history_date")
            .values_list("headline", flat=True)
            .first()
        )
        notes.append(
            _(
                "This version is a translation of “%(original)s”, which has been deleted "
                "since: it is restored as an article of its own."
            )
            % {"original": headline}
        )
    return notes


class ArticleAdminForm(EditConflictMixin, forms.ModelForm):
    substantive_update = forms.BooleanField(
        label=_("Substantive update"),
        required=False,
        help_text=_(
            "Tick when this change matters to readers (not for a typo): the article then "
            "shows “Updated” with the time of this save."
        ),
    )

    class Meta:
        model = Article
        fields = [
            "language",
            "headline",
            "slug",
            "lede",
            "body",
            "section",
            "lead_image",
            "lead_image_caption",
            "status",
            "published_at",
            "substantive_update_at",
            "translation_of",
        ]
        field_classes = {
            "published_at": LocalDateTimeField,
            "substantive_update_at": LocalDateTimeField,
        }

    def __init__(self, *args, **kwargs):
        # simple-history's form restoring a revision: before the form reads the revision.
        revision = kwargs.get("instance")
        self.deleted_since = (
            revision_without_deleted(revision) if to_historic(revision) is not None else []
        )
        super().__init__(*args, **kwargs)
        for name in self.Meta.field_classes:
            self.fields[name].stored = getattr(self.instance, name)

    def clean(self):
        cleaned = super().clean()
        if (
            cleaned.get("status") == Article.Status.PUBLISHED
            and cleaned.get("published_at") is None
            and not self.has_error("published_at")  # a time typed, but not understood
        ):
            # Published without a time is published now, as the list's Publish action does
            # (article_publish); the admin tells the editor the time it was given.
            cleaned["published_at"] = timezone.now()
            self.instance.published_now = True
        headline = cleaned.get("headline")
        if headline and self.slug_follows_the_headline():
            # Its address follows the translated headline, as a new article's does as it is
            # typed: an English story is not published at its Swedish original's address.
            slug = slugify(headline)[: Article._meta.get_field("slug").max_length]
            language = cleaned.get("language") or self.instance.language
            if slug:
                cleaned["slug"] = free_slug(slug, language=language, exclude_pk=self.instance.pk)
        self.check_slug_is_free(cleaned)
        return cleaned

    def check_slug_is_free(self, cleaned):
        # Said at the slug, with what to do: the constraint's own message ("Artikel med samma
        # Språk och Slug finns redan.") stands at the top of the form and names no remedy.
        slug, language = cleaned.get("slug"), cleaned.get("language")
        if not slug or not language:
            return
        if (
            Article.objects.filter(language=language, slug=slug)
            .exclude(pk=self.instance.pk)
            .exists()
        ):
            self.add_error(
                "slug",
                forms.ValidationError(
                    _(
                        "Another article in this language already has this address. Change the "
                        "slug, for example by adding a word or the date."
                    ),
                    code="slug_taken",
                ),
            )

    def slug_follows_the_headline(self):
        """A translation's headline is changed, on a draft never published or scheduled, whose
        slug was never chosen by hand: the one copied from its original, or one made here from
        its headline at the time."""
        instance = self.instance
        if (
            instance.pk is None
            or instance.translation_of_id is None
            or "headline" not in self.changed_data
            or "slug" in self.changed_data
        ):
            return False
        revisions = list(
            instance.history.order_by("history_date", "history_id").values_list(
                "slug", "headline", "status"
            )
        )
        if not revisions:
            return False
        copied = revisions[0][0]

        def made_here(slug, headline):
            made = slugify(headline)[:190]
            return bool(made) and slug.startswith(made)

        return all(
            status == Article.Status.DRAFT and (slug == copied or made_here(slug, headline))
            for slug, headline, status in revisions
        )

    def add_error(self, field, error):
        # A publication time typed but not understood (a date in another format, a time the
        # spring clock change skips) has its own message already. Left out of the article, it
        # would also get Article.clean()'s "needs a publication time", as if none were typed.
        # (The model's errors arrive here as one dict, with no field named.)
        # Likewise a lede or body refused as typed (left empty, say) is left out of the article:
        # its stored text, a translation's copy of its original's, is not what the editor typed.
        if (
            field is None
            and isinstance(error, forms.ValidationError)
            and hasattr(error, "error_dict")
        ):
            kept = {}
            for name, errors in error.error_dict.items():
                if name == "published_at" and self.has_error(name):
                    continue
                if name in Article.TRANSLATED_FIELDS and self.has_error(name):
                    errors = [e for e in errors if e.code != "untranslated"]
                if errors:
                    kept[name] = errors
            if not kept:
                return
            error = forms.ValidationError(kept)
        super().add_error(field, error)

    # An article's version is when it was last saved: its revisions then say by whom.
    def opened_version(self):
        # A revision being restored is not the stored article: ask the database.
        updated_at = self.instance.updated_at
        return updated_at.isoformat() if updated_at else self.current_version()

    def current_version(self):
        return stored_version(self.instance.pk)

    def conflict_message(self):
        latest = (
            self.instance.history.select_related("history_user").only(
                "history_date", "history_user__username"
            )
        ).first()
        saved_by = latest.history_user if latest else None
        params = {
            "user": saved_by.get_username() if saved_by else _("someone else"),
            "time": local_datetime(latest.history_date if latest else timezone.now()),
        }
        return (
            _(
                "%(user)s saved this article at %(time)s, after you opened it. Your changes are "
                "not saved yet: compare them with the history, then save again to replace that "
                "version with yours."
            )
            % params
        )


class BylineForm(forms.ModelForm):
    """One author on an article's byline, and where: an empty position names the author last."""

    position = forms.IntegerField(
        label=capfirst(Byline._meta.get_field("position").verbose_name),
        help_text=_("1 is the lead reporter, named first. Leave it empty to name the author last."),
        required=False,
        min_value=1,
        max_value=999,
    )

    class Meta:
        model = Byline
        fields = ["author", "position"]

    # One author per byline (the model's only constraint) is checked for the byline as a
    # whole by BylineFormSet.clean(). Checked row by row against the stored rows, two authors
    # swapped between rows would each be refused as taken.
    def validate_unique(self):
        pass

    def validate_constraints(self):
        pass


class BylineFormSet(forms.BaseInlineFormSet):
    """An article's byline as editors order it: by position, then as the rows are listed.

    Saved as a whole by article_byline_set(), which numbers the authors 1, 2, 3... in that
    order, whatever numbers were typed.
    """

    def add_fields(self, form, index):
        super().add_fields(form, index)
        # Each row's list of authors (the empty row "Add another" copies too) is the same list:
        # read once for the byline, not once per row.
        if "author" in form.fields:
            form.fields["author"].choices = self.author_choices

    @cached_property
    def author_choices(self):
        return list(self.form.base_fields["author"].choices)

    def kept_forms(self):
        """The rows that name an author on the byline: not deleted, and not left empty."""
        return [
            form
            for form in self.forms
            if not self._should_delete_form(form)
            and (form.instance.pk is not None or form.has_changed())
        ]

    def ordered_authors(self):
        """The authors of the kept rows, in the order readers will see them."""
        rows = [
            (form.cleaned_data.get("position"), index, form.cleaned_data["author"])
            for index, form in enumerate(self.kept_forms())
        ]
        rows.sort(key=lambda row: (row[0] is None, row[0] or 0, row[1]))
        return [author for _position, _index, author in rows]

    def clean(self):
        # Not super().clean(): Django's duplicate check (validate_unique) names the fields
        # ("article and author"), not the author; the checks here say what to do.
        if any(self.errors):
            return
        kept = self.kept_forms()
        if not kept:
            raise forms.ValidationError(
                _("An article needs at least one author on its byline."), code="no_author"
            )
        authors, positions = set(), set()
        for form in kept:
            author, position = form.cleaned_data["author"], form.cleaned_data.get("position")
            if author in authors:
                raise forms.ValidationError(
                    _("%(author)s is on the byline twice: remove one of the rows."),
                    code="author_twice",
                    params={"author": author},
                )
            if position is not None and position in positions:
                raise forms.ValidationError(
                    _(
                        "Two authors have position %(position)s: give each author a position "
                        "of their own."
                    ),
                    code="position_twice",
                    params={"position": position},
                )
            authors.add(author)
            positions.add(position)

    def save(self, commit=True):
        if not commit:
            raise ValueError("A byline is saved as a whole: save(commit=False) is not supported.")
        changes = article_byline_set(article=self.instance, authors=self.ordered_authors())
        # What the admin's change message and log entry report.
        self.new_objects = changes.added
        self.changed_objects = [(row, ["position"]) for row in changes.moved]
        self.deleted_objects = changes.removed
        return [*changes.added, *changes.moved]


class SectionListForm(forms.ModelForm):
    """A row of the section list, where editors change positions in place (list_editable).

    Django counts a row as changed by comparing it with the section as stored when the list is
    sent, so a position another editor changed after this list was opened would count as
    changed here, and be put back. Each row carries the position it showed
    (show_hidden_initial): only the rows this editor changed are saved. A row both changed
    gets this editor's value, the one number they typed there.
    """

    class Meta:
        model = Section
        fields = ["position"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        position = self.fields["position"]
        position.show_hidden_initial = True
        # A cell of the list has no <label>, and no help text on the page to be described by.
        position.widget.attrs["aria-label"] = position.label
        position.help_text = ""


class AuthorAdminForm(EditConflictMixin, forms.ModelForm):
    class Meta:
        model = Author
        fields = ["name", "slug", "email"]

    def conflict_message(self):
        # Authors have no revisions to say who changed one, or when: the message does not guess.
        return _(
            "The author was changed after you opened it. Your changes are not saved yet: open "
            "the author in a new tab to see it as it is now, then save here again to replace "
            "that version with yours."
        )


class SectionAdminForm(EditConflictMixin, forms.ModelForm):
    class Meta:
        model = Section
        fields = ["name_sv", "name_en", "slug", "slug_en", "position"]

    def clean(self):
        cleaned = super().clean()
        # One word, one section: "sport" may be a section's slug in both languages, but not
        # one section's Swedish slug and another's English one.
        others = Section.objects.exclude(pk=self.instance.pk)
        slug, slug_en = cleaned.get("slug"), cleaned.get("slug_en")
        if slug and others.filter(slug_en=slug).exists():
            message = _(
                "Another section's English address ends with this slug. Choose another, so "
                "that each address leads to one section."
            )
            self.add_error("slug", forms.ValidationError(message, code="other_sections_slug"))
        if slug_en and others.filter(slug=slug_en).exists():
            message = _(
                "Another section's Swedish address ends with this slug. Choose another, so "
                "that each address leads to one section."
            )
            self.add_error("slug_en", forms.ValidationError(message, code="other_sections_slug"))
        # A former slug of another section is refused by Section.validate_unique().
        return cleaned

    def conflict_message(self):
        # Sections have no revisions to say who changed one, or when: the message does not guess.
        return _(
            "The section was changed after you opened it. Your changes are not saved yet: open "
            "the section in a new tab to see it as it is now, then save here again to replace "
            "that version with yours."
        )
