/** The forecast's figures as labelled facts: the model's backtest (GET /predictions
 * `evaluation`) and the track record of the forecasts already measured (`track_record`). */

import type { TrackRecord } from "../api/types";
import { formatMW, formatNumber, isKnown } from "./format";

export interface Figure {
  label: string;
  value: string;
  hint: string;
}

function number(value: unknown): number | null {
  return typeof value === "number" && isKnown(value) ? value : null;
}

function signedPercent(share: number): string {
  const pct = share * 100;
  return `${pct >= 0 ? "+" : "−"}${formatNumber(Math.abs(pct), 0)} %`;
}

/** Days a backtest must cover before its scores mean something (every weather of a month). */
export const MEANINGFUL_BACKTEST_DAYS = 28;

/** How long the backtest was, from its `window` (else its scored hours), and whether that is
 * enough: "28 days (672 hours)" or "only 7 days (160 hours): too few to judge, 28 needed". */
export function backtestSpan(evaluation: Record<string, unknown>): Figure | null {
  const window = evaluation.window as { start?: unknown; end?: unknown } | undefined;
  const hours = number(evaluation.n_hours);
  const fromWindow =
    typeof window?.start === "string" && typeof window.end === "string"
      ? (Date.parse(window.end) - Date.parse(window.start)) / 86_400_000
      : null;
  const days = fromWindow !== null && isKnown(fromWindow) ? fromWindow : hours !== null ? hours / 24 : null;
  if (days === null) return null;
  const counted = hours !== null ? ` (${formatNumber(hours, 0)} hours)` : "";
  const rounded = formatNumber(Math.round(days), 0);
  const enough = Math.round(days) >= MEANINGFUL_BACKTEST_DAYS;
  return {
    label: "Backtest covers",
    value: enough
      ? `${rounded} days${counted}`
      : `only ${rounded} days${counted}: too few to judge (${MEANINGFUL_BACKTEST_DAYS} needed)`,
    hint: "the held-out hours the scores below come from",
  };
}

/** Known metrics only, in the order a reader needs them; unknown keys are left out. */
export function backtestFigures(evaluation: Record<string, unknown> | null): Figure[] {
  if (!evaluation) return [];
  const figures: Figure[] = [];
  const span = backtestSpan(evaluation);
  if (span) figures.push(span);
  const methods = evaluation.methods as Record<string, Record<string, unknown>> | undefined;
  const nmae = number(methods?.model?.nmae_pct ?? evaluation.nmae_pct);
  if (nmae !== null) {
    figures.push({ label: "Backtest error (nMAE)", value: `${formatNumber(nmae, 1)} %`, hint: "mean absolute error as a share of capacity" });
  }
  const skill = number(evaluation.skill_vs_smart_persistence);
  if (skill !== null) {
    figures.push({ label: "Skill vs smart persistence", value: signedPercent(skill), hint: "less error than repeating yesterday, scaled by clear sky" });
  }
  const naive = number(evaluation.skill_vs_persistence);
  if (naive !== null) {
    figures.push({ label: "Skill vs persistence", value: signedPercent(naive), hint: "less error than repeating yesterday" });
  }
  const coverage = number(evaluation.coverage_80_daylight ?? evaluation.coverage_80);
  if (coverage !== null) {
    figures.push({
      label: "Interval coverage",
      value: `${formatNumber(coverage * 100, 0)} % (aim 80 %)`,
      hint: "share of backtest hours whose actual fell inside the 80 % interval",
    });
  }
  return figures;
}

/** How the stored forecasts of the last days did, beside persistence on the same hours. */
export function trackRecordFigures(track: TrackRecord | undefined): Figure[] {
  if (!track) return [];
  const days = Math.round((Date.parse(track.end) - Date.parse(track.start)) / 86_400_000);
  const label = `Last ${days} days, measured`;
  if (track.n_forecasts === 0 || track.mae_mw === null) {
    return [{ label, value: "no forecast hour measured yet", hint: "forecasts are scored once their hours are measured" }];
  }
  const persistence = isKnown(track.persistence_mae_mw) ? ` (persistence ${formatMW(track.persistence_mae_mw)})` : "";
  const figures: Figure[] = [
    {
      label,
      value: `error ${formatMW(track.mae_mw)}${persistence}`,
      hint: `mean absolute error over ${formatNumber(track.n_forecasts, 0)} forecasts of ${formatNumber(track.n_hours, 0)} hours, every horizon`,
    },
  ];
  if (isKnown(track.coverage)) {
    const aim = isKnown(track.interval_level) ? ` (aim ${formatNumber(track.interval_level * 100, 0)} %)` : "";
    figures.push({
      label: `Last ${days} days in the interval`,
      value: `${formatNumber(track.coverage * 100, 0)} %${aim}`,
      hint: "share of the measured forecasts whose actual fell inside their interval",
    });
  }
  return figures;
}
