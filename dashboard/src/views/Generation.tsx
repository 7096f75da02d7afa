/** Generation: sources over the range (stacked), load and exchanges, the 24-hour solar forecast. */

import { apiUrl } from "../api/client";
import { endpoints, measurementsCsvPath } from "../api/endpoints";
import type { RangeName } from "../api/types";
import { Panel } from "../components/Panel";
import { EmptyState, Loading } from "../components/States";
import { useApiContext, useEndpoint } from "../hooks/api";
import { RANGE_PHRASES } from "../lib/location";
import { ExchangesPanel } from "./generation/ExchangesPanel";
import { SolarForecastPanel } from "./generation/SolarForecastPanel";
import { SourcesPanel } from "./generation/SourcesPanel";

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
          {(page) => <SourcesPanel page={page} daily={daily} />}
        </Loading>
      </Panel>
      <div className="grid gap-4 lg:grid-cols-2">
        <Panel title="Load and exchanges" subtitle={`${daily ? "daily means" : "hourly"}, ${RANGE_PHRASES[range]} (MW)`} id="load">
          <Loading load={measurements.load} retry={measurements.retry} what="load" height={280}>
            {(page) => <ExchangesPanel page={page} daily={daily} />}
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
            {(data) => <SolarForecastPanel forecast={data} />}
          </Loading>
        </Panel>
      </div>
    </div>
  );
}
