/** Hourly (or daily) series against Los Angeles time: stacked areas and lines; null is a gap. */

import { ChartFrame, Legend, lazyPlot } from "./common";
import type { TimeSeriesProps } from "./TimeSeriesPlot";

export type { Series } from "./TimeSeriesPlot";

const TimeSeriesPlot = lazyPlot(() => import("./TimeSeriesPlot"));

export function TimeSeriesChart(props: TimeSeriesProps) {
  const { name, label, series, height, note } = props;
  return (
    <ChartFrame
      name={name}
      label={label}
      height={height}
      legend={<Legend items={series.map((s) => ({ label: s.label, color: s.color, dashed: s.dashed }))} note={note} />}
    >
      <TimeSeriesPlot {...props} />
    </ChartFrame>
  );
}
