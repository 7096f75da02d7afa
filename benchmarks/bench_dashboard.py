"""The dashboard: gzipped bundle size, and time to the first chart of the Overview in Chromium.

Chromium is Debian's (/usr/bin/chromium) driven by playwright, against the local server on
60 days of real LA data (the API benchmark's loader). Each load is a fresh browser context, so
nothing is cached; the figure is the median of LOADS, from navigation start to the Overview's
hourly chart having drawn its lines (`performance.now()` in the page).
"""

import gzip
import statistics
from pathlib import Path

from benchmarks.bench_api import served_la_data
from benchmarks.run import Figure
from tests.e2e.chromium import launch_chromium

DIST = Path(__file__).resolve().parents[1] / "dashboard" / "dist"
LOADS = 7
NAME = "dashboard"
FIRST_CHART = """() => {
  const line = document.querySelector('[data-chart="recent"] .recharts-line-curve[d]');
  return line ? performance.now() : null;
}"""
FIRST_PAINT = (
    """() => performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? null"""
)


def bundle_bytes() -> tuple[int, int]:
    """(raw, gzipped at level 9) bytes of the JavaScript and CSS that index.html loads."""
    assert (DIST / "index.html").is_file(), f"no build in {DIST}: run `make dashboard`"
    files = [*DIST.glob("assets/*.js"), *DIST.glob("assets/*.css")]
    raw = sum(path.stat().st_size for path in files)
    packed = sum(len(gzip.compress(path.read_bytes(), compresslevel=9)) for path in files)
    return raw, packed


def page_timings(base_url: str) -> tuple[list[float], list[float]]:
    """Per load: ms to the first chart, and ms to the first contentful paint."""
    from playwright.sync_api import sync_playwright

    charts, paints = [], []
    with sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        for _ in range(LOADS):
            context = browser.new_context(viewport={"width": 1280, "height": 900})
            page = context.new_page()
            page.goto(f"{base_url}/?view=overview&range=day", wait_until="commit")
            charts.append(float(page.wait_for_function(FIRST_CHART).json_value()))
            paints.append(float(page.evaluate(FIRST_PAINT)))
            context.close()
        browser.close()
    return charts, paints


def run() -> list[Figure]:
    raw, packed = bundle_bytes()
    figures = [
        Figure(
            benchmark=NAME,
            figure="bundle JS + CSS, gzipped",
            value=packed / 1024,
            unit="KiB",
            note="gzip -9 of dist/assets",
        ),
        Figure(
            benchmark=NAME, figure="bundle JS + CSS, raw", value=raw / 1024, unit="KiB", note=""
        ),
    ]
    with served_la_data("gridla-bench-dashboard-") as (_, base):
        charts, paints = page_timings(base)
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
