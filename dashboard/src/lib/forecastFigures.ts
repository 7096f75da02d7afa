/** The forecast's figures as labelled facts: the model's backtest (GET /predictions
 * `evaluation`) and the track record of the forecasts already measured (`track_record`). */

import { formatNumber, isKnown } from "./format";

export interface Figure {
  label: string;
  value: string;
  hint: string;
}

export function number(value: unknown): number | null {
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
  figures.push(...skillAndCoverageFigures(evaluation.skill_vs_persistence, evaluation.coverage_80_daylight ?? evaluation.coverage_80));
  return figures;
}

/** Skill against persistence and the 80 % interval's coverage, the figures every forecast's
 * backtest ends with; an unknown one is left out. */
export function skillAndCoverageFigures(skillVsPersistence: unknown, coverage80: unknown): Figure[] {
  const figures: Figure[] = [];
  const skill = number(skillVsPersistence);
  if (skill !== null) {
    figures.push({ label: "Skill vs persistence", value: signedPercent(skill), hint: "less error than repeating yesterday" });
  }
  const coverage = number(coverage80);
  if (coverage !== null) {
    figures.push({
      label: "Interval coverage",
      value: `${formatNumber(coverage * 100, 0)} % (aim 80 %)`,
      hint: "share of backtest hours whose actual fell inside the 80 % interval",
    });
  }
  return figures;
}

/** What the two track records (solar's GET /predictions, carbon's GET
 * /forecast/carbon-intensity) share. `n_replayed`, `n_days` and `coverage_daylight` are
 * solar's: a record without them is worded without them. */
export interface ScoredTrack {
  start: string;
  end: string;
  n_forecasts: number;
  n_hours: number;
  n_replayed?: number;
  n_days?: number;
  coverage: number | null;
  coverage_daylight?: number | null;
  interval_level: number | null;
}

/** The track record's error beside persistence's, in the forecast's unit. */
export interface TrackError {
  model: number | null;
  persistence: number | null;
  format: (value: number) => string;
}

function plural(n: number, one: string): string {
  return `${formatNumber(n, 0)} ${one}${n === 1 ? "" : "s"}`;
}

/** "all 2,016 replayed" / "1,800 replayed, 216 live" / "all live": who issued the scored
 * forecasts. Replayed ones were issued after the fact from the data before each issue hour
 * (the demo's track record from its start), live ones by a pipeline run. */
export function replayedSplit(track: ScoredTrack): string | null {
  if (track.n_replayed === undefined) return null;
  const live = track.n_forecasts - track.n_replayed;
  if (live === 0) return `all ${formatNumber(track.n_replayed, 0)} replayed`;
  if (track.n_replayed === 0) return "all live";
  return `${formatNumber(track.n_replayed, 0)} replayed, ${formatNumber(live, 0)} live`;
}

/** How the stored forecasts of the last days did, beside persistence on the same hours: the
 * error, how many forecasts over how many days (and how many replayed), the interval's
 * coverage over those days. */
export function trackRecordFigures(track: ScoredTrack | undefined, error: TrackError): Figure[] {
  if (!track) return [];
  const days = Math.round((Date.parse(track.end) - Date.parse(track.start)) / 86_400_000);
  const label = `Last ${days} days, measured`;
  if (track.n_forecasts === 0 || !isKnown(error.model)) {
    return [{ label, value: "no forecast hour measured yet", hint: "forecasts are scored once their hours are measured" }];
  }
  const persistence = isKnown(error.persistence) ? ` (persistence ${error.format(error.persistence)})` : "";
  const over = isKnown(track.n_days) ? ` over ${formatNumber(track.n_days, 1)} days` : "";
  const figures: Figure[] = [
    {
      label,
      value: `error ${error.format(error.model)}${persistence}`,
      hint: `mean absolute error over ${formatNumber(track.n_forecasts, 0)} forecasts of ${formatNumber(track.n_hours, 0)} hours, every horizon`,
    },
  ];
  const split = replayedSplit(track);
  figures.push({
    label: "Forecasts scored",
    value: `${plural(track.n_forecasts, "hour")}${over}${split ? `: ${split}` : ""}`,
    hint:
      "(issue, hour) pairs whose hour is measured, every horizon; replayed: issued after the fact, each from " +
      "the data before its issue hour (the demo's start), as the pipeline would have; live: issued by a pipeline run",
  });
  if (isKnown(track.coverage)) {
    const aim = isKnown(track.interval_level) ? `; aim ${formatNumber(track.interval_level * 100, 0)} %` : "";
    const coverage = `${formatNumber(track.coverage * 100, 0)} %`;
    figures.push({
      label: `In the interval${over}`,
      value: isKnown(track.coverage_daylight)
        ? `${formatNumber(track.coverage_daylight * 100, 0)} % of daylight hours (${coverage} of all${aim})`
        : `${coverage}${aim ? ` (${aim.slice(2)})` : ""}`,
      hint:
        "share of the measured forecast hours whose actual fell inside their interval" +
        (isKnown(track.coverage_daylight) ? "; at night the interval holds the source's night level, often exact" : ""),
    });
  }
  return figures;
}
