"""The "Editor" role: write, translate, schedule and publish; images, sections and authors."""

from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions
from django.db import migrations

MODELS = ["article", "image", "section", "author"]
# Revisions are kept, never edited or deleted by hand; restoring one is a change of the article.
READ_ONLY_MODELS = ["articleviewday", "historicalarticle"]


def create_role(apps, schema_editor):
    # Permissions are normally made after all migrations; this role needs them now.
    create_permissions(global_apps.get_app_config("articles"), verbosity=0)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _created = Group.objects.get_or_create(name="Editor")
    permissions = Permission.objects.filter(
        content_type__app_label="articles", content_type__model__in=MODELS
    ) | Permission.objects.filter(
        content_type__app_label="articles",
        content_type__model__in=READ_ONLY_MODELS,
        codename__startswith="view_",
    )
    group.permissions.add(*permissions)


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0003_revisions_updates_focal_point"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_role, migrations.RunPython.noop)]
