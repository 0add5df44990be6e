from django import template

from ..models import ImageRendition

register = template.Library()


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
