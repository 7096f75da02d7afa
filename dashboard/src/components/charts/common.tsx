/** What every chart shares: a labelled frame, a tooltip with units and the time zone. */

import { createContext, lazy, Suspense, useRef, type ComponentType, type ReactNode } from "react";

import { useNearScreen } from "../../hooks/visible";

import { formatNumber, isKnown, NOT_AVAILABLE } from "../../lib/format";
import { formatHour, tickLabel, timeTicks } from "../../lib/time";

export const AXIS = { stroke: "#94a3b8", fontSize: 12, tickLine: false } as const;

interface TickProps {
  x?: number | string;
  y?: number | string;
  textAnchor?: "start" | "middle" | "end" | "inherit";
  verticalAnchor?: "start" | "middle" | "end";
  fill?: string;
  fontSize?: number | string;
  className?: string;
  index?: number;
  payload?: { value: unknown };
  tickFormatter?: (value: never, index: number) => string;
}

/** The shift Recharts' <Text> gives one line of text per vertical anchor (its cap height, 0.71em). */
const ANCHOR_DY = { start: "0.71em", middle: "0.355em", end: "0" } as const;

/** A tick label as one plain <text>, placed as Recharts' own: its <Text> measures every word of
 * every label in the DOM (to wrap it, which a one-word tick never needs), most of an axis' draw. */
export function plainTick({ x, y, textAnchor, verticalAnchor = "end", fill, fontSize, className, index = 0, payload, tickFormatter }: TickProps) {
  const value = payload?.value;
  return (
    <text x={x} y={y} dy={ANCHOR_DY[verticalAnchor]} textAnchor={textAnchor} fill={fill} fontSize={fontSize} className={className}>
      {tickFormatter ? tickFormatter(value as never, index) : String(value)}
    </text>
  );
}

/** A y axis of numbers: its few ticks all shown (`interval` 0), so Recharts does not measure each
 * label in the DOM to choose which to skip, for the axis and again for the grid lines. */
export const VALUE_AXIS = { ...AXIS, interval: 0, tick: plainTick } as const;
const GRID_LINES = { stroke: "#e2e8f0", strokeDasharray: "3 3" } as const;
const NO_LINES = () => [];

/** Grid lines across the chart at the y ticks only. Recharts computes the lines of the other
 * direction even when they are hidden (measuring every x tick label in the DOM: most of a
 * time chart's mount), unless given a generator that returns none. */
export const HORIZONTAL_GRID = { ...GRID_LINES, vertical: false, verticalCoordinatesGenerator: NO_LINES } as const;
/** Grid lines at the x ticks only (a horizontal bar chart). */
export const VERTICAL_GRID = { ...GRID_LINES, horizontal: false, horizontalCoordinatesGenerator: NO_LINES } as const;

/** px: what a time tick's label needs along the axis ("Mon 30", "14:00", "Jan 26") and its gap. */
const TIME_TICK_PX = 60;
/** px: the plot's width that is not its x axis (the y axis, 64, and the margins). */
const NOT_X_AXIS_PX = 80;

/** px: what an hour's tick label ("14:00", 12 px) needs along the axis, with its gap. */
const HOUR_TICK_PX = 44;

/** An x axis of the 24 local hours of a day, for rows keyed by `hour` (0-23): a tick every 3
 * hours where eight fit in the plot's `width` (px), else every 6, all drawn (`interval` 0), so
 * Recharts does not measure each label in the DOM to choose which to skip. */
export function hourOfDayAxis(width?: number) {
  const everyThree = width === undefined || width - NOT_X_AXIS_PX >= 8 * HOUR_TICK_PX;
  return {
    dataKey: "hour",
    type: "number",
    domain: [0, 23],
    ticks: everyThree ? [0, 3, 6, 9, 12, 15, 18, 21] : [0, 6, 12, 18],
    interval: 0,
    tickFormatter: formatHour,
    tick: plainTick,
  } as const;
}

/** Every `step`-th of `ticks`, with `step` the least that fits them in `width` px of a plot. */
export function ticksThatFit(ticks: number[], width: number): number[] {
  const room = Math.max(2, Math.floor((width - NOT_X_AXIS_PX) / TIME_TICK_PX));
  const step = Math.ceil(ticks.length / room);
  return ticks.filter((_, index) => index % step === 0);
}

/** An x axis of instants (ms) from `start` to `end`, ticks on whole Los Angeles hours, days or
 * months, for rows keyed by `t`. Given the plot's `width` (px), the ticks are thinned to fit it
 * and all drawn; without it, Recharts measures each label in the DOM to skip those that collide. */
export function timeAxis(start: number, end: number, width?: number) {
  const spanHours = (end - start) / 3_600_000;
  const ticks = timeTicks(start, end);
  return {
    ...AXIS,
    dataKey: "t",
    type: "number",
    scale: "time",
    domain: [start, end],
    tickFormatter: (t: number) => tickLabel(t, spanHours),
    tick: plainTick,
    ...(width ? { ticks: ticksThatFit(ticks, width), interval: 0 } : { ticks, minTickGap: 16 }),
  } as const;
}

/** A y axis's unit, written along it. */
export const axisLabel = (unit: string) => ({
  value: unit,
  angle: -90,
  position: "insideLeft" as const,
  fill: "#64748b",
  fontSize: 12,
});

/** A chart's Recharts part as a lazy component: Recharts is fetched beside the view's data
 * instead of before it, so a view paints its text and figures without waiting for it. */
export function lazyPlot<P extends object>(load: () => Promise<{ default: ComponentType<P> }>) {
  return lazy(load);
}

export interface PlotFrame {
  /** px: the box a plot draws into, as its frame measured it when it came near the screen: the
   * plot's first draw is at that size (PlotBox), not at a guess that the resize observer then
   * corrects with a second full draw of every axis, tick and series. */
  width?: number;
  height: number;
  /** The plot has drawn (PlotBox calls it once mounted): the next chart's turn to draw. */
  drawn: () => void;
}

export const PlotFrameContext = createContext<PlotFrame>({ height: 280, drawn: () => {} });

/** The chart's box: a <figure> named for screen readers, `data-chart` for the e2e tests. The
 * plot inside mounts when the box comes near the screen (`data-drawn` says whether it has);
 * until then, and while its code loads, the box keeps its height, so nothing moves. */
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
  const box = useRef<HTMLDivElement>(null);
  const { near, width, drawn } = useNearScreen(box);
  return (
    <figure data-chart={name} data-drawn={near} aria-label={label} className="m-0 w-full min-w-0">
      {/* overflow-hidden: where the frame measured no width, Recharts' first frame is 600 px wide */}
      <div ref={box} style={{ height }} className="w-full overflow-hidden">
        {near ? (
          <PlotFrameContext.Provider value={{ width, height, drawn }}>
            <Suspense fallback={null}>{children}</Suspense>
          </PlotFrameContext.Provider>
        ) : null}
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
