"""What the image commands share."""

from django.core.management.base import CommandError

from articles.models import Image
from newsroom.admin import is_key


def chosen_images(ids):
    """Every image in ID order, or the images whose IDs are given; an unknown ID is an error."""
    chosen = Image.objects.order_by("pk")
    if ids:
        # An ID above the database's integer range fails the query: no image has it.
        chosen = chosen.filter(pk__in=[pk for pk in ids if is_key(Image._meta.pk, pk)])
        missing = sorted(set(ids) - set(chosen.values_list("pk", flat=True)))
        if missing:
            raise CommandError(f"No image with the ID {', '.join(map(str, missing))}.")
    return chosen
