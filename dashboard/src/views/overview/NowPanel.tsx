/** The Overview's "grid now" panel: freshness of the newest hour and its figures, as tiles. */

import type { LatestStatus } from "../../api/types";
import { StatTile } from "../../components/StatTile";
import { carbonProvenance, formatNetImport } from "../../lib/carbon";
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
      <dl className="grid grid-cols-2 gap-2 sm:grid-cols-4 lg:grid-cols-6">
        <StatTile label="Load" value={formatMW(status.load_mw)} accent={SERIES.power_consumption_total.color} />
        <StatTile
          label="Solar now"
          value={formatMW(solar?.mw)}
          accent={SERIES.solar_mw.color}
          detail={isKnown(solar?.share_of_load_percent) ? `${formatPercent(solar.share_of_load_percent, 0)} of the load` : undefined}
        />
        <StatTile
          label="Carbon intensity"
          value={formatCarbon(status.carbon_intensity)}
          accent={SERIES.carbon_intensity.color}
          detail={carbonProvenance(status)}
        />
        <StatTile
          label="Carbon-free share"
          value={formatPercent(status.fossil_free_percentage, 0)}
          accent={SERIES.fossil_free_percentage.color}
          detail={isKnown(status.fossil_free_percentage) ? "of consumption" : undefined}
        />
        <StatTile
          label="Renewable share"
          value={formatPercent(status.renewable_percentage, 0)}
          accent={SERIES.renewable_percentage.color}
          detail={isKnown(status.renewable_percentage) ? "of consumption" : undefined}
        />
        <StatTile
          label="Net imports"
          value={formatNetImport(status.net_import_mw)}
          accent={SERIES.power_import_total.color}
          detail={isKnown(status.import_mw) && isKnown(status.export_mw) ? `imports ${formatMW(status.import_mw)}, exports ${formatMW(status.export_mw)}` : undefined}
        />
      </dl>
    </div>
  );
}
