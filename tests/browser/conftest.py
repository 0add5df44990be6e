"""Real-browser tests: Playwright driving Debian's Chromium against pytest-django's live server."""

import importlib
import os

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.apps import apps
from django.contrib.auth.models import Group, User
from django.core.servers.basehttp import WSGIServer
from playwright.sync_api import expect, sync_playwright
from pytest_django.live_server_helper import LiveServer

from newsroom.chromium import CHROMIUM, CHROMIUM_ARGS

# The password of the staff users the browser tests log in as.
STAFF_PASSWORD = "redaktionens-eget-losenord-42"


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


@pytest.fixture
def editor(db):
    """An editor with the data migration's "Editor" role (a transactional test's flush deletes
    it, so it is made again)."""
    importlib.import_module("articles.migrations.0004_editor_role").create_role(apps, None)
    user = User.objects.create_user(username="redaktor", password=STAFF_PASSWORD, is_staff=True)
    user.groups.add(Group.objects.get(name="Editor"))
    return user


def admin_log_in(page, base_url, username, password=STAFF_PASSWORD):
    """Log in through the Swedish admin's form, as a person would."""
    page.goto(base_url + "/admin/login/")
    page.get_by_label("Användarnamn").fill(username)
    page.get_by_label("Lösenord").fill(password)
    page.get_by_role("button", name="Logga in").click()
    expect(page).to_have_url(base_url + "/admin/")
