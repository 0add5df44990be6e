"""Consent under load: concurrent answers against a real server are each recorded exactly once."""

import threading
from collections import Counter
from concurrent.futures import ThreadPoolExecutor, wait
from http.cookies import SimpleCookie
from unittest import skipUnless
from urllib.parse import urlencode
from urllib.request import HTTPErrorProcessor, ProxyHandler, Request, build_opener

from django.core import signing
from django.core.servers.basehttp import ThreadedWSGIServer
from django.db import connection
from django.test import LiveServerTestCase
from django.test.testcases import LiveServerThread

from consent.models import BannerVersion, ConsentRecord
from consent.services import SIGNING_SALT
from consent.texts import current_digest
from tests.factories import make_cookie_groups

CONCURRENT_POSTS = 200
# Seconds: for all posts to be ready, for one answer, and for every answer.
START_TIMEOUT = 30
REQUEST_TIMEOUT = 60
TOTAL_TIMEOUT = 180


class _DeepQueueServer(ThreadedWSGIServer):
    # Django's development server queues 10 connections and resets the rest; a production
    # server queues far more (gunicorn: 2048). The test is of the application, not the queue.
    request_queue_size = 2 * CONCURRENT_POSTS


class _DeepQueueServerThread(LiveServerThread):
    server_class = _DeepQueueServer


class _EveryResponse(HTTPErrorProcessor):
    """Hand back every response as it came: the 303 is the answer under test, not a hop."""

    def http_response(self, request, response):
        return response

    https_response = http_response


@skipUnless(
    connection.vendor == "postgresql",
    "Concurrent consent is tested against PostgreSQL only: SQLite serialises every write.",
)
class ConcurrentConsentTests(LiveServerTestCase):
    host = "127.0.0.1"
    server_thread_class = _DeepQueueServerThread
    # The cookie groups come from a data migration; a transactional test's flush removes them.
    serialized_rollback = True

    def setUp(self):
        super().setUp()
        make_cookie_groups()
        # Loopback only: no proxy from the environment, and no redirect is followed.
        self.opener = build_opener(ProxyHandler({}), _EveryResponse)

    def post_consent(self, number, banner, ready):
        choice = "accept" if number % 2 else "decline"
        data = {
            "choice": choice,
            "source": "banner",
            "banner": banner,
            "next": f"/sv/?visitor={number}",
        }
        request = Request(
            f"{self.live_server_url}/sv/samtycke/",
            data=urlencode(data).encode(),
            method="POST",
            headers={
                "Content-Type": "application/x-www-form-urlencoded",
                "Sec-Fetch-Site": "same-origin",
            },
        )
        ready.wait(timeout=START_TIMEOUT)
        try:
            with self.opener.open(request, timeout=REQUEST_TIMEOUT) as response:
                response.read()
                cookies = SimpleCookie()
                for header in response.headers.get_all("Set-Cookie") or []:
                    cookies.load(header)
                consent = cookies["nr_consent"].value if "nr_consent" in cookies else None
                return number, response.status, response.headers.get("Location"), consent
        except OSError as error:  # refused, reset or timed out: reported, not raised
            return number, repr(error), None, None

    def test_concurrent_consent_posts_are_each_recorded_exactly_once(self):
        # Read here, not in the posting threads: a thread that uses the ORM opens a connection
        # of its own, which nothing closes (each held a PostgreSQL session to the end of the
        # run, and the test database could not be dropped).
        banner = current_digest()
        ready = threading.Barrier(CONCURRENT_POSTS)
        with ThreadPoolExecutor(max_workers=CONCURRENT_POSTS) as executor:
            futures = [
                executor.submit(self.post_consent, number, banner, ready)
                for number in range(CONCURRENT_POSTS)
            ]
            done, not_done = wait(futures, timeout=TOTAL_TIMEOUT)
            self.assertEqual(len(not_done), 0, f"{len(not_done)} posts got no answer in time")
        answers = [future.result() for future in done]

        statuses = Counter(status for _number, status, _location, _cookie in answers)
        self.assertEqual(statuses, Counter({303: CONCURRENT_POSTS}))
        for number, _status, location, _cookie in answers:
            self.assertEqual(location, f"/sv/?visitor={number}")

        answered_ids = [
            signing.loads(cookie, salt=SIGNING_SALT)["id"] for _n, _s, _l, cookie in answers
        ]
        recorded_ids = [
            record.consent_id.hex for record in ConsentRecord.objects.only("consent_id")
        ]
        self.assertEqual(len(recorded_ids), CONCURRENT_POSTS)
        self.assertEqual(len(set(recorded_ids)), CONCURRENT_POSTS)
        self.assertEqual(sorted(answered_ids), sorted(recorded_ids))
        choices = Counter(ConsentRecord.objects.values_list("choice", flat=True))
        half = CONCURRENT_POSTS // 2
        self.assertEqual(choices, Counter({"accepted": half, "declined": half}))
        # Every post raced to store the first use of the current banner: it is stored once.
        self.assertEqual(BannerVersion.objects.count(), 1)
