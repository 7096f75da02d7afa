/** The Recharts part of MixChart (its own chunk, loaded when a chart first shows). */

import { Bar, BarChart, CartesianGrid, Cell, LabelList, XAxis, YAxis } from "recharts";

import { AXIS, VERTICAL_GRID } from "./common";
import type { MixRow } from "./MixChart";
import { PlotBox } from "./PlotBox";

export default function MixPlot({ rows }: { rows: MixRow[] }) {
  return (
    <PlotBox>
      <BarChart data={rows} layout="vertical" margin={{ top: 4, right: 116, bottom: 4, left: 4 }}>
        <CartesianGrid {...VERTICAL_GRID} />
        <XAxis {...AXIS} type="number" unit=" MW" />
        <YAxis {...AXIS} interval={0} type="category" dataKey="label" width={84} />
        <Bar dataKey="mw" name="MW" isAnimationActive={false} radius={[0, 4, 4, 0]}>
          {rows.map((row) => (
            <Cell key={row.source} fill={row.color} />
          ))}
          <LabelList dataKey="text" position="right" fontSize={12} fill="#334155" />
        </Bar>
      </BarChart>
    </PlotBox>
  );
}
