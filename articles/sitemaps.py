"""Sitemaps for search engines: front pages, sections, authors, articles per language and Google
News."""

import re
from datetime import timedelta

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps import views as sitemap_views
from django.db.models import Exists, Max, OuterRef, Q
from django.db.models.functions import Greatest
from django.http import Http404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property

from newsroom.cache import reads_query_parameters
from newsroom.methods import require_safe
from newsroom.xmltext import xml_text

from .models import Article, Author, Section

# A sitemap page's number as the index writes it. The paginator reads "02", " 2" and "+2" as
# page 2 too: each would be a copy the page cache keeps at an address of its own.
PAGE_NUMBER = re.compile(r"[1-9][0-9]*")

# Google News reads articles of the last two days, at most 1,000 per sitemap.
NEWS_WINDOW = timedelta(hours=48)
NEWS_LIMIT = 1000


class RequestSitemap(Sitemap):
    """A sitemap whose addresses use the request's scheme and host, like the pages' own links."""

    template_name = "sitemaps/sitemap.xml"

    def __init__(self, request):
        self.request = request

    def get_protocol(self, protocol=None):
        return self.request.scheme

    def get_domain(self, site=None):
        return self.request.get_host()


def with_x_default(urls):
    """Add the Swedish version, the site's first language, as each address's x-default."""
    for url in urls:
        for alternate in list(url["alternates"]):
            if alternate["lang_code"] == settings.LANGUAGE_CODE:
                url["alternates"].append(
                    {"lang_code": "x-default", "location": alternate["location"]}
                )
    return urls


class FrontPageSitemap(RequestSitemap):
    """The front page in each language, and the list of all news in each language it has
    published articles in (an empty list is not for search engines: noindex)."""

    i18n = True
    alternates = True
    changefreq = "hourly"

    def items(self):
        return ["articles:front", "articles:all_news"]

    def location(self, url_name):
        return reverse(url_name)

    def get_languages_for_item(self, url_name):
        if url_name == "articles:all_news":
            return self.published_languages
        return super().get_languages_for_item(url_name)

    @cached_property
    def published_languages(self):
        # One query, each language a look-up in the index rather than a count of its articles;
        # asked of any one row: with no article at all, no language has one published.
        published = Article.objects.published()
        found = Article.objects.order_by().values(
            **{code: Exists(published.in_language(code)) for code, _name in settings.LANGUAGES}
        )[:1]
        row = next(iter(found), {})
        return [code for code, _name in settings.LANGUAGES if row.get(code)]

    def get_urls(self, *args, **kwargs):
        return with_x_default(super().get_urls(*args, **kwargs))


class SectionSitemap(RequestSitemap):
    """Every section's page in each language it has published articles in.

    A section's page in a language without its articles only points to the other one, and is
    not for search engines (noindex): neither it nor a section with nothing published is listed.
    """

    i18n = True
    alternates = True
    changefreq = "hourly"

    def items(self):
        published = Q(
            *((f"published_in_{code}", True) for code, _name in settings.LANGUAGES),
            _connector=Q.OR,
        )
        return (
            Section.objects.with_published_languages()
            .filter(published)
            .order_by("position", "slug")
        )

    def get_languages_for_item(self, section):
        return section.published_languages

    def get_urls(self, *args, **kwargs):
        return with_x_default(super().get_urls(*args, **kwargs))


class AuthorSitemap(RequestSitemap):
    """Every author's page in each language they have published articles in.

    An author's page in a language without their articles only points to the other one, and an
    author with nothing published has no page: neither is listed.
    """

    i18n = True
    alternates = True
    changefreq = "daily"

    def items(self):
        published = Article.objects.published().filter(authors=OuterRef("pk"))
        writes = {
            f"writes_{code}": Exists(published.in_language(code))
            for code, _name in settings.LANGUAGES
        }
        return (
            Author.objects.annotate(**writes)
            .filter(Q(*((name, True) for name in writes), _connector=Q.OR))
            .order_by("slug")
            .only("slug")
        )

    def get_languages_for_item(self, author):
        return [code for code, _name in settings.LANGUAGES if getattr(author, f"writes_{code}")]

    def get_urls(self, *args, **kwargs):
        return with_x_default(super().get_urls(*args, **kwargs))


class PublishedArticleSitemap(RequestSitemap):
    """Published articles, each with the time its page last changed."""

    def articles(self):
        return Article.objects.published()

    def items(self):
        return self.articles().only("language", "slug", "published_at", "updated_at")

    def lastmod(self, article):
        return max(article.published_at, article.updated_at)

    def get_latest_lastmod(self):
        latest = Greatest("published_at", "updated_at")
        return self.articles().aggregate(latest=Max(latest))["latest"]


class ArticleSitemap(PublishedArticleSitemap):
    """One language's published articles, each linked to its published translation."""

    # Well under the protocol's 50,000 addresses: pages stay quick to make and small.
    limit = 10_000

    def __init__(self, request, *, language):
        super().__init__(request)
        self.language = language

    def articles(self):
        return super().articles().in_language(self.language)

    def items(self):
        # Oldest first, so earlier pages of the sitemap stay the same as articles are added.
        return super().items().with_published_translation().order_by("published_at", "pk")

    def get_urls(self, *args, **kwargs):
        urls = super().get_urls(*args, **kwargs)
        for url in urls:
            article = url["item"]
            if article.translation_slug is None:
                continue
            slugs = {
                article.language: article.slug,
                article.translation_language: article.translation_slug,
            }
            url["alternates"] = [
                {
                    "lang_code": code,
                    "location": self.request.build_absolute_uri(Article.url_for(code, slugs[code])),
                }
                for code, _name in settings.LANGUAGES
                if code in slugs
            ]
        return with_x_default(urls)


class NewsSitemap(PublishedArticleSitemap):
    """Articles of the last 48 hours, in both languages, in the Google News format."""

    template_name = "sitemaps/news.xml"
    limit = NEWS_LIMIT

    def articles(self):
        since = timezone.now() - NEWS_WINDOW
        return super().articles().filter(published_at__gte=since)

    def items(self):
        return (
            self.articles()
            .only("language", "slug", "headline", "published_at", "updated_at")
            .order_by("-published_at", "-pk")
        )

    def get_urls(self, *args, **kwargs):
        urls = super().get_urls(*args, **kwargs)
        for url in urls:
            url["title"] = xml_text(url["item"].headline)
        return urls


def sitemaps_for(request):
    """Every sitemap of the site, by the name in its address (sitemap-<name>.xml)."""
    articles = {
        f"articles-{code}": ArticleSitemap(request, language=code)
        for code, _name in settings.LANGUAGES
    }
    return {
        "pages": FrontPageSitemap(request),
        "sections": SectionSitemap(request),
        "authors": AuthorSitemap(request),
        **articles,
        "news": NewsSitemap(request),
    }


@require_safe
@reads_query_parameters()
@sitemap_views.x_robots_tag
def index(request):
    """The sitemap index: every sitemap and each of its pages, on the request's host."""
    entries = []
    for name, sitemap in sitemaps_for(request).items():
        location = request.build_absolute_uri(reverse("sitemap", kwargs={"section": name}))
        lastmod = sitemap.get_latest_lastmod()
        entries.append(sitemap_views.SitemapIndexItem(location, lastmod))
        entries.extend(
            sitemap_views.SitemapIndexItem(f"{location}?p={page}", lastmod)
            for page in range(2, sitemap.paginator.num_pages + 1)
        )
    return TemplateResponse(
        request, "sitemap_index.xml", {"sitemaps": entries}, content_type="application/xml"
    )


@require_safe
@reads_query_parameters("p")
def sitemap(request, section):
    """One sitemap, or one page of it (?p=2), through contrib's view."""
    sitemaps = sitemaps_for(request)
    if section not in sitemaps:
        raise Http404("No such sitemap.")
    if "p" in request.GET and not PAGE_NUMBER.fullmatch(request.GET["p"]):
        raise Http404("No such page.")
    response = sitemap_views.sitemap(
        request, sitemaps=sitemaps, section=section, template_name=sitemaps[section].template_name
    )
    # Django dates a sitemap by its newest lastmod, which an unpublished article or a removed
    # alternate does not change: a crawler asking If-Modified-Since would keep listing it. The
    # ETag (ConditionalGetMiddleware, from the content) changes whenever the sitemap does.
    if "Last-Modified" in response.headers:
        del response.headers["Last-Modified"]
    return response
