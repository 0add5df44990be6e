from decimal import Decimal

from django.conf import settings
from django.template import Context, Template
from django.test import SimpleTestCase
from django.utils import translation

NBSP = "\xa0"


def render(source, **context):
    return Template("{% load numbers %}" + source).render(Context(context))


class GroupedTests(SimpleTestCase):
    def test_thousands_are_grouped_as_the_language_writes_them(self):
        for language, expected in (
            ("sv", f"12{NBSP}345 och 1{NBSP}234{NBSP}567"),
            ("en", "12,345 och 1,234,567"),
        ):
            with self.subTest(language=language), translation.override(language):
                self.assertEqual(
                    render("{{ a|grouped }} och {{ b|grouped }}", a=12_345, b=1_234_567), expected
                )

    def test_numbers_below_a_thousand_and_negative_ones(self):
        with translation.override("sv"):
            self.assertEqual(
                render("{{ a|grouped }} {{ b|grouped }}", a=999, b=-12_345), f"999 -12{NBSP}345"
            )

    def test_a_number_given_as_text_is_grouped_and_anything_else_is_left_alone(self):
        with translation.override("en"):
            self.assertEqual(render("{{ a|grouped }}", a="10000"), "10,000")
            self.assertEqual(render("{{ a|grouped }}", a=Decimal("10000")), "10,000")
            for value in (None, "", "tio", True, "1.5", [1]):
                with self.subTest(value=value):
                    self.assertEqual(render("{{ a|grouped }}", a=value), render("{{ a }}", a=value))

    def test_the_site_wide_setting_is_left_off(self):
        # Years, IDs and numbers in addresses stay as they are everywhere else.
        self.assertFalse(settings.USE_THOUSAND_SEPARATOR)
        with translation.override("sv"):
            self.assertEqual(render("{{ a }}", a=2025_0615), "20250615")
