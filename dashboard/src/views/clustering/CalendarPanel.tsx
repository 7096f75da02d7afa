/** The Clustering view's calendar panel: every day coloured by its cluster, and what each cluster is. */

import type { AnomalyDay, ClusteringResult } from "../../api/results";
import { ClusterCalendar } from "../../components/ClusterCalendar";
import { formatNumber } from "../../lib/format";
import { calendarWeeks } from "../../lib/shape";
import { formatHour } from "../../lib/time";
import { clusterColor } from "../../lib/variables";

export function CalendarPanel({ result, flagged }: { result: ClusteringResult; flagged: AnomalyDay[] }) {
  return (
    <>
      <ClusterCalendar weeks={calendarWeeks(result.days, result.days_left_out, flagged)} />
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
    </>
  );
}
