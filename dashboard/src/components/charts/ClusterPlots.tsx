/** The Recharts part of CentroidChart (its own chunk, loaded when a chart first shows). */

import { useContext } from "react";
import { CartesianGrid, Line, LineChart, Tooltip, XAxis, YAxis } from "recharts";

import type { ClusterSummary } from "../../api/results";
import { formatHour } from "../../lib/time";
import { clusterColor } from "../../lib/variables";
import { AXIS, HORIZONTAL_GRID, PlotFrameContext, hourOfDayAxis, TooltipBox, VALUE_AXIS, axisLabel } from "./common";
import { PlotBox } from "./PlotBox";

export default function CentroidPlot({ clusters }: { clusters: ClusterSummary[] }) {
  const { width } = useContext(PlotFrameContext);
  const rows = Array.from({ length: 24 }, (_, hour) => {
    const row: Record<string, number | null> = { hour };
    for (const cluster of clusters) row[`c${cluster.cluster}`] = cluster.mean_profile_mw[hour] ?? null;
    return row;
  });
  return (
    <PlotBox>
      <LineChart data={rows} margin={{ top: 8, right: 12, bottom: 0, left: 4 }}>
        <CartesianGrid {...HORIZONTAL_GRID} />
        <XAxis {...AXIS} {...hourOfDayAxis(width)} />
        <YAxis
          {...VALUE_AXIS}
          width={64}
          domain={["auto", "auto"]}
          label={axisLabel("MW")}
        />
        <Tooltip
          content={({ active, payload, label }) =>
            active && payload?.length ? (
              <TooltipBox title={`${formatHour(Number(label))} local time`} entries={payload} unit="MW" />
            ) : null
          }
        />
        {clusters.map((cluster) => (
          <Line
            key={cluster.cluster}
            dataKey={`c${cluster.cluster}`}
            name={`Cluster ${cluster.cluster + 1}`}
            stroke={clusterColor(cluster.cluster)}
            strokeWidth={2.5}
            dot={{ r: 2 }}
            isAnimationActive={false}
          />
        ))}
      </LineChart>
    </PlotBox>
  );
}
