-- The carbon-intensity forecast (issue 15): every predict run stores the 24 hours after the
-- newest stored hour, life-cycle gCO2eq/kWh, with its 80% interval and the model version.
-- Its models live beside it (carbon_models, when no MODEL_BUCKET is set); their held-out
-- scores go to model_evaluations like the solar models' (versions start with "hgb-").

CREATE TABLE carbon_intensity_forecasts (
    id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    run_id            text        NOT NULL,
    zone              text        NOT NULL,
    issued_at         timestamptz NOT NULL,
    target_datetime   timestamptz NOT NULL,
    horizon_hours     integer     NOT NULL CHECK (horizon_hours > 0),
    predicted_g_per_kwh double precision NOT NULL CHECK (predicted_g_per_kwh >= 0),
    lower_g_per_kwh   double precision NOT NULL,
    upper_g_per_kwh   double precision NOT NULL,
    interval_level    double precision NOT NULL CHECK (interval_level > 0 AND interval_level < 1),
    model_version     text        NOT NULL,
    created_at        timestamptz NOT NULL DEFAULT now(),
    UNIQUE (zone, issued_at, target_datetime, model_version),
    CHECK (lower_g_per_kwh <= predicted_g_per_kwh AND predicted_g_per_kwh <= upper_g_per_kwh)
);
CREATE INDEX carbon_intensity_forecasts_latest ON carbon_intensity_forecasts (zone, issued_at DESC);
CREATE INDEX carbon_intensity_forecasts_by_target
    ON carbon_intensity_forecasts (zone, target_datetime);

CREATE TABLE carbon_models (
    version    text PRIMARY KEY,
    zone       text        NOT NULL,
    trained_at timestamptz NOT NULL,
    bundle     bytea       NOT NULL,
    metadata   jsonb       NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX carbon_models_latest ON carbon_models (zone, trained_at DESC);
