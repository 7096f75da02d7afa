/** What the solar and carbon-intensity forecast panels share: the newest forecast's chart with
 * its interval, then its facts (issue time, the hour to watch, the actuals inside the interval,
 * the model) and its scores. */

import { ForecastChart } from "../../components/charts/ForecastChart";
import type { Figure } from "../../lib/forecastFigures";
import { intervalCoverage, type ForecastRow } from "../../lib/shape";
import { formatClock, formatFullDateTime, zoneAbbreviation } from "../../lib/time";

export function ForecastPanel({
  rows,
  chart,
  levelPercent,
  issuedAt,
  extreme,
  modelVersion,
  figures,
}: {
  /** The measured hours before the forecast, then its hours (at least one). */
  rows: ForecastRow[];
  /** What the chart names and draws: its `data-chart` name, the quantity, its unit and colour. */
  chart: { name?: string; what?: string; unit?: string; color?: string };
  levelPercent: number | null;
  issuedAt: string;
  /** The forecast hour to point out: the highest ("Peak expected") or the lowest. */
  extreme: { label: string; lowest: boolean; format: (value: number | null) => string };
  modelVersion: string;
  figures: Figure[];
}) {
  const ahead = rows.filter((row) => row.predicted !== null);
  const sign = extreme.lowest ? -1 : 1;
  const pick = ahead.reduce((best, row) => (sign * row.predicted! > sign * best.predicted! ? row : best), ahead[0]!);
  const coverage = intervalCoverage(rows);
  return (
    <div>
      <ForecastChart {...chart} rows={rows} levelPercent={levelPercent} issuedAt={ahead[0]!.t} />
      <dl className="mt-3 grid grid-cols-2 gap-x-4 gap-y-1 text-xs text-slate-600 sm:grid-cols-3">
        <div>
          <dt className="text-slate-500">Issued</dt>
          <dd>{formatFullDateTime(issuedAt)}</dd>
        </div>
        <div>
          <dt className="text-slate-500">{extreme.label}</dt>
          <dd>
            {extreme.format(pick.predicted)} at {formatClock(pick.t)} {zoneAbbreviation(pick.t)}
          </dd>
        </div>
        <div>
          <dt className="text-slate-500">Actuals inside the interval</dt>
          <dd>{coverage ? `${coverage.inside} of ${coverage.n} hours` : "none measured yet"}</dd>
        </div>
        <div>
          <dt className="text-slate-500">Model</dt>
          <dd className="font-mono">{modelVersion}</dd>
        </div>
        {figures.map((figure) => (
          <div key={figure.label} title={figure.hint}>
            <dt className="text-slate-500">{figure.label}</dt>
            <dd>{figure.value}</dd>
          </div>
        ))}
      </dl>
    </div>
  );
}
