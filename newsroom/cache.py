"""A page cache for anonymous readers, keyed on address, consent state and banner version only.

Django's cache middleware keys on every header named in Vary, and reader pages vary on the
Cookie header (for the consent state), so it would keep one copy per visitor. This cache keeps
one copy per address (scheme, host, path and the query parameters its page reads) and consent
state (undecided, accepted, declined, GPC): the only things an anonymous page depends on.
Editors' changes purge it at once, and a page is never kept past the next scheduled publication,
so scheduled articles appear on time.
A new consent version digest (a deploy with new banner or policy texts, or a privacy officer's
change of the cookie table, which purges) changes every key, so the new wording, and the digest
its banner form sends, are served at once.

A purge is a new generation: every key names the generation it was stored under, and the
generation lives in a cache of its own ("generation" in settings.CACHES) that every worker reads,
so a change made in one gunicorn worker makes the copies in all the others stale too, even
where each worker keeps its copies in its own memory.
"""

import hashlib
import logging
import secrets
import time
from datetime import timedelta
from urllib.parse import unquote_plus

from django.conf import settings
from django.core.cache import cache, caches
from django.db import DatabaseError, transaction
from django.urls import Resolver404, resolve
from django.utils import timezone, translation
from django.utils.cache import patch_cache_control

try:
    from redis.exceptions import RedisError
except ImportError:  # pragma: no cover - redis is a dependency, but only used with REDIS_URL
    RedisError = OSError

logger = logging.getLogger(__name__)

# What a cache backend raises when its server cannot be reached: then pages are rendered
# from the database as if nothing were cached. Anything else is a bug and is not hidden.
CACHE_ERRORS = (RedisError, OSError)


class CacheOutage:
    """After the cache fails, this process leaves it alone for a while instead of waiting on it.

    A stopped Redis refuses connections at once, but one whose host drops packets costs each call
    its full socket timeout, two or three times a page, in every worker: the site would crawl.
    After a failure, pages are rendered from the database without asking the cache for
    RETRY_SECONDS; then the next request asks again. Purges are always tried.
    """

    RETRY_SECONDS = 10

    def __init__(self, clock=time.monotonic):
        self.clock = clock
        self.until = 0.0

    @property
    def ongoing(self) -> bool:
        return self.clock() < self.until

    def begin(self, what: str) -> None:
        self.until = self.clock() + self.RETRY_SECONDS
        logger.warning(
            "%s: cache unavailable, not asked again for %d s",
            what,
            self.RETRY_SECONDS,
            exc_info=True,
        )

    def reset(self) -> None:
        self.until = 0.0


cache_outage = CacheOutage()

# The query parameters the site's pages read: the search words, the page of a list and the page
# of a sitemap. Any other keeps a request out of the cache (see _cacheable_request).
QUERY_PARAMETERS = frozenset({"q", "page", "p"})
# What a view that does not say what it reads (reads_query_parameters) is taken to read.
PAGE_PARAMETERS = frozenset({"q", "page"})

# What shared caches are told to keep as long as a page: pages, 404s and the site's redirects.
SHARED_STATUSES = frozenset({200, 404, 301, 302, 307, 308})

GENERATION_CACHE = "generation"
GENERATION_KEY = "page-cache:generation"


def _new_generation() -> str:
    # A value never used before, rather than a counter: two purges at once cannot end on the
    # same number, and a generation store that lost its value (a restarted Redis, a cleaned
    # temporary folder) cannot start again at a number whose old copies are still kept.
    return secrets.token_hex(8)


def page_cache_purge() -> None:
    """Make every cached page stale, in every worker, e.g. after an editor's change."""
    _generation_renew()
    if transaction.get_connection().in_atomic_block:
        # Every admin save purges inside its transaction: until it commits, other workers still
        # read the rows as they were, and would keep what they made of them (a page, the consent
        # version) for the new generation. A second purge once it commits makes that stale too.
        transaction.on_commit(_generation_renew)


def _generation_renew() -> None:
    try:
        caches[GENERATION_CACHE].set(GENERATION_KEY, _new_generation(), timeout=None)
    except CACHE_ERRORS:
        # A cache that cannot be reached holds nothing stale either.
        cache_outage.begin("page cache purge")


def current_generation(request=None) -> str | None:
    """The generation now, read once per request; None while the cache cannot be reached.

    For what a process keeps in its own memory until the next purge: the caller recomputes it
    when the generation differs from the one it was computed for, and on None.
    """
    generation = getattr(request, "page_cache_generation", None)
    if generation is not None:
        return generation
    if cache_outage.ongoing:
        return None
    try:
        generation = _generation()
    except CACHE_ERRORS:
        cache_outage.begin("generation")
        return None
    if request is not None:
        # until_purge() and later callers read it from here: one round trip per request.
        request.page_cache_generation = generation
    return generation


def _generation() -> str:
    generations = caches[GENERATION_CACHE]
    generation = generations.get(GENERATION_KEY)
    if generation is None:
        first = _new_generation()
        generations.add(GENERATION_KEY, first, timeout=None)
        # Whichever worker's add came first.
        generation = generations.get(GENERATION_KEY) or first
    return generation


def until_purge(request, name, compute):
    """compute()'s value, kept in the cache until editors next change what readers see.

    For what every page shows whatever the address (the section menu, say): pages the page
    cache misses then do not ask the database for it again. `request` carries the generation
    the page cache read for it, if it did.
    """
    if cache_outage.ongoing:
        return compute()
    try:
        generation = getattr(request, "page_cache_generation", None) or _generation()
    except CACHE_ERRORS:
        cache_outage.begin(name)
        return compute()
    key = f"page-cache:{generation}:{name}"
    value = cache_get(key, what=name)
    if value is None:
        value = compute()
        cache_set(key, value, timeout=settings.NEWSROOM_PAGE_CACHE_SECONDS, what=name)
    return value


def cache_get(key, *, what):
    """The cached value, or None: also while the cache cannot be reached (`what` is logged)."""
    if cache_outage.ongoing:
        return None
    try:
        return cache.get(key)
    except CACHE_ERRORS:
        cache_outage.begin(what)
        return None


def cache_set(key, value, *, timeout, what):
    """Keep a value in the cache if it can be reached; if not, it is only not kept."""
    if cache_outage.ongoing:
        return
    try:
        cache.set(key, value, timeout=timeout)
    except CACHE_ERRORS:
        cache_outage.begin(what)


def reads_query_parameters(*names):
    """Decorator: the view's pages read these query parameters and no other.

    The page cache keys its copies on them alone: the page asked for with another of the site's
    parameters (an article's ?q=) is served the copy of the address without it. A class-based
    view says so with a `page_parameters` attribute.
    """

    def decorator(view):
        view.page_parameters = frozenset(names)
        return view

    return decorator


def page_parameters(request) -> frozenset:
    """The query parameters the page at the request's address reads."""
    # Before LocaleMiddleware: the address's own language picks its translated patterns.
    with translation.override(translation.get_language_from_path(request.path_info)):
        try:
            match = resolve(request.path_info, getattr(request, "urlconf", None))
        except Resolver404:
            return PAGE_PARAMETERS
    view = getattr(match.func, "view_class", match.func)
    return getattr(view, "page_parameters", PAGE_PARAMETERS)


def _next_publication(generation: str):
    """When the next scheduled article appears, or None (cached per generation)."""
    from articles.models import Article

    key = f"page-cache:{generation}:next-publication"
    next_at = cache.get(key)
    if next_at is None:
        next_at = (
            Article.objects.scheduled()
            .order_by("published_at")
            .values_list("published_at", flat=True)
            .first()
        ) or False
        remember = settings.NEWSROOM_PAGE_CACHE_SECONDS
        if next_at:
            remember = min(remember, _seconds_until(next_at))
        if remember > 0:
            cache.set(key, next_at, timeout=remember)
    return next_at or None


def _seconds_until(moment) -> int:
    return max(0, int((moment - timezone.now()) / timedelta(seconds=1)))


class PageCacheMiddleware:
    """Serve anonymous GET requests for reader pages from the cache."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not self._cacheable_request(request) or cache_outage.ongoing:
            return self.get_response(request)
        try:
            generation = _generation()
            request.page_cache_generation = generation
            address, whole = self._address(request)
            key = self._key(request, generation, address)
            cached = cache.get(key)
        except CACHE_ERRORS:
            cache_outage.begin("page cache")
            return self.get_response(request)
        except DatabaseError:
            # The key's consent version could not be read: the view tells the outage as it is.
            return self.get_response(request)
        if cached is not None:
            return cached

        try:
            # Asked before the page is made: a page made across a publication time shows the
            # articles as they were before it, and must not be kept past it.
            next_publication = _next_publication(generation)
        except CACHE_ERRORS:
            cache_outage.begin("page cache")
            return self.get_response(request)
        except DatabaseError:
            return self.get_response(request)
        response = self.get_response(request)
        # A 404 or a redirect is not kept here (any made-up address would key a copy), but
        # shared caches keep them too: Varnish for its default TTL (two minutes), a CDN for its
        # own, often longer, and browsers a 301 for good. They get the pages' lifetime, so that
        # an article published at a missing address shows as soon, and so do redirects whose
        # target editors change: a renamed article's or section's former address, a slug of the
        # other language's (to a translation published later). The others' targets (a missing
        # slash, a list's ?page=1, the bare address, the language prefix) change only with a
        # deploy, which a longer lifetime would outlast for a saving of one small response.
        if response.status_code in SHARED_STATUSES and self._shareable(response):
            patch_cache_control(
                response,
                public=True,
                max_age=0,
                must_revalidate=True,
                s_maxage=settings.NEWSROOM_SHARED_CACHE_SECONDS,
            )
        # A page asked for with parameters it does not read is served the copy of the address
        # without them, but the page made for it is not kept there: it names them (the consent
        # form's return address), and the copy must be the address's own.
        if whole and self._cacheable_response(response):
            try:
                timeout = settings.NEWSROOM_PAGE_CACHE_SECONDS
                if next_publication is not None:
                    timeout = min(timeout, _seconds_until(next_publication))
                if timeout > 0:
                    cache.set(key, response, timeout=timeout)
            except CACHE_ERRORS:
                cache_outage.begin("page cache")
        return response

    @staticmethod
    def _cacheable_request(request):
        # Signed-in staff (a session) see previews and personal pages: never from the cache.
        # Query parameters no page reads would each key a copy of their own: anyone could fill
        # the cache with copies of one page, pushing out the pages readers ask for.
        return (
            settings.NEWSROOM_PAGE_CACHE_SECONDS > 0
            and request.method in ("GET", "HEAD")
            and settings.SESSION_COOKIE_NAME not in request.COOKIES
            and QUERY_PARAMETERS.issuperset(request.GET)
            # Files (renditions, uploads) are no pages: they depend on no visitor's consent.
            and not request.path_info.startswith(settings.MEDIA_URL)
        )

    @staticmethod
    def _address(request):
        """The absolute address the page is kept at, with only the query parameters it reads,
        and whether that is the whole address asked for."""
        # Pages name their own host and scheme (canonical links, feeds, sitemaps), so one
        # allowed host's copy is never served for another's. build_absolute_uri() validates
        # the Host header against ALLOWED_HOSTS first: a bad one is a 400 (DisallowedHost),
        # never a cached page.
        address = request.build_absolute_uri()
        if not request.META.get("QUERY_STRING"):
            return address, True
        base, _sep, query = address.partition("?")
        pairs = query.split("&")
        reads = page_parameters(request)
        # Kept as sent, in their order and encoding; names decoded as request.GET decodes them.
        kept = [pair for pair in pairs if unquote_plus(pair.partition("=")[0]) in reads]
        if len(kept) == len(pairs):
            return address, True
        return (f"{base}?{'&'.join(kept)}" if kept else base), False

    @staticmethod
    def _key(request, generation, address):
        # Imported here: the consent app reads the generation from this module.
        from consent.services import consent_state
        from consent.texts import current_digest

        address = hashlib.sha256(address.encode()).hexdigest()
        state = consent_state(request).cache_key
        # Memoised per process and generation (read above): no query, no cache round trip.
        version = current_digest(request)
        return f"page-cache:{generation}:{version}:{request.method}:{state}:{address}"

    @staticmethod
    def _cacheable_response(response):
        return response.status_code == 200 and PageCacheMiddleware._shareable(response)

    @staticmethod
    def _shareable(response):
        cache_control = response.get("Cache-Control", "")
        return (
            not response.streaming
            and not response.cookies
            and "no-store" not in cache_control
            and "private" not in cache_control
        )


class PurgesPageCacheAdminMixin:
    """Admin changes of what readers see purge the page cache at once."""

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        page_cache_purge()

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        page_cache_purge()

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        page_cache_purge()

    def delete_queryset(self, request, queryset):
        super().delete_queryset(request, queryset)
        page_cache_purge()

    def response_action(self, request, *args, **kwargs):
        response = super().response_action(request, *args, **kwargs)
        page_cache_purge()
        return response
