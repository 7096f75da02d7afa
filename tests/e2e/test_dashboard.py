"""The dashboard in Debian's Chromium: every view draws its charts from the real API."""

import json
import os
import re
import shutil
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.request import urlopen

from playwright.sync_api import Page, expect

from tests.e2e.conftest import Console, Demo

SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
# What each chart draws, counted in its SVG: curves (line/area paths), their points, bars, dots.
MARKS_JS = """name => {
  const chart = document.querySelector(`[data-chart="${name}"]`);
  if (!chart) return null;
  const curves = [...chart.querySelectorAll('.recharts-line-curve, .recharts-area-area')];
  const points = curves.map(c => (c.getAttribute('d') || '').match(/[LC]/g)?.length ?? 0);
  return {
    curves: curves.filter(c => (c.getAttribute('d') || '').length > 0).length,
    points: points.reduce((a, b) => a + b, 0),
    bars: chart.querySelectorAll('.recharts-bar-rectangle :is(path, rect)').length,
    dots: chart.querySelectorAll('.recharts-dot').length,
    cells: chart.querySelectorAll('td[aria-label], [data-day]').length,
  };
}"""


# How the dashboard names a source of /status/latest's mix (lib/variables.ts), where not its name.
LABELS = {"unknown": "Other"}


def marks(page: Page, chart: str) -> dict[str, int]:
    """What `chart` draws, once scrolled into view (a chart mounts when it comes near the
    screen)."""
    page.locator(f'[data-chart="{chart}"]').scroll_into_view_if_needed()
    page.wait_for_selector(f'[data-chart="{chart}"] :is(.recharts-surface, table)')
    found: dict[str, int] | None = page.evaluate(MARKS_JS, chart)
    assert found is not None, f"no chart {chart}"
    return found


def open_view(page: Page, view: str, range_name: str | None = None) -> None:
    query = f"view={view}" + (f"&range={range_name}" if range_name else "")
    page.goto(f"/?{query}")
    page.wait_for_load_state("networkidle")
    expect(page.locator('[data-state="loading"]')).to_have_count(0)


def choose_range(page: Page, label: str) -> None:
    """Click the range's label, as a user does (the radio itself is visually hidden)."""
    page.locator("fieldset label").filter(has_text=label).click()


def draw_every_chart(page: Page) -> None:
    """Scroll each chart of the page into view and wait until it has drawn (charts mount when
    they come near the screen), then back to the top."""
    for chart in page.locator("[data-chart]").all():
        chart.scroll_into_view_if_needed()
    expect(page.locator('[data-chart][data-drawn="false"]')).to_have_count(0)
    expect(page.locator("[data-chart][data-drawn] > div:empty")).to_have_count(0)  # plots loaded
    page.evaluate("window.scrollTo(0, 0)")


def keep_screenshot(page: Page, artifacts: Path, name: str, *, docs: bool = False) -> None:
    """Into test-artifacts/ always; into docs/screenshots/ on `make screenshots`."""
    draw_every_chart(page)
    path = artifacts / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    if docs and os.environ.get("GRIDLA_UPDATE_SCREENSHOTS") == "1":
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, SCREENSHOTS / f"{name}.png")


def expect_replayed_track_record(panel: Any, forecast: dict[str, Any]) -> None:
    """One live run so far: the track record is the held-out days' replayed forecasts (as the
    demo's), scored against what was measured, and the panel says how many and over how long."""
    track = forecast["track_record"]
    assert track["n_forecasts"] == track["n_replayed"] > 20 * 24 * 24, track
    days = round(
        (datetime.fromisoformat(track["end"]) - datetime.fromisoformat(track["start"]))
        / timedelta(days=1)
    )
    assert days == 28
    expect(panel).to_contain_text(f"Last {days} days, measured" + "error ")
    expect(panel).to_contain_text(f"all {track['n_replayed']:,} replayed")


def api(demo: Demo, path: str) -> tuple[int, Any]:
    try:
        with urlopen(f"{demo.base_url}{path}") as answer:
            return answer.status, json.load(answer)
    except Exception as exc:  # urllib raises HTTPError for a 404: its body is the answer
        status = getattr(exc, "code", None)
        if status is None:
            raise
        return status, json.load(exc)  # type: ignore[arg-type]


def test_overview_shows_the_grid_now(page: Page, console: Console, demo: Demo, artifacts: Path):
    open_view(page, "overview")
    status, day = api(demo, "/measurements?range=day")
    assert status == 200, day
    sources = [c for c in day["available"] if c.endswith("_mw") and c != "unknown_mw"]
    recent = marks(page, "recent")
    assert recent["curves"] == 1 + len(sources)  # the load and every known source
    assert recent["points"] >= 20 * recent["curves"]  # about 24 hours each
    status, now = api(demo, "/status/latest")
    assert status == 200, now
    # the replay serves the whole mix: coal, gas, hydro, solar, wind and other (unknown)
    assert len(now["generation_mix"]) >= 5, now["generation_mix"]
    # a source at 0 MW (LA's wind is, one hour in ten) draws no rectangle but keeps its label
    assert marks(page, "mix")["bars"] == sum(1 for item in now["generation_mix"] if item["mw"])
    mix = page.locator('[data-chart="mix"] svg.recharts-surface')
    for label in (LABELS.get(item["source"], item["source"]) for item in now["generation_mix"]):
        expect(mix).to_contain_text(label.capitalize())
    expect(page.locator('[data-stat="Load"]')).to_contain_text(re.compile(r"[\d,]+ MW"))
    assert isinstance(now["carbon_intensity"], int | float), now
    carbon = page.locator('[data-stat="Carbon intensity"]')
    expect(carbon).to_contain_text(f"{round(now['carbon_intensity']):,} gCO₂eq/kWh")
    expect(carbon).to_contain_text("Electricity Maps, life-cycle")
    expect(page.locator('[data-stat="Carbon-free share"]')).to_contain_text(
        f"{round(now['fossil_free_percentage'])} %"
    )
    expect(page.locator('[data-stat="Renewable share"]')).to_contain_text(
        f"{round(now['renewable_percentage'])} %"
    )
    assert now["net_import_mw"] is not None, now
    net = page.locator('[data-stat="Net imports"]')
    expect(net).to_contain_text(re.compile(r"MW (in|out)|0 MW"))
    expect(page.locator("[data-stat][data-known=false]")).to_have_count(0)
    status, advice = api(demo, "/advice/cleanest-window?hours=3")
    assert status == 200, advice  # the session's run forecast the carbon intensity
    expect(page.get_by_test_id("cleanest-sentence")).to_contain_text(
        re.compile(r"^Cleanest 3 hours: (today|tomorrow) \d\d:00\u2013\d\d:00 (PST|PDT), about ")
    )
    freshness = page.locator("[data-stale=false]")
    expect(freshness).to_contain_text(re.compile(r"Up to date: newest hour .* (PST|PDT), updated"))
    expect(page.locator('[data-panel="run"]')).to_contain_text("succeeded")
    expect(page.locator('[data-panel="run"]')).to_contain_text("e2e-run")
    keep_screenshot(page, artifacts, "overview", docs=True)
    assert console.unexpected() == []


def test_generation_stacks_sources_and_shows_the_forecast(
    page: Page, console: Console, demo: Demo, artifacts: Path
):
    open_view(page, "generation")
    status, week = api(demo, "/measurements?range=week")
    assert status == 200, week
    sources = [column for column in week["available"] if column.endswith("_mw")]
    assert len(sources) >= 5, week["available"]  # coal, gas, hydro, wind, solar, other
    generation = marks(page, "generation")
    assert generation["curves"] == len(sources)  # every known source, stacked
    assert generation["points"] >= len(sources) * 150  # a week of hours each
    carbon = marks(page, "generation-carbon")  # the same hours' intensity, aligned below
    assert carbon["curves"] == 1
    assert carbon["points"] >= 150
    assert marks(page, "load")["points"] >= 150
    expect(page.locator('[data-panel="generation"]')).to_contain_text(
        "Not available in the source data (unknown, not zero): nuclear"
    )
    status, body = api(demo, "/predictions")
    if status == 200:
        forecast = marks(page, "forecast")
        assert forecast["curves"] >= 2  # the interval band and the forecast line
        assert forecast["points"] >= 2 * 20
        expect(page.locator('[data-panel="forecast"]')).to_contain_text(body["model_version"])
        expect_replayed_track_record(page.locator('[data-panel="forecast"]'), body)
    else:  # the API of this checkout serves no forecast yet: the panel must say so
        assert status == 404, body
        expect(page.locator('[data-panel="forecast"] [data-state="empty"]')).to_be_visible()
    status, carbon_forecast = api(demo, "/forecast/carbon-intensity")
    assert status == 200, carbon_forecast  # the session's run forecast the carbon intensity
    drawn = marks(page, "carbon-forecast")
    assert drawn["curves"] >= 2  # the interval band and the forecast line
    assert drawn["points"] >= 2 * 20
    panel = page.locator('[data-panel="carbon-forecast"]')
    expect(panel).to_contain_text(carbon_forecast["model_version"])
    expect_replayed_track_record(panel, carbon_forecast)
    if carbon_forecast["evaluation"] is not None:
        expect(panel).to_contain_text("Backtest covers")
    keep_screenshot(page, artifacts, "generation", docs=True)
    assert console.unexpected() == []


def test_analysis_states_the_trend_and_draws_each_result(
    page: Page, console: Console, demo: Demo, artifacts: Path
):
    open_view(page, "analysis")
    expect(page.get_by_test_id("trend-sentence")).to_contain_text(re.compile(r"^Load "))
    trend = marks(page, "trend")
    assert trend["dots"] >= 28  # a month of daily means
    assert trend["curves"] == 3  # daily means, rolling mean, trend line
    profile = marks(page, "profile")
    assert profile["curves"] == 4
    assert profile["points"] >= 4 * 20
    status, seasonal = api(demo, "/analysis/seasonal?range=month")
    assert status == 200, seasonal
    (distribution,) = [r for r in seasonal if r["kind"] == "distribution"]
    counts = distribution["result"]["load"]["histogram"]["counts"]
    assert len(counts) == 20
    # an empty band draws no rectangle
    assert marks(page, "distribution")["bars"] == sum(1 for count in counts if count > 0)
    status, correlations = api(demo, "/analysis/correlations?range=month")
    assert status == 200, correlations
    pearson = [pair for pair in correlations["pairs"] if pair["method"] == "pearson"]
    variables = {pair[side] for pair in pearson for side in ("variable_a", "variable_b")}
    assert {"carbon_intensity", "fossil_free_percentage", "gas_mw"} <= variables
    assert marks(page, "correlations")["cells"] == 2 * len(pearson)  # each pair above and below
    matrix = page.get_by_role("table", name=re.compile("Pearson"))
    expect(matrix).to_contain_text("Carbon intensity")
    picker, sentence = page.locator("#trend-series"), page.get_by_test_id("trend-sentence")
    picker.select_option("carbon_intensity")
    expect(sentence).to_contain_text(re.compile(r"^Carbon intensity "))
    picker.select_option("fossil_free_percentage")
    expect(sentence).to_contain_text(re.compile(r"^Carbon-free share "))
    picker.select_option("power_consumption_total")
    keep_screenshot(page, artifacts, "analysis", docs=True)
    assert console.unexpected() == []


def test_clustering_colours_days_and_gives_anomaly_reasons(
    page: Page, console: Console, artifacts: Path
):
    open_view(page, "clustering")
    centroids = marks(page, "centroids")
    assert centroids["curves"] >= 2
    assert centroids["points"] >= 2 * 23
    assert marks(page, "calendar")["cells"] >= 28
    expect(page.locator('[data-panel="anomalies"]')).to_contain_text(
        re.compile(r"Days \(\d+ of \d+\)")
    )
    carbon = page.get_by_role("table", name=re.compile("Carbon intensity and carbon-free share"))
    expect(carbon).to_contain_text(re.compile(r"Cluster 1.*\d+ gCO₂eq/kWh"))
    keep_screenshot(page, artifacts, "clustering", docs=True)
    assert console.unexpected() == []


def test_the_range_selector_changes_the_requests_and_the_url(page: Page, console: Console):
    asked: list[str] = []
    page.on("request", lambda request: asked.append(request.url))
    open_view(page, "generation", "day")
    day_rows = marks(page, "generation")["points"]
    with page.expect_request(lambda r: "/measurements?range=month" in r.url):
        choose_range(page, "Month")
    expect(page).to_have_url(re.compile(r"\?view=generation&range=month$"))
    page.wait_for_load_state("networkidle")
    assert marks(page, "generation")["points"] > 10 * day_rows
    expect(page.get_by_role("link", name=re.compile("Download CSV"))).to_have_attribute(
        "href", "/measurements?range=month&format=csv"
    )

    with page.expect_request(_asks("/analysis/trend?range=month")):
        page.get_by_role("link", name="Analysis").click()
    with page.expect_request(_asks("/analysis/correlations?range=year")):
        choose_range(page, "Year")
    expect(page).to_have_url(re.compile(r"\?view=analysis&range=year$"))
    page.wait_for_load_state("networkidle")
    expect(page.locator('[data-state="error"]')).to_have_count(0)

    page.go_back()
    expect(page.get_by_role("radio", name="Month")).to_be_checked()
    measurement_ranges = [
        re.search(r"range=(\w+)", url)[1] for url in asked if "/measurements?" in url
    ]
    assert measurement_ranges[:2] == ["day", "month"]
    assert console.unexpected() == []


def _asks(path: str):
    return lambda request: request.url.endswith(path)


def test_an_api_error_shows_the_error_state_and_retry_recovers(
    page: Page, console: Console, artifacts: Path
):
    failures = {"left": 1}

    def fail_once(route: Any) -> None:
        if failures["left"]:
            failures["left"] -= 1
            route.fulfill(
                status=500,
                content_type="application/json",
                body=json.dumps({"error": "internal", "message": "injected failure"}),
            )
        else:
            route.fallback()

    page.route("**/analysis/trend?*", fail_once)
    open_view(page, "analysis")
    alert = page.locator('[data-panel="trend"] [role="alert"]')
    expect(alert).to_contain_text("Could not load the trend")
    expect(alert).to_contain_text("injected failure (HTTP 500)")
    expect(page.locator('[data-panel="profile"] [data-chart="profile"]')).to_be_visible()
    keep_screenshot(page, artifacts, "analysis-error")
    with page.expect_response(lambda r: "/analysis/trend" in r.url and r.status == 200):
        alert.get_by_role("button", name="Retry").click()
    expect(page.get_by_test_id("trend-sentence")).to_be_visible()
    assert all("status of 500" in error for error in console.unexpected())


def test_the_csv_download_holds_the_shown_hours(page: Page, demo: Demo):
    open_view(page, "generation", "week")
    href = page.get_by_role("link", name=re.compile("Download CSV")).get_attribute("href")
    answer = page.request.get(f"{demo.base_url}{href}")
    assert answer.ok
    assert answer.headers["content-type"].startswith("text/csv")
    lines = answer.text().strip().splitlines()
    status, shown = api(demo, "/measurements?range=week")
    assert status == 200
    assert lines[0].startswith("datetime,")
    assert len(lines) == 1 + shown["count"]


def test_on_a_phone_with_the_keyboard(browser: Any, demo: Demo, artifacts: Path):
    context = browser.new_context(
        viewport={"width": 390, "height": 844}, base_url=demo.base_url, is_mobile=True
    )
    page = context.new_page()
    open_view(page, "overview")
    marks(page, "recent")
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    keep_screenshot(page, artifacts, "overview-phone")
    page.get_by_role("radio", name="Day").focus()
    with page.expect_request(lambda r: "/measurements?range=week" in r.url):
        page.keyboard.press("ArrowRight")
    expect(page).to_have_url(re.compile(r"range=week$"))
    context.close()
