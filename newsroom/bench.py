"""`make bench`: the production configuration under a real load generator, with 10,000 articles.

Run as `python -m newsroom.bench` (not part of the test suite). It builds a separate database
(a temporary SQLite file, or BENCH_DATABASE_URL), fills it with the demo content and copies of
it, starts gunicorn with newsroom/gunicorn.conf.py on loopback and measures with wrk: the front,
article and section pages (from the page cache and rendered), a static file, the consent POST and
the framework's floor (newsroom/bench_floor.py). It also counts SQL queries per page, compares
the front page with 10 and with 10,000 articles and weighs the article page. It reports; it does
not gate: the exit status is non-zero only when the benchmark itself could not run.

Environment: BENCH_DURATION (seconds per run, 10), BENCH_CONNECTIONS (16), BENCH_THREADS (2),
BENCH_ARTICLES (10000), BENCH_DATABASE_URL (a scratch database; default a temporary SQLite file),
REDIS_URL (the cache; default local memory in each worker), WEB_CONCURRENCY (gunicorn workers;
default one per core), GUNICORN_CMD_ARGS (passed to gunicorn as usual).

Django settings are fixed per process, so the steps that need the ORM run in child processes of
this module (`python -m newsroom.bench <step>`) with the benchmark's environment.
"""

import gzip
import http.client
import json
import os
import platform
import re
import resource
import secrets
import shutil
import signal
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlencode

BASE_DIR = Path(__file__).resolve().parent.parent

SMALL_ARCHIVE = 10
# The article, section and language measured: a demo story with a translation and a lead image.
LANGUAGE = "sv"
ARTICLE_SLUG = "takaichi-och-trump-lovar-att-starka-alliansen"
SECTION_SLUG = "utrikes"
# Slug prefix of the bulk copies, so that a rerun on BENCH_DATABASE_URL can remove them.
COPY_PREFIX = "bench-"
BATCH_SIZE = 500
# In-process requests per archive size for the front page comparison.
FRONT_PAGE_SAMPLES = 40

TARGETS = {
    "cached_share": 0.70,
    "cached_p99_ms": 25.0,
    "uncached_share": 0.25,
    "weight_kb": 30.0,
}

# What a browser behind a TLS-terminating proxy sends: settings trust X-Forwarded-Proto.
HEADERS = {"X-Forwarded-Proto": "https", "Accept-Encoding": "gzip, deflate, br"}

# How a page is measured uncached: the page cache keeps one copy per address, host included
# (pages name their host in their links), and the benchmark's server allows every host name
# under this one, so a request naming a host not asked for before misses, and the page is
# rendered, stored and served as on any miss, by the same server, middleware and page cache as
# the cached runs. (A query parameter would not do: pages are kept once whatever parameters
# they do not read; and a second server with the page cache switched off would skip the miss's
# lookup and store, and would not share the floor's run.)
MISS_DOMAIN = "miss.localhost"


def miss_host(*parts):
    """A host name under MISS_DOMAIN, one of its own for each `parts` (letters and digits)."""
    return f"{'-'.join(map(str, parts))}.{MISS_DOMAIN}"


class BenchError(Exception):
    """The benchmark itself could not run."""


# --- Steps run in child processes, with Django set up for the benchmark's database ----------


def step_small_archive():
    """Migrated database -> the demo content with exactly SMALL_ARCHIVE published articles."""
    import io

    from django.core.management import call_command
    from django.db import transaction

    from articles.models import Article

    remove_copies()
    call_command("load_demo", force=True, stdout=io.StringIO())
    measured = Article.objects.filter(slug=ARTICLE_SLUG, language=LANGUAGE).get()
    keep = {measured.pk, *measured.translations_queryset().values_list("pk", flat=True)}
    published = list(Article.objects.published().order_by("published_at", "pk"))
    # The demo has a few more than ten: the oldest others become drafts (in this database only).
    extra = [a.pk for a in published if a.pk not in keep][: max(0, len(published) - SMALL_ARCHIVE)]
    with transaction.atomic():
        Article.objects.filter(pk__in=extra).update(status=Article.Status.DRAFT)
    return {"published": Article.objects.published().count()}


def remove_copies():
    from django.db import transaction

    from articles.models import Article, Byline

    copies = Article.objects.filter(slug__startswith=COPY_PREFIX)
    with transaction.atomic():
        Byline.objects.filter(article__in=copies).delete()
        # The copies were bulk-created without revisions; a plain DELETE keeps none either
        # (QuerySet.delete() would write a history row for each of them).
        copies._raw_delete(copies.db)


def step_fill(total):
    """Add copies of the demo articles until `total` are published (bulk_create, no save())."""
    from datetime import timedelta

    from django.contrib.postgres.search import SearchVector
    from django.db import connection, transaction
    from django.db.models import F, Value
    from django.utils import timezone

    from articles.models import Article, Byline, Section
    from articles.querysets import SEARCH_CONFIGS, column_without_ignored
    from newsroom.cache import page_cache_purge

    started = time.perf_counter()
    remove_copies()
    templates = list(
        Article.objects.published()
        .exclude(slug__startswith=COPY_PREFIX)
        .prefetch_related("bylines")
        .order_by("pk")
    )
    sections = list(Section.objects.order_by("pk"))
    missing = total - Article.objects.published().count()
    now = timezone.now()
    authors = {template.pk: [author.pk for author in template.byline] for template in templates}
    for start in range(0, max(0, missing), BATCH_SIZE):
        batch, bylines = [], []
        for n in range(start, min(missing, start + BATCH_SIZE)):
            template = templates[n % len(templates)]
            bylines.append(authors[template.pk])
            batch.append(
                Article(
                    language=template.language,
                    headline=template.headline,
                    slug=f"{COPY_PREFIX}{n:05d}-{template.slug}"[:200],
                    lede=template.lede,
                    body=template.body,
                    # bulk_create bypasses save(): the template's rendered body is reused.
                    body_html=template.body_html,
                    section=sections[n % len(sections)],
                    status=Article.Status.PUBLISHED,
                    # Spread over the past: one every 30 minutes, newest first.
                    published_at=now - timedelta(minutes=30 * (n + 1)),
                    lead_image_id=template.lead_image_id,
                    lead_image_caption=template.lead_image_caption,
                )
            )
        with transaction.atomic():
            created = Article.objects.bulk_create(batch)
            Byline.objects.bulk_create(
                Byline(article_id=article.pk, author_id=author, position=position)
                for article, byline in zip(created, bylines, strict=True)
                for position, author in enumerate(byline, start=1)
            )
    if connection.vendor == "postgresql":
        # What save() would have stored (see Article.save), and fresh planner statistics, as
        # autovacuum would have gathered on a real site.
        copies = Article.objects.filter(slug__startswith=COPY_PREFIX)

        def text(field):
            return column_without_ignored(F(field))

        for language, config in SEARCH_CONFIGS.items():
            copies.filter(language=language).update(
                search_vector=SearchVector(text("headline"), weight="A", config=Value(config))
                + SearchVector(text("lede"), weight="B", config=Value(config))
                + SearchVector(text("body"), weight="C", config=Value(config))
            )
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    page_cache_purge()
    return {
        "published": Article.objects.published().count(),
        "articles": Article.objects.count(),
        "seconds": round(time.perf_counter() - started, 1),
    }


class QueryTimer:
    """Counts queries and the time spent executing them (connection.execute_wrapper)."""

    def __init__(self):
        self.count = 0
        self.seconds = 0.0

    def __call__(self, execute, sql, params, many, context):
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            self.seconds += time.perf_counter() - started
            self.count += 1


def step_probe():
    """In-process: addresses, queries per page with a cold and a warm page cache, front page cost."""
    from django.db import connection
    from django.templatetags.static import static
    from django.test import Client
    from django.urls import reverse
    from django.utils.translation import override

    from articles.models import Article
    from consent.texts import current_digest
    from newsroom.cache import page_cache_purge

    with override(LANGUAGE):
        urls = {
            "front": reverse("articles:front"),
            "article": Article.url_for(LANGUAGE, ARTICLE_SLUG),
            "section": reverse("articles:section", kwargs={"slug": SECTION_SLUG}),
            "consent": reverse("consent:choose"),
        }
    urls["static"] = static("css/site.css")
    urls["floor"] = reverse("bench_floor")
    urls["article data"] = reverse(
        "bench_article_data", kwargs={"language": LANGUAGE, "slug": ARTICLE_SLUG}
    )
    digest = current_digest()
    consent_form = consent_body(digest, urls["front"])
    client = Client(headers={"host": "127.0.0.1", **HEADERS})
    post_form = {
        "data": consent_form,
        "content_type": "application/x-www-form-urlencoded",
        "headers": {"sec-fetch-site": "same-origin"},
    }

    def measure(method, url, **kwargs):
        """The response and its queries."""
        timer = QueryTimer()
        with connection.execute_wrapper(timer):
            response = getattr(client, method)(url, **kwargs)
        if hasattr(response, "streaming_content"):
            b"".join(response.streaming_content)
            response.close()
        return response, timer

    # The process first serves each page once (site, content types and translations loaded, as
    # in a running worker); "cold" then means an empty page cache (a new generation, the same as
    # an editor's change), "warm" the next request for the same address.
    article_page, _timer = measure("get", urls["article"])
    Path(os.environ["NEWSROOM_BENCH_FLOOR"]).write_bytes(article_page.content)
    token = secrets.token_hex(4)
    queries = {}
    for number, name in enumerate(
        ("front", "article", "article data", "section", "static", "floor")
    ):
        measure("get", urls[name])
        page_cache_purge()
        cold_response, cold = measure("get", urls[name])
        warm_response, warm = measure("get", urls[name])
        # As the wrk runs measure a page uncached: a host of its own, the generation warm.
        miss_response, miss = measure("get", urls[name], headers={"host": miss_host(token, number)})
        statuses = {cold_response.status_code, warm_response.status_code, miss_response.status_code}
        if statuses != {200}:
            raise BenchError(f"{urls[name]} answered {statuses} in-process")
        if name in ("front", "article", "section") and miss.count == 0:
            raise BenchError(f"{urls[name]} was served from the page cache for a new host")
        queries[name] = {"cold": cold.count, "warm": warm.count, "miss": miss.count}
    measure("post", urls["consent"], **post_form)
    client.cookies.clear()
    response, posted = measure("post", urls["consent"], **post_form)
    client.cookies.clear()
    if response.status_code != 303:
        raise BenchError(f"the consent POST answered {response.status_code} in-process")
    queries["consent"] = {"cold": posted.count, "warm": posted.count}

    # The front page rendered (a page cache miss): a new host each time, as in the wrk run.
    samples, sql, counts = [], [], set()
    for n in range(FRONT_PAGE_SAMPLES):
        started = time.perf_counter()
        response, timer = measure("get", urls["front"], headers={"host": miss_host(token, n)})
        samples.append(time.perf_counter() - started)
        sql.append(timer.seconds)
        counts.add(timer.count)
    cards = response.content.count(b'<article class="card')
    return {
        "urls": urls,
        "digest": digest,
        "queries": queries,
        "front": {
            "published": Article.objects.published().count(),
            "queries": sorted(counts),
            "median_ms": statistics.median(samples) * 1000,
            "sql_ms": statistics.median(sql) * 1000,
            "cards": cards,
        },
    }


STEPS = {"small": step_small_archive, "fill": step_fill, "probe": step_probe}


def run_step(argv):
    import django

    django.setup()
    name, *args = argv
    result = STEPS[name](*map(int, args))
    print(json.dumps(result))


# --- The orchestrator: no Django settings of its own --------------------------------------


@dataclass
class Config:
    duration: int = 10
    connections: int = 16
    threads: int = 2
    articles: int = 10_000
    workers: int = 2
    database_url: str | None = None
    redis_url: str | None = None

    @classmethod
    def from_env(cls):
        environ = os.environ
        return cls(
            duration=int(environ.get("BENCH_DURATION", 10)),
            connections=int(environ.get("BENCH_CONNECTIONS", 16)),
            threads=int(environ.get("BENCH_THREADS", 2)),
            articles=int(environ.get("BENCH_ARTICLES", 10_000)),
            workers=int(environ.get("WEB_CONCURRENCY") or len(os.sched_getaffinity(0))),
            database_url=environ.get("BENCH_DATABASE_URL") or None,
            redis_url=environ.get("REDIS_URL") or None,
        )


def bench_env(config, workdir):
    """The production configuration, pointed at the benchmark's own database and media."""
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DJANGO_DEBUG", "REDIS_URL", "DATABASE_URL", "DJANGO_SETTINGS_MODULE"}
    }
    env.update(
        DJANGO_SETTINGS_MODULE="newsroom.settings",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        # And every name under MISS_DOMAIN, for the uncached runs.
        DJANGO_ALLOWED_HOSTS=f"127.0.0.1,localhost,.{MISS_DOMAIN}",
        DJANGO_LOCAL_DEMO="0",
        DATABASE_URL=config.database_url or f"sqlite:///{workdir / 'bench.sqlite3'}",
        DJANGO_MEDIA_ROOT=str(workdir / "media"),
        # The page cache's generation (no REDIS_URL): apart from a `make run` of this checkout.
        DJANGO_CACHE_DIR=str(workdir / "cache"),
        # So that the lead image's rendition can be fetched and weighed.
        DJANGO_SERVE_MEDIA="1",
        NEWSROOM_DEMO_PASSWORD=secrets.token_urlsafe(16),
        NEWSROOM_BENCH_FLOOR=str(workdir / "floor.html"),
        PYTHONUNBUFFERED="1",
    )
    if config.redis_url:
        env["REDIS_URL"] = config.redis_url
    return env


def stop_process_group(process, timeout=35):
    """Stop a server started in a session of its own (gunicorn's master and its workers)."""
    if process is None or process.poll() is not None:
        return
    os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()


def run(cmd, env, what, timeout=300):
    started = time.perf_counter()
    try:
        done = subprocess.run(  # noqa: S603 - our own interpreter and arguments
            cmd, env=env, cwd=BASE_DIR, capture_output=True, text=True, timeout=timeout
        )
    except subprocess.TimeoutExpired as error:
        raise BenchError(f"{what}: no answer after {timeout} s") from error
    if done.returncode != 0:
        raise BenchError(f"{what} failed:\n{done.stdout[-2000:]}{done.stderr[-4000:]}")
    log(f"{what}: {time.perf_counter() - started:.1f} s")
    return done.stdout


def run_django_step(env, what, *args):
    out = run([sys.executable, "-m", "newsroom.bench", *map(str, args)], env, what)
    return json.loads(out.strip().splitlines()[-1])


def log(message):
    print(f"· {message}", file=sys.stderr, flush=True)


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def request(port, method, path, body=None, headers=None, timeout=10):
    """One request to the benchmark's server: (status, headers, body), redirects not followed."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        connection.request(method, path, body=body, headers={**HEADERS, **(headers or {})})
        response = connection.getresponse()
        return response.status, dict(response.getheaders()), response.read()
    finally:
        connection.close()


class Gunicorn:
    """gunicorn with the project's configuration file, on loopback, logging to a file."""

    def __init__(self, env, port, workers, log_path):
        self.env = {**env, "HOST": "127.0.0.1", "PORT": str(port), "WEB_CONCURRENCY": str(workers)}
        # gunicorn's control socket defaults to one path per user (~/.gunicorn/gunicorn.ctl),
        # shared with any other gunicorn running here: the benchmark's gets its own.
        control = f"--control-socket {log_path.parent / 'gunicorn.ctl'}"
        self.env["GUNICORN_CMD_ARGS"] = f"{control} {env.get('GUNICORN_CMD_ARGS', '')}".strip()
        self.port = port
        self.log_path = log_path
        self.process = None

    def start(self):
        with open(self.log_path, "ab") as log_file:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "gunicorn", "-c", "newsroom/gunicorn.conf.py"],
                env=self.env,
                cwd=BASE_DIR,
                stdout=log_file,
                stderr=log_file,
                start_new_session=True,
            )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise BenchError(f"gunicorn exited:\n{self.log_tail()}")
            try:
                if request(self.port, "GET", "/healthz", timeout=2)[0] == 200:
                    return self
            except OSError:
                pass
            time.sleep(0.2)
        raise BenchError(f"gunicorn did not answer /healthz within 60 s:\n{self.log_tail()}")

    def stop(self):
        stop_process_group(self.process)

    def log_size(self):
        return self.log_path.stat().st_size

    def log_since(self, offset):
        with open(self.log_path, "rb") as file:
            file.seek(offset)
            return file.read().decode(errors="replace")

    def log_tail(self):
        return self.log_since(max(0, self.log_size() - 4000))


class CpuMeter:
    """How much of the machine's CPU went to processes other than gunicorn, wrk and this one.

    The benchmark shares its cores with whatever else runs; a busy neighbour lowers every figure,
    so the report says how busy it was.
    """

    def __init__(self, server):
        self.server = server
        self.tick = os.sysconf("SC_CLK_TCK")

    @staticmethod
    def busy_ticks():
        with open("/proc/stat") as stat:
            values = [int(value) for value in stat.readline().split()[1:9]]
        return sum(values) - values[3] - values[4]  # all but idle and iowait

    def our_ticks(self):
        """Ticks of gunicorn's session (reaped workers count in the master's cutime), wrk and us."""
        ticks = 0
        for stat_path in Path("/proc").glob("[0-9]*/stat"):
            try:
                fields = stat_path.read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[3]) == self.server.process.pid:
                ticks += sum(int(value) for value in fields[11:13])
                if stat_path.parent.name == str(self.server.process.pid):
                    ticks += sum(int(value) for value in fields[13:15])
        for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN):
            usage = resource.getrusage(who)
            ticks += (usage.ru_utime + usage.ru_stime) * self.tick
        return ticks

    def __enter__(self):
        self.started = (time.monotonic(), self.busy_ticks(), self.our_ticks())
        return self

    def __exit__(self, *exc_info):
        elapsed = time.monotonic() - self.started[0]
        others = (self.busy_ticks() - self.started[1]) - (self.our_ticks() - self.started[2])
        capacity = elapsed * self.tick * len(os.sched_getaffinity(0))
        self.others_share = max(0.0, others / capacity)


@dataclass
class Result:
    name: str
    path: str
    rps: float = 0.0
    p50_ms: float = 0.0
    p99_ms: float = 0.0
    requests: int = 0
    non_2xx_3xx: int = 0
    socket_errors: int = 0
    socket_detail: str = ""
    statuses: dict = field(default_factory=dict)
    worker_boots: int = 0
    # What gunicorn's access log says the workers spent per request (no queueing, no network).
    server_p50_ms: float = 0.0
    problems: dict = field(default_factory=dict)

    @property
    def errors(self):
        return self.non_2xx_3xx + self.socket_errors


def to_ms(text):
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text).groups()
    return float(number) * {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}[unit]


def parse_wrk(output, result):
    match = re.search(r"Requests/sec:\s+([\d.]+)", output)
    if match is None:
        raise BenchError(f"unexpected wrk output:\n{output}")
    result.rps = float(match.group(1))
    result.p50_ms = to_ms(re.search(r"^\s+50%\s+(\S+)", output, re.M).group(1))
    result.p99_ms = to_ms(re.search(r"^\s+99%\s+(\S+)", output, re.M).group(1))
    result.requests = int(re.search(r"(\d+) requests in", output).group(1))
    if match := re.search(r"Non-2xx or 3xx responses:\s+(\d+)", output):
        result.non_2xx_3xx = int(match.group(1))
    if match := re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output
    ):
        result.socket_errors = sum(map(int, match.groups()))
        result.socket_detail = match.group(0)
    return result


def lua_script(workdir, name, text):
    path = workdir / f"{name}.lua"
    path.write_text(text)
    return path


def miss_script(workdir, name):
    """A rendered page: every request names a host of its own (see MISS_DOMAIN)."""
    # A fresh token per run keeps the warm-up's hosts out of the measurement.
    token = secrets.token_hex(4)
    return lua_script(
        workdir,
        name,
        f"""
local started = 0
function setup(thread)
  started = started + 1
  thread:set("id", started)
end
local n = 0
function request()
  n = n + 1
  wrk.headers["Host"] = "{token}-" .. id .. "-" .. n .. ".{MISS_DOMAIN}"
  return wrk.format()
end
""",
    )


def consent_body(digest, next_url):
    """The banner's "Acceptera" as its form posts it."""
    return urlencode({"choice": "accept", "source": "banner", "banner": digest, "next": next_url})


def consent_script(workdir, port, body):
    return lua_script(
        workdir,
        "consent",
        f"""
wrk.method = "POST"
wrk.body = "{body}"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
wrk.headers["Origin"] = "https://127.0.0.1:{port}"
wrk.headers["Sec-Fetch-Site"] = "same-origin"
""",
    )


def wrk_run(
    wrk, config, server, name, path, expect, script=None, method="GET", body=None, warm_up=1
):
    """A warm-up, then the measured run; statuses are read from gunicorn's access log."""
    headers = {"Content-Type": "application/x-www-form-urlencoded"} if body else {}
    if method == "POST":
        headers.update(
            {"Origin": f"https://127.0.0.1:{server.port}", "Sec-Fetch-Site": "same-origin"}
        )
    status = request(server.port, method, path, body=body, headers=headers)[0]
    if status != expect:
        raise BenchError(f"{name}: {method} {path} answered {status}, expected {expect}")

    def wrk_cmd(duration):
        cmd = [wrk, "-t", str(config.threads), "-c", str(config.connections)]
        cmd += ["-d", f"{duration}s", "--latency"]
        for key, value in HEADERS.items():
            cmd += ["-H", f"{key}: {value}"]
        if script:
            cmd += ["-s", str(script)]
        return [*cmd, f"http://127.0.0.1:{server.port}{path}"]

    done = subprocess.run(wrk_cmd(warm_up), capture_output=True, text=True, timeout=60)  # noqa: S603
    if done.returncode != 0:
        raise BenchError(f"wrk failed for {name}:\n{done.stdout}{done.stderr}")
    offset = server.log_size()
    done = subprocess.run(  # noqa: S603 - wrk found on PATH, our own arguments
        wrk_cmd(config.duration), capture_output=True, text=True, timeout=config.duration + 60
    )
    if done.returncode != 0:
        raise BenchError(f"wrk failed for {name}:\n{done.stdout}{done.stderr}")
    result = parse_wrk(done.stdout, Result(name=name, path=path))
    statuses, durations = {}, []
    for line in server.log_since(offset).splitlines():
        entry = json.loads(line) if line.startswith("{") else {}
        if "method" in entry:
            statuses[entry["status"]] = statuses.get(entry["status"], 0) + 1
            durations.append(entry["duration_ms"])
        elif entry.get("level") == "ERROR":
            # The exception's last line says what went wrong ("database is locked", ...).
            cause = (entry.get("exception") or entry["message"]).strip().splitlines()[-1]
            result.problems[cause] = result.problems.get(cause, 0) + 1
        elif "Booting worker" in line:
            result.worker_boots += 1
    result.statuses = dict(sorted(statuses.items()))
    if durations:
        result.server_p50_ms = statistics.median(durations)
    log(
        f"{name}: {result.rps:,.0f} req/s, p50 {result.p50_ms:.1f} ms, p99 {result.p99_ms:.1f} ms,"
        f" errors {result.errors}, statuses {result.statuses}"
        + (f" ({result.socket_detail})" if result.socket_detail else "")
        + (f", server p50 {result.server_p50_ms:.1f} ms")
        + "".join(f"\n    {count} × {cause}" for cause, count in result.problems.items())
    )
    return result


class PageAssets(HTMLParser):
    """The stylesheets, scripts and lead picture's sources of a page."""

    def __init__(self):
        super().__init__()
        self.stylesheets, self.scripts, self.picture = [], [], {}
        self.in_first_picture = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "link" and attrs.get("rel") == "stylesheet":
            self.stylesheets.append(attrs["href"])
        elif tag == "script" and attrs.get("src"):
            self.scripts.append(attrs["src"])
        elif tag == "picture" and self.in_first_picture is None:
            self.in_first_picture = True
        elif self.in_first_picture and tag in ("source", "img"):
            mime = attrs.get("type", "image/jpeg")
            for candidate in (attrs.get("srcset") or "").split(","):
                url, _space, width = candidate.strip().rpartition(" ")
                if width == "400w":
                    self.picture.setdefault(mime.removeprefix("image/"), url)

    def handle_endtag(self, tag):
        if tag == "picture" and self.in_first_picture:
            self.in_first_picture = False


def page_weight(port, html):
    """Bytes on the wire for the article page: HTML, CSS and JS, and the lead image at 400 px."""
    import brotli

    assets = PageAssets()
    assets.feed(html.decode())
    rows = [
        {
            "what": "HTML (article page)",
            "raw": len(html),
            # Django sends HTML uncompressed; a proxy in front would compress it on the fly.
            "gzip": len(gzip.compress(html, compresslevel=6)),
            "br": len(brotli.compress(html, quality=5)),
        }
    ]
    for kind, urls in (("CSS", assets.stylesheets), ("JS", assets.scripts)):
        for url in urls:
            # whitenoise serves its precompressed files: these are the bytes actually sent.
            sizes = {}
            for encoding in ("identity", "gzip", "br"):
                status, headers, body = request(
                    port, "GET", url, headers={"Accept-Encoding": encoding}
                )
                if status != 200:
                    raise BenchError(f"{url} answered {status}")
                served = headers.get("Content-Encoding", "identity")
                sizes[encoding] = len(body) if served == encoding else None
            rows.append(
                {
                    "what": f"{kind} {url.rsplit('/', 1)[-1]}",
                    "raw": sizes["identity"],
                    "gzip": sizes["gzip"],
                    "br": sizes["br"],
                }
            )
    images = {}
    for image_format, url in assets.picture.items():
        status, _headers, body = request(port, "GET", url)
        if status != 200:
            raise BenchError(f"{url} answered {status}")
        images[image_format] = len(body)
    return rows, images


def machine_info(wrk):
    cpu = "unknown"
    with open("/proc/cpuinfo") as cpuinfo:
        for line in cpuinfo:
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    memory = "unknown"
    with open("/proc/meminfo") as meminfo:
        for line in meminfo:
            if line.startswith("MemTotal:"):
                memory = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
                break
    import django
    import gunicorn

    wrk_version = subprocess.run(  # noqa: S603
        [wrk, "-v"], capture_output=True, text=True, check=False
    ).stdout.split()[1]
    return {
        "cores (nproc)": len(os.sched_getaffinity(0)),
        "CPU": cpu,
        "memory": memory,
        "OS": platform.platform(terse=True),
        "Python": platform.python_version(),
        "Django": django.get_version(),
        "gunicorn": gunicorn.__version__,
        "wrk": wrk_version,
        "SQLite": sqlite3.sqlite_version,
        "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
    }


def describe_database(config):
    if not config.database_url:
        return "SQLite, a temporary file"
    scheme = config.database_url.split(":", 1)[0]
    host = re.sub(r"^.*@", "", config.database_url.split("//", 1)[-1]).split("/", 1)[0]
    return f"{scheme} on {host} (BENCH_DATABASE_URL)"


def describe_cache(config):
    if not config.redis_url:
        return "local memory, one cache per worker, the generation in a file (no REDIS_URL)"
    host = re.sub(r"^.*@", "", config.redis_url.split("//", 1)[-1])
    return f"Redis at {host} (REDIS_URL)"


def verdict(ok):
    return "PASS" if ok else "FAIL"


def report(config, machine, results, probe, small, weight, images, gunicorn_args, others_share):
    floor_rps = statistics.mean([results["floor"].rps, results["floor (again)"].rps])
    queries = probe["queries"]
    query_of = {
        "floor": "floor",
        "article (cached)": "article",
        "article (uncached)": "article",
        "article (uncached), no template": "article data",
        "front (cached)": "front",
        "front (uncached)": "front",
        "section (cached)": "section",
        "section (uncached)": "section",
        "static CSS": "static",
        "consent POST": "consent",
        "floor (again)": "floor",
    }
    print()
    print(f"## Newsroom benchmark, {machine['date']}")
    print()
    print("| machine | |")
    print("| --- | --- |")
    for key, value in machine.items():
        print(f"| {key} | {value} |")
    print()
    print(
        f"gunicorn: newsroom/gunicorn.conf.py, {config.workers} sync workers "
        f"(WEB_CONCURRENCY = {config.workers}, one per core)"
        + (f", GUNICORN_CMD_ARGS={gunicorn_args!r}" if gunicorn_args else "")
        + f". Database: {describe_database(config)}, {probe['front']['published']:,} published "
        f"articles. Cache: {describe_cache(config)}. wrk: {config.threads} threads, "
        f"{config.connections} connections, {config.duration} s per run after a warm-up, "
        "on the same cores as the server, with X-Forwarded-Proto: https."
    )
    print()
    if others_share > 0.10:
        print(
            f"**Warning: other processes used {others_share:.0%} of the CPU during the runs; "
            "every figure below is lower than this machine gives when idle.**"
        )
        print()
    print(
        f"Floor: {results['floor'].rps:,.0f} req/s first, {results['floor (again)'].rps:,.0f} "
        f"req/s last; the shares below are of their mean, {floor_rps:,.0f} req/s."
    )
    print()
    print(
        "| page | req/s | % of floor | p50 ms | p99 ms | in the worker, p50 ms | errors "
        "| statuses | SQL cold / warm |"
    )
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- | ---: |")
    for name, result in results.items():
        share = result.rps / floor_rps if floor_rps else 0
        counted = queries[query_of[name]]
        if "uncached" in name:
            sql = f"{counted['miss']} (each miss)"
        elif name == "consent POST":
            sql = f"{counted['cold']} (each)"
        else:
            sql = f"{counted['cold']} / {counted['warm']}"
        statuses = ", ".join(f"{code}×{count}" for code, count in result.statuses.items())
        if result.socket_errors:
            statuses += f"; socket errors: {result.socket_detail.removeprefix('Socket errors: ')}"
        if result.worker_boots:
            statuses += f" ({result.worker_boots} worker restarts)"
        print(
            f"| {name} | {result.rps:,.0f} | {share:.0%} | {result.p50_ms:.1f} | "
            f"{result.p99_ms:.1f} | {result.server_p50_ms:.1f} | {result.errors} | {statuses} "
            f"| {sql} |"
        )
    problems = [
        f"- {name}: {count} × {cause}"
        for name, result in results.items()
        for cause, count in result.problems.items()
    ]
    if problems:
        print()
        print("Errors logged by the site during the runs:")
        print()
        print("\n".join(problems))
    print()
    print("Page weight of the article page (bytes on the wire):")
    print()
    print("| resource | raw | gzip | brotli |")
    print("| --- | ---: | ---: | ---: |")

    def kb(size):
        return "–" if size is None else f"{size / 1024:.1f} KB"

    totals = {"raw": 0, "gzip": 0, "br": 0}
    for row in weight:
        print(f"| {row['what']} | {kb(row['raw'])} | {kb(row['gzip'])} | {kb(row['br'])} |")
        for key in totals:
            totals[key] += row[key] or row["raw"]
    print(
        f"| **without images** | {kb(totals['raw'])} | **{kb(totals['gzip'])}** | "
        f"**{kb(totals['br'])}** |"
    )
    lead = images.get("avif") or images.get("webp") or images.get("jpeg")
    for image_format, size in images.items():
        print(f"| lead image 400w {image_format.upper()} | {kb(size)} | – | – |")
    if lead:
        print(
            f"| with the lead image ({next(iter(images)).upper()}) | {kb(totals['raw'] + lead)} | "
            f"{kb(totals['gzip'] + lead)} | {kb(totals['br'] + lead)} |"
        )
    print()

    big = probe["front"]
    small_front = small["front"]
    same_queries = big["queries"] == small_front["queries"]
    # Query time is what would grow with the archive; rendering grows with the cards shown,
    # which the front page caps at 13 (fewer exist with 10 articles).
    sql_ok = big["sql_ms"] <= max(2 * small_front["sql_ms"], small_front["sql_ms"] + 1.0)
    print("Front page rendered in-process (page cache missed), median of 40:")
    print()
    print("| published articles | cards shown | SQL queries | SQL time ms | whole request ms |")
    print("| ---: | ---: | ---: | ---: | ---: |")
    for front in (small_front, big):
        print(
            f"| {front['published']:,} | {front['cards']} | "
            f"{', '.join(map(str, front['queries']))} | {front['sql_ms']:.2f} | "
            f"{front['median_ms']:.1f} |"
        )
    print()

    cached, uncached = results["article (cached)"], results["article (uncached)"]
    rows = [
        (
            "cached article page, share of the floor",
            f"{cached.rps / floor_rps:.0%}",
            "≥ 70 %",
            cached.rps >= TARGETS["cached_share"] * floor_rps,
        ),
        (
            f"cached article page, p99 at {config.connections} connections",
            f"{cached.p99_ms:.1f} ms",
            "< 25 ms",
            cached.p99_ms < TARGETS["cached_p99_ms"],
        ),
        ("cached article page, errors", str(cached.errors), "0", cached.errors == 0),
        (
            "uncached article page, share of the floor",
            f"{uncached.rps / floor_rps:.0%}",
            "≥ 25 %",
            uncached.rps >= TARGETS["uncached_share"] * floor_rps,
        ),
        (
            "page weight without images, compressed",
            f"{kb(totals['gzip'])} gzip, {kb(totals['br'])} brotli",
            "< 30 KB",
            totals["gzip"] < TARGETS["weight_kb"] * 1024,
        ),
        (
            f"front page cost, {small_front['published']} vs {big['published']:,} articles",
            f"queries {small_front['queries']} vs {big['queries']}, "
            f"SQL {small_front['sql_ms']:.2f} vs {big['sql_ms']:.2f} ms",
            "the same",
            same_queries and sql_ok,
        ),
        (
            "errors in all runs",
            str(sum(r.errors for r in results.values())),
            "0",
            all(r.errors == 0 for r in results.values()),
        ),
    ]
    print("| target | measured | goal | |")
    print("| --- | --- | --- | --- |")
    for what, measured, goal, ok in rows:
        print(f"| {what} | {measured} | {goal} | {verdict(ok)} |")
    print()
    bare = results["article (uncached), no template"]
    print(
        f"The uncached article page's view without its template (its queries, structured data "
        f"and links, then the floor's bytes): {bare.rps / floor_rps:.0%} of the floor, the most "
        "any faster template engine could give that page."
    )
    print()


def main():
    config = Config.from_env()
    wrk = shutil.which("wrk")
    if wrk is None:
        raise BenchError("wrk is not installed (make bench installs Debian's wrk)")
    load_at_start = os.getloadavg()[0]
    workdir = Path(tempfile.mkdtemp(prefix="newsroom-bench-"))
    server = None
    try:
        env = bench_env(config, workdir)
        log(f"working in {workdir}; database: {describe_database(config)}")
        python = sys.executable
        run([python, "manage.py", "collectstatic", "--noinput", "-v0"], env, "collectstatic")
        run([python, "manage.py", "migrate", "--noinput", "-v0"], env, "migrate")
        small = run_django_step(env, "load the demo (small archive)", "small")
        small_probe = run_django_step(env, f"probe with {small['published']} articles", "probe")
        filled = run_django_step(
            env, f"fill to {config.articles:,} articles", "fill", config.articles
        )
        log(f"{filled['published']:,} published of {filled['articles']:,} articles")
        probe = run_django_step(env, f"probe with {filled['published']:,} articles", "probe")
        urls = probe["urls"]

        port = free_port()
        server = Gunicorn(env, port, config.workers, workdir / "gunicorn.log").start()
        log(f"gunicorn on 127.0.0.1:{port} with {config.workers} workers")
        status, headers, html = request(port, "GET", urls["article"])
        if status != 200 or "Content-Encoding" in headers:
            raise BenchError(f"the article page answered {status} {headers}")
        # The floor sends exactly the bytes the article page sends (read by each worker once).
        (workdir / "floor.html").write_bytes(html)
        weight, images = page_weight(port, html)

        form = consent_body(probe["digest"], urls["front"])
        consent = consent_script(workdir, port, form)
        runs = [
            ("floor", urls["floor"], 200, None),
            ("article (cached)", urls["article"], 200, None),
            ("article (uncached)", urls["article"], 200, "miss"),
            # The same view's work without rendering its template (newsroom/bench_floor.py).
            ("article (uncached), no template", urls["article data"], 200, None),
            ("front (cached)", urls["front"], 200, None),
            ("front (uncached)", urls["front"], 200, "miss"),
            ("section (cached)", urls["section"], 200, None),
            ("section (uncached)", urls["section"], 200, "miss"),
            ("static CSS", urls["static"], 200, None),
            ("consent POST", urls["consent"], 303, consent),
            # The floor again at the end: the ratios use the mean of both, and the two show how
            # steady the machine was.
            ("floor (again)", urls["floor"], 200, None),
        ]
        results = {}
        with CpuMeter(server) as meter:
            for number, (name, path, expect, script) in enumerate(runs):
                if script == "miss":
                    script = miss_script(workdir, re.sub(r"\W+", "-", name))
                post = script is consent
                results[name] = wrk_run(
                    wrk,
                    config,
                    server,
                    name,
                    path,
                    expect,
                    script=script,
                    method="POST" if post else "GET",
                    body=form.encode() if post else None,
                    # Freshly booted workers: a longer warm-up before the first run.
                    warm_up=3 if number == 0 else 1,
                )
    finally:
        if server is not None:
            server.stop()
        shutil.rmtree(workdir, ignore_errors=True)
    machine = machine_info(wrk)
    machine["load average before the run"] = f"{load_at_start:.2f}"
    machine["CPU used by other processes during the runs"] = f"{meter.others_share:.0%}"
    report(
        config,
        machine,
        results,
        probe,
        small_probe,
        weight,
        images,
        os.environ.get("GUNICORN_CMD_ARGS"),
        meter.others_share,
    )


if __name__ == "__main__":
    if len(sys.argv) > 1:
        run_step(sys.argv[1:])
    else:
        try:
            main()
        except BenchError as error:
            print(f"The benchmark could not run: {error}", file=sys.stderr)
            sys.exit(1)
