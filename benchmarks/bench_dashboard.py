"""The dashboard: bundle sizes, time to the first chart of the Overview, and Lighthouse per view.

Chromium is Debian's (/usr/bin/chromium), against the local server (`gridla serve`'s) on the
API benchmark's year of LA load, solar and wind, its newest days replayed with every series (as
the e2e tests do), that the analyze, cluster and predict steps have run on, so every view
draws its charts. Each timed load is a fresh browser context, so
nothing is cached; the figure is the median of LOADS, from navigation start to the Overview's
hourly chart having drawn its lines (`performance.now()` in the page). Lighthouse (the npm
package pinned in the root package.json) runs its default mobile profile (simulated slow 4G,
4x CPU slowdown) LIGHTHOUSE_RUNS times per view, reported as medians: its performance score
moves with the machine's load (it scales the main thread's observed tasks), accessibility and
best practices do not. Each view's notes give Lighthouse's benchmarkIndex of the machine and
the 1-minute load average when its runs ended, so a reader can judge the machine.
"""

import gzip
import json
import os
import re
import statistics
import subprocess
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from benchmarks.bench_api import served_la_data
from benchmarks.run import Figure
from tests.e2e.chromium import ARGS, CHROMIUM, launch_chromium

ROOT = Path(__file__).resolve().parents[1]
DIST = ROOT / "dashboard" / "dist"
LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
LOADS = 7
LIGHTHOUSE_RUNS = 3
NAME = "dashboard"
VIEWS = ("overview", "generation", "analysis", "clustering")
CATEGORIES = ("performance", "accessibility", "best-practices")
FIRST_CHART = """() => {
  const line = document.querySelector('[data-chart="recent"] .recharts-line-curve[d]');
  return line ? performance.now() : null;
}"""
FIRST_PAINT = (
    """() => performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? null"""
)


def gzipped_kib(paths: list[Path]) -> float:
    return sum(len(gzip.compress(path.read_bytes(), compresslevel=9)) for path in paths) / 1024


def bundle_files() -> tuple[list[Path], list[Path]]:
    """(every JS and CSS file of the build, those index.html itself loads or preloads)."""
    assert (DIST / "index.html").is_file(), f"no build in {DIST}: run `make dashboard`"
    every = [*DIST.glob("assets/*.js"), *DIST.glob("assets/*.css")]
    html = (DIST / "index.html").read_text(encoding="utf-8")
    named = set(re.findall(r'(?:src|href)="/?(assets/[^"]+\.(?:js|css))"', html))
    return every, [DIST / name for name in sorted(named)]


def page_timings(base_url: str) -> tuple[list[float], list[float]]:
    """Per load: ms to the first chart, and ms to the first contentful paint."""
    from playwright.sync_api import sync_playwright

    charts, paints = [], []
    with sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        for _ in range(LOADS):
            # tall enough that the hourly chart is on screen: a chart mounts when it is
            context = browser.new_context(viewport={"width": 1280, "height": 1600})
            page = context.new_page()
            page.goto(f"{base_url}/?view=overview&range=day", wait_until="commit")
            charts.append(float(page.wait_for_function(FIRST_CHART).json_value()))
            paints.append(float(page.evaluate(FIRST_PAINT)))
            context.close()
        browser.close()
    return charts, paints


def lighthouse(url: str) -> dict[str, Any]:
    """Lighthouse's JSON report of one page (default mobile profile) in headless Chromium."""
    assert LIGHTHOUSE.is_file(), f"{LIGHTHOUSE} is missing: `npm ci` in the repository root"
    flags = " ".join(arg for arg in ARGS if arg != "--no-first-run")
    done = subprocess.run(
        [
            str(LIGHTHOUSE),
            url,
            f"--chrome-flags={flags}",
            f"--only-categories={','.join(CATEGORIES)}",
            "--output=json",
            "--output-path=stdout",
            "--quiet",
        ],
        env={**os.environ, "CHROME_PATH": str(CHROMIUM)},
        capture_output=True,
        text=True,
        check=True,
        timeout=300,
    )
    report: dict[str, Any] = json.loads(done.stdout)
    return report


def failing_audits(report: dict[str, Any], category: str) -> list[str]:
    """The ids of the audits of `category` that did not pass (what lowered its score)."""
    audits = report["audits"]
    refs = report["categories"][category]["auditRefs"]
    return sorted(
        ref["id"] for ref in refs if ref["weight"] > 0 and (audits[ref["id"]].get("score") or 0) < 1
    )


# The metrics of the performance score reported beside it: (audit id, short name, unit).
METRICS = (
    ("total-blocking-time", "TBT", "ms"),
    ("largest-contentful-paint", "LCP", "ms"),
    ("first-contentful-paint", "FCP", "ms"),
    ("cumulative-layout-shift", "CLS", ""),
)


def machine_note(reports: list[dict[str, Any]]) -> str:
    """The machine's speed as Lighthouse measured it (its benchmarkIndex: the simulated
    slowdown scales what this machine's main thread took) and its 1-minute load now."""
    index = statistics.median(report["environment"]["benchmarkIndex"] for report in reports)
    return f"benchmarkIndex {index:.0f}, load {os.getloadavg()[0]:.1f}"


def lighthouse_figures(base_url: str) -> list[Figure]:
    """Per view, the median of LIGHTHOUSE_RUNS runs: each category's score (with the audits
    that lowered it in the median run) and the metrics behind the performance score."""
    figures: list[Figure] = []
    for view in VIEWS:
        reports = [lighthouse(f"{base_url}/?view={view}") for _ in range(LIGHTHOUSE_RUNS)]
        reports.sort(key=lambda report: report["categories"]["performance"]["score"])
        middle = reports[len(reports) // 2]
        machine = machine_note(reports)
        for category in CATEGORIES:
            failing = failing_audits(middle, category)
            scores = [round(100 * report["categories"][category]["score"]) for report in reports]
            runs = f"mobile, median of {LIGHTHOUSE_RUNS} ({', '.join(map(str, scores))}); {machine}"
            figures.append(
                Figure(
                    benchmark=NAME,
                    figure=f"Lighthouse {view}: {category}",
                    value=statistics.median(scores),
                    unit="score",
                    note=f"{runs}; below 1: {', '.join(failing)}" if failing else runs,
                )
            )
        for audit, name, unit in METRICS:
            values = [report["audits"][audit]["numericValue"] for report in reports]
            figures.append(
                Figure(
                    benchmark=NAME,
                    figure=f"Lighthouse {view}: {name}",
                    value=statistics.median(values),
                    unit=unit,
                    note=f"simulated mobile, median of {LIGHTHOUSE_RUNS}",
                )
            )
    return figures


def analysed() -> None:
    """The e2e's days of every series (mix and carbon intensity included) from the replay,
    then the analyze, cluster and predict steps, recorded as a run, so that every view has
    what it draws (a missing carbon forecast would answer 404, which Chromium logs and
    Lighthouse's best practices count)."""
    import pytest

    from tests.e2e.conftest import HISTORY_DAYS, backfill, replaying, run_steps

    now = datetime.now(UTC)
    with pytest.MonkeyPatch.context() as monkeypatch, replaying(monkeypatch, now):
        latest = backfill(HISTORY_DAYS, now)
    run_steps(latest)


def run() -> list[Figure]:
    every, entry = bundle_files()
    figures = [
        Figure(
            benchmark=NAME,
            figure="bundle JS + CSS, gzipped",
            value=gzipped_kib(every),
            unit="KiB",
            note="gzip -9 of dist/assets, every chunk",
        ),
        Figure(
            benchmark=NAME,
            figure="bundle JS + CSS, raw",
            value=sum(path.stat().st_size for path in every) / 1024,
            unit="KiB",
            note="",
        ),
        Figure(
            benchmark=NAME,
            figure="index.html's own JS + CSS, gzipped",
            value=gzipped_kib(entry),
            unit="KiB",
            note="before any view's chunk",
        ),
    ]
    with served_la_data("gridla-bench-dashboard-") as (_, base):
        analysed()
        charts, paints = page_timings(base)
        figures.extend(lighthouse_figures(base))
    chart, paint = statistics.median(charts), statistics.median(paints)
    return [
        *figures,
        Figure(
            benchmark=NAME,
            figure="Overview: time to first chart",
            value=chart,
            unit="ms",
            note=f"median of {LOADS} cold loads, headless Chromium",
        ),
        Figure(
            benchmark=NAME,
            figure="Overview: first contentful paint",
            value=paint,
            unit="ms",
            note="the shell before data",
        ),
        Figure(
            benchmark=NAME,
            figure="first chart / first paint",
            value=chart / paint,
            unit="ratio",
            note="same loads: data fetch + draw after the shell",
        ),
    ]
