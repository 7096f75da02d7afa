/** Response shapes of the HTTP API (lambdas/api/models.py) and of the stored analysis results
 * (docs/analysis-results.md). Times are ISO 8601 UTC; dates and hours are on the Los Angeles
 * wall clock; power in MW, carbon intensity in gCO2eq/kWh; `null` means unknown, never 0. */

export type RangeName = "day" | "week" | "month" | "year";
export type AnalysisRange = "week" | "month" | "year";

export interface ApiErrorBody {
  error: string;
  message: string;
}

export interface Window {
  start: string;
  end: string;
}

/** Every numeric column of a measurement (DESIGN.md, electricity_measurements). */
export const MEASUREMENT_COLUMNS = [
  "carbon_intensity",
  "fossil_free_percentage",
  "renewable_percentage",
  "power_consumption_total",
  "power_production_total",
  "power_import_total",
  "power_export_total",
  "nuclear_mw",
  "geothermal_mw",
  "biomass_mw",
  "coal_mw",
  "wind_mw",
  "solar_mw",
  "hydro_mw",
  "gas_mw",
  "oil_mw",
  "unknown_mw",
  "hydro_discharge_mw",
  "battery_discharge_mw",
] as const;
export type MeasurementColumn = (typeof MEASUREMENT_COLUMNS)[number];

export type Measurement = { datetime: string } & Partial<Record<MeasurementColumn, number | null>>;

export interface MeasurementsPage {
  zone: string;
  window: Window;
  hours_expected: number;
  count: number;
  available: string[];
  measurements: Measurement[];
}

export interface SourceMix {
  source: string;
  mw: number;
  share_percent: number | null;
  share_of_load_percent: number | null;
}

export interface RunBrief {
  run_id: string;
  trigger: string;
  status: string;
  started_at: string;
  finished_at: string | null;
}

export type CurrentDay =
  | {
      date: string;
      status: "ok";
      cluster: number;
      hours_seen: number[];
      description?: string;
      relative_rms_error: number;
    }
  | { date: string; status: "skipped"; reason: string };

export interface LatestStatus {
  zone: string;
  datetime: string;
  data_age_hours: number;
  stale: boolean;
  load_mw: number | null;
  carbon_intensity: number | null;
  renewable_percentage: number | null;
  fossil_free_percentage: number | null;
  import_mw: number | null;
  export_mw: number | null;
  generation_mix: SourceMix[];
  unknown_fields: string[];
  current_cluster: CurrentDay | null;
  last_run: RunBrief | null;
}

export interface Prediction {
  target_datetime: string;
  horizon_hours: number;
  predicted_mw: number;
  lower_mw: number | null;
  upper_mw: number | null;
  actual_mw: number | null;
}

export interface Forecast {
  zone: string;
  issued_at: string;
  model_version: string;
  interval_level: number | null;
  run_id: string;
  predictions: Prediction[];
  /** Measured solar in the hours before the forecast (newer APIs; absent from older ones). */
  history?: { datetime: string; solar_mw: number | null }[];
  evaluation: Record<string, unknown> | null;
  /** Absent from APIs older than the track record. */
  track_record?: TrackRecord;
}

export interface TrackRecord {
  start: string;
  end: string;
  n_forecasts: number;
  n_hours: number;
  mae_mw: number | null;
  persistence_mae_mw: number | null;
  skill_vs_persistence: number | null;
  coverage: number | null;
  interval_level: number | null;
}

export interface AnalysisResult<R = Record<string, unknown>> {
  kind: string;
  zone: string;
  run_id: string;
  range: AnalysisRange;
  window: Window;
  parameters: Record<string, unknown>;
  result: R;
  created_at: string;
}

export interface CorrelationPair {
  variable_a: string;
  variable_b: string;
  method: "pearson" | "spearman";
  coefficient: number;
  p_value: number | null;
  n: number;
}

export interface Correlations {
  zone: string;
  run_id: string;
  range: AnalysisRange;
  window: Window;
  pairs: CorrelationPair[];
}

export interface Run {
  run_id: string;
  trigger: string;
  status: string;
  input: Record<string, unknown>;
  started_at: string;
  finished_at: string | null;
  summary: Record<string, unknown> | null;
}

/* ---- result shapes (docs/analysis-results.md) ---- */

export interface DataCoverage {
  hours_in_range: number;
  n: number;
  first: string | null;
  last: string | null;
  gap_hours: number;
  gaps: { start: string; end: string; hours: number }[];
}

/** A per-variable entry: figures, or why there are none. */
export type Variable<T> =
  | ({ status: "ok"; n: number } & T)
  | { status: "skipped"; reason: string }
  | { status: "unknown"; note: string };

export interface TrendFigures {
  n_days: number;
  mean: number;
  slope_per_day: number;
  slope_ci_low: number;
  slope_ci_high: number;
  confidence: number;
  intercept: number;
  change_over_range_pct: number | null;
  /** `test` is absent in results stored before the autocorrelation correction. */
  mann_kendall: { test?: "hamed_rao"; trend: string; p_value: number; tau: number };
  direction: "rising" | "falling" | "no significant trend";
  daily: { date: string; mean: number | null }[];
  rolling_mean: { date: string; mean: number | null }[];
  rolling_window_days: number;
}

export interface ProfileHour {
  hour: number;
  mean: number;
  p10: number;
  p50: number;
  p90: number;
  n: number;
}

export interface ProfileFigures {
  peak_hour: number;
  all: ProfileHour[];
  weekday: ProfileHour[];
  weekend: ProfileHour[];
}

export interface SeasonalFigures {
  method: "MSTL" | "STL";
  periods_hours: number[];
  daily: { peak_hour: number; trough_hour: number; amplitude: number; strength: number };
  weekly: { strength: number } | null;
  trend: { strength: number };
}

export interface PerVariableResult<T> {
  data: DataCoverage;
  variables: Record<string, Variable<T>>;
}

export type LoadDistribution =
  | {
      status: "ok";
      n: number;
      mean: number;
      std: number | null;
      min: { datetime: string; value: number };
      max: { datetime: string; value: number };
      histogram: { edges: number[]; counts: number[] };
      quantiles: Record<string, number>;
      peak_hours: {
        counts_by_hour: { hour: number; days: number }[];
        most_common_hour: number | null;
        days: number;
      };
    }
  | { status: "skipped"; reason: string };

export type CarbonStatistics =
  | { status: "ok"; n: number; mean: number; lowest_hour: number; highest_hour: number }
  | { status: "unknown"; note: string };

export interface DistributionResult {
  data: DataCoverage;
  load: LoadDistribution;
  carbon_intensity: CarbonStatistics;
}

export interface ClusterSummary {
  cluster: number;
  n_days: number;
  weekday_share: number;
  peak_hour: number;
  trough_hour: number;
  mean_daily_load_mw: number;
  description: string;
  centroid: number[];
  mean_profile_mw: (number | null)[];
  first_date: string;
  last_date: string;
}

export interface ClusteringResult {
  data: DataCoverage;
  k: number;
  silhouette: number;
  n_days: number;
  set_aside: string[];
  clusters: ClusterSummary[];
  days: { date: string; cluster: number; distance: number }[];
  current_day: CurrentDay;
  days_left_out: { date: string; reason: string }[];
}

export interface AnomalyDay {
  date: string;
  check: "shape" | "level" | string;
  cluster: number;
  score: number;
  reason: string;
}

export interface AnomalyHour {
  date: string;
  hour: number;
  score: number;
  actual_mw: number;
  expected_mw: number;
  reason: string;
}

export interface AnomaliesResult {
  n_days: number;
  days: AnomalyDay[];
  hours_flagged: number;
  hours: AnomalyHour[];
}
