/** Generation: sources over the range (stacked), load and exchanges, the 24-hour solar forecast. */

import { apiUrl } from "../api/client";
import { endpoints, measurementsCsvPath } from "../api/endpoints";
import type { Forecast, MeasurementColumn, MeasurementsPage, RangeName } from "../api/types";
import { ForecastChart } from "../components/charts/ForecastChart";
import { TimeSeriesChart } from "../components/charts/TimeSeriesChart";
import { Panel } from "../components/Panel";
import { EmptyState, Loading } from "../components/States";
import { useApiContext, useEndpoint } from "../hooks/api";
import { backtestFigures, trackRecordFigures } from "../lib/backtest";
import { formatMW, isKnown } from "../lib/format";
import { RANGE_PHRASES } from "../lib/location";
import { dailyMeans, forecastRows, gapNote, hourlyRows, intervalCoverage, knownSources, unknownSources } from "../lib/shape";
import { formatClock, formatFullDateTime, zoneAbbreviation } from "../lib/time";
import { SERIES, seriesInfo } from "../lib/variables";

const EXCHANGES: MeasurementColumn[] = ["power_consumption_total", "power_production_total", "power_import_total", "power_export_total"];

export function Generation({ range }: { range: RangeName }) {
  const { config } = useApiContext();
  const measurements = useEndpoint(`measurements:${range}`, (c, s) => endpoints.measurements(c, range, s));
  const forecast = useEndpoint("predictions", endpoints.predictions);
  const daily = range === "year";
  const csv = (
    <a
      href={apiUrl(config, measurementsCsvPath(range))}
      download
      className="rounded-md border border-slate-300 px-3 py-1.5 text-sm font-medium text-slate-700 hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-sky-600"
    >
      Download CSV<span className="sr-only"> of the measurements of {RANGE_PHRASES[range]}</span>
    </a>
  );
  return (
    <div className="grid gap-4">
      <Panel
        title="Generation by source"
        subtitle={`${daily ? "daily means" : "hourly"}, ${RANGE_PHRASES[range]}, stacked (MW)`}
        actions={csv}
        id="generation"
      >
        <Loading load={measurements.load} retry={measurements.retry} what="generation by source" height={300}>
          {(page) => <Sources page={page} daily={daily} />}
        </Loading>
      </Panel>
      <div className="grid gap-4 lg:grid-cols-2">
        <Panel title="Load and exchanges" subtitle={`${daily ? "daily means" : "hourly"}, ${RANGE_PHRASES[range]} (MW)`} id="load">
          <Loading load={measurements.load} retry={measurements.retry} what="load" height={280}>
            {(page) => <Exchanges page={page} daily={daily} />}
          </Loading>
        </Panel>
        <Panel title="Solar forecast, next 24 hours" subtitle="the newest forecast, its interval and the measured solar so far" id="forecast">
          <Loading
            load={forecast.load}
            retry={forecast.retry}
            what="the solar forecast"
            height={280}
            empty={(error) => (
              <EmptyState title="No solar forecast yet">
                {error.code === "no_such_path"
                  ? "This API does not serve forecasts yet (GET /predictions)."
                  : `${error.message}.`}
              </EmptyState>
            )}
          >
            {(data) => <SolarForecast forecast={data} />}
          </Loading>
        </Panel>
      </div>
    </div>
  );
}

function Sources({ page, daily }: { page: MeasurementsPage; daily: boolean }) {
  const sources = knownSources(page.available);
  const missing = unknownSources(page.available);
  if (page.count === 0) {
    return <EmptyState title="No measurements in this range">Nothing is stored for this window: run the ingest step.</EmptyState>;
  }
  const hourly = hourlyRows(page.measurements, sources, page.window);
  const rows = daily ? dailyMeans(hourly, sources) : hourly;
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
      {missing.length ? (
        <p className="mt-3 text-xs text-slate-500">
          <span className="font-medium text-slate-600">Not available</span> in the source data (unknown, not zero):{" "}
          {missing.map((column) => seriesInfo(column).label.toLowerCase()).join(", ")}. They appear here when reported.
        </p>
      ) : null}
    </div>
  );
}

function Exchanges({ page, daily }: { page: MeasurementsPage; daily: boolean }) {
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

function SolarForecast({ forecast }: { forecast: Forecast }) {
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
          <dt className="text-slate-400">Issued</dt>
          <dd>{formatFullDateTime(forecast.issued_at)}</dd>
        </div>
        <div>
          <dt className="text-slate-400">Peak expected</dt>
          <dd>
            {formatMW(peak.predicted)} at {formatClock(peak.t)} {zoneAbbreviation(peak.t)}
          </dd>
        </div>
        <div>
          <dt className="text-slate-400">Actuals inside the interval</dt>
          <dd>{coverage ? `${coverage.inside} of ${coverage.n} hours` : "none measured yet"}</dd>
        </div>
        <div>
          <dt className="text-slate-400">Model</dt>
          <dd className="font-mono">{forecast.model_version}</dd>
        </div>
        {[...trackRecordFigures(forecast.track_record), ...backtestFigures(forecast.evaluation)].map((figure) => (
          <div key={figure.label} title={figure.hint}>
            <dt className="text-slate-400">{figure.label}</dt>
            <dd>{figure.value}</dd>
          </div>
        ))}
      </dl>
    </div>
  );
}

