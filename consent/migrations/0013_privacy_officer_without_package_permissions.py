from django.db import migrations


def privacy_officers_lose_the_package_models(apps, schema_editor):
    """The "Privacy officer" role (0003) holds nothing on the package's models any more.

    Their admins are the proxies' (0012), which check the proxies' permissions; the role
    keeps those.
    """
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group = Group.objects.filter(name="Privacy officer").first()
    if group is not None:
        group.permissions.remove(
            *Permission.objects.filter(content_type__app_label="cookie_consent")
        )


class Migration(migrations.Migration):
    dependencies = [("consent", "0012_cookie_proxies_access_log_entries")]

    operations = [
        migrations.RunPython(privacy_officers_lose_the_package_models, migrations.RunPython.noop)
    ]
