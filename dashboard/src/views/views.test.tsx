import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";

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
import { Clustering } from "./Clustering";
import { Generation } from "./Generation";
import { Overview } from "./Overview";

const notFound = (message: string) => ({ status: 404, body: { error: "not_found", message } });

/** Recharts SVG elements that draw data (curves, bars, dots) inside a chart. */
function marks(name: string): number {
  const chart = document.querySelector(`[data-chart="${name}"]`);
  return chart?.querySelectorAll(".recharts-curve, .recharts-rectangle, .recharts-dot").length ?? 0;
}

describe("Overview", () => {
  it("shows the newest hour with units, unknowns as 'not available', and its freshness", async () => {
    renderWithApi(<Overview range="day" />, {
      "/status/latest": ok({ ...status, last_run: { run_id: "local-1", trigger: "local", status: "succeeded", started_at: "2026-11-29T09:00:00Z", finished_at: "2026-11-29T09:00:12Z" } }),
      "/measurements?range=day": ok(measurements),
    });
    const now = await screen.findByText(/Up to date/);
    expect(now).toHaveTextContent("newest hour Sun, Nov 29, 2026, 00:00–01:00 PST, updated 1.9 h ago");
    const tile = (label: string) => document.querySelector(`[data-stat="${label}"]`) as HTMLElement;
    expect(within(tile("Load")).getByText("2,493 MW")).toBeInTheDocument();
    expect(within(tile("Carbon intensity")).getByText("not available")).toBeInTheDocument();
    expect(within(tile("Imports")).getByText("not available")).toBeInTheDocument();
    expect(within(tile("Solar now")).getByText("18 MW")).toBeInTheDocument();
    expect(screen.getByText(/Not available from the source data: nuclear, geothermal/)).toBeInTheDocument();
    expect(screen.getByText("1 of the day's hours known so far, at least 3 needed.")).toBeInTheDocument();
    expect(screen.getByText("succeeded")).toBeInTheDocument();
    await waitFor(() => expect(marks("recent")).toBeGreaterThan(0));
    expect(marks("mix")).toBe(2);
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
    });
    await waitFor(() => expect(marks("generation")).toBeGreaterThan(0));
    expect(screen.getByText(/in the source data \(unknown, not zero\): nuclear, coal, gas/)).toBeInTheDocument();
    expect(screen.getByRole("link", { name: /Download CSV/ })).toHaveAttribute("href", "/measurements?range=day&format=csv");
    await waitFor(() => expect(marks("forecast")).toBeGreaterThan(0));
    expect(screen.getByText("9 of 9 hours")).toBeInTheDocument();
    expect(screen.getByText(forecast.model_version)).toBeInTheDocument();
    expect(screen.getByText("Interval coverage")).toBeInTheDocument();
  });

  it("explains a missing forecast instead of drawing zeros", async () => {
    renderWithApi(<Generation range="week" />, {
      "/measurements?range=week": ok(measurements),
    });
    expect(await screen.findByText("No solar forecast yet")).toBeInTheDocument();
    expect(screen.getByText("This API does not serve forecasts yet (GET /predictions).")).toBeInTheDocument();
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
      "Load shows no significant trend over 31 days (slope +0.28 MW/day, 95 % interval -5.4 to 5.7; Mann-Kendall, corrected for autocorrelation, p = 0.92).",
    );
    expect(seen.sort()).toEqual(["/analysis/correlations?range=month", "/analysis/seasonal?range=month", "/analysis/trend?range=month"]);
    await waitFor(() => expect(marks("trend")).toBeGreaterThan(0));
    expect(marks("profile")).toBeGreaterThan(0);
    expect(marks("distribution")).toBe(20);
    const table = screen.getByRole("table", { name: /Pearson correlation/ });
    expect(within(table).getAllByText("0.08")).toHaveLength(2);
    const carbon = screen.getAllByRole("option", { name: "Carbon intensity (not available)" });
    expect(carbon).toHaveLength(2); // the trend's and the profile's series pickers
    for (const option of carbon) expect(option).toBeDisabled();
  });

  it("switches the series and the correlation method", async () => {
    renderWithApi(<Analysis range="month" />, {
      "/analysis/trend?range=month": ok(trend),
      "/analysis/seasonal?range=month": ok(seasonal),
      "/analysis/correlations?range=month": ok(correlations),
    });
    await userEvent.selectOptions(await screen.findByLabelText("Series", { selector: "#trend-series" }), "solar_mw");
    expect(screen.getByTestId("trend-sentence")).toHaveTextContent(/^Solar is falling by −0.94 MW\/day, −11.6 % over the range: significant/);
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

  it("words a significant trend with its direction", () => {
    const figures = trend.result.variables.solar_mw as Parameters<typeof trendSentence>[1];
    expect(trendSentence("solar_mw", figures)).toContain("Solar is falling");
    // stored before the autocorrelation correction (no `test`): the sentence claims none
    const { test: _corrected, ...uncorrected } = figures.mann_kendall;
    expect(trendSentence("solar_mw", { ...figures, mann_kendall: uncorrected })).toContain("significant (Mann-Kendall p = 0.01;");
  });
});

describe("Clustering", () => {
  it("draws the profiles, the calendar and the anomalies with their reasons", async () => {
    renderWithApi(<Clustering range="month" onRange={() => {}} />, { "/clustering?range=month": ok(clustering) });
    await waitFor(() => expect(marks("centroids")).toBeGreaterThan(0));
    expect(document.querySelectorAll("[data-chart=calendar] [data-day]")).toHaveLength(32);
    expect(screen.getByRole("img", { name: /Fri, Nov 6, 2026: cluster 1; anomaly: daily mean 3087 MW/ })).toHaveAttribute("data-anomaly", "true");
    expect(screen.getByRole("img", { name: "Sun, Nov 29, 2026: not clustered (23 hours missing)" })).toBeInTheDocument();
    expect(screen.getByTestId("anomaly-days")).toHaveTextContent("daily mean 3087 MW where comparable days around it have 2910 MW");
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
