from io import StringIO
from unittest import mock

from django.core.files.storage import FileSystemStorage
from django.core.management import CommandError, call_command
from django.test import TestCase, TransactionTestCase, override_settings

from articles.models import Image
from newsroom.cache import current_generation
from tests.factories import image_bytes, make_image


def run(*args):
    out, err = StringIO(), StringIO()
    call_command("image_renditions", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def widths(image):
    return sorted({width for _format, width, _height, _name in image.rendition_index})


@override_settings(NEWSROOM_RENDITION_WIDTHS=[400, 800])
class ImageRenditionsCommandTests(TestCase):
    def setUp(self):
        self.image = make_image(content=image_bytes(1600, 1067))
        self.old_files = [name for *_, name in self.image.rendition_index]

    def test_renditions_are_made_anew_with_the_widths_set_now_and_the_old_files_go(self):
        storage = self.image.file.storage
        generation = current_generation()
        with (
            override_settings(NEWSROOM_RENDITION_WIDTHS=[400, 1200]),
            self.captureOnCommitCallbacks(execute=True),
        ):
            out, err = run()
        self.assertIn("Renditions made anew for 1 image.", out)
        self.assertEqual(err, "")
        image = Image.objects.get(pk=self.image.pk)
        self.assertEqual(widths(image), [400, 1200])
        self.assertEqual(image.renditions.count(), len(image.rendition_index))
        for *_, name in image.rendition_index:
            self.assertTrue(storage.exists(name), name)
        gone = [name for name in self.old_files if "-800-" in name]
        self.assertTrue(gone)
        self.assertFalse(any(storage.exists(name) for name in gone))
        # Cached pages named the deleted files.
        self.assertNotEqual(current_generation(), generation)

    def test_an_unreadable_upload_keeps_its_renditions_and_the_others_are_made(self):
        other = make_image(content=image_bytes(1600, 1067))
        with self.image.file.open("wb") as file:
            file.write(b"no picture here")
        with (
            override_settings(NEWSROOM_RENDITION_WIDTHS=[400, 1200]),
            self.captureOnCommitCallbacks(execute=True),
            self.assertRaisesMessage(
                CommandError,
                f"Kept their renditions, for the reasons above: image {self.image.pk}.",
            ),
        ):
            run()
        self.image.refresh_from_db()
        self.assertEqual([name for *_, name in self.image.rendition_index], self.old_files)
        self.assertTrue(all(self.image.file.storage.exists(name) for name in self.old_files))
        other.refresh_from_db()
        self.assertEqual(widths(other), [400, 1200])

    def test_only_the_images_named_are_made_anew_and_an_unknown_id_is_refused(self):
        other = make_image(content=image_bytes(1600, 1067))
        with override_settings(NEWSROOM_RENDITION_WIDTHS=[1200]):
            run(str(other.pk))
            with self.assertRaisesMessage(CommandError, "No image with the ID 999999."):
                run(str(other.pk), "999999")
        self.image.refresh_from_db()
        other.refresh_from_db()
        self.assertEqual(widths(self.image), [400, 800])
        self.assertEqual(widths(other), [1200])

    def test_an_id_beyond_the_databases_integer_range_is_refused_as_unknown(self):
        huge = "9" * 23
        with self.assertRaisesMessage(CommandError, f"No image with the ID {huge}."):
            run(str(self.image.pk), huge)


@override_settings(NEWSROOM_RENDITION_WIDTHS=[400, 800])
class ImageRenditionsCommandCommitTests(TransactionTestCase):
    """Each image's transaction really commits here, and its old files go as it does."""

    def test_the_page_cache_is_purged_before_each_images_old_files_are_deleted(self):
        images = [make_image(content=image_bytes(1600, 1067)) for _ in range(2)]
        old_files = {name: image.pk for image in images for *_, name in image.rendition_index}
        generations = {}
        delete = FileSystemStorage.delete

        def spy(storage, name):
            # The generation pages were cached under when this old file went.
            if name in old_files:
                generations.setdefault(old_files[name], set()).add(current_generation())
            return delete(storage, name)

        before = current_generation()
        with (
            override_settings(NEWSROOM_RENDITION_WIDTHS=[400, 1200]),
            mock.patch.object(FileSystemStorage, "delete", spy),
        ):
            run()
        self.assertEqual(set(generations), {image.pk for image in images})
        first, second = (generations[image.pk] for image in images)
        # No page cached before an image's files went, under either generation, still names
        # them: the first image's went after a purge, the second's after another.
        self.assertNotIn(before, first | second)
        self.assertFalse(first & second)
