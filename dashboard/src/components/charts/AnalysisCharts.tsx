/** Charts of the Analysis view: trend, daily profile, load distribution. */

import type { HistogramBar, ProfileRow, TrendRow } from "../../lib/shape";
import { ChartFrame, Legend, lazyPlot } from "./common";

const plots = () => import("./AnalysisPlots");
const TrendPlot = lazyPlot<TrendProps>(() => plots().then((module) => ({ default: module.TrendPlot })));
const ProfilePlot = lazyPlot<ProfileProps>(() => plots().then((module) => ({ default: module.ProfilePlot })));
const HistogramPlot = lazyPlot<{ bars: HistogramBar[]; color: string }>(() => plots().then((module) => ({ default: module.HistogramPlot })));

/** Derived lines (rolling mean, weekday/weekend means): never a source's colour. */
export const NEUTRAL = "#64748b";

export interface TrendProps {
  rows: TrendRow[];
  unit: string;
  color: string;
  what: string;
  windowDays: number;
}

export function TrendChart(props: TrendProps) {
  const { unit, color, what, windowDays } = props;
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
      <TrendPlot {...props} />
    </ChartFrame>
  );
}

export interface ProfileProps {
  rows: ProfileRow[];
  unit: string;
  color: string;
  what: string;
}

export function ProfileChart(props: ProfileProps) {
  const { unit, color, what } = props;
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
      <ProfilePlot {...props} />
    </ChartFrame>
  );
}

export function HistogramChart({ bars, color }: { bars: HistogramBar[]; color: string }) {
  return (
    <ChartFrame name="distribution" label="Histogram of hourly load, hours per load band in MW" height={240}>
      <HistogramPlot bars={bars} color={color} />
    </ChartFrame>
  );
}
