/** Overview: the grid now (mix, load, carbon, solar), freshness, today's cluster, the last run. */

import { endpoints } from "../api/endpoints";
import type { CurrentDay, LatestStatus, MeasurementsPage, RangeName, RunBrief } from "../api/types";
import { MixChart } from "../components/charts/MixChart";
import { TimeSeriesChart } from "../components/charts/TimeSeriesChart";
import { Panel } from "../components/Panel";
import { EmptyState, Loading } from "../components/States";
import { StatTile } from "../components/StatTile";
import { useEndpoint } from "../hooks/api";
import { formatCarbon, formatMW, formatPercent, isKnown } from "../lib/format";
import { RANGE_PHRASES } from "../lib/location";
import { gapNote, hourlyRows, knownSources } from "../lib/shape";
import { formatAge, formatFullDateTime, formatHourSpan, formatLocalDate } from "../lib/time";
import { clusterColor, isSourceColumn, SERIES, seriesInfo } from "../lib/variables";

export function Overview({ range }: { range: RangeName }) {
  const status = useEndpoint("status", endpoints.latestStatus);
  const measurements = useEndpoint(`measurements:${range}`, (c, s) => endpoints.measurements(c, range, s));
  return (
    <div className="grid gap-4 lg:grid-cols-3">
      <Panel title="The grid now" id="now" className="lg:col-span-3">
        <Loading load={status.load} retry={status.retry} what="the grid status" height={150}>
          {(data) => <Now status={data} />}
        </Loading>
      </Panel>
      <Panel title="Generation by source" subtitle="newest hour, known sources only" id="mix">
        <Loading load={status.load} retry={status.retry} what="the generation mix" height={160}>
          {(data) => <Mix status={data} />}
        </Loading>
      </Panel>
      <Panel title="Today's load pattern" subtitle="which cluster of days today resembles so far" id="today">
        <Loading load={status.load} retry={status.retry} what="today's cluster" height={120}>
          {(data) => <Today day={data.current_cluster} />}
        </Loading>
      </Panel>
      <Panel title="Last pipeline run" subtitle="ingest, then analyze, predict and cluster" id="run">
        <Loading load={status.load} retry={status.retry} what="the last run" height={120}>
          {(data) => <LastRun run={data.last_run} />}
        </Loading>
      </Panel>
      <Panel
        title="Load and local generation"
        subtitle={`hourly, ${RANGE_PHRASES[range]}`}
        id="recent"
        className="lg:col-span-3"
      >
        <Loading load={measurements.load} retry={measurements.retry} what="the measurements" height={280}>
          {(page) => <Recent page={page} />}
        </Loading>
      </Panel>
    </div>
  );
}

function Now({ status }: { status: LatestStatus }) {
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

function Mix({ status }: { status: LatestStatus }) {
  const unknown = status.unknown_fields.filter((field) => isSourceColumn(field) && field !== "unknown_mw");
  return (
    <div>
      {status.generation_mix.length ? (
        <MixChart mix={status.generation_mix} />
      ) : (
        <EmptyState title="No source reported for this hour">
          The newest hour has no generation by source: every source is unknown.
        </EmptyState>
      )}
      {unknown.length ? (
        <p className="mt-2 text-xs text-slate-500">
          Not available from the source data: {unknown.map((field) => seriesInfo(field).label.toLowerCase()).join(", ")}.
        </p>
      ) : null}
    </div>
  );
}

function Today({ day }: { day: CurrentDay | null }) {
  if (!day) {
    return <EmptyState title="No clustering yet">Run the pipeline: the cluster step needs 14 complete days.</EmptyState>;
  }
  if (day.status !== "ok") {
    return (
      <EmptyState title={`${formatLocalDate(day.date)}: not matched yet`}>{day.reason}.</EmptyState>
    );
  }
  return (
    <div className="flex items-start gap-3">
      <span
        aria-hidden
        className="mt-1 inline-block size-4 shrink-0 rounded"
        style={{ background: clusterColor(day.cluster) }}
      />
      <div>
        <p className="font-medium">
          {formatLocalDate(day.date)} looks like cluster {day.cluster + 1}
        </p>
        {day.description ? <p className="text-sm text-slate-600">{day.description}</p> : null}
        <p className="mt-1 text-xs text-slate-500">
          From {day.hours_seen.length} hours so far; fit error {(day.relative_rms_error * 100).toFixed(1)} % of the mean load.
        </p>
      </div>
    </div>
  );
}

function LastRun({ run }: { run: RunBrief | null }) {
  if (!run) {
    return <EmptyState title="No pipeline run recorded yet">Runs appear here once the workflow has run.</EmptyState>;
  }
  const ok = run.status === "succeeded";
  return (
    <div className="text-sm">
      <p className="flex items-center gap-2">
        <span
          className={`rounded-full px-2 py-0.5 text-xs font-semibold ${
            ok ? "bg-emerald-100 text-emerald-800" : run.status === "failed" ? "bg-red-100 text-red-800" : "bg-slate-100 text-slate-700"
          }`}
        >
          {run.status}
        </span>
        <span className="text-slate-600">triggered by {run.trigger}</span>
      </p>
      <p className="mt-2 text-slate-700">Started {formatFullDateTime(run.started_at)}</p>
      {run.finished_at ? (
        <p className="text-slate-500">
          took {Math.max(0, (Date.parse(run.finished_at) - Date.parse(run.started_at)) / 1000).toFixed(1)} s
        </p>
      ) : (
        <p className="text-slate-500">still running</p>
      )}
      <p className="mt-1 truncate font-mono text-xs text-slate-400" title={run.run_id}>
        {run.run_id}
      </p>
    </div>
  );
}

function Recent({ page }: { page: MeasurementsPage }) {
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
