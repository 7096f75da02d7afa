/** The Generation view's load panel: load, production and exchanges that the source reports. */

import type { MeasurementColumn, MeasurementsPage } from "../../api/types";
import { TimeSeriesChart } from "../../components/charts/TimeSeriesChart";
import { EmptyState } from "../../components/States";
import { dailyMeans, gapNote, hourlyRows } from "../../lib/shape";
import { SERIES } from "../../lib/variables";

const EXCHANGES: MeasurementColumn[] = ["power_consumption_total", "power_production_total", "power_import_total", "power_export_total"];

export function ExchangesPanel({ page, daily }: { page: MeasurementsPage; daily: boolean }) {
  const columns = EXCHANGES.filter((column) => page.available.includes(column));
  if (!columns.length) {
    return <EmptyState title="Load is not available for this range">The source reports no load, production or exchanges here.</EmptyState>;
  }
  const hourly = hourlyRows(page.measurements, columns, page.window);
  const rows = daily ? dailyMeans(hourly, columns) : hourly;
  const missing = EXCHANGES.filter((column) => !columns.includes(column));
  return (
    <div>
      <TimeSeriesChart
        name="load"
        label={`Load${columns.length > 1 ? " and exchanges" : ""}, ${daily ? "daily means" : "hourly"}, in MW`}
        rows={rows}
        unit="MW"
        daily={daily}
        series={columns.map((column) => ({ key: column, label: SERIES[column].label, color: SERIES[column].color, kind: "line" as const }))}
        note={gapNote(rows, columns)}
      />
      {missing.length ? (
        <p className="mt-2 text-xs text-slate-500">
          Not available: {missing.map((column) => SERIES[column].label.toLowerCase()).join(", ")}.
        </p>
      ) : null}
    </div>
  );
}
