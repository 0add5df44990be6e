import re
import threading
import time
from io import StringIO
from unittest import mock, skipUnless

from django.contrib.auth.models import Permission, User
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage
from django.core.management import CommandError, call_command
from django.db import connection, transaction
from django.test import TestCase, TransactionTestCase, override_settings

from articles.models import Image
from newsroom import cache
from newsroom.cache import current_generation
from tests.articles.test_images import files_in_media, in_storage
from tests.factories import image_bytes, make_image


def run(*args, out=None, err=None):
    out, err = out or StringIO(), err or StringIO()
    call_command("image_extensions", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def stored_content(name):
    with Image.file.field.storage.open(name) as file:
        return file.read()


def png_named_jpg(name="photo.jpg"):
    """An image stored before uploads were named for their format: a PNG whose name says JPEG."""
    content = image_bytes(format="PNG")
    return make_image(content=content, name=name), content


@override_settings(NEWSROOM_RENDITION_WIDTHS=[400, 800])
class ImageExtensionsCommandTests(TestCase):
    def test_a_png_stored_as_jpg_is_stored_as_png_with_its_content_and_the_old_file_goes(self):
        image, content = png_named_jpg()
        old_name = image.file.name
        renditions = image.rendition_index
        generation = current_generation()
        with self.captureOnCommitCallbacks(execute=True):
            out, err = run()
        image.refresh_from_db()
        self.assertEqual(image.file.name, old_name.removesuffix(".jpg") + ".png")
        self.assertEqual(
            out, f"Image {image.pk}: {old_name} -> {image.file.name}\nRenamed 1 image.\n"
        )
        self.assertEqual(err, "")
        self.assertEqual(stored_content(image.file.name), content)
        self.assertFalse(in_storage(old_name))
        # The renditions are files of their own, named as before.
        self.assertEqual(image.rendition_index, renditions)
        self.assertTrue(all(in_storage(name) for *_, name in renditions))
        self.assertEqual(image.renditions.count(), len(renditions))
        # Whatever a cached page said of the upload is stale.
        self.assertNotEqual(current_generation(), generation)
        # Staff who open the original get it with its own type now.
        editor = User.objects.create_user("redaktor", is_staff=True)
        editor.user_permissions.add(Permission.objects.get(codename="view_image"))
        self.client.force_login(editor)
        original = self.client.get(image.file.url)
        self.assertEqual(original["Content-Type"], "image/png")
        self.assertEqual(b"".join(original.streaming_content), content)

    def test_a_name_that_says_its_format_is_left_alone_and_nothing_is_written(self):
        jpeg = make_image()
        png = make_image(content=image_bytes(format="PNG"))
        names = {jpeg.pk: jpeg.file.name, png.pk: png.file.name}
        self.assertTrue(names[png.pk].endswith(".png"))
        before = files_in_media()
        generation = current_generation()
        with self.captureOnCommitCallbacks(execute=True):
            out, err = run()
        self.assertEqual((out, err), ("Renamed 0 images.\n", ""))
        self.assertEqual(dict(Image.objects.values_list("pk", "file")), names)
        self.assertEqual(files_in_media(), before)
        self.assertEqual(current_generation(), generation)

    def test_a_dry_run_lists_what_would_be_renamed_and_renames_nothing(self):
        image, _content = png_named_jpg()
        make_image()
        before = files_in_media()
        generation = current_generation()
        with self.captureOnCommitCallbacks(execute=True):
            out, err = run("--dry-run")
        new_name = image.file.name.removesuffix(".jpg") + ".png"
        self.assertEqual(
            out,
            f"Image {image.pk}: {image.file.name} -> {new_name}\n"
            "To rename: 1 image (a dry run: nothing was renamed).\n",
        )
        self.assertEqual(err, "")
        self.assertEqual(Image.objects.get(pk=image.pk).file.name, image.file.name)
        self.assertEqual(files_in_media(), before)
        self.assertEqual(current_generation(), generation)

    def test_a_taken_name_is_given_the_storages_suffix_and_the_other_file_is_left_alone(self):
        other = make_image(content=image_bytes(format="PNG", color=(200, 0, 0)), name="photo.png")
        other_content = stored_content(other.file.name)
        image, content = png_named_jpg()
        folder = image.file.name.rpartition("/")[0]
        self.assertEqual(other.file.name, f"{folder}/photo.png")
        with self.captureOnCommitCallbacks(execute=True):
            run()
        image.refresh_from_db()
        self.assertRegex(image.file.name, rf"^{folder}/photo_[A-Za-z0-9]{{7}}\.png$")
        self.assertEqual(stored_content(image.file.name), content)
        self.assertEqual(Image.objects.get(pk=other.pk).file.name, other.file.name)
        self.assertEqual(stored_content(other.file.name), other_content)

    def test_a_second_run_renames_nothing(self):
        image, _content = png_named_jpg()
        with self.captureOnCommitCallbacks(execute=True):
            run()
        image.refresh_from_db()
        before = files_in_media()
        with self.captureOnCommitCallbacks(execute=True):
            out, _err = run()
        self.assertEqual(out, "Renamed 0 images.\n")
        self.assertEqual(Image.objects.get(pk=image.pk).file.name, image.file.name)
        self.assertEqual(files_in_media(), before)

    def test_other_formats_named_for_another_are_renamed_and_an_extension_kept_if_it_says_it(self):
        cases = [
            (image_bytes(format="JPEG"), "bild.png", "bild.jpg"),
            (image_bytes(format="GIF"), "karta.jpg", "karta.gif"),
            (image_bytes(format="WEBP"), "x.jpeg", "x.webp"),
            (image_bytes(format="JPEG"), "semester.JPEG", "semester.JPEG"),
        ]
        images = [
            (make_image(content=content, name=name), stored) for content, name, stored in cases
        ]
        with self.captureOnCommitCallbacks(execute=True):
            out, _err = run()
        self.assertIn("Renamed 3 images.", out)
        for image, stored in images:
            with self.subTest(stored=stored):
                image.refresh_from_db()
                self.assertEqual(image.file.name.rpartition("/")[2], stored)

    def test_an_unreadable_or_missing_upload_is_reported_and_the_others_are_renamed(self):
        damaged, _content = png_named_jpg("damaged.jpg")
        with damaged.file.open("wb") as file:
            file.write(b"no picture here")
        missing, _content = png_named_jpg("missing.jpg")
        missing.file.storage.delete(missing.file.name)
        image, content = png_named_jpg()
        out, err = StringIO(), StringIO()
        with (
            self.captureOnCommitCallbacks(execute=True),
            self.assertRaisesMessage(
                CommandError,
                f"Not renamed, for the reasons above: images {damaged.pk}, {missing.pk}.",
            ),
        ):
            run(out=out, err=err)
        lines = err.getvalue().splitlines()
        self.assertEqual(len(lines), 2)
        self.assertTrue(lines[0].startswith(f"Image {damaged.pk} ({damaged.file.name}): "))
        self.assertTrue(lines[1].startswith(f"Image {missing.pk} ({missing.file.name}): "))
        self.assertIn("No such file", lines[1])
        self.assertIn("Renamed 1 image.", out.getvalue())
        self.assertEqual(Image.objects.get(pk=damaged.pk).file.name, damaged.file.name)
        self.assertEqual(Image.objects.get(pk=missing.pk).file.name, missing.file.name)
        image.refresh_from_db()
        self.assertTrue(image.file.name.endswith("/photo.png"))
        self.assertEqual(stored_content(image.file.name), content)

    def test_an_upload_for_which_no_free_name_fits_the_field_is_reported_and_keeps_its_name(self):
        storage = Image.file.field.storage
        # A WebP kept as .jpg in a folder so deep that no name with .webp fits 100 characters.
        content = image_bytes(format="WEBP")
        deep = storage.save("images/" + "d" * 87 + "/p.jpg", ContentFile(content))
        self.assertEqual(len(deep), Image.file.field.max_length)
        stuck = make_image(content=content, name="stuck.jpg", renditions=False)
        stuck.file.storage.delete(stuck.file.name)
        Image.objects.filter(pk=stuck.pk).update(file=deep)
        image, _content = png_named_jpg()
        before = set(files_in_media()) - {image.file.name}
        runs = [
            (("--dry-run",), "To rename: 1 image (a dry run: nothing was renamed)."),
            ((), "Renamed 1 image."),
        ]
        for args, summary in runs:
            with self.subTest(args=args):
                out, err = StringIO(), StringIO()
                with (
                    self.captureOnCommitCallbacks(execute=True),
                    self.assertRaisesMessage(
                        CommandError, f"Not renamed, for the reasons above: image {stuck.pk}."
                    ),
                ):
                    run(*args, out=out, err=err)
                self.assertRegex(
                    err.getvalue(),
                    rf"^Image {stuck.pk} \({re.escape(deep)}\): Storage can not find an available",
                )
                self.assertIn(summary, out.getvalue())
                self.assertEqual(Image.objects.get(pk=stuck.pk).file.name, deep)
                self.assertEqual(stored_content(deep), content)
        image.refresh_from_db()
        self.assertTrue(image.file.name.endswith("/photo.png"))
        # Nothing else stored, nothing else deleted.
        self.assertEqual(set(files_in_media()) - {image.file.name}, before)

    def test_only_the_images_named_are_renamed_and_an_unknown_id_is_refused(self):
        first, _content = png_named_jpg("first.jpg")
        second, _content = png_named_jpg("second.jpg")
        with self.captureOnCommitCallbacks(execute=True):
            out, _err = run(str(second.pk))
            with self.assertRaisesMessage(CommandError, "No image with the ID 999999."):
                run(str(first.pk), "999999")
        self.assertIn("Renamed 1 image.", out)
        self.assertTrue(Image.objects.get(pk=first.pk).file.name.endswith("/first.jpg"))
        self.assertTrue(Image.objects.get(pk=second.pk).file.name.endswith("/second.png"))

    def test_an_id_beyond_the_databases_integer_range_is_refused_as_unknown(self):
        image, _content = png_named_jpg()
        huge = "9" * 23
        with self.assertRaisesMessage(CommandError, f"No image with the ID {huge}."):
            run(str(image.pk), huge)
        self.assertEqual(Image.objects.get(pk=image.pk).file.name, image.file.name)

    def test_a_new_file_whose_rename_fails_after_it_is_stored_is_not_left_in_storage(self):
        image, _content = png_named_jpg()
        before = files_in_media()
        with (
            mock.patch(
                "articles.management.commands.image_extensions.page_cache_purge",
                side_effect=RuntimeError,
            ),
            self.assertRaises(RuntimeError),
        ):
            run()
        self.assertEqual(files_in_media(), before)
        self.assertEqual(Image.objects.get(pk=image.pk).file.name, image.file.name)


@override_settings(NEWSROOM_RENDITION_WIDTHS=[400, 800])
class ImageExtensionsCommandCommitTests(TransactionTestCase):
    """Each image's transaction really commits here, and its old file goes as it does."""

    def test_the_page_cache_is_purged_as_each_image_commits_before_its_old_file_is_deleted(self):
        images = [png_named_jpg(f"photo-{n}.jpg")[0] for n in range(2)]
        old_files = {image.file.name: image.pk for image in images}
        events = []
        delete, renew = FileSystemStorage.delete, cache._generation_renew

        def delete_spy(storage, name):
            if name in old_files:
                events.append(("delete", old_files[name]))
            return delete(storage, name)

        def renew_spy():
            # A purge inside the transaction leaves the pages other processes cache until it
            # commits naming the old file: only the one made as it commits makes them stale.
            events.append("purge" if not connection.in_atomic_block else "purge uncommitted")
            return renew()

        with (
            mock.patch.object(FileSystemStorage, "delete", delete_spy),
            mock.patch.object(cache, "_generation_renew", renew_spy),
        ):
            run()
        self.assertEqual(
            events,
            [
                *("purge uncommitted", "purge", ("delete", images[0].pk)),
                *("purge uncommitted", "purge", ("delete", images[1].pk)),
            ],
        )
        self.assertFalse(any(in_storage(name) for name in old_files))


@skipUnless(
    connection.vendor == "postgresql",
    "SQLite takes its write lock as a transaction begins: its saves never overlap.",
)
@override_settings(NEWSROOM_RENDITION_WIDTHS=[400, 800])
class ImageExtensionsOverlappingSaveTests(TransactionTestCase):
    """The command reaches an image while an editor's save of it is not yet committed."""

    LOCK_WAIT_TIMEOUT = 30

    def test_a_file_an_editor_replaced_meanwhile_is_kept(self):
        image, _content = png_named_jpg()
        outputs = []

        def command():
            try:
                outputs.append(run(str(image.pk)))
            finally:
                connection.close()  # this thread's own connection

        with transaction.atomic():
            # The editor's new upload, stored under a name for its format, as the admin does.
            replacement = image.file.storage.save(
                image.file.name.rpartition("/")[0] + "/ersattning.png",
                ContentFile(image_bytes(format="PNG", color=(200, 0, 0))),
            )
            Image.objects.filter(pk=image.pk).update(file=replacement)
            thread = threading.Thread(target=command)
            thread.start()
            self.wait_for_a_lock_wait()
        thread.join(self.LOCK_WAIT_TIMEOUT)
        self.assertFalse(thread.is_alive())
        self.assertEqual(outputs, [("Renamed 0 images.\n", "")])
        self.assertEqual(Image.objects.get(pk=image.pk).file.name, replacement)
        self.assertTrue(in_storage(replacement))

    def wait_for_a_lock_wait(self):
        # pg_locks is read anew on every query, also inside this transaction.
        deadline = time.monotonic() + self.LOCK_WAIT_TIMEOUT
        with connection.cursor() as cursor:
            while time.monotonic() < deadline:
                # This test's own database only: other test runs may share the server.
                cursor.execute(
                    "SELECT count(*) FROM pg_locks JOIN pg_stat_activity USING (pid) "
                    "WHERE NOT granted AND datname = current_database()"
                )
                if cursor.fetchone()[0]:
                    return
                time.sleep(0.05)
        self.fail("The command never waited for the editor's save.")
