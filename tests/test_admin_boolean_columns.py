"""Django's own admins' yes/no columns say what they mean in the admin's language too."""

from django.contrib import admin
from django.contrib.auth.models import User
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.templatetags.static import static
from django.test import SimpleTestCase, TestCase
from django.urls import reverse


class UserListTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.admin = User.objects.create_superuser("admin", password="x")
        User.objects.create_user("lasare", password="x")

    def setUp(self):
        self.client.force_login(self.admin)

    def icon(self, icon, alt):
        src = static(f"admin/img/icon-{icon}.svg")
        return f'<td class="field-staff_status"><img src="{src}" alt="{alt}"></td>'

    def test_the_staff_column_is_named_in_swedish_and_in_english(self):
        for language, yes, no, heading in [
            ("sv", "Ja", "Nej", "Personalstatus"),
            ("en", "Yes", "No", "Staff status"),
        ]:
            with self.subTest(language=language):
                response = self.client.get(
                    reverse("admin:auth_user_changelist"), headers={"accept-language": language}
                )
                self.assertContains(response, self.icon("yes", yes), html=True)
                self.assertContains(response, self.icon("no", no), html=True)
                self.assertContains(response, heading)
                for alt in ('alt="True"', 'alt="False"', 'alt="None"'):
                    self.assertNotContains(response, alt)

    def test_the_staff_column_sorts_by_staff_status(self):
        # The fifth column, after username, email, first and last name.
        response = self.client.get(reverse("admin:auth_user_changelist"), {"o": "5"})
        self.assertEqual(
            [user.is_staff for user in response.context["cl"].result_list], [False, True]
        )


class ListDisplayTests(SimpleTestCase):
    def test_no_list_shows_a_yes_no_field_with_djangos_icon(self):
        # Django's icon is named "True" or "False" in every language: boolean_icon() names it.
        for model, model_admin in admin.site._registry.items():
            for name in model_admin.list_display:
                with self.subTest(model=model._meta.label, column=name):
                    if isinstance(name, str) and name in model_admin.list_editable:
                        continue
                    if isinstance(name, str):
                        try:
                            field = model._meta.get_field(name)
                        except FieldDoesNotExist:
                            field = None
                        self.assertNotIsInstance(field, models.BooleanField)
                        attr = getattr(model_admin, name, None) or getattr(model, name, None)
                    else:
                        attr = name
                    self.assertFalse(getattr(attr, "boolean", False))
