import { describe, expect, it } from "vitest";

import { backtestFigures, trackRecordFigures } from "./forecastFigures";

describe("backtest figures", () => {
  it("names the known metrics and leaves the others out", () => {
    const figures = backtestFigures({
      methods: { model: { nmae_pct: 8.04 } },
      skill_vs_persistence: 0.051,
      skill_vs_smart_persistence: -0.02,
      coverage_80: 0.5,
      coverage_80_daylight: 0.278,
      capacity_mw: 879.9,
      n_hours: 144,
    });
    expect(figures.map((f) => `${f.label}: ${f.value}`)).toEqual([
      "Backtest error (nMAE): 8 %",
      "Skill vs smart persistence: −2 %",
      "Skill vs persistence: +5 %",
      "Interval coverage: 28 % (aim 80 %)",
    ]);
    expect(backtestFigures(null)).toEqual([]);
  });

  it("words the track record of the measured forecasts beside persistence", () => {
    const track = {
      start: "2026-11-22T08:00:00Z",
      end: "2026-11-29T08:00:00Z",
      n_forecasts: 2016,
      n_hours: 168,
      mae_mw: 38.4,
      persistence_mae_mw: 41.2,
      skill_vs_persistence: 0.068,
      coverage: 0.823,
      interval_level: 0.8,
    };
    expect(trackRecordFigures(track).map((f) => `${f.label}: ${f.value}`)).toEqual([
      "Last 7 days, measured: error 38 MW (persistence 41 MW)",
      "Last 7 days in the interval: 82 % (aim 80 %)",
    ]);
    const none = { ...track, n_forecasts: 0, n_hours: 0, mae_mw: null, persistence_mae_mw: null, coverage: null };
    expect(trackRecordFigures(none).map((f) => f.value)).toEqual(["no forecast hour measured yet"]);
    expect(trackRecordFigures(undefined)).toEqual([]);
  });
});
