"""Store uploads kept from before they were named for their format under a name that says it."""

from django.core.exceptions import SuspiciousFileOperation
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.template.defaultfilters import pluralize
from PIL import Image as PILImage

from articles.forms import picture_name
from articles.management.images import chosen_images
from articles.models import Image, file_delete_on_commit
from newsroom.cache import page_cache_purge

# What Pillow raises for a file it cannot read (the image form's refusals), storage for one
# that is missing or cannot be written, and storage when no free name fits the file field.
KEEPS_ITS_NAME = (
    OSError,
    SyntaxError,
    ValueError,
    PILImage.DecompressionBombError,
    SuspiciousFileOperation,
)


class Command(BaseCommand):
    help = (
        "Store every image's upload (or those of the images whose IDs are given) under a name "
        "whose extension says the format it is in, as new uploads are: a PNG stored as "
        "photo.jpg becomes photo.png. The content and the renditions are left as they are. "
        "An upload that cannot be read, or for which no free name fits the file field, keeps "
        "its name."
    )

    def add_arguments(self, parser):
        parser.add_argument("ids", nargs="*", type=int, help="Only these images (by ID).")
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="List the uploads that would be renamed, and rename none.",
        )

    def handle(self, *args, ids, dry_run, **options):
        chosen = chosen_images(ids)
        renamed, failed = 0, []
        for pk in list(chosen.values_list("pk", flat=True)):
            stored = new_name = None
            try:
                # One image at a time, each in its own transaction, read again under its row's
                # lock: an editor's save of it waits, or is waited for, and neither is lost.
                with transaction.atomic():
                    image = Image.objects.select_for_update().filter(pk=pk).first()
                    if image is None:  # deleted since it was listed
                        continue
                    stored = image.file.name
                    with image.file.open("rb"), PILImage.open(image.file) as picture:
                        name = picture_name(stored, picture.format)
                        if name == stored:
                            continue
                        # The folder and the stem kept; a suffix if the name is taken. Asked
                        # in a dry run too, which so finds an upload no free name fits.
                        max_length = Image.file.field.max_length
                        name = image.file.storage.get_available_name(name, max_length=max_length)
                        if not dry_run:
                            new_name = image.file.storage.save(
                                name, image.file, max_length=max_length
                            )
                            Image.objects.filter(pk=pk).update(file=new_name)
                            # As an editor's save of an image does: no page names an upload
                            # today, but whatever one made of it is stale as this commits,
                            # before the old file is deleted (on_commit runs in order).
                            page_cache_purge()
                            file_delete_on_commit(image.file.storage, stored)
            except Exception as error:
                # The transaction takes the row back, not a new file already stored.
                if new_name:
                    image.file.storage.delete(new_name)
                if not isinstance(error, KEEPS_ITS_NAME):
                    raise
                failed.append(pk)
                self.stderr.write(f"Image {pk} ({stored}): {error or 'unreadable'}")
                continue
            renamed += 1
            if options["verbosity"] > 0:
                self.stdout.write(f"Image {pk}: {stored} -> {new_name or name}")
        images = f"{renamed} image{pluralize(renamed)}"
        if dry_run:
            self.stdout.write(f"To rename: {images} (a dry run: nothing was renamed).")
        else:
            self.stdout.write(f"Renamed {images}.")
        if failed:
            raise CommandError(
                f"Not renamed, for the reasons above: image{pluralize(failed)} "
                f"{', '.join(map(str, failed))}."
            )
