import json
from functools import lru_cache

from django import template
from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.template.defaultfilters import stringfilter
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

from newsroom import dates, validators

from ..models import ImageRendition, fallback_rendition, rendition_sets

register = template.Library()

# As in Django's json_script: nothing in the data can end the <script> element. (Replaced one
# by one: str.translate() with a table is several times slower on a page's worth of text.)
_JSON_SCRIPT_ESCAPES = (("&", "\\u0026"), ("<", "\\u003C"), (">", "\\u003E"))
# Open Graph names a locale by language and territory.
OPEN_GRAPH_LOCALES = {"sv": "sv_SE", "en": "en_GB"}


@register.simple_tag
def picture(image, sizes="100vw", priority=False):
    """A responsive <picture> of an image's renditions: modern formats first, JPEG fallback."""
    return _picture(
        tuple(map(tuple, image.rendition_index)),
        sizes=sizes,
        priority=bool(priority),
        alt=validators.without_invisible_characters(image.alt),
        alt_lang=image.alt_lang,
        focal_point=(image.focal_x, image.focal_y),
        media_url=settings.MEDIA_URL,
    )


# The markup depends on nothing but the arguments, and a list page repeats it for image after
# image (the same pictures on page after page), each with a dozen addresses: made once each.
@lru_cache(maxsize=1024)
def _picture(rendition_index, *, sizes, priority, alt, alt_lang, focal_point, media_url):
    sets = rendition_sets(rendition_index)
    fallback = fallback_rendition(sets)
    if fallback is None:
        return ""
    sources = format_html_join(
        "",
        '<source type="image/{}" srcset="{}" sizes="{}">',
        (
            (format, _srcset(sets[format]), sizes)
            for format in (ImageRendition.Format.AVIF, ImageRendition.Format.WEBP)
            if format in sets
        ),
    )
    # The Swedish alt text standing in on an English page says so: screen readers switch voice.
    lang = format_html(' lang="{}"', alt_lang) if alt_lang else ""
    style = ""
    if focal_point != (50, 50):
        style = format_html(' style="object-position: {}% {}%"', *focal_point)
    # The first picture a reader sees is fetched first; the others wait until scrolled to.
    loading = ' fetchpriority="high"' if priority else ' loading="lazy"'
    return format_html(
        '<picture>{}<img src="{}" srcset="{}" sizes="{}" width="{}" height="{}" alt="{}"{}{}{} '
        'decoding="async"></picture>',
        sources,
        fallback.url,
        _srcset(sets[ImageRendition.Format.JPEG]),
        sizes,
        fallback.width,
        fallback.height,
        alt,
        lang,
        style,
        mark_safe(loading),  # noqa: S308 - one of two constant strings
    )


def _srcset(renditions):
    return ", ".join(f"{rendition.url} {rendition.width}w" for rendition in renditions)


@register.filter
def json_ld(data):
    """Structured data as a JSON-LD block (a data block: browsers never run it)."""
    text = json.dumps(
        _without_invisible_characters(data), cls=DjangoJSONEncoder, ensure_ascii=False
    )
    for character, escape in _JSON_SCRIPT_ESCAPES:
        text = text.replace(character, escape)
    escaped = mark_safe(text)  # noqa: S308
    return format_html('<script type="application/ld+json">{}</script>', escaped)


def _without_invisible_characters(data):
    """The data with its text as machines read it: without_invisible_characters()."""
    if isinstance(data, str | Promise):
        return validators.without_invisible_characters(str(data))
    if isinstance(data, dict):
        return {key: _without_invisible_characters(value) for key, value in data.items()}
    if isinstance(data, list | tuple):
        return [_without_invisible_characters(item) for item in data]
    return data


# Text stored before the validators refused these characters (or by a script) may hold them:
# the places machines read and show without the page around them (the title, meta tags, feed
# links, alt text) are given the text without them. Applied to the stored values, not to whole
# blocks: the search page's title holds isolates of its own (views.title_isolated).
@register.filter(is_safe=True)
@stringfilter
def without_invisible_characters(value):
    """The text without the characters editors' text refuses (newsroom.validators)."""
    return validators.without_invisible_characters(value)


@register.filter
def local_datetime(value):
    """A dateline's time: "28 October 2025, 15:00 CET", its zone named in any hour."""
    return dates.local_datetime(value) if value else ""


@register.filter
def datetime_attribute(value):
    """A time as a <time datetime> gives it: ISO 8601 in local time, to the second.

    HTML allows at most three decimals of a second, and "Publish" and substantive updates store
    the moment of the click to the microsecond.
    """
    if not value:
        return ""
    return timezone.localtime(value).replace(microsecond=0).isoformat()


@register.simple_tag(takes_context=True)
def absolute_uri(context, location):
    """The address with the request's scheme and host (for links read off the page)."""
    return context["request"].build_absolute_uri(location)


@register.filter
def open_graph_locale(language):
    """The Open Graph locale (sv_SE, en_GB) of one of the site's languages."""
    return OPEN_GRAPH_LOCALES.get(language, language)
