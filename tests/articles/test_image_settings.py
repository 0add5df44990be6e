from django.core import checks
from django.test import SimpleTestCase, override_settings
from PIL import Image as PILImage


def image_setting_errors():
    """The start-up checks' errors about uploaded files, as Django runs them."""
    return [message.id for message in checks.run_checks(tags=[checks.Tags.files])]


class ImageSettingsCheckTests(SimpleTestCase):
    def test_the_default_settings_pass(self):
        self.assertEqual(image_setting_errors(), [])

    @override_settings(NEWSROOM_IMAGE_MAX_PIXELS=500_000)
    def test_a_pixel_limit_under_a_million_stops_the_start_up(self):
        # Editors are told the limit in millions of pixels: "at most 0 million" tells them nothing.
        self.assertEqual(image_setting_errors(), ["articles.E001"])

    @override_settings(NEWSROOM_IMAGE_MAX_PIXELS=PILImage.MAX_IMAGE_PIXELS + 1)
    def test_a_pixel_limit_above_pillows_own_stops_the_start_up(self):
        # Pillow refuses such pictures first, and the refusal would name a limit never applied.
        self.assertEqual(image_setting_errors(), ["articles.E001"])

    @override_settings(NEWSROOM_IMAGE_MAX_BYTES=0)
    def test_a_file_size_limit_that_refuses_every_file_stops_the_start_up(self):
        self.assertEqual(image_setting_errors(), ["articles.E002"])

    @override_settings(NEWSROOM_RENDITION_WIDTHS=[])
    def test_no_rendition_widths_stops_the_start_up(self):
        self.assertEqual(image_setting_errors(), ["articles.E003"])

    @override_settings(NEWSROOM_RENDITION_WIDTHS=[400, 0])
    def test_a_width_that_is_no_positive_number_stops_the_start_up(self):
        self.assertEqual(image_setting_errors(), ["articles.E003"])
