import { render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";

import carbonForecast from "../test/fixtures/carbon-forecast.json";
import cleanest from "../test/fixtures/cleanest-window.json";
import clustering from "../test/fixtures/clustering-month.json";
import correlations from "../test/fixtures/correlations-month.json";
import forecast from "../test/fixtures/forecast.json";
import measurements from "../test/fixtures/measurements-day.json";
import seasonal from "../test/fixtures/seasonal-month.json";
import status from "../test/fixtures/status.json";
import trend from "../test/fixtures/trend-month.json";
import { ok, renderWithApi } from "../test/api";
import { Analysis } from "./Analysis";
import { trendSentence } from "./analysis/TrendPanel";
import type { ClusteringResult, DistributionResult } from "../api/results";
import { Clustering } from "./Clustering";
import { carbonVerdict } from "./clustering/CarbonPanel";
import { Generation } from "./Generation";
import { Overview } from "./Overview";
import { CleanestPanel } from "./overview/CleanestPanel";

const notFound = (message: string) => ({ status: 404, body: { error: "not_found", message } });

/** Recharts SVG elements that draw data (curves, bars, dots) inside a chart. */
function marks(name: string): number {
  const chart = document.querySelector(`[data-chart="${name}"]`);
  return chart?.querySelectorAll(".recharts-curve, .recharts-rectangle, .recharts-dot").length ?? 0;
}

describe("Overview", () => {
  it("shows the newest hour's carbon, shares, exchange and mix with units, and its freshness", async () => {
    renderWithApi(<Overview range="day" />, {
      "/status/latest": ok({ ...status, last_run: { run_id: "local-1", trigger: "local", status: "succeeded", started_at: "2026-11-29T09:00:00Z", finished_at: "2026-11-29T09:00:12Z" } }),
      "/measurements?range=day": ok(measurements),
      "/advice/cleanest-window?hours=3": ok(cleanest),
    });
    const now = await screen.findByText(/Up to date/);
    expect(now).toHaveTextContent("newest hour Sun, Nov 29, 2026, 00:00–01:00 PST, updated 1.9 h ago");
    const tile = (label: string) => document.querySelector(`[data-stat="${label}"]`) as HTMLElement;
    expect(within(tile("Load")).getByText("2,408 MW")).toBeInTheDocument();
    expect(tile("Carbon intensity")).toHaveTextContent("401 gCO₂eq/kWhElectricity Maps, life-cycle");
    expect(tile("Carbon-free share")).toHaveTextContent("49 %of consumption");
    expect(tile("Renewable share")).toHaveTextContent("40 %of consumption");
    expect(tile("Net imports")).toHaveTextContent("1,005 MW inimports 1,005 MW, exports 0 MW");
    expect(within(tile("Solar now")).getByText("0 MW")).toBeInTheDocument();
    expect(document.querySelectorAll("[data-stat][data-known=false]")).toHaveLength(0);
    expect(screen.getByText(/Not available from the source data: nuclear, geothermal, biomass, oil/)).toBeInTheDocument();
    expect(screen.getByText("succeeded")).toBeInTheDocument();
    await waitFor(() => expect(marks("recent")).toBeGreaterThan(0));
    // six sources known; solar at 0 MW at night keeps its label but draws no bar
    expect(marks("mix")).toBe(5);
    const mix = document.querySelector('[data-chart="mix"]') as HTMLElement;
    for (const label of ["Gas", "Coal", "Hydro", "Wind", "Other", "Solar"]) expect(mix).toHaveTextContent(label);
    expect(screen.getByTestId("cleanest-sentence")).toHaveTextContent(/^Cleanest 3 hours: (today|tomorrow|Sun, Nov 29, 2026) 10:00–13:00 PST, about 5 % below the forecast average$/);
    expect(screen.getByText(/the saving lies between -11 % and 15 % if the interval's ends come true/)).toBeInTheDocument();
    // the recorded advice's window is in the past by now: the panel says so rather than advise it
    expect(screen.getByText(/This window has passed: the newest carbon forecast is old/)).toHaveAttribute("role", "alert");
  });

  it("shows 'not available' for what the newest hour does not know", async () => {
    const unknown = {
      ...status,
      carbon_intensity: null,
      carbon_intensity_direct: null,
      carbon_intensity_source: null,
      fossil_free_percentage: null,
      renewable_percentage: null,
      export_mw: null,
      net_import_mw: null,
      generation_mix: status.generation_mix.filter((item) => ["solar", "wind"].includes(item.source)),
    };
    renderWithApi(<Overview range="day" />, { "/status/latest": ok(unknown), "/measurements?range=day": ok(measurements) });
    await screen.findByText(/Up to date/);
    const tile = (label: string) => document.querySelector(`[data-stat="${label}"]`) as HTMLElement;
    for (const label of ["Carbon intensity", "Carbon-free share", "Renewable share", "Net imports"]) {
      expect(tile(label)).toHaveTextContent(/^[A-Za-z -]+not available$/);
    }
  });

  it("advises a window still ahead without the warning", () => {
    render(<CleanestPanel advice={cleanest} now={Date.parse("2026-11-29T11:30:00Z")} />);
    expect(screen.getByTestId("cleanest-sentence")).toHaveTextContent("Cleanest 3 hours: today 10:00–13:00 PST, about 5 % below the forecast average");
    expect(screen.queryByRole("alert")).toBeNull();
  });

  it("says why there are no cleanest hours when the API has no carbon forecast", async () => {
    renderWithApi(<Overview range="day" />, {
      "/status/latest": ok(status),
      "/measurements?range=day": ok(measurements),
      "/advice/cleanest-window?hours=3": notFound("no carbon-intensity forecast stored yet: run the predict step"),
    });
    expect(await screen.findByText("No carbon forecast yet")).toBeInTheDocument();
    expect(screen.getByText("no carbon-intensity forecast stored yet: run the predict step.")).toBeInTheDocument();
  });

  it("warns when the data is stale", async () => {
    renderWithApi(<Overview range="day" />, {
      "/status/latest": ok({ ...status, data_age_hours: 7.5, stale: true }),
      "/measurements?range=day": ok(measurements),
    });
    expect(await screen.findByText(/Data is stale/)).toHaveAttribute("role", "alert");
  });
});

describe("Generation", () => {
  it("stacks the known sources, lists the unknown ones and links the CSV of the range", async () => {
    renderWithApi(<Generation range="day" />, {
      "/measurements?range=day": ok(measurements),
      "/predictions": ok(forecast),
      "/forecast/carbon-intensity": ok(carbonForecast),
    });
    await waitFor(() => expect(marks("generation")).toBeGreaterThan(0));
    expect(document.querySelector('[data-chart="generation"]')).toHaveAccessibleName(
      "Generation by source, hourly, stacked, in MW: Coal, Gas, Hydro, Wind, Solar, Other",
    );
    expect(marks("generation-carbon")).toBeGreaterThan(0);
    expect(screen.getByText(/in the source data \(unknown, not zero\): nuclear, oil, geothermal, biomass/)).toBeInTheDocument();
    expect(screen.getByRole("link", { name: /Download CSV/ })).toHaveAttribute("href", "/measurements?range=day&format=csv");
    await waitFor(() => expect(marks("forecast")).toBeGreaterThan(0));
    expect(screen.getAllByText("9 of 9 hours")).toHaveLength(2); // solar's and carbon's
    expect(screen.getByText(forecast.model_version)).toBeInTheDocument();
    expect(screen.getAllByText("Interval coverage")).toHaveLength(2); // solar's and carbon's
    // both evaluations hold out at least 28 days (from the local midnight before 28 days back)
    expect(screen.getAllByText("29 days (689 hours)")).toHaveLength(2);
    const carbon = document.querySelector('[data-panel="carbon-forecast"]') as HTMLElement;
    await waitFor(() => expect(marks("carbon-forecast")).toBeGreaterThan(0));
    expect(carbon).toHaveTextContent(carbonForecast.model_version);
    expect(carbon).toHaveTextContent("Backtest error (MAPE)7 % (persistence 8.2 %)");
    expect(carbon).toHaveTextContent("Skill vs persistence+15 %");
    expect(carbon).toHaveTextContent("Interval coverage72 % (aim 80 %)");
    // the held-out days' forecasts, replayed as the demo does, scored against what was measured
    expect(carbon).toHaveTextContent("Last 28 days, measurederror 25 g/kWh (persistence 29 g/kWh)");
    expect(carbon).toHaveTextContent("Forecasts scored16,107 hours over 28 days: all 16,107 replayed");
    expect(carbon).toHaveTextContent("In the interval over 28 days73 % (aim 80 %)");
  });

  it("says how many scored solar forecasts were replayed and over how many days the coverage is", async () => {
    const track = {
      ...forecast.track_record,
      n_forecasts: 8064,
      n_hours: 672,
      n_replayed: 7700,
      n_days: 28,
      mae_mw: 38.4,
      persistence_mae_mw: 41.2,
      coverage: 0.823,
      coverage_daylight: 0.784,
      interval_level: 0.8,
    };
    renderWithApi(<Generation range="day" />, {
      "/measurements?range=day": ok(measurements),
      "/predictions": ok({ ...forecast, track_record: track }),
      "/forecast/carbon-intensity": ok(carbonForecast),
    });
    await waitFor(() => expect(marks("forecast")).toBeGreaterThan(0));
    const panel = document.querySelector('[data-panel="forecast"]') as HTMLElement;
    expect(panel).toHaveTextContent("Forecasts scored8,064 hours over 28 days: 7,700 replayed, 364 live");
    expect(panel).toHaveTextContent("In the interval over 28 days78 % of daylight hours (82 % of all; aim 80 %)");
    expect(panel).toHaveTextContent("Last 28 days, measurederror 38 MW (persistence 41 MW)");
  });

  it("explains a missing forecast instead of drawing zeros", async () => {
    renderWithApi(<Generation range="week" />, {
      "/measurements?range=week": ok(measurements),
    });
    expect(await screen.findByText("No solar forecast yet")).toBeInTheDocument();
    expect(screen.getByText("This API does not serve forecasts yet (GET /predictions).")).toBeInTheDocument();
    expect(screen.getByText("No carbon-intensity forecast yet")).toBeInTheDocument();
    expect(screen.getByText("This API does not serve it yet (GET /forecast/carbon-intensity).")).toBeInTheDocument();
  });
});

describe("Analysis", () => {
  it("states the trend in words and draws every chart of the range", async () => {
    const seen: string[] = [];
    renderWithApi(
      <Analysis range="month" />,
      {
        "/analysis/trend?range=month": ok(trend),
        "/analysis/seasonal?range=month": ok(seasonal),
        "/analysis/correlations?range=month": ok(correlations),
      },
      seen,
    );
    expect(await screen.findByTestId("trend-sentence")).toHaveTextContent(
      "Load shows no significant trend over 31 days (slope +13.2 MW/day, 95 % interval -0.29 to 24 MW/day; Mann-Kendall, corrected for autocorrelation, p = 0.05).",
    );
    expect(seen.sort()).toEqual(["/analysis/correlations?range=month", "/analysis/seasonal?range=month", "/analysis/trend?range=month"]);
    await waitFor(() => expect(marks("trend")).toBeGreaterThan(0));
    expect(marks("profile")).toBeGreaterThan(0);
    const distribution = seasonal.find((r) => r.kind === "distribution")!.result as unknown as DistributionResult;
    const bands = distribution.load.status === "ok" ? distribution.load.histogram.counts : [];
    expect(bands).toHaveLength(20);
    expect(marks("distribution")).toBe(bands.filter((count) => count > 0).length); // an empty band draws nothing
    const table = screen.getByRole("table", { name: /Pearson correlation/ });
    expect(within(table).getAllByRole("columnheader", { name: "Carbon intensity" })).toHaveLength(1);
    // carbon and the shares are picked like load and solar, in the trend's and the profile's pickers
    for (const name of ["Carbon intensity", "Carbon-free share", "Renewable share"]) {
      const options = screen.getAllByRole("option", { name });
      expect(options).toHaveLength(2);
      for (const option of options) expect(option).toBeEnabled();
    }
  });

  it("switches the series and the correlation method", async () => {
    renderWithApi(<Analysis range="month" />, {
      "/analysis/trend?range=month": ok(trend),
      "/analysis/seasonal?range=month": ok(seasonal),
      "/analysis/correlations?range=month": ok(correlations),
    });
    await userEvent.selectOptions(await screen.findByLabelText("Series", { selector: "#trend-series" }), "solar_mw");
    expect(screen.getByTestId("trend-sentence")).toHaveTextContent(/^Solar is falling by −2.73 MW\/day, −40.1 % over the range: significant/);
    await userEvent.selectOptions(screen.getByLabelText("Series", { selector: "#trend-series" }), "carbon_intensity");
    expect(screen.getByTestId("trend-sentence")).toHaveTextContent(
      "Carbon intensity shows no significant trend over 31 days (slope −0.05 gCO₂eq/kWh/day, 95 % interval -1.15 to 1.2 gCO₂eq/kWh/day; Mann-Kendall, corrected for autocorrelation, p = 0.94).",
    );
    await userEvent.click(screen.getByRole("radio", { name: "Spearman (rank)" }));
    expect(screen.getByRole("table", { name: /Spearman correlation/ })).toBeInTheDocument();
  });

  it("shows each panel's error with a retry that asks again", async () => {
    let calls = 0;
    renderWithApi(<Analysis range="month" />, {
      "/analysis/trend?range=month": () => (++calls === 1 ? { status: 500, body: { error: "internal", message: "boom" } } : ok(trend)),
      "/analysis/seasonal?range=month": ok(seasonal),
      "/analysis/correlations?range=month": ok(correlations),
    });
    const alert = await screen.findByRole("alert");
    expect(alert).toHaveTextContent("Could not load the trend");
    await userEvent.click(within(alert).getByRole("button", { name: "Retry" }));
    expect(await screen.findByTestId("trend-sentence")).toBeInTheDocument();
    expect(calls).toBe(2);
  });

  it("words a significant trend with its direction, the test that gave p, and unbounded ends", () => {
    const figures = trend.result.variables.solar_mw as Parameters<typeof trendSentence>[1];
    expect(figures.mann_kendall.test).toBe("original"); // the correction did not apply on this month
    expect(trendSentence("solar_mw", figures)).toBe(
      "Solar is falling by −2.73 MW/day, −40.1 % over the range: significant (Mann-Kendall without the autocorrelation correction, which did not apply here, p < 0.001; 95 % interval -4.02 to -1.11 MW/day).",
    );
    // stored before the autocorrelation correction (no `test`): the sentence claims none
    const { test: _original, ...untold } = figures.mann_kendall;
    expect(trendSentence("solar_mw", { ...figures, mann_kendall: untold })).toContain("significant (Mann-Kendall p < 0.001;");
    const short = { ...figures, direction: "no significant trend" as const, slope_ci_high: null };
    expect(trendSentence("solar_mw", short)).toContain("95 % interval from -4.02 MW/day, unbounded above (too few days);");
    expect(trendSentence("solar_mw", { ...short, slope_ci_low: null })).toContain("95 % interval unbounded (too few days to bound it);");
  });
});

describe("Clustering", () => {
  it("draws the profiles, the calendar and the anomalies with their reasons", async () => {
    renderWithApi(<Clustering range="month" onRange={() => {}} />, { "/clustering?range=month": ok(clustering) });
    await waitFor(() => expect(marks("centroids")).toBeGreaterThan(0));
    expect(document.querySelectorAll("[data-chart=calendar] [data-day]")).toHaveLength(32);
    expect(screen.getByRole("img", { name: /Sun, Nov 1, 2026: cluster 2; anomaly: daily shape far from its cluster/ })).toHaveAttribute("data-anomaly", "true");
    expect(screen.getByRole("img", { name: "Sun, Nov 29, 2026: not clustered (23 hours missing)" })).toBeInTheDocument();
    expect(screen.getByTestId("anomaly-days")).toHaveTextContent("largest deviation at 19:00: 0.72 x the day's mean where the cluster has 1.09");
    // how clean each cluster's days were, beside all the clustered days
    const carbon = screen.getByRole("table", { name: /Carbon intensity and carbon-free share of each cluster/ });
    const cells = (row: string) => within(within(carbon).getByRole("row", { name: new RegExp(row) })).getAllByRole("cell").map((cell) => cell.textContent);
    expect(cells("Cluster 1")).toEqual(["21", "352 gCO₂eq/kWh", "50 %", "about the range's average"]);
    expect(cells("Cluster 2")).toEqual(["10", "354 gCO₂eq/kWh", "51 %", "about the range's average"]);
    expect(cells("All days")).toEqual(["31", "352 gCO₂eq/kWh", "50 %", ""]);
  });

  it("says when a cluster's carbon is unknown or too thinly known to compare", () => {
    const base = (clustering.find((r) => r.kind === "clustering")!.result as unknown as ClusteringResult).clusters[0]!;
    expect(carbonVerdict({ ...base, carbon_vs_range: "cleaner" })).toBe("cleaner than the range");
    expect(carbonVerdict({ ...base, carbon_vs_range: null })).toBe("too few hours known to compare");
    expect(carbonVerdict({ ...base, carbon_vs_range: null, mean_carbon_intensity: null })).toBe("not available");
  });

  it("explains why a week has no clustering and offers the month", async () => {
    const onRange = vi.fn();
    renderWithApi(<Clustering range="week" onRange={onRange} />, {
      "/clustering?range=week": notFound("no clustering for range week yet: run the pipeline"),
    });
    expect(await screen.findByText("No clustering for the week range")).toBeInTheDocument();
    await userEvent.click(screen.getByRole("button", { name: "Show the month" }));
    expect(onRange).toHaveBeenCalledWith("month");
  });
});
