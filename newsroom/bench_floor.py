"""The benchmark's floor: the least Django can do to send a page's bytes (`make bench` only).

newsroom/bench.py starts gunicorn with NEWSROOM_BENCH_FLOOR naming a file that holds an article
page exactly as the site served it; newsroom/urls.py then adds this one path to the site's own
URLconf, so the view runs behind the same gunicorn and the same middleware as every page, with
no database, template or cache work of its own. Pages are measured as a share of its throughput.
"""

import os
from functools import cache

from django.http import HttpResponse
from django.urls import path


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


urlpatterns = [path("bench-floor/", floor, name="bench_floor")]
