/** Clustering: each cluster's daily profile, the days on a calendar, anomalies and why. */

import { endpoints } from "../api/endpoints";
import type { AnalysisRange, AnalysisResult } from "../api/types";
import type { AnomaliesResult, ClusteringResult } from "../api/results";
import { CentroidChart } from "../components/charts/ClusterCharts";
import { Panel } from "../components/Panel";
import { EmptyState, Loading } from "../components/States";
import { useEndpoint } from "../hooks/api";
import { coverageText } from "../lib/coverage";
import { AnomaliesPanel } from "./clustering/AnomaliesPanel";
import { CalendarPanel } from "./clustering/CalendarPanel";
import { CarbonPanel } from "./clustering/CarbonPanel";

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
      heights="h-screen"
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
        <CalendarPanel result={result} flagged={flagged} />
      </Panel>
      <Panel
        title="How clean each cluster's days were"
        subtitle="mean over the hours of its days where the value is known; 5 % or more off the range's mean counts as cleaner or dirtier"
        id="cluster-carbon"
        className="lg:col-span-5"
      >
        <CarbonPanel result={result} />
      </Panel>
      <Panel title="Anomalies" subtitle="days and hours far from what their cluster expects" id="anomalies" className="lg:col-span-5">
        {anomalies ? <AnomaliesPanel result={anomalies.result} /> : <EmptyState title="No anomaly result stored">Run the cluster step.</EmptyState>}
      </Panel>
    </div>
  );
}
