from django.contrib import admin
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from .models import Article, ArticleViewDay, Author, Image, Section
from .services import image_renditions_create


def thumbnail(image):
    """A small preview from the prefetched renditions (no query of its own)."""
    if image is None:
        return "–"
    rendition = image.fallback_rendition(max_width=400)
    if rendition is None:
        return "–"
    return format_html(
        '<img src="{}" width="{}" height="{}" alt="{}" style="max-width:120px;height:auto">',
        rendition.file.url,
        rendition.width,
        rendition.height,
        image.alt_text,
    )


@admin.register(Section)
class SectionAdmin(admin.ModelAdmin):
    list_display = ["name_sv", "name_en", "slug", "position"]
    list_editable = ["position"]
    search_fields = ["name_sv", "name_en", "slug"]
    prepopulated_fields = {"slug": ["name_sv"]}


@admin.register(Author)
class AuthorAdmin(admin.ModelAdmin):
    list_display = ["name", "email"]
    search_fields = ["name", "email"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Image)
class ImageAdmin(admin.ModelAdmin):
    list_display = ["preview", "alt_text", "source", "credit", "created_at"]
    list_filter = ["source", "created_at"]
    search_fields = ["alt_text", "alt_text_en", "credit"]
    readonly_fields = ["preview", "width", "height"]
    fields = ["file", "preview", "width", "height", "source", "alt_text", "alt_text_en", "credit"]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("renditions")

    @admin.display(description=_("preview"))
    def preview(self, obj):
        return thumbnail(obj)

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if not change or "file" in form.changed_data:
            image_renditions_create(image=obj)


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    list_display = [
        "headline",
        "lead_image_preview",
        "language",
        "section",
        "status",
        "published_at",
        "updated_at",
    ]
    list_filter = ["status", "language", "section", "published_at"]
    list_select_related = ["section", "lead_image"]
    search_fields = ["headline", "lede", "body"]
    date_hierarchy = "published_at"
    prepopulated_fields = {"slug": ["headline"]}
    autocomplete_fields = ["authors", "lead_image", "translation_of"]
    readonly_fields = ["created_at", "updated_at"]
    fieldsets = [
        (None, {"fields": ["language", "headline", "slug", "lede", "body"]}),
        (_("Byline and section"), {"fields": ["authors", "section"]}),
        (_("Lead image"), {"fields": ["lead_image", "lead_image_caption"]}),
        (_("Publishing"), {"fields": ["status", "published_at", "translation_of"]}),
        (_("History"), {"fields": ["created_at", "updated_at"]}),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("lead_image__renditions")

    @admin.display(description=_("image"))
    def lead_image_preview(self, obj):
        return thumbnail(obj.lead_image)


admin.site.site_header = _("Newsroom administration")
admin.site.site_title = _("Newsroom")


@admin.register(ArticleViewDay)
class MostReadAdmin(admin.ModelAdmin):
    """Page views per article and day, most read first; counted only with readers' consent."""

    list_display = ["article", "article_language", "date", "views", "visitors"]
    list_filter = ["date", "article__language", "article__section"]
    list_select_related = ["article"]
    date_hierarchy = "date"
    ordering = ["-date", "-views"]
    search_fields = ["article__headline"]

    @admin.display(description=_("language"), ordering="article__language")
    def article_language(self, obj):
        return obj.article.get_language_display()

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
