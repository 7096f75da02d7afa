/** The Generation view's forecast panel: the newest solar forecast, its interval and its scores. */

import type { Forecast } from "../../api/types";
import { ForecastChart } from "../../components/charts/ForecastChart";
import { EmptyState } from "../../components/States";
import { backtestFigures, trackRecordFigures } from "../../lib/forecastFigures";
import { formatMW, isKnown } from "../../lib/format";
import { forecastRows, intervalCoverage } from "../../lib/shape";
import { formatClock, formatFullDateTime, zoneAbbreviation } from "../../lib/time";

export function SolarForecastPanel({ forecast }: { forecast: Forecast }) {
  const rows = forecastRows(forecast.predictions, forecast.history);
  if (!forecast.predictions.length) {
    return <EmptyState title="The newest forecast has no hours">Run the predict step again.</EmptyState>;
  }
  const level = isKnown(forecast.interval_level) ? Math.round(forecast.interval_level * 100) : null;
  const ahead = rows.filter((row) => row.predicted !== null);
  const peak = ahead.reduce((best, row) => ((row.predicted ?? 0) > (best.predicted ?? 0) ? row : best), ahead[0]!);
  const coverage = intervalCoverage(rows);
  return (
    <div>
      <ForecastChart rows={rows} levelPercent={level} issuedAt={Date.parse(forecast.predictions[0]!.target_datetime)} />
      <dl className="mt-3 grid grid-cols-2 gap-x-4 gap-y-1 text-xs text-slate-600 sm:grid-cols-3">
        <div>
          <dt className="text-slate-500">Issued</dt>
          <dd>{formatFullDateTime(forecast.issued_at)}</dd>
        </div>
        <div>
          <dt className="text-slate-500">Peak expected</dt>
          <dd>
            {formatMW(peak.predicted)} at {formatClock(peak.t)} {zoneAbbreviation(peak.t)}
          </dd>
        </div>
        <div>
          <dt className="text-slate-500">Actuals inside the interval</dt>
          <dd>{coverage ? `${coverage.inside} of ${coverage.n} hours` : "none measured yet"}</dd>
        </div>
        <div>
          <dt className="text-slate-500">Model</dt>
          <dd className="font-mono">{forecast.model_version}</dd>
        </div>
        {[...trackRecordFigures(forecast.track_record), ...backtestFigures(forecast.evaluation)].map((figure) => (
          <div key={figure.label} title={figure.hint}>
            <dt className="text-slate-500">{figure.label}</dt>
            <dd>{figure.value}</dd>
          </div>
        ))}
      </dl>
    </div>
  );
}
