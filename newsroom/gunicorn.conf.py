"""gunicorn settings; every value can be overridden by GUNICORN_CMD_ARGS or the command line."""

import multiprocessing
import os

bind = f"{os.environ.get('HOST', '127.0.0.1')}:{os.environ.get('PORT', '8000')}"
# The usual (2 x cores) + 1 sync workers: page views are short and bound by CPU and the database.
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1))
timeout = 30
graceful_timeout = 30
keepalive = 5
# Recycle workers now and then so a slow leak cannot grow without bound; the application is
# loaded once in the master, so a recycled worker is forked ready and restarts in milliseconds.
preload_app = True
max_requests = 20000
max_requests_jitter = 2000
# One JSON line per request, without client addresses, query strings or cookies.
accesslog = "-"
logger_class = "newsroom.logging.GunicornJSONLogger"
errorlog = "-"
wsgi_app = "newsroom.wsgi:application"
# gunicorn's control socket (for gunicornc) is by default one path per user: a second instance
# on the host (blue/green, `make bench` beside `make run`) takes it over, and deletes it when it
# stops. So it is off unless a path of this instance's own is given.
control_socket = os.environ.get("GUNICORN_CONTROL_SOCKET", "")
control_socket_disable = not control_socket


def pre_fork(server, worker):
    """Workers open their own database connections: none opened while loading may be shared.

    And the loaded application's objects are moved out of the garbage collector's reach
    (gc.freeze(), as Python's documentation advises before a fork without exec): a new worker's
    first collections would otherwise walk them all and copy every memory page they lie on.
    That copying is what a recycled worker (max_requests) stalled on: with workers recycled every
    ~2,000 requests, the cached article page's p99 went from 60–350 ms to 14–96 ms (README).
    """
    import gc

    from django.db import connections

    connections.close_all()
    gc.freeze()
