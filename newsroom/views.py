from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.db import connection
from django.http import Http404, HttpResponseRedirect, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe
from django.views.static import serve


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
        cache.set("healthz", "ok", timeout=10)
        checks["cache"] = "ok" if cache.get("healthz") == "ok" else "unavailable"
    except Exception:
        checks["cache"] = "unavailable"
    healthy = all(value == "ok" for value in checks.values())
    return JsonResponse(checks, status=200 if healthy else 503)


@require_safe
def serve_media(request, path):
    """Uploaded images in the local demo (production serves media from its own store)."""
    try:
        # serve() refuses paths outside the document root.
        return serve(request, path, document_root=settings.MEDIA_ROOT)
    except OSError as error:  # e.g. a name longer than the file system allows
        raise Http404 from error


def view_on_site(request, content_type_id, object_id):
    """Admin's "view on site", to the object's address on this very site.

    Django's own redirects to the domain of the Sites row, which this project does not keep up
    to date (every absolute address is built from the request instead).
    """
    try:
        content_type = ContentType.objects.get_for_id(content_type_id)
        obj = content_type.get_object_for_this_type(pk=object_id)
    except (ObjectDoesNotExist, ValidationError, ValueError, TypeError) as error:
        raise Http404 from error
    url = getattr(obj, "get_absolute_url", lambda: "")()
    if not url.startswith("/") or url.startswith("//"):
        raise Http404
    return HttpResponseRedirect(url)
