/** The Analysis view's trend panel: the trend of a series in words, over its chart. */

import { useState } from "react";

import type { AnalysisResult } from "../../api/types";
import type { PerVariableResult, TrendFigures } from "../../api/results";
import { TrendChart } from "../../components/charts/AnalysisCharts";
import { coverageText } from "../../lib/coverage";
import { formatNumber, formatPValue, formatSlope, isKnown } from "../../lib/format";
import { trendRows } from "../../lib/shape";
import { seriesInfo } from "../../lib/variables";
import { NotShown, UnknownNote, VariablePicker } from "./series";

/** "95 % interval -0.65 to 3.7 MW/day"; a side the data cannot bound (too few days) says so. */
function slopeInterval(trend: TrendFigures, unit: string): string {
  const level = `${Math.round(trend.confidence * 100)} % interval`;
  const end = (value: number) => formatNumber(value, Math.abs(value) < 10 ? 2 : 1);
  const { slope_ci_low: low, slope_ci_high: high } = trend;
  if (isKnown(low) && isKnown(high)) return `${level} ${end(low)} to ${end(high)} ${unit}/day`;
  if (isKnown(low)) return `${level} from ${end(low)} ${unit}/day, unbounded above (too few days)`;
  if (isKnown(high)) return `${level} up to ${end(high)} ${unit}/day, unbounded below (too few days)`;
  return `${level} unbounded (too few days to bound it)`;
}

/** Which Mann-Kendall test gave the p-value, in a reader's words. */
function testName(trend: TrendFigures): string {
  switch (trend.mann_kendall.test) {
    case "hamed_rao":
      return "Mann-Kendall, corrected for autocorrelation,";
    case "original":
      return "Mann-Kendall without the autocorrelation correction, which did not apply here,";
    default:
      return "Mann-Kendall";
  }
}

export function trendSentence(name: string, trend: TrendFigures): string {
  const info = seriesInfo(name);
  const significant = trend.direction !== "no significant trend";
  const slope = formatSlope(trend.slope_per_day, info.unit);
  const interval = slopeInterval(trend, info.unit);
  const test = `${testName(trend)} ${formatPValue(trend.mann_kendall.p_value)}`;
  const change =
    trend.change_over_range_pct === null ? "" : `, ${trend.change_over_range_pct >= 0 ? "+" : "−"}${formatNumber(Math.abs(trend.change_over_range_pct), 1)} % over the range`;
  if (!significant) {
    return `${info.label} shows no significant trend over ${trend.n_days} days (slope ${slope}, ${interval}; ${test}).`;
  }
  return `${info.label} is ${trend.direction} by ${slope}${change}: significant (${test}; ${interval}).`;
}

export function TrendPanel({ result }: { result: AnalysisResult<PerVariableResult<TrendFigures>> }) {
  const [name, setName] = useState<string>("power_consumption_total");
  const variables = result.result.variables;
  const entry = variables[name];
  const info = seriesInfo(name);
  return (
    <div>
      <div className="mb-2 flex flex-wrap items-center justify-between gap-2">
        <p className="text-xs text-slate-500">{coverageText(result.result.data)}</p>
        <VariablePicker id="trend-series" value={name} onChange={setName} variables={variables} />
      </div>
      {entry?.status === "ok" ? (
        <>
          <p className="mb-3 text-sm text-slate-800" data-testid="trend-sentence">
            {trendSentence(name, entry)}
          </p>
          <TrendChart
            rows={trendRows(entry)}
            unit={info.unit}
            color={info.color}
            what={info.label}
            windowDays={entry.rolling_window_days}
          />
        </>
      ) : (
        <NotShown entry={entry} what="trend" />
      )}
      <UnknownNote variables={variables} />
    </div>
  );
}
