"""Several gunicorn workers, each with its own page copies: an editor's change reaches them all.

With no REDIS_URL every worker keeps its page copies in its own memory. The site runs here as
in production, in gunicorn with two workers on a SQLite file, and an editor unpublishes an
article through the admin, which one of the workers serves. No worker may show it afterwards.
"""

import html
import re
import shutil
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode

from django.test import SimpleTestCase

from tests.test_database_outage import BASE_DIR, START_TIMEOUT, Gunicorn, production_env

HEADLINE = "Kommunen säljer hamnen"
PASSWORD = "a-long-password-for-this-test-only"

SETUP = f"""
from django.contrib.auth.models import Group, User
from tests.factories import make_article
article = make_article(headline={HEADLINE!r})
editor = User.objects.create_user("redaktor", password={PASSWORD!r}, is_staff=True)
editor.groups.add(Group.objects.get(name="Editor"))
print(article.pk, article.get_absolute_url())
"""


def manage(env, *args):
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=BASE_DIR,
        env=env,
        check=True,
        capture_output=True,
        text=True,
        timeout=START_TIMEOUT,
    ).stdout


class Browser:
    """An editor's browser, as far as the admin needs one: cookies, and the form's CSRF token."""

    def __init__(self, server):
        self.server = server
        self.cookies = {}

    def request(self, method, path, data=None):
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        body = None
        if data is not None:
            body = urlencode(data)
            headers.update(
                {
                    "Content-Type": "application/x-www-form-urlencoded",
                    "Origin": "https://127.0.0.1",
                    "Referer": f"https://127.0.0.1{path}",
                }
            )
        status, response_headers, text = self.server.request(method, path, body, headers)
        for header in response_headers.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(header).items():
                self.cookies[name] = morsel.value
        return status, text

    def submit(self, path, data):
        """GET the page's form, then POST it with its CSRF token; the POST's status."""
        status, page = self.request("GET", path)
        assert status == 200, (path, status)
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
        return self.request("POST", path, {"csrfmiddlewaretoken": html.unescape(token), **data})[0]


class PageCacheAcrossWorkersTests(SimpleTestCase):
    def setUp(self):
        workdir = Path(tempfile.mkdtemp(prefix="newsroom-workers-"))
        self.addCleanup(shutil.rmtree, workdir, ignore_errors=True)
        env = production_env(database_url=f"sqlite:///{workdir / 'db.sqlite3'}", workdir=workdir)
        manage(env, "migrate", "--noinput", "-v0")
        article_id, self.article_url = manage(env, "shell", "-c", SETUP).splitlines()[-1].split()
        self.article_id = int(article_id)
        self.server = Gunicorn(env, workdir)
        self.server.env["WEB_CONCURRENCY"] = "2"
        self.addCleanup(self.server.stop)
        self.server.start()

    def get_many(self, path, count):
        # Eight at a time, so that both workers answer (and, at first, keep a copy).
        with ThreadPoolExecutor(max_workers=8) as pool:
            return list(pool.map(lambda _n: self.server.get(path), range(count)))

    def test_an_editors_change_in_one_worker_makes_every_workers_copy_stale(self):
        before = self.get_many(self.article_url, 40)
        self.assertEqual([status for status, _h, _b in before], [200] * 40)
        self.assertTrue(all(HEADLINE in body for _s, _h, body in before))

        editor = Browser(self.server)
        login = editor.submit(
            "/admin/login/?next=/admin/",
            {"username": "redaktor", "password": PASSWORD, "next": "/admin/"},
        )
        self.assertEqual(login, 302, self.server.log()[-3000:])
        changed = editor.submit(
            "/admin/articles/article/",
            {"action": "unpublish", "_selected_action": self.article_id, "index": 0},
        )
        self.assertEqual(changed, 302, self.server.log()[-3000:])

        after = self.get_many(self.article_url, 40)
        self.assertEqual(
            [status for status, _h, _b in after],
            [404] * 40,
            "a worker still served its copy of the unpublished article",
        )
