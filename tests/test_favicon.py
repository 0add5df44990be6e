from django.contrib.auth.models import User
from django.templatetags.static import static
from django.test import TestCase
from django.urls import reverse

LOGO = static("img/logo.png")


class FaviconTests(TestCase):
    def test_favicon_ico_redirects_permanently_to_the_png_logo(self):
        # Browsers and feed readers ask for /favicon.ico whatever the page links.
        response = self.client.get("/favicon.ico")
        self.assertRedirects(response, LOGO, status_code=301, fetch_redirect_response=False)

    def test_admin_pages_link_the_png_logo_as_their_icon(self):
        icon = f'<link rel="icon" href="{LOGO}" type="image/png">'
        self.assertContains(self.client.get(reverse("admin:login")), icon, count=1, html=True)
        user = User.objects.create_superuser("webbansvarig", password="x")
        self.client.force_login(user)
        for url in (
            reverse("admin:index"),
            reverse("admin:articles_article_changelist"),
            reverse("admin:articles_article_add"),
        ):
            with self.subTest(url=url):
                self.assertContains(self.client.get(url), icon, count=1, html=True)
