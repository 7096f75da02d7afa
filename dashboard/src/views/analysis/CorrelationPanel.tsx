/** The Analysis view's correlations panel: the matrix of one method, Pearson or Spearman. */

import { useState } from "react";

import type { Correlations } from "../../api/types";
import { CorrelationMatrix } from "../../components/CorrelationMatrix";
import { EmptyState } from "../../components/States";
import { correlationMatrix } from "../../lib/shape";

export function CorrelationPanel({ data }: { data: Correlations }) {
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
