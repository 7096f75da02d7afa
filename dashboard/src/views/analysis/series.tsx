/** What the Analysis panels share: the series picker, why a series is not drawn, which series
 * the source lacks, and picking a result by kind. */

import type { AnalysisResult } from "../../api/types";
import type { Variable } from "../../api/results";
import { EmptyState } from "../../components/States";
import { SERIES, seriesInfo } from "../../lib/variables";

const VARIABLES = [
  "power_consumption_total",
  "solar_mw",
  "wind_mw",
  "carbon_intensity",
  "fossil_free_percentage",
  "renewable_percentage",
] as const;

export function VariablePicker({
  id,
  value,
  onChange,
  variables,
}: {
  id: string;
  value: string;
  onChange: (name: string) => void;
  variables: Record<string, Variable<unknown>>;
}) {
  return (
    <label className="flex items-center gap-2 text-sm text-slate-600" htmlFor={id}>
      Series
      <select
        id={id}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        className="rounded-md border border-slate-300 bg-white px-2 py-1 text-sm text-slate-900 focus-visible:outline-2 focus-visible:outline-sky-600"
      >
        {VARIABLES.filter((name) => name in variables).map((name) => (
          <option key={name} value={name} disabled={variables[name]?.status !== "ok"}>
            {SERIES[name].label}
            {variables[name]?.status === "unknown" ? " (not available)" : variables[name]?.status === "skipped" ? " (too little data)" : ""}
          </option>
        ))}
      </select>
    </label>
  );
}

export function NotShown({ entry, what }: { entry: Variable<unknown> | undefined; what: string }) {
  if (!entry) return <EmptyState title={`No ${what}`}>This result does not cover the series.</EmptyState>;
  if (entry.status === "unknown") return <EmptyState title="Not available">{entry.note}.</EmptyState>;
  if (entry.status === "skipped") return <EmptyState title={`No ${what}`}>{entry.reason}.</EmptyState>;
  return null;
}

export function UnknownNote({ variables }: { variables: Record<string, Variable<unknown>> }) {
  const unknown = Object.entries(variables).filter(([, entry]) => entry.status === "unknown");
  if (!unknown.length) return null;
  return (
    <p className="mt-2 text-xs text-slate-500">
      Not available in the source data: {unknown.map(([name]) => seriesInfo(name).label.toLowerCase()).join(", ")}.
    </p>
  );
}

export function byKind<T>(results: AnalysisResult[], kind: string): AnalysisResult<T> | undefined {
  return results.find((item) => item.kind === kind) as AnalysisResult<T> | undefined;
}
