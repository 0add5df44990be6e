from django.db import migrations, models


def fill_rendition_index(apps, schema_editor):
    """The index of renditions made before it existed, from their rows."""
    Image = apps.get_model("articles", "Image")
    ImageRendition = apps.get_model("articles", "ImageRendition")
    index = {}
    for rendition in ImageRendition.objects.order_by("image_id", "format", "width"):
        index.setdefault(rendition.image_id, []).append(
            [rendition.format, rendition.width, rendition.height, rendition.file.name]
        )
    for image_id, renditions in index.items():
        Image.objects.filter(pk=image_id).update(rendition_index=renditions)


class Migration(migrations.Migration):
    dependencies = [("articles", "0006_image_decorative_alter_image_alt_text")]

    operations = [
        migrations.AddField(
            model_name="image",
            name="rendition_index",
            field=models.JSONField(default=list, editable=False),
        ),
        migrations.RunPython(fill_rendition_index, migrations.RunPython.noop),
    ]
