/** Numbers with their units; an unknown value is "not available", never 0. */

export const NOT_AVAILABLE = "not available";

export function isKnown(value: number | null | undefined): value is number {
  return typeof value === "number" && Number.isFinite(value);
}

/** One formatter per number of decimals: `toLocaleString` builds one on every call, and a
 * chart's axis formats each tick several times. */
const formatters = new Map<number, Intl.NumberFormat>();

/** Grouped ("12,400"), with at most `digits` decimals. */
export function formatNumber(value: number | null | undefined, digits = 0): string {
  if (!isKnown(value)) return NOT_AVAILABLE;
  let formatter = formatters.get(digits);
  if (!formatter) {
    formatter = new Intl.NumberFormat("en-US", { maximumFractionDigits: digits });
    formatters.set(digits, formatter);
  }
  return formatter.format(value);
}

export function formatMW(value: number | null | undefined): string {
  return isKnown(value) ? `${formatNumber(value, Math.abs(value) < 10 ? 1 : 0)} MW` : NOT_AVAILABLE;
}

export function formatPercent(value: number | null | undefined, digits = 1): string {
  return isKnown(value) ? `${formatNumber(value, digits)} %` : NOT_AVAILABLE;
}

export function formatCarbon(value: number | null | undefined): string {
  return isKnown(value) ? `${formatNumber(value)} gCO₂eq/kWh` : NOT_AVAILABLE;
}

/** A signed rate: "+12.3 MW/day". */
export function formatSlope(value: number, unit: string): string {
  const sign = value > 0 ? "+" : value < 0 ? "−" : "±";
  return `${sign}${formatNumber(Math.abs(value), Math.abs(value) < 10 ? 2 : 1)} ${unit}/day`;
}

/** A p-value in words a reader can use. */
export function formatPValue(p: number): string {
  if (p < 0.001) return "p < 0.001";
  return `p = ${p.toFixed(p < 0.01 ? 3 : 2)}`;
}
