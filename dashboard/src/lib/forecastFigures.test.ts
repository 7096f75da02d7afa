import { describe, expect, it } from "vitest";

import { backtestFigures, backtestSpan, trackRecordFigures } from "./forecastFigures";

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
      "Backtest covers: only 6 days (144 hours): too few to judge (28 needed)",
      "Backtest error (nMAE): 8 %",
      "Skill vs smart persistence: −2 %",
      "Skill vs persistence: +5 %",
      "Interval coverage: 28 % (aim 80 %)",
    ]);
    expect(backtestFigures(null)).toEqual([]);
  });

  it("says a backtest of 28 days or more covers enough, from its window", () => {
    const month = { window: { start: "2026-10-01T07:00:00Z", end: "2026-10-29T07:00:00Z" }, n_hours: 672 };
    expect(backtestSpan(month)?.value).toBe("28 days (672 hours)");
    expect(backtestSpan({ n_hours: 24 * 27 })?.value).toBe("only 27 days (648 hours): too few to judge (28 needed)");
    expect(backtestSpan({ coverage_80: 0.8 })).toBeNull();
  });

  it("words the track record of the measured forecasts beside persistence", () => {
    const track = {
      start: "2026-11-22T08:00:00Z",
      end: "2026-11-29T08:00:00Z",
      n_forecasts: 2016,
      n_hours: 168,
      n_replayed: 0,
      n_days: 7,
      coverage_daylight: null,
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
