/** The Overview's "today's load pattern" panel: the cluster of days today resembles so far. */

import type { CurrentDay } from "../../api/results";
import { EmptyState } from "../../components/States";
import { formatLocalDate } from "../../lib/time";
import { clusterColor } from "../../lib/variables";

export function TodayPanel({ day }: { day: CurrentDay | null }) {
  if (!day) {
    return <EmptyState title="No clustering yet">Run the pipeline: the cluster step needs 14 complete days.</EmptyState>;
  }
  if (day.status !== "ok") {
    return (
      <EmptyState title={`${formatLocalDate(day.date)}: not matched yet`}>{day.reason}.</EmptyState>
    );
  }
  return (
    <div className="flex items-start gap-3">
      <span
        aria-hidden
        className="mt-1 inline-block size-4 shrink-0 rounded"
        style={{ background: clusterColor(day.cluster) }}
      />
      <div>
        <p className="font-medium">
          {formatLocalDate(day.date)} looks like cluster {day.cluster + 1}
        </p>
        {day.description ? <p className="text-sm text-slate-600">{day.description}</p> : null}
        <p className="mt-1 text-xs text-slate-500">
          From {day.hours_seen.length} hours so far; fit error {(day.relative_rms_error * 100).toFixed(1)} % of the mean load.
        </p>
      </div>
    </div>
  );
}
