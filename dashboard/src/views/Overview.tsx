/** Overview: the grid now (mix, load, carbon, solar), freshness, today's cluster, the last run. */

import { endpoints } from "../api/endpoints";
import type { RangeName } from "../api/types";
import { Panel } from "../components/Panel";
import { EmptyState, Loading } from "../components/States";
import { useEndpoint } from "../hooks/api";
import { RANGE_PHRASES } from "../lib/location";
import { CleanestPanel } from "./overview/CleanestPanel";
import { LastRunPanel } from "./overview/LastRunPanel";
import { MixPanel } from "./overview/MixPanel";
import { NowPanel } from "./overview/NowPanel";
import { RecentPanel } from "./overview/RecentPanel";
import { TodayPanel } from "./overview/TodayPanel";

/** The window the advice panel asks for: a car's charge, a dishwasher, a batch job. */
const CLEANEST_HOURS = 3;

export function Overview({ range }: { range: RangeName }) {
  const status = useEndpoint("status", endpoints.latestStatus);
  const cleanest = useEndpoint(`cleanest:${CLEANEST_HOURS}`, (c, s) => endpoints.cleanestWindow(c, CLEANEST_HOURS, s));
  const measurements = useEndpoint(`measurements:${range}`, (c, s) => endpoints.measurements(c, range, s));
  return (
    <div className="grid gap-4 lg:grid-cols-3">
      <Panel title="The grid now" id="now" className="lg:col-span-3">
        <Loading load={status.load} retry={status.retry} what="the grid status" heights="h-[410px] sm:h-[218px] lg:h-[140px]">
          {(data) => <NowPanel status={data} />}
        </Loading>
      </Panel>
      <Panel
        title="Cleanest hours ahead"
        subtitle={`the ${CLEANEST_HOURS} consecutive hours with the lowest forecast carbon intensity, Los Angeles time`}
        id="cleanest"
        className="lg:col-span-3"
      >
        <Loading
          load={cleanest.load}
          retry={cleanest.retry}
          what="the cleanest hours"
          height={96}
          empty={(error) => (
            <EmptyState title="No carbon forecast yet">
              {error.code === "no_such_path"
                ? "This API does not serve the advice yet (GET /advice/cleanest-window)."
                : `${error.message}.`}
            </EmptyState>
          )}
        >
          {(advice) => <CleanestPanel advice={advice} />}
        </Loading>
      </Panel>
      <Panel title="Generation by source" subtitle="newest hour, known sources only: MW · share of production" id="mix">
        <Loading load={status.load} retry={status.retry} what="the generation mix" heights="h-[176px] sm:h-[144px] lg:h-[160px]">
          {(data) => <MixPanel status={data} />}
        </Loading>
      </Panel>
      <Panel title="Today's load pattern" subtitle="which cluster of days today resembles so far" id="today">
        <Loading load={status.load} retry={status.retry} what="today's cluster" height={128}>
          {(data) => <TodayPanel day={data.current_cluster} />}
        </Loading>
      </Panel>
      <Panel title="Last pipeline run" subtitle="ingest, then analyze, predict and cluster" id="run">
        <Loading load={status.load} retry={status.retry} what="the last run" height={88}>
          {(data) => <LastRunPanel run={data.last_run} />}
        </Loading>
      </Panel>
      <Panel
        title="Load and local generation"
        subtitle={`hourly, ${RANGE_PHRASES[range]}`}
        id="recent"
        className="lg:col-span-3"
      >
        <Loading load={measurements.load} retry={measurements.retry} what="the measurements" heights="h-[304px] sm:h-[280px] lg:h-[304px]">
          {(page) => <RecentPanel page={page} />}
        </Loading>
      </Panel>
    </div>
  );
}
