"""A real database outage, against the production server: cached pages stay, the rest is a 503.

The application runs in gunicorn with the production configuration and reaches PostgreSQL
through a small TCP proxy in this test. Stopping the proxy is what a stopped database server
looks like from the application: its open connections break and new ones are refused.
"""

import contextlib
import http.client
import json
import os
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from unittest import skipUnless
from urllib.parse import quote, urlencode

from django.db import connection
from django.test import TransactionTestCase
from django.urls import reverse
from django.utils.translation import gettext, override

from consent.texts import current_digest
from newsroom.bench import stop_process_group
from tests.factories import make_article, make_cookie_groups, make_section

BASE_DIR = Path(__file__).resolve().parent.parent
START_TIMEOUT = 60
REQUEST_TIMEOUT = 10


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class DatabaseProxy:
    """Forwards TCP connections on a loopback port to the database server, until stopped."""

    def __init__(self, target):
        self.target = target
        self.port = free_port()
        self.accepted = 0
        self._lock = threading.Lock()
        self._open = set()
        self._listener = None
        self._acceptor = None

    def start(self):
        listener = socket.socket()
        # The same port again after a stop, whatever its closed connections left in TIME_WAIT.
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", self.port))
        listener.listen(64)
        self._listener = listener
        self._acceptor = threading.Thread(target=self._accept, args=(listener,), daemon=True)
        self._acceptor.start()

    def stop(self):
        """Refuse new connections and break every open one; return how many were open."""
        if self._listener is None:
            return 0
        # shutdown() wakes the accept() blocked in the other thread; close() alone does not.
        with contextlib.suppress(OSError):
            self._listener.shutdown(socket.SHUT_RDWR)
        self._listener.close()
        self._listener = None
        self._acceptor.join(timeout=5)
        with self._lock:
            broken, self._open = self._open, set()
        for sock in broken:
            _close(sock)
        return len(broken) // 2

    def _accept(self, listener):
        while True:
            try:
                client, _address = listener.accept()
            except OSError:
                return
            try:
                upstream = socket.create_connection(self.target, timeout=5)
            except OSError:
                client.close()
                continue
            upstream.settimeout(None)
            with self._lock:
                if listener is not self._listener:  # stopped meanwhile
                    _close(client)
                    _close(upstream)
                    return
                self.accepted += 1
                self._open |= {client, upstream}
            for source, sink in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pump, args=(source, sink), daemon=True).start()

    def _pump(self, source, sink):
        try:
            while data := source.recv(65536):
                sink.sendall(data)
        except OSError:
            pass
        with self._lock:
            self._open -= {source, sink}
        _close(source)
        _close(sink)


def _close(sock):
    with contextlib.suppress(OSError):
        sock.shutdown(socket.SHUT_RDWR)
    sock.close()


class Gunicorn:
    """The site in gunicorn, with the project's configuration file, logging to a file."""

    def __init__(self, env, workdir):
        self.port = free_port()
        self.env = {**env, "HOST": "127.0.0.1", "PORT": str(self.port), "WEB_CONCURRENCY": "1"}
        self.control_socket = workdir / "g.ctl"
        self.log_path = workdir / "gunicorn.log"
        self.process = None

    def start(self):
        # Production pages name hashed static files: they need collectstatic's manifest.
        subprocess.run(
            [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
            cwd=BASE_DIR,
            env=self.env,
            check=True,
            timeout=START_TIMEOUT,
        )
        with open(self.log_path, "ab") as log_file:
            self.process = subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "gunicorn",
                    "-c",
                    "newsroom/gunicorn.conf.py",
                    # The default is one path per user, shared with any other gunicorn here.
                    "--control-socket",
                    str(self.control_socket),
                ],
                env=self.env,
                cwd=BASE_DIR,
                stdout=log_file,
                stderr=log_file,
                start_new_session=True,
            )
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise AssertionError(f"gunicorn exited:\n{self.log()}")
            try:
                if self.get("/healthz")[0] == 200:
                    return
            except OSError:
                pass
            time.sleep(0.1)
        raise AssertionError(
            f"gunicorn did not answer /healthz in {START_TIMEOUT} s:\n{self.log()}"
        )

    def stop(self):
        stop_process_group(self.process)

    def request(self, method, path, body=None, headers=None):
        """(status, headers, body), redirects not followed, as through the TLS proxy."""
        client = http.client.HTTPConnection("127.0.0.1", self.port, timeout=REQUEST_TIMEOUT)
        try:
            client.request(
                method,
                path,
                body=body,
                headers={"Host": "127.0.0.1", "X-Forwarded-Proto": "https", **(headers or {})},
            )
            response = client.getresponse()
            return response.status, response.headers, response.read().decode()
        finally:
            client.close()

    def get(self, path):
        return self.request("GET", path)

    def log(self):
        return self.log_path.read_text(errors="replace")


def production_env(*, database_url, workdir):
    # The settings' own defaults, whatever this shell sets (DJANGO_CONN_MAX_AGE, say).
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DATABASE_URL", "REDIS_URL", "GUNICORN_CMD_ARGS"}
        and not key.startswith(("DJANGO_", "NEWSROOM_"))
    }
    env.update(
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50)[:50],
        DJANGO_ALLOWED_HOSTS="127.0.0.1,localhost",
        DJANGO_LOCAL_DEMO="0",
        DATABASE_URL=database_url,
        DJANGO_MEDIA_ROOT=str(workdir / "media"),
        DJANGO_STATIC_ROOT=str(workdir / "static"),
        DJANGO_CACHE_DIR=str(workdir / "cache"),
    )
    # No REDIS_URL: the page cache is the one worker's memory, which outlives the outage.
    return env


@skipUnless(
    connection.vendor == "postgresql",
    "The database outage is staged with a TCP proxy in front of PostgreSQL; SQLite has no server.",
)
class DatabaseOutageTests(TransactionTestCase):
    # The cookie groups come from a data migration; a transactional test's flush removes them.
    serialized_rollback = True

    def setUp(self):
        super().setUp()
        make_cookie_groups()
        self.section = make_section(slug="inrikes")
        self.cached_article = make_article(section=self.section, headline="Redan cachad")
        self.uncached_article = make_article(section=self.section, headline="Aldrig visad")

        workdir = Path(tempfile.mkdtemp(prefix="newsroom-outage-"))
        self.addCleanup(shutil.rmtree, workdir, ignore_errors=True)
        database = connection.settings_dict
        self.database = DatabaseProxy(
            (database["HOST"] or "127.0.0.1", int(database["PORT"] or 5432))
        )
        self.database.start()
        self.addCleanup(self.database.stop)
        credentials = quote(database["USER"] or "postgres", safe="")
        if database["PASSWORD"]:
            credentials += ":" + quote(database["PASSWORD"], safe="")
        self.server = Gunicorn(
            production_env(
                database_url=(
                    f"postgres://{credentials}@127.0.0.1:{self.database.port}/"
                    f"{quote(database['NAME'], safe='')}"
                ),
                workdir=workdir,
            ),
            workdir,
        )
        self.addCleanup(self.server.stop)  # before the proxy stops: cleanups run last first
        self.server.start()

    def stop_database(self):
        """Stop the database: the worker's open connection breaks, new ones are refused."""
        # The worker keeps its connection between requests (CONN_MAX_AGE): there is one to break.
        broken = self.database.stop()
        self.assertGreater(broken, 0, "no open database connection was broken by the outage")
        with self.assertRaises(ConnectionRefusedError):
            socket.create_connection(("127.0.0.1", self.database.port), timeout=1).close()

    def assert_plain_503(self, path, *, method="GET", **request):
        status, headers, body = self.server.request(method, path, **request)
        self.assertEqual(
            status, 503, f"{method} {path}, gunicorn's log:\n{self.server.log()[-6000:]}"
        )
        self.assertEqual(headers["Retry-After"], "30")
        self.assertIn("no-store", headers["Cache-Control"])
        # templates/503.html's text in the language of /sv/ addresses, as the catalogue compiled
        # in this tree has it (the server reads the same one; `make messages` compiles it).
        with override("sv"):
            heading = gettext("Temporarily unavailable")
            text = gettext(
                "Newsroom cannot show this page right now. Please try again in a minute."
            )
            server_error = gettext("Something went wrong")  # the 500 page's heading
        self.assertIn(f'<h1 class="page-heading">{heading}</h1>', body)
        self.assertIn(text, body)
        self.assertNotIn(server_error, body)
        self.assertNotIn("Traceback", body)

    def access_log(self):
        return [
            json.loads(line)
            for line in self.server.log().splitlines()
            if line.startswith("{") and '"method"' in line
        ]

    def test_cached_pages_are_served_and_others_answer_503_until_the_database_returns(self):
        # Swedish pages, whatever language an earlier test left active in this process.
        with override("sv"):
            cached = ("/sv/", self.cached_article.get_absolute_url())
            uncached = (self.uncached_article.get_absolute_url(), self.section.get_absolute_url())
            consent_url = reverse("consent:choose")

        bodies = {}
        for path in cached:
            status, _headers, bodies[path] = self.server.get(path)
            self.assertEqual(status, 200, path)
        self.assertIn("Redan cachad", bodies[self.cached_article.get_absolute_url()])
        self.assertEqual(self.server.get("/healthz")[0], 200)
        self.assertGreater(self.database.accepted, 0, "the site bypasses the proxy")

        self.stop_database()
        log_offset = len(self.server.log())
        for path in cached:
            status, _headers, body = self.server.get(path)
            self.assertEqual(status, 200, path)
            self.assertEqual(body, bodies[path], path)
        for path in uncached:
            self.assert_plain_503(path)
        status, _headers, body = self.server.get("/healthz")
        self.assertEqual(status, 503)
        self.assertEqual(json.loads(body), {"database": "unavailable", "cache": "ok"})
        self.assert_plain_503(
            consent_url,
            method="POST",
            body=urlencode({"choice": "accept", "source": "banner", "banner": current_digest()}),
            headers={
                "Content-Type": "application/x-www-form-urlencoded",
                "Sec-Fetch-Site": "same-origin",
            },
        )
        outage_log = self.server.log()[log_offset:]

        # The database is back: the same worker reconnects, and no 503 was cached.
        self.database.start()
        for path in uncached:
            status, _headers, body = self.server.get(path)
            self.assertEqual(status, 200, path)
        self.assertIn("Aldrig visad", self.server.get(uncached[0])[2])
        self.assertEqual(self.server.get("/healthz")[0], 200)
        self.assertIsNone(self.server.process.poll())
        self.assertEqual(self.server.log().count("Booting worker"), 1, "the worker was replaced")

        self.assertIn("database unavailable", outage_log)
        self.assertNotIn("Traceback", outage_log)
        # One line of the application's per 503, saying why; the probe's a warning.
        application = [
            json.loads(line)
            for line in outage_log.splitlines()
            if line.startswith("{") and '"level"' in line
        ]
        errors = [entry["message"] for entry in application if entry["level"] == "ERROR"]
        self.assertEqual(len(errors), len(uncached) + 1, application)
        for message in errors:
            self.assertRegex(message, r"^database unavailable: (GET|POST) /\S+ answered 503: \w")
        statuses = [entry["status"] for entry in self.access_log()]
        self.assertNotIn(500, statuses)
        self.assertEqual(statuses.count(503), len(uncached) + 2)  # and /healthz, the consent post

    def test_an_unknown_address_answers_503_while_the_database_is_down(self):
        self.assertEqual(self.server.get("/sv/finns-inte/")[0], 404)
        self.stop_database()
        self.assert_plain_503("/sv/finns-inte/")
