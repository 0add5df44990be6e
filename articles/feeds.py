"""RSS and Atom feeds of the latest articles, per language, per section and per author."""

import copy
import uuid
from datetime import UTC

from django.contrib.syndication.views import Feed
from django.db.models import Exists, Max, OuterRef, Q
from django.db.models.functions import Coalesce, Greatest
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.feedgenerator import Atom1Feed, Enclosure, Rss201rev2Feed
from django.utils.html import escape
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from newsroom.methods import require_safe
from newsroom.xmltext import xml_text

from .models import Article, Author
from .views import section_at_address_or_404


class EmptyFeedDateMixin:
    """A feed generator dating a feed without items by its `empty_feed_date`, not by the time
    it was made (Django's default): the same empty feed is the same document, ETag and all."""

    def latest_post_date(self):
        if not self.items and self.feed.get("empty_feed_date"):
            return self.feed["empty_feed_date"]
        return super().latest_post_date()


class RssFeed(EmptyFeedDateMixin, Rss201rev2Feed):
    """RSS 2.0."""


class AtomFeed(EmptyFeedDateMixin, Atom1Feed):
    """Atom 1.0."""


# The namespace of Newsroom's feed entry IDs (see item_guid): fixed once, never to change.
FEED_ENTRY_NAMESPACE = uuid.UUID("893861cb-1017-4b45-8878-48829d06dd91")


class LatestArticlesFeed(Feed):
    """The latest published articles in the page's language, or in one section (RSS 2.0)."""

    feed_type = RssFeed
    description_template = "articles/feed_item_description.html"
    size = 20
    request = None
    # What a feed with a slug in its address is of (a section; an author): found by __call__.
    subject = None
    # No query parameter: the page cache serves the feed asked for with one of the site's (?q=,
    # ?page=) from the feed's own copy rather than keeping a copy for each.
    page_parameters = frozenset()

    @method_decorator(require_safe)
    def __call__(self, request, *args, **kwargs):
        # One instance serves every request: a copy holds this request's scheme and host, so that
        # feed addresses match the pages' own (not the sites framework's domain).
        feed = copy.copy(self)
        feed.request = request
        if "slug" in kwargs:
            feed.subject, moved_to = feed.subject_at_address(kwargs["slug"])
            if moved_to:
                # Feed readers subscribed at an old address follow a permanent redirect.
                return redirect(moved_to, permanent=True)
        response = super(LatestArticlesFeed, feed).__call__(request, *args, **kwargs)
        # Django dates the feed by its newest item, which a correction or a removal does not
        # change: readers asking If-Modified-Since would keep the old feed. The ETag
        # (ConditionalGetMiddleware, from the content) changes whenever the feed does.
        del response.headers["Last-Modified"]
        return response

    def subject_at_address(self, slug):
        """The section the address names, and the feed's own address if this is not it (the
        other language's slug); Http404 for no section."""
        section, current = section_at_address_or_404(slug)
        if current:
            return section, None
        return section, section.url_in(get_language(), self.request.resolver_match.view_name)

    def absolute(self, location):
        return self.request.build_absolute_uri(location)

    def text(self, value):
        """Text an editor typed, as this format's readers need it: RSS readers render HTML."""
        return escape(value)

    def get_feed(self, obj, request):
        feed = super().get_feed(obj, request)
        for values in [feed.feed, *feed.items]:
            for key, value in values.items():
                if isinstance(value, str):
                    values[key] = xml_text(value)
                elif isinstance(value, list | tuple):
                    values[key] = [xml_text(v) if isinstance(v, str) else v for v in value]
        if not feed.items:
            feed.feed["empty_feed_date"] = self.empty_feed_date()
        return feed

    def empty_feed_date(self):
        """What an empty feed is dated by: when readers were last told of an article in its
        language (a publication or an update, as its items are dated), else in any language.

        Not the time it is made, which would give it a new ETag at every request; nor a date
        of something unpublished (a draft's last save), which would tell of an embargoed story.
        Only a publication in its language can fill the feed again; an article leaving it
        changes its content, and its ETag, anyway.
        """
        modified = Greatest("published_at", Coalesce("substantive_update_at", "published_at"))
        dates = Article.objects.published().aggregate(
            language=Max(modified, filter=Q(language=get_language())), site=Max(modified)
        )
        return dates["language"] or dates["site"]

    def get_object(self, request, slug=None):
        # Found by __call__, which redirects an address with the other language's slug.
        return self.subject if slug is not None else None

    def title(self, section):
        if section is None:
            return "Newsroom"
        return self.text(f"{section.name} – Newsroom")

    def description(self, section):
        if section is None:
            return _("The latest articles from Newsroom.")
        text = _("The latest articles in %(section)s from Newsroom.") % {"section": section.name}
        return self.text(text)

    def subtitle(self, section):
        return self.description(section)

    def link(self, section):
        return self.absolute(section.get_absolute_url() if section else reverse("articles:front"))

    def feed_url(self, section):
        return self.absolute(self.request.path)

    def items(self, section):
        return self.articles(section)[: self.size]

    def articles(self, section):
        """The feed's published articles in the page's language, newest first, with bylines."""
        articles = Article.objects.published().in_language(get_language()).for_listing()
        # Feed items name their authors; cards do not, so for_listing() leaves them out. One
        # query for all items' bylines, in their order, with the authors joined (BylineManager).
        articles = articles.prefetch_related("bylines")
        if section is not None:
            articles = articles.filter(section=section)
        return articles

    def item_title(self, article):
        return self.text(article.headline)

    def item_link(self, article):
        return self.absolute(article.get_absolute_url())

    def item_guid(self, article):
        """The entry's permanent ID, the same in RSS and Atom: urn:uuid:…, a name-based UUID
        (RFC 9562, version 5) of the article's key and creation time.

        Not its address: a renamed article keeps its old address only as a redirect, and feed
        readers would list it again as a new story (Atom requires an entry's ID never to
        change). Nor a domain (a tag URI's): the host or the sites framework's domain may be
        set or changed after launch. The key and creation time never change; a key used again
        after a database is emptied comes with another creation time.
        """
        name = f"article/{article.pk}/{article.created_at.astimezone(UTC).isoformat()}"
        return uuid.uuid5(FEED_ENTRY_NAMESPACE, name).urn

    # A URN is no address to open.
    item_guid_is_permalink = False

    def item_pubdate(self, article):
        return article.published_at

    def item_updateddate(self, article):
        return article.modified_at

    def item_author_name(self, article):
        return ", ".join(author.name for author in article.byline) or None

    def item_categories(self, article):
        return [article.section.name]

    def item_enclosures(self, article):
        rendition = article.lead_image.fallback_rendition() if article.lead_image else None
        if rendition is None:
            return []
        try:
            length = rendition.storage.size(rendition.name)
        except OSError:  # a missing file still has an address; its length is unknown
            length = 0
        return [Enclosure(self.absolute(rendition.url), str(length), rendition.mime_type)]

    def get_context_data(self, **kwargs):
        return {"article": kwargs["item"], "request": kwargs["request"]}


class AtomFeedMixin:
    """A feed's articles as an Atom 1.0 feed."""

    feed_type = AtomFeed
    # Atom requires an author of the feed unless every entry names its own: an entry without a
    # byline, or none at all (an empty section's feed), falls back to the newspaper.
    author_name = "Newsroom"

    def text(self, value):
        # Atom's title and subtitle are plain text (type="text").
        return value


class LatestArticlesAtomFeed(AtomFeedMixin, LatestArticlesFeed):
    """The same articles as an Atom 1.0 feed."""


class AuthorArticlesFeed(LatestArticlesFeed):
    """An author's latest published articles in the page's language (RSS 2.0).

    Wherever the author has a page: in both languages once they have published in either
    (empty in a language they have not written in, as an empty section's feed is, so that a
    reader subscribed there keeps the subscription). An author with nothing published has no
    page, so that a byline still under embargo cannot be found by guessing: nor a feed.
    """

    def subject_at_address(self, slug):
        published = Article.objects.published()
        authors = Author.objects.filter(Exists(published.filter(authors=OuterRef("pk"))))
        # A renamed author's old address is a 404 here, which RedirectsMiddleware redirects.
        return get_object_or_404(authors, slug=slug), None

    def title(self, author):
        title = _("Articles by %(name)s") % {"name": author.name}
        return self.text(f"{title} – Newsroom")

    def description(self, author):
        text = _("The latest articles by %(name)s from Newsroom.") % {"name": author.name}
        return self.text(text)

    def link(self, author):
        return self.absolute(author.get_absolute_url())

    def articles(self, author):
        return super().articles(None).filter(authors=author)


class AuthorArticlesAtomFeed(AtomFeedMixin, AuthorArticlesFeed):
    """An author's articles as an Atom 1.0 feed."""
