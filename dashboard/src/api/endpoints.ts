/** One function per endpoint the dashboard reads (docs/architecture.md, HTTP API). */

import type { AxiosInstance } from "axios";

import { toApiError } from "./client";
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

async function get<T>(
  client: AxiosInstance,
  url: string,
  params: Record<string, string>,
  signal?: AbortSignal,
): Promise<T> {
  try {
    const answer = await client.get<T>(url, { params, signal });
    return answer.data;
  } catch (error) {
    throw toApiError(error);
  }
}

export const endpoints = {
  latestStatus: (c: AxiosInstance, s?: AbortSignal) =>
    get<LatestStatus>(c, "/status/latest", {}, s),
  measurements: (c: AxiosInstance, range: RangeName, s?: AbortSignal) =>
    get<MeasurementsPage>(c, "/measurements", { range }, s),
  predictions: (c: AxiosInstance, s?: AbortSignal) => get<Forecast>(c, "/predictions", {}, s),
  carbonForecast: (c: AxiosInstance, s?: AbortSignal) =>
    get<CarbonForecast>(c, "/forecast/carbon-intensity", {}, s),
  cleanestWindow: (c: AxiosInstance, hours: number, s?: AbortSignal) =>
    get<CleanestWindow>(c, "/advice/cleanest-window", { hours: String(hours) }, s),
  trend: (c: AxiosInstance, range: AnalysisRange, s?: AbortSignal) =>
    get<AnalysisResult<PerVariableResult<TrendFigures>>>(c, "/analysis/trend", { range }, s),
  seasonal: (c: AxiosInstance, range: AnalysisRange, s?: AbortSignal) =>
    get<AnalysisResult[]>(c, "/analysis/seasonal", { range }, s),
  correlations: (c: AxiosInstance, range: AnalysisRange, s?: AbortSignal) =>
    get<Correlations>(c, "/analysis/correlations", { range }, s),
  clustering: (c: AxiosInstance, range: AnalysisRange, s?: AbortSignal) =>
    get<AnalysisResult[]>(c, "/clustering", { range }, s),
  runs: (c: AxiosInstance, limit: number, s?: AbortSignal) =>
    get<Runs>(c, "/runs", { limit: String(limit) }, s),
};

/** The CSV of a range's measurements (the same rows the charts show). */
export function measurementsCsvPath(range: RangeName): string {
  return `/measurements?${new URLSearchParams({ range, format: "csv" }).toString()}`;
}
