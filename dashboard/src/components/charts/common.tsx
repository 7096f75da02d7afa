/** What every chart shares: a labelled frame, a tooltip with units and the time zone. */

import type { ReactNode } from "react";

import { formatNumber, isKnown, NOT_AVAILABLE } from "../../lib/format";
import { formatHour } from "../../lib/time";

export const AXIS = { stroke: "#94a3b8", fontSize: 12, tickLine: false } as const;
export const GRID = { stroke: "#e2e8f0", strokeDasharray: "3 3" } as const;

/** An x axis of the 24 local hours of a day, for rows keyed by `hour` (0-23). */
export const HOUR_OF_DAY_AXIS = {
  dataKey: "hour",
  type: "number",
  domain: [0, 23],
  ticks: [0, 3, 6, 9, 12, 15, 18, 21],
  tickFormatter: formatHour,
} as const;

/** A y axis's unit, written along it. */
export const axisLabel = (unit: string) => ({
  value: unit,
  angle: -90,
  position: "insideLeft" as const,
  fill: "#64748b",
  fontSize: 12,
});

/** The chart's box: a <figure> named for screen readers, `data-chart` for the e2e tests. */
export function ChartFrame({
  name,
  label,
  height = 280,
  children,
  legend,
}: {
  name: string;
  label: string;
  height?: number;
  children: ReactNode;
  legend?: ReactNode;
}) {
  return (
    <figure data-chart={name} aria-label={label} className="m-0 w-full min-w-0">
      <div style={{ height }} className="w-full">
        {children}
      </div>
      {legend ? <figcaption className="mt-2">{legend}</figcaption> : null}
    </figure>
  );
}

export interface LegendItem {
  label: string;
  color: string;
  dashed?: boolean;
  band?: boolean;
}

/** A legend in HTML (readable, wraps on a phone), drawn the same way in every chart. */
export function Legend({ items, note }: { items: LegendItem[]; note?: ReactNode }) {
  return (
    <div className="flex flex-wrap items-center gap-x-4 gap-y-1 text-xs text-slate-600">
      {items.map((item) => (
        <span key={item.label} className="inline-flex items-center gap-1.5">
          <span
            aria-hidden
            className={item.band ? "inline-block h-3 w-4 rounded-sm opacity-40" : "inline-block h-0 w-4 border-t-2"}
            style={
              item.band
                ? { background: item.color }
                : { borderColor: item.color, borderStyle: item.dashed ? "dashed" : "solid" }
            }
          />
          {item.label}
        </span>
      ))}
      {note ? <span className="text-slate-500">{note}</span> : null}
    </div>
  );
}

interface TooltipEntry {
  name?: string | number;
  value?: unknown;
  color?: string;
  dataKey?: unknown;
}

/** Tooltip body: a title (the time, with zone) and each series with its unit. */
export function TooltipBox({
  title,
  entries,
  unit,
}: {
  title: string;
  entries: readonly TooltipEntry[];
  unit: string;
}) {
  return (
    <div className="rounded-md border border-slate-200 bg-white/95 px-3 py-2 text-xs shadow-md">
      <p className="mb-1 font-medium text-slate-900">{title}</p>
      <ul>
        {entries.map((entry) => (
          <li key={String(entry.dataKey ?? entry.name)} className="flex items-center justify-between gap-4">
            <span className="inline-flex items-center gap-1.5 text-slate-600">
              <span aria-hidden className="inline-block size-2 rounded-full" style={{ background: entry.color }} />
              {entry.name}
            </span>
            <span className="tabular-nums text-slate-900">{valueText(entry.value, unit)}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}

export function valueText(value: unknown, unit: string): string {
  if (Array.isArray(value)) {
    const [low, high] = value as unknown[];
    if (isKnown(low as number) && isKnown(high as number)) {
      return `${formatNumber(low as number)}–${formatNumber(high as number)} ${unit}`.trim();
    }
    return NOT_AVAILABLE;
  }
  const number = typeof value === "number" ? value : null;
  if (!isKnown(number)) return NOT_AVAILABLE;
  return `${formatNumber(number, Math.abs(number) < 10 ? 2 : 0)} ${unit}`.trim();
}
