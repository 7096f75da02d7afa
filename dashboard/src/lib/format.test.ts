import { describe, expect, it } from "vitest";

import { formatCarbon, formatMW, formatNumber, formatPercent, formatPValue, formatSlope, NOT_AVAILABLE } from "./format";

describe("formatting with units", () => {
  it("shows unknown as 'not available', and a real 0 as 0", () => {
    expect(formatMW(null)).toBe(NOT_AVAILABLE);
    expect(formatMW(undefined)).toBe(NOT_AVAILABLE);
    expect(formatCarbon(null)).toBe(NOT_AVAILABLE);
    expect(formatPercent(Number.NaN)).toBe(NOT_AVAILABLE);
    expect(formatMW(0)).toBe("0 MW");
  });

  it("puts the unit on every figure", () => {
    expect(formatMW(2493)).toBe("2,493 MW");
    expect(formatMW(4.25)).toBe("4.3 MW");
    expect(formatCarbon(312.4)).toBe("312 gCO₂eq/kWh");
    expect(formatPercent(56.25, 0)).toBe("56 %");
    expect(formatSlope(-0.9375, "MW")).toBe("−0.94 MW/day");
    expect(formatSlope(12.34, "MW")).toBe("+12.3 MW/day");
    expect(formatPValue(0.0004)).toBe("p < 0.001");
    expect(formatPValue(0.0144)).toBe("p = 0.01");
    expect(formatPValue(0.004)).toBe("p = 0.004");
  });
});

describe("numbers", () => {
  it("groups thousands and keeps up to the decimals asked, as an axis tick needs", () => {
    expect([12400, 2.5, 0].map((value) => formatNumber(value, 3))).toEqual(["12,400", "2.5", "0"]);
    expect(formatNumber(1234.5678, 2)).toBe("1,234.57");
    expect(formatNumber(2.5)).toBe("3");
  });
});
