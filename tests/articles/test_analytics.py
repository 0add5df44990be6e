import json
import uuid

from django.test import TestCase
from django.urls import reverse

from articles.models import Article, ArticleViewDay
from consent.texts import current_digest
from tests.factories import make_article

COLLECT_URL = "/analytics/collect/"


class CollectPageViewTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.article = make_article()

    def accept(self):
        self.client.post(
            "/sv/samtycke/", {"choice": "accept", "source": "banner", "banner": current_digest()}
        )

    def beacon(self, body=None, **headers):
        payload = json.dumps({"article": self.article.pk}) if body is None else body
        return self.client.post(
            COLLECT_URL, payload, content_type="application/json", headers=headers
        )

    def test_nothing_is_counted_without_consent(self):
        self.assertEqual(self.beacon().status_code, 403)
        self.assertFalse(ArticleViewDay.objects.exists())

    def test_nothing_is_counted_after_declining(self):
        self.client.post(
            "/sv/samtycke/", {"choice": "decline", "source": "banner", "banner": current_digest()}
        )
        self.assertEqual(self.beacon().status_code, 403)
        self.assertFalse(ArticleViewDay.objects.exists())

    def test_views_and_visitors_are_counted_per_article_and_day(self):
        self.accept()
        self.client.cookies["nr_analytics"] = str(uuid.uuid4())
        self.assertEqual(self.beacon().status_code, 204)
        self.assertEqual(self.beacon().status_code, 204)
        day = ArticleViewDay.objects.get()
        self.assertEqual((day.article, day.views, day.visitors), (self.article, 2, 1))
        self.client.cookies["nr_analytics"] = str(uuid.uuid4())
        self.beacon()
        day.refresh_from_db()
        self.assertEqual((day.views, day.visitors), (3, 2))

    def test_unpublished_or_unknown_articles_are_refused(self):
        self.accept()
        draft = make_article(status=Article.Status.DRAFT)
        for body in (json.dumps({"article": draft.pk}), json.dumps({"article": 10**9})):
            self.assertEqual(self.beacon(body).status_code, 400)
        self.assertFalse(ArticleViewDay.objects.exists())

    def test_malformed_beacons_get_a_400(self):
        self.accept()
        for body in ("", "not json", "[]", '{"article": "x"}', '{"article": 1e999}', "{}"):
            with self.subTest(body=body):
                self.assertEqual(self.beacon(body).status_code, 400)

    def test_article_ids_must_be_json_integers_or_ascii_digit_strings(self):
        self.accept()
        # Published articles where int() would take true, "1_0" and 2.7.
        for pk in (1, 2, 10):
            if not Article.objects.filter(pk=pk).exists():
                make_article(pk=pk)
        pk = self.article.pk
        refused = (
            "true",
            "false",
            '"1_0"',
            f'"{"_".join(str(pk).zfill(2))}"',
            "2.7",
            f"{pk}.0",
            f"{pk}.7",
            f'"{pk}.0"',
            f'" {pk}"',
            f'"+{pk}"',
            f'"-{pk}"',
            f"-{pk}",
            "0",
            '""',
            '"\u0661"',  # ARABIC-INDIC DIGIT ONE: a digit to str.isdigit(), not to us
            str(2**63),
            f'"{2**63}"',
            "1" * 400,
            "null",
            "[1]",
        )
        for value in refused:
            with self.subTest(article=value):
                response = self.beacon(f'{{"article": {value}}}')
                self.assertEqual(response.status_code, 400)
        self.assertFalse(ArticleViewDay.objects.exists())
        for value in (str(pk), f'"{pk}"'):
            with self.subTest(article=value):
                self.assertEqual(self.beacon(f'{{"article": {value}}}').status_code, 204)
        self.assertEqual(ArticleViewDay.objects.get().views, 2)

    def test_cross_site_beacons_are_refused(self):
        self.accept()
        self.assertEqual(self.beacon(**{"Sec-Fetch-Site": "cross-site"}).status_code, 403)

    def test_only_post_is_allowed(self):
        self.assertEqual(self.client.get(COLLECT_URL).status_code, 405)

    def test_article_page_names_its_article_for_the_beacon(self):
        response = self.client.get(self.article.get_absolute_url())
        self.assertContains(response, f'data-article-id="{self.article.pk}"')


class MostReadAdminTests(TestCase):
    def test_editors_see_the_most_read_articles_first(self):
        from django.contrib.auth.models import Permission, User

        editor = User.objects.create_user("redaktor", is_staff=True)
        editor.user_permissions.set(Permission.objects.filter(content_type__app_label="articles"))
        quiet, popular = make_article(headline="Lugn nyhet"), make_article(headline="Populär nyhet")
        from django.utils import timezone

        today = timezone.localdate()
        ArticleViewDay.objects.create(article=quiet, date=today, views=3, visitors=2)
        ArticleViewDay.objects.create(article=popular, date=today, views=40, visitors=30)
        self.client.force_login(editor)
        response = self.client.get(reverse("admin:articles_articleviewday_changelist"))
        content = response.content.decode()
        self.assertLess(content.index("Populär nyhet"), content.index("Lugn nyhet"))

    def test_the_list_is_titled_by_its_name(self):
        # Django's "Select daily page views to view" names the rows, and offers no choice.
        from django.contrib.auth.models import Permission, User

        editor = User.objects.create_user("redaktor", is_staff=True)
        editor.user_permissions.set(Permission.objects.filter(content_type__app_label="articles"))
        self.client.force_login(editor)
        url = reverse("admin:articles_articleviewday_changelist")
        for language, title in [("sv", "Mest lästa"), ("en", "Most read")]:
            with self.subTest(language=language):
                response = self.client.get(url, headers={"accept-language": language})
                self.assertContains(response, f"<title>{title} | Newsroom</title>", html=True)
                self.assertContains(response, f"<h1>{title}</h1>", html=True)
