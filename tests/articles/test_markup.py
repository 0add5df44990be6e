from django.test import SimpleTestCase

from articles.markup import render_markdown


class RenderMarkdownTests(SimpleTestCase):
    def test_script_tags_are_escaped(self):
        html = render_markdown("Före <script>alert('x')</script> efter")
        self.assertNotIn("<script", html)
        self.assertIn("&lt;script&gt;", html)

    def test_event_handler_attributes_cannot_be_injected(self):
        html = render_markdown('<img src="x" onerror="alert(1)">\n\n<p onclick="x()">hej</p>')
        self.assertNotIn("<img", html)
        self.assertNotIn("<p onclick", html)
        self.assertIn("&lt;img", html)

    def test_javascript_links_are_not_rendered_as_links(self):
        html = render_markdown("[klicka](javascript:alert(1))")
        self.assertNotIn("href", html)

    def test_paragraphs_subheadings_links_lists_and_quotes(self):
        html = render_markdown(
            "Ett stycke.\n\n## Rubrik\n\n- ett\n- två\n\n> Ett citat\n\n[Riksdagen](https://www.riksdagen.se)"
        )
        self.assertInHTML("<p>Ett stycke.</p>", html)
        self.assertInHTML("<h2>Rubrik</h2>", html)
        self.assertInHTML("<ul><li>ett</li><li>två</li></ul>", html)
        self.assertInHTML("<blockquote><p>Ett citat</p></blockquote>", html)
        self.assertInHTML('<a href="https://www.riksdagen.se">Riksdagen</a>', html)

    def test_an_indented_paragraph_is_a_paragraph_not_code(self):
        # Text pasted from an e-mail is often indented: it is prose, and "quotes" in it are typeset.
        html = render_markdown('Före.\n\n    Inklistrat "stycke" med indrag.', language="sv")
        self.assertInHTML("<p>Inklistrat ”stycke” med indrag.</p>", html)
        self.assertNotIn("<pre", html)

    def test_a_top_level_heading_becomes_a_subheading(self):
        self.assertInHTML("<h2>Rubrik</h2>", render_markdown("# Rubrik"))

    def test_images_in_the_text_are_not_loaded_from_other_hosts(self):
        self.assertNotIn("<img", render_markdown("![bild](https://tracker.example/pixel.png)"))

    def test_quotes_follow_the_language(self):
        self.assertIn("”citat”", render_markdown('"citat"', language="sv"))
        self.assertIn("“quote”", render_markdown('"quote"', language="en"))
