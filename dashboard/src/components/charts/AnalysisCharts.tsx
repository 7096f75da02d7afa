/** Charts of the Analysis view: trend, daily profile, load distribution. */

import {
  Area,
  Bar,
  BarChart,
  CartesianGrid,
  ComposedChart,
  Line,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";

import type { HistogramBar, ProfileRow, TrendRow } from "../../lib/shape";
import { formatHour, formatLocalDate } from "../../lib/time";
import { AXIS, ChartFrame, GRID, HOUR_OF_DAY_AXIS, Legend, TooltipBox, axisLabel } from "./common";

/** Derived lines (rolling mean, weekday/weekend means): never a source's colour. */
const NEUTRAL = "#64748b";

export function TrendChart({
  rows,
  unit,
  color,
  what,
  windowDays,
}: {
  rows: TrendRow[];
  unit: string;
  color: string;
  what: string;
  windowDays: number;
}) {
  return (
    <ChartFrame
      name="trend"
      label={`${what}: daily means, ${windowDays}-day rolling mean and the fitted trend line, in ${unit}`}
      legend={
        <Legend
          items={[
            { label: "Daily mean", color },
            { label: `${windowDays}-day rolling mean`, color: NEUTRAL },
            { label: "Trend (Theil-Sen)", color: "#dc2626", dashed: true },
          ]}
        />
      }
    >
      <ResponsiveContainer width="100%" height="100%" initialDimension={{ width: 600, height: 280 }}>
        <ComposedChart data={rows} margin={{ top: 8, right: 12, bottom: 0, left: 4 }}>
          <CartesianGrid {...GRID} vertical={false} />
          <XAxis
            {...AXIS}
            dataKey="date"
            tickFormatter={(d: string) => formatLocalDate(d, false).replace(/^\w+, /, "")}
            minTickGap={24}
          />
          <YAxis {...AXIS} width={64} domain={["auto", "auto"]} label={axisLabel(unit)} />
          <Tooltip
            content={({ active, payload, label }) =>
              active && payload?.length ? (
                <TooltipBox title={formatLocalDate(String(label))} entries={payload} unit={unit} />
              ) : null
            }
          />
          <Line
            dataKey="mean"
            name="Daily mean"
            stroke={color}
            strokeOpacity={0.5}
            dot={{ r: 2, fill: color, strokeWidth: 0 }}
            connectNulls={false}
            isAnimationActive={false}
          />
          <Line
            dataKey="rolling"
            name="Rolling mean"
            stroke={NEUTRAL}
            strokeWidth={2}
            dot={false}
            connectNulls={false}
            isAnimationActive={false}
          />
          <Line
            dataKey="fitted"
            name="Trend"
            stroke="#dc2626"
            strokeDasharray="6 4"
            strokeWidth={2}
            dot={false}
            isAnimationActive={false}
          />
        </ComposedChart>
      </ResponsiveContainer>
    </ChartFrame>
  );
}

export function ProfileChart({
  rows,
  unit,
  color,
  what,
}: {
  rows: ProfileRow[];
  unit: string;
  color: string;
  what: string;
}) {
  return (
    <ChartFrame
      name="profile"
      label={`${what} by hour of day in Los Angeles: 10th to 90th percentile band, median, and weekday and weekend means, in ${unit}`}
      legend={
        <Legend
          items={[
            { label: "10th–90th percentile", color, band: true },
            { label: "Median", color },
            { label: "Weekday mean", color: NEUTRAL },
            { label: "Weekend mean", color: NEUTRAL, dashed: true },
          ]}
        />
      }
    >
      <ResponsiveContainer width="100%" height="100%" initialDimension={{ width: 600, height: 280 }}>
        <ComposedChart data={rows} margin={{ top: 8, right: 12, bottom: 0, left: 4 }}>
          <CartesianGrid {...GRID} vertical={false} />
          <XAxis {...AXIS} {...HOUR_OF_DAY_AXIS} />
          <YAxis {...AXIS} width={64} domain={["auto", "auto"]} label={axisLabel(unit)} />
          <Tooltip
            content={({ active, payload, label }) =>
              active && payload?.length ? (
                <TooltipBox
                  title={`${formatHour(Number(label))}–${formatHour((Number(label) + 1) % 24)} local time`}
                  entries={payload}
                  unit={unit}
                />
              ) : null
            }
          />
          <Area dataKey="band" name="10th–90th percentile" stroke="none" fill={color} fillOpacity={0.2} isAnimationActive={false} />
          <Line dataKey="median" name="Median" stroke={color} strokeWidth={2} dot={false} isAnimationActive={false} />
          <Line dataKey="weekday" name="Weekday mean" stroke={NEUTRAL} strokeWidth={1.5} dot={false} isAnimationActive={false} />
          <Line
            dataKey="weekend"
            name="Weekend mean"
            stroke={NEUTRAL}
            strokeWidth={1.5}
            strokeDasharray="5 4"
            dot={false}
            isAnimationActive={false}
          />
        </ComposedChart>
      </ResponsiveContainer>
    </ChartFrame>
  );
}

export function HistogramChart({ bars, color }: { bars: HistogramBar[]; color: string }) {
  return (
    <ChartFrame name="distribution" label="Histogram of hourly load, hours per load band in MW" height={240}>
      <ResponsiveContainer width="100%" height="100%" initialDimension={{ width: 600, height: 240 }}>
        <BarChart data={bars} margin={{ top: 8, right: 12, bottom: 4, left: 4 }} barCategoryGap={1}>
          <CartesianGrid {...GRID} vertical={false} />
          <XAxis
            {...AXIS}
            dataKey="from"
            tickFormatter={(v: number) => Math.round(v).toLocaleString("en-US")}
            minTickGap={20}
            label={{ value: "Load (MW), lower edge of each band", position: "insideBottom", offset: 0, fill: "#64748b", fontSize: 12 }}
            height={44}
          />
          <YAxis {...AXIS} width={48} allowDecimals={false} label={axisLabel("hours")} />
          <Tooltip
            content={({ active, payload }) => {
              const bar = payload?.[0]?.payload as HistogramBar | undefined;
              return active && bar ? (
                <TooltipBox
                  title={`${bar.label} MW`}
                  entries={[{ name: "Hours", value: bar.count, color, dataKey: "count" }]}
                  unit="h"
                />
              ) : null;
            }}
          />
          <Bar dataKey="count" name="Hours" fill={color} fillOpacity={0.8} isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </ChartFrame>
  );
}
