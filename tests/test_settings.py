import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def manage(*args, **env):
    configuration = ("DJANGO_", "DATABASE_URL", "REDIS_URL", "NEWSROOM_")
    base = {k: v for k, v in os.environ.items() if not k.startswith(configuration)}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**base, **env},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.mark.parametrize(
    ("env", "missing"),
    [
        ({"DJANGO_LOCAL_DEMO": "0"}, "DJANGO_SECRET_KEY"),
        ({"DJANGO_SECRET_KEY": "x" * 60}, "DJANGO_ALLOWED_HOSTS"),
        # Set but empty (an unset variable in an env file, say): every request would get a 400.
        ({"DJANGO_SECRET_KEY": "x" * 60, "DJANGO_ALLOWED_HOSTS": ""}, "DJANGO_ALLOWED_HOSTS"),
        ({"DJANGO_SECRET_KEY": "x" * 60, "DJANGO_ALLOWED_HOSTS": " , "}, "DJANGO_ALLOWED_HOSTS"),
    ],
)
def test_production_without_its_secrets_refuses_to_start(env, missing):
    result = manage("check", **env)
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert missing in result.stderr


def test_host_names_may_be_listed_with_spaces_after_the_commas():
    result = manage(
        "shell",
        "-c",
        "from django.conf import settings; print(settings.ALLOWED_HOSTS)",
        DJANGO_SECRET_KEY="x" * 60,
        DJANGO_ALLOWED_HOSTS="news.example.se, www.news.example.se ,",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1] == "['news.example.se', 'www.news.example.se']"


@pytest.mark.parametrize("url", ["", "localhost:6379", "127.0.0.1:6379/0", "http://cache:6379/0"])
def test_a_redis_url_redis_cannot_use_stops_start_up(url):
    # Otherwise every page would be a 500: the page cache asks Redis on every request.
    result = manage(
        "check", DJANGO_SECRET_KEY="x" * 60, DJANGO_ALLOWED_HOSTS="news.example.se", REDIS_URL=url
    )
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "REDIS_URL" in result.stderr


@pytest.mark.parametrize(
    "url", ["", "mysql2://news@db/newsroom", "postgress://news@db/newsroom", "db.internal:5432"]
)
def test_a_database_url_the_site_cannot_use_stops_start_up_with_a_message(url):
    # Not a KeyError or a missing-driver traceback: the variable and the forms it takes.
    result = manage(
        "check",
        DJANGO_SECRET_KEY="x" * 60,
        DJANGO_ALLOWED_HOSTS="news.example.se",
        DATABASE_URL=url,
    )
    assert result.returncode != 0
    (last_line,) = result.stderr.strip().splitlines()[-1:]
    assert last_line.startswith("django.core.exceptions.ImproperlyConfigured: DATABASE_URL")
    assert "postgres://" in last_line
    assert "sqlite:///" in last_line


@pytest.mark.parametrize(
    ("url", "engine"),
    [
        ("postgres://news@db.internal:5432/newsroom", "django.db.backends.postgresql"),
        ("postgresql://news@db.internal/newsroom", "django.db.backends.postgresql"),
        ("sqlite:////tmp/newsroom.sqlite3", "django.db.backends.sqlite3"),
    ],
)
def test_a_postgres_or_sqlite_database_url_is_accepted(url, engine):
    result = manage(
        "shell",
        "-c",
        "from django.conf import settings; print(settings.DATABASES['default']['ENGINE'])",
        DJANGO_SECRET_KEY="x" * 60,
        DJANGO_ALLOWED_HOSTS="news.example.se",
        DATABASE_URL=url,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1] == engine


def test_production_configuration_passes_the_deployment_checks():
    result = manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DJANGO_SECRET_KEY="a-long-random-production-secret-" + "k" * 40,
        DJANGO_ALLOWED_HOSTS="news.example.se",
    )
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_nothing_set_runs_the_local_demo_on_sqlite():
    result = manage(
        "shell",
        "-c",
        "from django.conf import settings as s; "
        "print(s.LOCAL_DEMO, s.DEBUG, s.DATABASES['default']['ENGINE'])",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1].split() == ["True", "False", "django.db.backends.sqlite3"]


def test_every_environment_variable_the_configuration_reads_is_documented():
    # An operator reads the README's Configuration section, not settings.py.
    read = set()
    for source, pattern in (
        ("newsroom/settings.py", r"env\.\w+\(\s*\"([A-Z][A-Z0-9_]+)\""),
        ("newsroom/settings.py", r"\"([A-Z][A-Z0-9_]+)\" (?:not )?in env\.ENVIRON"),
        ("newsroom/gunicorn.conf.py", r"os\.environ\.get\(\s*'([A-Z][A-Z0-9_]+)'"),
        ("newsroom/gunicorn.conf.py", r"os\.environ\.get\(\s*\"([A-Z][A-Z0-9_]+)\""),
    ):
        read |= set(re.findall(pattern, (ROOT / source).read_text()))
    readme = (ROOT / "README.md").read_text()
    section = readme.split("\n## Configuration\n", 1)[1].split("\n## ", 1)[0]
    documented = set(re.findall(r"^\| `([A-Z][A-Z0-9_]+)` \|", section, flags=re.MULTILINE))
    assert {"DJANGO_SECRET_KEY", "REDIS_URL", "WEB_CONCURRENCY"} <= read
    assert read - documented == set()
    assert documented - read == set()
