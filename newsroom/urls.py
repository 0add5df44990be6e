import os

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path, re_path

from articles import sitemaps
from articles.models import RENDITIONS_FOLDER, UPLOADS_FOLDER
from articles.views import collect_page_view, robots_txt, site_root
from consent.views import old_cookie_admin
from newsroom.views import favicon, healthz, serve_rendition, serve_upload, view_on_site

urlpatterns = [
    # Swedish first: the bare address opens the Swedish front page.
    path("", site_root, name="site_root"),
    path(
        "admin/r/<int:content_type_id>/<path:object_id>/",
        admin.site.admin_view(view_on_site),
        name="view_on_site",
    ),
    # Bookmarks of the package's cookie admins, before their proxies took them over; the
    # admin's own staff check first, as for any of its addresses.
    re_path(
        r"^admin/cookie_consent/(?:(?P<model>cookiegroup|cookie)/(?P<rest>.*))?$",
        admin.site.admin_view(old_cookie_admin),
    ),
    path("admin/", admin.site.urls),
    path("healthz", healthz, name="healthz"),
    path("analytics/collect/", collect_page_view, name="analytics_collect"),
    path("robots.txt", robots_txt, name="robots_txt"),
    path("favicon.ico", favicon, name="favicon"),
    path("sitemap.xml", sitemaps.index, name="sitemap_index"),
    path("sitemap-<slug:section>.xml", sitemaps.sitemap, name="sitemap"),
]


# Uploads as editors sent them: for staff only, wherever the renditions are served from.
urlpatterns += [re_path(rf"^media/{UPLOADS_FOLDER}(?P<path>.+)$", serve_upload)]
if settings.SERVE_MEDIA:
    # The local demo has no web server in front; production serves renditions from its own.
    urlpatterns += [re_path(rf"^media/{RENDITIONS_FOLDER}(?P<path>.*)$", serve_rendition)]

urlpatterns += i18n_patterns(
    path("", include("consent.urls")),
    path("", include("articles.urls")),
)

# `make bench` only: its gunicorn sets NEWSROOM_BENCH_FLOOR to add the benchmark's floor view
# (newsroom/bench_floor.py) here, so that it passes through the site's own middleware.
if os.environ.get("NEWSROOM_BENCH_FLOOR"):
    from newsroom.bench_floor import urlpatterns as bench_floor_urlpatterns

    urlpatterns += bench_floor_urlpatterns

handler400 = "newsroom.views.bad_request"
handler404 = "newsroom.views.page_not_found"
