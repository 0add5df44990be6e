"""The unsigned consent-state cookie that shared caches key pages on, in the cookie table."""

from django.db import migrations


def add_cookie(apps, schema_editor):
    CookieGroup = apps.get_model("cookie_consent", "CookieGroup")
    Cookie = apps.get_model("cookie_consent", "Cookie")
    CookieDetail = apps.get_model("consent", "CookieDetail")
    group = CookieGroup.objects.filter(varname="necessary").first()
    if group is None:
        return
    cookie, _created = Cookie.objects.update_or_create(
        cookiegroup=group,
        name="nr_consent_state",
        domain="",
        defaults={
            "description": "Kommer ihåg om du har accepterat eller avböjt analyscookies, så att "
            "rätt version av sidan kan visas snabbt."
        },
    )
    CookieDetail.objects.update_or_create(
        cookie=cookie,
        defaults={
            "purpose_en": "Remembers whether you accepted or declined analytics cookies, so that "
            "the right version of a page can be served quickly.",
            "lifetime_sv": "12 månader",
            "lifetime_en": "12 months",
            "first_party": True,
        },
    )


class Migration(migrations.Migration):
    dependencies = [("consent", "0003_privacy_officer_group")]

    operations = [migrations.RunPython(add_cookie, migrations.RunPython.noop)]
