import json
import re
import unicodedata

from django.conf import settings
from django.contrib.redirects.models import Redirect
from django.db import connection
from django.db.models import Case, Exists, Q, Subquery, When
from django.db.models.functions import Length, Substr
from django.http import Http404, HttpResponse, HttpResponseBadRequest, HttpResponseForbidden
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.utils.http import urlencode
from django.utils.translation import get_language, override
from django.views.decorators.csrf import csrf_exempt
from django.views.generic import DetailView, ListView

from consent.security import is_same_origin
from consent.services import consent_state
from newsroom.cache import reads_query_parameters
from newsroom.languages import in_each_language, language_versions, other_front_page
from newsroom.methods import require_POST, require_safe

from .models import Article, Author, Language, Section
from .querysets import is_too_common, search_terms
from .services import page_view_count
from .structured_data import news_article

ARTICLE_ID = re.compile(r"[0-9]{1,20}")
VISITOR_ID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
# Bidirectional classes of right-to-left letters (Hebrew, Arabic, Thaana...) and Arabic digits.
RIGHT_TO_LEFT = {"R", "AL", "AN"}


class PublishedArticlesMixin:
    """The reader-facing policy: published articles in the page's language, ready for cards."""

    def get_queryset(self):
        return Article.objects.published().in_language(get_language()).for_listing()


class FirstPageAddressMixin:
    """Each page of a list has one address: the first without "page", the others with their
    number in digits. Asked for as ?page=1, a number written another way or ?page=last, it
    redirects."""

    # The page number is the only query parameter a list reads (newsroom.cache): asked for with
    # another of the site's (?q=), it is served the copy of the address without it.
    page_parameters = frozenset({"page"})

    def get(self, request, *args, **kwargs):
        asked = request.GET.get(self.page_kwarg)
        if asked == "last" and (last := self.last_page_number()):
            # The paginator reads it as the last page: one more copy of that page. Which page is
            # last changes as articles are published, so the redirect is not permanent.
            return self.redirect_keeping_query(request.path, page=last, permanent=False)
        if asked is not None and asked != self.page_address_number(asked):
            # The paginator reads "", "02", " 2", "+2" and "２" as pages too: each would be a
            # copy the page cache keeps at an address of its own, one per leading zero.
            return self.redirect_keeping_query(request.path)
        return super().get(request, *args, **kwargs)

    def last_page_number(self):
        """The number of the list's last page; None for an empty list, which is answered as
        it is at its own address (an author's with nothing published is not found)."""
        queryset = self.get_queryset()
        paginator = self.get_paginator(
            queryset,
            self.get_paginate_by(queryset),
            orphans=self.get_paginate_orphans(),
            allow_empty_first_page=self.get_allow_empty(),
        )
        return paginator.num_pages if paginator.count else None

    @staticmethod
    def page_address_number(asked):
        """The page number as its address writes it ("2"; None for page 1), or `asked` itself
        when it is no page number (404s: "0", "abc"; "last", which the paginator reads)."""
        try:
            number = int(asked) if asked else 1
        except ValueError:
            return asked
        if number < 1:
            return asked
        return str(number) if number > 1 else None

    def redirect_keeping_query(self, path, *, page=None, permanent=True):
        """A redirect to one of the site's own paths with this request's query (its page number
        `page` if given), the page number as its address writes it; re-encoded from the parsed
        parameters, not copied from the raw query string."""
        query = self.request.GET.copy()
        if page is not None:
            query[self.page_kwarg] = str(page)
        if self.page_kwarg in query:
            number = self.page_address_number(query[self.page_kwarg])
            if number is None:
                del query[self.page_kwarg]
            else:
                query[self.page_kwarg] = number
        return redirect(f"{path}?{query.urlencode()}" if query else path, permanent=permanent)


class FrontPageView(PublishedArticlesMixin, ListView):
    template_name = "articles/front_page.html"
    context_object_name = "articles"
    # No query parameter: one copy, whatever the address adds (newsroom.cache).
    page_parameters = frozenset()
    # One lead story and a fixed number of the latest after it, whatever the archive's size.
    front_page_size = 13

    def get_queryset(self):
        # One more than the page shows, in the same query: whether there are older ones.
        return super().get_queryset()[: self.front_page_size + 1]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        articles = list(context["articles"])
        context["lead_article"] = articles[0] if articles else None
        context["latest_articles"] = articles[1 : self.front_page_size]
        context["has_older_articles"] = len(articles) > self.front_page_size
        context.update(language_versions(self.request, in_each_language("articles:front")))
        return context


class AllNewsView(FirstPageAddressMixin, PublishedArticlesMixin, ListView):
    """Every published article in the page's language, newest first: the way past the front page."""

    template_name = "articles/all_news.html"
    context_object_name = "articles"
    paginate_by = 12

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        number = context["page_obj"].number
        if number > 1:
            # Each page of the list is its own page; the other language's page 2 is no
            # counterpart of ours (no hreflang), and the switcher leads to its first page.
            path = f"{self.request.path}?{urlencode({'page': number})}"
            context["canonical_url"] = self.request.build_absolute_uri(path)
        elif context["paginator"].count:
            # The other language's list is a version of this one if it has articles to read;
            # an empty one is noindex, no page to name in hreflang. An empty list names none.
            other = Language.other_than(get_language())
            urls = in_each_language("articles:all_news")
            switcher_url = urls[other]
            if not Article.objects.published().in_language(other).exists():
                del urls[other]
            context.update(language_versions(self.request, urls))
            context["alternate_url"] = switcher_url
        return context


def section_at_address_or_404(slug, sections=Section.objects):
    """The section a section address in the page's language names, and whether the address is
    its own (else it is the other language's: the page redirects); Http404 for no section."""
    try:
        return sections.at_address(slug, language=get_language())
    except Section.DoesNotExist:
        raise Http404("No such section.") from None


class SectionView(FirstPageAddressMixin, PublishedArticlesMixin, ListView):
    template_name = "articles/section.html"
    context_object_name = "articles"
    paginate_by = 12

    def get(self, request, *args, **kwargs):
        # The languages it has articles in come with the section, in the same query.
        sections = Section.objects.with_published_languages()
        self.section, current = section_at_address_or_404(kwargs["slug"], sections)
        if not current:
            # An old English address (the Swedish slug), or one whose language was switched.
            return self.redirect_keeping_query(self.section.get_absolute_url())
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        return super().get_queryset().filter(section=self.section)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(
            section=self.section, current_section=self.section, **kwargs
        )
        number = context["page_obj"].number
        language = get_language()
        other = Language.other_than(language)
        # The section's pages with articles to read are its versions (hreflang, the switcher);
        # a page with none only points to the other one. This page's own count decides for it.
        has_articles = {
            language: context["paginator"].count > 0,
            other: other in self.section.published_languages,
        }
        urls = {
            code: self.section.url_in(code)
            for code, _name in settings.LANGUAGES
            if has_articles[code]
        }
        if number > 1:
            # Each page of the list is its own page to search engines; the other language's
            # page 2 is no counterpart of ours (or does not exist).
            path = f"{self.request.path}?{urlencode({'page': number})}"
            context["canonical_url"] = self.request.build_absolute_uri(path)
        elif has_articles[language]:
            context.update(language_versions(self.request, urls))
        # The switcher leads to the other language's first page, or to its front page when the
        # section has nothing to read there.
        context["alternate_url"] = urls.get(other) or other_front_page()
        if not has_articles[language] and has_articles[other]:
            # Nothing to read in this language: the reader is told where there is something.
            context["section_elsewhere"] = {
                "language": other,
                "name": self.section.name_in(other),
                "url": urls[other],
            }
        return context


class AuthorView(FirstPageAddressMixin, PublishedArticlesMixin, ListView):
    """An author's published articles in the page's language, newest first.

    Bylines link here. An author with nothing published in either language has no page: a
    byline still under embargo must not be found by guessing its address.
    """

    template_name = "articles/author.html"
    context_object_name = "articles"
    paginate_by = 12

    def get_queryset(self):
        self.author = get_object_or_404(Author, slug=self.kwargs["slug"])
        return super().get_queryset().filter(authors=self.author)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(author=self.author, **kwargs)
        page = context["page_obj"]
        # The languages the author has published in: their pages in those languages are the
        # page's versions (hreflang, the switcher); the others only point elsewhere.
        written_in = set(
            Article.objects.published()
            .filter(authors=self.author)
            .order_by()
            .values_list("language", flat=True)
            .distinct()
        )
        if not written_in:
            raise Http404
        urls = {
            code: url
            for code, url in in_each_language("articles:author", slug=self.author.slug).items()
            if code in written_in
        }
        if page.number > 1:
            path = f"{self.request.path}?{urlencode({'page': page.number})}"
            context["canonical_url"] = self.request.build_absolute_uri(path)
        elif page.object_list:
            context.update(language_versions(self.request, urls))
        # Nothing of theirs in this language: the page says so and leads to the other one.
        other = Language.other_than(get_language())
        context["alternate_url"] = urls.get(other) or other_front_page()
        return context


class ArticleDetailView(DetailView):
    """An article page; staff may preview drafts and scheduled articles at the same address."""

    context_object_name = "article"
    preview = False
    # No query parameter: ?q=<anything> is served the article's one copy (newsroom.cache).
    page_parameters = frozenset()

    def can_preview(self):
        user = self.request.user
        return user.is_staff and user.has_perm("articles.view_article")

    def get_queryset(self, articles=Article.objects):
        # One article, not a list: its section and lead image joined in (the image carries its
        # renditions' index); its byline is a small query of its own, cheaper than a prefetch.
        return (
            articles.in_language(get_language())
            .select_related("section", "lead_image")
            # The page shows the body as rendered when it was saved, not its Markdown.
            .defer("body", "search_vector")
        )

    def get(self, request, *args, **kwargs):
        try:
            self.object = self.get_object()
        except Http404:
            # A slug of the other language's (an edited prefix, a mixed link): the reader is
            # sent to the story, in this page's language if it has a version in it. The page
            # itself asks no more for it: the look-up is made for addresses it did not find.
            if address := article_address_in_other_language(
                kwargs["slug"], path=request.get_full_path()
            ):
                return redirect(address)
            raise
        context = self.get_context_data(object=self.object)
        return self.render_to_response(context)

    def get_object(self, queryset=None):
        try:
            return super().get_object(self.get_queryset(Article.objects.published()))
        except Http404:
            if not self.can_preview():
                raise
        article = super().get_object(self.get_queryset())
        self.preview = True
        return article

    def render_to_response(self, context, **response_kwargs):
        response = super().render_to_response(context, **response_kwargs)
        if self.preview:
            # A preview must never be kept by any cache, nor found by a search engine.
            add_never_cache_headers(response)
            response["X-Robots-Tag"] = "noindex, nofollow"
        return response

    def get_context_data(self, **kwargs):
        article = self.object
        context = super().get_context_data(
            preview=self.preview, current_section=article.section, **kwargs
        )
        if not self.preview:
            # Nothing unpublished is described to search engines: previews get no structured data.
            context["structured_data"] = news_article(article, request=self.request)
        if translation := article.other_language_version():
            language, slug = translation
            url = Article.url_for(language, slug)
            context["translation"] = {"language": language, "url": url}
            urls = {article.language: article.get_absolute_url(), language: url}
            context.update(language_versions(self.request, urls))
        else:
            # No version in the other language: the switcher leads to its front page.
            context["alternate_url"] = other_front_page()
        return context


def article_address_in_other_language(slug, *, path):
    """Where a published article of the other language, asked for under this language's prefix,
    is read: at its published version in this language, else at its own address; or None.

    The slug may be its current one or a former one there (a link to its old address, the
    prefix edited): a rename leaves a redirect from the old address, which names the new slug.
    None too when `path` is a renamed article's former address: RedirectsMiddleware leads
    there to the article that had it. All in one query, as the middleware's own.
    """
    language = get_language()
    redirects = Redirect.objects.filter(site_id=settings.SITE_ID)
    former_address = redirects.filter(old_path=path)
    asked = Q(slug=slug)
    for other in Language.values:
        if other != language:
            renamed_to = slug_renamed_from(slug, language=other, redirects=redirects)
            asked |= Q(language=other, slug=Subquery(renamed_to))
    found = (
        Article.objects.published()
        .exclude(language=language)
        .filter(asked)
        .with_published_translation()
        .annotate(renamed=Exists(former_address))
        # An article whose current slug it is comes before one it was the slug of.
        .order_by(Case(When(slug=slug, then=0), default=1), "pk")
        .values_list("language", "slug", "translation_language", "translation_slug", "renamed")[:1]
    )
    for article_language, article_slug, translation_language, translation_slug, renamed in found:
        if renamed:
            return None
        if translation_language == language:
            return Article.url_for(language, translation_slug)
        return Article.url_for(article_language, article_slug)
    return None


def slug_renamed_from(slug, *, language, redirects):
    """A subquery: the slug an article of `language` was given in place of `slug`, read from
    the redirect its rename left at its former address (to an article's address, as all are)."""
    old_path = Article.url_for(language, slug)
    prefix = old_path.removesuffix(f"{slug}/")
    start = len(prefix) + 1
    return (
        redirects.filter(old_path=old_path, new_path__startswith=prefix, new_path__endswith="/")
        .order_by()
        .annotate(new_slug=Substr("new_path", start, Length("new_path") - start))
        .values("new_slug")[:1]
    )


class SearchView(FirstPageAddressMixin, PublishedArticlesMixin, ListView):
    """Published articles in the page's language matching the reader's words, best first."""

    template_name = "articles/search.html"
    context_object_name = "articles"
    paginate_by = 12
    max_query_length = 200
    page_parameters = frozenset({"q", "page"})

    def get_queryset(self):
        query = search_words(self.request.GET.get("q", ""), max_length=self.max_query_length)
        language = get_language()
        wanted, _excluded = search_terms(query)
        # Nothing to find ("-zzz", "-a -b") is no search, not every article ranked.
        self.query = query if wanted else ""
        # Words every search leaves out ("och", "the"): the reader is asked for others, on
        # SQLite too, where they would match every article.
        common = wanted and all(is_too_common(term, language=language) for term in wanted)
        self.common_words = wanted if common else []
        if not self.query or self.common_words:
            return Article.objects.none()
        return super().get_queryset().search(self.query, language=language)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(
            query=self.query,
            common_words=self.common_words,
            # The page's own form is the search: the masthead leaves out its second one.
            page_has_search_form=True,
            **kwargs,
        )
        params = {"q": self.query} if self.query else {}
        if context["page_obj"].number > 1:
            params["page"] = context["page_obj"].number
        path = f"{self.request.path}?{urlencode(params)}" if params else self.request.path
        context["canonical_url"] = self.request.build_absolute_uri(path)
        context["page_query"] = urlencode({"q": self.query}) if self.query else ""
        context["title_query"] = title_isolated(self.query)
        # The switcher keeps the reader's words but not the page: the other language's results
        # are other articles, and its page 2 would be no counterpart of ours (or not exist).
        with override(Language.other_than(get_language())):
            other_search = reverse("articles:search")
        query = f"?{urlencode({'q': self.query})}" if self.query else ""
        context["alternate_url"] = f"{other_search}{query}"
        return context

    def render_to_response(self, context, **response_kwargs):
        response = super().render_to_response(context, **response_kwargs)
        # Result pages are endless variations of other pages: not for search engines.
        response["X-Robots-Tag"] = "noindex"
        return response


def search_words(raw, *, max_length):
    """The reader's query as searchable text: NFKC, single-spaced, capped; empty if wordless.

    NFKC composes decomposed letters (pasted from macOS or PDFs) and folds fullwidth ones into
    the letters articles are written in. Invisible format characters (a soft hyphen, a zero-width
    space) are dropped, not made spaces that would split their word; other unprintables are.
    """
    visible = "".join(c for c in raw[: max_length * 2] if unicodedata.category(c) != "Cf")
    text = unicodedata.normalize("NFKC", visible)
    text = " ".join("".join(c if c.isprintable() else " " for c in text).split())
    text = text[:max_length].strip()
    return text if any(c.isalnum() for c in text) else ""


def title_isolated(text):
    """Text for a <title>, which cannot hold <bdi>: right-to-left words between the isolate
    characters (U+2068, U+2069) that do its work, so that they keep their punctuation and leave
    the title around them as it reads. Other text is left as it is."""
    if any(unicodedata.bidirectional(c) in RIGHT_TO_LEFT for c in text):
        return f"\u2068{text}\u2069"
    return text


@require_safe
@reads_query_parameters()
def robots_txt(request):
    """Rules for crawlers, and where the sitemap index is."""
    sitemap_url = request.build_absolute_uri(reverse("sitemap_index"))
    return render(
        request,
        "robots.txt",
        {"sitemap_url": sitemap_url},
        content_type="text/plain; charset=utf-8",
    )


@require_safe
def site_root(request):
    """The bare address opens the front page in the site's first language (Swedish)."""
    with override(settings.LANGUAGE_CODE):
        response = redirect("articles:front")
    # The same whatever the browser's language: shared caches keep one copy, not one per
    # Accept-Language (LanguageIndependentMiddleware), and it says the language it leads to.
    response.language_independent = True
    response["Content-Language"] = settings.LANGUAGE_CODE
    return response


def beacon_article_id(value):
    """The article ID a beacon names: a JSON integer or a string of ASCII digits, in range.

    int() would also take true, 2.7, " 7" and "1_0"; a beacon sending those is not ours.
    """
    if isinstance(value, str) and ARTICLE_ID.fullmatch(value):
        value = int(value)
    # bool is a subclass of int: true is not an article.
    if type(value) is not int:
        raise TypeError("not an article ID")
    _lowest, highest = connection.ops.integer_field_range(Article._meta.pk.get_internal_type())
    if not 1 <= value <= highest:
        raise ValueError("no such article ID")
    return value


@csrf_exempt  # a same-origin beacon without a token: is_same_origin() refuses other sites
@require_POST
def collect_page_view(request):
    """The first-party analytics beacon: one page view of a published article."""
    if not is_same_origin(request) or not consent_state(request).analytics_allowed:
        return HttpResponseForbidden("Analytics is not accepted.")
    try:
        article_id = beacon_article_id(json.loads(request.body[:1024])["article"])
    except (ValueError, KeyError, TypeError):
        return HttpResponseBadRequest('Expected a JSON body {"article": <id>}.')
    if not Article.objects.published().filter(pk=article_id).exists():
        return HttpResponseBadRequest("Unknown article.")
    visitor = request.COOKIES.get("nr_analytics", "")
    page_view_count(
        article_id=article_id, visitor=visitor if VISITOR_ID.fullmatch(visitor) else None
    )
    return HttpResponse(status=204)
