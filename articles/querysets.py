from django.db import models
from django.utils import timezone


class ArticleQuerySet(models.QuerySet):
    def published(self):
        """Articles readers may see: published status and a publication time in the past."""
        return self.filter(status=self.model.Status.PUBLISHED, published_at__lte=timezone.now())

    def in_language(self, language):
        return self.filter(language=language)

    def for_listing(self):
        """What cards need, in a fixed number of queries whatever the number of articles."""
        return self.select_related("section", "lead_image").prefetch_related(
            "authors", "lead_image__renditions"
        )
