-- Retention (lambdas/core/retention.py) prunes by age on every run: these indexes let it find
-- the old rows, and a correlation set's results, without reading the whole tables.

CREATE INDEX electricity_analysis_results_by_age ON electricity_analysis_results (created_at);
CREATE INDEX electricity_analysis_results_by_run
    ON electricity_analysis_results (run_id, zone, range_start, range_end);
CREATE INDEX electricity_correlations_by_age ON electricity_correlations (created_at);
CREATE INDEX solar_predictions_by_issue ON solar_predictions (issued_at);
