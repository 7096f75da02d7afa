/** Shapes of the stored analysis results (docs/analysis-results.md), which the API serves as a
 * free-form `result` object: the OpenAPI document does not spell them out, so they are written
 * here. Dates and hours are on the Los Angeles wall clock; power in MW; `null` means unknown. */

/** Today's load-profile cluster (LatestStatus.current_cluster, ClusteringResult.current_day). */
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
  /** null: the range has too few days for that side of the interval to be bounded. */
  slope_ci_low: number | null;
  slope_ci_high: number | null;
  confidence: number;
  intercept: number;
  change_over_range_pct: number | null;
  /** `test` is absent in results stored before the autocorrelation correction; "original"
   * when the correction could not apply (`fallback_reason` says why). */
  mann_kendall: {
    test?: "hamed_rao" | "original";
    trend: string;
    p_value: number;
    tau: number;
    variance_factor?: number | null;
    fallback_reason?: string | null;
  };
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
  /** Life-cycle gCO2eq/kWh and carbon-free percent over the cluster's known hours; null (or
   * absent, in results stored before they were added) when none is known. */
  mean_carbon_intensity?: number | null;
  mean_fossil_free_percentage?: number | null;
  carbon_known_share?: number;
  /** Against the mean of every clustered day; null when too few hours are known. */
  carbon_vs_range?: "cleaner" | "dirtier" | "average" | null;
}

export interface ClusteringResult {
  data: DataCoverage;
  k: number;
  silhouette: number;
  n_days: number;
  set_aside: string[];
  clusters: ClusterSummary[];
  /** The same carbon means over every clustered day (absent in older results). */
  carbon?: { mean_carbon_intensity: number | null; mean_fossil_free_percentage: number | null; carbon_known_share: number };
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
