import io
import math
import struct
import zlib
from pathlib import Path
from unittest import mock

from django.conf import settings
from django.contrib.auth.models import Permission, User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test import TestCase, override_settings
from django.urls import reverse
from PIL import Image as PILImage

from articles import images
from articles.images import available_formats
from articles.models import DigitalSourceType, Image, ImageRendition
from articles.services import image_renditions_create
from tests.factories import image_bytes, make_article, make_image, opened_version


def exif_with_gps():
    exif = PILImage.Exif()
    exif[0x010F] = "Kameratillverkare"  # Make
    exif[0x0110] = "Modell X"  # Model
    gps = {1: "N", 2: (59.0, 19.0, 48.0), 3: "E", 4: (18.0, 4.0, 7.0)}
    exif[0x8825] = gps  # GPSInfo
    return exif


@override_settings(NEWSROOM_RENDITION_WIDTHS=[400, 800, 1200])
class RenditionTests(TestCase):
    def test_renditions_in_every_width_the_image_can_fill_and_every_format(self):
        image = make_image(content=image_bytes(width=1000, height=500))
        made = {(r.format, r.width, r.height) for r in image.renditions.all()}
        expected = {
            (format, width, width // 2)
            for format in available_formats()
            for width in (400, 800, 1000)
        }
        self.assertEqual(made, expected)

    def test_the_image_carries_an_index_of_its_renditions_for_pages(self):
        image = make_image(content=image_bytes(width=1000, height=500))
        rows = [[r.format, r.width, r.height, r.file.name] for r in image.renditions.all()]
        stored = Image.objects.get(pk=image.pk)
        self.assertEqual(sorted(stored.rendition_index), sorted(rows))
        jpegs = stored.rendition_sets["jpeg"]
        self.assertEqual([r.width for r in jpegs], [400, 800, 1000])
        self.assertEqual(jpegs[0].url, image.renditions.get(format="jpeg", width=400).file.url)
        self.assertEqual(stored.fallback_rendition().width, 1000)
        self.assertIn("webp", available_formats())
        self.assertIn("jpeg", available_formats())

    def test_rendition_files_are_real_images_of_their_declared_size_and_format(self):
        image = make_image(content=image_bytes(width=900, height=600))
        for rendition in image.renditions.all():
            with rendition.file.open("rb") as f:
                picture = PILImage.open(io.BytesIO(f.read()))
            self.assertEqual(picture.size, (rendition.width, rendition.height))
            self.assertEqual(picture.format.lower(), rendition.format)

    def test_renditions_carry_no_exif_or_gps(self):
        content = image_bytes(width=800, height=600, exif=exif_with_gps())
        self.assertTrue(PILImage.open(io.BytesIO(content)).getexif())  # the upload has them
        image = make_image(content=content)
        self.assertTrue(image.renditions.exists())
        for rendition in image.renditions.all():
            with rendition.file.open("rb") as f:
                data = f.read()
            picture = PILImage.open(io.BytesIO(data))
            self.assertEqual(dict(picture.getexif()), {}, rendition)
            self.assertNotIn("exif", picture.info)
            self.assertNotIn(b"Kameratillverkare", data)

    def test_renditions_are_made_anew_when_asked_again(self):
        from articles.services import image_renditions_create

        image = make_image(content=image_bytes(width=800, height=400))
        first = set(image.renditions.values_list("pk", flat=True))
        image_renditions_create(image=image)
        second = set(image.renditions.values_list("pk", flat=True))
        self.assertEqual(len(first), len(second))
        self.assertFalse(first & second)

    def test_ai_generated_follows_the_source(self):
        self.assertTrue(
            make_image(
                source=DigitalSourceType.TRAINED_ALGORITHMIC_MEDIA, renditions=False
            ).ai_generated
        )
        self.assertTrue(
            make_image(
                source=DigitalSourceType.COMPOSITE_WITH_TRAINED_ALGORITHMIC_MEDIA, renditions=False
            ).ai_generated
        )
        self.assertFalse(
            make_image(source=DigitalSourceType.DIGITAL_CAPTURE, renditions=False).ai_generated
        )
        self.assertFalse(
            make_image(source=DigitalSourceType.DIGITAL_CREATION, renditions=False).ai_generated
        )

    def test_source_has_no_default(self):
        from articles.models import Image

        self.assertFalse(Image._meta.get_field("source").has_default())
        self.assertFalse(Image._meta.get_field("source").blank)


IPTC_EXT = "{http://iptc.org/std/Iptc4xmpExt/2008-02-29/}"


def xmp_source_types(data):
    """The IPTC digital source types in a file's XMP packet (read with the standard library)."""
    import xml.etree.ElementTree as ET

    xmp = PILImage.open(io.BytesIO(data)).info.get("xmp")
    if not xmp:
        return []
    root = ET.fromstring(xmp.split(b"?>", 1)[1].rsplit(b"<?xpacket", 1)[0])  # noqa: S314
    return [element.text for element in root.iter(f"{IPTC_EXT}DigitalSourceType")]


@override_settings(NEWSROOM_RENDITION_WIDTHS=[400, 800])
class RenditionMetadataTests(TestCase):
    def read(self, rendition):
        with rendition.file.open("rb") as f:
            return f.read()

    def test_ai_image_renditions_carry_the_iptc_source_type_in_every_format(self):
        image = make_image(source=DigitalSourceType.TRAINED_ALGORITHMIC_MEDIA)
        formats = set()
        for rendition in image.renditions.all():
            with self.subTest(rendition=str(rendition)):
                self.assertEqual(
                    xmp_source_types(self.read(rendition)),
                    ["http://cv.iptc.org/newscodes/digitalsourcetype/trainedAlgorithmicMedia"],
                )
                formats.add(rendition.format)
        self.assertEqual(formats, set(available_formats()))

    def test_every_image_says_how_it_was_made(self):
        for source in (
            DigitalSourceType.COMPOSITE_WITH_TRAINED_ALGORITHMIC_MEDIA,
            DigitalSourceType.DIGITAL_CAPTURE,
        ):
            with self.subTest(source=source):
                image = make_image(source=source)
                for rendition in image.renditions.all():
                    self.assertEqual(xmp_source_types(self.read(rendition)), [source.uri])

    def test_xmp_replaces_the_camera_metadata_it_does_not_add_to_it(self):
        content = image_bytes(width=800, height=600, exif=exif_with_gps())
        image = make_image(content=content, source=DigitalSourceType.DIGITAL_CAPTURE)
        for rendition in image.renditions.all():
            data = self.read(rendition)
            picture = PILImage.open(io.BytesIO(data))
            self.assertEqual(dict(picture.getexif()), {}, rendition)
            self.assertNotIn(b"Kameratillverkare", data)
            self.assertNotIn(b"GPS", picture.info["xmp"])

    def test_changing_the_source_in_admin_makes_the_renditions_anew(self):
        from django.contrib.auth.models import Permission, User
        from django.urls import reverse

        editor = User.objects.create_user("redaktor", password="x", is_staff=True)
        editor.user_permissions.set(Permission.objects.filter(content_type__app_label="articles"))
        self.client.force_login(editor)
        image = make_image(source=DigitalSourceType.DIGITAL_CAPTURE)
        response = self.client.post(
            reverse("admin:articles_image_change", args=[image.pk]),
            {
                "source": DigitalSourceType.TRAINED_ALGORITHMIC_MEDIA,
                "alt_text": image.alt_text,
                "alt_text_en": image.alt_text_en,
                "credit": image.credit,
                "focal_x": 50,
                "focal_y": 50,
                "edited_version": opened_version(image),
            },
        )
        self.assertEqual(response.status_code, 302, response.content[:2000])
        for rendition in image.renditions.all():
            self.assertEqual(
                xmp_source_types(self.read(rendition)),
                [DigitalSourceType.TRAINED_ALGORITHMIC_MEDIA.uri],
            )


class UploadAccessTests(TestCase):
    """An upload keeps its camera's metadata: readers get renditions, only staff the upload."""

    def setUp(self):
        self.content = image_bytes(width=800, height=600, exif=exif_with_gps())
        self.image = make_image(content=self.content)

    def log_in(self, *permissions):
        user = User.objects.create_user("personal", is_staff=True)
        user.user_permissions.set(Permission.objects.filter(codename__in=permissions))
        self.client.force_login(user)

    def test_readers_get_the_renditions_but_not_the_upload_with_its_location(self):
        rendition = self.client.get(self.image.fallback_rendition().url)
        self.assertEqual(rendition.status_code, 200)
        self.assertNotIn(b"Kameratillverkare", b"".join(rendition.streaming_content))
        # The upload's address follows from the rendition's name, so it must not simply exist.
        self.assertTrue(self.image.file.url.startswith("/media/images/"))
        response = self.client.get(self.image.file.url)
        self.assertEqual(response.status_code, 404)
        self.assertNotIn(b"Kameratillverkare", response.content)

    def test_staff_who_may_view_images_open_the_upload_from_admin(self):
        self.log_in("view_image")
        change_form = self.client.get(f"/admin/articles/image/{self.image.pk}/change/")
        self.assertContains(change_form, f'href="{self.image.file.url}"')
        response = self.client.get(self.image.file.url)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(b"".join(response.streaming_content), self.content)
        self.assertEqual(response["Content-Type"], "image/jpeg")
        self.assertIn("private", response["Cache-Control"])
        self.assertIn("no-store", response["Cache-Control"])

    def test_staff_without_the_image_permission_do_not_get_the_upload(self):
        self.log_in("view_consentrecord")
        self.assertEqual(self.client.get(self.image.file.url).status_code, 404)

    def test_the_upload_address_leads_to_no_other_file(self):
        self.log_in("view_image")
        (Path(settings.MEDIA_ROOT).parent / "secret.txt").write_text("HEMLIGT")
        rendition_name = self.image.fallback_rendition().name
        for path in [
            "/media/images/../../secret.txt",
            "/media/images/%2e%2e/%2e%2e/secret.txt",
            "/media/images/..%2f..%2fsecret.txt",
            f"/media/images/../{rendition_name}",
            "/media/images/" + self.image.file.name.rpartition("/")[0].removeprefix("images/"),
            "/media/images/" + "x" * 300 + ".jpg",
            "/media/images//etc/passwd",
        ]:
            with self.subTest(path=path):
                response = self.client.get(path)
                self.assertEqual(response.status_code, 404)


def stored_names(image):
    """The names of an image's upload and its renditions in storage."""
    return [image.file.name, *(r.file.name for r in image.renditions.all())]


def read(rendition):
    with rendition.file.open("rb") as f:
        return f.read()


def in_storage(name):
    return Image.file.field.storage.exists(name)


class Rollback(Exception):
    pass


@override_settings(NEWSROOM_RENDITION_WIDTHS=[400, 800])
class ImageFileDeletionTests(TestCase):
    """Files of deleted images and replaced renditions leave the disk, once the deletion holds."""

    def log_in(self):
        editor = User.objects.create_user("redaktor", is_staff=True)
        editor.user_permissions.set(Permission.objects.filter(content_type__app_label="articles"))
        self.client.force_login(editor)

    def test_deleting_an_image_in_admin_removes_its_upload_and_renditions_from_disk(self):
        image = make_image()
        names = stored_names(image)
        rendition_url = image.fallback_rendition().url
        self.assertGreater(len(names), 1)
        self.assertTrue(all(in_storage(name) for name in names))
        self.log_in()
        with self.captureOnCommitCallbacks(execute=True):
            response = self.client.post(
                reverse("admin:articles_image_delete", args=[image.pk]), {"post": "yes"}
            )
        self.assertEqual(response.status_code, 302)
        self.assertFalse(Image.objects.exists())
        self.assertEqual([name for name in names if in_storage(name)], [])
        self.assertEqual(self.client.get(rendition_url).status_code, 404)

    def test_deleting_images_as_a_queryset_removes_their_files(self):
        images = [make_image(), make_image()]
        names = [name for image in images for name in stored_names(image)]
        with self.captureOnCommitCallbacks(execute=True):
            Image.objects.filter(pk__in=[image.pk for image in images]).delete()
        self.assertFalse(ImageRendition.objects.exists())
        self.assertEqual([name for name in names if in_storage(name)], [])

    def test_a_rolled_back_delete_keeps_the_files(self):
        image = make_image()
        pk, names = image.pk, stored_names(image)
        with (
            self.captureOnCommitCallbacks(execute=True) as callbacks,
            self.assertRaises(Rollback),
            transaction.atomic(),
        ):
            image.delete()
            raise Rollback
        self.assertEqual(callbacks, [])
        self.assertTrue(Image.objects.filter(pk=pk).exists())
        self.assertTrue(all(in_storage(name) for name in names))

    def test_renditions_made_anew_leave_no_files_of_the_old_ones_behind(self):
        image = make_image()
        old = [r.file.name for r in image.renditions.all()]
        with self.captureOnCommitCallbacks(execute=True):
            image_renditions_create(image=image)
        new = [r.file.name for r in image.renditions.all()]
        self.assertEqual(len(new), len(old))
        self.assertTrue(all(in_storage(name) for name in new))
        self.assertEqual([name for name in old if in_storage(name) and name not in new], [])
        folder = Path(settings.MEDIA_ROOT) / "renditions"
        on_disk = sorted(p for p in folder.rglob("*") if p.is_file())
        self.assertEqual(len(on_disk), len(new))

    def test_renditions_made_anew_in_a_rolled_back_transaction_keep_their_files(self):
        image = make_image(source=DigitalSourceType.DIGITAL_CAPTURE)
        old = {r.file.name: read(r) for r in image.renditions.all()}
        with (
            self.captureOnCommitCallbacks(execute=True),
            self.assertRaises(Rollback),
            transaction.atomic(),
        ):
            image.source = DigitalSourceType.TRAINED_ALGORITHMIC_MEDIA
            image.save()
            image_renditions_create(image=image)
            raise Rollback
        image.refresh_from_db()
        self.assertEqual({r.file.name: read(r) for r in image.renditions.all()}, old)

    def test_renditions_that_fail_half_way_leave_the_old_ones_and_no_new_files(self):
        image = make_image()
        old = {r.file.name: read(r) for r in image.renditions.all()}
        render = images.render
        calls = []

        def render_then_fail(*args, **kwargs):
            calls.append(1)
            if len(calls) == 3:
                raise OSError("disk full")
            return render(*args, **kwargs)

        with (
            self.captureOnCommitCallbacks(execute=True),
            mock.patch.object(images, "render", render_then_fail),
            self.assertRaises(OSError),
        ):
            image_renditions_create(image=image)
        self.assertEqual({r.file.name: read(r) for r in image.renditions.all()}, old)
        folder = Path(settings.MEDIA_ROOT) / "renditions"
        on_disk = {p.relative_to(settings.MEDIA_ROOT).as_posix() for p in folder.rglob("*.*")}
        self.assertEqual(on_disk, set(old))


def sixteen_bit_greyscale_png(*, width=200, height=100, dark=8_000, light=60_000):
    """A 16-bit greyscale PNG, its left half dark and its right half light."""
    picture = PILImage.new("I;16", (width, height), light)
    picture.paste(PILImage.new("I;16", (width // 2, height), dark), (0, 0))
    buffer = io.BytesIO()
    picture.save(buffer, format="PNG")
    return buffer.getvalue()


@override_settings(NEWSROOM_RENDITION_WIDTHS=[100, 200])
class SixteenBitRenditionTests(TestCase):
    def test_sixteen_bit_greyscale_renditions_keep_the_pictures_tones(self):
        content = sixteen_bit_greyscale_png()
        self.assertEqual(PILImage.open(io.BytesIO(content)).mode, "I;16")
        image = make_image(content=content)
        self.assertTrue(image.renditions.exists())
        for rendition in image.renditions.all():
            with self.subTest(rendition=str(rendition)), rendition.file.open("rb") as f:
                picture = PILImage.open(io.BytesIO(f.read())).convert("L")
                dark = picture.getpixel((picture.width // 4, picture.height // 2))
                light = picture.getpixel((picture.width * 3 // 4, picture.height // 2))
                # 8 000 and 60 000 of 65 535 are about 31 and 233 of 255.
                self.assertLess(dark, 60)
                self.assertGreater(light, 200)


def encoded(picture, format, **options):
    buffer = io.BytesIO()
    picture.save(buffer, format=format, **options)
    return buffer.getvalue()


@override_settings(NEWSROOM_RENDITION_WIDTHS=[100, 400])
class ColourRenditionTests(TestCase):
    """Transparency, palettes and print colours come out as browsers show them."""

    def renditions(self, content):
        image = make_image(content=content)
        self.assertTrue(image.renditions.exists())
        return {(r.format, r.width): decoded(r) for r in image.renditions.all()}

    def test_transparency_stays_in_avif_and_webp_and_turns_white_in_jpeg(self):
        picture = PILImage.new("RGBA", (800, 400), (0, 0, 0, 0))
        picture.paste(PILImage.new("RGBA", (400, 400), (200, 20, 20, 255)), (0, 0))
        for (format, width), made in self.renditions(encoded(picture, "PNG")).items():
            with self.subTest(format=format, width=width):
                right = made.convert("RGBA").getpixel((made.width * 3 // 4, made.height // 2))
                left = made.convert("RGBA").getpixel((made.width // 4, made.height // 2))
                self.assertGreater(left[0], 150)
                if format == "jpeg":
                    self.assertEqual(made.mode, "RGB")
                    self.assertTrue(all(channel > 240 for channel in right[:3]), right)
                else:
                    self.assertEqual(made.mode, "RGBA")
                    self.assertLess(right[3], 10)

    def test_a_palette_picture_with_a_transparent_colour_is_set_on_white(self):
        picture = PILImage.new("P", (800, 400), 0)
        picture.putpalette([0, 0, 0, 20, 120, 200] + [0] * 762)
        picture.paste(1, (0, 0, 400, 400))
        for (format, width), made in self.renditions(
            encoded(picture, "PNG", transparency=0)
        ).items():
            with self.subTest(format=format, width=width):
                self.assertEqual(made.mode, "RGB")
                right = made.getpixel((made.width * 3 // 4, made.height // 2))
                left = made.getpixel((made.width // 4, made.height // 2))
                self.assertTrue(all(channel > 240 for channel in right), right)
                self.assertGreater(left[2], 150)

    def test_a_cmyk_jpeg_becomes_rgb(self):
        picture = PILImage.new("CMYK", (1600, 800), (0, 255, 255, 0))  # red in print colours
        for (format, width), made in self.renditions(encoded(picture, "JPEG")).items():
            with self.subTest(format=format, width=width):
                self.assertEqual(made.mode, "RGB")
                red, green, blue = made.getpixel((made.width // 2, made.height // 2))
                self.assertGreater(red, 200)
                self.assertLess(max(green, blue), 60)


def png_header(*, width, height):
    """A tiny PNG whose header claims the given size (Pillow reads the size from it)."""

    def chunk(kind, data):
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\x00" * 100))
        + chunk(b"IEND", b"")
    )


class OversizedUploadTests(TestCase):
    def test_a_picture_over_pillows_pixel_limit_is_refused_for_its_pixel_count(self):
        editor = User.objects.create_user("redaktor", is_staff=True)
        editor.user_permissions.set(Permission.objects.filter(content_type__app_label="articles"))
        self.client.force_login(editor)
        content = png_header(width=20_000, height=10_000)
        self.assertGreater(20_000 * 10_000, 2 * PILImage.MAX_IMAGE_PIXELS)
        with self.assertRaises(PILImage.DecompressionBombError):
            PILImage.open(io.BytesIO(content))
        response = self.client.post(
            reverse("admin:articles_image_add"),
            {
                "file": SimpleUploadedFile("karta.png", content, "image/png"),
                "source": DigitalSourceType.DIGITAL_CAPTURE,
                "alt_text": "En karta",
                "focal_x": 50,
                "focal_y": 50,
            },
        )
        self.assertEqual(response.status_code, 200)
        self.assertFalse(Image.objects.exists())
        [error] = response.context["adminform"].form.errors.as_data()["file"]
        self.assertEqual(error.code, "too_many_pixels")
        message = " ".join(error.messages)
        self.assertIn("pixlar", message)
        limit = settings.NEWSROOM_IMAGE_MAX_PIXELS // 1_000_000
        self.assertIn(f"högst {limit} miljoner pixlar", message)


@override_settings(NEWSROOM_RENDITION_WIDTHS=[400, 800])
class RenditionCachingTests(TestCase):
    """Rendition names change with their content, so they may be cached for good."""

    def test_a_rendition_made_anew_gets_a_name_never_used_for_other_content(self):
        image = make_image(source=DigitalSourceType.DIGITAL_CAPTURE)
        first = {r.file.name: read(r) for r in image.renditions.all()}
        for source in (
            DigitalSourceType.TRAINED_ALGORITHMIC_MEDIA,
            DigitalSourceType.DIGITAL_CAPTURE,
        ):
            image.source = source
            image.save()
            with self.captureOnCommitCallbacks(execute=True):
                before = set(image.renditions.values_list("file", flat=True))
                image_renditions_create(image=image)
            now = {r.file.name: read(r) for r in image.renditions.all()}
            self.assertFalse(before & set(now), source)
            for name in set(first) & set(now):
                self.assertEqual(first[name], now[name], name)

    def test_renditions_are_served_for_browsers_to_keep(self):
        image = make_image()
        response = self.client.get(image.fallback_rendition().url)
        self.assertEqual(response.status_code, 200)
        cache_control = {part.strip() for part in response["Cache-Control"].split(",")}
        self.assertEqual(cache_control, {"public", "max-age=31536000", "immutable"})

    def test_a_missing_rendition_is_not_cached_for_good(self):
        response = self.client.get("/media/renditions/2026/01/finns-inte-400-0123456789ab.jpg")
        self.assertEqual(response.status_code, 404)
        self.assertNotIn("immutable", response.get("Cache-Control", ""))

    @override_settings(NEWSROOM_PAGE_CACHE_SECONDS=300)
    def test_renditions_do_not_vary_on_the_visitors_cookies(self):
        image = make_image()
        response = self.client.get(image.fallback_rendition().url)
        self.assertEqual(response.status_code, 200)
        vary = {part.strip().lower() for part in response.get("Vary", "").split(",")}
        self.assertNotIn("cookie", vary)
        self.assertNotIn("X-Consent-State", response)


def exif_turned(orientation):
    exif = PILImage.Exif()
    exif[0x0112] = orientation  # Orientation
    return exif


def halves_bytes(*, width, height, exif=None):
    """A JPEG red on its left half and blue on its right, as stored (before any EXIF turn)."""
    picture = PILImage.new("RGB", (width, height), (220, 30, 30))
    picture.paste(PILImage.new("RGB", (width - width // 2, height), (30, 30, 220)), (width // 2, 0))
    buffer = io.BytesIO()
    picture.save(buffer, format="JPEG", quality=90, **({"exif": exif} if exif else {}))
    return buffer.getvalue()


def decoded(rendition):
    return PILImage.open(io.BytesIO(read(rendition)))


def files_in_media():
    root = Path(settings.MEDIA_ROOT)
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file())


def psnr(first, second):
    """How alike two pictures of one size are, in decibels (above 40: no visible difference)."""
    from PIL import ImageChops, ImageStat

    rms = ImageStat.Stat(ImageChops.difference(first, second)).rms
    mse = sum(value * value for value in rms) / len(rms)
    return 10 * math.log10(255 * 255 / mse) if mse else math.inf


def detailed_photo_bytes(*, width, height):
    """A JPEG with detail down to single pixels, as in a photograph of leaves or fabric."""
    from PIL import ImageFilter

    structure = PILImage.effect_mandelbrot((width, height), (-2.2, -1.3, 0.9, 1.3), 60)
    detail = PILImage.effect_noise((width, height), 50).filter(ImageFilter.GaussianBlur(0.7))
    picture = PILImage.merge(
        "RGB", (structure, detail, PILImage.linear_gradient("L").resize((width, height)))
    )
    buffer = io.BytesIO()
    picture.save(buffer, format="JPEG", quality=92)
    return buffer.getvalue()


@override_settings(NEWSROOM_RENDITION_WIDTHS=[400, 800])
class UprightRenditionTests(TestCase):
    """A camera turned on its side says so in EXIF: renditions and sizes are those of the upright picture."""

    def test_a_rotated_photo_and_its_renditions_have_the_upright_size(self):
        # Orientation 6: the stored picture is to be turned a quarter clockwise to be seen.
        image = make_image(content=halves_bytes(width=1600, height=900, exif=exif_turned(6)))
        self.assertEqual((image.width, image.height), (900, 1600))
        stored = Image.objects.get(pk=image.pk)
        self.assertEqual((stored.width, stored.height), (900, 1600))
        made = {(r.format, r.width, r.height) for r in image.renditions.all()}
        expected = {(f, w, round(w * 16 / 9)) for f in available_formats() for w in (400, 800)}
        self.assertEqual(made, expected)
        for rendition in image.renditions.all():
            with self.subTest(rendition=str(rendition)):
                picture = decoded(rendition).convert("RGB")
                self.assertEqual(picture.size, (rendition.width, rendition.height))
                # The stored left half (red) is the top once upright, the right half (blue) the bottom.
                red, _, blue = picture.getpixel((picture.width // 2, picture.height // 8))
                self.assertGreater(red, blue)
                red, _, blue = picture.getpixel((picture.width // 2, picture.height * 7 // 8))
                self.assertLess(red, blue)

    def test_an_unrotated_photo_keeps_its_size(self):
        image = make_image(content=halves_bytes(width=1600, height=900, exif=exif_turned(1)))
        self.assertEqual((image.width, image.height), (1600, 900))
        self.assertEqual(image.fallback_rendition().height, 450)

    def test_renditions_of_a_large_photo_are_as_sharp_as_a_full_size_downscale(self):
        content = detailed_photo_bytes(width=3200, height=2400)
        image = make_image(content=content)
        full = PILImage.open(io.BytesIO(content))
        for rendition in image.renditions.filter(format="jpeg"):
            with self.subTest(width=rendition.width):
                reference = full.resize(
                    (rendition.width, rendition.height), PILImage.Resampling.LANCZOS
                )
                # JPEG's own loss at quality 82 is about 35 dB: the resizing adds nothing visible.
                self.assertGreater(psnr(decoded(rendition).convert("RGB"), reference), 30)


class EditorUploadTestCase(TestCase):
    """An editor who uploads images through the admin's add form."""

    @classmethod
    def setUpTestData(cls):
        cls.editor = User.objects.create_user("redaktor", is_staff=True)
        cls.editor.user_permissions.set(
            Permission.objects.filter(content_type__app_label="articles")
        )

    def setUp(self):
        self.client.force_login(self.editor)

    def form_data(self, **fields):
        return {
            "source": DigitalSourceType.DIGITAL_CAPTURE,
            "alt_text": "En bild",
            "focal_x": 50,
            "focal_y": 50,
            **fields,
        }

    def upload(self, content, name="bild.jpg", **fields):
        upload = SimpleUploadedFile(name, content, "image/jpeg")
        return self.client.post(
            reverse("admin:articles_image_add"), self.form_data(file=upload, **fields)
        )

    def file_errors(self, response):
        self.assertEqual(response.status_code, 200)
        return response.context["adminform"].form.errors.as_data()["file"]


@override_settings(NEWSROOM_RENDITION_WIDTHS=[400, 800])
class ImageAdminSaveTests(EditorUploadTestCase):
    """What an editor sees when an upload is saved, or cannot be; what storage keeps either way."""

    def test_a_tall_infographic_is_saved_with_the_renditions_that_fit_and_shown_on_a_page(self):
        response = self.upload(image_bytes(width=800, height=20_000, format="PNG"), "grafik.png")
        self.assertEqual(response.status_code, 302, response.content[:2000])
        image = Image.objects.get()
        self.assertEqual((image.width, image.height), (800, 20_000))
        # WebP holds at most 16 383 pixels a side: a WebP <source> with the narrow copy alone
        # would have browsers show that one, so such a picture has none (AVIF goes to 32 768).
        made = {(r.format, r.width, r.height) for r in image.renditions.all()}
        expected = {
            (format, width, width * 25)
            for format in available_formats()
            if format != "webp"
            for width in (400, 800)
        }
        self.assertEqual(made, expected)
        article = make_article(lead_image=image)
        page = self.client.get(article.get_absolute_url())
        self.assertContains(page, "<picture>")
        self.assertContains(page, image.fallback_rendition().url)
        self.assertNotContains(page, "image/webp")

    def test_a_picture_too_tall_for_any_rendition_is_refused(self):
        # 10 pixels wide, 70 000 tall: more than even a JPEG holds (65 500 a side).
        response = self.upload(image_bytes(width=10, height=70_000, format="PNG"), "rand.png")
        [error] = self.file_errors(response)
        self.assertEqual(error.code, "too_tall")
        self.assertIn("10 × 70\xa0000 pixlar", error.messages[0])
        self.assertFalse(Image.objects.exists())
        self.assertEqual(files_in_media(), [])

    def test_a_rotated_photo_is_shown_and_kept_with_its_upright_size(self):
        response = self.upload(halves_bytes(width=1600, height=900, exif=exif_turned(6)))
        self.assertEqual(response.status_code, 302, response.content[:2000])
        image = Image.objects.get()
        self.assertEqual((image.width, image.height), (900, 1600))
        change_url = reverse("admin:articles_image_change", args=[image.pk])
        form = self.client.get(change_url)
        self.assertContains(form, '<div class="readonly">900</div>', html=True)
        self.assertContains(form, '<div class="readonly">1600</div>', html=True)
        # Saving other changes reads the file's size again: still the upright one.
        response = self.client.post(
            change_url,
            self.form_data(alt_text="En annan text", edited_version=opened_version(image)),
        )
        self.assertEqual(response.status_code, 302, response.content[:2000])
        image.refresh_from_db()
        self.assertEqual(image.alt_text, "En annan text")
        self.assertEqual((image.width, image.height), (900, 1600))

    def test_a_picture_no_encoder_can_write_is_refused_and_nothing_is_stored(self):
        save = PILImage.Image.save

        def save_but_not_webp(picture, fp, format=None, **options):
            if format == "WEBP":
                raise OSError("encoder error -2")
            return save(picture, fp, format, **options)

        content = image_bytes(width=1200, height=800, exif=exif_with_gps())
        with mock.patch.object(PILImage.Image, "save", save_but_not_webp):
            response = self.upload(content)
        [error] = self.file_errors(response)
        self.assertEqual(error.code, "renditions_failed")
        self.assertNotIn("Error", " ".join(error.messages))
        self.assertFalse(Image.objects.exists())
        # Above all not the upload, which still has the camera's position in it.
        self.assertEqual(files_in_media(), [])

    def test_storage_failing_half_way_leaves_no_files_and_tells_the_editor(self):
        from django.contrib.messages import get_messages
        from django.core.files.storage import FileSystemStorage

        save = FileSystemStorage.save
        names = []

        def save_then_fail(storage, name, content, *args, **kwargs):
            names.append(name)
            if len(names) == 3:  # the upload and one rendition are stored by then
                raise OSError(28, "No space left on device")
            return save(storage, name, content, *args, **kwargs)

        add_url = reverse("admin:articles_image_add")
        content = image_bytes(width=1200, height=800, exif=exif_with_gps())
        with mock.patch.object(FileSystemStorage, "save", save_then_fail):
            response = self.upload(content)
        self.assertEqual(len(names), 3)
        self.assertRedirects(response, add_url, fetch_redirect_response=False)
        [message] = get_messages(response.wsgi_request)
        self.assertEqual(message.level_tag, "error")
        self.assertFalse(Image.objects.exists())
        self.assertEqual(files_in_media(), [])

    def test_a_storage_failure_when_replacing_a_file_keeps_the_image_as_it_was(self):
        from django.core.files.storage import FileSystemStorage

        image = make_image()
        before = files_in_media()
        save = FileSystemStorage.save

        def fail_on_renditions(storage, name, content, *args, **kwargs):
            if name.startswith("renditions/"):
                raise OSError(28, "No space left on device")
            return save(storage, name, content, *args, **kwargs)

        change_url = reverse("admin:articles_image_change", args=[image.pk])
        upload = SimpleUploadedFile("ny.jpg", image_bytes(color=(200, 0, 0)), "image/jpeg")
        with (
            self.captureOnCommitCallbacks(execute=True),
            mock.patch.object(FileSystemStorage, "save", fail_on_renditions),
        ):
            response = self.client.post(
                change_url, self.form_data(file=upload, edited_version=opened_version(image))
            )
        self.assertRedirects(response, change_url, fetch_redirect_response=False)
        stored = Image.objects.get(pk=image.pk)
        self.assertEqual(stored.file.name, image.file.name)
        self.assertEqual(stored.rendition_index, image.rendition_index)
        self.assertEqual(files_in_media(), before)

    def test_a_damaged_file_is_refused_in_plain_words(self):
        content = image_bytes(1200, 800)
        [error] = self.file_errors(self.upload(content[: len(content) // 2]))
        self.assertEqual(error.code, "invalid_image")
        # An editor is told what is wrong, not the name of a Python exception.
        self.assertNotIn("Error", " ".join(error.messages))
        self.assertEqual(files_in_media(), [])


class SmallPictureTests(EditorUploadTestCase):
    """A new picture must be large enough for the article page and for sharing."""

    def file_error(self, response):
        [error] = self.file_errors(response)
        return error

    def test_the_minimum_width_is_the_narrowest_rendition_as_wide_as_the_article_page_shows_it(
        self,
    ):
        self.assertEqual(images.minimum_width([400, 800, 1200, 1600]), 800)
        self.assertEqual(images.minimum_width([1600, 400, 1000]), 1000)
        # No rendition that wide: the widest the site makes is enough.
        self.assertEqual(images.minimum_width([320, 640]), 640)

    def test_the_article_page_shows_its_lead_image_no_wider_than_the_minimum_assumes(self):
        article = make_article(lead_image=make_image())
        page = self.client.get(article.get_absolute_url())
        # The reading column: 40rem (640 px) at most, ARTICLE_PAGE_IMAGE_WIDTH.
        self.assertContains(page, 'sizes="(min-width: 42rem) 40rem, calc(100vw - 2rem)"')
        self.assertEqual(images.ARTICLE_PAGE_IMAGE_WIDTH, 40 * 16)

    def test_a_tiny_picture_is_refused_with_its_size_and_the_minimum(self):
        error = self.file_error(self.upload(image_bytes(40, 30, format="PNG")))
        self.assertEqual(error.code, "too_small")
        self.assertEqual(
            error.messages,
            [
                "Bilden är 40 × 30 pixlar; ladda upp en som är minst 800 pixlar bred, så att "
                "den blir skarp på artikelsidan."
            ],
        )
        self.assertFalse(Image.objects.exists())
        self.assertEqual(files_in_media(), [])

    def test_the_size_is_told_with_grouped_numbers_in_english_too(self):
        response = self.client.post(
            reverse("admin:articles_image_add"),
            self.form_data(file=SimpleUploadedFile("rand.png", image_bytes(799, 1200, "PNG"))),
            headers={"accept-language": "en"},
        )
        error = self.file_error(response)
        self.assertEqual(
            error.messages,
            [
                "The image is 799 × 1,200 pixels; upload one at least 800 pixels wide, so "
                "that it stays sharp on the article page."
            ],
        )

    def test_a_rotated_photo_is_measured_upright(self):
        # Stored 900 wide, shown 900 high and 600 wide.
        response = self.upload(halves_bytes(width=900, height=600, exif=exif_turned(6)), "a.jpg")
        error = self.file_error(response)
        self.assertEqual(error.code, "too_small")
        self.assertIn("600 × 900 pixlar", error.messages[0])

    def test_a_picture_at_the_minimum_width_is_saved(self):
        response = self.upload(image_bytes(800, 200, format="PNG"))
        self.assertEqual(response.status_code, 302, response.content[:2000])
        image = Image.objects.get()
        self.assertEqual(image.fallback_rendition().height, 200)

    def test_a_strip_whose_shared_copy_would_be_too_low_for_social_media_is_refused(self):
        # Shared (og:image) as its 1200-pixel rendition: 1200 × 180, under Facebook's 200.
        error = self.file_error(self.upload(image_bytes(2000, 300, format="PNG")))
        self.assertEqual(error.code, "too_low")
        self.assertEqual(
            error.messages,
            [
                "Bilden är 2\xa0000 × 300 pixlar; kopian som delas i sociala medier skulle "
                "bara bli 180 pixlar hög, och de kräver minst 200. Ladda upp en bild som är "
                "högre i förhållande till sin bredd."
            ],
        )
        self.assertFalse(Image.objects.exists())

    def test_a_shared_copy_one_pixel_high_is_told_in_the_singular(self):
        error = self.file_error(self.upload(image_bytes(1200, 1, format="PNG")))
        self.assertIn("bara bli 1 pixel hög", error.messages[0])

    def test_replacing_a_file_with_a_tiny_picture_is_refused_and_keeps_the_image(self):
        image = make_image()
        response = self.client.post(
            reverse("admin:articles_image_change", args=[image.pk]),
            self.form_data(
                file=SimpleUploadedFile("liten.png", image_bytes(40, 30, format="PNG")),
                edited_version=opened_version(image),
            ),
        )
        self.assertEqual(self.file_error(response).code, "too_small")
        stored = Image.objects.get(pk=image.pk)
        self.assertEqual((stored.file.name, stored.width), (image.file.name, 800))

    def test_a_small_image_stored_before_the_rule_can_still_be_edited(self):
        image = make_image(content=image_bytes(40, 30))
        change_url = reverse("admin:articles_image_change", args=[image.pk])
        response = self.client.post(
            change_url,
            self.form_data(alt_text="En ny text", edited_version=opened_version(image)),
        )
        self.assertRedirects(response, reverse("admin:articles_image_changelist"))
        image.refresh_from_db()
        self.assertEqual((image.alt_text, image.width, image.height), ("En ny text", 40, 30))
        self.assertTrue(image.rendition_index)


def multi_picture_jpeg(*, width=800, height=533):
    """A JPEG with a second picture in it (MPO), as some cameras save their photos."""
    buffer = io.BytesIO()
    first, second = (PILImage.new("RGB", (width, height), c) for c in ((30, 90, 140), (0, 0, 0)))
    first.save(buffer, format="MPO", save_all=True, append_images=[second])
    return buffer.getvalue()


@override_settings(NEWSROOM_RENDITION_WIDTHS=[400, 800])
class UploadNameTests(EditorUploadTestCase):
    """An upload is stored under its editor's name, with the extension of its real format:
    browsers and web servers serve the original with the type its extension says."""

    def stored_name(self, content, name):
        response = self.upload(content, name)
        self.assertEqual(response.status_code, 302, response.content[:2000])
        image = Image.objects.latest("pk")
        self.assertRegex(image.file.name, r"^images/\d{4}/\d{2}/")
        return image, image.file.name.rpartition("/")[2]

    def test_a_picture_named_for_another_format_is_stored_with_its_own_formats_extension(self):
        cases = [
            (image_bytes(format="PNG"), "photo.jpg", "photo.png", "image/png"),
            (image_bytes(format="JPEG"), "bild.png", "bild.jpg", "image/jpeg"),
            (image_bytes(format="WEBP"), "x.jpeg", "x.webp", "image/webp"),
            (image_bytes(format="JPEG"), "IMG_1234", "IMG_1234.jpg", "image/jpeg"),
            (image_bytes(format="GIF"), "karta.jpg", "karta.gif", "image/gif"),
            (image_bytes(format="TIFF"), "skanning.jpg", "skanning.tif", "image/tiff"),
            (image_bytes(format="PNG"), "sida.html", "sida.png", "image/png"),
            (image_bytes(format="JPEG"), "gammal.jfif", "gammal.jpg", "image/jpeg"),
            # Pillow reads it as MPO, with an extension of its own; browsers show it as JPEG.
            (multi_picture_jpeg(), "kamera.mpo", "kamera.jpg", "image/jpeg"),
        ]
        if "avif" in available_formats():
            cases.append((image_bytes(format="AVIF"), "ny.webp", "ny.avif", "image/avif"))
        for content, name, stored, content_type in cases:
            with self.subTest(name=name, stored=stored):
                image, stored_name = self.stored_name(content, name)
                self.assertEqual(stored_name, stored)
                change_form = self.client.get(
                    reverse("admin:articles_image_change", args=[image.pk])
                )
                self.assertContains(change_form, f'href="{image.file.url}">{image.file.name}<')
                original = self.client.get(image.file.url)
                self.assertEqual(original["Content-Type"], content_type)
                self.assertEqual(b"".join(original.streaming_content), content)

    def test_a_name_whose_extension_already_says_its_format_is_kept_as_it_is(self):
        cases = [
            (image_bytes(format="JPEG"), "bild.jpg"),
            (image_bytes(format="JPEG"), "Foto.JPG"),
            (image_bytes(format="JPEG"), "semester.jpeg"),
            (multi_picture_jpeg(), "kamera.jpg"),
            (image_bytes(format="PNG"), "grafik.PNG"),
            (image_bytes(format="WEBP"), "skärm.webp"),
            (image_bytes(format="TIFF"), "skanning.tiff"),
        ]
        for content, name in cases:
            with self.subTest(name=name):
                self.assertEqual(self.stored_name(content, name)[1], name)

    def test_a_replacing_file_is_stored_with_its_own_formats_extension(self):
        image = make_image()
        old_name = image.file.name
        change_url = reverse("admin:articles_image_change", args=[image.pk])
        content = image_bytes(format="PNG", color=(200, 0, 0))
        with self.captureOnCommitCallbacks(execute=True):
            response = self.client.post(
                change_url,
                self.form_data(
                    file=SimpleUploadedFile("ersättning.jpg", content, "image/jpeg"),
                    edited_version=opened_version(image),
                ),
            )
        self.assertEqual(response.status_code, 302, response.content[:2000])
        image.refresh_from_db()
        self.assertEqual(image.file.name.rpartition("/")[2], "ersättning.png")
        original = self.client.get(image.file.url)
        self.assertEqual(original["Content-Type"], "image/png")
        self.assertEqual(b"".join(original.streaming_content), content)
        self.assertFalse(in_storage(old_name))

    def test_an_edit_that_leaves_the_file_alone_leaves_its_name_alone(self):
        # Stored before uploads were named for their format: a PNG whose name says JPEG.
        image = make_image(content=image_bytes(format="PNG"), name="photo.jpg")
        self.assertTrue(image.file.name.endswith("/photo.jpg"))
        before = files_in_media()
        change_url = reverse("admin:articles_image_change", args=[image.pk])
        with self.captureOnCommitCallbacks(execute=True):
            response = self.client.post(
                change_url,
                self.form_data(alt_text="En ny text", edited_version=opened_version(image)),
            )
        self.assertRedirects(response, reverse("admin:articles_image_changelist"))
        stored = Image.objects.get(pk=image.pk)
        self.assertEqual((stored.alt_text, stored.file.name), ("En ny text", image.file.name))
        self.assertEqual(files_in_media(), before)
