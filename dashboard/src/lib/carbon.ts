/** Carbon wording the panels share: who computed an intensity and with which factors, the
 * net exchange, the cleanest-hours advice, and the carbon forecast's scores. */

import type { CleanestWindow, LatestStatus } from "../api/types";
import { backtestSpan, type Figure, number, skillAndCoverageFigures } from "./forecastFigures";
import { formatCarbon, formatMW, formatNumber, isKnown, NOT_AVAILABLE } from "./format";
import { formatClock, formatDay, zoneAbbreviation } from "./time";

const FACTOR_TYPES: Record<string, string> = { lifecycle: "life-cycle", direct: "direct" };

/** "Electricity Maps, life-cycle": who computed the intensity and with which emission factors. */
export function carbonProvenance(status: Pick<LatestStatus, "carbon_intensity" | "carbon_intensity_source" | "carbon_intensity_factor_type">): string | undefined {
  if (!isKnown(status.carbon_intensity)) return undefined;
  const factor = FACTOR_TYPES[status.carbon_intensity_factor_type] ?? status.carbon_intensity_factor_type;
  return `${status.carbon_intensity_source ?? "source not named"}, ${factor}`;
}

/** "1,234 MW in" / "250 MW out" / "balanced"; "not available" unless both sides are known. */
export function formatNetImport(netMW: number | null | undefined): string {
  if (!isKnown(netMW)) return NOT_AVAILABLE;
  if (Math.round(netMW) === 0) return "balanced (0 MW)";
  return `${formatMW(Math.abs(netMW))} ${netMW > 0 ? "in" : "out"}`;
}

/** "today 11:00–14:00 PST" (Los Angeles): today, tomorrow or the day, then the hours. */
export function windowSpan(startAt: string, endAt: string, now: number = Date.now()): string {
  const day = formatDay(startAt);
  const named = day === formatDay(now) ? "today" : day === formatDay(now + 86_400_000) ? "tomorrow" : day;
  return `${named} ${formatClock(startAt)}–${formatClock(endAt)} ${zoneAbbreviation(startAt)}`;
}

/** "Cleanest 3 hours: 11:00–14:00 PST, about 38 % below the forecast average". */
export function cleanestSentence(advice: CleanestWindow, now: number = Date.now()): string {
  const hours = `${advice.hours} hour${advice.hours === 1 ? "" : "s"}`;
  const saving = Math.round(advice.saving_pct);
  const against =
    saving > 0
      ? `about ${formatNumber(saving)} % below the forecast average`
      : saving < 0
        ? `about ${formatNumber(-saving)} % above the forecast average`
        : "about the forecast average";
  return `Cleanest ${hours}: ${windowSpan(advice.start_at, advice.end_at, now)}, ${against}`;
}

/** The uncertainty from the intervals: the window's mean and its band, the saving's range. */
export function cleanestUncertainty(advice: CleanestWindow): string {
  const level = `${formatNumber(advice.interval_level * 100)} %`;
  const low = formatNumber(advice.saving_pct_low);
  const high = formatNumber(advice.saving_pct_high);
  return (
    `Forecast ${formatCarbon(advice.mean_g_per_kwh)} in the window (${level} interval ` +
    `${formatNumber(advice.mean_lower_g_per_kwh)}–${formatNumber(advice.mean_upper_g_per_kwh)}) ` +
    `against ${formatCarbon(advice.horizon_mean_g_per_kwh)} over the next ${advice.horizon_hours} hours; ` +
    `the saving lies between ${low} % and ${high} % if the interval's ends come true.`
  );
}

/** The carbon model's held-out backtest (GET /forecast/carbon-intensity `evaluation`). */
export function carbonBacktestFigures(evaluation: Record<string, unknown> | null): Figure[] {
  if (!evaluation) return [];
  const figures: Figure[] = [];
  const span = backtestSpan(evaluation);
  if (span) figures.push(span);
  const methods = evaluation.methods as Record<string, Record<string, unknown>> | undefined;
  const mape = number(methods?.model?.mape_pct);
  const persistence = number(methods?.persistence?.mape_pct);
  if (mape !== null) {
    figures.push({
      label: "Backtest error (MAPE)",
      value: `${formatNumber(mape, 1)} %${persistence !== null ? ` (persistence ${formatNumber(persistence, 1)} %)` : ""}`,
      hint: "mean absolute percentage error on the held-out days",
    });
  }
  figures.push(...skillAndCoverageFigures(evaluation.skill_vs_persistence, evaluation.coverage_80));
  return figures;
}
