"""`make lighthouse`: Lighthouse's four scores for the front, section and article pages.

Run as `python -m newsroom.lighthouse` (not part of the test suite; `make lighthouse` installs the
pinned Lighthouse into .lighthouse/ first). It serves the demo with the production configuration
under gunicorn on loopback (newsroom/demo_server.py), runs Lighthouse in its default mobile
configuration (simulated slow 4G and a 4x slower CPU) with Debian's Chromium on the front page, the
Utrikes/World section and the AI-image article in Swedish and English, and prints a table of the
performance, accessibility, best-practices and SEO scores, then every weighted audit that keeps a
score below 100. It reports; it does not gate: the exit status is non-zero only when the
measurement itself could not run. The JSON and HTML reports are kept in .lighthouse/reports/.

Environment: LIGHTHOUSE_RUNS (runs per page, 3): the run with the median performance score is
reported, as Lighthouse's documentation advises, since one run's Total Blocking Time can catch an
unrelated hiccup of the machine.
"""

import json
import os
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

from newsroom.bench import request
from newsroom.chromium import CHROMIUM, CHROMIUM_ARGS
from newsroom.demo_server import PROXY_HEADERS, WORKERS, DemoServerError, production_demo

BASE_DIR = Path(__file__).resolve().parent.parent
LIGHTHOUSE = BASE_DIR / ".lighthouse" / "node_modules" / ".bin" / "lighthouse"
REPORTS = BASE_DIR / ".lighthouse" / "reports"
CHROME_FLAGS = ["--headless=new", *CHROMIUM_ARGS]
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
PAGES = [("front", "front page"), ("section", "section"), ("article", "article")]


def lighthouse(url, output_stem, attempts=3):
    """One Lighthouse run; returns the parsed JSON report (also written next to an HTML one).

    Now and then Chromium's trace misses the navigation (NO_NAVSTART, NO_FCP): Lighthouse says to
    run it again, so a run that fails that way is repeated.
    """
    for attempt in range(1, attempts + 1):
        done = subprocess.run(  # noqa: S603 - the pinned local Lighthouse, our own arguments
            [
                str(LIGHTHOUSE),
                url,
                "--output=json",
                "--output=html",
                f"--output-path={output_stem}",
                f"--chrome-flags={' '.join(CHROME_FLAGS)}",
                f"--extra-headers={json.dumps(PROXY_HEADERS)}",
                "--quiet",
            ],
            env={**os.environ, "CHROME_PATH": CHROMIUM},
            cwd=BASE_DIR,
            capture_output=True,
            text=True,
            timeout=300,
        )
        report_path = output_stem.with_name(output_stem.name + ".report.json")
        report = json.loads(report_path.read_text()) if report_path.exists() else None
        if done.returncode == 0 and report and not report.get("runtimeError"):
            return report
        problem = (
            report["runtimeError"]["message"]
            if report and report.get("runtimeError")
            else f"{done.stdout[-2000:]}{done.stderr[-4000:]}"
        )
        log(f"Lighthouse on {url}, attempt {attempt} of {attempts}: {problem.strip()}")
    raise DemoServerError(f"Lighthouse failed on {url} {attempts} times:\n{problem}")


def scores(report):
    return {
        key: None
        if report["categories"][key]["score"] is None
        else round(report["categories"][key]["score"] * 100)
        for key in CATEGORIES
    }


def failing_audits(report):
    """The weighted audits below a full score, per category: (category, id, title, score)."""
    failing = []
    for key in CATEGORIES:
        for ref in report["categories"][key]["auditRefs"]:
            audit = report["audits"][ref["id"]]
            if ref.get("weight", 0) > 0 and audit["score"] is not None and audit["score"] < 1:
                display = audit.get("displayValue")
                failing.append((key, audit["id"], audit["title"], audit["score"], display))
    return failing


def median_run(reports):
    """The run with the median performance score (the first of them on a tie)."""
    ordered = sorted(reports, key=lambda report: report["categories"]["performance"]["score"])
    return ordered[(len(ordered) - 1) // 2]


def log(message):
    print(f"· {message}", file=sys.stderr, flush=True)


def main():
    if not LIGHTHOUSE.exists():
        raise DemoServerError(f"{LIGHTHOUSE} is missing: `make lighthouse` installs it")
    runs = int(os.environ.get("LIGHTHOUSE_RUNS", "3"))
    REPORTS.mkdir(parents=True, exist_ok=True)
    version = subprocess.run(  # noqa: S603
        [str(LIGHTHOUSE), "--version"], capture_output=True, text=True, check=True
    ).stdout.strip()
    chromium = subprocess.run(  # noqa: S603
        [CHROMIUM, "--version"], capture_output=True, text=True, check=True
    ).stdout.strip()
    load_at_start = os.getloadavg()[0]
    results = []
    with production_demo() as pages:
        for language in ("sv", "en"):
            for page, label in PAGES:
                url = pages.url(language, page)
                # The site's page cache is warm for a page a reader opens; the first request
                # of each address renders it in one of the two workers.
                for _n in range(2 * WORKERS):
                    request(pages.port, "GET", pages.paths[language][page])
                reports = []
                for n in range(runs):
                    suffix = "" if runs == 1 else f"-{n + 1}"
                    reports.append(lighthouse(url, REPORTS / f"{language}-{page}{suffix}"))
                report = median_run(reports)
                name = f"{label} ({language})"
                results.append((name, pages.paths[language][page], report))
                perf = [round(r["categories"]["performance"]["score"] * 100) for r in reports]
                log(
                    f"{name}: {scores(report)}"
                    + (f" (performance of {runs} runs: {perf})" if runs > 1 else "")
                )
    print()
    date = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    print(f"## Lighthouse, {date}")
    print()
    print(
        f"Lighthouse {version}, default mobile configuration (simulated throttling), {chromium}, "
        "headless. The production configuration under gunicorn on 127.0.0.1 (newsroom/"
        "gunicorn.conf.py, 2 workers, SQLite, the demo content); Lighthouse connects over plain "
        "http and sends `X-Forwarded-Proto: https` as the TLS proxy in front would, with "
        "DJANGO_SECURE_SSL_REDIRECT=0 for its robots.txt fetch, which does not send it."
        + (f" Median of {runs} runs per page." if runs > 1 else "")
        + f" Machine: {len(os.sched_getaffinity(0))} cores, load average {load_at_start:.2f} "
        "before the run; Lighthouse's CPU benchmark index per page below (higher is faster; "
        "a busy machine lowers it and raises Total Blocking Time)."
    )
    print()
    print("| page | address | performance | accessibility | best practices | SEO |")
    print("| --- | --- | ---: | ---: | ---: | ---: |")
    for name, path, report in results:
        values = scores(report)
        cells = " | ".join("–" if values[key] is None else str(values[key]) for key in CATEGORIES)
        print(f"| {name} | `{path}` | {cells} |")
    print()
    below = [(name, failing_audits(report)) for name, _path, report in results]
    below = [(name, audits) for name, audits in below if audits]
    if not below:
        print("Every page scores 100 in all four categories.")
    else:
        print("Weighted audits below a full score:")
        print()
        for name, audits in below:
            print(f"- {name}:")
            for category, audit_id, title, score, display in audits:
                detail = f", {display}" if display else ""
                print(f"  - {category}: `{audit_id}` – {title} (score {score:.2f}{detail})")
    print()
    metrics = ("first-contentful-paint", "largest-contentful-paint", "total-blocking-time")
    metrics += ("cumulative-layout-shift", "speed-index")
    print("| page | " + " | ".join(metrics) + " | CPU benchmark index |")
    print("| --- |" + " ---: |" * (len(metrics) + 1))
    for name, _path, report in results:
        values = [report["audits"][metric].get("displayValue", "–") for metric in metrics]
        values.append(f"{report['environment']['benchmarkIndex']:.0f}")
        print(f"| {name} | " + " | ".join(values).replace("\xa0", " ") + " |")
    print()
    print(f"Reports: {REPORTS.relative_to(BASE_DIR)}/<language>-<page>.report.html")


if __name__ == "__main__":
    try:
        main()
    except DemoServerError as error:
        print(f"Lighthouse could not run: {error}", file=sys.stderr)
        sys.exit(1)
