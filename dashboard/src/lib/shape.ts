/** API answers -> chart rows. Unknown values stay null, so charts draw gaps, never zeros. */

import type { CarbonForecastHour, CorrelationPair, Measurement, MeasurementColumn, Prediction } from "../api/types";
import type { ProfileHour, TrendFigures } from "../api/results";
import { isKnown } from "./format";
import { SOURCE_COLUMNS, type SourceColumn } from "./variables";

export type Row = { t: number } & Partial<Record<MeasurementColumn, number | null>>;

const HOUR_MS = 3_600_000;

/** One row per hour of [start, end), each hour absent from the answer a row of nulls. */
export function hourlyRows(
  measurements: Measurement[],
  columns: readonly MeasurementColumn[],
  window?: { start: string; end: string },
): Row[] {
  const byTime = new Map(measurements.map((m) => [Date.parse(m.datetime), m]));
  const times = [...byTime.keys()].sort((a, b) => a - b);
  if (times.length === 0) return [];
  const first = window ? Math.ceil(Date.parse(window.start) / HOUR_MS) * HOUR_MS : times[0]!;
  const last = window ? Math.min(Date.parse(window.end) - HOUR_MS, times.at(-1)!) : times.at(-1)!;
  const rows: Row[] = [];
  for (let t = first; t <= last; t += HOUR_MS) {
    const measurement = byTime.get(t);
    const row: Row = { t };
    for (const column of columns) row[column] = measurement?.[column] ?? null;
    rows.push(row);
  }
  return rows;
}

/** Daily means (Los Angeles days) for long ranges; a day with no known value stays null. */
export function dailyMeans(rows: Row[], columns: readonly MeasurementColumn[]): Row[] {
  const days = new Map<string, { t: number; sums: Map<string, [number, number]> }>();
  const dayKey = new Intl.DateTimeFormat("en-CA", { timeZone: "America/Los_Angeles" });
  for (const row of rows) {
    const key = dayKey.format(row.t);
    let day = days.get(key);
    if (!day) {
      day = { t: row.t, sums: new Map() };
      days.set(key, day);
    }
    for (const column of columns) {
      const value = row[column];
      if (!isKnown(value)) continue;
      const [sum, n] = day.sums.get(column) ?? [0, 0];
      day.sums.set(column, [sum + value, n + 1]);
    }
  }
  return [...days.values()].map(({ t, sums }) => {
    const row: Row = { t };
    for (const column of columns) {
      const found = sums.get(column);
      row[column] = found ? found[0] / found[1] : null;
    }
    return row;
  });
}

/** The sources with at least one known value, in stacking order. */
export function knownSources(available: readonly string[]): SourceColumn[] {
  return SOURCE_COLUMNS.filter((column) => available.includes(column));
}

/** The sources the answer has no value for at all: listed as "not available". */
export function unknownSources(available: readonly string[]): SourceColumn[] {
  return SOURCE_COLUMNS.filter(
    (column) => column !== "unknown_mw" && !available.includes(column),
  );
}

export interface ForecastRow {
  t: number;
  /** null for the measured hours before the forecast. */
  predicted: number | null;
  band: [number, number] | null;
  actual: number | null;
}

interface ForecastHour {
  t: number;
  predicted: number;
  lower: number | null;
  upper: number | null;
  actual: number | null;
}

/** The measured hours before the forecast, then the forecast hours with their actuals. */
function joinForecast(hours: ForecastHour[], measured: { t: number; actual: number | null }[]): ForecastRow[] {
  const forecast = hours.map<ForecastRow>((h) => ({
    t: h.t,
    predicted: h.predicted,
    band: isKnown(h.lower) && isKnown(h.upper) ? [h.lower, h.upper] : null,
    actual: isKnown(h.actual) ? h.actual : null,
  }));
  const first = Math.min(...forecast.map((row) => row.t));
  const before = measured
    .map<ForecastRow>((m) => ({ t: m.t, predicted: null, band: null, actual: isKnown(m.actual) ? m.actual : null }))
    .filter((row) => row.t < first);
  return [...before, ...forecast].sort((a, b) => a.t - b.t);
}

/** The solar forecast's rows: the measured solar before it, then its hours. */
export function forecastRows(
  predictions: Prediction[],
  history: { datetime: string; solar_mw: number | null }[] = [],
): ForecastRow[] {
  return joinForecast(
    predictions.map((p) => ({ t: Date.parse(p.target_datetime), predicted: p.predicted_mw, lower: p.lower_mw, upper: p.upper_mw, actual: p.actual_mw })),
    history.map((h) => ({ t: Date.parse(h.datetime), actual: h.solar_mw })),
  );
}

/** The carbon forecast's rows: the measured intensity before it, then its hours. */
export function carbonForecastRows(
  forecasts: CarbonForecastHour[],
  history: { datetime: string; carbon_intensity: number | null }[] = [],
): ForecastRow[] {
  return joinForecast(
    forecasts.map((f) => ({
      t: Date.parse(f.target_datetime),
      predicted: f.predicted_g_per_kwh,
      lower: f.lower_g_per_kwh,
      upper: f.upper_g_per_kwh,
      actual: f.actual_g_per_kwh,
    })),
    history.map((h) => ({ t: Date.parse(h.datetime), actual: h.carbon_intensity })),
  );
}

/** Share of forecast hours whose actual fell inside the interval (only hours with actuals). */
export function intervalCoverage(rows: ForecastRow[]): { inside: number; n: number } | null {
  const judged = rows.filter((row) => row.predicted !== null && row.actual !== null && row.band !== null);
  if (judged.length === 0) return null;
  const inside = judged.filter(
    (row) => row.actual! >= row.band![0] && row.actual! <= row.band![1],
  ).length;
  return { inside, n: judged.length };
}

export interface TrendRow {
  date: string;
  mean: number | null;
  rolling: number | null;
  fitted: number;
}

/** Daily means, the rolling mean and the Theil-Sen line on one calendar of days. */
export function trendRows(trend: TrendFigures): TrendRow[] {
  const rolling = new Map(trend.rolling_mean.map((entry) => [entry.date, entry.mean]));
  const daily = new Map(trend.daily.map((entry) => [entry.date, entry.mean]));
  const dates = [...new Set([...daily.keys(), ...rolling.keys()])].sort();
  const first = dates[0];
  if (!first) return [];
  const origin = Date.parse(`${first}T00:00:00Z`);
  const all: string[] = [];
  for (let t = origin; t <= Date.parse(`${dates.at(-1)}T00:00:00Z`); t += 24 * HOUR_MS) {
    all.push(new Date(t).toISOString().slice(0, 10));
  }
  return all.map((date) => {
    const day = (Date.parse(`${date}T00:00:00Z`) - origin) / (24 * HOUR_MS);
    return {
      date,
      mean: daily.get(date) ?? null,
      rolling: rolling.get(date) ?? null,
      fitted: trend.intercept + trend.slope_per_day * day,
    };
  });
}

export interface ProfileRow {
  hour: number;
  band: [number, number];
  median: number;
  mean: number;
  weekday: number | null;
  weekend: number | null;
}

export function profileRows(all: ProfileHour[], weekday: ProfileHour[], weekend: ProfileHour[]) {
  const weekdays = new Map(weekday.map((entry) => [entry.hour, entry.mean]));
  const weekends = new Map(weekend.map((entry) => [entry.hour, entry.mean]));
  return all.map<ProfileRow>((entry) => ({
    hour: entry.hour,
    band: [entry.p10, entry.p90],
    median: entry.p50,
    mean: entry.mean,
    weekday: weekdays.get(entry.hour) ?? null,
    weekend: weekends.get(entry.hour) ?? null,
  }));
}

export interface Matrix {
  variables: string[];
  cell: (a: string, b: string) => CorrelationPair | "self" | null;
}

/** A symmetric matrix of one method's pairs; a pair the API omitted is null, never 0. */
export function correlationMatrix(pairs: CorrelationPair[], method: string): Matrix {
  const chosen = pairs.filter((pair) => pair.method === method);
  const variables = [...new Set(chosen.flatMap((p) => [p.variable_a, p.variable_b]))];
  const order = ["power_consumption_total", "solar_mw", "wind_mw", "carbon_intensity"];
  variables.sort((a, b) => rank(order, a) - rank(order, b) || a.localeCompare(b));
  const lookup = new Map<string, CorrelationPair>();
  for (const pair of chosen) {
    lookup.set(`${pair.variable_a}|${pair.variable_b}`, pair);
    lookup.set(`${pair.variable_b}|${pair.variable_a}`, pair);
  }
  return {
    variables,
    cell: (a, b) => (a === b ? "self" : (lookup.get(`${a}|${b}`) ?? null)),
  };
}

function rank(order: string[], name: string): number {
  const index = order.indexOf(name);
  return index < 0 ? order.length : index;
}

export interface HistogramBar {
  label: string;
  from: number;
  to: number;
  count: number;
}

export function histogramBars(edges: number[], counts: number[]): HistogramBar[] {
  return counts.map((count, index) => ({
    from: edges[index]!,
    to: edges[index + 1]!,
    label: `${Math.round(edges[index]!)}–${Math.round(edges[index + 1]!)}`,
    count,
  }));
}

export interface CalendarDay {
  date: string;
  cluster: number | null;
  anomalies: string[];
  leftOut: string | null;
}

/** Weeks (Monday first) covering every day from the first to the last date given. */
export function calendarWeeks(
  days: { date: string; cluster: number }[],
  leftOut: { date: string; reason: string }[],
  anomalies: { date: string; reason: string }[],
): (CalendarDay | null)[][] {
  const clusters = new Map(days.map((day) => [day.date, day.cluster]));
  const outs = new Map(leftOut.map((day) => [day.date, day.reason]));
  const flagged = new Map<string, string[]>();
  for (const item of anomalies) flagged.set(item.date, [...(flagged.get(item.date) ?? []), item.reason]);
  const dates = [...new Set([...clusters.keys(), ...outs.keys()])].sort();
  if (dates.length === 0) return [];
  const start = Date.parse(`${dates[0]}T00:00:00Z`);
  const end = Date.parse(`${dates.at(-1)}T00:00:00Z`);
  const mondayOffset = (new Date(start).getUTCDay() + 6) % 7;
  const weeks: (CalendarDay | null)[][] = [];
  let week: (CalendarDay | null)[] = Array.from({ length: mondayOffset }, () => null);
  for (let t = start; t <= end; t += 24 * HOUR_MS) {
    const date = new Date(t).toISOString().slice(0, 10);
    week.push({
      date,
      cluster: clusters.get(date) ?? null,
      anomalies: flagged.get(date) ?? [],
      leftOut: outs.get(date) ?? null,
    });
    if (week.length === 7) {
      weeks.push(week);
      week = [];
    }
  }
  if (week.length) weeks.push([...week, ...Array.from({ length: 7 - week.length }, () => null)]);
  return weeks;
}

/** Hours (rows) where every one of `columns` is unknown: the gaps a chart shows. */
export function missingHours(rows: Row[], columns: readonly MeasurementColumn[]): number {
  return rows.filter((row) => columns.every((column) => !isKnown(row[column]))).length;
}

/** "3 hours without data: shown as gaps", or nothing when there are none. */
export function gapNote(rows: Row[], columns: readonly MeasurementColumn[]): string | undefined {
  const missing = missingHours(rows, columns);
  if (missing === 0) return undefined;
  return `${missing} ${missing === 1 ? "hour" : "hours"} without data: shown as gaps, not zeros`;
}
