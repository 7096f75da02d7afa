import { describe, expect, it } from "vitest";

import {
  formatAge,
  formatHour,
  formatHourSpan,
  formatLocalDate,
  tickLabel,
  timeTicks,
  weekdayOfLocalDate,
  zoneAbbreviation,
} from "./time";

describe("Los Angeles time", () => {
  it("names the zone in winter and in summer", () => {
    expect(zoneAbbreviation("2026-01-15T20:00:00Z")).toBe("PST");
    expect(zoneAbbreviation("2026-07-15T20:00:00Z")).toBe("PDT");
  });

  it("shows an hour on the Los Angeles clock whatever the browser's zone", () => {
    // 08:00 UTC is midnight in Los Angeles in winter, 01:00 in summer.
    expect(formatHourSpan("2026-11-29T08:00:00Z")).toBe("Sun, Nov 29, 2026, 00:00–01:00 PST");
    expect(formatHourSpan("2026-07-01T08:00:00Z")).toBe("Wed, Jul 1, 2026, 01:00–02:00 PDT");
  });

  it("never shifts a local calendar date", () => {
    expect(formatLocalDate("2026-11-02")).toBe("Mon, Nov 2, 2026");
    expect(formatLocalDate("2026-03-08", false)).toBe("Sun, Mar 8");
    expect(weekdayOfLocalDate("2026-11-02")).toBe(0);
    expect(weekdayOfLocalDate("2026-11-08")).toBe(6);
  });

  it("puts day ticks on local midnights and hour ticks on whole local hours", () => {
    const start = Date.parse("2026-11-22T08:00:00Z");
    const week = timeTicks(start, start + 7 * 24 * 3_600_000);
    expect(week).toHaveLength(8);
    expect(week.every((t) => tickLabel(t, 200).match(/^\w{3} \d+$/))).toBe(true);
    expect(new Date(week[0]!).toISOString()).toBe("2026-11-22T08:00:00.000Z");
    const day = timeTicks(start, start + 23 * 3_600_000);
    expect(day.map((t) => tickLabel(t, 23))).toEqual(["00:00", "03:00", "06:00", "09:00", "12:00", "15:00", "18:00", "21:00"]);
  });

  it("keeps midnight ticks across the autumn DST change (a 25-hour day)", () => {
    const start = Date.parse("2026-10-31T07:00:00Z"); // Oct 31 00:00 PDT
    const ticks = timeTicks(start, start + 3 * 24 * 3_600_000);
    expect(ticks.map((t) => new Date(t).toISOString())).toEqual([
      "2026-10-31T07:00:00.000Z",
      "2026-11-01T07:00:00.000Z",
      "2026-11-02T08:00:00.000Z",
    ]);
  });

  it("says how old the data is", () => {
    expect(formatAge(0.4)).toBe("24 min ago");
    expect(formatAge(2.04)).toBe("2.0 h ago");
    expect(formatAge(50)).toBe("2 days ago");
    expect(formatHour(7)).toBe("07:00");
  });
});
