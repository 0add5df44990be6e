import os
import shutil
import tempfile
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.utils import translation
from hypothesis import settings as hypothesis_settings

_generation_dir = None

# No time limit on a generated example: Hypothesis's default (200 ms each) failed a test now
# and then on a loaded machine, and the suite asserts behaviour, never speed.
hypothesis_settings.register_profile("newsroom", deadline=None)
hypothesis_settings.load_profile("newsroom")


def pytest_configure(config):
    # Tests read static files through the finders: no collectstatic manifest is needed.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    # Pages are rendered afresh in tests; tests/test_page_cache.py turns the page cache on.
    settings.NEWSROOM_PAGE_CACHE_SECONDS = 0
    settings.WHITENOISE_USE_FINDERS = True
    # Django's own advice for tests: a fast hasher. PBKDF2's 1.5 million rounds took most of a
    # second for each user made and each sign-in, a minute and more of the suite.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.WHITENOISE_AUTOREFRESH = True
    # The page cache's generation file (no REDIS_URL): a folder of this run's own.
    generation = settings.CACHES["generation"]
    if generation["BACKEND"].endswith("FileBasedCache"):
        global _generation_dir
        _generation_dir = tempfile.mkdtemp(prefix="newsroom-test-cache-")
        settings.CACHES = {
            **settings.CACHES,
            "generation": {**generation, "LOCATION": _generation_dir},
        }
    # pytest-xdist's workers (gw0, gw1, …) run side by side, and each clears the caches around
    # every test: on Redis, each worker has a database of its own, counted on from REDIS_URL's.
    if worker := os.environ.get("PYTEST_XDIST_WORKER"):
        number = int(worker.removeprefix("gw"))
        settings.CACHES = {
            alias: _own_redis_database(cache, number) for alias, cache in settings.CACHES.items()
        }


def _own_redis_database(cache, number):
    if not cache["BACKEND"].endswith("RedisCache"):
        return cache
    address = urlsplit(cache["LOCATION"])
    database = int(address.path.strip("/") or 0) + number
    return {**cache, "LOCATION": address._replace(path=f"/{database}").geturl()}


def pytest_unconfigure(config):
    if _generation_dir:
        shutil.rmtree(_generation_dir, ignore_errors=True)


@pytest.fixture(autouse=True, scope="session")
def _session_media_root(tmp_path_factory):
    """Uploads made while a test class sets up its data (before _media_root) stay out of media/."""
    settings.MEDIA_ROOT = tmp_path_factory.mktemp("media")


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    """Uploaded images and renditions of each test go to a directory of its own."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _default_language():
    """Each test ends in the default language: a test client's request leaves its own active,
    and addresses that depend on it (a section's) then came out in English in later tests."""
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with empty caches (cookie groups and counters live there)."""
    from django.core.cache import caches

    from newsroom.cache import cache_outage

    for cache in caches.all():
        cache.clear()
    cache_outage.reset()
    yield
    for cache in caches.all():
        cache.clear()
    cache_outage.reset()


@pytest.fixture
def cookie_groups(db):
    """The consent app's cookie groups (a transactional test's flush deletes them)."""
    from cookie_consent.models import CookieGroup

    from tests.factories import make_cookie_groups

    make_cookie_groups()
    assert CookieGroup.objects.filter(varname="analytics", is_required=False).exists()
