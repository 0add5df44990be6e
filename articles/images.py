"""Pillow work on uploaded pictures: resized copies without the camera's metadata."""

import functools
import io
import itertools
import logging
from dataclasses import dataclass
from xml.sax.saxutils import escape

from PIL import ExifTags, ImageChops, ImageCms, ImageOps, features
from PIL import Image as PILImage

logger = logging.getLogger(__name__)

# Encoder settings chosen for photographs on news pages: small files, no visible artefacts.
ENCODER_OPTIONS = {
    "jpeg": {"format": "JPEG", "quality": 82, "optimize": True, "progressive": True},
    "webp": {"format": "WEBP", "quality": 80, "method": 4},
    "avif": {"format": "AVIF", "quality": 60, "speed": 8},
}

# The most pixels a side each format holds: libwebp's limit, the most libavif decodes by default
# (in browsers too), libjpeg's JPEG_MAX_DIMENSION. Encoders refuse larger or write unreadable files.
MAX_SIDE = {"avif": 32_768, "webp": 16_383, "jpeg": 65_500}

# The widest the article page shows its lead image, in CSS pixels: its `sizes` attribute
# (templates/articles/article_detail.html) is the reading column, 100vw less main's padding up to
# a 42rem viewport and 40rem (site.css's --measure) beyond.
ARTICLE_PAGE_IMAGE_WIDTH = 40 * 16

# Facebook ignores a shared page's picture (og:image) under 200 × 200 pixels. Its width is
# minimum_width() or more; its height depends on the picture's shape, so it is checked too.
SHARED_IMAGE_MIN_SIDE = 200

# EXIF orientations that turn a picture a quarter: its width is shown as its height.
QUARTER_TURNS = frozenset({5, 6, 7, 8})

SRGB = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB"))

# The modes whose embedded profile is applied, and the mode they are in once in sRGB. Palettes
# and 16-bit greyscale are first put in one of them (_colour_managed); greyscale with alpha is
# converted grey band only (_srgb); bilevel pictures stay black and white in any profile.
SRGB_MODES = {"RGB": "RGB", "RGBA": "RGBA", "CMYK": "RGB", "L": "RGB"}

# A profile that moves no colour further than this from its plain conversion is sRGB, or as
# good as: the picture is left as it is (levels of 255).
SRGB_TOLERANCE = 2


# The one thing renditions say about themselves: how the picture was made (IPTC Photo Metadata),
# so an AI disclosure travels with a copy taken off the page.
XMP_PACKET = """<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
  <rdf:Description rdf:about=""
    xmlns:Iptc4xmpExt="http://iptc.org/std/Iptc4xmpExt/2008-02-29/">
   <Iptc4xmpExt:DigitalSourceType>{source_type}</Iptc4xmpExt:DigitalSourceType>
  </rdf:Description>
 </rdf:RDF>
</x:xmpmeta>
<?xpacket end="r"?>"""


class UnreadableImage(Exception):
    """The file's pixels cannot be decoded: it is damaged or incomplete."""


def xmp_packet(*, digital_source_type: str) -> bytes:
    """An XMP packet carrying only the IPTC digital source type URI."""
    return XMP_PACKET.format(source_type=escape(digital_source_type)).encode()


def available_formats() -> list[str]:
    """Output formats, most efficient first; AVIF only where this Pillow can write it."""
    formats = ["webp", "jpeg"]
    if features.check("avif"):
        formats.insert(0, "avif")
    return formats


def orientation(picture: PILImage.Image) -> int:
    """An opened picture's EXIF orientation (1: stored upright), read without decoding it."""
    # A PNG may keep its EXIF after the pixels, which Pillow would decode to get there: sizes and
    # renditions both go by what comes before them.
    if picture.format == "PNG" and "exif" not in picture.info:
        return 1
    try:
        return picture.getexif().get(ExifTags.Base.Orientation, 1)
    except Exception:  # cameras and editors write broken EXIF: the picture is shown as stored
        return 1


def upright_size(file) -> tuple[int, int] | tuple[None, None]:
    """The width and height of a picture as it is shown, from its header; (None, None) if unreadable.

    What Django's get_image_dimensions() says, turned by the EXIF orientation; the position
    in the file is kept.
    """
    position = file.tell()
    file.seek(0)
    try:
        picture = PILImage.open(file)
        width, height = picture.size
        if orientation(picture) in QUARTER_TURNS:
            return height, width
        return width, height
    except (OSError, SyntaxError, ValueError, PILImage.DecompressionBombError):
        return None, None
    finally:
        file.seek(position)


def rendition_sizes(size: tuple[int, int], widths: list[int]) -> list[tuple[int, int]]:
    """The sizes of an upright picture's renditions, widest first (none: it cannot be shown).

    The configured widths it can fill, and its own width when it is narrower; each only if a
    JPEG can be that tall.
    """
    width, height = size
    sizes = []
    for rendition_width in sorted({min(w, width) for w in widths}, reverse=True):
        rendition_height = max(1, round(height * rendition_width / width))
        if max(rendition_width, rendition_height) <= MAX_SIDE["jpeg"]:
            sizes.append((rendition_width, rendition_height))
    return sizes


def minimum_width(widths: list[int]) -> int:
    """The narrowest new picture accepted, for these rendition widths.

    The narrowest rendition at least as wide as the article page shows its lead image: the
    one a browser picks there at one device pixel per CSS pixel, which must not be a smaller
    picture enlarged. When the site makes none that wide, its widest.
    """
    return min((w for w in widths if w >= ARTICLE_PAGE_IMAGE_WIDTH), default=max(widths))


def shared_size(sizes: list[tuple[int, int]], *, max_width: int) -> tuple[int, int]:
    """The size of the rendition pages share (og:image), picked as fallback_rendition() does."""
    fitting = [size for size in sizes if size[0] <= max_width]
    return (fitting or sizes)[0]


def rendition_formats(sizes: list[tuple[int, int]]) -> list[str]:
    """The formats to make renditions of these sizes in, most efficient first.

    JPEG always (pages fall back to it); AVIF and WebP only where they hold every size: a
    `<source>` without the wider copies would have browsers show a narrow one enlarged.
    """
    return [f for f in available_formats() if all(max(size) <= MAX_SIDE[f] for size in sizes)]


@dataclass(frozen=True)
class RenderedImage:
    format: str
    width: int
    height: int
    content: bytes


def renditions(file, *, widths: list[int], digital_source_type: str) -> list[RenderedImage]:
    """Every rendition of a picture file: widest first, upright, sRGB, without camera metadata.

    The picture is decoded once, no larger than the widest rendition needs (JPEG's scaled
    decoding), turned upright once and, if its profile says its colours are not sRGB's,
    converted once; each width is resized once, from the next wider one, and encoded in every
    format. Raises UnreadableImage when the pixels cannot be decoded.
    """
    file.seek(0)
    try:
        picture = PILImage.open(file)
        turn = orientation(picture)
        width, height = picture.size
        upright = (height, width) if turn in QUARTER_TURNS else (width, height)
        sizes = rendition_sizes(upright, widths)
        if not sizes:
            return []
        widest = sizes[0][::-1] if turn in QUARTER_TURNS else sizes[0]
        # 1/2, 1/4 or 1/8 of the stored size, never smaller than the widest rendition.
        picture.draft(None, widest)
        picture.load()
    except (OSError, SyntaxError, ValueError) as error:
        raise UnreadableImage from error
    if turn != 1:
        ImageOps.exif_transpose(picture, in_place=True)
    managed = _colour_managed(picture)
    transform = srgb_transform(managed, name=getattr(file, "name", None))
    if transform is not None:
        # Converted once, at the widest rendition's size: a fraction of the upload's pixels.
        picture = managed
        if picture.size != sizes[0]:
            picture = picture.resize(sizes[0], PILImage.Resampling.LANCZOS, reducing_gap=3.0)
        picture = _srgb(picture, transform)
    resized = picture if picture.mode in ("RGB", "RGBA") else _flatten(picture)
    formats = rendition_formats(sizes)
    rendered = []
    for size in sizes:
        # Each copy from the next wider one: a fraction of the work, alike to the eye (LANCZOS
        # from a copy at least as wide keeps what the narrower one can show). A picture still
        # over three times as wide is first reduced by whole pixel blocks, which Pillow's
        # documentation calls indistinguishable from resampling it all.
        if resized.size != size:
            resized = resized.resize(size, PILImage.Resampling.LANCZOS, reducing_gap=3.0)
        # Nothing the camera wrote travels on, not even a colour profile: the pixels are sRGB
        # now, which browsers take an untagged picture to be (AVIF says so in its own header),
        # and a profile would add 0.6 to 3 KB to every copy, much of a 400-pixel WebP.
        resized.info = {}
        for format in formats:
            rendered.append(render(resized, format=format, digital_source_type=digital_source_type))
    return rendered


def srgb_transform(
    picture: PILImage.Image, *, name: str | None = None
) -> ImageCms.ImageCmsTransform | None:
    """The conversion of a picture's colours to sRGB by its embedded ICC profile, if it needs one.

    None without a profile, with an sRGB one (or as good as), and with one that cannot be used:
    that is logged, and the colours are converted as if it were not there.
    """
    icc_profile = picture.info.get("icc_profile")
    input_mode = "L" if picture.mode == "LA" else picture.mode
    output_mode = SRGB_MODES.get(input_mode)
    if not icc_profile or output_mode is None:
        return None
    # Relative colorimetric with black point compensation, as image editors convert by default:
    # colours sRGB holds stay exact, paper white becomes white and the darkest ink black.
    try:
        transform = ImageCms.buildTransform(
            ImageCms.ImageCmsProfile(io.BytesIO(icc_profile)),
            SRGB,
            input_mode,
            output_mode,
            renderingIntent=ImageCms.Intent.RELATIVE_COLORIMETRIC,
            flags=ImageCms.Flags.BLACKPOINTCOMPENSATION,
        )
        # Whether the profile is sRGB is told by what it does, not by its name.
        probe = _probe(input_mode)
        converted = transform.apply(probe)
    except (OSError, ValueError, ImageCms.PyCMSError):
        logger.warning(
            "The colour profile of %s cannot be used; its colours are converted without it",
            name,
            exc_info=True,
        )
        return None
    difference = ImageChops.difference(converted.convert("RGB"), probe.convert("RGB"))
    if max(high for _, high in difference.getextrema()) <= SRGB_TOLERANCE:
        return None
    return transform


def _colour_managed(picture: PILImage.Image) -> PILImage.Image:
    """A picture with a profile in a mode ImageCms converts; any other picture as it is."""
    if "icc_profile" not in picture.info:
        return picture
    # Expanded before the resize too: Pillow resizes a palette by nearest neighbour.
    if picture.mode in ("P", "PA"):
        return picture.convert("RGBA" if picture.has_transparency_data else "RGB")
    if picture.mode in SIXTEEN_BIT_GREYSCALE_MODES:
        return _eight_bit_greyscale(picture)
    return picture


def _srgb(picture: PILImage.Image, transform: ImageCms.ImageCmsTransform) -> PILImage.Image:
    """A picture converted by its srgb_transform(), alpha and all."""
    if picture.mode == "LA":
        # Pillow hands LittleCMS an LA picture in a layout it misreads: the grey goes alone.
        converted = transform.apply(picture.getchannel("L"))
        converted.putalpha(picture.getchannel("A"))
        return converted
    return transform.apply(picture)


@functools.cache
def _probe(mode: str) -> PILImage.Image:
    """A picture of every combination of 16 levels (0 and 255 among them) in each band."""
    bands = PILImage.getmodebands(mode)
    pixels = itertools.product(range(0, 256, 17), repeat=bands)
    return PILImage.frombytes(mode, (16**bands, 1), bytes(itertools.chain.from_iterable(pixels)))


def render(picture: PILImage.Image, *, format: str, digital_source_type: str) -> RenderedImage:
    """One rendition: a resized picture encoded with no EXIF or GPS, only the source type in XMP."""
    if format == "jpeg" and picture.mode != "RGB":
        picture = _flatten(picture)
    options = {
        **ENCODER_OPTIONS[format],
        "xmp": xmp_packet(digital_source_type=digital_source_type),
    }
    buffer = io.BytesIO()
    picture.save(buffer, **options)
    return RenderedImage(
        format=format, width=picture.width, height=picture.height, content=buffer.getvalue()
    )


# Greyscale with more than 8 bits a sample (16-bit PNG and TIFF open in these modes). Pillow's own
# conversion to 8 bits clips every value over 255 to white, so the range is scaled down first.
SIXTEEN_BIT_GREYSCALE_MODES = frozenset({"I", "I;16", "I;16B", "I;16L", "I;16N"})


def _eight_bit_greyscale(picture: PILImage.Image) -> PILImage.Image:
    return picture.convert("I").point(lambda value: value / 256).convert("L")


def _flatten(picture: PILImage.Image) -> PILImage.Image:
    if picture.mode in SIXTEEN_BIT_GREYSCALE_MODES:
        picture = _eight_bit_greyscale(picture)
    if picture.mode in ("RGBA", "LA", "P", "PA"):
        picture = picture.convert("RGBA")
        background = PILImage.new("RGB", picture.size, (255, 255, 255))
        background.paste(picture, mask=picture.getchannel("A"))
        return background
    return picture.convert("RGB")
