"""The "Privacy officer" role: consent data only, nothing of the articles, no users."""

from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions
from django.db import migrations

PERMISSIONS = [
    ("consent", "view_consentrecord"),
    ("consent", "view_bannerversion"),
    ("consent", "view_cookiegrouptext"),
    ("consent", "change_cookiegrouptext"),
    ("consent", "add_cookiegrouptext"),
    ("consent", "view_cookiedetail"),
    ("consent", "change_cookiedetail"),
    ("consent", "add_cookiedetail"),
]
# The cookie groups and cookies themselves: their admins check their proxies' permissions, given
# with the proxies (0012). Those on the package's own models, which this gave at first, no admin
# page uses: 0013 takes them back from the databases that have them.


def create_role(apps, schema_editor):
    # Permissions are normally made after all migrations; make them now for this role.
    create_permissions(global_apps.get_app_config("consent"), verbosity=0)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _created = Group.objects.get_or_create(name="Privacy officer")
    for app_label, codename in PERMISSIONS:
        group.permissions.add(
            Permission.objects.get(content_type__app_label=app_label, codename=codename)
        )


class Migration(migrations.Migration):
    dependencies = [
        ("consent", "0002_cookie_groups"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_role, migrations.RunPython.noop)]
