import logging
import re

from django.contrib.redirects.middleware import RedirectFallbackMiddleware
from django.core.exceptions import BadRequest, DisallowedHost
from django.db import InterfaceError, OperationalError, connection
from django.http import HttpResponse, HttpResponseNotAllowed
from django.middleware.http import ConditionalGetMiddleware as DjangoConditionalGetMiddleware
from django.template.loader import render_to_string
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.log import log_response

from newsroom.methods import allowed_methods
from newsroom.views import healthz

logger = logging.getLogger(__name__)

# The methods CsrfViewMiddleware accepts without a token (and the views' dispatch() answers).
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "TRACE"})

# What ad and newsletter tools append to shared links (newsroom/deploy/varnish.vcl strips the
# same names): Google's utm_* and click IDs, Meta's, Microsoft's, X's, TikTok's, LinkedIn's,
# Mailchimp's, Yandex's, and Google Analytics' cross-domain linker.
CAMPAIGN_PARAMETER = re.compile(
    r"utm_[a-z_]+|fbclid|igshid|gclid|gbraid|wbraid|dclid|msclkid|twclid|ttclid|li_fat_id"
    r"|mc_cid|mc_eid|yclid|_ga|_gl"
)
REDIRECTS = frozenset({301, 302, 303, 307, 308})


class CampaignParametersMiddleware:
    """Drop campaign parameters from the query string before anything reads it.

    Links shared on social media and in newsletters carry them, often a different value on every
    click. No page reads them (campaign analytics read them in the browser), so kept they would
    give each click a page-cache entry of its own and a page rendered for it alone. The site's
    own redirects (a missing slash, the bare address to /sv/) hand them on, so that the page the
    browser ends up on still carries them.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        campaign = []
        if query := request.META.get("QUERY_STRING"):
            kept = []
            for pair in query.split("&"):
                name = pair.partition("=")[0]
                (campaign if CAMPAIGN_PARAMETER.fullmatch(name) else kept).append(pair)
            if campaign:
                # The other parameters are kept as sent, in their order and encoding.
                request.META["QUERY_STRING"] = "&".join(kept)
        response = self.get_response(request)
        if campaign and request.method in ("GET", "HEAD") and response.status_code in REDIRECTS:
            location = response.get("Location", "")
            # Only to the site's own addresses (relative, or on this host, as the redirect to
            # https is): never a click ID handed to another site.
            if self._on_this_site(request, location):
                separator = "&" if "?" in location else "?"
                response["Location"] = location + separator + "&".join(campaign)
        return response

    @staticmethod
    def _on_this_site(request, location):
        try:
            host = request.get_host()
        except DisallowedHost:
            return False
        return url_has_allowed_host_and_scheme(location, allowed_hosts={host})


class LanguageIndependentMiddleware:
    """Responses a view marks `language_independent` do not say `Vary: Accept-Language`.

    LocaleMiddleware says it of every address without a language prefix, having read the
    browser's language there, whether or not the response depended on it: shared caches would
    keep one copy per browser language of a redirect that is the same for all (the bare address
    to /sv/). Before LocaleMiddleware in MIDDLEWARE, so that it sees the header added.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if getattr(response, "language_independent", False) and response.has_header("Vary"):
            vary = [
                header.strip()
                for header in response["Vary"].split(",")
                if header.strip() and header.strip().lower() != "accept-language"
            ]
            if vary:
                response["Vary"] = ", ".join(vary)
            else:
                del response["Vary"]
        return response


class HealthCheckMiddleware:
    """/healthz for load balancers and orchestrators, whatever Host header and scheme they send.

    They probe each app server directly, over plain HTTP and by its own address (Host:
    10.0.0.5:8000, or no Host at all from an HTTP/1.0 probe), which ALLOWED_HOSTS would refuse
    with a 400 and the SSL redirect send to https. The answer names no host and links nowhere,
    so it is given here, before anything reads the Host header (settings.SECURE_REDIRECT_EXEMPT
    spares it the redirect), with the security headers of the middleware around this one, and
    HEAD answered without a body by ConditionalGetMiddleware.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info == "/healthz":
            return healthz(request)
        return self.get_response(request)


class DatabaseUnavailableMiddleware:
    """A plain 503 page, not a 500, while the database cannot be reached."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        return database_unavailable_response(request, exception)


def database_unavailable_response(request, exception):
    """The plain 503 page if `exception` means the database cannot be reached, else None.

    Logged as one error line per request, with why (newsroom.logging.DatabaseUnavailableLogged
    drops Django's own line for the same 503). No traceback: for a database that does not
    answer it shows only which query noticed first.
    """
    # Connection failures (server down, refused, too many clients) are OperationalError
    # or InterfaceError on every backend; programming errors stay 500s.
    if not isinstance(exception, OperationalError | InterfaceError):
        return None
    if _database_answers():
        return None  # the query was at fault, not the database: a plain error
    request.database_unavailable = True
    logger.error(
        "database unavailable: %s %s answered 503: %s",
        request.method,
        request.path,
        _reason(exception),
        extra={"status_code": 503},
    )
    response = HttpResponse(render_to_string("503.html"), status=503)
    response["Retry-After"] = "30"
    response["Cache-Control"] = "no-store"
    return response


class RedirectsMiddleware(RedirectFallbackMiddleware):
    """contrib.redirects' lookup for every 404, answering the plain 503 while the database is down.

    The lookup runs as the response goes out, where an exception would be a 500 that
    DatabaseUnavailableMiddleware never sees.
    """

    def process_response(self, request, response):
        try:
            return super().process_response(request, response)
        except (OperationalError, InterfaceError) as error:
            if unavailable := database_unavailable_response(request, error):
                return unavailable
            raise


def _reason(exception):
    """Why the database did not answer, in a few words: the driver's last, without addresses.

    psycopg says 'connection failed: connection to server at "…", port 5432 failed:
    Connection refused' and a hint on the next line; the server's address is in the settings.
    """
    message = (str(exception).splitlines() or [""])[0]
    reason = message.rsplit(": ", 1)[-1].strip() or exception.__class__.__name__
    return reason[:200]


def _database_answers():
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        return True
    except (OperationalError, InterfaceError):
        return False


class RejectNullBytesMiddleware:
    """A 400 for NUL bytes in the address or query string, before they reach a query.

    No page of the site has a use for them, and PostgreSQL refuses them in text, so a filter or
    search parameter carrying one would otherwise end as a server error. BadRequest gets the
    site's own 400 page (handler400), logged as a 4xx rather than as a security error.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if "\x00" in request.path or any(
            "\x00" in key or any("\x00" in value for value in values)
            for key, values in request.GET.lists()
        ):
            raise BadRequest("NUL byte in the address")
        return self.get_response(request)


class ConditionalGetMiddleware(DjangoConditionalGetMiddleware):
    """Django's ETags and 304s, for HEAD as for GET (RFC 9110 §9.3.2: the same headers).

    Django's skips HEAD, taking its body to be empty already. Here it still holds GET's body,
    so the ETag is GET's: CDNs, Varnish and link checkers that ask with HEAD revalidate as
    browsers do. Then the body goes, Content-Length staying GET's: gunicorn would drop it
    anyway, with a warning in the log for every HEAD request.
    """

    def process_response(self, request, response):
        if request.method != "HEAD":
            return super().process_response(request, response)
        # Past Django's method check only: get_conditional_response() answers HEAD as GET.
        request.method = "GET"
        try:
            response = super().process_response(request, response)
        finally:
            request.method = "HEAD"
        if not response.streaming:
            response.content = b""
        return response


class MethodNotAllowedMiddleware:
    """A view's own 405 for a method it does not handle, before the CSRF check.

    CsrfViewMiddleware refuses every unsafe method before the view runs, so a PROPFIND or a POST
    on an article page or a feed got "CSRF verification failed" rather than 405 with an Allow
    header. A class-based view allows the methods it has handlers for; a function view or a
    feed those its method decorator from newsroom.methods names. A method the view does handle
    still goes through the CSRF check.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        # The methods the CSRF check lets through need no view set up on every page view.
        if request.method in SAFE_METHODS:
            return None
        if (methods := allowed_methods(view_func)) is not None:
            if request.method in methods:
                return None
            # As Django's require_http_methods() answers it.
            response = HttpResponseNotAllowed(methods)
            log_response(
                "Method Not Allowed (%s): %s",
                request.method,
                request.path,
                response=response,
                request=request,
            )
            return response
        view_class = getattr(view_func, "view_class", None)
        if view_class is None or view_class.view_is_async:
            return None
        # As View.as_view() and dispatch() do: setup() gives a view with get() its head().
        view = view_class(**view_func.view_initkwargs)
        view.setup(request, *view_args, **view_kwargs)
        method = request.method.lower()
        if method in view.http_method_names and hasattr(view, method):
            return None
        return view.http_method_not_allowed(request, *view_args, **view_kwargs)
