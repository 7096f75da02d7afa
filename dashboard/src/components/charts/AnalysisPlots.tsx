/** The Recharts parts of the Analysis view's charts (one chunk, loaded when a chart first shows). */

import { useContext } from "react";
import {
  Area,
  Bar,
  BarChart,
  CartesianGrid,
  ComposedChart,
  Line,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";

import { formatNumber } from "../../lib/format";
import type { HistogramBar } from "../../lib/shape";
import { formatHour, formatLocalDate } from "../../lib/time";
import { AXIS, HORIZONTAL_GRID, PlotFrameContext, hourOfDayAxis, TooltipBox, VALUE_AXIS, axisLabel, plainTick } from "./common";
import { NEUTRAL, type ProfileProps, type TrendProps } from "./AnalysisCharts";
import { PlotBox } from "./PlotBox";

/** Labels on a category axis (days, load bands): about six, every Nth category, chosen here
 * rather than by Recharts (which measures every category's label in the DOM to choose). */
const AXIS_LABELS = 6;
const labelInterval = (categories: number) => Math.max(0, Math.ceil(categories / AXIS_LABELS) - 1);

export function TrendPlot({ rows, unit, color }: TrendProps) {
  return (
    <PlotBox>
      <ComposedChart data={rows} margin={{ top: 8, right: 12, bottom: 0, left: 4 }}>
        <CartesianGrid {...HORIZONTAL_GRID} />
        <XAxis
          {...AXIS}
          dataKey="date"
          tickFormatter={(d: string) => formatLocalDate(d, false).replace(/^\w+, /, "")}
          interval={labelInterval(rows.length)}
          tick={plainTick}
        />
        <YAxis {...VALUE_AXIS} width={64} domain={["auto", "auto"]} label={axisLabel(unit)} />
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
    </PlotBox>
  );
}

export function ProfilePlot({ rows, unit, color }: ProfileProps) {
  const { width } = useContext(PlotFrameContext);
  return (
    <PlotBox>
      <ComposedChart data={rows} margin={{ top: 8, right: 12, bottom: 0, left: 4 }}>
        <CartesianGrid {...HORIZONTAL_GRID} />
        <XAxis {...AXIS} {...hourOfDayAxis(width)} />
        <YAxis {...VALUE_AXIS} width={64} domain={["auto", "auto"]} label={axisLabel(unit)} />
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
    </PlotBox>
  );
}

export function HistogramPlot({ bars, color }: { bars: HistogramBar[]; color: string }) {
  return (
    <PlotBox>
      <BarChart data={bars} margin={{ top: 8, right: 12, bottom: 4, left: 4 }} barCategoryGap={1}>
        <CartesianGrid {...HORIZONTAL_GRID} />
        <XAxis
          {...AXIS}
          dataKey="from"
          tickFormatter={(v: number) => formatNumber(Math.round(v))}
          interval={labelInterval(bars.length)}
          tick={plainTick}
          label={{ value: "Load (MW), lower edge of each band", position: "insideBottom", offset: 0, fill: "#64748b", fontSize: 12 }}
          height={44}
        />
        <YAxis {...VALUE_AXIS} width={48} allowDecimals={false} label={axisLabel("hours")} />
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
    </PlotBox>
  );
}
