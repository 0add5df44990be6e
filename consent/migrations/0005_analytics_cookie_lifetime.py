"""nr_analytics lasts no longer than the consent it needs: 12 months, not 13."""

from django.db import migrations

OLD = ("13 månader", "13 months")
NEW = ("12 månader", "12 months")


def lifetime_set(apps, *, before, after):
    CookieDetail = apps.get_model("consent", "CookieDetail")
    analytics = CookieDetail.objects.filter(cookie__name="nr_analytics")
    # Only the texts 0002 wrote: a privacy officer's own wording is theirs to change.
    analytics.filter(lifetime_sv=before[0]).update(lifetime_sv=after[0])
    analytics.filter(lifetime_en=before[1]).update(lifetime_en=after[1])


def shorten(apps, schema_editor):
    lifetime_set(apps, before=OLD, after=NEW)


def lengthen(apps, schema_editor):
    lifetime_set(apps, before=NEW, after=OLD)


class Migration(migrations.Migration):
    dependencies = [("consent", "0004_consent_state_cookie")]

    operations = [migrations.RunPython(shorten, lengthen)]
