/** The Overview's last-run panel: status, trigger and duration of the newest pipeline run. */

import type { RunBrief } from "../../api/types";
import { EmptyState } from "../../components/States";
import { formatFullDateTime } from "../../lib/time";

export function LastRunPanel({ run }: { run: RunBrief | null }) {
  if (!run) {
    return <EmptyState title="No pipeline run recorded yet">Runs appear here once the workflow has run.</EmptyState>;
  }
  const ok = run.status === "succeeded";
  return (
    <div className="text-sm">
      <p className="flex items-center gap-2">
        <span
          className={`rounded-full px-2 py-0.5 text-xs font-semibold ${
            ok ? "bg-emerald-100 text-emerald-800" : run.status === "failed" ? "bg-red-100 text-red-800" : "bg-slate-100 text-slate-700"
          }`}
        >
          {run.status}
        </span>
        <span className="text-slate-600">triggered by {run.trigger}</span>
      </p>
      <p className="mt-2 text-slate-700">Started {formatFullDateTime(run.started_at)}</p>
      {run.finished_at ? (
        <p className="text-slate-500">
          took {Math.max(0, (Date.parse(run.finished_at) - Date.parse(run.started_at)) / 1000).toFixed(1)} s
        </p>
      ) : (
        <p className="text-slate-500">still running</p>
      )}
      <p className="mt-1 truncate font-mono text-xs text-slate-500" title={run.run_id}>
        {run.run_id}
      </p>
    </div>
  );
}
