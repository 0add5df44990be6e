"""The site's cookie groups and cookies, as data that privacy officers can edit in admin."""

from django.db import migrations

GROUPS = [
    {
        "varname": "necessary",
        "name": "Nödvändiga",
        "name_en": "Necessary",
        "description": "Cookies som behövs för att webbplatsen ska fungera och för att komma ihåg ditt val om cookies. De kräver inget samtycke.",
        "description_en": "Cookies the site needs in order to work and to remember your cookie choice. They need no consent.",
        "is_required": True,
        "is_deletable": False,
        "ordering": 0,
        "cookies": [
            ("nr_consent", "Kommer ihåg om du har accepterat eller avböjt analyscookies, och ditt samtyckes-ID.", "Remembers whether you accepted or declined analytics cookies, and your consent ID.", "12 månader", "12 months"),
            ("sessionid", "Håller redaktörer inloggade i publiceringsverktyget. Sätts inte för läsare.", "Keeps editors logged in to the publishing tool. Not set for readers.", "2 veckor", "2 weeks"),
            ("csrftoken", "Skyddar publiceringsverktygets formulär mot förfalskade anrop. Sätts inte för läsare.", "Protects the publishing tool's forms against forged requests. Not set for readers.", "1 år", "1 year"),
        ],
    },
    {
        "varname": "analytics",
        "name": "Analys",
        "name_en": "Analytics",
        "description": "Räknar hur många som läser varje artikel så att vi kan förbättra webbplatsen. Används bara om du accepterar.",
        "description_en": "Counts how many people read each article so that we can improve the site. Used only if you accept.",
        "is_required": False,
        "is_deletable": True,
        "ordering": 10,
        "cookies": [
            ("nr_analytics", "Ett slumpmässigt ID så att en läsare räknas en gång per artikel och dag.", "A random ID so that a reader is counted once per article and day.", "13 månader", "13 months"),
        ],
    },
]


def create_groups(apps, schema_editor):
    CookieGroup = apps.get_model("cookie_consent", "CookieGroup")
    Cookie = apps.get_model("cookie_consent", "Cookie")
    CookieGroupText = apps.get_model("consent", "CookieGroupText")
    CookieDetail = apps.get_model("consent", "CookieDetail")
    for data in GROUPS:
        group, _created = CookieGroup.objects.update_or_create(
            varname=data["varname"],
            defaults={
                key: data[key]
                for key in ("name", "description", "is_required", "is_deletable", "ordering")
            },
        )
        CookieGroupText.objects.update_or_create(
            group=group,
            defaults={"name_en": data["name_en"], "description_en": data["description_en"]},
        )
        for name, purpose, purpose_en, lifetime, lifetime_en in data["cookies"]:
            cookie, _created = Cookie.objects.update_or_create(
                cookiegroup=group, name=name, domain="", defaults={"description": purpose}
            )
            CookieDetail.objects.update_or_create(
                cookie=cookie,
                defaults={
                    "purpose_en": purpose_en,
                    "lifetime_sv": lifetime,
                    "lifetime_en": lifetime_en,
                    "first_party": True,
                },
            )


class Migration(migrations.Migration):
    dependencies = [
        ("consent", "0001_initial"),
        ("cookie_consent", "0004_cookie_natural_key"),
    ]

    operations = [migrations.RunPython(create_groups, migrations.RunPython.noop)]
