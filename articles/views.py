from django.conf import settings
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import get_language, override
from django.views.generic import DetailView, ListView

from .models import Article, Language, Section


class PublishedArticlesMixin:
    """The reader-facing policy: published articles in the page's language, ready for cards."""

    def get_queryset(self):
        return Article.objects.published().in_language(get_language()).for_listing()


class FrontPageView(PublishedArticlesMixin, ListView):
    template_name = "articles/front_page.html"
    context_object_name = "articles"
    # One lead story and a fixed number of the latest after it, whatever the archive's size.
    front_page_size = 13

    def get_queryset(self):
        return super().get_queryset()[: self.front_page_size]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        articles = list(context["articles"])
        context["lead_article"] = articles[0] if articles else None
        context["latest_articles"] = articles[1:]
        return context


class SectionView(PublishedArticlesMixin, ListView):
    template_name = "articles/section.html"
    context_object_name = "articles"
    paginate_by = 12

    def get_queryset(self):
        self.section = get_object_or_404(Section, slug=self.kwargs["slug"])
        return super().get_queryset().filter(section=self.section)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            section=self.section, current_section=self.section, **kwargs
        )


class ArticleDetailView(PublishedArticlesMixin, DetailView):
    context_object_name = "article"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        translation = self.object.translations_queryset().published().first()
        context["translation"] = translation
        if translation is not None:
            context["alternate_url"] = translation.get_absolute_url()
        else:
            # No version in the other language: the switcher leads to its front page.
            with override(Language.other_than(self.object.language)):
                context["alternate_url"] = reverse("articles:front")
        return context


def site_root(request):
    """The bare address opens the front page in the site's first language (Swedish)."""
    with override(settings.LANGUAGE_CODE):
        return redirect("articles:front")
