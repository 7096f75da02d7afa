/** The Clustering view's carbon table: how clean each cluster's days were (the clustering
 * itself is on the load's shape), against every clustered day. */

import type { ClusterSummary, ClusteringResult } from "../../api/results";
import { formatCarbon, formatPercent, isKnown, NOT_AVAILABLE } from "../../lib/format";
import { clusterColor } from "../../lib/variables";

const VERDICTS: Record<string, string> = {
  cleaner: "cleaner than the range",
  dirtier: "dirtier than the range",
  average: "about the range's average",
};

/** "cleaner than the range", or why there is no verdict. */
export function carbonVerdict(cluster: ClusterSummary): string {
  if (cluster.carbon_vs_range) return VERDICTS[cluster.carbon_vs_range] ?? cluster.carbon_vs_range;
  if (!isKnown(cluster.mean_carbon_intensity)) return NOT_AVAILABLE;
  return "too few hours known to compare";
}

export function CarbonPanel({ result }: { result: ClusteringResult }) {
  const overall = result.carbon;
  return (
    <table className="w-full text-left text-sm" aria-label="Carbon intensity and carbon-free share of each cluster's days">
      <thead className="text-xs text-slate-500">
        <tr>
          <th scope="col" className="py-1 pr-3 font-medium">Cluster</th>
          <th scope="col" className="py-1 pr-3 font-medium">Days</th>
          <th scope="col" className="py-1 pr-3 font-medium">Mean carbon intensity (life-cycle)</th>
          <th scope="col" className="py-1 pr-3 font-medium">Carbon-free share</th>
          <th scope="col" className="py-1 font-medium">Compared</th>
        </tr>
      </thead>
      <tbody className="tabular-nums">
        {result.clusters.map((cluster) => (
          <tr key={cluster.cluster} className="border-t border-slate-100" data-cluster={cluster.cluster}>
            <th scope="row" className="py-1 pr-3 font-medium">
              <span aria-hidden className="mr-1.5 inline-block size-2.5 rounded-full" style={{ background: clusterColor(cluster.cluster) }} />
              Cluster {cluster.cluster + 1}
            </th>
            <td className="py-1 pr-3">{cluster.n_days}</td>
            <td className="py-1 pr-3">{formatCarbon(cluster.mean_carbon_intensity)}</td>
            <td className="py-1 pr-3">{formatPercent(cluster.mean_fossil_free_percentage, 0)}</td>
            <td className="py-1">{carbonVerdict(cluster)}</td>
          </tr>
        ))}
      </tbody>
      {overall ? (
        <tfoot className="text-slate-600">
          <tr className="border-t border-slate-200">
            <th scope="row" className="py-1 pr-3 font-medium">All days</th>
            <td className="py-1 pr-3">{result.n_days}</td>
            <td className="py-1 pr-3">{formatCarbon(overall.mean_carbon_intensity)}</td>
            <td className="py-1 pr-3">{formatPercent(overall.mean_fossil_free_percentage, 0)}</td>
            <td className="py-1" />
          </tr>
        </tfoot>
      ) : null}
    </table>
  );
}
