/** The Recharts part of ForecastChart (its own chunk, loaded when a chart first shows). */

import { useContext } from "react";
import {
  Area,
  CartesianGrid,
  ComposedChart,
  Line,
  ReferenceLine,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";

import type { ForecastRow } from "../../lib/shape";
import { formatFullDateTime } from "../../lib/time";
import { SERIES } from "../../lib/variables";
import { HORIZONTAL_GRID, PlotFrameContext, TooltipBox, VALUE_AXIS, axisLabel, timeAxis } from "./common";
import { bandLabel } from "./ForecastChart";
import { PlotBox } from "./PlotBox";

export interface ForecastProps {
  rows: ForecastRow[];
  levelPercent: number | null;
  /** The first forecast hour: measured hours lie before it. */
  issuedAt: number;
  /** The chart's `data-chart` name. */
  name?: string;
  /** What is forecast, as the label's first word(s): "Solar", "Carbon intensity". */
  what?: string;
  unit?: string;
  color?: string;
}

export default function ForecastPlot({ rows, levelPercent, issuedAt, unit = "MW", color = SERIES.solar_mw.color }: ForecastProps) {
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
          label={axisLabel(unit)}
        />
        <Tooltip
          content={({ active, payload, label }) =>
            active && payload?.length ? (
              <TooltipBox title={formatFullDateTime(Number(label))} entries={payload} unit={unit} />
            ) : null
          }
        />
        {issuedAt > start ? (
          <ReferenceLine
            x={issuedAt}
            stroke="#64748b"
            strokeDasharray="2 3"
            label={{ value: "forecast →", fontSize: 11, fill: "#64748b", position: "insideTopRight" }}
          />
        ) : null}
        <Area
          dataKey="band"
          name={bandLabel(levelPercent)}
          type="monotone"
          stroke="none"
          fill={color}
          fillOpacity={0.25}
          connectNulls={false}
          isAnimationActive={false}
        />
        <Line
          dataKey="predicted"
          name="Forecast"
          type="monotone"
          connectNulls={false}
          stroke={color}
          strokeWidth={2}
          strokeDasharray="5 4"
          dot={false}
          isAnimationActive={false}
        />
        <Line
          dataKey="actual"
          name="Measured"
          type="linear"
          stroke="#0f172a"
          strokeWidth={2}
          dot={{ r: 2 }}
          connectNulls={false}
          isAnimationActive={false}
        />
      </ComposedChart>
    </PlotBox>
  );
}
