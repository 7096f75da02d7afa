import { describe, expect, it } from "vitest";

import type { TrackRecord } from "../api/types";
import { formatMW, formatNumber } from "./format";
import { backtestFigures, backtestSpan, replayedSplit, trackRecordFigures } from "./forecastFigures";

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

  const solar = {
    start: "2026-11-01T08:00:00Z",
    end: "2026-11-29T08:00:00Z",
    n_forecasts: 8064,
    n_hours: 672,
    n_replayed: 7700,
    n_days: 27.96,
    coverage_daylight: 0.784,
    mae_mw: 38.4,
    persistence_mae_mw: 41.2,
    skill_vs_persistence: 0.068,
    coverage: 0.823,
    interval_level: 0.8,
  } satisfies TrackRecord as TrackRecord;
  const megawatts = (track: TrackRecord) => ({ model: track.mae_mw, persistence: track.persistence_mae_mw, format: formatMW });

  it("words the track record: error beside persistence, replayed and live, coverage over its days", () => {
    expect(trackRecordFigures(solar, megawatts(solar)).map((f) => `${f.label}: ${f.value}`)).toEqual([
      "Last 28 days, measured: error 38 MW (persistence 41 MW)",
      "Forecasts scored: 8,064 hours over 28 days: 7,700 replayed, 364 live",
      "In the interval over 28 days: 78 % of daylight hours (82 % of all; aim 80 %)",
    ]);
    const live = { ...solar, n_replayed: 0, n_days: 2.5, coverage_daylight: null };
    expect(trackRecordFigures(live, megawatts(live)).map((f) => f.value).slice(1)).toEqual([
      "8,064 hours over 2.5 days: all live",
      "82 % (aim 80 %)",
    ]);
    expect(replayedSplit({ ...solar, n_replayed: 8064 })).toBe("all 8,064 replayed");
    const none = { ...solar, n_forecasts: 0, n_hours: 0, n_replayed: 0, mae_mw: null, persistence_mae_mw: null, coverage: null };
    expect(trackRecordFigures(none, megawatts(none)).map((f) => f.value)).toEqual(["no forecast hour measured yet"]);
    expect(trackRecordFigures(undefined, megawatts(solar))).toEqual([]);
  });

  it("words a track record without the replayed count or days (the carbon forecast's) without them", () => {
    const carbon = {
      start: "2026-11-22T08:00:00Z",
      end: "2026-11-29T08:00:00Z",
      n_forecasts: 960,
      n_hours: 160,
      coverage: 0.79,
      interval_level: 0.8,
    };
    const error = { model: 31.6, persistence: 44.9, format: (value: number) => `${formatNumber(value)} g/kWh` };
    expect(trackRecordFigures(carbon, error).map((f) => `${f.label}: ${f.value}`)).toEqual([
      "Last 7 days, measured: error 32 g/kWh (persistence 45 g/kWh)",
      "Forecasts scored: 960 hours",
      "In the interval: 79 % (aim 80 %)",
    ]);
  });
});
