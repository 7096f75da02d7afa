/** Generation: sources over the range (stacked) over their carbon intensity, load and exchanges,
 * the 24-hour solar and carbon-intensity forecasts. */

import { apiUrl } from "../api/client";
import { endpoints, measurementsCsvPath } from "../api/endpoints";
import type { RangeName } from "../api/types";
import { Panel } from "../components/Panel";
import { EmptyState, Loading } from "../components/States";
import { useApiContext, useEndpoint } from "../hooks/api";
import { RANGE_PHRASES } from "../lib/location";
import { CarbonForecastPanel } from "./generation/CarbonForecastPanel";
import { ExchangesPanel } from "./generation/ExchangesPanel";
import { SolarForecastPanel } from "./generation/SolarForecastPanel";
import { SourcesPanel } from "./generation/SourcesPanel";

export function Generation({ range }: { range: RangeName }) {
  const { config } = useApiContext();
  const measurements = useEndpoint(`measurements:${range}`, (c, s) => endpoints.measurements(c, range, s));
  const forecast = useEndpoint("predictions", endpoints.predictions);
  const carbonForecast = useEndpoint("carbon-forecast", endpoints.carbonForecast);
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
        title="Generation by source and carbon intensity"
        subtitle={`${daily ? "daily means" : "hourly"}, ${RANGE_PHRASES[range]}, stacked (MW), the carbon intensity of the same hours below`}
        actions={csv}
        id="generation"
      >
        <Loading load={measurements.load} retry={measurements.retry} what="generation by source" heights="h-[604px] sm:h-[568px] lg:h-[552px]">
          {(page) => <SourcesPanel page={page} daily={daily} />}
        </Loading>
      </Panel>
      <div className="grid gap-4 lg:grid-cols-2">
        <Panel title="Load and exchanges" subtitle={`${daily ? "daily means" : "hourly"}, ${RANGE_PHRASES[range]} (MW)`} id="load">
          <Loading load={measurements.load} retry={measurements.retry} what="load" height={304}>
            {(page) => <ExchangesPanel page={page} daily={daily} />}
          </Loading>
        </Panel>
        <Panel title="Solar forecast, next 24 hours" subtitle="the newest forecast, its interval and the measured solar so far" id="forecast">
          <Loading
            load={forecast.load}
            retry={forecast.retry}
            what="the solar forecast"
            heights="h-[524px] sm:h-[472px] lg:h-[504px] xl:h-[472px]"
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
        <Panel
          title="Carbon-intensity forecast, next 24 hours"
          subtitle="the newest forecast (life-cycle), its interval and the measured intensity so far"
          id="carbon-forecast"
          className="lg:col-span-2"
        >
          <Loading
            load={carbonForecast.load}
            retry={carbonForecast.retry}
            what="the carbon-intensity forecast"
            heights="h-[540px] sm:h-[436px] lg:h-[420px]"
            empty={(error) => (
              <EmptyState title="No carbon-intensity forecast yet">
                {error.code === "no_such_path"
                  ? "This API does not serve it yet (GET /forecast/carbon-intensity)."
                  : `${error.message}.`}
              </EmptyState>
            )}
          >
            {(data) => <CarbonForecastPanel forecast={data} />}
          </Loading>
        </Panel>
      </div>
    </div>
  );
}
