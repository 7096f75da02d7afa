/** A 24-hour forecast (solar by default, or carbon intensity): its interval as a band, the
 * forecast line, the actuals so far. */

import { SERIES } from "../../lib/variables";
import { ChartFrame, Legend, lazyPlot } from "./common";
import type { ForecastProps } from "./ForecastPlot";

const ForecastPlot = lazyPlot(() => import("./ForecastPlot"));

/** "80% interval", or "interval" when the level is unknown. */
export const bandLabel = (levelPercent: number | null) => (levelPercent ? `${levelPercent}% interval` : "interval");

export function ForecastChart(props: ForecastProps) {
  const { rows, levelPercent, name = "forecast", what = "Solar", unit = "MW", color = SERIES.solar_mw.color } = props;
  const band = bandLabel(levelPercent);
  return (
    <ChartFrame
      name={name}
      label={`${what} forecast for the next ${rows.filter((r) => r.predicted !== null).length} hours with its ${band}, and the measured ${what.toLowerCase()}, in ${unit}`}
      legend={
        <Legend
          items={[
            { label: band, color: color, band: true },
            { label: "Forecast", color: color, dashed: true },
            { label: "Measured", color: "#0f172a" },
          ]}
        />
      }
    >
      <ForecastPlot {...props} />
    </ChartFrame>
  );
}
