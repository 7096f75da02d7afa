/** Clustering: each cluster's daily profile, the days on a calendar, anomalies and why. */

import { endpoints } from "../api/endpoints";
import type { AnalysisRange, AnalysisResult, AnomaliesResult, ClusteringResult } from "../api/types";
import { CentroidChart } from "../components/charts/ClusterCharts";
import { ClusterCalendar } from "../components/ClusterCalendar";
import { Panel } from "../components/Panel";
import { EmptyState, Loading } from "../components/States";
import { useEndpoint } from "../hooks/api";
import { coverageText } from "../lib/coverage";
import { formatNumber } from "../lib/format";
import { calendarWeeks } from "../lib/shape";
import { formatHour, formatLocalDate } from "../lib/time";
import { clusterColor } from "../lib/variables";

export function Clustering({
  range,
  onRange,
}: {
  range: AnalysisRange;
  onRange: (range: AnalysisRange) => void;
}) {
  const clustering = useEndpoint(`clustering:${range}`, (c, s) => endpoints.clustering(c, range, s));
  return (
    <Loading
      load={clustering.load}
      retry={clustering.retry}
      what="the clustering"
      height={420}
      empty={(error) => (
        <EmptyState title={`No clustering for the ${range} range`}>
          <p>{error.message}.</p>
          {range === "week" ? (
            <p className="mt-2">
              Clustering needs at least 14 complete days, more than a week holds.{" "}
              <button type="button" className="font-medium text-sky-700 underline" onClick={() => onRange("month")}>
                Show the month
              </button>
            </p>
          ) : null}
        </EmptyState>
      )}
    >
      {(results) => (
        <>
          {results[0] && results[0].range !== range ? (
            <p className="mb-3 text-sm text-slate-600">
              A {range} is too short to cluster (14 complete days are needed): showing the {results[0].range} that holds it.
            </p>
          ) : null}
          <Clusters results={results} />
        </>
      )}
    </Loading>
  );
}

function Clusters({ results }: { results: AnalysisResult[] }) {
  const clustering = results.find((item) => item.kind === "clustering") as AnalysisResult<ClusteringResult> | undefined;
  const anomalies = results.find((item) => item.kind === "anomalies") as AnalysisResult<AnomaliesResult> | undefined;
  if (!clustering) return <EmptyState title="No clustering stored for this range">Run the cluster step.</EmptyState>;
  const result = clustering.result;
  const flagged = anomalies?.result.days ?? [];
  const weeks = calendarWeeks(result.days, result.days_left_out, flagged);
  return (
    <div className="grid gap-4 lg:grid-cols-5">
      <Panel
        title="Daily load profiles by cluster"
        subtitle={`${result.k} clusters of ${result.n_days} days (K-Means on each day's shape; silhouette ${result.silhouette.toFixed(2)})`}
        id="centroids"
        className="lg:col-span-3"
      >
        <CentroidChart clusters={result.clusters} />
        <p className="mt-2 text-xs text-slate-500">{coverageText(result.data)}. Mean load of each cluster's days, by hour of day in Los Angeles.</p>
      </Panel>
      <Panel title="Days by cluster" subtitle="ringed: flagged as anomalous; hatched: not clustered" id="calendar" className="lg:col-span-2">
        <ClusterCalendar weeks={weeks} />
        <ul className="mt-3 space-y-1 text-xs text-slate-600">
          {result.clusters.map((cluster) => (
            <li key={cluster.cluster} className="flex items-start gap-2">
              <span aria-hidden className="mt-0.5 inline-block size-3 shrink-0 rounded-sm" style={{ background: clusterColor(cluster.cluster) }} />
              <span>
                <strong>Cluster {cluster.cluster + 1}</strong>: {cluster.description}; {cluster.n_days} days, mean{" "}
                {formatNumber(cluster.mean_daily_load_mw)} MW, trough {formatHour(cluster.trough_hour)}
              </span>
            </li>
          ))}
        </ul>
      </Panel>
      <Panel title="Anomalies" subtitle="days and hours far from what their cluster expects" id="anomalies" className="lg:col-span-5">
        {anomalies ? <Anomalies result={anomalies.result} /> : <EmptyState title="No anomaly result stored">Run the cluster step.</EmptyState>}
      </Panel>
    </div>
  );
}

function Anomalies({ result }: { result: AnomaliesResult }) {
  return (
    <div className="grid gap-4 md:grid-cols-2">
      <div>
        <h3 className="mb-2 text-sm font-medium text-slate-700">
          Days ({result.days.length} of {result.n_days})
        </h3>
        {result.days.length ? (
          <ul className="divide-y divide-slate-100 text-sm" data-testid="anomaly-days">
            {result.days.map((day) => (
              <li key={`${day.date}-${day.check}`} className="py-2">
                <p className="flex flex-wrap items-center gap-2">
                  <span className="font-medium">{formatLocalDate(day.date)}</span>
                  <span className="rounded bg-red-50 px-1.5 py-0.5 text-xs font-medium text-red-700">{day.check}</span>
                  <span className="text-xs text-slate-500">score {day.score.toFixed(1)}</span>
                  <span className="inline-flex items-center gap-1 text-xs text-slate-500">
                    <span aria-hidden className="inline-block size-2 rounded-sm" style={{ background: clusterColor(day.cluster) }} />
                    cluster {day.cluster + 1}
                  </span>
                </p>
                <p className="text-slate-600">{day.reason}</p>
              </li>
            ))}
          </ul>
        ) : (
          <EmptyState title="No anomalous days">Every day sits close to its cluster's profile and level.</EmptyState>
        )}
      </div>
      <div>
        <h3 className="mb-2 text-sm font-medium text-slate-700">
          Hours ({result.hours_flagged} flagged{result.hours.length < result.hours_flagged ? `, ${result.hours.length} largest shown` : ""})
        </h3>
        {result.hours.length ? (
          <ul className="max-h-80 divide-y divide-slate-100 overflow-y-auto text-sm">
            {result.hours.map((hour) => (
              <li key={`${hour.date}-${hour.hour}`} className="py-2">
                <p className="font-medium">
                  {formatLocalDate(hour.date)}, {formatHour(hour.hour)}{" "}
                  <span className="text-xs font-normal text-slate-500">score {hour.score.toFixed(1)}</span>
                </p>
                <p className="text-slate-600">{hour.reason}</p>
              </li>
            ))}
          </ul>
        ) : (
          <EmptyState title="No anomalous hours">No hour is far from its expected value.</EmptyState>
        )}
      </div>
    </div>
  );
}
