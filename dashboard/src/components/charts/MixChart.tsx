/** The newest hour's generation by source, as horizontal bars in each source's colour. */

import { Bar, BarChart, CartesianGrid, Cell, LabelList, ResponsiveContainer, XAxis, YAxis } from "recharts";

import type { SourceMix } from "../../api/types";
import { formatMW, formatPercent } from "../../lib/format";
import { seriesInfo } from "../../lib/variables";
import { AXIS, ChartFrame, GRID } from "./common";

export function MixChart({ mix }: { mix: SourceMix[] }) {
  const rows = mix.map((item) => ({
    ...item,
    label: seriesInfo(item.source).label,
    color: seriesInfo(item.source).color,
    text: `${formatMW(item.mw)}${item.share_percent === null ? "" : ` · ${formatPercent(item.share_percent, 0)}`}`,
  }));
  const height = Math.max(96, rows.length * 44 + 32);
  return (
    <ChartFrame
      name="mix"
      height={height}
      label={`Generation by source in the newest hour, MW and share of production: ${rows.map((r) => `${r.label} ${r.text}`).join(", ")}`}
    >
      <ResponsiveContainer width="100%" height="100%" initialDimension={{ width: 400, height }}>
        <BarChart data={rows} layout="vertical" margin={{ top: 4, right: 116, bottom: 4, left: 4 }}>
          <CartesianGrid {...GRID} horizontal={false} />
          <XAxis {...AXIS} type="number" unit=" MW" />
          <YAxis {...AXIS} type="category" dataKey="label" width={84} />
          <Bar dataKey="mw" name="MW" isAnimationActive={false} radius={[0, 4, 4, 0]}>
            {rows.map((row) => (
              <Cell key={row.source} fill={row.color} />
            ))}
            <LabelList dataKey="text" position="right" fontSize={12} fill="#334155" />
          </Bar>
        </BarChart>
      </ResponsiveContainer>
    </ChartFrame>
  );
}
