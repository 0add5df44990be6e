"""Direction controls, invisible characters and HTML tags are refused in the cookie texts readers
see."""

from cookie_consent.models import Cookie, CookieGroup
from django.core.exceptions import ValidationError
from django.test import TestCase
from django.urls import reverse

from consent.models import CookieDetail, CookieGroupText
from consent.texts import current_digest
from tests.consent.test_admin import make_privacy_officer

RLO = "\u202e"  # RIGHT-TO-LEFT OVERRIDE: reverses what follows it, to the end of the paragraph
ENGLISH = {"accept-language": "en"}


class CookieTextTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.officer = make_privacy_officer()
        cls.analytics = CookieGroup.objects.get(varname="analytics")
        cls.cookie = Cookie.objects.get(name="nr_analytics")

    def setUp(self):
        self.client.force_login(self.officer)

    def group_data(self, **changes):
        return {
            "varname": "analytics",
            "name": self.analytics.name,
            "description": self.analytics.description,
            "is_deletable": "on",
            "ordering": "10",
            "text-TOTAL_FORMS": "1",
            "text-INITIAL_FORMS": "1",
            "text-MIN_NUM_FORMS": "0",
            "text-MAX_NUM_FORMS": "1",
            "text-0-group": self.analytics.pk,
            "text-0-name_en": "Analytics",
            "text-0-description_en": "Counts readers.",
            **changes,
        }

    def cookie_data(self, **changes):
        return {
            "cookiegroup": self.analytics.pk,
            "name": "nr_analytics",
            "description": self.cookie.description,
            "path": "/",
            "domain": "",
            "detail-TOTAL_FORMS": "1",
            "detail-INITIAL_FORMS": "1",
            "detail-MIN_NUM_FORMS": "0",
            "detail-MAX_NUM_FORMS": "1",
            "detail-0-cookie": self.cookie.pk,
            "detail-0-purpose_en": "Counts readers.",
            "detail-0-lifetime_sv": "6 månader",
            "detail-0-lifetime_en": "6 months",
            "detail-0-first_party": "on",
            **changes,
        }

    def refused(self, url, data, field):
        response = self.client.post(url, data, headers=ENGLISH)
        self.assertEqual(response.status_code, 200)
        form = response.context["adminform"].form
        inline = response.context["inline_admin_formsets"][0].formset.forms[0]
        errors = inline.errors if field.startswith(("text-0-", "detail-0-")) else form.errors
        name = field.removeprefix("text-0-").removeprefix("detail-0-")
        self.assertIn(name, errors)
        self.assertIn("U+202E (right-to-left override)", str(errors[name]))
        # What was typed is kept, to be corrected.
        self.assertContains(response, RLO)
        return response

    def test_a_groups_texts_refuse_direction_controls(self):
        url = reverse("admin:consent_sitecookiegroup_change", args=[self.analytics.pk])
        digest = current_digest()
        for field in ("name", "description", "text-0-name_en", "text-0-description_en"):
            with self.subTest(field=field):
                self.refused(url, self.group_data(**{field: f"Analys {RLO}mätning"}), field)
        self.analytics.refresh_from_db()
        self.assertNotIn(RLO, self.analytics.name + self.analytics.description)
        self.assertNotIn(RLO, self.analytics.text.name_en + self.analytics.text.description_en)
        current_digest.cache_clear()
        self.assertEqual(current_digest(), digest)

    def test_a_cookies_texts_refuse_direction_controls(self):
        url = reverse("admin:consent_sitecookie_change", args=[self.cookie.pk])
        fields = (
            "name",
            "description",
            "domain",
            "detail-0-purpose_en",
            "detail-0-lifetime_sv",
            "detail-0-lifetime_en",
        )
        for field in fields:
            with self.subTest(field=field):
                self.refused(url, self.cookie_data(**{field: f"nr{RLO}analytics"}), field)
        self.cookie.refresh_from_db()
        self.assertEqual(self.cookie.name, "nr_analytics")
        self.assertNotIn(RLO, self.cookie.description + self.cookie.detail.purpose_en)

    def test_direction_marks_and_joiners_are_allowed(self):
        # Text in other scripts needs them; none can reverse or hide text.
        url = reverse("admin:consent_sitecookiegroup_change", args=[self.analytics.pk])
        description = "Räknar läsare (\u200fעברית\u200f) och emoji 👩\u200d💻."
        response = self.client.post(url, self.group_data(description=description))
        self.assertEqual(response.status_code, 302)
        self.analytics.refresh_from_db()
        self.assertEqual(self.analytics.description, description)

    def test_the_projects_own_cookie_texts_refuse_them_in_any_form(self):
        text = CookieGroupText(group=self.analytics, name_en=f"Ana{RLO}lytics")
        with self.assertRaises(ValidationError) as raised:
            text.full_clean(exclude=["group"])
        self.assertIn("name_en", raised.exception.message_dict)
        detail = CookieDetail(
            cookie=self.cookie, lifetime_sv="6 månader", lifetime_en="6\u200b months"
        )
        with self.assertRaises(ValidationError) as raised:
            detail.full_clean(exclude=["cookie"])
        self.assertIn("lifetime_en", raised.exception.message_dict)

    def refused_tag(self, url, data, field):
        response = self.client.post(url, data, headers=ENGLISH)
        self.assertEqual(response.status_code, 200)
        errors = response.context["adminform"].form.errors
        self.assertIn("This field is plain text", str(errors[field]))

    def test_a_groups_texts_refuse_a_tag(self):
        url = reverse("admin:consent_sitecookiegroup_change", args=[self.analytics.pk])
        for field in ("name", "description"):
            with self.subTest(field=field):
                self.refused_tag(url, self.group_data(**{field: "Analys <b>mätning</b>"}), field)
        name = self.analytics.name
        self.analytics.refresh_from_db()
        self.assertEqual(self.analytics.name, name)

    def test_a_cookies_texts_refuse_a_tag(self):
        url = reverse("admin:consent_sitecookie_change", args=[self.cookie.pk])
        for field in ("name", "description", "domain"):
            with self.subTest(field=field):
                self.refused_tag(url, self.cookie_data(**{field: "<b>nr</b>"}), field)
        self.cookie.refresh_from_db()
        self.assertEqual(self.cookie.name, "nr_analytics")
        self.assertNotIn("<b>", self.cookie.description)


class CookieHtmlTests(TestCase):
    """The cookie texts readers see in the privacy policy are plain text: a tag is refused."""

    @classmethod
    def setUpTestData(cls):
        cls.analytics = CookieGroup.objects.get(varname="analytics")
        cls.cookie = Cookie.objects.get(name="nr_analytics")

    def test_the_projects_own_cookie_texts_refuse_a_tag(self):
        for field in ("name_en", "description_en"):
            with self.subTest(field=field):
                text = CookieGroupText(
                    group=self.analytics, **{"name_en": "Analytics", field: "<b>Analytics</b>"}
                )
                with self.assertRaises(ValidationError) as raised:
                    text.full_clean(exclude=["group"])
                self.assertEqual(raised.exception.error_dict[field][0].code, "html_in_plain_text")
        for field in ("purpose_en", "lifetime_sv", "lifetime_en"):
            with self.subTest(field=field):
                detail = CookieDetail(
                    cookie=self.cookie,
                    **{"lifetime_sv": "6 månader", "lifetime_en": "6 months", field: "<i>6</i>"},
                )
                with self.assertRaises(ValidationError) as raised:
                    detail.full_clean(exclude=["cookie"])
                self.assertEqual(raised.exception.error_dict[field][0].code, "html_in_plain_text")
