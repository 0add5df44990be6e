"""Real-browser tests: Playwright driving Debian's Chromium against pytest-django's live server."""

import os

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.core.servers.basehttp import WSGIServer
from playwright.sync_api import sync_playwright
from pytest_django.live_server_helper import LiveServer

from newsroom.chromium import CHROMIUM, CHROMIUM_ARGS


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.path):
            item.add_marker(pytest.mark.browser)


class SerialWSGIServer(WSGIServer):
    """Django's test server answering one request at a time (and closing each connection)."""

    def __init__(self, *args, connections_override=None, **kwargs):
        # LiveServerThread.run() already put the shared connections in place in its thread.
        super().__init__(*args, **kwargs)


@pytest.fixture(scope="session")
def live_server(request, django_db_setup):
    """pytest-django's live server; one request at a time with SQLite in memory.

    There the server's threads all use the test's one in-memory connection, and two requests at
    once (the admin's autocomplete as an editor types, while another request runs) failed inside
    SQLite: "bad parameter or other API misuse". On PostgreSQL each thread has a connection of
    its own, and the server stays threaded.
    """
    address = (
        request.config.getvalue("liveserver")
        or os.getenv("DJANGO_LIVE_TEST_SERVER_ADDRESS")
        or "localhost"
    )
    # After the test database is made (django_db_setup): its connections are the ones shared.
    server = LiveServer(address, start=False)
    if server.thread.connections_override:
        server.thread.server_class = SerialWSGIServer
    server.start()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def browser():
    # Playwright's sync API runs an event loop in this thread; the ORM calls made by the
    # tests themselves are still synchronous.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="sv-SE", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def new_context(browser):
    """Browser contexts (separate visitors) in Swedish, closed after the test."""
    contexts = []

    def new_context(**options):
        defaults = {"locale": "sv-SE", "viewport": {"width": 1280, "height": 900}}
        context = browser.new_context(**{**defaults, **options})
        contexts.append(context)
        return context

    yield new_context
    for context in contexts:
        context.close()


@pytest.fixture(scope="session")
def axe():
    return Axe()


def serious_violations(results):
    """axe-core violations of serious or critical impact, as readable lines."""
    return [
        f"{v['id']} ({v['impact']}): {v['help']} – {[n['target'] for n in v['nodes']]}"
        for v in results.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]
