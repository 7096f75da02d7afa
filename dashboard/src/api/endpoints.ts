/** One function per endpoint the dashboard reads (docs/architecture.md, HTTP API). */

import { getJson, type ApiClient } from "./client";
import type {
  AnalysisRange,
  AnalysisResult,
  CarbonForecast,
  CleanestWindow,
  Correlations,
  Forecast,
  LatestStatus,
  MeasurementsPage,
  RangeName,
  Runs,
} from "./types";
import type { PerVariableResult, TrendFigures } from "./results";

export const endpoints = {
  latestStatus: (c: ApiClient, s?: AbortSignal) =>
    getJson<LatestStatus>(c, "/status/latest", {}, s),
  measurements: (c: ApiClient, range: RangeName, s?: AbortSignal) =>
    getJson<MeasurementsPage>(c, "/measurements", { range }, s),
  predictions: (c: ApiClient, s?: AbortSignal) => getJson<Forecast>(c, "/predictions", {}, s),
  carbonForecast: (c: ApiClient, s?: AbortSignal) =>
    getJson<CarbonForecast>(c, "/forecast/carbon-intensity", {}, s),
  cleanestWindow: (c: ApiClient, hours: number, s?: AbortSignal) =>
    getJson<CleanestWindow>(c, "/advice/cleanest-window", { hours: String(hours) }, s),
  trend: (c: ApiClient, range: AnalysisRange, s?: AbortSignal) =>
    getJson<AnalysisResult<PerVariableResult<TrendFigures>>>(c, "/analysis/trend", { range }, s),
  seasonal: (c: ApiClient, range: AnalysisRange, s?: AbortSignal) =>
    getJson<AnalysisResult[]>(c, "/analysis/seasonal", { range }, s),
  correlations: (c: ApiClient, range: AnalysisRange, s?: AbortSignal) =>
    getJson<Correlations>(c, "/analysis/correlations", { range }, s),
  clustering: (c: ApiClient, range: AnalysisRange, s?: AbortSignal) =>
    getJson<AnalysisResult[]>(c, "/clustering", { range }, s),
  runs: (c: ApiClient, limit: number, s?: AbortSignal) =>
    getJson<Runs>(c, "/runs", { limit: String(limit) }, s),
};

/** The CSV of a range's measurements (the same rows the charts show). */
export function measurementsCsvPath(range: RangeName): string {
  return `/measurements?${new URLSearchParams({ range, format: "csv" }).toString()}`;
}
