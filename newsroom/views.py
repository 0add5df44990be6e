import posixpath
from pathlib import Path

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.cache import caches
from django.core.exceptions import (
    ObjectDoesNotExist,
    RequestDataTooBig,
    SuspiciousFileOperation,
    ValidationError,
)
from django.core.files.storage import default_storage
from django.db import connection
from django.http import (
    FileResponse,
    Http404,
    HttpResponsePermanentRedirect,
    HttpResponseRedirect,
    JsonResponse,
)
from django.shortcuts import render
from django.templatetags.static import static
from django.utils import formats, translation
from django.utils.cache import add_never_cache_headers, patch_cache_control
from django.views.decorators.cache import never_cache
from django.views.static import serve

from articles.models import RENDITIONS_FOLDER, UPLOADS_FOLDER
from newsroom.languages import other_front_page
from newsroom.methods import require_safe


@require_safe
def favicon(request):
    """/favicon.ico, which browsers and feed readers ask for unprompted: the PNG logo."""
    # Looked up per request: the hashed name comes from the static files' manifest.
    return HttpResponsePermanentRedirect(static("img/logo.png"))


@require_safe
@never_cache
def healthz(request):
    """200 when the database and the cache answer, 503 when either does not."""
    checks = {}
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
        checks["database"] = "ok"
    except Exception:
        checks["database"] = "unavailable"
    try:
        # Every cache: the page copies' and the page cache generation's (a file without Redis).
        answers = []
        for store in caches.all():
            store.set("healthz", "ok", timeout=10)
            answers.append(store.get("healthz") == "ok")
        checks["cache"] = "ok" if all(answers) else "unavailable"
    except Exception:
        checks["cache"] = "unavailable"
    healthy = all(value == "ok" for value in checks.values())
    return JsonResponse(checks, status=200 if healthy else 503)


@require_safe
def serve_rendition(request, path):
    """Image renditions in the local demo (production serves them from its own web server).

    A rendition's name carries a digest of its content (image_renditions_create()), so a
    browser may keep what it got for a year without asking again.
    """
    try:
        # serve() refuses paths outside the document root: the uploads folder too.
        response = serve(request, path, document_root=Path(settings.MEDIA_ROOT) / RENDITIONS_FOLDER)
    except OSError as error:  # e.g. a name longer than the file system allows
        raise Http404 from error
    patch_cache_control(response, public=True, max_age=60 * 60 * 24 * 365, immutable=True)
    return response


@require_safe
def serve_upload(request, path):
    """An image as its editor uploaded it, to staff who may view images; to anyone else a 404.

    An upload keeps what the camera wrote into it (a GPS position can reveal a source), and its
    address is easy to guess from a rendition's. Readers only ever get renditions, which do not.
    """
    name = posixpath.normpath(UPLOADS_FOLDER + path)
    if not request.user.has_perm("articles.view_image") or not name.startswith(UPLOADS_FOLDER):
        raise Http404
    try:
        upload = default_storage.open(name)
    except (OSError, SuspiciousFileOperation) as error:
        raise Http404 from error
    response = FileResponse(upload)
    add_never_cache_headers(response)
    return response


def view_on_site(request, content_type_id, object_id):
    """Admin's "view on site", to the object's address on this very site.

    Django's own redirects to the domain of the Sites row, which this project does not keep up
    to date (every absolute address is built from the request instead).
    """
    try:
        content_type = ContentType.objects.get_for_id(content_type_id)
        obj = content_type.get_object_for_this_type(pk=object_id)
    except (ObjectDoesNotExist, ValidationError, ValueError, TypeError, OverflowError) as error:
        # OverflowError: an ID above the database's integer range, which SQLite refuses.
        raise Http404 from error
    url = getattr(obj, "get_absolute_url", lambda: "")()
    if not url.startswith("/") or url.startswith("//"):
        raise Http404
    return HttpResponseRedirect(url)


def page_not_found(request, exception):
    """The 404 page, whose language switcher leads to the other language's front page.

    The same address in the other language is missing too, so it is no page to switch to.
    """
    return render(request, "404.html", {"alternate_url": other_front_page()}, status=404)


def bad_request(request, exception):
    """The 400 page; a form larger than the site accepts gets a 413 that says so.

    An editor whose article went over DATA_UPLOAD_MAX_MEMORY_SIZE must learn that the text was
    too long, not that the address was wrong, and that going back finds it still in the form.
    """
    # A request refused before LocaleMiddleware (a NUL byte, too many fields) has no language
    # of its own yet: the thread still holds its previous request's. Choose as it would.
    with translation.override(translation.get_language_from_request(request, check_path=True)):
        return _bad_request_page(request, exception)


def _bad_request_page(request, exception):
    if isinstance(exception, RequestDataTooBig):
        characters = characters_always_accepted(settings.DATA_UPLOAD_MAX_MEMORY_SIZE)
        context = {
            "too_large": True,
            "characters": formats.number_format(characters, force_grouping=True),
        }
        return render(request, "400.html", context, status=413)
    return render(request, "400.html", status=400)


def characters_always_accepted(limit: int) -> int:
    """How many characters of text a form can always send within a limit of `limit` bytes.

    The limit counts the form as the browser sends it, URL-encoded: "a" is one byte, "å" six
    (%C3%A5) and an emoji twelve, so a limit in megabytes says little of how much text fits.
    Counted for the worst case and rounded down to two digits, leaving room for field names.
    """
    characters = limit // 12
    step = 10 ** max(len(str(characters)) - 2, 0)
    return characters // step * step
