"""Give each section an English slug, for its English addresses, made from its English name."""

from django.db import migrations, models
from django.utils.text import slugify

SLUG_LENGTH = 50


def english_slug(section, taken):
    """The section's English name as a slug, made unique with a number when another has it.

    A slug another section has in Swedish is taken too: its English page was at that address
    until now, and old links to it must not open this section instead. A section with no
    usable English name keeps its Swedish slug, whose English address is then unchanged.
    """
    base = slugify(section.name_en)[:SLUG_LENGTH].strip("-") or section.slug
    candidate, number = base, 2
    while candidate in taken:
        suffix = f"-{number}"
        candidate = f"{base[: SLUG_LENGTH - len(suffix)].rstrip('-')}{suffix}"
        number += 1
    return candidate


def fill_english_slugs(apps, schema_editor):
    Section = apps.get_model("articles", "Section")
    sections = list(Section.objects.using(schema_editor.connection.alias).order_by("pk"))
    swedish = {section.pk: section.slug for section in sections}
    english = set()
    for section in sections:
        taken = english | {slug for pk, slug in swedish.items() if pk != section.pk}
        section.slug_en = english_slug(section, taken)
        english.add(section.slug_en)
    Section.objects.using(schema_editor.connection.alias).bulk_update(sections, ["slug_en"])


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0013_rerender_tables"),
    ]

    operations = [
        migrations.AddField(
            model_name="section",
            name="slug_en",
            # No index until the field is unique: on PostgreSQL, an indexed SlugField made
            # unique would get its "_like" index a second time.
            field=models.SlugField(null=True, db_index=False, verbose_name="slug (English)"),
        ),
        migrations.RunPython(fill_english_slugs, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="section",
            name="slug_en",
            field=models.SlugField(
                help_text="The last part of the section's English address.",
                unique=True,
                verbose_name="slug (English)",
            ),
        ),
        migrations.AlterField(
            model_name="section",
            name="slug",
            field=models.SlugField(
                help_text="The last part of the section's Swedish address.",
                unique=True,
                verbose_name="slug",
            ),
        ),
    ]
