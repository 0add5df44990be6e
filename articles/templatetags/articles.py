import json

from django import template
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from ..models import ImageRendition

register = template.Library()

# As in Django's json_script: nothing in the data can end the <script> element.
_JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}
# Open Graph names a locale by language and territory.
OPEN_GRAPH_LOCALES = {"sv": "sv_SE", "en": "en_GB"}


@register.inclusion_tag("includes/picture.html")
def picture(image, sizes="100vw", priority=False):
    """A responsive <picture> of an image's renditions: modern formats first, JPEG fallback."""
    sets = image.rendition_sets
    return {
        "image": image,
        "sources": [
            (format, sets[format])
            for format in (ImageRendition.Format.AVIF, ImageRendition.Format.WEBP)
            if format in sets
        ],
        "jpegs": sets.get(ImageRendition.Format.JPEG, []),
        "fallback": image.fallback_rendition(),
        "sizes": sizes,
        "priority": priority,
    }


@register.filter
def json_ld(data):
    """Structured data as a JSON-LD block (a data block: browsers never run it)."""
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False)
    escaped = mark_safe(text.translate(_JSON_SCRIPT_ESCAPES))  # noqa: S308
    return format_html('<script type="application/ld+json">{}</script>', escaped)


@register.simple_tag(takes_context=True)
def absolute_uri(context, location):
    """The address with the request's scheme and host (for links read off the page)."""
    return context["request"].build_absolute_uri(location)


@register.filter
def open_graph_locale(language):
    """The Open Graph locale (sv_SE, en_GB) of one of the site's languages."""
    return OPEN_GRAPH_LOCALES.get(language, language)
