/** Names for the HTTP API's shapes. They come from `openapi.ts`, generated from
 * docs/openapi.json by `npm run gen:types` (never written by hand: a test fails when it drifts).
 * Only the free-form parts the document leaves open (`result`, `current_cluster`) are narrowed
 * here, to the stored shapes of results.ts. Times are ISO 8601 UTC; power in MW, carbon
 * intensity in gCO2eq/kWh; `null` means unknown, never 0. */

import type { components, paths } from "./openapi";
import type { CurrentDay } from "./results";

type Schemas = components["schemas"];

export type RangeName = NonNullable<
  NonNullable<paths["/measurements"]["get"]["parameters"]["query"]>["range"]
>;
export type AnalysisRange = Schemas["AnalysisResult"]["range"];

export type ApiErrorBody = Schemas["ErrorBody"];
export type Window = Schemas["Window"];

export type Measurement = Schemas["Measurement"];
/** Every value column of a measurement (MW, gCO2eq/kWh, percent): the document's list, so a new
 * column reaches here; the upstream estimation flag beside them is not a value. */
export type MeasurementColumn = Exclude<keyof Measurement, "datetime" | "is_estimated" | "estimation_method">;
export type MeasurementsPage = Schemas["MeasurementsPage"];

export type SourceMix = Schemas["SourceMix"];
export type RunBrief = Schemas["RunBrief"];
export type LatestStatus = Omit<Schemas["LatestStatus"], "current_cluster"> & {
  current_cluster: CurrentDay | null;
};

export type Prediction = Schemas["Prediction"];
export type TrackRecord = Schemas["TrackRecord"];
export type Forecast = Schemas["Forecast"];
export type CarbonForecastHour = Schemas["CarbonForecastHour"];
export type CarbonTrackRecord = Schemas["CarbonTrackRecord"];
export type CarbonForecast = Schemas["CarbonIntensityForecast"];
export type CleanestWindow = Schemas["CleanestWindowAdvice"];

/** A stored analysis result, its `result` in the shape of its kind (results.ts). */
export type AnalysisResult<R = Record<string, unknown>> = Omit<Schemas["AnalysisResult"], "result"> & {
  result: R;
};
export type CorrelationPair = Schemas["CorrelationPair"];
export type Correlations = Schemas["Correlations"];

export type Run = Schemas["Run"];
export type Runs = Schemas["Runs"];
