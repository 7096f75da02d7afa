/** The Analysis view's load-distribution panel: the histogram of load and its key figures. */

import type { AnalysisResult } from "../../api/types";
import type { DistributionResult } from "../../api/results";
import { HistogramChart } from "../../components/charts/AnalysisCharts";
import { EmptyState } from "../../components/States";
import { formatMW, formatNumber } from "../../lib/format";
import { histogramBars } from "../../lib/shape";
import { formatFullDateTime, formatHour } from "../../lib/time";
import { SERIES } from "../../lib/variables";
import { byKind } from "./series";

export function DistributionPanel({ results }: { results: AnalysisResult[] }) {
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
      <dd className={value === "not available" ? "italic text-slate-500" : "font-medium tabular-nums"}>{value}</dd>
      {detail ? <dd className="text-xs text-slate-500">{detail}</dd> : null}
    </div>
  );
}
