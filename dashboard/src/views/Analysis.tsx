/** Analysis: load trend in words, daily profile, correlation matrix, load distribution. */

import { useState } from "react";

import { endpoints } from "../api/endpoints";
import type {
  AnalysisRange,
  AnalysisResult,
  Correlations,
  DistributionResult,
  PerVariableResult,
  ProfileFigures,
  SeasonalFigures,
  TrendFigures,
  Variable,
} from "../api/types";
import { HistogramChart, ProfileChart, TrendChart } from "../components/charts/AnalysisCharts";
import { CorrelationMatrix } from "../components/CorrelationMatrix";
import { Panel } from "../components/Panel";
import { EmptyState, Loading } from "../components/States";
import { useEndpoint } from "../hooks/api";
import { coverageText } from "../lib/coverage";
import { formatMW, formatNumber, formatPValue, formatSlope } from "../lib/format";
import { correlationMatrix, histogramBars, profileRows, trendRows } from "../lib/shape";
import { formatFullDateTime, formatHour } from "../lib/time";
import { SERIES, seriesInfo } from "../lib/variables";

const VARIABLES = ["power_consumption_total", "solar_mw", "wind_mw", "carbon_intensity"] as const;

export function Analysis({ range }: { range: AnalysisRange }) {
  const trend = useEndpoint(`trend:${range}`, (c, s) => endpoints.trend(c, range, s));
  const seasonal = useEndpoint(`seasonal:${range}`, (c, s) => endpoints.seasonal(c, range, s));
  const correlations = useEndpoint(`correlations:${range}`, (c, s) => endpoints.correlations(c, range, s));
  return (
    <div className="grid gap-4 lg:grid-cols-2">
      <Panel title="Trend" subtitle="daily means, rolling mean and a robust trend line" id="trend" className="lg:col-span-2">
        <Loading load={trend.load} retry={trend.retry} what="the trend" height={320}>
          {(result) => <Trend result={result} />}
        </Loading>
      </Panel>
      <Panel title="Daily profile" subtitle="by hour of day, Los Angeles time" id="profile">
        <Loading load={seasonal.load} retry={seasonal.retry} what="the daily profile" height={320}>
          {(results) => <Profile results={results} />}
        </Loading>
      </Panel>
      <Panel title="Correlations" subtitle="between the hourly series of the range" id="correlations">
        <Loading load={correlations.load} retry={correlations.retry} what="the correlations" height={240}>
          {(data) => <CorrelationPanel data={data} />}
        </Loading>
      </Panel>
      <Panel title="Load distribution" subtitle="how often each level of load occurred" id="distribution" className="lg:col-span-2">
        <Loading load={seasonal.load} retry={seasonal.retry} what="the load distribution" height={240}>
          {(results) => <Distribution results={results} />}
        </Loading>
      </Panel>
    </div>
  );
}

function VariablePicker({
  id,
  value,
  onChange,
  variables,
}: {
  id: string;
  value: string;
  onChange: (name: string) => void;
  variables: Record<string, Variable<unknown>>;
}) {
  return (
    <label className="flex items-center gap-2 text-sm text-slate-600" htmlFor={id}>
      Series
      <select
        id={id}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        className="rounded-md border border-slate-300 bg-white px-2 py-1 text-sm text-slate-900 focus-visible:outline-2 focus-visible:outline-sky-600"
      >
        {VARIABLES.filter((name) => name in variables).map((name) => (
          <option key={name} value={name} disabled={variables[name]?.status !== "ok"}>
            {SERIES[name].label}
            {variables[name]?.status === "unknown" ? " (not available)" : variables[name]?.status === "skipped" ? " (too little data)" : ""}
          </option>
        ))}
      </select>
    </label>
  );
}

function NotShown({ entry, what }: { entry: Variable<unknown> | undefined; what: string }) {
  if (!entry) return <EmptyState title={`No ${what}`}>This result does not cover the series.</EmptyState>;
  if (entry.status === "unknown") return <EmptyState title="Not available">{entry.note}.</EmptyState>;
  if (entry.status === "skipped") return <EmptyState title={`No ${what}`}>{entry.reason}.</EmptyState>;
  return null;
}

export function trendSentence(name: string, trend: TrendFigures): string {
  const info = seriesInfo(name);
  const significant = trend.direction !== "no significant trend";
  const slope = formatSlope(trend.slope_per_day, info.unit);
  const interval = `${Math.round(trend.confidence * 100)} % interval ${formatNumber(trend.slope_ci_low, 1)} to ${formatNumber(trend.slope_ci_high, 1)}`;
  const corrected = trend.mann_kendall.test === "hamed_rao" ? ", corrected for autocorrelation," : "";
  const test = `Mann-Kendall${corrected} ${formatPValue(trend.mann_kendall.p_value)}`;
  const change =
    trend.change_over_range_pct === null ? "" : `, ${trend.change_over_range_pct >= 0 ? "+" : "−"}${formatNumber(Math.abs(trend.change_over_range_pct), 1)} % over the range`;
  if (!significant) {
    return `${info.label} shows no significant trend over ${trend.n_days} days (slope ${slope}, ${interval}; ${test}).`;
  }
  return `${info.label} is ${trend.direction} by ${slope}${change}: significant (${test}; ${interval}).`;
}

function Trend({ result }: { result: AnalysisResult<PerVariableResult<TrendFigures>> }) {
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

function UnknownNote({ variables }: { variables: Record<string, Variable<unknown>> }) {
  const unknown = Object.entries(variables).filter(([, entry]) => entry.status === "unknown");
  if (!unknown.length) return null;
  return (
    <p className="mt-2 text-xs text-slate-500">
      Not available in the source data: {unknown.map(([name]) => seriesInfo(name).label.toLowerCase()).join(", ")}.
    </p>
  );
}

function byKind<T>(results: AnalysisResult[], kind: string): AnalysisResult<T> | undefined {
  return results.find((item) => item.kind === kind) as AnalysisResult<T> | undefined;
}

function Profile({ results }: { results: AnalysisResult[] }) {
  const [name, setName] = useState<string>("power_consumption_total");
  const profile = byKind<PerVariableResult<ProfileFigures>>(results, "daily_profile");
  const seasonal = byKind<PerVariableResult<SeasonalFigures>>(results, "seasonal");
  if (!profile) return <EmptyState title="No daily profile stored for this range">Run the analyze step.</EmptyState>;
  const variables = profile.result.variables;
  const entry = variables[name];
  const info = seriesInfo(name);
  const decomposition = seasonal?.result.variables[name];
  return (
    <div>
      <div className="mb-2 flex justify-end">
        <VariablePicker id="profile-series" value={name} onChange={setName} variables={variables} />
      </div>
      {entry?.status === "ok" ? (
        <>
          <ProfileChart rows={profileRows(entry.all, entry.weekday, entry.weekend)} unit={info.unit} color={info.color} what={info.label} />
          <p className="mt-2 text-xs text-slate-600">
            Peaks at {formatHour(entry.peak_hour)} on average.
            {decomposition?.status === "ok"
              ? ` Daily cycle strength ${decomposition.daily.strength.toFixed(2)}${
                  decomposition.weekly ? `, weekly ${decomposition.weekly.strength.toFixed(2)}` : ""
                } (${decomposition.method}, 0 = none, 1 = all of the variation).`
              : ""}
          </p>
        </>
      ) : (
        <NotShown entry={entry} what="profile" />
      )}
    </div>
  );
}

function CorrelationPanel({ data }: { data: Correlations }) {
  const [method, setMethod] = useState<"pearson" | "spearman">("pearson");
  const matrix = correlationMatrix(data.pairs, method);
  return (
    <div>
      <fieldset className="mb-3 flex gap-3 text-sm">
        <legend className="sr-only">Correlation method</legend>
        {(["pearson", "spearman"] as const).map((option) => (
          <label key={option} className="inline-flex items-center gap-1.5">
            <input type="radio" name="method" value={option} checked={method === option} onChange={() => setMethod(option)} />
            {option === "pearson" ? "Pearson (linear)" : "Spearman (rank)"}
          </label>
        ))}
      </fieldset>
      {matrix.variables.length ? (
        <CorrelationMatrix matrix={matrix} method={method} />
      ) : (
        <EmptyState title="No pairs to correlate">Fewer than two series have enough known hours.</EmptyState>
      )}
      <p className="mt-2 text-xs text-slate-500">
        −1 (blue) to +1 (red). Hourly data are autocorrelated, so p-values overstate significance: read the coefficients.
        Series unknown in the source data are left out, never counted as 0.
      </p>
    </div>
  );
}

function Distribution({ results }: { results: AnalysisResult[] }) {
  const distribution = byKind<DistributionResult>(results, "distribution");
  if (!distribution) return <EmptyState title="No distribution stored for this range">Run the analyze step.</EmptyState>;
  const load = distribution.result.load;
  if (load.status !== "ok") return <EmptyState title="No load distribution">{load.reason}.</EmptyState>;
  const q = load.quantiles;
  const carbon = distribution.result.carbon_intensity;
  return (
    <div className="grid gap-4 md:grid-cols-3">
      <div className="md:col-span-2">
        <HistogramChart bars={histogramBars(load.histogram.edges, load.histogram.counts)} color={SERIES.power_consumption_total.color} />
      </div>
      <dl className="grid grid-cols-2 content-start gap-x-4 gap-y-2 text-sm">
        <Figure label="Mean" value={formatMW(load.mean)} />
        <Figure label="Median" value={formatMW(q.p50)} />
        <Figure label="10th–90th pct" value={`${formatNumber(q.p10)}–${formatNumber(q.p90)} MW`} />
        <Figure label="1st–99th pct" value={`${formatNumber(q.p01)}–${formatNumber(q.p99)} MW`} />
        <Figure label="Lowest" value={`${formatMW(load.min.value)}`} detail={formatFullDateTime(load.min.datetime)} />
        <Figure label="Highest" value={`${formatMW(load.max.value)}`} detail={formatFullDateTime(load.max.datetime)} />
        <Figure
          label="Usual daily peak"
          value={load.peak_hours.most_common_hour === null ? "not available" : formatHour(load.peak_hours.most_common_hour)}
          detail={`over ${load.peak_hours.days} complete days`}
        />
        <Figure label="Carbon intensity" value={carbon.status === "ok" ? `${formatNumber(carbon.mean)} gCO₂eq/kWh` : "not available"} />
      </dl>
    </div>
  );
}

function Figure({ label, value, detail }: { label: string; value: string; detail?: string }) {
  return (
    <div>
      <dt className="text-xs text-slate-500">{label}</dt>
      <dd className={value === "not available" ? "italic text-slate-400" : "font-medium tabular-nums"}>{value}</dd>
      {detail ? <dd className="text-xs text-slate-400">{detail}</dd> : null}
    </div>
  );
}
