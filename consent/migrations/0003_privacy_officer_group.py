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
    ("cookie_consent", "view_cookiegroup"),
    ("cookie_consent", "change_cookiegroup"),
    ("cookie_consent", "view_cookie"),
    ("cookie_consent", "change_cookie"),
    ("cookie_consent", "add_cookie"),
]


def create_role(apps, schema_editor):
    # Permissions are normally made after all migrations; make them now for this role.
    for app_label in ("consent", "cookie_consent"):
        create_permissions(global_apps.get_app_config(app_label), verbosity=0)
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
