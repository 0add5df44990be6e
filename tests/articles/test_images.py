import io
from pathlib import Path

from django.conf import settings
from django.contrib.auth.models import Permission, User
from django.test import TestCase, override_settings
from PIL import Image as PILImage

from articles.images import available_formats
from articles.models import DigitalSourceType, Image
from tests.factories import image_bytes, make_image


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
