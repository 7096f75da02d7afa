/** The Generation view's carbon forecast panel: the newest 24-hour carbon-intensity forecast
 * with its band beside the measured intensity, and its scores. */

import type { CarbonForecast } from "../../api/types";
import { ForecastChart } from "../../components/charts/ForecastChart";
import { EmptyState } from "../../components/States";
import { carbonBacktestFigures, carbonTrackRecordFigures } from "../../lib/carbon";
import { formatCarbon } from "../../lib/format";
import { carbonForecastRows, intervalCoverage } from "../../lib/shape";
import { formatClock, formatFullDateTime, zoneAbbreviation } from "../../lib/time";
import { SERIES } from "../../lib/variables";

export function CarbonForecastPanel({ forecast }: { forecast: CarbonForecast }) {
  if (!forecast.forecasts.length) {
    return <EmptyState title="The newest forecast has no hours">Run the predict step again.</EmptyState>;
  }
  const rows = carbonForecastRows(forecast.forecasts, forecast.history);
  const level = Math.round(forecast.interval_level * 100);
  const ahead = rows.filter((row) => row.predicted !== null);
  const lowest = ahead.reduce((best, row) => ((row.predicted ?? Infinity) < (best.predicted ?? Infinity) ? row : best), ahead[0]!);
  const coverage = intervalCoverage(rows);
  return (
    <div>
      <ForecastChart
        name="carbon-forecast"
        what="Carbon intensity"
        unit={SERIES.carbon_intensity.unit}
        color={SERIES.carbon_intensity.color}
        rows={rows}
        levelPercent={level}
        issuedAt={Date.parse(forecast.forecasts[0]!.target_datetime)}
      />
      <dl className="mt-3 grid grid-cols-2 gap-x-4 gap-y-1 text-xs text-slate-600 sm:grid-cols-3">
        <div>
          <dt className="text-slate-500">Issued</dt>
          <dd>{formatFullDateTime(forecast.issued_at)}</dd>
        </div>
        <div>
          <dt className="text-slate-500">Lowest expected</dt>
          <dd>
            {formatCarbon(lowest.predicted)} at {formatClock(lowest.t)} {zoneAbbreviation(lowest.t)}
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
        {[...carbonTrackRecordFigures(forecast.track_record), ...carbonBacktestFigures(forecast.evaluation)].map((figure) => (
          <div key={figure.label} title={figure.hint}>
            <dt className="text-slate-500">{figure.label}</dt>
            <dd>{figure.value}</dd>
          </div>
        ))}
      </dl>
    </div>
  );
}
