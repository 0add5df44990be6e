"""Make the renditions of stored images anew, e.g. after the rendition widths or encoders change."""

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.template.defaultfilters import pluralize

from articles.images import UnreadableImage
from articles.management.images import chosen_images
from articles.services import image_renditions_create
from newsroom.cache import page_cache_purge


class Command(BaseCommand):
    help = (
        "Make the renditions of every image (or of the images whose IDs are given) anew from "
        "their uploads, with the current NEWSROOM_RENDITION_WIDTHS and encoders. An image whose "
        "upload cannot be read keeps the renditions it has."
    )

    def add_arguments(self, parser):
        parser.add_argument("ids", nargs="*", type=int, help="Only these images (by ID).")

    def handle(self, *args, ids, **options):
        chosen = chosen_images(ids)
        made, failed = 0, []
        # One image at a time, each in its own transaction: the old files go once the new ones
        # are stored, and a failure leaves the others done. Pages name the renditions' files,
        # so the page cache is purged as each image's transaction commits, before its old files
        # are deleted (on_commit runs in order): no cached page points at a deleted file while
        # the images after it are made.
        for image in chosen.iterator(chunk_size=100):
            try:
                with transaction.atomic():
                    page_cache_purge()
                    image_renditions_create(image=image)
            except (UnreadableImage, OSError) as error:
                failed.append(image.pk)
                self.stderr.write(f"Image {image.pk} ({image.file.name}): {error or 'unreadable'}")
                continue
            made += 1
            if options["verbosity"] > 1:
                self.stdout.write(f"Image {image.pk}: {image.renditions.count()} renditions")
        self.stdout.write(f"Renditions made anew for {made} image{pluralize(made)}.")
        if failed:
            raise CommandError(
                f"Kept their renditions, for the reasons above: image{pluralize(failed)} "
                f"{', '.join(map(str, failed))}."
            )
