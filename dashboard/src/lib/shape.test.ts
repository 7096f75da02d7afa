import { describe, expect, it } from "vitest";

import type { CorrelationPair } from "../api/types";
import type { TrendFigures } from "../api/results";
import forecast from "../test/fixtures/forecast.json";
import page from "../test/fixtures/measurements-day.json";
import {
  calendarWeeks,
  correlationMatrix,
  dailyMeans,
  forecastRows,
  gapNote,
  histogramBars,
  hourlyRows,
  intervalCoverage,
  knownSources,
  trendRows,
  unknownSources,
} from "./shape";

const h = (iso: string) => Date.parse(iso);

describe("measurements to chart rows", () => {
  it("keeps unknown values null and turns a missing hour into a row of nulls, never 0", () => {
    const rows = hourlyRows(
      [
        { datetime: "2026-11-29T08:00:00Z", solar_mw: 0, wind_mw: null },
        { datetime: "2026-11-29T10:00:00Z", solar_mw: 12, wind_mw: 3 },
      ],
      ["solar_mw", "wind_mw"],
    );
    expect(rows).toEqual([
      { t: h("2026-11-29T08:00:00Z"), solar_mw: 0, wind_mw: null },
      { t: h("2026-11-29T09:00:00Z"), solar_mw: null, wind_mw: null },
      { t: h("2026-11-29T10:00:00Z"), solar_mw: 12, wind_mw: 3 },
    ]);
    expect(gapNote(rows, ["solar_mw", "wind_mw"])).toBe("1 hour without data: shown as gaps, not zeros");
  });

  it("starts at the window's first hour and stops at the newest stored hour", () => {
    const rows = hourlyRows(page.measurements, ["power_consumption_total"], page.window);
    expect(rows[0]!.t).toBe(h(page.window.start));
    expect(rows.at(-1)!.t).toBe(h(page.measurements.at(-1)!.datetime));
    expect(rows).toHaveLength(page.count);
  });

  it("averages Los Angeles days for long ranges; an unknown day stays null", () => {
    const rows = hourlyRows(
      [
        { datetime: "2026-11-28T08:00:00Z", solar_mw: 10, gas_mw: null },
        { datetime: "2026-11-28T09:00:00Z", solar_mw: 20, gas_mw: null },
        { datetime: "2026-11-29T08:00:00Z", solar_mw: 30, gas_mw: null },
      ],
      ["solar_mw", "gas_mw"],
    );
    const days = dailyMeans(rows, ["solar_mw", "gas_mw"]);
    expect(days.map((d) => [d.solar_mw, d.gas_mw])).toEqual([
      [15, null],
      [30, null],
    ]);
  });

  it("stacks only sources with a known value and lists the others as not available", () => {
    // the replay's mix: coal, gas, hydro, wind, solar and other (unknown), in stacking order
    expect(knownSources(page.available)).toEqual(["coal_mw", "gas_mw", "hydro_mw", "wind_mw", "solar_mw", "unknown_mw"]);
    const missing = unknownSources(page.available);
    expect(missing).toContain("nuclear_mw");
    expect(missing).toContain("oil_mw");
    expect(missing).not.toContain("solar_mw");
    // A source that appears in the data shows up with no code change.
    expect(knownSources([...page.available, "nuclear_mw"])[0]).toBe("nuclear_mw");
  });
});

describe("forecast rows", () => {
  it("puts the interval in a band, keeps missing actuals null and judges coverage", () => {
    const rows = forecastRows(forecast.predictions);
    expect(rows).toHaveLength(24);
    expect(rows[0]!.band).toEqual([forecast.predictions[0]!.lower_mw, forecast.predictions[0]!.upper_mw]);
    expect(rows[9]!.actual).toBeNull(); // the first hour not measured when recorded
    expect(rows[20]!.actual).toBeNull();
    expect(intervalCoverage(rows)).toEqual({ inside: 9, n: 9 });
    expect(intervalCoverage(forecastRows([]))).toBeNull();
  });

  it("puts measured hours before the forecast, without a forecast of their own", () => {
    const first = Date.parse(forecast.predictions[0]!.target_datetime);
    const hour = (offset: number) => new Date(first + offset * 3_600_000).toISOString().replace(".000Z", "Z");
    const rows = forecastRows(forecast.predictions.slice(0, 2), [
      { datetime: hour(-2), solar_mw: 20 },
      { datetime: hour(-1), solar_mw: null },
      { datetime: hour(0), solar_mw: 99 }, // the first forecast hour: not history
    ]);
    expect(rows.map((row) => [new Date(row.t).toISOString().replace(".000Z", "Z"), row.predicted === null, row.actual])).toEqual([
      [hour(-2), true, 20],
      [hour(-1), true, null],
      [hour(0), false, forecast.predictions[0]!.actual_mw],
      [hour(1), false, forecast.predictions[1]!.actual_mw],
    ]);
  });
});

describe("analysis results to chart rows", () => {
  it("draws the Theil-Sen line from the intercept on every calendar day", () => {
    const trend = {
      intercept: 100,
      slope_per_day: 2,
      daily: [
        { date: "2026-11-01", mean: 101 },
        { date: "2026-11-03", mean: 105 },
      ],
      rolling_mean: [{ date: "2026-11-02", mean: 103 }],
    } as TrendFigures;
    expect(trendRows(trend)).toEqual([
      { date: "2026-11-01", mean: 101, rolling: null, fitted: 100 },
      { date: "2026-11-02", mean: null, rolling: 103, fitted: 102 },
      { date: "2026-11-03", mean: 105, rolling: null, fitted: 104 },
    ]);
  });

  it("builds a symmetric correlation matrix of one method; an omitted pair is null", () => {
    const pair = (a: string, b: string, method: "pearson" | "spearman", r: number): CorrelationPair => ({
      variable_a: a,
      variable_b: b,
      method,
      coefficient: r,
      p_value: 0.01,
      n: 700,
    });
    const matrix = correlationMatrix(
      [pair("solar_mw", "power_consumption_total", "pearson", 0.4), pair("wind_mw", "solar_mw", "spearman", 0.1)],
      "pearson",
    );
    expect(matrix.variables).toEqual(["power_consumption_total", "solar_mw"]);
    expect(matrix.cell("power_consumption_total", "solar_mw")).toMatchObject({ coefficient: 0.4 });
    expect(matrix.cell("solar_mw", "power_consumption_total")).toMatchObject({ coefficient: 0.4 });
    expect(matrix.cell("solar_mw", "solar_mw")).toBe("self");
    expect(matrix.cell("solar_mw", "wind_mw")).toBeNull();
  });

  it("labels histogram bands by their edges", () => {
    expect(histogramBars([2000, 2100.4, 2200], [3, 5])).toEqual([
      { from: 2000, to: 2100.4, label: "2000–2100", count: 3 },
      { from: 2100.4, to: 2200, label: "2100–2200", count: 5 },
    ]);
  });

  it("lays days out in Monday-first weeks with clusters, anomalies and left-out days", () => {
    const weeks = calendarWeeks(
      [
        { date: "2026-11-05", cluster: 0 }, // a Thursday
        { date: "2026-11-06", cluster: 1 },
        { date: "2026-11-09", cluster: 0 }, // the next Monday
      ],
      [{ date: "2026-11-07", reason: "23 hours missing" }],
      [{ date: "2026-11-06", reason: "level" }],
    );
    expect(weeks).toHaveLength(2);
    expect(weeks[0]!.slice(0, 3)).toEqual([null, null, null]);
    expect(weeks[0]![3]).toMatchObject({ date: "2026-11-05", cluster: 0 });
    expect(weeks[0]![4]).toMatchObject({ date: "2026-11-06", anomalies: ["level"] });
    expect(weeks[0]![5]).toMatchObject({ date: "2026-11-07", cluster: null, leftOut: "23 hours missing" });
    expect(weeks[0]![6]).toMatchObject({ date: "2026-11-08", cluster: null, leftOut: null });
    expect(weeks[1]![0]).toMatchObject({ date: "2026-11-09", cluster: 0 });
    expect(weeks[1]!.slice(1)).toEqual([null, null, null, null, null, null]);
  });
});
