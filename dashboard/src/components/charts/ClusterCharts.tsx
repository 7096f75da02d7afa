/** Charts of the Clustering view: each cluster's mean daily profile. */

import type { ClusterSummary } from "../../api/results";
import { clusterColor } from "../../lib/variables";
import { ChartFrame, Legend, lazyPlot } from "./common";

const CentroidPlot = lazyPlot(() => import("./ClusterPlots"));

export function CentroidChart({ clusters }: { clusters: ClusterSummary[] }) {
  return (
    <ChartFrame
      name="centroids"
      label={`Mean daily load profile of each of the ${clusters.length} clusters, in MW by hour of day in Los Angeles`}
      legend={
        <Legend
          items={clusters.map((c) => ({
            label: `Cluster ${c.cluster + 1}: ${c.description} (${c.n_days} days)`,
            color: clusterColor(c.cluster),
          }))}
        />
      }
    >
      <CentroidPlot clusters={clusters} />
    </ChartFrame>
  );
}
