from datetime import timedelta

import time_machine
from django.test import TestCase
from django.utils import timezone

from articles.models import Article
from tests.factories import make_article, make_section


class PublishedTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.section = make_section()

    def test_published_article_with_past_time_is_visible(self):
        article = make_article(section=self.section)
        self.assertQuerySetEqual(Article.objects.published(), [article])

    def test_draft_is_hidden_even_with_past_publication_time(self):
        make_article(section=self.section, status=Article.Status.DRAFT)
        self.assertFalse(Article.objects.published().exists())

    def test_draft_without_publication_time_is_hidden(self):
        make_article(section=self.section, status=Article.Status.DRAFT, published_at=None)
        self.assertFalse(Article.objects.published().exists())

    def test_scheduled_article_is_hidden_until_its_publication_time(self):
        at = timezone.now() + timedelta(days=2)
        article = make_article(section=self.section, published_at=at)
        self.assertFalse(Article.objects.published().exists())
        with time_machine.travel(at - timedelta(seconds=1)):
            self.assertFalse(Article.objects.published().exists())
        with time_machine.travel(at + timedelta(seconds=1)):
            self.assertQuerySetEqual(Article.objects.published(), [article])

    def test_in_language_keeps_one_language(self):
        swedish = make_article(section=self.section, language="sv")
        make_article(section=self.section, language="en")
        self.assertQuerySetEqual(Article.objects.published().in_language("sv"), [swedish])
