/** The Generation view's forecast panel: the newest solar forecast, its interval and its scores. */

import type { Forecast } from "../../api/types";
import { EmptyState } from "../../components/States";
import { backtestFigures, trackRecordFigures } from "../../lib/forecastFigures";
import { formatMW, isKnown } from "../../lib/format";
import { forecastRows } from "../../lib/shape";
import { ForecastPanel } from "./ForecastPanel";

const PEAK = { label: "Peak expected", lowest: false, format: formatMW };

export function SolarForecastPanel({ forecast }: { forecast: Forecast }) {
  if (!forecast.predictions.length) {
    return <EmptyState title="The newest forecast has no hours">Run the predict step again.</EmptyState>;
  }
  const track = forecast.track_record;
  return (
    <ForecastPanel
      rows={forecastRows(forecast.predictions, forecast.history)}
      chart={{}}
      levelPercent={isKnown(forecast.interval_level) ? Math.round(forecast.interval_level * 100) : null}
      issuedAt={forecast.issued_at}
      extreme={PEAK}
      modelVersion={forecast.model_version}
      figures={[
        ...trackRecordFigures(track, { model: track.mae_mw, persistence: track.persistence_mae_mw, format: formatMW }),
        ...backtestFigures(forecast.evaluation),
      ]}
    />
  );
}
