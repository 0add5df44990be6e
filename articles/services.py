"""Side effects of the articles app, as plain functions called by admin and commands."""

from pathlib import PurePath

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction

from . import images
from .models import Image, ImageRendition


@transaction.atomic
def image_renditions_create(*, image: Image) -> list[ImageRendition]:
    """Make every rendition of an image anew (once, on save; never during a page view)."""
    for old in image.renditions.all():
        old.file.delete(save=False)
    image.renditions.all().delete()

    image.file.open("rb")
    try:
        source = images.open_oriented(image.file)
    finally:
        image.file.close()
    stem = PurePath(image.file.name).stem
    renditions = []
    for width in images.rendition_widths(source.width, settings.NEWSROOM_RENDITION_WIDTHS):
        for format in images.available_formats():
            rendered = images.render(source, width=width, format=format)
            rendition = ImageRendition(
                image=image, format=format, width=rendered.width, height=rendered.height
            )
            extension = "jpg" if format == "jpeg" else format
            rendition.file.save(
                f"{stem}-{rendered.width}.{extension}", ContentFile(rendered.content), save=False
            )
            renditions.append(rendition)
    ImageRendition.objects.bulk_create(renditions)
    return renditions
