/** The Generation view's carbon forecast panel: the newest 24-hour carbon-intensity forecast
 * with its band beside the measured intensity, and its scores. */

import type { CarbonForecast } from "../../api/types";
import { EmptyState } from "../../components/States";
import { carbonBacktestFigures } from "../../lib/carbon";
import { trackRecordFigures } from "../../lib/forecastFigures";
import { formatCarbon, formatNumber } from "../../lib/format";
import { carbonForecastRows } from "../../lib/shape";
import { SERIES } from "../../lib/variables";
import { ForecastPanel } from "./ForecastPanel";

const CHART = { name: "carbon-forecast", what: "Carbon intensity", unit: SERIES.carbon_intensity.unit, color: SERIES.carbon_intensity.color };
const LOWEST = { label: "Lowest expected", lowest: true, format: formatCarbon };
const gramsPerKWh = (value: number) => `${formatNumber(value)} g/kWh`;

export function CarbonForecastPanel({ forecast }: { forecast: CarbonForecast }) {
  if (!forecast.forecasts.length) {
    return <EmptyState title="The newest forecast has no hours">Run the predict step again.</EmptyState>;
  }
  const track = forecast.track_record;
  return (
    <ForecastPanel
      rows={carbonForecastRows(forecast.forecasts, forecast.history)}
      chart={CHART}
      levelPercent={Math.round(forecast.interval_level * 100)}
      issuedAt={forecast.issued_at}
      extreme={LOWEST}
      modelVersion={forecast.model_version}
      figures={[
        ...trackRecordFigures(track, { model: track.mae, persistence: track.persistence_mae, format: gramsPerKWh }),
        ...carbonBacktestFigures(forecast.evaluation),
      ]}
    />
  );
}
