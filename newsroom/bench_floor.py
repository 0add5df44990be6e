"""The benchmark's floor: the least Django can do to send a page's bytes (`make bench` only).

newsroom/bench.py starts gunicorn with NEWSROOM_BENCH_FLOOR naming a file that holds an article
page exactly as the site served it; newsroom/urls.py then adds this one path to the site's own
URLconf, so the view runs behind the same gunicorn and the same middleware as every page, with
no database, template or cache work of its own. Pages are measured as a share of its throughput.

A second view does the article page's own work (its queries, structured data and links) and
sends the same bytes without rendering the template: how fast the uncached article page could
be if rendering were free, the ceiling for any faster template engine.
"""

import os
from functools import cache

from django.http import HttpResponse
from django.urls import path
from django.utils.translation import override

from articles.views import ArticleDetailView


@cache
def page_bytes() -> bytes:
    """The served page, read once per worker (the benchmark writes it before asking for it)."""
    with open(os.environ["NEWSROOM_BENCH_FLOOR"], "rb") as file:
        return file.read()


def floor(request):
    """The same bytes as the article page, from a view that does nothing else."""
    response = HttpResponse(page_bytes(), content_type="text/html; charset=utf-8")
    # Kept out of the page cache (it skips no-store responses), so every request runs the whole
    # middleware stack and this view: a cached floor would only measure the page cache again.
    response["Cache-Control"] = "no-store"
    return response


def article_data(request, language, slug):
    """The article page's view, its template left out: the floor's bytes after its work."""
    with override(language):
        view = ArticleDetailView()
        view.setup(request, slug=slug)
        # What DetailView.get() does before it renders.
        view.object = view.get_object()
        view.get_context_data(object=view.object)
    return floor(request)


urlpatterns = [
    path("bench-floor/", floor, name="bench_floor"),
    path(
        "bench-floor/article/<str:language>/<slug:slug>/", article_data, name="bench_article_data"
    ),
]
