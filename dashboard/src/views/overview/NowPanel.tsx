/** The Overview's "grid now" panel: freshness of the newest hour and its figures, as tiles. */

import type { LatestStatus } from "../../api/types";
import { StatTile } from "../../components/StatTile";
import { formatCarbon, formatMW, formatPercent, isKnown } from "../../lib/format";
import { formatAge, formatHourSpan } from "../../lib/time";
import { SERIES } from "../../lib/variables";

export function NowPanel({ status }: { status: LatestStatus }) {
  const solar = status.generation_mix.find((item) => item.source === "solar");
  return (
    <div>
      <p
        role={status.stale ? "alert" : undefined}
        data-stale={status.stale}
        className={`mb-3 rounded-md px-3 py-2 text-sm ${
          status.stale ? "border border-amber-300 bg-amber-50 text-amber-900" : "bg-emerald-50 text-emerald-900"
        }`}
      >
        {status.stale ? "⚠ Data is stale: " : "Up to date: "}
        newest hour {formatHourSpan(status.datetime)}, updated{" "}
        <strong>{formatAge(status.data_age_hours)}</strong>
        {status.stale ? " (more than 3 hours old; the pipeline may not be running)." : "."}
      </p>
      <dl className="grid grid-cols-2 gap-2 sm:grid-cols-4 lg:grid-cols-7">
        <StatTile label="Load" value={formatMW(status.load_mw)} accent={SERIES.power_consumption_total.color} />
        <StatTile
          label="Solar now"
          value={formatMW(solar?.mw)}
          accent={SERIES.solar_mw.color}
          detail={isKnown(solar?.share_of_load_percent) ? `${formatPercent(solar.share_of_load_percent, 0)} of the load` : undefined}
        />
        <StatTile label="Carbon intensity" value={formatCarbon(status.carbon_intensity)} accent={SERIES.carbon_intensity.color} />
        <StatTile label="Renewable share" value={formatPercent(status.renewable_percentage)} accent={SERIES.renewable_percentage.color} />
        <StatTile label="Fossil-free share" value={formatPercent(status.fossil_free_percentage)} accent={SERIES.fossil_free_percentage.color} />
        <StatTile label="Imports" value={formatMW(status.import_mw)} accent={SERIES.power_import_total.color} />
        <StatTile label="Exports" value={formatMW(status.export_mw)} accent={SERIES.power_export_total.color} />
      </dl>
    </div>
  );
}
