import { describe, expect, it } from "vitest";

import type { CleanestWindow } from "../api/types";
import {
  carbonBacktestFigures,
  carbonProvenance,
  cleanestSentence,
  cleanestUncertainty,
  formatNetImport,
  windowSpan,
} from "./carbon";

const advice: CleanestWindow = {
  zone: "US-CAL-LDWP",
  issued_at: "2026-11-30T09:05:00Z",
  model_version: "carbon-hgb-1",
  hours: 3,
  start_at: "2026-11-30T19:00:00Z", // 11:00 PST
  end_at: "2026-11-30T22:00:00Z",
  mean_g_per_kwh: 251.4,
  mean_lower_g_per_kwh: 210.2,
  mean_upper_g_per_kwh: 296.8,
  horizon_start_at: "2026-11-30T09:00:00Z",
  horizon_end_at: "2026-12-01T09:00:00Z",
  horizon_hours: 24,
  horizon_mean_g_per_kwh: 405.5,
  saving_pct: 38.2,
  saving_pct_low: 26.8,
  saving_pct_high: 48.2,
  interval_level: 0.8,
};

describe("carbon provenance", () => {
  it("names the source and the emission factors of a known intensity only", () => {
    const known = { carbon_intensity: 402, carbon_intensity_source: "Electricity Maps" as const, carbon_intensity_factor_type: "lifecycle" as const };
    expect(carbonProvenance(known)).toBe("Electricity Maps, life-cycle");
    expect(carbonProvenance({ ...known, carbon_intensity: null, carbon_intensity_source: null })).toBeUndefined();
  });
});

describe("net imports", () => {
  it("says which way the power flows, and unknown when a side is", () => {
    expect(formatNetImport(1234.4)).toBe("1,234 MW in");
    expect(formatNetImport(-250)).toBe("250 MW out");
    expect(formatNetImport(0.2)).toBe("balanced (0 MW)");
    expect(formatNetImport(null)).toBe("not available");
  });
});

describe("cleanest hours", () => {
  it("words the window on the Los Angeles clock, today or tomorrow", () => {
    const earlyToday = Date.parse("2026-11-30T10:00:00Z"); // 02:00 PST
    expect(cleanestSentence(advice, earlyToday)).toBe(
      "Cleanest 3 hours: today 11:00–14:00 PST, about 38 % below the forecast average",
    );
    const evening = Date.parse("2026-11-30T04:00:00Z"); // Nov 29, 20:00 PST
    expect(windowSpan(advice.start_at, advice.end_at, evening)).toBe("tomorrow 11:00–14:00 PST");
    expect(windowSpan(advice.start_at, advice.end_at, Date.parse("2026-11-27T20:00:00Z"))).toBe(
      "Mon, Nov 30, 2026 11:00–14:00 PST",
    );
  });

  it("crosses midnight and never claims a saving it does not have", () => {
    const night = { ...advice, hours: 1, start_at: "2026-12-01T07:00:00Z", end_at: "2026-12-01T08:00:00Z", saving_pct: 0.3 };
    expect(cleanestSentence(night, Date.parse("2026-11-30T10:00:00Z"))).toBe(
      "Cleanest 1 hour: today 23:00–00:00 PST, about the forecast average",
    );
  });

  it("gives the uncertainty from the intervals", () => {
    expect(cleanestUncertainty(advice)).toBe(
      "Forecast 251 gCO₂eq/kWh in the window (80 % interval 210–297) against 406 gCO₂eq/kWh over the next 24 hours; the saving lies between 27 % and 48 % if the interval's ends come true.",
    );
  });
});

describe("carbon forecast figures", () => {
  it("names the backtest's span, error beside persistence, skill and coverage", () => {
    const evaluation = {
      window: { start: "2026-11-22T08:00:00Z", end: "2026-11-29T08:00:00Z" },
      n_hours: 168,
      methods: { model: { mape_pct: 9.41 }, persistence: { mape_pct: 13.2 }, weekly_persistence: { mape_pct: 15.0 } },
      skill_vs_persistence: 0.287,
      coverage_80: 0.804,
    };
    expect(carbonBacktestFigures(evaluation).map((f) => `${f.label}: ${f.value}`)).toEqual([
      "Backtest covers: only 7 days (168 hours): too few to judge (28 needed)",
      "Backtest error (MAPE): 9.4 % (persistence 13.2 %)",
      "Skill vs persistence: +29 %",
      "Interval coverage: 80 % (aim 80 %)",
    ]);
    expect(carbonBacktestFigures(null)).toEqual([]);
  });
});
