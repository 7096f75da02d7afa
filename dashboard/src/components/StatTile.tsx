/** One figure with its label and unit; an unknown value reads "not available". */

import type { ReactNode } from "react";

import { NOT_AVAILABLE } from "../lib/format";

export function StatTile({
  label,
  value,
  detail,
  accent,
}: {
  label: string;
  value: string;
  detail?: ReactNode;
  accent?: string;
}) {
  const unknown = value === NOT_AVAILABLE;
  return (
    <div
      className="min-w-0 rounded-lg border border-slate-200 bg-white p-3"
      data-stat={label}
      data-known={!unknown}
    >
      <dt className="flex items-center gap-1.5 text-xs font-medium uppercase tracking-wide text-slate-500">
        {accent ? (
          <span aria-hidden className="inline-block size-2.5 rounded-full" style={{ background: accent }} />
        ) : null}
        {label}
      </dt>
      <dd
        className={
          unknown ? "mt-1 text-base italic text-slate-500" : "mt-1 text-xl font-semibold tabular-nums"
        }
      >
        {value}
      </dd>
      {detail ? <dd className="mt-0.5 text-xs text-slate-500">{detail}</dd> : null}
    </div>
  );
}
