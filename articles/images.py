"""Pillow work on uploaded pictures: resized copies without metadata."""

import io
from dataclasses import dataclass

from PIL import Image as PILImage
from PIL import ImageOps, features

# Encoder settings chosen for photographs on news pages: small files, no visible artefacts.
ENCODER_OPTIONS = {
    "jpeg": {"format": "JPEG", "quality": 82, "optimize": True, "progressive": True},
    "webp": {"format": "WEBP", "quality": 80, "method": 4},
    "avif": {"format": "AVIF", "quality": 60, "speed": 8},
}


def available_formats() -> list[str]:
    """Output formats, most efficient first; AVIF only where this Pillow can write it."""
    formats = ["webp", "jpeg"]
    if features.check("avif"):
        formats.insert(0, "avif")
    return formats


def rendition_widths(original_width: int, widths: list[int]) -> list[int]:
    """The configured widths an image can fill, plus its own width when it is narrower."""
    return sorted({min(width, original_width) for width in widths})


@dataclass(frozen=True)
class RenderedImage:
    format: str
    width: int
    height: int
    content: bytes


def render(source: PILImage.Image, *, width: int, format: str) -> RenderedImage:
    """One resized copy of an oriented picture, carrying no EXIF, GPS or XMP metadata."""
    height = max(1, round(source.height * width / source.width))
    resized = source.resize((width, height), PILImage.Resampling.LANCZOS)
    if format == "jpeg" or resized.mode not in ("RGB", "RGBA"):
        resized = _flatten(resized)
    # Only the colour profile travels on; everything else the camera wrote is dropped.
    icc_profile = source.info.get("icc_profile")
    resized.info = {}
    options = dict(ENCODER_OPTIONS[format])
    if icc_profile:
        options["icc_profile"] = icc_profile
    buffer = io.BytesIO()
    resized.save(buffer, **options)
    return RenderedImage(format=format, width=width, height=height, content=buffer.getvalue())


def open_oriented(file) -> PILImage.Image:
    """Open an image file and turn it upright according to its EXIF orientation."""
    picture = PILImage.open(file)
    picture.load()
    return ImageOps.exif_transpose(picture)


def _flatten(picture: PILImage.Image) -> PILImage.Image:
    if picture.mode in ("RGBA", "LA", "P", "PA"):
        picture = picture.convert("RGBA")
        background = PILImage.new("RGB", picture.size, (255, 255, 255))
        background.paste(picture, mask=picture.getchannel("A"))
        return background
    return picture.convert("RGB")
