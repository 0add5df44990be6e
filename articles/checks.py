"""Start-up checks of the image settings (environment variables can set them to anything)."""

from django.conf import settings
from django.core import checks
from PIL import Image as PILImage


@checks.register(checks.Tags.files)
def image_limits_are_usable(app_configs, **kwargs):
    """Upload limits an editor can meet, and renditions that can be made."""
    errors = []
    pixels = settings.NEWSROOM_IMAGE_MAX_PIXELS
    # Editors are told the limit in millions of pixels; above Pillow's own limit, Pillow
    # refuses (or warns about) pictures first, and the refusal would name a limit never applied.
    if not 1_000_000 <= pixels <= PILImage.MAX_IMAGE_PIXELS:
        errors.append(
            checks.Error(
                f"NEWSROOM_IMAGE_MAX_PIXELS is {pixels:,}: it must be between 1,000,000 and "
                f"Pillow's own limit, {PILImage.MAX_IMAGE_PIXELS:,}.",
                hint="Set NEWSROOM_IMAGE_MAX_PIXELS to a number of pixels in that range; the "
                "default is 50,000,000.",
                id="articles.E001",
            )
        )
    if settings.NEWSROOM_IMAGE_MAX_BYTES <= 0:
        errors.append(
            checks.Error(
                f"NEWSROOM_IMAGE_MAX_BYTES is {settings.NEWSROOM_IMAGE_MAX_BYTES}: every image "
                "would be refused.",
                hint="Set it to a size in bytes; the default is 20 MiB (20971520).",
                id="articles.E002",
            )
        )
    widths = settings.NEWSROOM_RENDITION_WIDTHS
    if not widths or not all(type(width) is int and width > 0 for width in widths):
        errors.append(
            checks.Error(
                f"NEWSROOM_RENDITION_WIDTHS is {widths!r}: images need at least one rendition "
                "width, in whole CSS pixels.",
                id="articles.E003",
            )
        )
    return errors
