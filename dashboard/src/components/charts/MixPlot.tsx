/** The Recharts part of MixChart (its own chunk, loaded when a chart first shows). */

import { Bar, BarChart, CartesianGrid, Cell, LabelList, ResponsiveContainer, XAxis, YAxis } from "recharts";

import { AXIS, VALUE_AXIS, VERTICAL_GRID } from "./common";
import { type MixRow, mixHeight } from "./MixChart";

export default function MixPlot({ rows }: { rows: MixRow[] }) {
  const height = mixHeight(rows);
  return (
    <ResponsiveContainer width="100%" height="100%" initialDimension={{ width: 400, height }}>
      <BarChart data={rows} layout="vertical" margin={{ top: 4, right: 116, bottom: 4, left: 4 }}>
        <CartesianGrid {...VERTICAL_GRID} />
        <XAxis {...AXIS} type="number" unit=" MW" />
        <YAxis {...VALUE_AXIS} type="category" dataKey="label" width={84} />
        <Bar dataKey="mw" name="MW" isAnimationActive={false} radius={[0, 4, 4, 0]}>
          {rows.map((row) => (
            <Cell key={row.source} fill={row.color} />
          ))}
          <LabelList dataKey="text" position="right" fontSize={12} fill="#334155" />
        </Bar>
      </BarChart>
    </ResponsiveContainer>
  );
}
