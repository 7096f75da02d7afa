/** The Generation view's sources panel: generation stacked by known source, which are unknown,
 * and the carbon intensity of the same hours in a chart aligned below. */

import type { MeasurementsPage } from "../../api/types";
import { TimeSeriesChart } from "../../components/charts/TimeSeriesChart";
import { EmptyState } from "../../components/States";
import { dailyMeans, gapNote, hourlyRows, knownSources, unknownSources } from "../../lib/shape";
import { SERIES, seriesInfo } from "../../lib/variables";

const CARBON = "carbon_intensity" as const;

export function SourcesPanel({ page, daily }: { page: MeasurementsPage; daily: boolean }) {
  const sources = knownSources(page.available);
  const missing = unknownSources(page.available);
  if (page.count === 0) {
    return <EmptyState title="No measurements in this range">Nothing is stored for this window: run the ingest step.</EmptyState>;
  }
  const carbonKnown = page.available.includes("carbon_intensity");
  const columns = carbonKnown ? [...sources, CARBON] : sources;
  const hourly = hourlyRows(page.measurements, columns, page.window);
  const rows = daily ? dailyMeans(hourly, columns) : hourly;
  return (
    <div>
      {sources.length ? (
        <TimeSeriesChart
          name="generation"
          label={`Generation by source, ${daily ? "daily means" : "hourly"}, stacked, in MW: ${sources.map((s) => SERIES[s].label).join(", ")}`}
          rows={rows}
          unit="MW"
          stacked
          daily={daily}
          height={300}
          series={[...sources].map((column) => ({ key: column, label: SERIES[column].label, color: SERIES[column].color, kind: "area" as const }))}
          note={gapNote(rows, sources)}
        />
      ) : (
        <EmptyState title="No generation by source in this range">Every source is unknown for these hours.</EmptyState>
      )}
      <div className="mt-4">
        {carbonKnown ? (
          <TimeSeriesChart
            name="generation-carbon"
            label={`Carbon intensity of the same ${daily ? "days (daily means)" : "hours"}, life-cycle, in ${SERIES[CARBON].unit}`}
            rows={rows}
            unit={SERIES[CARBON].unit}
            daily={daily}
            height={160}
            series={[{ key: CARBON, label: `${SERIES[CARBON].label} (life-cycle)`, color: SERIES[CARBON].color, kind: "line" }]}
            note={gapNote(rows, [CARBON])}
          />
        ) : (
          <p className="text-xs text-slate-500">Carbon intensity: not available for this range.</p>
        )}
      </div>
      {missing.length ? (
        <p className="mt-3 text-xs text-slate-500">
          <span className="font-medium text-slate-600">Not available</span> in the source data (unknown, not zero):{" "}
          {missing.map((column) => seriesInfo(column).label.toLowerCase()).join(", ")}. They appear here when reported.
        </p>
      ) : null}
    </div>
  );
}
