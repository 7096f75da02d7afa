-- The tables of docs/architecture.md. Times are timestamptz in UTC; power in MW; NULL means unknown.

CREATE TABLE electricity_measurements (
    zone                   text        NOT NULL,
    datetime               timestamptz NOT NULL,
    carbon_intensity       double precision,
    fossil_free_percentage double precision CHECK (fossil_free_percentage BETWEEN 0 AND 100),
    renewable_percentage   double precision CHECK (renewable_percentage BETWEEN 0 AND 100),
    power_consumption_total double precision,
    power_production_total  double precision,
    power_import_total     double precision,
    power_export_total     double precision,
    nuclear_mw             double precision,
    geothermal_mw          double precision,
    biomass_mw             double precision,
    coal_mw                double precision,
    wind_mw                double precision,
    solar_mw               double precision,
    hydro_mw               double precision,
    gas_mw                 double precision,
    oil_mw                 double precision,
    unknown_mw             double precision,
    hydro_discharge_mw     double precision,
    battery_discharge_mw   double precision,
    is_estimated           boolean,
    estimation_method      text,
    source_updated_at      timestamptz,
    ingested_at            timestamptz NOT NULL DEFAULT now(),
    raw                    jsonb,
    PRIMARY KEY (zone, datetime),
    CHECK (date_trunc('hour', datetime) = datetime)
);

CREATE TABLE electricity_analysis_results (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    run_id      text        NOT NULL,
    zone        text        NOT NULL,
    kind        text        NOT NULL,
    range_start timestamptz NOT NULL,
    range_end   timestamptz NOT NULL,
    parameters  jsonb       NOT NULL DEFAULT '{}'::jsonb,
    result      jsonb       NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    CHECK (range_start < range_end)
);
CREATE INDEX electricity_analysis_results_lookup
    ON electricity_analysis_results (zone, kind, created_at DESC);

CREATE TABLE electricity_correlations (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    run_id      text        NOT NULL,
    zone        text        NOT NULL,
    range_start timestamptz NOT NULL,
    range_end   timestamptz NOT NULL,
    variable_a  text        NOT NULL,
    variable_b  text        NOT NULL,
    method      text        NOT NULL CHECK (method IN ('pearson', 'spearman')),
    coefficient double precision NOT NULL CHECK (coefficient BETWEEN -1 AND 1),
    p_value     double precision CHECK (p_value BETWEEN 0 AND 1),
    n           integer     NOT NULL CHECK (n >= 0),
    created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX electricity_correlations_lookup
    ON electricity_correlations (zone, created_at DESC);

CREATE TABLE solar_predictions (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    run_id          text        NOT NULL,
    zone            text        NOT NULL,
    issued_at       timestamptz NOT NULL,
    target_datetime timestamptz NOT NULL,
    horizon_hours   integer     NOT NULL CHECK (horizon_hours > 0),
    predicted_mw    double precision NOT NULL,
    lower_mw        double precision,
    upper_mw        double precision,
    interval_level  double precision CHECK (interval_level > 0 AND interval_level < 1),
    model_version   text        NOT NULL,
    created_at      timestamptz NOT NULL DEFAULT now(),
    UNIQUE (zone, issued_at, target_datetime, model_version),
    CHECK (lower_mw IS NULL OR upper_mw IS NULL OR lower_mw <= upper_mw)
);
CREATE INDEX solar_predictions_latest ON solar_predictions (zone, issued_at DESC);

CREATE TABLE model_evaluations (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    model_version text        NOT NULL,
    zone          text        NOT NULL,
    evaluated_at  timestamptz NOT NULL DEFAULT now(),
    window_start  timestamptz NOT NULL,
    window_end    timestamptz NOT NULL,
    metrics       jsonb       NOT NULL,
    CHECK (window_start < window_end)
);
CREATE INDEX model_evaluations_latest ON model_evaluations (zone, evaluated_at DESC);

CREATE TABLE pipeline_runs (
    run_id      text PRIMARY KEY,
    trigger     text        NOT NULL CHECK (trigger IN ('schedule', 'api', 'console', 'local')),
    input       jsonb       NOT NULL DEFAULT '{}'::jsonb,
    started_at  timestamptz NOT NULL,
    finished_at timestamptz,
    status      text        NOT NULL,
    summary     jsonb
);
CREATE INDEX pipeline_runs_latest ON pipeline_runs (started_at DESC);
