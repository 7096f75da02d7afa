/** The Overview's recent panel: load and the known sources, hourly over the range. */

import type { MeasurementsPage } from "../../api/types";
import { TimeSeriesChart } from "../../components/charts/TimeSeriesChart";
import { EmptyState } from "../../components/States";
import { gapNote, hourlyRows, knownSources } from "../../lib/shape";
import { SERIES } from "../../lib/variables";

export function RecentPanel({ page }: { page: MeasurementsPage }) {
  if (page.count === 0) {
    return <EmptyState title="No measurements in this range">Nothing is stored for this window: run the ingest step.</EmptyState>;
  }
  const sources = knownSources(page.available).filter((c) => c !== "unknown_mw");
  const columns = ["power_consumption_total", ...sources] as const;
  const rows = hourlyRows(page.measurements, columns, page.window);
  return (
    <TimeSeriesChart
      name="recent"
      label={`Load and generation by known source, hourly over ${page.count} hours, in MW`}
      rows={rows}
      unit="MW"
      series={columns.map((column) => ({
        key: column,
        label: SERIES[column].label,
        color: SERIES[column].color,
        kind: "line" as const,
      }))}
      note={gapNote(rows, columns)}
    />
  );
}
