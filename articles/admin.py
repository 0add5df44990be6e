import dataclasses
import logging
from datetime import datetime
from itertools import pairwise

from django.contrib import admin, messages
from django.contrib.admin.actions import delete_selected as django_delete_selected
from django.contrib.admin.options import IS_POPUP_VAR
from django.contrib.admin.templatetags.admin_urls import add_preserved_filters
from django.contrib.auth import get_permission_codename, get_user_model
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import connections, router, transaction
from django.db.models import Exists, F, OuterRef, Q
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop, ngettext
from django.utils.translation import override as translation_override
from simple_history.admin import SimpleHistoryAdmin
from simple_history.models import DeletedObject, ModelChange, to_historic
from simple_history.template_utils import HistoricalRecordContextHelper

from newsroom.admin import GuardedAdminMixin, GuardedChangeList, is_key
from newsroom.cache import PurgesPageCacheAdminMixin
from newsroom.dates import local_datetime

from .admin_deleted import DeletedArticlesAdminMixin
from .diffs import word_diff
from .forms import (
    ArticleAdminForm,
    AuthorAdminForm,
    BylineForm,
    BylineFormSet,
    ImageAdminForm,
    SectionAdminForm,
    SectionListForm,
)
from .models import (
    Article,
    ArticleViewDay,
    Author,
    Byline,
    Image,
    Section,
    article_history,
    file_delete_on_commit,
)
from .services import (
    article_byline_set,
    article_publish,
    article_slug_redirect,
    article_translation_create,
    article_unpublish,
    author_redirects_removed_on_delete,
    author_slug_redirect,
    image_renditions_create,
    section_redirects_removed_on_delete,
    section_slug_redirect,
    translations_unlinked_on_delete,
)

logger = logging.getLogger(__name__)


def thumbnail(image, *, width=120):
    """A small preview from the image's rendition index (no query of its own)."""
    if image is None:
        return "–"
    rendition = image.fallback_rendition(max_width=400)
    if rendition is None:
        return "–"
    return format_html(
        '<img src="{}" width="{}" height="{}" alt="{}" style="max-width:{}px;height:auto">',
        rendition.url,
        rendition.width,
        rendition.height,
        image.alt,
        width,
    )


def quoted_headlines(articles):
    """Articles named in a message: their headlines in quotation marks, separated by commas."""
    return ", ".join(_("“%(headline)s”") % {"headline": article.headline} for article in articles)


def headlines_with_times(articles):
    """Scheduled articles named in a message, each with the time readers will see it."""
    return ", ".join(
        _("“%(headline)s” for %(time)s")
        % {"headline": article.headline, "time": local_datetime(article.published_at)}
        for article in articles
    )


def reader_status(article):
    """The status as readers meet it: a published article with a time to come is scheduled."""
    if article.is_scheduled():
        return _("Scheduled for %(time)s") % {"time": local_datetime(article.published_at)}
    return article.get_status_display()


def article_links(articles):
    """A list of links to articles' admin pages, with their language and status."""
    if not articles:
        return ""
    return format_html(
        "<ul>{}</ul>",
        format_html_join(
            "",
            '<li><a href="{}">{}</a> – {}, {}</li>',
            (
                (
                    reverse("admin:articles_article_change", args=[article.pk]),
                    article.headline,
                    article.get_language_display(),
                    reader_status(article),
                )
                for article in articles
            ),
        ),
    )


def kept_translations(articles):
    """The other language versions of articles that deleting them keeps, no longer linked."""
    articles = list(articles)
    deleted = [article.pk for article in articles]
    groups = {article.translation_group_id for article in articles}
    kept = list(
        Article.objects.filter(Q(pk__in=groups) | Q(translation_of__in=groups))
        .exclude(pk__in=deleted)
        .order_by("language", "headline")
    )
    for article in kept:
        # A scheduled version is not "published" yet: readers have not seen it.
        article.shown_status = (
            _("Scheduled") if article.is_scheduled() else article.get_status_display()
        )
    return kept


def without_entries(nested, prefix):
    """The admin's nested list of objects to delete, without the entries starting with prefix.

    Each entry is a string, followed by the list of what is deleted with it, if anything;
    a dropped entry's list goes with it.
    """
    kept, dropped = [], False
    for item in nested:
        if isinstance(item, list):
            if not dropped and (children := without_entries(item, prefix)):
                kept.append(children)
        else:
            dropped = item.startswith(prefix)
            if not dropped:
                kept.append(item)
    return kept


def deleted_object_name(model, pk):
    """How the history names an object deleted since: "Author no. 5, since deleted"."""
    return _("%(model)s no. %(pk)s, since deleted") % {
        "model": capfirst(model._meta.verbose_name),
        "pk": pk,
    }


def revision_byline_rows(revision):
    """A revision's byline rows, in its order; an author deleted since is a row's None."""
    return list(revision.authors.order_by("position", "author").select_related("author"))


def revision_authors(revision):
    """The authors on a revision's byline, in its order (authors deleted since left out)."""
    return [row.author for row in revision_byline_rows(revision) if row.author is not None]


def byline_values(rows, *, objects):
    """A revision's byline rows as simple-history's diff gives them: keys, or the objects."""
    values = []
    for row in rows:
        value = {}
        for name in ("article", "author"):
            key = getattr(row, f"{name}_id")
            if objects:
                # A deleted article or author, as simple-history shows one.
                related_model = row._meta.get_field(name).related_model
                value[name] = getattr(row, name) or DeletedObject(related_model, key)
            else:
                value[name] = key
        values.append(value)
    return values


class LockedSaveAdminMixin:
    """A change that is being saved holds its object's row until the save is committed.

    The edit-conflict check (EditConflictMixin) compares the version a form was opened on with
    the stored one. Without a lock, another save committed between that check and this save's
    UPDATE would be overwritten unseen. Read FOR UPDATE, the object makes a second save of it
    wait for the first one's commit, then see its version and refuse. (SQLite takes its write
    lock as the transaction begins, so its saves already come one after another; there
    select_for_update() does nothing.)
    """

    def get_object(self, request, object_id, from_field=None):
        obj = super().get_object(request, object_id, from_field)
        using = router.db_for_write(self.model)
        # Django's change and delete views run in a transaction; outside one, nothing to hold.
        if obj is not None and request.method == "POST" and connections[using].in_atomic_block:
            queryset = self.get_queryset(request).select_for_update(of=("self",))
            # Read again once locked: whatever was committed meanwhile is saved with it.
            obj = queryset.using(using).get(pk=obj.pk)
        return obj


@admin.register(Section)
class SectionAdmin(
    LockedSaveAdminMixin, GuardedAdminMixin, PurgesPageCacheAdminMixin, admin.ModelAdmin
):
    form = SectionAdminForm
    list_display = ["name_sv", "name_en", "slug", "slug_en", "position"]
    list_editable = ["position"]
    search_fields = [
        "name_sv__unaccent_icontains",
        "name_en__unaccent_icontains",
        "slug__unaccent_icontains",
        "slug_en__unaccent_icontains",
    ]
    prepopulated_fields = {"slug": ["name_sv"], "slug_en": ["name_en"]}

    def get_changelist_form(self, request, **kwargs):
        return super().get_changelist_form(request, form=SectionListForm, **kwargs)

    def save_model(self, request, obj, form, change):
        old_slugs = [form.initial.get("slug"), form.initial.get("slug_en")] if change else []
        super().save_model(request, obj, form, change)
        if change:
            # Readers' bookmarks and feed readers keep finding the section.
            section_slug_redirect(section=obj, old_slugs=filter(None, old_slugs))

    def delete_model(self, request, obj):
        with section_redirects_removed_on_delete(sections=[obj]):
            super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        with section_redirects_removed_on_delete(sections=queryset):
            super().delete_queryset(request, queryset)


@admin.register(Author)
class AuthorAdmin(
    LockedSaveAdminMixin, GuardedAdminMixin, PurgesPageCacheAdminMixin, admin.ModelAdmin
):
    form = AuthorAdminForm
    list_display = ["name", "email"]
    search_fields = ["name__unaccent_icontains", "email__unaccent_icontains"]
    prepopulated_fields = {"slug": ["name"]}

    def get_view_on_site_url(self, obj=None):
        # An author with nothing published has no page (AuthorView), so no link to a 404.
        if obj is None or not Article.objects.published().filter(authors=obj).exists():
            return None
        return super().get_view_on_site_url(obj)

    def save_model(self, request, obj, form, change):
        old_slug = form.initial.get("slug") if change else None
        super().save_model(request, obj, form, change)
        if old_slug:
            # Bylines, sitemaps and readers' bookmarks link the author's page.
            author_slug_redirect(author=obj, old_slug=old_slug)

    def delete_model(self, request, obj):
        with author_redirects_removed_on_delete(authors=Author.objects.filter(pk=obj.pk)):
            super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        with author_redirects_removed_on_delete(authors=queryset):
            super().delete_queryset(request, queryset)

    def get_deleted_objects(self, objs, request):
        to_delete, model_count, perms_needed, protected = super().get_deleted_objects(objs, request)
        # An author on a byline is kept (Byline.author protects it), as a section in use is:
        # Django's "cannot delete" page would list the byline rows ("1. Elin Sjöberg"), which
        # say nothing of where they are. It names the articles instead, with links.
        articles = Article.objects.filter(authors__in=objs).distinct().order_by("headline")
        if articles:
            byline = f"{capfirst(Article.authors.through._meta.verbose_name)}: "
            protected = [
                *(entry for entry in protected if not entry.startswith(byline)),
                *(
                    format_html(
                        '{}: <a href="{}">{}</a>',
                        capfirst(Article._meta.verbose_name),
                        reverse("admin:articles_article_change", args=[article.pk]),
                        article,
                    )
                    for article in articles
                ),
            ]
        return to_delete, model_count, perms_needed, protected


@admin.register(Image)
class ImageAdmin(
    LockedSaveAdminMixin, GuardedAdminMixin, PurgesPageCacheAdminMixin, admin.ModelAdmin
):
    form = ImageAdminForm
    list_display = ["preview", "alt_text", "source", "credit", "created_at"]
    list_filter = ["source", "decorative", "created_at"]
    # The file name too: a decorative image may have no alt text to be found by.
    search_fields = [
        "alt_text__unaccent_icontains",
        "alt_text_en__unaccent_icontains",
        "credit__unaccent_icontains",
        "credit_en__unaccent_icontains",
        "file__unaccent_icontains",
    ]
    readonly_fields = ["preview", "width", "height", "used_in"]
    fieldsets = [
        # edited_version is hidden: the version of the image this form was opened on.
        (None, {"fields": ["file", "preview", "width", "height", "edited_version"]}),
        (_("How it was made"), {"fields": ["source", "credit", "credit_en"]}),
        (_("Description"), {"fields": ["alt_text", "alt_text_en", "decorative"]}),
        (
            _("Focal point"),
            {
                "fields": ["focal_x", "focal_y"],
                "description": _(
                    "Where the subject is. Narrow crops of the picture keep this point in view."
                ),
            },
        ),
        (_("Where it is used"), {"fields": ["used_in"]}),
    ]

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if obj is not None:
            return fieldsets
        # Before an upload there is no picture to show or measure: "–" and 0 × 0 say nothing.
        before_upload = {"preview", "width", "height"}
        return [
            (name, {**options, "fields": [f for f in options["fields"] if f not in before_upload]})
            for name, options in fieldsets
        ]

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        formfield = super().formfield_for_dbfield(db_field, request, **kwargs)
        if db_field.name == "file":
            # The admin's file widget is in a fieldset, whose legend does not label the input.
            formfield.widget.attrs["aria-label"] = formfield.label
        return formfield

    @admin.display(description=_("preview"))
    def preview(self, obj):
        return thumbnail(obj)

    @admin.display(description=_("articles"))
    def used_in(self, obj):
        articles = obj.articles.order_by("-published_at") if obj.pk else []
        return article_links(articles) or _("Not used in any article yet.")

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except OSError:
            if request.method != "POST":
                raise
            # Storage failed (a full disk, say): the transaction is rolled back and save_model()
            # has deleted the new files. The editor is told so, not shown a server error.
            logger.exception("An image's files could not be stored")
            message = _(
                "The image could not be saved because its files could not be stored, and nothing "
                "of it was kept. Try again in a while; if it fails again, tell the technical staff."
            )
            self.message_user(request, message, messages.ERROR)
            return redirect(request.get_full_path())

    def save_model(self, request, obj, form, change):
        replaced = None
        if change and "file" in form.changed_data:
            replaced = Image.objects.filter(pk=obj.pk).values_list("file", flat=True).first()
        sent_name = obj.file.name
        try:
            super().save_model(request, obj, form, change)
            # The renditions carry the source type in their XMP, so a new source makes them anew.
            if not change or {"file", "source"}.intersection(form.changed_data):
                image_renditions_create(image=obj, rendered=form.renditions)
        except Exception:
            # The transaction takes the row back, not a new upload already stored, which keeps
            # what the camera wrote into it (image_renditions_create() deletes its own files).
            if obj.file.name != sent_name:
                obj.file.storage.delete(obj.file.name)
            raise
        if replaced != obj.file.name:
            # The upload a new file replaces keeps what the camera wrote into it (a position
            # can give a source away): it leaves storage once the change is committed.
            file_delete_on_commit(obj.file.storage, replaced)


class TranslationFilter(admin.SimpleListFilter):
    title = _("translation")
    parameter_name = "translation"

    def lookups(self, request, model_admin):
        return [
            ("missing", _("Missing")),
            ("exists", _("Exists")),
            ("original_changed", _("Original changed after the translation")),
        ]

    def queryset(self, request, queryset):
        if self.value() == "original_changed":
            return queryset.with_original_changed().filter(original_changed=True)
        has_translation = Q(translation_of__isnull=False) | Q(
            Exists(Article.objects.filter(translation_of=OuterRef("pk")))
        )
        if self.value() == "missing":
            return queryset.exclude(has_translation)
        if self.value() == "exists":
            return queryset.filter(has_translation)
        return queryset


class VisibilityFilter(admin.SimpleListFilter):
    """What readers see of an article now: live, scheduled for later, or nothing (a draft)."""

    title = _("visible to readers")
    parameter_name = "visibility"

    def lookups(self, request, model_admin):
        return [("live", _("Live")), ("scheduled", _("Scheduled")), ("draft", _("Draft"))]

    def queryset(self, request, queryset):
        if self.value() == "live":
            return queryset.published()
        if self.value() == "scheduled":
            return queryset.scheduled()
        if self.value() == "draft":
            return queryset.filter(status=Article.Status.DRAFT)
        return queryset


class ArticleChangeList(GuardedChangeList):
    def get_results(self, request):
        super().get_results(request)
        # The listed stories' versions (ArticleAdmin.language_versions) and bylines, for the list's rows
        # alone: the article's own pages, the autocomplete and the list's actions have no use
        # for them.
        self.result_list = self.result_list.prefetch_related(
            "translations", "translation_of__translations", "bylines"
        )

    def get_queryset(self, request, exclude_parameters=None):
        queryset = super().get_queryset(request, exclude_parameters)
        # Whether a translation's original changed since (ArticleAdmin.language_versions), in
        # the list's own query; the filter for them may have asked for it already.
        if "original_changed" not in queryset.query.annotations:
            queryset = queryset.with_original_changed()
        return queryset


class BylineInline(admin.StackedInline):
    """The byline as an author and a position per row, the lead reporter at 1.

    Plain form fields, so it works without JavaScript (empty rows to add authors, a box to
    tick to remove one), and numbers, not dragging, set the order: a keyboard and a screen
    reader need nothing more. Stacked rather than tabular: each field gets its own label and
    its help text on the page, where the tabular layout leaves its inputs unlabelled and the
    help in a tooltip.
    """

    model = Byline
    form = BylineForm
    formset = BylineFormSet
    fields = ["author", "position"]
    # A plain list of names: the autocomplete widget needs JavaScript to choose anyone.

    def get_extra(self, request, obj=None, **kwargs):
        # Empty rows to fill in: with JavaScript "Add another" makes more, without it a save.
        return 1 if obj is not None and obj.pk is not None else 2

    # A byline is part of its article: whoever may edit the article edits its byline, as with
    # the automatic many-to-many rows it replaced; it has no permissions of its own to grant.
    def _may_edit_article(self, request, obj):
        opts = self.parent_model._meta
        action = "change" if obj is not None else "add"
        return request.user.has_perm(f"{opts.app_label}.{get_permission_codename(action, opts)}")

    def has_add_permission(self, request, obj):
        return self._may_edit_article(request, obj)

    def has_change_permission(self, request, obj=None):
        return self._may_edit_article(request, obj)

    def has_delete_permission(self, request, obj=None):
        return self._may_edit_article(request, obj)

    def has_view_permission(self, request, obj=None):
        opts = self.parent_model._meta
        return self._may_edit_article(request, obj) or request.user.has_perm(
            f"{opts.app_label}.{get_permission_codename('view', opts)}"
        )


class ArticleHistoryHelper(HistoricalRecordContextHelper):
    """Revision history with the changed words of the text marked, not just old → new.

    Other values read as the form shows them: times in the site's time zone, choices by their
    label, and an emptied field as a dash (simple-history shows UTC, stored codes, "None", and
    a cleared image or original as a "Deleted" object).
    """

    TEXT_FIELDS = frozenset({"headline", "lede", "body", "lead_image_caption"})

    def prepare_delta_change_value(self, change, value):
        value = super().prepare_delta_change_value(change, value)
        if change.field in self.TEXT_FIELDS:
            return value
        if isinstance(value, list):
            return ", ".join(map(str, value)) or "–"
        if value is None or value == "" or (isinstance(value, DeletedObject) and value.pk is None):
            return "–"
        if isinstance(value, DeletedObject):
            # simple-history's "Deleted bild (pk=5)" is English and technical.
            return deleted_object_name(value.model, value.pk)
        if isinstance(value, datetime):
            return local_datetime(value)
        field = self.model._meta.get_field(change.field)
        if field.choices:
            return dict(field.flatchoices).get(value, value)
        return value

    def stringify_delta_change_values(self, change, old, new):
        if change.field in self.TEXT_FIELDS:
            return word_diff(old or "", new or "")
        return super().stringify_delta_change_values(change, old, new)


# Django's change log (LogEntry) keeps each changed field's label in English, as the form
# labels it (the verbose name, capitalised), and translates it when the log is read: these
# labels need msgids of their own, or the Swedish log reads "Ändrade Headline och Lede". Each
# form the admin logs changes from has its labels here: articles, bylines, images, authors and
# sections (a label Django translates itself, "Email", would otherwise read as Django has it).
CHANGE_LOG_LABELS = [
    gettext_noop("Language"),
    gettext_noop("Headline"),
    gettext_noop("Slug"),
    gettext_noop("Lede"),
    gettext_noop("Body"),
    gettext_noop("Caption"),
    gettext_noop("Status"),
    gettext_noop("Publication time"),
    gettext_noop("Updated for readers"),
    gettext_noop("Translation of"),
    # A restored revision's byline (ArticleAdmin.revision_byline)
    gettext_noop("Byline"),
    # Byline rows
    gettext_noop("Author"),
    gettext_noop("Position"),
    # Images
    gettext_noop("File"),
    gettext_noop("Source"),
    gettext_noop("Credit"),
    gettext_noop("Credit (English)"),
    gettext_noop("Alt text (Swedish)"),
    gettext_noop("Alt text (English)"),
    gettext_noop("Decorative"),
    gettext_noop("Focal point, across (%)"),
    gettext_noop("Focal point, down (%)"),
    # Authors
    gettext_noop("Name"),
    gettext_noop("Email"),
    # Sections (their slug and position as above)
    gettext_noop("Name in Swedish"),
    gettext_noop("Name in English"),
    gettext_noop("Slug (English)"),
]


@admin.register(Article)
class ArticleAdmin(
    DeletedArticlesAdminMixin,
    LockedSaveAdminMixin,
    GuardedAdminMixin,
    PurgesPageCacheAdminMixin,
    SimpleHistoryAdmin,
):
    form = ArticleAdminForm
    # The status next to the headline: what an editor scans the list for. Sort addresses
    # name columns by place (?o=2 is the status).
    list_display = [
        "headline",
        "reader_status",
        "lead_image_preview",
        "language_versions",
        "section",
        "byline_names",
        "published_at",
        "updated_at",
    ]
    list_filter = [
        "status",
        VisibilityFilter,
        "language",
        TranslationFilter,
        "section",
        "published_at",
    ]
    list_select_related = ["section", "lead_image", "translation_of"]
    search_fields = [
        "headline__unaccent_icontains",
        "lede__unaccent_icontains",
        "body__unaccent_icontains",
    ]
    date_hierarchy = "published_at"
    prepopulated_fields = {"slug": ["headline"]}
    autocomplete_fields = ["lead_image", "translation_of"]
    inlines = [BylineInline]
    readonly_fields = ["translations_overview", "created_at", "updated_at"]
    # Django's own delete action, with the confirmation naming the translations it keeps.
    actions = ["delete_selected", "publish", "unpublish"]
    object_history_list_template = "admin/articles/article/object_history_list.html"
    object_history_form_template = "admin/articles/article/object_history_form.html"
    # The change form links to the reader's page itself: "Preview" until it is published.
    view_on_site = False
    fieldsets = [
        # edited_version is hidden: the version of the article this form was opened on.
        (None, {"fields": ["language", "headline", "slug", "lede", "body", "edited_version"]}),
        # The byline's rows (BylineInline) come right after the text (change_form.html).
        (_("Section"), {"fields": ["section"]}),
        (_("Lead image"), {"fields": ["lead_image", "lead_image_caption"]}),
        (
            _("Publishing"),
            {
                "fields": ["status", "published_at", "substantive_update", "substantive_update_at"],
                "description": _(
                    "A published article appears at its publication time: set a time in the "
                    "future to schedule it. Leave the time empty to publish the article now. "
                    "Drafts and scheduled articles can be previewed."
                ),
            },
        ),
        (_("Translations"), {"fields": ["translation_of", "translations_overview"]}),
        (_("History"), {"fields": ["created_at", "updated_at"]}),
    ]

    def get_changelist(self, request, **kwargs):
        return ArticleChangeList

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        # Readers see the page only once published() says so; until then it is a preview.
        context["is_live"] = (
            obj is not None and Article.objects.published().filter(pk=obj.pk).exists()
        )
        context["original_article"] = self.original_to_translate(obj)
        return super().render_change_form(request, context, add, change, form_url, obj)

    def original_to_translate(self, obj):
        """A translation's original, for its text beside the translation's fields, with
        `text_changed`: whether that text has changed since the translation was last saved.

        One query; when the form's validation has read the original already, one for
        text_changed alone. None for an article that is no translation, a new one and a
        revision being restored.
        """
        if obj is None or obj.pk is None or obj.translation_of_id is None:
            return None
        if to_historic(obj) is not None:
            return None
        originals = Article.objects.with_text_changed_since(obj.updated_at)
        if not Article.translation_of.is_cached(obj):
            return originals.filter(pk=obj.translation_of_id).first()
        original = obj.translation_of
        changed = originals.filter(pk=original.pk).values_list("text_changed", flat=True)
        original.text_changed = bool(changed.first())
        return original

    def history_view(self, request, object_id, extra_context=None):
        # Who saved each revision links to their user page only for those who may open it:
        # an editor would get a 403 there.
        users = get_user_model()
        can_view_users = self.admin_site.is_registered(users) and (
            self.admin_site.get_model_admin(users).has_view_permission(request)
        )
        extra_context = {
            **(extra_context or {}),
            "can_view_users": can_view_users,
            # simple-history's pages leave the list's filters out of their links: these keep
            # them, as Django's change form does, so that restoring leads back to the list.
            "preserved_filters": self.get_preserved_filters(request),
        }
        return super().history_view(request, object_id, extra_context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        # A revision brings back its status too: its form says beforehand when restoring it
        # would take a live article off the site, or show a draft to readers.
        live_now = (
            is_key(self.model._meta.pk, object_id)
            and Article.objects.published().filter(pk=object_id).exists()
        )
        extra_context = {
            **(extra_context or {}),
            "live_now": live_now,
            "preserved_filters": self.get_preserved_filters(request),
        }
        # Restoring a revision (simple-history) saves the article, then its byline, outside a
        # transaction: both in one, with the article's row held as in any other save.
        if request.method != "POST":
            return super().history_form_view(request, object_id, version_id, extra_context)
        using = router.db_for_write(self.model)
        with transaction.atomic(using=using):
            if is_key(self.model._meta.pk, object_id):
                locked = Article.objects.using(using).select_for_update().filter(pk=object_id)
                locked.values_list("pk").first()
            return super().history_form_view(request, object_id, version_id, extra_context)

    def get_historical_record_context_helper(self, request, historical_record):
        return ArticleHistoryHelper(self.model, historical_record)

    def set_history_delta_changes(self, request, historical_records, foreign_keys_are_objs=True):
        """simple-history's changes of each revision, with the bylines of all read in one query.

        Its own diff reads both revisions' bylines afresh, two to four queries per revision:
        a page of a hundred revisions took some three hundred.
        """
        revisions = list(historical_records)
        byline_model = article_history.m2m_models[Article._meta.get_field("authors")]
        bylines = {revision.pk: [] for revision in revisions}
        # In the byline's order: a change of order is a change readers see.
        rows = byline_model.objects.filter(history__in=revisions).order_by("position", "author")
        for row in rows.select_related("article", "author") if foreign_keys_are_objs else rows:
            bylines[row.history_id].append(row)
        for newer, older in pairwise(revisions):
            delta = newer.diff_against(
                older, excluded_fields=["authors"], foreign_keys_are_objs=foreign_keys_are_objs
            )
            old, new = bylines[older.pk], bylines[newer.pk]
            if byline_values(old, objects=False) != byline_values(new, objects=False):
                change = ModelChange(
                    "authors",
                    byline_values(old, objects=foreign_keys_are_objs),
                    byline_values(new, objects=foreign_keys_are_objs),
                )
                changes = sorted([*delta.changes, change], key=lambda change: change.field)
                delta = dataclasses.replace(
                    delta, changes=changes, changed_fields=[change.field for change in changes]
                )
            helper = self.get_historical_record_context_helper(request, newer)
            newer.history_delta_changes = helper.context_for_delta_changes(delta)

    # simple-history's restore form has no inlines: it shows the revision's byline, which
    # restoring it restores (save_model).
    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if to_historic(obj) is None:
            return fieldsets
        return [
            (
                _("Byline and section"),
                {**options, "fields": ["revision_byline", *options["fields"]]},
            )
            if "section" in options["fields"]
            else (name, options)
            for name, options in fieldsets
        ]

    def get_readonly_fields(self, request, obj=None):
        readonly = super().get_readonly_fields(request, obj)
        return [*readonly, "revision_byline"] if to_historic(obj) is not None else readonly

    @admin.display(description=_("byline"))
    def revision_byline(self, obj):
        rows = revision_byline_rows(to_historic(obj))
        names = ", ".join(
            row.author.name
            if row.author is not None
            else deleted_object_name(Author, row.author_id)
            for row in rows
        )
        if any(row.author is not None for row in rows):
            return names
        # Written before its byline was saved (articles made by a command, say), or naming
        # only authors deleted since: restored alone, the article would have no byline.
        kept = _("Restoring this revision keeps the article's current byline.")
        return f"{names}. {kept}" if names else kept

    @admin.display(description=_("byline"))
    def byline_names(self, obj):
        return ", ".join(author.name for author in obj.byline) or "–"

    @admin.display(description=_("image"))
    def lead_image_preview(self, obj):
        # Small: the list has nine columns to fit beside the sidebar and the filters.
        return thumbnail(obj.lead_image, width=40)

    @admin.display(description=_("status"), ordering="status")
    def reader_status(self, obj):
        return reader_status(obj)

    @admin.display(description=_("language"), ordering="language")
    def language_versions(self, obj):
        """The article's language and, for a story in several, all of them ("EN · SV"), from
        the prefetched translations: one column, where two did not fit beside the filters."""
        original = obj.translation_of or obj
        languages = {original.language, *(t.language for t in original.translations.all())}
        if len(languages) == 1:
            return obj.get_language_display()
        versions = " · ".join(sorted(code.upper() for code in languages))
        if getattr(obj, "original_changed", False):
            # Annotated by ArticleChangeList: the translation may be out of date.
            return format_html(
                '{}<br>{}<br><strong class="original-changed">{}</strong>',
                obj.get_language_display(),
                versions,
                _("Original changed after the translation"),
            )
        return format_html("{}<br>{}", obj.get_language_display(), versions)

    @admin.display(description=_("versions in other languages"))
    def translations_overview(self, obj):
        if obj.pk is None:
            # "Save and translate" is offered once the article is saved.
            return _("None yet. Once the article is saved, “Save and translate” creates one.")
        others = obj.translations_queryset().order_by("language")
        return article_links(others) or _("None yet. “Save and translate”, below, creates one.")

    def save_model(self, request, obj, form, change):
        # The address readers have now, from the database: the form's initial values are an
        # earlier revision's when a revision is restored from the history.
        edited = [Article._meta.get_field(name).attname for name in ArticleAdminForm._meta.fields]
        stored = Article.objects.filter(pk=obj.pk).values(*edited).first() if change else None
        if form.cleaned_data.get("substantive_update"):
            obj.substantive_update_at = timezone.now()
        revision = to_historic(obj)
        # Whether this save changes when readers get the article: an original's translations
        # reaching readers before it are told of then, not again on each save that follows.
        obj.reader_time_changed = stored is None or (
            (stored["status"], stored["published_at"]) != (obj.status, obj.published_at)
        )
        # A draft given a time to come, or a scheduled article made a draft: not scheduled,
        # which its time may suggest to the editor who set it (message_if_draft_with_a_time).
        obj.draft_with_a_time = (
            obj.reader_time_changed
            and obj.status == Article.Status.DRAFT
            and obj.published_at is not None
            and obj.published_at > timezone.now()
        )
        # The byline is saved after the article (by its inline, in save_related): the
        # article's one revision of its fields and byline is written then, not one here
        # without the new byline.
        obj.skip_history_when_saving = True
        if (
            stored is not None
            and revision is None
            and all(getattr(obj, name) == stored[name] for name in edited)
        ):
            # Saved as it was (a ticked update changes substantive_update_at): saved only if
            # the byline changed (save_related), with no empty revision, and with no new
            # version that would make other editors' open forms look stale.
            obj.saved_unchanged = True
            return
        super().save_model(request, obj, form, change)
        if revision is not None:
            # What restoring changed of the article as stored, for the change log: the
            # revision's form compares what is posted with the revision, not with the article.
            changed = {
                name
                for name, attname in zip(ArticleAdminForm._meta.fields, edited, strict=True)
                if stored is None or getattr(obj, attname) != stored[attname]
            }
            # Restoring a revision (simple-history's form, which has no inlines and calls
            # no save_related) restores its byline too, and writes the revision here. A
            # revision written before its byline was saved (by a command, say) has none: the
            # article keeps its current byline rather than none.
            del obj.skip_history_when_saving
            authors = revision_authors(revision)
            if authors and article_byline_set(article=obj, authors=authors):
                changed.add("revision_byline")
            article_history.create_historical_record(obj, "~")
            obj.restored_fields = [name for name in self.RESTORED_FIELDS_ORDER if name in changed]
            # What readers saw before, for the editor to be told if restoring changed it.
            obj.live_before_restoring = (
                stored is not None
                and stored["status"] == Article.Status.PUBLISHED
                and stored["published_at"] <= timezone.now()
            )
        if stored is not None:
            article_slug_redirect(
                article=obj,
                old_url=Article.url_for(stored["language"], stored["slug"]),
                was_published=stored["status"] == Article.Status.PUBLISHED,
            )

    # The change log names what restoring a revision changed in the order of its form, where
    # the byline comes between the text and the section.
    RESTORED_FIELDS_ORDER = [
        *ArticleAdminForm._meta.fields[: ArticleAdminForm._meta.fields.index("section")],
        "revision_byline",
        *ArticleAdminForm._meta.fields[ArticleAdminForm._meta.fields.index("section") :],
    ]

    def construct_change_message(self, request, form, formsets, add=False):
        restored = form.instance.__dict__.pop("restored_fields", None)
        if restored is None:
            return super().construct_change_message(request, form, formsets, add)
        # A revision restored: the fields it changed, labelled as Django labels them, and the
        # byline as the revision's form labels it.
        with translation_override(None):
            labels = [
                str(capfirst(self.revision_byline.short_description))
                if name == "revision_byline"
                else str(form.fields[name].label)
                for name in restored
            ]
        return [{"changed": {"fields": labels}}] if labels else []

    def save_related(self, request, form, formsets, change):
        article = form.instance
        if getattr(article, "saved_unchanged", False):
            del article.saved_unchanged
            if not any(formset.has_changed() for formset in formsets):
                del article.skip_history_when_saving
                for formset in formsets:
                    # What the admin's change message reports of the byline: nothing.
                    formset.new_objects = formset.changed_objects = formset.deleted_objects = []
                # Nothing was written: log_change() and response_change() say so.
                article.nothing_saved = True
                return
            # The byline alone changed: the article's version (updated_at) changes with it.
            article.save()
        super().save_related(request, form, formsets, change)
        if hasattr(article, "skip_history_when_saving"):
            del article.skip_history_when_saving
            article_history.create_historical_record(article, "~" if change else "+")

    def get_deleted_objects(self, objs, request):
        to_delete, model_count, perms_needed, protected = super().get_deleted_objects(objs, request)
        # The rows that tie an article to its byline's authors go with it, and the authors stay.
        # Listed, under Django's untranslated name for them ("Article-author relationships"),
        # they only suggest that something more than the article is deleted.
        byline = Article.authors.through._meta
        model_count.pop(byline.verbose_name_plural, None)
        to_delete = without_entries(to_delete, f"{capfirst(byline.verbose_name)}: ")
        # Page view counts are the article's own statistics and go with it: that editors may
        # only read them is no reason to refuse the deletion. Counted under their own name,
        # not the list's ("most read").
        views = ArticleViewDay._meta
        perms_needed.discard(views.verbose_name)
        if (count := model_count.pop(views.verbose_name_plural, None)) is not None:
            model_count[views.verbose_name] = count
        return to_delete, model_count, perms_needed, protected

    def delete_model(self, request, obj):
        with translations_unlinked_on_delete(articles=Article.objects.filter(pk=obj.pk)):
            super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        with translations_unlinked_on_delete(articles=queryset):
            super().delete_queryset(request, queryset)

    def render_delete_form(self, request, context):
        # Deleting an article keeps its other language versions (translation_of is SET_NULL).
        context["kept_translations"] = kept_translations([context["object"]])
        return super().render_delete_form(request, context)

    @admin.action(description=django_delete_selected.short_description, permissions=["delete"])
    def delete_selected(self, request, queryset):
        response = django_delete_selected(self, request, queryset)
        if response is not None:  # the confirmation page, not rendered yet
            response.context_data["kept_translations"] = kept_translations(queryset)
        return response

    def message_if_scheduled(self, request, obj):
        """Tells the editor who saved a scheduled article that readers do not see it yet."""
        if IS_POPUP_VAR in request.POST or not obj.is_scheduled():
            return
        message = _("Scheduled: readers see this article from %(time)s, not before.")
        self.message_user(
            request, message % {"time": local_datetime(obj.published_at)}, messages.INFO
        )

    def message_if_draft_with_a_time(self, request, obj):
        """Tells the editor who gave a draft a time to come that it is not scheduled."""
        if not obj.__dict__.pop("draft_with_a_time", False) or IS_POPUP_VAR in request.POST:
            return
        message = _(
            "Saved as a draft: it will not be published at %(time)s. Choose “Published” as its "
            "status to schedule it."
        )
        self.message_user(
            request, message % {"time": local_datetime(obj.published_at)}, messages.WARNING
        )

    def message_if_published_now(self, request, obj):
        """Tells the editor who published without a time the time the article was given."""
        if not obj.__dict__.pop("published_now", False) or IS_POPUP_VAR in request.POST:
            return
        message = _("Published now, at %(time)s, as no time was given.")
        self.message_user(
            request, message % {"time": local_datetime(obj.published_at)}, messages.INFO
        )

    def message_if_translations_ahead(self, request, article):
        """Warns the editor who took an original off the site, or put it off, that its
        translations still published reach readers before it (Article.before_original_errors()
        refuses the reverse: a translation published ahead of its original)."""
        # Saved from its form with its status and time as they were: told when they were set.
        reader_time_changed = article.__dict__.pop("reader_time_changed", True)
        if (
            not reader_time_changed
            or article.translation_of_id is not None
            or (article.status == Article.Status.PUBLISHED and not article.is_scheduled())
        ):
            return
        published = article.translations.filter(status=Article.Status.PUBLISHED)
        ahead = [t for t in published.order_by("language") if t.before_original_errors(article)]
        if not ahead:
            return
        message = ngettext(
            "%(articles)s, a translation of “%(original)s”, reaches readers before its "
            "original. Unpublish it, or give it a later time, if it should wait for the original.",
            "%(articles)s, translations of “%(original)s”, reach readers before their "
            "original. Unpublish them, or give them a later time, if they should wait for the "
            "original.",
            len(ahead),
        )
        params = {"articles": quoted_headlines(ahead), "original": article.headline}
        self.message_user(request, message % params, messages.WARNING)

    def response_add(self, request, obj, post_url_continue=None):
        response = super().response_add(request, obj, post_url_continue)
        self.message_if_published_now(request, obj)
        self.message_if_scheduled(request, obj)
        self.message_if_draft_with_a_time(request, obj)
        return response

    def log_change(self, request, obj, message):
        # Django's "No fields changed." entry would list a change in the recent actions.
        if getattr(obj, "nothing_saved", False):
            return None
        return super().log_change(request, obj, message)

    def message_user(self, request, message, level=messages.INFO, *args, **kwargs):
        unchanged = getattr(request, "article_saved_unchanged", None)
        if unchanged is not None and level == messages.SUCCESS:
            # Django's "… was changed successfully" for a save that wrote nothing.
            message = format_html(
                _("Nothing was changed in the article {article}."),
                article=format_html(
                    '<a href="{}">{}</a>',
                    reverse("admin:articles_article_change", args=[unchanged.pk]),
                    _("“%(headline)s”") % {"headline": unchanged.headline},
                ),
            )
            level = messages.INFO
        super().message_user(request, message, level, *args, **kwargs)

    def response_change(self, request, obj):
        """Save and translate: the edits are saved first, then the other language opens."""
        if (revision := to_historic(obj)) is not None:
            # A revision restored (simple-history's form). Django's "changed" message would
            # link to the page it was sent from: the revision's form, restoring it once more.
            message = _("The article's version of %(time)s is restored.")
            time = local_datetime(revision.history_date)
            self.message_user(request, message % {"time": time}, messages.SUCCESS)
            # A revision brings back its status too: a live article restored to a version
            # from before it was published is taken off the site.
            was_live = obj.__dict__.pop("live_before_restoring")
            if was_live and obj.status == Article.Status.DRAFT:
                message = _(
                    "That version is a draft, so readers no longer see the article. "
                    "Publish it again when it is ready."
                )
                self.message_user(request, message, messages.WARNING)
            elif not was_live and obj.status == Article.Status.PUBLISHED and not obj.is_scheduled():
                message = _("That version is published, so readers see the article now.")
                self.message_user(request, message, messages.INFO)
            self.message_if_published_now(request, obj)
            self.message_if_scheduled(request, obj)
            self.message_if_translations_ahead(request, obj)
            return redirect(self.change_url_with_filters(request, obj))
        if "_translate" not in request.POST or not self.has_add_permission(request):
            if getattr(obj, "nothing_saved", False):
                request.article_saved_unchanged = obj
            try:
                response = super().response_change(request, obj)
            finally:
                request.__dict__.pop("article_saved_unchanged", None)
            self.message_if_published_now(request, obj)
            self.message_if_scheduled(request, obj)
            self.message_if_draft_with_a_time(request, obj)
            self.message_if_translations_ahead(request, obj)
            return response
        self.message_if_published_now(request, obj)
        self.message_if_draft_with_a_time(request, obj)
        self.message_if_translations_ahead(request, obj)
        translation, created = article_translation_create(article=obj)
        if created:
            message = _(
                "Saved. The %(language)s version is a new draft, ready to translate. Its address "
                "follows the headline you write until you change it or publish the article."
            )
        else:
            message = _("Saved. This is the %(language)s version.")
        language = translation.get_language_display()
        self.message_user(request, message % {"language": language}, messages.SUCCESS)
        return redirect(self.change_url_with_filters(request, translation))

    def change_url_with_filters(self, request, article):
        """An article's page with the list's filters, as Django's own save buttons lead back to
        it: from there, the list as the editor left it."""
        return add_preserved_filters(
            {"preserved_filters": self.get_preserved_filters(request), "opts": self.opts},
            reverse("admin:articles_article_change", args=[article.pk]),
        )

    @admin.action(description=_("Publish the selected articles"), permissions=["change"])
    def publish(self, request, queryset):
        # The form refuses an article without an author; an action must not publish one either.
        anonymous = list(queryset.filter(~Exists(Byline.objects.filter(article=OuterRef("pk")))))
        if anonymous:
            message = ngettext(
                "Not published, as it has no author on its byline: %(articles)s. Add an author "
                "first.",
                "Not published, as they have no author on their bylines: %(articles)s. Add an "
                "author to each first.",
                len(anonymous),
            )
            self.message_user(
                request, message % {"articles": quoted_headlines(anonymous)}, messages.WARNING
            )
            queryset = queryset.exclude(pk__in=[article.pk for article in anonymous])
        scheduled, already_scheduled, already, published = [], [], 0, 0
        # With the original: Article.clean() compares a translation with it. Originals first,
        # so that a translation chosen with its original goes out after it, not refused.
        articles = queryset.select_related("translation_of").order_by(
            F("translation_of").asc(nulls_first=True), "pk"
        )
        saved = {}
        for article in articles:
            if article.translation_of_id in saved:
                # The original as this action just published it, not as it was read.
                article.translation_of = saved[article.translation_of_id]
            if article.status == Article.Status.PUBLISHED:
                # Saved again, it would get a revision and a purge with nothing changed.
                if article.is_scheduled():
                    already_scheduled.append(article)
                else:
                    already += 1
                continue
            if problems := self.publish_refusal(request, article):
                self.message_user(request, problems, messages.WARNING)
                continue
            # Asked after publishing: a draft without a time is stamped with the moment of it.
            saved[article.pk] = article_publish(article=article)
            if article.is_scheduled():
                scheduled.append(article)
            else:
                published += 1
        if published:
            message = ngettext(
                "%(count)d article published.", "%(count)d articles published.", published
            )
            self.message_user(request, message % {"count": published})
        if scheduled:
            # Readers see nothing yet: the editor is told when they will.
            message = ngettext(
                "%(count)d article scheduled: %(articles)s.",
                "%(count)d articles scheduled: %(articles)s.",
                len(scheduled),
            )
            params = {"count": len(scheduled), "articles": headlines_with_times(scheduled)}
            self.message_user(request, message % params)
        if already_scheduled:
            # Left as they were: counted apart, or "scheduled" would claim the action did it.
            message = ngettext(
                "%(count)d article was already scheduled: %(articles)s.",
                "%(count)d articles were already scheduled: %(articles)s.",
                len(already_scheduled),
            )
            params = {
                "count": len(already_scheduled),
                "articles": headlines_with_times(already_scheduled),
            }
            self.message_user(request, message % params, messages.INFO)
        if already:
            message = ngettext(
                "%(count)d article was already published.",
                "%(count)d articles were already published.",
                already,
            )
            self.message_user(request, message % {"count": already}, messages.INFO)

    # The form's remedies, worded for the list: there the article refused stays a draft as it
    # is, with no form to "save it as a draft" from.
    PUBLISH_ACTION_MESSAGES = {
        "untranslated": _(
            "Still the same as in the %(language)s original: translate it before the article "
            "is published or scheduled."
        ),
        "original_draft": _(
            "Its %(language)s original, “%(original)s”, is a draft: publish or schedule the "
            "original first."
        ),
        "before_original": _(
            "Its %(language)s original, “%(original)s”, is scheduled for %(time)s: a "
            "translation does not go out before it. Give this one that time or a later one "
            "first."
        ),
    }

    def publish_action_message(self, error):
        """A validation error's message as the Publish action tells it."""
        message = self.PUBLISH_ACTION_MESSAGES.get(error.code, error.message)
        return message % error.params if error.params else message

    def publish_refusal(self, request, article, *, restored=False):
        """Why the article's form would refuse to save it as it is, published: text stored
        before a rule, or by a command, is checked by the same validation as an editor's.
        None when nothing stands in the way. Worded for the Publish action, or for an article
        just restored (as a draft, by design: "Not published" would read as a failed restore).
        """
        draft = article.status, article.published_at
        # Checked as it would be published, by the rules for published articles (a translation
        # still in its original's words, say), then left as it was.
        article.status = Article.Status.PUBLISHED
        article.published_at = article.published_at or timezone.now()
        try:
            # The database keeps a stored article's keys and its slug's uniqueness already: checked
            # again, they would cost queries for each article.
            article.full_clean(
                exclude=["section", "lead_image", "translation_of"],
                validate_unique=False,
                validate_constraints=False,
            )
        except ValidationError as error:
            problems = [
                (
                    capfirst(Article._meta.get_field(name).verbose_name)
                    if name != NON_FIELD_ERRORS
                    else None,
                    self.publish_action_message(problem),
                )
                for name, field_errors in error.error_dict.items()
                for problem in field_errors
            ]
        else:
            return None
        finally:
            article.status, article.published_at = draft
        link = format_html(
            '<a href="{}">{}</a>',
            self.change_url_with_filters(request, article),
            _("“%(headline)s”") % {"headline": article.headline},
        )
        if restored:
            opening = _("Correct this before {article} is published:")
        else:
            opening = _("Not published: {article}. Correct this first, then publish it:")
        return format_html(
            "{}<br>{}",
            format_html(opening, article=link),
            format_html_join(
                mark_safe("<br>"),
                "{}{}",
                ((f"{label}: " if label else "", message) for label, message in problems),
            ),
        )

    @admin.action(description=_("Unpublish the selected articles"), permissions=["change"])
    def unpublish(self, request, queryset):
        count = drafts = 0
        scheduled, unpublished = [], []
        for article in queryset:
            if article.status == Article.Status.DRAFT:
                # Saved again, it would get a revision and a purge with nothing changed.
                drafts += 1
                continue
            if article.is_scheduled():
                # Readers never saw it: what changes is that they will not at its time.
                scheduled.append(article)
            else:
                count += 1
            unpublished.append(article_unpublish(article=article))
        if count:
            message = ngettext(
                "%(count)d article unpublished.", "%(count)d articles unpublished.", count
            )
            self.message_user(request, message % {"count": count})
        if scheduled:
            message = ngettext(
                "%(count)d scheduled article is a draft again and will not be published at its "
                "time: %(articles)s.",
                "%(count)d scheduled articles are drafts again and will not be published at "
                "their times: %(articles)s.",
                len(scheduled),
            )
            self.message_user(
                request,
                message % {"count": len(scheduled), "articles": quoted_headlines(scheduled)},
            )
        if drafts:
            message = ngettext(
                "%(count)d article was already a draft.",
                "%(count)d articles were already drafts.",
                drafts,
            )
            self.message_user(request, message % {"count": drafts}, messages.INFO)
        # Only for the originals this action took off the site or put off: one already a draft
        # was told of when it became one, and nothing has changed for its translations since.
        for article in unpublished:
            if article.translation_of_id is None:
                self.message_if_translations_ahead(request, article)


@admin.register(ArticleViewDay)
class MostReadAdmin(GuardedAdminMixin, admin.ModelAdmin):
    """Page views per article and day, most read first; counted only with readers' consent."""

    list_display = ["article", "article_language", "date", "views", "visitors"]
    list_filter = ["date", "article__language", "article__section"]
    list_select_related = ["article"]
    date_hierarchy = "date"
    ordering = ["-date", "-views"]
    search_fields = ["article__headline__unaccent_icontains"]

    @admin.display(description=_("language"), ordering="article__language")
    def article_language(self, obj):
        return obj.article.get_language_display()

    def changelist_view(self, request, extra_context=None):
        # Django's title, "Select daily page views to view", names the rows; nothing is chosen.
        extra_context = {"title": capfirst(self.opts.verbose_name_plural), **(extra_context or {})}
        return super().changelist_view(request, extra_context)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


admin.site.site_header = _("Newsroom administration")
admin.site.site_title = _("Newsroom")
