"""Renditions are sRGB: pictures with another colour profile are converted by it, once."""

import io
import itertools
import struct

from django.contrib.auth.models import Permission, User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import TestCase, override_settings
from django.urls import reverse
from PIL import Image as PILImage
from PIL import ImageCms

from articles.models import DigitalSourceType, Image
from tests.articles.test_images import decoded, encoded
from tests.factories import make_image

# ICC profiles written here byte by byte (ICC.1:2001, version 2): Pillow makes no profile but
# sRGB's, and none is on disk to be relied on. Values are D50-relative, as the format has them.
D50 = (0.9642, 1.0, 0.8249)


def s15_fixed16(*values):
    return b"".join(struct.pack(">i", round(value * 65536)) for value in values)


def icc_profile(*, device_class, colour_space, connection_space, tags):
    """A profile: a 128-byte header, a tag table and the tags, each on a 4-byte boundary."""
    start = 128 + 4 + 12 * len(tags)
    table, data = b"", b""
    for signature, tag in tags.items():
        tag += bytes(-len(tag) % 4)
        table += signature + struct.pack(">II", start + len(data), len(tag))
        data += tag
    header = (
        struct.pack(">I4sI", start + len(data), b"none", 0x02100000)
        + device_class
        + colour_space
        + connection_space
        + bytes(12)  # date
        + b"acsp"
        + bytes(28)  # platform, flags, manufacturer, model, attributes, rendering intent
        + s15_fixed16(*D50)
        + bytes(48)  # creator, profile ID, reserved
    )
    return header + struct.pack(">I", len(tags)) + table + data


def description(text):
    ascii_text = text.encode() + b"\0"
    return b"desc" + bytes(4) + struct.pack(">I", len(ascii_text)) + ascii_text + bytes(78)


def xyz(*values):
    return b"XYZ " + bytes(4) + s15_fixed16(*values)


def gamma_curve(gamma):
    return b"curv" + bytes(4) + struct.pack(">IH", 1, round(gamma * 256))


def adobe_rgb_profile():
    """Adobe RGB (1998): greens and cyans beyond sRGB, a camera setting for print work."""
    curve = gamma_curve(563 / 256)
    return icc_profile(
        device_class=b"mntr",
        colour_space=b"RGB ",
        connection_space=b"XYZ ",
        tags={
            b"desc": description("Adobe RGB (1998) compatible"),
            b"wtpt": xyz(*D50),
            b"rXYZ": xyz(0.60974, 0.31111, 0.01947),
            b"gXYZ": xyz(0.20528, 0.62567, 0.06087),
            b"bXYZ": xyz(0.14919, 0.06322, 0.74457),
            b"rTRC": curve,
            b"gTRC": curve,
            b"bTRC": curve,
        },
    )


def grey_profile(gamma):
    return icc_profile(
        device_class=b"mntr",
        colour_space=b"GRAY",
        connection_space=b"XYZ ",
        tags={
            b"desc": description(f"Grey gamma {gamma}"),
            b"wtpt": xyz(*D50),
            b"kTRC": gamma_curve(gamma),
        },
    )


# What full cyan, magenta, yellow and black ink on coated paper look like (CIELAB, paper white
# L 100, about FOGRA39's). Overprints multiply the paper's reflectance, ink by ink.
INKS = [(55, -37, -50), (48, 74, -3), (89, -5, 93), (16, 0, 0)]


def lab_to_xyz(lightness, a, b):
    def f(t):
        return t**3 if t > 6 / 29 else 3 * (6 / 29) ** 2 * (t - 4 / 29)

    fy = (lightness + 16) / 116
    return tuple(w * f(t) for w, t in zip(D50, (fy + a / 500, fy, fy - b / 200), strict=True))


def xyz_to_lab(*values):
    def f(t):
        return t ** (1 / 3) if t > (6 / 29) ** 3 else t / (3 * (6 / 29) ** 2) + 4 / 29

    fx, fy, fz = (f(v / w) for v, w in zip(values, D50, strict=True))
    return 116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz)


def cmyk_profile(grid=5):
    """A printer profile: CMYK to CIELAB through a grid of grid⁴ points (a v2 lut16 A2B0 tag)."""
    inks = [lab_to_xyz(*ink) for ink in INKS]
    steps = [i / (grid - 1) for i in range(grid)]
    table = b""
    for coverage in itertools.product(steps, repeat=4):
        reflectance = list(D50)
        for amount, ink in zip(coverage, inks, strict=True):
            reflectance = [
                r * (i / w) ** amount for r, i, w in zip(reflectance, ink, D50, strict=True)
            ]
        lightness, a, b = xyz_to_lab(*reflectance)
        # Version 2 CIELAB encoding: L 0–100 as 0–0xFF00, a and b +128 in 1/256ths.
        table += struct.pack(
            ">3H", round(lightness * 652.8), *(round((v + 128) * 256) for v in (a, b))
        )
    identity_curve = struct.pack(">2H", 0, 0xFFFF)
    lut = (
        b"mft2"
        + bytes(4)
        + bytes([4, 3, grid, 0])
        + s15_fixed16(1, 0, 0, 0, 1, 0, 0, 0, 1)
        + struct.pack(">2H", 2, 2)
        + identity_curve * 4
        + table
        + identity_curve * 3
    )
    return icc_profile(
        device_class=b"prtr",
        colour_space=b"CMYK",
        connection_space=b"Lab ",
        tags={b"desc": description("Coated print"), b"wtpt": xyz(*D50), b"A2B0": lut},
    )


def halves(mode, left, right, *, width=800, height=400):
    """A picture in one colour on its left half and another on its right."""
    picture = PILImage.new(mode, (width, height), right)
    picture.paste(PILImage.new(mode, (width // 2, height), left), (0, 0))
    return picture


def left_and_right(picture):
    """The colours in the middle of a picture's left half and of its right half."""
    picture = picture.convert("RGB")
    return [picture.getpixel((picture.width * x // 4, picture.height // 2)) for x in (1, 3)]


class ColourAssertions:
    def assertColour(self, actual, expected, tolerance=8):
        """Alike to the level of lossy encoding; the conversions tested move colours further."""
        differences = [abs(a - e) for a, e in zip(actual, expected, strict=True)]
        self.assertLessEqual(max(differences), tolerance, f"{actual} is not {expected}")

    def assertNoProfile(self, picture):
        """Renditions are sRGB, which a picture without a profile is taken to be."""
        self.assertNotIn("icc_profile", list(picture.info))


@override_settings(NEWSROOM_RENDITION_WIDTHS=[100, 400])
class ColourProfileRenditionTests(ColourAssertions, TestCase):
    def renditions(self, content):
        image = make_image(content=content)
        self.assertTrue(image.renditions.exists())
        return {(r.format, r.width): decoded(r) for r in image.renditions.all()}

    def test_a_cmyk_jpeg_is_converted_to_srgb_by_its_own_profile(self):
        picture = halves("CMYK", (255, 0, 0, 0), (0, 255, 0, 0))  # full cyan, full magenta
        content = encoded(picture, "JPEG", quality=95, icc_profile=cmyk_profile())
        for (format, width), made in self.renditions(content).items():
            with self.subTest(format=format, width=width):
                self.assertEqual(made.mode, "RGB")
                cyan, magenta = left_and_right(made)
                # CIELAB (55, -37, -50) and (48, 74, -3) in sRGB; converted without the profile
                # they would be (0, 255, 255) and (255, 0, 255), far brighter than ink on paper.
                self.assertColour(cyan, (0, 151, 218))
                self.assertColour(magenta, (216, 12, 123))
                self.assertNoProfile(made)

    def test_a_wide_gamut_picture_is_converted_to_srgb(self):
        picture = halves("RGB", (200, 60, 60), (40, 160, 60))
        content = encoded(picture, "JPEG", quality=95, icc_profile=adobe_rgb_profile())
        self.assert_adobe_red_and_green_in_srgb(content)

    def test_a_transparent_wide_gamut_png_is_converted_and_stays_transparent(self):
        picture = halves("RGBA", (200, 60, 60, 255), (0, 0, 0, 0))
        content = encoded(picture, "PNG", icc_profile=adobe_rgb_profile())
        self.assert_left_colour_right_transparent(content, (231, 57, 57, 255))

    def test_a_greyscale_picture_is_converted_by_its_tone_curve(self):
        picture = halves("L", 128, 255)
        content = encoded(picture, "JPEG", quality=95, icc_profile=grey_profile(1.8))
        for (format, width), made in self.renditions(content).items():
            with self.subTest(format=format, width=width):
                grey, white = left_and_right(made)
                # A gamma of 1.8 (old Macs' greyscale) shows the middle level lighter than sRGB.
                self.assertColour(grey, (146, 146, 146))
                self.assertColour(white, (255, 255, 255))
                self.assertNoProfile(made)

    def test_a_palette_png_is_converted_to_srgb_by_its_profile(self):
        picture = PILImage.new("P", (800, 400), 1)
        picture.putpalette([200, 60, 60, 40, 160, 60])
        picture.paste(0, (0, 0, 400, 400))
        content = encoded(picture, "PNG", icc_profile=adobe_rgb_profile())
        self.assert_adobe_red_and_green_in_srgb(content)

    def assert_adobe_red_and_green_in_srgb(self, content):
        """Each rendition: Adobe RGB's (200, 60, 60) left and (40, 160, 60) right, in sRGB."""
        for (format, width), made in self.renditions(content).items():
            with self.subTest(format=format, width=width):
                red, green = left_and_right(made)
                self.assertColour(red, (231, 57, 57))
                self.assertColour(green, (0, 161, 47))
                self.assertNoProfile(made)

    def assert_left_colour_right_transparent(self, content, colour):
        """Each rendition: the left half in sRGB `colour`, the right transparent (JPEG: white)."""
        for (format, width), made in self.renditions(content).items():
            with self.subTest(format=format, width=width):
                left, right = (
                    made.convert("RGBA").getpixel((made.width * x // 4, made.height // 2))
                    for x in (1, 3)
                )
                self.assertColour(left, colour)
                if format == "jpeg":
                    self.assertColour(right, (255, 255, 255, 255))
                else:
                    self.assertLess(right[3], 10)
                self.assertNoProfile(made)

    def test_a_transparent_palette_png_is_converted_and_stays_transparent(self):
        picture = PILImage.new("P", (800, 400), 1)
        picture.putpalette([200, 60, 60, 0, 0, 0])
        picture.paste(0, (0, 0, 400, 400))
        content = encoded(picture, "PNG", transparency=1, icc_profile=adobe_rgb_profile())
        self.assert_left_colour_right_transparent(content, (231, 57, 57, 255))

    def test_a_greyscale_picture_with_alpha_is_converted_and_stays_transparent(self):
        picture = halves("LA", (128, 255), (0, 0))
        content = encoded(picture, "PNG", icc_profile=grey_profile(1.8))
        self.assert_left_colour_right_transparent(content, (146, 146, 146, 255))

    def test_a_sixteen_bit_greyscale_picture_is_converted_by_its_tone_curve(self):
        for mode, format in (("I;16", "PNG"), ("I;16B", "TIFF"), ("I", "TIFF")):
            picture = halves(mode, 128 * 257, 65535)
            content = encoded(picture, format, icc_profile=grey_profile(1.8))
            self.assertEqual(PILImage.open(io.BytesIO(content)).mode, mode)
            for (made_format, width), made in self.renditions(content).items():
                with self.subTest(mode=mode, format=made_format, width=width):
                    grey, white = left_and_right(made)
                    self.assertColour(grey, (146, 146, 146))
                    self.assertColour(white, (255, 255, 255))
                    self.assertNoProfile(made)

    def test_an_srgb_picture_keeps_its_colours_and_drops_the_profile(self):
        srgb = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
        picture = halves("RGB", (200, 60, 60), (40, 160, 60))
        content = encoded(picture, "JPEG", quality=95, icc_profile=srgb)
        for (format, width), made in self.renditions(content).items():
            with self.subTest(format=format, width=width):
                red, green = left_and_right(made)
                self.assertColour(red, (200, 60, 60), tolerance=4)
                self.assertColour(green, (40, 160, 60), tolerance=4)
                self.assertNoProfile(made)

    def test_a_profile_that_does_not_fit_the_pictures_colours_is_ignored_and_logged(self):
        picture = halves("CMYK", (255, 0, 0, 0), (0, 255, 0, 0))
        content = encoded(picture, "JPEG", quality=95, icc_profile=adobe_rgb_profile())
        with self.assertLogs("articles.images", "WARNING") as logs:
            made = self.renditions(content)
        self.assertIn("colour profile", logs.output[0])
        for (format, width), rendition in made.items():
            with self.subTest(format=format, width=width):
                cyan, magenta = left_and_right(rendition)
                self.assertColour(cyan, (0, 255, 255))
                self.assertColour(magenta, (255, 0, 255))
                self.assertNoProfile(rendition)


@override_settings(NEWSROOM_RENDITION_WIDTHS=[400, 800])
class DamagedColourProfileTests(ColourAssertions, TestCase):
    def test_an_upload_with_an_unreadable_profile_is_saved_with_its_colours_as_stored(self):
        editor = User.objects.create_user("redaktor", is_staff=True)
        editor.user_permissions.set(Permission.objects.filter(content_type__app_label="articles"))
        self.client.force_login(editor)
        damaged = adobe_rgb_profile()[:300]
        picture = halves("RGB", (200, 60, 60), (40, 160, 60), width=1200, height=800)
        content = encoded(picture, "JPEG", quality=95, icc_profile=damaged)
        self.assertEqual(PILImage.open(io.BytesIO(content)).info["icc_profile"], damaged)
        with self.assertLogs("articles.images", "WARNING") as logs:
            response = self.client.post(
                reverse("admin:articles_image_add"),
                {
                    "file": SimpleUploadedFile("bild.jpg", content, "image/jpeg"),
                    "source": DigitalSourceType.DIGITAL_CAPTURE,
                    "alt_text": "En bild",
                    "focal_x": 50,
                    "focal_y": 50,
                },
            )
        self.assertEqual(response.status_code, 302, response.content[:2000])
        self.assertIn("bild", logs.output[0])
        image = Image.objects.get()
        self.assertTrue(image.renditions.exists())
        for rendition in image.renditions.all():
            with self.subTest(rendition=str(rendition)):
                made = decoded(rendition)
                red, green = left_and_right(made)
                self.assertColour(red, (200, 60, 60))
                self.assertColour(green, (40, 160, 60))
                self.assertNoProfile(made)
