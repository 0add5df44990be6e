"""Side effects of the articles app, as plain functions called by admin and commands."""

import hashlib
from pathlib import PurePath

from django.conf import settings
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from . import images
from .models import ArticleViewDay, Image, ImageRendition


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


def page_view_count(*, article_id: int, visitor: str | None) -> None:
    """Count one page view of an article today; a visitor is counted once a day per article."""
    today = timezone.localdate()
    new_visitor = 0
    if visitor:
        key = "analytics:" + hashlib.sha256(f"{today}:{article_id}:{visitor}".encode()).hexdigest()
        new_visitor = int(cache.add(key, True, timeout=60 * 60 * 24))
    counts = {"views": F("views") + 1, "visitors": F("visitors") + new_visitor}
    if ArticleViewDay.objects.filter(article_id=article_id, date=today).update(**counts):
        return
    try:
        with transaction.atomic():
            ArticleViewDay.objects.create(
                article_id=article_id, date=today, views=1, visitors=new_visitor
            )
    except IntegrityError:  # another request created today's row first
        ArticleViewDay.objects.filter(article_id=article_id, date=today).update(**counts)
