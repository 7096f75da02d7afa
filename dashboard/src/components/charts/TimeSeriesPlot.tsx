/** The Recharts part of TimeSeriesChart (its own chunk, loaded when a chart first shows). */

import { useContext } from "react";
import {
  Area,
  CartesianGrid,
  ComposedChart,
  Line,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";

import { formatNumber } from "../../lib/format";
import type { Row } from "../../lib/shape";
import { formatDay, formatFullDateTime } from "../../lib/time";
import { HORIZONTAL_GRID, PlotFrameContext, TooltipBox, VALUE_AXIS, axisLabel, timeAxis } from "./common";
import { PlotBox } from "./PlotBox";

export interface TimeSeriesProps {
  name: string;
  label: string;
  rows: Row[];
  series: Series[];
  unit: string;
  stacked?: boolean;
  /** Rows are daily means: the tooltip names the day, not the hour. */
  daily?: boolean;
  height?: number;
  note?: string;
}

export interface Series {
  key: string;
  label: string;
  color: string;
  kind: "area" | "line";
  dashed?: boolean;
}

export default function TimeSeriesPlot({ rows, series, unit, stacked = false, daily = false }: TimeSeriesProps) {
  const start = rows[0]?.t ?? 0;
  const end = rows.at(-1)?.t ?? 0;
  const { width } = useContext(PlotFrameContext);
  return (
    <PlotBox>
      <ComposedChart data={rows} margin={{ top: 8, right: 12, bottom: 0, left: 4 }}>
        <CartesianGrid {...HORIZONTAL_GRID} />
        <XAxis {...timeAxis(start, end, width)} />
        <YAxis
          {...VALUE_AXIS}
          width={64}
          tickFormatter={(v: number) => formatNumber(v, 3)}
          label={axisLabel(unit)}
        />
        <Tooltip
          content={({ active, payload, label: t }) =>
            active && payload?.length ? (
              <TooltipBox
                title={
                  daily
                    ? `${formatDay(Number(t))} (daily mean)`
                    : `${formatFullDateTime(Number(t))} (hour starting)`
                }
                entries={[...payload].reverse()}
                unit={unit}
              />
            ) : null
          }
        />
        {series.map((s) =>
          s.kind === "area" ? (
            <Area
              key={s.key}
              dataKey={s.key}
              name={s.label}
              stackId={stacked ? "sources" : undefined}
              type="linear"
              stroke={s.color}
              fill={s.color}
              fillOpacity={0.75}
              strokeWidth={1}
              connectNulls={false}
              isAnimationActive={false}
              dot={false}
            />
          ) : (
            <Line
              key={s.key}
              dataKey={s.key}
              name={s.label}
              type="linear"
              stroke={s.color}
              strokeWidth={2}
              strokeDasharray={s.dashed ? "5 4" : undefined}
              connectNulls={false}
              isAnimationActive={false}
              dot={rows.length <= 2 ? { r: 3 } : false}
            />
          ),
        )}
      </ComposedChart>
    </PlotBox>
  );
}
