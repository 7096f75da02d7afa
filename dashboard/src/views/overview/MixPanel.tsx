/** The Overview's generation-mix panel: the newest hour by known source, and which are unknown. */

import type { LatestStatus } from "../../api/types";
import { MixChart } from "../../components/charts/MixChart";
import { EmptyState } from "../../components/States";
import { isSourceColumn, seriesInfo } from "../../lib/variables";

export function MixPanel({ status }: { status: LatestStatus }) {
  const unknown = status.unknown_fields.filter((field) => isSourceColumn(field) && field !== "unknown_mw");
  return (
    <div>
      {status.generation_mix.length ? (
        <MixChart mix={status.generation_mix} />
      ) : (
        <EmptyState title="No source reported for this hour">
          The newest hour has no generation by source: every source is unknown.
        </EmptyState>
      )}
      {unknown.length ? (
        <p className="mt-2 text-xs text-slate-500">
          Not available from the source data: {unknown.map((field) => seriesInfo(field).label.toLowerCase()).join(", ")}.
        </p>
      ) : null}
    </div>
  );
}
