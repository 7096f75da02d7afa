/** What a result's data covered, in words: "745 of 745 hours, Oct 29 – Nov 29". */

import type { DataCoverage } from "../api/results";
import { formatNumber } from "./format";
import { formatDay } from "./time";

export function coverageText(data: DataCoverage | undefined): string {
  if (!data || !data.first || !data.last) return "no hours with data in this range";
  const gaps = data.gap_hours ? `, ${formatNumber(data.gap_hours)} h missing` : "";
  return `${formatNumber(data.n)} of ${formatNumber(data.hours_in_range)} hours with data (${formatDay(
    data.first,
  )} – ${formatDay(data.last)}${gaps})`;
}
